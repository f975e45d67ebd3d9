/**
 * Codes of {@link DomainValueError}. A value that breaks one of these rules is a bug upstream
 * (a mapping that let a bad number through), so no error of this lib is retriable.
 */
export const DOMAIN_ERROR_CODES = {
  /**
   * A numeric input that is not a finite number (a number sent as a string included), not an
   * integer where one is required, or outside its range.
   */
  outOfRange: 'DOMAIN_VALUE_OUT_OF_RANGE',
  /** A value outside its catalogue (a CVSS version such as `v5`), or a flag not a boolean. */
  unknownValue: 'DOMAIN_VALUE_UNKNOWN',
} as const;

/** One of the DOMAIN_ERROR_CODES values. */
export type DomainErrorCode = (typeof DOMAIN_ERROR_CODES)[keyof typeof DOMAIN_ERROR_CODES];

/** A value handed to a domain rule that the rule refuses, with the field at fault. */
export class DomainValueError extends Error {
  readonly retriable = false;

  constructor(
    readonly code: DomainErrorCode,
    readonly field: string,
    readonly value: unknown,
    message: string,
  ) {
    super(message);
    this.name = 'DomainValueError';
  }
}

/** Checks a number against an inclusive range and returns it, or throws for `field`. */
export function requireInRange(
  field: string,
  value: unknown,
  min: number,
  max: number,
  options: { integer?: boolean } = {},
): number {
  const valid =
    typeof value === 'number' &&
    Number.isFinite(value) &&
    value >= min &&
    value <= max &&
    (options.integer !== true || Number.isInteger(value));
  if (valid) {
    return value;
  }

  const kind = options.integer === true ? 'an integer' : 'a number';
  throw new DomainValueError(
    DOMAIN_ERROR_CODES.outOfRange,
    field,
    value,
    `Invalid ${field}: expected ${kind} from ${min} to ${max}, got ${describe(value)}`,
  );
}

/** Short, log-safe rendering of a rejected value (strings are quoted and cut at 40 chars). */
export function describe(value: unknown): string {
  if (typeof value === 'string') {
    return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  }
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) {
    return String(value);
  }
  return value === undefined ? 'undefined' : typeof value;
}
