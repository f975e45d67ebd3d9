export const CMDB_ERROR_CODES = {
  /** The engine configuration breaks a rule (unknown rule name, duplicate, bad selector). */
  invalidConfig: 'CMDB_INVALID_CONFIG',
  /** An observation lacks what identification needs (source, host id, a valid date). */
  invalidObservation: 'CMDB_INVALID_OBSERVATION',
  /** The store named a CI that it could not load (removed in between): retry the message. */
  ciNotFound: 'CMDB_CI_NOT_FOUND',
  /** A split names an identity that the CI does not hold. */
  identityNotFound: 'CMDB_IDENTITY_NOT_FOUND',
  /** A split would leave a CI without any identity. */
  lastIdentity: 'CMDB_LAST_IDENTITY',
} as const;

export type CmdbErrorCode = (typeof CMDB_ERROR_CODES)[keyof typeof CMDB_ERROR_CODES];

/** A refusal of the reconciliation engine; `retriable` tells a consumer whether to try again. */
export class CmdbError extends Error {
  readonly retriable: boolean;

  constructor(
    readonly code: CmdbErrorCode,
    message: string,
    readonly problems: readonly string[] = [],
  ) {
    super(message);
    this.name = 'CmdbError';
    this.retriable = code === CMDB_ERROR_CODES.ciNotFound;
  }
}
