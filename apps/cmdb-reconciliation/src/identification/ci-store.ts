import { type ConfigurationItem } from '../reconciliation/configuration-item';
import { type UnmatchedHost } from '../reconciliation/unmatched-host';
import { type CloudProvider } from './host-observation';

/**
 * What the engine reads from the CI store. Every lookup returns the ids of the CIs holding the
 * key (any order, duplicates allowed); `LOOKUP_KEYS` and `ciLookupKeys` give the keys a store
 * can index. The engine never writes: it returns what to write.
 */
export interface CiStore {
  findBySourceHost(sourceId: string, hostId: string): Promise<readonly string[]>;
  findByAgentId(agentId: string): Promise<readonly string[]>;
  /** Asset ids are numbered per subscription, so the lookup is scoped to one. */
  findByAssetId(subscription: string, assetId: string): Promise<readonly string[]>;
  /** With an account: CIs holding the instance in that account or in an unknown one. */
  findByCloudInstance(
    provider: CloudProvider,
    instanceId: string,
    accountId: string | null,
  ): Promise<readonly string[]>;
  findByFqdn(fqdn: string): Promise<readonly string[]>;
  findByNetbiosAndIp(netbios: string, ip: string): Promise<readonly string[]>;
  /** Network ids are numbered per subscription, so the partition is subscription + network. */
  findByIpAndNetwork(
    ip: string,
    networkId: string,
    subscription: string,
  ): Promise<readonly string[]>;
  /** The CIs with these ids that exist, in any order. */
  getCis(ids: readonly string[]): Promise<readonly ConfigurationItem[]>;
  findUnmatched(sourceId: string, hostId: string): Promise<UnmatchedHost | null>;
}
