import { type NormalizedObservation } from '../identification/host-observation';
import { type Exclusion } from '../identification/identify';
import { type IdentificationRule } from '../identification/rules';
import { reconcileAttributes, valueKey } from './attributes';
import {
  type AttributeSource,
  type CiAttributeName,
  type CiIdentity,
  type ConfigurationItem,
  type IdentityBinding,
  type IdentitySighting,
  sameIdentity,
} from './configuration-item';
import { type EngineContext } from './engine-config';
import {
  type AttributeChangedEntry,
  type AttributeValue,
  type CreatedEntry,
  describeSource,
  describeValue,
  type IdentityBoundEntry,
  type ReconciliationLogEntry,
} from './reconciliation-log';

export interface AttributeChange {
  attribute: CiAttributeName;
  from: AttributeValue;
  to: AttributeValue;
  winner: AttributeSource | null;
}

export interface AppliedObservation {
  ci: ConfigurationItem;
  /** False when the CI is exactly as before: nothing to store, nothing to publish. */
  changed: boolean;
  changes: AttributeChange[];
  log: ReconciliationLogEntry[];
}

/** How identify placed a host that the CI did not hold yet. */
export interface NewBinding {
  rule: IdentificationRule;
  evidence: string;
  excluded: Exclusion[];
}

/** Order in which attribute changes are logged. */
const ATTRIBUTE_ORDER: readonly CiAttributeName[] = [
  'name',
  'class',
  'fqdn',
  'dnsHostname',
  'netbios',
  'ips',
  'os',
  'cloud',
];

/** A CI for a host that no rule placed, holding that host as its only identity. */
export function createCi(
  observation: NormalizedObservation,
  excluded: Exclusion[],
  context: EngineContext,
): AppliedObservation {
  const at = context.now();
  const identity = newIdentity(observation, { kind: 'created', at });
  const ci: ConfigurationItem = {
    id: context.newId(),
    version: 1,
    ...reconcileAttributes([identity], context.config),
    identities: [identity],
    firstSeen: observation.observedAt,
    lastSeen: observation.observedAt,
    createdAt: at,
    updatedAt: at,
  };

  const contradicted = excluded.map(exclusion => exclusion.reason).join('; ');
  const why =
    excluded.length === 0
      ? 'no identification rule matched'
      : `no identification rule matched without contradiction (${contradicted})`;
  const entry: CreatedEntry = {
    kind: 'created',
    id: context.newId(),
    at,
    ciId: ci.id,
    sourceId: observation.sourceId,
    hostId: observation.hostId,
    observedAt: observation.observedAt,
    origin: 'observation',
    excluded,
    message:
      `Created CI ${ci.attributes.name} for source ${observation.sourceId} ` +
      `host ${observation.hostId}: ${why}`,
  };
  return { ci, changed: true, changes: [], log: [entry] };
}

/**
 * Records an observation on the CI it was matched to: binds the host as a new identity when
 * `binding` is given, refreshes the identity's sighting for the observation's integration
 * unless the sighting is newer, and recomputes the attributes. Returns `changed: false` and no
 * log entry when nothing moved (a replay, or an older observation that adds nothing).
 */
export function applyObservation(
  ci: ConfigurationItem,
  observation: NormalizedObservation,
  binding: NewBinding | null,
  context: EngineContext,
): AppliedObservation {
  const at = context.now();
  const existing = ci.identities.find(identity => sameIdentity(identity, observation));
  const identity = existing
    ? observeIdentity(existing, observation)
    : newIdentity(observation, bindingOf(binding, at));
  if (identity === existing) return { ci, changed: false, changes: [], log: [] };

  const identities = existing
    ? ci.identities.map(known => (known === existing ? identity : known))
    : [...ci.identities, identity];
  const rebuilt = rebuildCi(ci, identities, context);

  const log: ReconciliationLogEntry[] = [];
  if (!existing) log.push(boundEntry(ci, observation, binding, at, context));
  log.push(...changeEntries(ci.id, rebuilt.changes, observation, at, context));
  return { ci: rebuilt.ci, changed: true, changes: rebuilt.changes, log };
}

function bindingOf(binding: NewBinding | null, at: Date): IdentityBinding {
  // A host with no identity on the CI always arrives with the rule that placed it; "created"
  // only covers a caller that applies an observation to a CI of its own making.
  if (!binding) return { kind: 'created', at };
  return { kind: 'rule', rule: binding.rule, evidence: binding.evidence, at };
}

function boundEntry(
  ci: ConfigurationItem,
  observation: NormalizedObservation,
  binding: NewBinding | null,
  at: Date,
  context: EngineContext,
): IdentityBoundEntry {
  const rule = binding?.rule ?? 'source-host';
  const evidence = binding?.evidence ?? `source ${observation.sourceId} host ${observation.hostId}`;
  const excluded = binding?.excluded ?? [];
  const setAside =
    excluded.length > 0 ? `; set aside: ${excluded.map(e => e.reason).join('; ')}` : '';
  return {
    kind: 'identity-bound',
    id: context.newId(),
    at,
    ciId: ci.id,
    sourceId: observation.sourceId,
    hostId: observation.hostId,
    observedAt: observation.observedAt,
    rule,
    evidence,
    excluded,
    message:
      `Bound source ${observation.sourceId} host ${observation.hostId} to CI ` +
      `${ci.attributes.name} by rule ${rule} (${evidence})${setAside}`,
  };
}

export function newIdentity(
  observation: NormalizedObservation,
  boundBy: IdentityBinding,
): CiIdentity {
  return {
    sourceId: observation.sourceId,
    hostId: observation.hostId,
    firstSeen: observation.observedAt,
    lastSeen: observation.observedAt,
    boundBy,
    sightings: [sightingOf(observation)],
  };
}

function sightingOf(observation: NormalizedObservation): IdentitySighting {
  return {
    integration: observation.integration,
    observedAt: observation.observedAt,
    facts: observation.facts,
  };
}

/**
 * The identity after an observation, or the very same object when the observation changes
 * nothing. A sighting is replaced by a newer one; at the same instant only if the facts differ
 * (so that a replay is a no-op). An older observation can still move firstSeen back, and fills
 * in an integration the identity has no sighting of yet.
 */
function observeIdentity(identity: CiIdentity, observation: NormalizedObservation): CiIdentity {
  const time = observation.observedAt.getTime();
  const firstSeen =
    time < identity.firstSeen.getTime() ? observation.observedAt : identity.firstSeen;
  const lastSeen = time > identity.lastSeen.getTime() ? observation.observedAt : identity.lastSeen;

  const current = identity.sightings.find(s => s.integration === observation.integration);
  let sightings = identity.sightings;
  if (!current) {
    sightings = [...identity.sightings, sightingOf(observation)];
  } else if (replaces(observation, current)) {
    sightings = identity.sightings.map(s => (s === current ? sightingOf(observation) : s));
  }

  const unchanged =
    sightings === identity.sightings &&
    firstSeen === identity.firstSeen &&
    lastSeen === identity.lastSeen;
  return unchanged ? identity : { ...identity, firstSeen, lastSeen, sightings };
}

function replaces(observation: NormalizedObservation, current: IdentitySighting): boolean {
  const delta = observation.observedAt.getTime() - current.observedAt.getTime();
  return delta > 0 || (delta === 0 && valueKey(observation.facts) !== valueKey(current.facts));
}

/** The CI with new identities: attributes recomputed, dates spanned, version incremented. */
export function rebuildCi(
  ci: ConfigurationItem,
  identities: CiIdentity[],
  context: EngineContext,
): { ci: ConfigurationItem; changes: AttributeChange[] } {
  const { attributes, attributeSources } = reconcileAttributes(identities, context.config);
  const changes = ATTRIBUTE_ORDER.filter(
    attribute => valueKey(ci.attributes[attribute]) !== valueKey(attributes[attribute]),
  ).map(attribute => ({
    attribute,
    from: ci.attributes[attribute],
    to: attributes[attribute],
    winner: attributeSources[attribute],
  }));

  const rebuilt: ConfigurationItem = {
    ...ci,
    version: ci.version + 1,
    attributes,
    attributeSources,
    identities,
    ...seenSpan(identities),
    updatedAt: context.now(),
  };
  return { ci: rebuilt, changes };
}

function seenSpan(identities: readonly CiIdentity[]): { firstSeen: Date; lastSeen: Date } {
  const first = Math.min(...identities.map(identity => identity.firstSeen.getTime()));
  const last = Math.max(...identities.map(identity => identity.lastSeen.getTime()));
  return { firstSeen: new Date(first), lastSeen: new Date(last) };
}

/** One attribute-changed entry per change, attributed to the identity that caused it. */
export function changeEntries(
  ciId: string,
  changes: readonly AttributeChange[],
  cause: { sourceId: string; hostId: string; observedAt: Date | null },
  at: Date,
  context: EngineContext,
): AttributeChangedEntry[] {
  return changes.map(change => ({
    kind: 'attribute-changed',
    id: context.newId(),
    at,
    ciId,
    sourceId: cause.sourceId,
    hostId: cause.hostId,
    observedAt: cause.observedAt,
    attribute: change.attribute,
    from: change.from,
    to: change.to,
    winner: change.winner,
    message:
      `${change.attribute} changed from ${describeValue(change.from)} to ` +
      `${describeValue(change.to)}: ${describeSource(change.winner)}`,
  }));
}
