import { QUALYS_ERROR_KINDS, QualysApiError, type QualysErrorKind } from '../errors';
import type { QualysSource } from './config';
import type { WaitReason } from './stats';

/** Qualys API codes the client acts on (SIMPLE_RETURN CODE / WARNING CODE). */
export const QUALYS_CODES = {
  /** Old generic "blocked by other running requests"; Qualys now sends 1960 or 1965. */
  blocked: '1920',
  concurrencyLimit: '1960',
  rateLimit: '1965',
  truncated: '1980',
} as const;

/**
 * Qualys numbers its account and login errors in the 2000s (2001 account expired, 2003
 * registration not completed, 2011 SecureID required), as the parsers also read them.
 */
function isAuthenticationCode(code: string): boolean {
  const number = Number(code);
  return Number.isInteger(number) && number >= 2000 && number <= 2099;
}

/**
 * The kind of a failed answer, decided by Qualys' CODE first and the HTTP status second: the
 * vendor documents 1965 under HTTP 400 while tenants send 409, and an expired account answers
 * HTTP 200, so the status alone misleads.
 */
export function kindForAnswer(apiCode: string | null, httpStatus: number): QualysErrorKind {
  if (apiCode === QUALYS_CODES.concurrencyLimit || apiCode === QUALYS_CODES.blocked) {
    return QUALYS_ERROR_KINDS.concurrencyLimited;
  }
  if (apiCode === QUALYS_CODES.rateLimit || httpStatus === 429) {
    return QUALYS_ERROR_KINDS.rateLimited;
  }
  if (
    (apiCode !== null && (isAuthenticationCode(apiCode) || apiCode === 'INVALID_CREDENTIALS')) ||
    [401, 403].includes(httpStatus)
  ) {
    return QUALYS_ERROR_KINDS.authentication;
  }
  if (httpStatus >= 500) {
    return QUALYS_ERROR_KINDS.server;
  }
  // Qualys answers 409 only for its limits; without a readable code it is the concurrency one.
  if (httpStatus === 409 && apiCode === null) {
    return QUALYS_ERROR_KINDS.concurrencyLimited;
  }
  return QUALYS_ERROR_KINDS.api;
}

const RETRIABLE_KINDS = new Set<QualysErrorKind>([
  QUALYS_ERROR_KINDS.server,
  QUALYS_ERROR_KINDS.network,
  QUALYS_ERROR_KINDS.concurrencyLimited,
  QUALYS_ERROR_KINDS.rateLimited,
]);

export function isRetriableKind(kind: QualysErrorKind): boolean {
  return RETRIABLE_KINDS.has(kind);
}

/** Counters of one logical call (one page or one small answer) across its attempts. */
export interface RetryState {
  attempts: number;
  failures: number;
  concurrencyRetries: number;
  rateWaits: number;
  tokenRenewed: boolean;
}

export function newRetryState(): RetryState {
  return { attempts: 0, failures: 0, concurrencyRetries: 0, rateWaits: 0, tokenRenewed: false };
}

export type RetryDecision =
  | { action: 'retry'; reason: WaitReason; delayMs: number }
  | { action: 'renewToken' }
  | { action: 'fail'; error: QualysApiError };

export interface RetryPolicy {
  api: string;
  source: string;
  /** A PCRS data call renews its token once on 401. */
  renewsTokenOn401: boolean;
  retry: QualysSource['retry'];
  limits: QualysSource['limits'];
  random: () => number;
}

/**
 * What to do after a failed attempt; counts the decision in `state`. 5xx, network errors and
 * cut-off bodies share one attempt budget; 409/1960 has its own, because a busy subscription
 * is not a broken one; rate-limit waits are bounded by count and by length.
 */
export function decideRetry(
  error: QualysApiError,
  state: RetryState,
  policy: RetryPolicy,
): RetryDecision {
  switch (error.kind) {
    case QUALYS_ERROR_KINDS.concurrencyLimited:
      return decideConcurrency(error, state, policy);
    case QUALYS_ERROR_KINDS.rateLimited:
      return decideRate(error, state, policy);
    case QUALYS_ERROR_KINDS.authentication:
      if (policy.renewsTokenOn401 && error.httpStatus === 401 && !state.tokenRenewed) {
        state.tokenRenewed = true;
        return { action: 'renewToken' };
      }
      return { action: 'fail', error };
    case QUALYS_ERROR_KINDS.api:
    case QUALYS_ERROR_KINDS.malformedResponse:
    case QUALYS_ERROR_KINDS.network:
    case QUALYS_ERROR_KINDS.server:
    case QUALYS_ERROR_KINDS.unsafeXml:
      return decideFailure(error, state, policy);
  }
}

function decideFailure(
  error: QualysApiError,
  state: RetryState,
  policy: RetryPolicy,
): RetryDecision {
  state.failures += 1;
  if (!error.retriable || state.failures >= policy.retry.maxAttempts) {
    return { action: 'fail', error };
  }

  const { baseDelayMs, maxDelayMs } = policy.retry;
  const delayMs = backoffDelayMs(state.failures, baseDelayMs, maxDelayMs, policy.random);
  return { action: 'retry', reason: 'retry', delayMs };
}

function decideConcurrency(
  error: QualysApiError,
  state: RetryState,
  policy: RetryPolicy,
): RetryDecision {
  state.concurrencyRetries += 1;
  if (state.concurrencyRetries > policy.retry.maxConcurrencyRetries) {
    return { action: 'fail', error };
  }

  const { concurrencyBaseDelayMs, maxDelayMs } = policy.retry;
  const attempt = state.concurrencyRetries;
  const delayMs = backoffDelayMs(attempt, concurrencyBaseDelayMs, maxDelayMs, policy.random);
  return { action: 'retry', reason: 'concurrency', delayMs };
}

function decideRate(error: QualysApiError, state: RetryState, policy: RetryPolicy): RetryDecision {
  const delayMs =
    error.waitSeconds !== undefined
      ? error.waitSeconds * 1000
      : error.httpStatus === 429
        ? policy.limits.pcrsRateLimitWaitMs
        : policy.limits.rateProbeDelayMs;

  if (delayMs > policy.limits.maxRateWaitMs) {
    return { action: 'fail', error: rateLimitError(error, policy.api, policy.source, delayMs) };
  }

  state.rateWaits += 1;
  if (state.rateWaits > policy.limits.maxRateWaits) {
    const waits = policy.limits.maxRateWaits;
    const where = `${policy.api} on ${policy.source}`;
    const message = `Rate limit for ${where}: still reached after ${waits} waits`;
    return { action: 'fail', error: copyError(error, { message, retriable: false, cause: error }) };
  }
  return { action: 'retry', reason: 'rate', delayMs };
}

/** The error a run fails with when the next allowed call is too far away to wait for. */
export function rateLimitError(
  error: QualysApiError | null,
  api: string,
  source: string,
  waitMs: number,
): QualysApiError {
  const message = `Rate limit for ${api} on ${source}: next call allowed in ${formatWait(waitMs)}`;
  const details = {
    kind: QUALYS_ERROR_KINDS.rateLimited,
    message,
    source,
    retriable: false,
    waitSeconds: Math.ceil(waitMs / 1000),
  };
  return error ? copyError(error, { ...details, cause: error }) : new QualysApiError(details);
}

/**
 * Exponential back-off with "equal jitter": half the delay is fixed, half random, so callers
 * that failed together spread out without any of them retrying at once.
 */
export function backoffDelayMs(
  attempt: number,
  baseMs: number,
  maxMs: number,
  random: () => number,
): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

/** "23 h 57 min", "4 min 10 s", "12 s": how long until a limit lifts, for people. */
export function formatWait(ms: number): string {
  const totalSeconds = Math.ceil(ms / 1000);
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  if (hours > 0) {
    return `${hours} h ${minutes} min`;
  }
  if (minutes > 0) {
    return `${minutes} min ${seconds} s`;
  }
  return `${seconds} s`;
}

type ErrorOverrides = Partial<ConstructorParameters<typeof QualysApiError>[0]>;

/** A copy of a QualysApiError with some facts replaced (its fields are read-only). */
export function copyError(error: QualysApiError, overrides: ErrorOverrides): QualysApiError {
  return new QualysApiError({
    kind: error.kind,
    message: error.message,
    apiCode: error.apiCode,
    apiText: error.apiText,
    httpStatus: error.httpStatus,
    source: error.source,
    request: error.request,
    page: error.page,
    element: error.element,
    retriable: error.retriable,
    waitSeconds: error.waitSeconds,
    cause: error.cause,
    ...overrides,
  });
}
