import { type HostFacts, type IntegrationKind } from '../identification/host-observation';
import { ignoredNameSet } from '../identification/identifying-facts';
import { classify } from './ci-class';
import {
  type AttributeSource,
  type AttributeSources,
  type CiAttributes,
  type CiIdentity,
  type ObservedAttribute,
  WIN_REASONS,
} from './configuration-item';
import { type EngineConfig, type SourceSelector } from './engine-config';

export type AttributeConfig = Pick<EngineConfig, 'precedence' | 'ignoredNames'>;

export interface ReconciledAttributes {
  attributes: CiAttributes;
  attributeSources: AttributeSources;
}

interface Candidate<T> {
  value: T;
  rank: number;
  sourceId: string;
  hostId: string;
  integration: IntegrationKind;
  observedAt: Date;
}

const NAME_ATTRIBUTES = new Set<ObservedAttribute>(['fqdn', 'dnsHostname', 'netbios']);

/**
 * The CI's attributes as a function of what its identities last reported: for each attribute,
 * the value of the highest-ranked source, and among equals the most recent. Being a function of
 * the identities, it gives the same answer whatever order the observations arrived in, and it
 * can be recomputed after an identity leaves (un-merge).
 */
export function reconcileAttributes(
  identities: readonly CiIdentity[],
  config: AttributeConfig,
): ReconciledAttributes {
  const ignored = ignoredNameSet(config.ignoredNames);
  const pick = <K extends ObservedAttribute>(attribute: K) => {
    const selectors = config.precedence.attributes[attribute] ?? config.precedence.default;
    return pickValue(attribute, identities, selectors, ignored);
  };

  const fqdn = pick('fqdn');
  const dnsHostname = pick('dnsHostname');
  const netbios = pick('netbios');
  const ips = pick('ips');
  const os = pick('os');
  const cloud = pick('cloud');
  const observed = {
    fqdn: fqdn.value,
    dnsHostname: dnsHostname.value,
    netbios: netbios.value,
    ips: ips.value ?? [],
    os: os.value,
    cloud: cloud.value,
  };
  const name = deriveName(observed, { fqdn, dnsHostname, netbios, ips }, identities);

  return {
    attributes: { ...observed, name: name.value, class: classify(observed.os, observed.cloud) },
    attributeSources: {
      name: name.source,
      class: observed.cloud ? cloud.source : os.source,
      fqdn: fqdn.source,
      dnsHostname: dnsHostname.source,
      netbios: netbios.source,
      ips: ips.source,
      os: os.source,
      cloud: cloud.source,
    },
  };
}

interface Picked<T> {
  value: T | null;
  source: AttributeSource | null;
}

function pickValue<K extends ObservedAttribute>(
  attribute: K,
  identities: readonly CiIdentity[],
  selectors: readonly SourceSelector[],
  ignored: ReadonlySet<string>,
): Picked<HostFacts[K]> {
  const candidates: Candidate<HostFacts[K]>[] = [];
  for (const identity of identities) {
    for (const sighting of identity.sightings) {
      const value = sighting.facts[attribute];
      if (value === null || (Array.isArray(value) && value.length === 0)) continue;
      if (typeof value === 'string' && isIgnoredName(attribute, value, ignored)) continue;

      candidates.push({
        value,
        rank: rankOf(selectors, identity.sourceId, sighting.integration),
        sourceId: identity.sourceId,
        hostId: identity.hostId,
        integration: sighting.integration,
        observedAt: sighting.observedAt,
      });
    }
  }

  candidates.sort(byPreference);
  const [best] = candidates;
  return best
    ? { value: best.value, source: sourceOf(best, candidates) }
    : { value: null, source: null };
}

function isIgnoredName(
  attribute: ObservedAttribute,
  value: string,
  ignored: ReadonlySet<string>,
): boolean {
  return NAME_ATTRIBUTES.has(attribute) && ignored.has(value.toLowerCase());
}

function rankOf(
  selectors: readonly SourceSelector[],
  sourceId: string,
  integration: IntegrationKind,
): number {
  const rank = selectors.findIndex(
    selector =>
      (selector.integration === undefined || selector.integration === integration) &&
      (selector.sourceId === undefined || selector.sourceId === sourceId),
  );
  return rank === -1 ? selectors.length : rank;
}

/** Rank, then recency; the ids only break exact ties, so that the result never depends on order. */
function byPreference(a: Candidate<unknown>, b: Candidate<unknown>): number {
  return (
    a.rank - b.rank ||
    b.observedAt.getTime() - a.observedAt.getTime() ||
    a.sourceId.localeCompare(b.sourceId) ||
    a.hostId.localeCompare(b.hostId) ||
    a.integration.localeCompare(b.integration)
  );
}

function sourceOf(
  best: Candidate<unknown>,
  sorted: readonly Candidate<unknown>[],
): AttributeSource {
  const bestKey = valueKey(best.value);
  const rival = sorted.find(candidate => valueKey(candidate.value) !== bestKey);
  let why: AttributeSource['why'] = WIN_REASONS.uncontested;
  if (rival && rival.rank > best.rank) why = WIN_REASONS.precedence;
  else if (rival && rival.observedAt < best.observedAt) why = WIN_REASONS.mostRecent;
  else if (rival) why = WIN_REASONS.tieBreak;

  return {
    sourceId: best.sourceId,
    hostId: best.hostId,
    integration: best.integration,
    observedAt: best.observedAt,
    why,
  };
}

export function valueKey(value: unknown): string {
  return JSON.stringify(value) ?? 'null';
}

/** FQDN's host part, else NetBIOS, else DNS host name, else first IP, else the Qualys host id. */
function deriveName(
  observed: Omit<CiAttributes, 'name' | 'class'>,
  picked: Record<'fqdn' | 'dnsHostname' | 'netbios' | 'ips', { source: AttributeSource | null }>,
  identities: readonly CiIdentity[],
): Picked<string> & { value: string } {
  const hostPart = observed.fqdn?.split('.')[0];
  if (hostPart) return { value: hostPart, source: picked.fqdn.source };
  if (observed.netbios) return { value: observed.netbios, source: picked.netbios.source };
  if (observed.dnsHostname) {
    return { value: observed.dnsHostname, source: picked.dnsHostname.source };
  }

  const [ip] = observed.ips;
  if (ip) return { value: ip, source: picked.ips.source };
  return { value: `host ${identities[0]?.hostId ?? 'unknown'}`, source: null };
}
