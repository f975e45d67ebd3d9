import { type ConfigurationItem } from '../reconciliation/configuration-item';
import { type CloudInstance, type CloudProvider, type HostFacts } from './host-observation';

/**
 * Text keys for every identity value a CI holds. A store can keep them in one multikey field
 * (`lookupKeys`) with one index and answer each CiStore lookup as "CIs whose lookupKeys contain
 * one of these keys". Values are normalised before they get here, and none of them can contain
 * the separator: ids are digits or UUIDs, DNS and NetBIOS names exclude `|`.
 */
export const LOOKUP_KEYS = {
  sourceHost: (sourceId: string, hostId: string) => `source-host|${sourceId}|${hostId}`,
  agentId: (agentId: string) => `agent-id|${agentId}`,
  assetId: (subscription: string, assetId: string) => `asset-id|${subscription}|${assetId}`,
  cloudInstance: (provider: CloudProvider, instanceId: string) =>
    `cloud-instance|${provider}|${instanceId}`,
  /** `accountId` null stands for an instance whose account is not known. */
  cloudInstanceInAccount: (provider: CloudProvider, instanceId: string, accountId: string | null) =>
    `cloud-instance|${provider}|${instanceId}|account|${accountId ?? '?'}`,
  fqdn: (fqdn: string) => `fqdn|${fqdn}`,
  netbiosIp: (netbios: string, ip: string) => `netbios-ip|${netbios}|${ip}`,
  ipNetwork: (subscription: string, networkId: string, ip: string) =>
    `ip-network|${subscription}|${networkId}|${ip}`,
} as const;

/**
 * The keys to query for a cloud instance: without an account, every CI holding the instance;
 * with one, CIs holding it in that account or in an unknown one (an instance id is unique at
 * its provider, so a missing account is no reason to doubt the match).
 */
export function cloudQueryKeys(
  provider: CloudProvider,
  instanceId: string,
  accountId: string | null,
): string[] {
  if (accountId === null) return [LOOKUP_KEYS.cloudInstance(provider, instanceId)];
  return [
    LOOKUP_KEYS.cloudInstanceInAccount(provider, instanceId, accountId),
    LOOKUP_KEYS.cloudInstanceInAccount(provider, instanceId, null),
  ];
}

/** Every key under which a store must find this CI. */
export function ciLookupKeys(ci: ConfigurationItem): string[] {
  const keys = new Set<string>();
  for (const identity of ci.identities) {
    keys.add(LOOKUP_KEYS.sourceHost(identity.sourceId, identity.hostId));
    for (const sighting of identity.sightings) {
      for (const key of factKeys(sighting.facts)) keys.add(key);
    }
  }
  return [...keys].sort();
}

function factKeys(facts: HostFacts): string[] {
  const keys: string[] = [];
  if (facts.agentId) keys.push(LOOKUP_KEYS.agentId(facts.agentId));
  if (facts.assetId) keys.push(LOOKUP_KEYS.assetId(facts.subscription, facts.assetId));
  if (facts.cloud) keys.push(...cloudKeys(facts.cloud));
  if (facts.fqdn) keys.push(LOOKUP_KEYS.fqdn(facts.fqdn));
  for (const ip of facts.ips) {
    if (facts.netbios) keys.push(LOOKUP_KEYS.netbiosIp(facts.netbios, ip));
    keys.push(LOOKUP_KEYS.ipNetwork(facts.subscription, facts.networkId, ip));
  }
  return keys;
}

function cloudKeys(cloud: CloudInstance): string[] {
  return [
    LOOKUP_KEYS.cloudInstance(cloud.provider, cloud.instanceId),
    LOOKUP_KEYS.cloudInstanceInAccount(cloud.provider, cloud.instanceId, cloud.accountId),
  ];
}
