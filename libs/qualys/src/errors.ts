/**
 * Every failure of a Qualys call or answer. `code` is the Qualys API code when the answer
 * carried one (SIMPLE_RETURN CODE, e.g. 1965) and one of QUALYS_ERROR_KINDS otherwise;
 * `retriable` tells the caller whether trying the same call again can succeed.
 */
export const QUALYS_ERROR_KINDS = {
  /** The answer carried a Qualys error code (SIMPLE_RETURN with CODE, PCRS error JSON). */
  api: 'QUALYS_API_ERROR',
  /** 401/403 or an authentication error code: a configuration problem of the source. */
  authentication: 'QUALYS_AUTHENTICATION',
  /** 409 with code 1965 (or an equivalent) whose wait is too long to sit out. */
  rateLimited: 'QUALYS_RATE_LIMITED',
  /** 409 with code 1960 after the retries were used up. */
  concurrencyLimited: 'QUALYS_CONCURRENCY_LIMITED',
  /** 5xx after the retries were used up. */
  server: 'QUALYS_SERVER_ERROR',
  /** Connection refused/reset, DNS, idle timeout. */
  network: 'QUALYS_NETWORK_ERROR',
  /** The body is not the document it should be: malformed, cut off, wrong root. */
  malformedResponse: 'QUALYS_MALFORMED_RESPONSE',
  /** The body declares entities or a DOCTYPE internal subset: refused before parsing. */
  unsafeXml: 'QUALYS_UNSAFE_XML',
} as const;

export type QualysErrorKind = (typeof QUALYS_ERROR_KINDS)[keyof typeof QUALYS_ERROR_KINDS];

/** What was asked, without credentials: enough to reproduce the call from a log line. */
export interface QualysRequestSummary {
  method: string;
  /** Path and query string, never the Authorization header or a password parameter. */
  url: string;
  /** Names of the form fields sent in a POST body (values can be long id lists). */
  formFields?: readonly string[];
}

export interface QualysApiErrorDetails {
  kind: QualysErrorKind;
  message: string;
  /** Qualys' own code (e.g. "1965", "2001"), when the answer had one. */
  apiCode?: string;
  /** Qualys' own text for that code. */
  apiText?: string;
  httpStatus?: number;
  /** Name of the configured Qualys source (deployment). */
  source?: string;
  request?: QualysRequestSummary;
  /** Page or batch of a run, for the run report. */
  page?: number;
  /** For malformed answers: the element at fault. */
  element?: string;
  retriable?: boolean;
  /** Seconds Qualys asked us to wait (SECONDS_TO_WAIT, X-RateLimit-ToWait-Sec). */
  waitSeconds?: number;
  cause?: unknown;
}

export class QualysApiError extends Error {
  readonly kind: QualysErrorKind;
  readonly apiCode?: string;
  readonly apiText?: string;
  readonly httpStatus?: number;
  readonly source?: string;
  readonly request?: QualysRequestSummary;
  readonly page?: number;
  readonly element?: string;
  readonly retriable: boolean;
  readonly waitSeconds?: number;

  constructor(details: QualysApiErrorDetails) {
    super(details.message, { cause: details.cause });
    this.name = 'QualysApiError';
    this.kind = details.kind;
    this.apiCode = details.apiCode;
    this.apiText = details.apiText;
    this.httpStatus = details.httpStatus;
    this.source = details.source;
    this.request = details.request;
    this.page = details.page;
    this.element = details.element;
    this.retriable = details.retriable ?? false;
    this.waitSeconds = details.waitSeconds;
  }

  /** The error's facts as one log-friendly object (credentials are never part of it). */
  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      kind: this.kind,
      message: this.message,
      apiCode: this.apiCode,
      apiText: this.apiText,
      httpStatus: this.httpStatus,
      source: this.source,
      request: this.request,
      page: this.page,
      element: this.element,
      retriable: this.retriable,
      waitSeconds: this.waitSeconds,
    };
  }
}
