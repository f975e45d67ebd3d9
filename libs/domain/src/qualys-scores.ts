import { requireInRange } from './errors';

/**
 * The bands of the Qualys Detection Score (QDS, 1 to 100), as Qualys sends them in the
 * `severity` attribute of a detection's QDS element. Highest band first.
 */
export const QDS_SEVERITIES = {
  CRITICAL: { min: 90, max: 100 },
  HIGH: { min: 70, max: 89 },
  MEDIUM: { min: 40, max: 69 },
  LOW: { min: 1, max: 39 },
} as const;

/** LOW, MEDIUM, HIGH or CRITICAL. */
export type QdsSeverity = keyof typeof QDS_SEVERITIES;

/**
 * The Qualys band of a QDS: LOW 1-39, MEDIUM 40-69, HIGH 70-89, CRITICAL 90-100. Lets a
 * detection that came without the attribute (or with one we distrust) be banded the same way.
 * Throws a DomainValueError for a QDS outside 1 to 100.
 */
export function qdsSeverity(qds: number): QdsSeverity {
  requireInRange('qds', qds, 1, 100);
  if (qds >= QDS_SEVERITIES.CRITICAL.min) {
    return 'CRITICAL';
  }
  if (qds >= QDS_SEVERITIES.HIGH.min) {
    return 'HIGH';
  }
  return qds >= QDS_SEVERITIES.MEDIUM.min ? 'MEDIUM' : 'LOW';
}

/**
 * The highest Qualys Vulnerability Score (QVS, 0 to 100) among the CVEs of a vulnerability,
 * or null when none of them has one: a CVE without a QVS is unknown, not zero. Throws a
 * DomainValueError for a score outside 0 to 100.
 */
export function highestQvs(scores: Iterable<number | null | undefined>): number | null {
  let highest: number | null = null;
  for (const score of scores) {
    if (score === null || score === undefined) {
      continue;
    }
    const valid = requireInRange('qvs', score, 0, 100);
    highest = highest === null ? valid : Math.max(highest, valid);
  }
  return highest;
}
