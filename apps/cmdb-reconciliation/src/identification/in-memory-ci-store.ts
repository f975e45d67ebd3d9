import { type ConfigurationItem } from '../reconciliation/configuration-item';
import { type ReconciliationOutcome } from '../reconciliation/reconcile';
import { type SplitResult } from '../reconciliation/split-identity';
import { type UnmatchedHost } from '../reconciliation/unmatched-host';
import { type CiStore } from './ci-store';
import { type CloudProvider } from './host-observation';
import { ciLookupKeys, cloudQueryKeys, LOOKUP_KEYS } from './lookup-keys';

/**
 * A CiStore held in memory, indexed by `ciLookupKeys` the way a database store would be. It
 * copies documents in and out (structuredClone), as a database does, so that a caller that
 * mutated what it read would be caught. For tests and benchmarks.
 */
export class InMemoryCiStore implements CiStore {
  private readonly cis = new Map<string, ConfigurationItem>();
  private readonly keysOf = new Map<string, string[]>();
  private readonly index = new Map<string, Set<string>>();
  private readonly unmatched = new Map<string, UnmatchedHost>();

  /** Writes what an outcome says to write, as the service does with its database. */
  record(outcome: ReconciliationOutcome): void {
    if (!outcome.changed) return;
    if (outcome.ci) this.save(outcome.ci);
    if (outcome.unmatched)
      this.unmatched.set(hostKey(outcome.unmatched), structuredClone(outcome.unmatched));
    if (outcome.resolvesUnmatched) this.unmatched.delete(hostKey(outcome.host));
  }

  recordSplit(result: SplitResult): void {
    this.save(result.remaining);
    this.save(result.split);
  }

  save(ci: ConfigurationItem): void {
    for (const key of this.keysOf.get(ci.id) ?? []) this.index.get(key)?.delete(ci.id);

    const keys = ciLookupKeys(ci);
    for (const key of keys) {
      const ids = this.index.get(key) ?? new Set<string>();
      ids.add(ci.id);
      this.index.set(key, ids);
    }
    this.keysOf.set(ci.id, keys);
    this.cis.set(ci.id, structuredClone(ci));
  }

  all(): ConfigurationItem[] {
    return [...this.cis.values()].map(ci => structuredClone(ci));
  }

  unmatchedHosts(): UnmatchedHost[] {
    return [...this.unmatched.values()].map(host => structuredClone(host));
  }

  findBySourceHost(sourceId: string, hostId: string): Promise<readonly string[]> {
    return this.find(LOOKUP_KEYS.sourceHost(sourceId, hostId));
  }

  findByAgentId(agentId: string): Promise<readonly string[]> {
    return this.find(LOOKUP_KEYS.agentId(agentId));
  }

  findByAssetId(subscription: string, assetId: string): Promise<readonly string[]> {
    return this.find(LOOKUP_KEYS.assetId(subscription, assetId));
  }

  findByCloudInstance(
    provider: CloudProvider,
    instanceId: string,
    accountId: string | null,
  ): Promise<readonly string[]> {
    return this.find(...cloudQueryKeys(provider, instanceId, accountId));
  }

  findByFqdn(fqdn: string): Promise<readonly string[]> {
    return this.find(LOOKUP_KEYS.fqdn(fqdn));
  }

  findByNetbiosAndIp(netbios: string, ip: string): Promise<readonly string[]> {
    return this.find(LOOKUP_KEYS.netbiosIp(netbios, ip));
  }

  findByIpAndNetwork(
    ip: string,
    networkId: string,
    subscription: string,
  ): Promise<readonly string[]> {
    return this.find(LOOKUP_KEYS.ipNetwork(subscription, networkId, ip));
  }

  getCis(ids: readonly string[]): Promise<readonly ConfigurationItem[]> {
    const found = ids.flatMap(id => {
      const ci = this.cis.get(id);
      return ci ? [structuredClone(ci)] : [];
    });
    return Promise.resolve(found);
  }

  findUnmatched(sourceId: string, hostId: string): Promise<UnmatchedHost | null> {
    const host = this.unmatched.get(hostKey({ sourceId, hostId }));
    return Promise.resolve(host ? structuredClone(host) : null);
  }

  private find(...keys: string[]): Promise<readonly string[]> {
    const ids = new Set<string>();
    for (const key of keys) {
      for (const id of this.index.get(key) ?? []) ids.add(id);
    }
    return Promise.resolve([...ids]);
  }
}

function hostKey(host: { sourceId: string; hostId: string }): string {
  return `${host.sourceId}|${host.hostId}`;
}
