import { type AttributeChange, changeEntries, rebuildCi } from './apply-observation';
import { reconcileAttributes } from './attributes';
import {
  type CiIdentity,
  type ConfigurationItem,
  type IdentityRef,
  sameIdentity,
} from './configuration-item';
import { type EngineContext } from './engine-config';
import { CMDB_ERROR_CODES, CmdbError } from './errors';
import {
  type CreatedEntry,
  type IdentitySplitEntry,
  type ReconciliationLogEntry,
} from './reconciliation-log';

export interface SplitRequest extends IdentityRef {
  /** Why the identity leaves, e.g. "web01 and web01-dr are two machines"; kept in the log. */
  reason: string;
  /** Who asked, for the log. */
  actor?: string | null;
}

export interface SplitResult {
  /** The CI without the identity: attributes recomputed from the identities it keeps. */
  remaining: ConfigurationItem;
  /** A new CI holding the identity alone. */
  split: ConfigurationItem;
  /** Attribute changes of the remaining CI. */
  changes: AttributeChange[];
  log: ReconciliationLogEntry[];
}

/**
 * Un-merge: moves one identity off a CI into a CI of its own, after a wrong merge. Later
 * observations of that host follow it to the new CI (the source-host rule comes first), so the
 * split holds. Refuses to take the last identity, which would leave an empty CI.
 */
export function splitIdentity(
  ci: ConfigurationItem,
  request: SplitRequest,
  context: EngineContext,
): SplitResult {
  const identity = ci.identities.find(known => sameIdentity(known, request));
  const label = `source ${request.sourceId} host ${request.hostId}`;
  if (!identity) {
    throw new CmdbError(
      CMDB_ERROR_CODES.identityNotFound,
      `CI ${ci.id} holds no identity ${label}`,
    );
  }
  if (ci.identities.length === 1) {
    throw new CmdbError(
      CMDB_ERROR_CODES.lastIdentity,
      `Identity ${label} is the only one of CI ${ci.id} and cannot be split off`,
    );
  }

  const at = context.now();
  const moved: CiIdentity = {
    ...identity,
    boundBy: { kind: 'split', fromCiId: ci.id, reason: request.reason, at },
  };
  const split: ConfigurationItem = {
    id: context.newId(),
    version: 1,
    ...reconcileAttributes([moved], context.config),
    identities: [moved],
    firstSeen: moved.firstSeen,
    lastSeen: moved.lastSeen,
    createdAt: at,
    updatedAt: at,
  };
  const rest = ci.identities.filter(known => known !== identity);
  const { ci: remaining, changes } = rebuildCi(ci, rest, context);

  const log: ReconciliationLogEntry[] = [
    splitEntry(ci, split, request, at, context),
    createdEntry(ci, split, request, at, context),
    ...changeEntries(ci.id, changes, { ...request, observedAt: null }, at, context),
  ];
  return { remaining, split, changes, log };
}

function splitEntry(
  from: ConfigurationItem,
  to: ConfigurationItem,
  request: SplitRequest,
  at: Date,
  context: EngineContext,
): IdentitySplitEntry {
  const actor = request.actor ?? null;
  return {
    kind: 'identity-split',
    id: context.newId(),
    at,
    ciId: from.id,
    sourceId: request.sourceId,
    hostId: request.hostId,
    observedAt: null,
    toCiId: to.id,
    reason: request.reason,
    actor,
    message:
      `Split source ${request.sourceId} host ${request.hostId} off CI ${from.attributes.name} ` +
      `into CI ${to.attributes.name}${actor ? ` at the request of ${actor}` : ''}: ` +
      request.reason,
  };
}

function createdEntry(
  from: ConfigurationItem,
  to: ConfigurationItem,
  request: SplitRequest,
  at: Date,
  context: EngineContext,
): CreatedEntry {
  return {
    kind: 'created',
    id: context.newId(),
    at,
    ciId: to.id,
    sourceId: request.sourceId,
    hostId: request.hostId,
    observedAt: null,
    origin: 'split',
    excluded: [],
    message:
      `Created CI ${to.attributes.name} from source ${request.sourceId} host ` +
      `${request.hostId}, split off CI ${from.attributes.name}: ${request.reason}`,
  };
}
