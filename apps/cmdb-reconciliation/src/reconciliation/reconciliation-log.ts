import { type Exclusion } from '../identification/identify';
import { type IdentificationRule } from '../identification/rules';
import {
  type AttributeSource,
  type CiAttributeName,
  type CiAttributes,
} from './configuration-item';

export const LOG_ENTRY_KINDS = {
  created: 'created',
  identityBound: 'identity-bound',
  attributeChanged: 'attribute-changed',
  unmatched: 'unmatched',
  identitySplit: 'identity-split',
} as const;

export type LogEntryKind = (typeof LOG_ENTRY_KINDS)[keyof typeof LOG_ENTRY_KINDS];

export type AttributeValue = CiAttributes[CiAttributeName];

interface LogEntryBase {
  id: string;
  /** When the engine decided. */
  at: Date;
  /** The CI concerned; null for an unmatched host. */
  ciId: string | null;
  /** The identity (Qualys host of a source) the entry is about. */
  sourceId: string;
  hostId: string;
  /** observedAt of the observation that caused the entry; null for a split. */
  observedAt: Date | null;
  /** One sentence saying what happened and why, for people. */
  message: string;
}

export interface CreatedEntry extends LogEntryBase {
  kind: 'created';
  ciId: string;
  /** What the new CI came from. */
  origin: 'observation' | 'split';
  /** Candidates set aside because a stronger identifier contradicted them. */
  excluded: Exclusion[];
}

export interface IdentityBoundEntry extends LogEntryBase {
  kind: 'identity-bound';
  ciId: string;
  rule: IdentificationRule;
  evidence: string;
  excluded: Exclusion[];
}

export interface AttributeChangedEntry extends LogEntryBase {
  kind: 'attribute-changed';
  ciId: string;
  attribute: CiAttributeName;
  from: AttributeValue;
  to: AttributeValue;
  /** The source whose value now holds; null when no identity reports one any more. */
  winner: AttributeSource | null;
}

export interface UnmatchedEntry extends LogEntryBase {
  kind: 'unmatched';
  ciId: null;
  rule: IdentificationRule;
  candidates: string[];
  reason: string;
}

export interface IdentitySplitEntry extends LogEntryBase {
  kind: 'identity-split';
  ciId: string;
  toCiId: string;
  reason: string;
  actor: string | null;
}

/** The reconciliation log: what happened to which CI, why, and by which rule. */
export type ReconciliationLogEntry =
  CreatedEntry | IdentityBoundEntry | AttributeChangedEntry | UnmatchedEntry | IdentitySplitEntry;

/** Writes an attribute value for a log message. */
export function describeValue(value: AttributeValue): string {
  if (value === null) return '(none)';
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.length > 0 ? value.join(', ') : '(none)';

  const account = value.accountId ? ` in account ${value.accountId}` : '';
  return `${value.provider} instance ${value.instanceId}${account}`;
}

export function describeSource(source: AttributeSource | null): string {
  if (!source) return 'no source reports a value';
  return (
    `${source.integration} of source ${source.sourceId} host ${source.hostId} ` +
    `observed ${source.observedAt.toISOString()} (${source.why})`
  );
}
