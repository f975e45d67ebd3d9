import { type CiStore } from '../identification/ci-store';
import {
  type HostObservation,
  type NormalizedObservation,
  normalizeObservation,
} from '../identification/host-observation';
import { type Identification, identify } from '../identification/identify';
import { IDENTIFICATION_RULES, type IdentificationRule } from '../identification/rules';
import {
  type AppliedObservation,
  applyObservation,
  type AttributeChange,
  createCi,
} from './apply-observation';
import { type ConfigurationItem, type IdentityRef } from './configuration-item';
import { type EngineContext } from './engine-config';
import { CMDB_ERROR_CODES, CmdbError } from './errors';
import { type ReconciliationLogEntry, type UnmatchedEntry } from './reconciliation-log';
import { type UnmatchedHost } from './unmatched-host';

/** Where an observation went. */
export type ReconciliationDecision =
  | { kind: 'matched'; ciId: string; rule: IdentificationRule; evidence: string }
  | { kind: 'created'; ci: ConfigurationItem }
  | { kind: 'unmatched'; reason: string; rule: IdentificationRule; candidates: string[] };

export interface ReconciliationOutcome {
  /** The Qualys host the observation was about (the key of `cmdb.ci.reconciled`). */
  host: IdentityRef;
  decision: ReconciliationDecision;
  /** The CI after the observation (store it when `changed`); null for an unmatched host. */
  ci: ConfigurationItem | null;
  /** The host's entry in the unmatched queue (store it when `changed`); null otherwise. */
  unmatched: UnmatchedHost | null;
  /** The host was waiting in the unmatched queue and now belongs to a CI: remove the entry. */
  resolvesUnmatched: boolean;
  /** False when there is nothing to store and nothing to publish. */
  changed: boolean;
  changes: AttributeChange[];
  log: ReconciliationLogEntry[];
}

/**
 * Identifies the host of an observation and reconciles the CI it belongs to. Pure apart from
 * the store reads: the outcome says what to write (CI, unmatched entry, log entries), and the
 * same observation applied twice yields `changed: false` and no log entry the second time.
 */
export async function reconcileObservation(
  observation: HostObservation,
  store: CiStore,
  context: EngineContext,
): Promise<ReconciliationOutcome> {
  const normalized = normalizeObservation(observation);
  const identification = await identify(normalized, store, context.config);

  switch (identification.kind) {
    case 'unmatched':
      return await unmatchedOutcome(normalized, identification, store, context);
    case 'new': {
      const applied = createCi(normalized, identification.excluded, context);
      const resolvesUnmatched =
        (await store.findUnmatched(normalized.sourceId, normalized.hostId)) !== null;
      return placed(normalized, { kind: 'created', ci: applied.ci }, applied, resolvesUnmatched);
    }
    case 'matched':
      return await matchedOutcome(normalized, identification, store, context);
  }
}

async function matchedOutcome(
  observation: NormalizedObservation,
  identification: Extract<Identification, { kind: 'matched' }>,
  store: CiStore,
  context: EngineContext,
): Promise<ReconciliationOutcome> {
  const { ciId, rule, evidence, excluded } = identification;
  const ci = (await store.getCis([ciId])).find(candidate => candidate.id === ciId);
  if (!ci) {
    throw new CmdbError(
      CMDB_ERROR_CODES.ciNotFound,
      `CI ${ciId} was matched by ${rule} but not loaded`,
    );
  }

  const bound = rule === IDENTIFICATION_RULES.sourceHost;
  const applied = applyObservation(
    ci,
    observation,
    bound ? null : { rule, evidence, excluded },
    context,
  );
  const resolvesUnmatched =
    !bound && (await store.findUnmatched(observation.sourceId, observation.hostId)) !== null;
  return placed(observation, { kind: 'matched', ciId, rule, evidence }, applied, resolvesUnmatched);
}

function placed(
  host: IdentityRef,
  decision: ReconciliationDecision,
  applied: AppliedObservation,
  resolvesUnmatched: boolean,
): ReconciliationOutcome {
  return {
    host: { sourceId: host.sourceId, hostId: host.hostId },
    decision,
    ci: applied.ci,
    unmatched: null,
    resolvesUnmatched,
    changed: applied.changed || resolvesUnmatched,
    changes: applied.changes,
    log: applied.log,
  };
}

/**
 * The unmatched queue keeps one entry per host. A replay, or an older observation, leaves it
 * alone; a newer one refreshes it, and is logged only when the rule, candidates or reason moved.
 */
async function unmatchedOutcome(
  observation: NormalizedObservation,
  identification: Extract<Identification, { kind: 'unmatched' }>,
  store: CiStore,
  context: EngineContext,
): Promise<ReconciliationOutcome> {
  const { rule, candidates, reason } = identification;
  const decision: ReconciliationDecision = { kind: 'unmatched', reason, rule, candidates };
  const previous = await store.findUnmatched(observation.sourceId, observation.hostId);
  const entry: UnmatchedHost = {
    sourceId: observation.sourceId,
    hostId: observation.hostId,
    integration: observation.integration,
    observedAt: observation.observedAt,
    rule,
    candidates,
    reason,
    facts: observation.facts,
  };

  const sameVerdict =
    previous !== null &&
    previous.rule === rule &&
    previous.reason === reason &&
    previous.candidates.join() === candidates.join();
  const delta = previous ? observation.observedAt.getTime() - previous.observedAt.getTime() : 1;
  if (previous && (delta < 0 || (delta === 0 && sameVerdict))) {
    return { ...unchanged(observation, decision), unmatched: previous };
  }

  const log: ReconciliationLogEntry[] = sameVerdict ? [] : [unmatchedEntry(entry, context)];
  return { ...unchanged(observation, decision), unmatched: entry, changed: true, log };
}

function unchanged(host: IdentityRef, decision: ReconciliationDecision): ReconciliationOutcome {
  return {
    host: { sourceId: host.sourceId, hostId: host.hostId },
    decision,
    ci: null,
    unmatched: null,
    resolvesUnmatched: false,
    changed: false,
    changes: [],
    log: [],
  };
}

function unmatchedEntry(host: UnmatchedHost, context: EngineContext): UnmatchedEntry {
  return {
    kind: 'unmatched',
    id: context.newId(),
    at: context.now(),
    ciId: null,
    sourceId: host.sourceId,
    hostId: host.hostId,
    observedAt: host.observedAt,
    rule: host.rule,
    candidates: host.candidates,
    reason: host.reason,
    message: `Left source ${host.sourceId} host ${host.hostId} unmatched: ${host.reason}`,
  };
}
