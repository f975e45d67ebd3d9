import { setTimeout as sleep } from 'node:timers/promises';

import type { Logger } from '@exposure-graph/logging';
import { counter, histogram } from '@exposure-graph/metrics';
import {
  type ChannelCredentials,
  type ChannelOptions,
  Client,
  credentials as grpcCredentials,
  Metadata,
} from '@grpc/grpc-js';
import type { MethodDefinition } from '@grpc/proto-loader';

import { fromServiceError, GRPC_CODES, GrpcError } from './errors';
import { fromWire, toWire } from './messages';
import { serviceDefinition } from './protos';
import type {
  AnyServiceSpec,
  CallOptions,
  MethodSpec,
  ServiceClient,
  ServiceSpec,
} from './services';

export interface RetryOptions {
  /** Attempts per call, the first included. 1 turns retries off. Default 3. */
  maxAttempts?: number;
  /** Wait before the first retry, doubled for each next one, then jittered. Default 100 ms. */
  baseDelayMs?: number;
  /** Longest wait between two attempts. Default 2 s. */
  maxDelayMs?: number;
}

export interface GrpcClientOptions {
  logger: Logger;
  /** Deadline of every call, retries included, unless a call asks for less. Default 5 s. */
  deadlineMs?: number;
  /** Retries of UNAVAILABLE answers; no other status is ever retried. */
  retry?: RetryOptions;
  /** Default: plaintext, for traffic inside the cluster. */
  credentials?: ChannelCredentials;
  /** grpc-js channel options, applied over this lib's defaults. */
  channelOptions?: ChannelOptions;
}

/** Default deadline of a call when neither the client nor the call sets one. */
export const DEFAULT_DEADLINE_MS = 5_000;

const DEFAULT_RETRY: Required<RetryOptions> = {
  maxAttempts: 3,
  baseDelayMs: 100,
  maxDelayMs: 2_000,
};

/**
 * gRPC's own first reconnect wait is 1 s and grows to 2 min. A call made while the channel waits
 * fails at once with UNAVAILABLE, so with those values every retry of a call would be spent
 * before the channel even tried the server again. Services restart within seconds inside one
 * cluster; shorter waits let a retried call reach the new replica.
 */
const DEFAULT_CHANNEL_OPTIONS: ChannelOptions = {
  'grpc.initial_reconnect_backoff_ms': 100,
  'grpc.min_reconnect_backoff_ms': 100,
  'grpc.max_reconnect_backoff_ms': 5_000,
};

const clientSeconds = histogram({
  name: 'grpc_client_handling_seconds',
  help: 'Time of a unary gRPC call made by this process, retries included, by method and code',
  labelNames: ['service', 'method', 'code'],
  buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
});

const clientRetries = counter({
  name: 'grpc_client_retries_total',
  help: 'Unary gRPC calls attempted again after UNAVAILABLE',
  labelNames: ['service', 'method'],
});

/**
 * A promise-based client for every unary method of a service. Each call has a deadline (the
 * client's or the call's own, never later than an absolute `deadline` passed on from a
 * handler), covering all its attempts; a call cannot be made without one. Only UNAVAILABLE is retried, so the methods of a service must be safe to
 * repeat (they are: reads, and an Identify that answers the same CI for the same observation).
 */
export function createServiceClient<S extends AnyServiceSpec>(
  spec: S,
  address: string,
  options: GrpcClientOptions,
): ServiceClient<S> {
  const deadlineMs = requirePositive(options.deadlineMs ?? DEFAULT_DEADLINE_MS, 'deadlineMs');
  const retry = resolveRetry(options.retry);
  const client = new Client(address, options.credentials ?? grpcCredentials.createInsecure(), {
    ...DEFAULT_CHANNEL_OPTIONS,
    ...options.channelOptions,
  });
  const definition = serviceDefinition(spec.name);
  const log = options.logger.child({ component: 'grpc-client', service: spec.name, address });
  let closed = false;

  const methods: Record<string, unknown> = {};
  for (const [key, method] of Object.entries(spec.methods)) {
    const methodDefinition = definition[method.name];
    if (!methodDefinition) {
      throw new Error(`No method ${method.name} in ${spec.name}`);
    }
    const target: CallTarget = { client, spec, method, definition: methodDefinition, log, retry };
    methods[key] = async (request: unknown, callOptions: CallOptions = {}) => {
      if (closed) {
        throw new GrpcError(GRPC_CODES.cancelled, `The ${spec.name} client is closed`, {
          method: methodDefinition.path,
        });
      }
      const deadline = callDeadline(deadlineMs, callOptions);
      return await measured(target, () => callWithRetry(target, request, deadline, callOptions));
    };
  }

  const close = (): void => {
    closed = true;
    client.close();
  };
  return { ...methods, close } as ServiceClient<S>;
}

interface CallTarget {
  client: Client;
  spec: ServiceSpec<Record<string, MethodSpec<unknown, unknown>>>;
  method: MethodSpec<unknown, unknown>;
  definition: MethodDefinition<object, object>;
  log: Logger;
  retry: Required<RetryOptions>;
}

async function measured<T>(target: CallTarget, call: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const labels = { service: target.spec.name, method: target.method.name };
  try {
    const result = await call();
    clientSeconds.observe({ ...labels, code: 'OK' }, (performance.now() - started) / 1000);
    return result;
  } catch (error) {
    const code = error instanceof GrpcError ? error.code : GRPC_CODES.unknown;
    clientSeconds.observe({ ...labels, code }, (performance.now() - started) / 1000);
    throw error;
  }
}

async function callWithRetry(
  target: CallTarget,
  request: unknown,
  deadline: Date,
  options: CallOptions,
): Promise<unknown> {
  const wireRequest = toWire(target.method.request, request);

  for (let attempt = 1; ; attempt += 1) {
    try {
      const response = await attemptCall(target, wireRequest, deadline, options.signal);
      return fromWire(target.method.response, response);
    } catch (thrown) {
      const error = fromServiceError(thrown, target.definition.path);
      const delayMs = retryDelay(target.retry, attempt);
      const retriable =
        error.code === GRPC_CODES.unavailable &&
        attempt < target.retry.maxAttempts &&
        Date.now() + delayMs < deadline.getTime() &&
        !options.signal?.aborted;
      if (!retriable) {
        throw error;
      }

      target.log.debug(
        { method: target.definition.path, attempt, delayMs, reason: error.message },
        'gRPC call unavailable, retrying',
      );
      clientRetries.inc({ service: target.spec.name, method: target.method.name });
      await pause(delayMs, options.signal, target.definition.path);
    }
  }
}

async function attemptCall(
  target: CallTarget,
  request: unknown,
  deadline: Date,
  signal: AbortSignal | undefined,
): Promise<unknown> {
  if (signal?.aborted) {
    throw new GrpcError(GRPC_CODES.cancelled, 'The caller cancelled the call', {
      method: target.definition.path,
    });
  }
  return await new Promise((resolve, reject) => {
    const call = target.client.makeUnaryRequest(
      target.definition.path,
      target.definition.requestSerialize as (value: unknown) => Buffer,
      target.definition.responseDeserialize,
      request,
      new Metadata(),
      { deadline },
      (error, response) => (error ? reject(error) : resolve(response)),
    );
    const cancel = () => call.cancel();
    signal?.addEventListener('abort', cancel, { once: true });
    call.once('status', () => signal?.removeEventListener('abort', cancel));
  });
}

async function pause(delayMs: number, signal: AbortSignal | undefined, method: string) {
  try {
    await sleep(delayMs, undefined, { signal });
  } catch (error) {
    throw new GrpcError(GRPC_CODES.cancelled, 'The caller cancelled the call', {
      method,
      cause: error,
    });
  }
}

/**
 * Exponential growth with "equal jitter": half of the wait is fixed, half random. Replicas that
 * lost the same server spread their retries, yet no retry comes back almost at once, which with
 * full jitter would be wasted on a channel still reconnecting.
 */
export function retryDelay(retry: Required<RetryOptions>, attempt: number): number {
  const ceiling = Math.min(retry.maxDelayMs, retry.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(ceiling / 2 + (Math.random() * ceiling) / 2);
}

function callDeadline(clientDeadlineMs: number, options: CallOptions): Date {
  const ms =
    options.deadlineMs === undefined
      ? clientDeadlineMs
      : requirePositive(options.deadlineMs, 'deadlineMs');
  const absolute = options.deadline?.getTime() ?? Infinity;
  return new Date(Math.min(Date.now() + ms, absolute));
}

function resolveRetry(options: RetryOptions | undefined): Required<RetryOptions> {
  const retry = { ...DEFAULT_RETRY, ...options };
  if (!Number.isInteger(retry.maxAttempts) || retry.maxAttempts < 1) {
    throw new RangeError('retry.maxAttempts must be an integer of at least 1');
  }
  requirePositive(retry.baseDelayMs, 'retry.baseDelayMs');
  requirePositive(retry.maxDelayMs, 'retry.maxDelayMs');
  return retry;
}

function requirePositive(value: number, name: string): number {
  if (!Number.isFinite(value) || value <= 0) {
    throw new RangeError(`${name} must be a positive, finite number of milliseconds`);
  }
  return value;
}
