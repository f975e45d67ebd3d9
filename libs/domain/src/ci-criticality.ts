import { requireInRange } from './errors';

/** Business criticality of a configuration item (CI), 1 lowest to 5 highest. */
export const CI_CRITICALITY = {
  MINOR: 1,
  LOW: 2,
  MEDIUM: 3,
  HIGH: 4,
  CRITICAL: 5,
} as const;

/** A CI criticality level, 1 to 5. */
export type CiCriticality = (typeof CI_CRITICALITY)[keyof typeof CI_CRITICALITY];

/** Display label of each criticality level. */
export const CI_CRITICALITY_LABELS = {
  1: 'Minor',
  2: 'Low',
  3: 'Medium',
  4: 'High',
  5: 'Critical',
} as const satisfies Record<CiCriticality, string>;

/**
 * The criticality assumed for a host that matches no CI, or a CI without a criticality: the
 * middle of the scale, so that an unknown asset neither hides nor inflates its findings.
 */
export const DEFAULT_CI_CRITICALITY = CI_CRITICALITY.MEDIUM;

/** True for the integers 1 to 5. */
export function isCiCriticality(value: unknown): value is CiCriticality {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 5;
}

/**
 * The criticality to score with: the CI's own when known, the default (3) when null or
 * undefined. Throws a DomainValueError for anything else than an integer from 1 to 5.
 */
export function ciCriticalityOrDefault(value: number | null | undefined): CiCriticality {
  if (value === null || value === undefined) {
    return DEFAULT_CI_CRITICALITY;
  }
  return requireInRange('assetCriticality', value, 1, 5, { integer: true }) as CiCriticality;
}
