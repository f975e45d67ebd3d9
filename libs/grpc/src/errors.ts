import { status as grpcStatus } from '@grpc/grpc-js';

/**
 * gRPC status codes by name (every one but OK). A handler throws `GrpcError` with one of them;
 * a client call rejects with `GrpcError` carrying the code the server or the transport gave.
 */
export const GRPC_CODES = {
  cancelled: 'CANCELLED',
  unknown: 'UNKNOWN',
  /** The request itself is wrong (an empty id list, a malformed QID); do not retry it. */
  invalidArgument: 'INVALID_ARGUMENT',
  deadlineExceeded: 'DEADLINE_EXCEEDED',
  notFound: 'NOT_FOUND',
  alreadyExists: 'ALREADY_EXISTS',
  permissionDenied: 'PERMISSION_DENIED',
  resourceExhausted: 'RESOURCE_EXHAUSTED',
  /** The system is not in a state to answer (e.g. an ambiguous identification). */
  failedPrecondition: 'FAILED_PRECONDITION',
  aborted: 'ABORTED',
  outOfRange: 'OUT_OF_RANGE',
  unimplemented: 'UNIMPLEMENTED',
  /** A fault of the server; the message says what failed without internal details. */
  internal: 'INTERNAL',
  /** Transient: the server or one of its dependencies cannot answer now. Clients retry it. */
  unavailable: 'UNAVAILABLE',
  dataLoss: 'DATA_LOSS',
  unauthenticated: 'UNAUTHENTICATED',
} as const;

export type GrpcCode = (typeof GRPC_CODES)[keyof typeof GRPC_CODES];

/** Codes after which the same call may succeed later (a consumer retries rather than DLQs). */
const RETRIABLE_CODES = new Set<GrpcCode>([
  GRPC_CODES.unavailable,
  GRPC_CODES.deadlineExceeded,
  GRPC_CODES.resourceExhausted,
  GRPC_CODES.aborted,
]);

/** Codes that mean the server is at fault rather than the caller. */
const SERVER_FAULT_CODES = new Set<GrpcCode>([
  GRPC_CODES.unknown,
  GRPC_CODES.internal,
  GRPC_CODES.dataLoss,
  GRPC_CODES.unimplemented,
]);

export interface GrpcErrorOptions {
  /** Full method path, e.g. /exposuregraph.cmdb.v1.Cmdb/Identify. */
  method?: string;
  cause?: unknown;
}

/** A failed gRPC call, on either side of it. */
export class GrpcError extends Error {
  readonly method?: string;
  readonly retriable: boolean;

  constructor(
    readonly code: GrpcCode,
    message: string,
    options: GrpcErrorOptions = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'GrpcError';
    this.method = options.method;
    this.retriable = RETRIABLE_CODES.has(code);
  }

  /** The numeric status grpc-js puts on the wire. */
  get status(): number {
    return grpcStatus[this.code];
  }
}

export function isServerFault(code: GrpcCode): boolean {
  return SERVER_FAULT_CODES.has(code);
}

/** Turns a domain error into the status a caller sees; `undefined` leaves the default rule. */
export type ErrorMapper = (error: unknown) => GrpcError | undefined;

/**
 * What a handler's failure becomes on the wire: a `GrpcError` as thrown; then whatever the
 * service's own mapper says; then a domain error marked `retriable` (the convention of every
 * error family here) is UNAVAILABLE so that the caller retries; anything else is INTERNAL with a
 * generic message, because an unexpected error's text may carry internals the caller must not
 * see (it is logged in full on the server).
 */
export function toGrpcError(error: unknown, method: string, mapError?: ErrorMapper): GrpcError {
  if (error instanceof GrpcError) {
    return error;
  }
  const mapped = mapError?.(error);
  if (mapped) {
    return mapped;
  }
  if (error instanceof Error && (error as { retriable?: unknown }).retriable === true) {
    return new GrpcError(GRPC_CODES.unavailable, error.message, { method, cause: error });
  }
  return new GrpcError(GRPC_CODES.internal, `Internal error in ${method}`, {
    method,
    cause: error,
  });
}

/** The name of a numeric status, or UNKNOWN for a number outside the standard set. */
export function codeName(status: number): GrpcCode {
  const name = grpcStatus[status];
  return name !== undefined && name !== 'OK' ? (name as GrpcCode) : GRPC_CODES.unknown;
}

/** A grpc-js call error (ServiceError) as a GrpcError with the server's message. */
export function fromServiceError(error: unknown, method: string): GrpcError {
  if (error instanceof GrpcError) {
    return error;
  }
  const { code, details } = error as { code?: unknown; details?: unknown };
  if (typeof code === 'number') {
    const message = typeof details === 'string' && details !== '' ? details : codeName(code);
    return new GrpcError(codeName(code), message, { method, cause: error });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new GrpcError(GRPC_CODES.internal, message, { method, cause: error });
}
