import { type HostFacts, type IntegrationKind } from '../identification/host-observation';
import { type IdentificationRule } from '../identification/rules';

/**
 * A host that identification could not place: a rule matched several CIs, or (with the
 * `unmatched` conflict policy) a stronger identifier contradicted the only candidate. Kept in
 * the unmatched queue, one entry per source + host id, until a later observation places it.
 */
export interface UnmatchedHost {
  sourceId: string;
  hostId: string;
  integration: IntegrationKind;
  observedAt: Date;
  rule: IdentificationRule;
  /** CI ids the rule found, sorted. */
  candidates: string[];
  reason: string;
  facts: HostFacts;
}
