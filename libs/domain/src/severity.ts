import { requireInRange } from './errors';

/** Qualys severity levels (KB SEVERITY_LEVEL, detection SEVERITY), 1 lowest to 5 highest. */
export const SEVERITY = {
  MINIMAL: 1,
  MEDIUM: 2,
  SERIOUS: 3,
  CRITICAL: 4,
  URGENT: 5,
} as const;

/** A Qualys severity level, 1 to 5. */
export type Severity = (typeof SEVERITY)[keyof typeof SEVERITY];

/** The label Qualys shows for each severity level. */
export const SEVERITY_LABELS = {
  1: 'Minimal',
  2: 'Medium',
  3: 'Serious',
  4: 'Critical',
  5: 'Urgent',
} as const satisfies Record<Severity, string>;

/** Minimal, Medium, Serious, Critical or Urgent. */
export type SeverityLabel = (typeof SEVERITY_LABELS)[Severity];

/** True for the integers 1 to 5. */
export function isSeverity(value: unknown): value is Severity {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 5;
}

/** The Qualys label of a severity level; throws a DomainValueError for anything but 1 to 5. */
export function severityLabel(severity: number): SeverityLabel {
  requireInRange('severity', severity, 1, 5, { integer: true });
  return SEVERITY_LABELS[severity as Severity];
}
