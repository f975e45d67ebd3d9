import { requireInRange } from './errors';

/**
 * Risk ratings of a VI and the band of scores (0 to 100, inclusive) each one covers, highest
 * first. The bands above none are the QDS bands, so a QDS on an asset of default criticality
 * gets the rating Qualys gives it.
 */
export const RISK_RATINGS = {
  critical: { min: 90, max: 100 },
  high: { min: 70, max: 89 },
  medium: { min: 40, max: 69 },
  low: { min: 1, max: 39 },
  none: { min: 0, max: 0 },
} as const;

/** critical, high, medium, low or none. */
export type RiskRating = keyof typeof RISK_RATINGS;

/**
 * The rating of a risk score. Scores are integers; a fractional one belongs to the band whose
 * minimum it reaches (89.9 is high, any score above 0 is at least low). Throws a
 * DomainValueError for a score outside 0 to 100.
 */
export function riskRating(score: number): RiskRating {
  requireInRange('risk score', score, 0, 100);
  if (score >= RISK_RATINGS.critical.min) {
    return 'critical';
  }
  if (score >= RISK_RATINGS.high.min) {
    return 'high';
  }
  if (score >= RISK_RATINGS.medium.min) {
    return 'medium';
  }
  return score > 0 ? 'low' : 'none';
}
