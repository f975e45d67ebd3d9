import { CMDB_ERROR_CODES, CmdbError } from '../reconciliation/errors';
import { type CiStore } from './ci-store';
import { type HostFacts, type NormalizedObservation } from './host-observation';
import { hasName, identifyingFacts, ignoredNameSet } from './identifying-facts';
import {
  CONFLICT_POLICIES,
  type ConflictPolicy,
  CONTRADICTING_RULES,
  IDENTIFICATION_RULES,
  type IdentificationRule,
} from './rules';

export interface IdentificationConfig {
  /** Rules to apply, strongest first; `source-host` must come first. */
  ruleOrder: readonly IdentificationRule[];
  conflictPolicy: ConflictPolicy;
  /** Names (FQDN, DNS host name, NetBIOS) never used to identify, compared case-insensitively. */
  ignoredNames: readonly string[];
}

/** A candidate CI set aside because a stronger identifier says it is another machine. */
export interface Exclusion {
  ciId: string;
  rule: IdentificationRule;
  evidence: string;
  contradictedBy: IdentificationRule;
  reason: string;
}

export type Identification =
  | {
      kind: 'matched';
      ciId: string;
      rule: IdentificationRule;
      evidence: string;
      excluded: Exclusion[];
    }
  | { kind: 'new'; excluded: Exclusion[] }
  | { kind: 'unmatched'; rule: IdentificationRule; candidates: string[]; reason: string };

interface Probe {
  evidence: string;
  find(store: CiStore): Promise<readonly string[]>;
}

/**
 * Applies the rules in the configured order and stops at the first that finds a CI. A rule that
 * finds exactly one CI matches; one that finds several leaves the host unmatched rather than
 * pick one. Before counting, a candidate is set aside when an identifier of a stronger rule
 * that a machine holds only once (agent id, cloud instance, FQDN) differs between it and the
 * observation. With nothing found, the host is new.
 */
export async function identify(
  observation: NormalizedObservation,
  store: CiStore,
  config: IdentificationConfig,
): Promise<Identification> {
  const ignored = ignoredNameSet(config.ignoredNames);
  const facts = identifyingFacts(observation.facts, ignored);
  const excluded: Exclusion[] = [];

  for (const [position, rule] of config.ruleOrder.entries()) {
    const found = await runProbes(probesFor(rule, observation, facts), store);
    if (found.size === 0) continue;

    const stronger = config.ruleOrder
      .slice(0, position)
      .filter(strongerRule => CONTRADICTING_RULES.has(strongerRule));
    const contradictions = await contradictionsOf(found, rule, stronger, facts, ignored, store);
    const candidates = [...found.keys()].filter(id => !contradictions.has(id)).sort();
    const rejected = [...contradictions.values()];
    for (const exclusion of rejected) {
      if (!excluded.some(known => known.ciId === exclusion.ciId)) excluded.push(exclusion);
    }

    const [only] = candidates;
    if (only !== undefined && candidates.length === 1) {
      return { kind: 'matched', ciId: only, rule, evidence: found.get(only) ?? rule, excluded };
    }
    if (candidates.length > 1) {
      return { kind: 'unmatched', rule, candidates, reason: ambiguityReason(found, candidates) };
    }
    if (config.conflictPolicy === CONFLICT_POLICIES.unmatched) {
      return {
        kind: 'unmatched',
        rule,
        candidates: rejected.map(exclusion => exclusion.ciId).sort(),
        reason: rejected.map(exclusion => exclusion.reason).join('; '),
      };
    }
  }

  return { kind: 'new', excluded };
}

function probesFor(
  rule: IdentificationRule,
  observation: NormalizedObservation,
  facts: HostFacts,
): Probe[] {
  switch (rule) {
    case IDENTIFICATION_RULES.sourceHost: {
      const { sourceId, hostId } = observation;
      return [
        {
          evidence: `source ${sourceId} host ${hostId}`,
          find: store => store.findBySourceHost(sourceId, hostId),
        },
      ];
    }
    case IDENTIFICATION_RULES.agentId: {
      const { agentId } = facts;
      if (!agentId) return [];
      return [{ evidence: `agent id ${agentId}`, find: store => store.findByAgentId(agentId) }];
    }
    case IDENTIFICATION_RULES.assetId: {
      const { assetId, subscription } = facts;
      if (!assetId) return [];
      return [
        {
          evidence: `asset id ${assetId} in subscription ${subscription}`,
          find: store => store.findByAssetId(subscription, assetId),
        },
      ];
    }
    case IDENTIFICATION_RULES.cloudInstance: {
      const { cloud } = facts;
      if (!cloud) return [];
      const account = cloud.accountId ? ` in account ${cloud.accountId}` : '';
      return [
        {
          evidence: `${cloud.provider} instance ${cloud.instanceId}${account}`,
          find: store =>
            store.findByCloudInstance(cloud.provider, cloud.instanceId, cloud.accountId),
        },
      ];
    }
    case IDENTIFICATION_RULES.fqdn: {
      const { fqdn } = facts;
      if (!fqdn) return [];
      return [{ evidence: `fqdn ${fqdn}`, find: store => store.findByFqdn(fqdn) }];
    }
    case IDENTIFICATION_RULES.netbiosIp: {
      const { netbios } = facts;
      if (!netbios) return [];
      return facts.ips.map(ip => ({
        evidence: `netbios ${netbios} + ip ${ip}`,
        find: store => store.findByNetbiosAndIp(netbios, ip),
      }));
    }
    case IDENTIFICATION_RULES.ipNetwork: {
      // An address is a weak identity (DHCP, NAT, reuse): it may only place a host that has
      // nothing better to go by, never one whose name found no CI.
      if (hasName(facts)) return [];
      const { networkId, subscription } = facts;
      return facts.ips.map(ip => ({
        evidence: `ip ${ip} in network ${networkId}`,
        find: store => store.findByIpAndNetwork(ip, networkId, subscription),
      }));
    }
  }
}

/** CI id → evidence of the first probe that found it. */
async function runProbes(probes: Probe[], store: CiStore): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  for (const probe of probes) {
    for (const ciId of await probe.find(store)) {
      if (!found.has(ciId)) found.set(ciId, probe.evidence);
    }
  }
  return found;
}

async function contradictionsOf(
  found: ReadonlyMap<string, string>,
  rule: IdentificationRule,
  stronger: readonly IdentificationRule[],
  facts: HostFacts,
  ignored: ReadonlySet<string>,
  store: CiStore,
): Promise<Map<string, Exclusion>> {
  const contradictions = new Map<string, Exclusion>();
  const checks = stronger.flatMap(strongerRule => {
    const value = identityValue(strongerRule, facts);
    return value === null ? [] : [{ strongerRule, value }];
  });
  if (checks.length === 0) return contradictions;

  const ids = [...found.keys()];
  const cis = await store.getCis(ids);
  for (const ciId of ids) {
    const ci = cis.find(candidate => candidate.id === ciId);
    if (!ci) {
      throw new CmdbError(
        CMDB_ERROR_CODES.ciNotFound,
        `CI ${ciId} was found by ${rule} but not loaded`,
      );
    }
    const ciFacts = ci.identities.flatMap(identity =>
      identity.sightings.map(sighting => identifyingFacts(sighting.facts, ignored)),
    );

    for (const { strongerRule, value } of checks) {
      const ciValues = distinct(ciFacts.map(known => identityValue(strongerRule, known)));
      if (ciValues.length === 0 || ciValues.includes(value)) continue;

      const evidence = found.get(ciId) ?? rule;
      const label = VALUE_LABELS[strongerRule] ?? strongerRule;
      contradictions.set(ciId, {
        ciId,
        rule,
        evidence,
        contradictedBy: strongerRule,
        reason:
          `${evidence} matches CI ${ciId}, but its ${label} ${ciValues.join(', ')} ` +
          `differs from the observation's ${value}`,
      });
      break;
    }
  }
  return contradictions;
}

const VALUE_LABELS: Partial<Record<IdentificationRule, string>> = {
  [IDENTIFICATION_RULES.agentId]: 'agent id',
  [IDENTIFICATION_RULES.cloudInstance]: 'cloud instance',
  [IDENTIFICATION_RULES.fqdn]: 'fqdn',
};

/** The value a machine holds only once, for the rules in CONTRADICTING_RULES. */
function identityValue(rule: IdentificationRule, facts: HostFacts): string | null {
  switch (rule) {
    case IDENTIFICATION_RULES.agentId:
      return facts.agentId;
    case IDENTIFICATION_RULES.cloudInstance:
      return facts.cloud ? `${facts.cloud.provider} ${facts.cloud.instanceId}` : null;
    case IDENTIFICATION_RULES.fqdn:
      return facts.fqdn;
    case IDENTIFICATION_RULES.sourceHost:
    case IDENTIFICATION_RULES.assetId:
    case IDENTIFICATION_RULES.netbiosIp:
    case IDENTIFICATION_RULES.ipNetwork:
      return null;
  }
}

function distinct(values: (string | null)[]): string[] {
  return [...new Set(values.filter((value): value is string => value !== null))].sort();
}

function ambiguityReason(found: ReadonlyMap<string, string>, candidates: string[]): string {
  const evidences = distinct(candidates.map(id => found.get(id) ?? null));
  const verb = evidences.length === 1 ? 'matches' : 'match';
  return `${evidences.join(', ')} ${verb} ${candidates.length} CIs: ${candidates.join(', ')}`;
}
