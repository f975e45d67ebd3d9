import type { Logger } from '@exposure-graph/logging';
import { histogram } from '@exposure-graph/metrics';
import {
  type ChannelOptions,
  type sendUnaryData,
  Server,
  ServerCredentials,
  type ServerUnaryCall,
  type UntypedServiceImplementation,
} from '@grpc/grpc-js';

import { type ErrorMapper, GRPC_CODES, GrpcError, isServerFault, toGrpcError } from './errors';
import { createHealthService, type HealthService, type ServerHealthService } from './health';
import { fromWire, toWire } from './messages';
import { serviceDefinition } from './protos';
import type { CallContext, GrpcServiceImplementation, MethodSpec, UnaryHandler } from './services';

export interface GrpcServerOptions {
  /** Bind address from configuration: 127.0.0.1 locally, all interfaces in a container. */
  host: string;
  /** 0 picks a free port (tests); the bound one is returned. */
  port: number;
  services: readonly GrpcServiceImplementation[];
  logger: Logger;
  /** How long `stop()` lets in-flight calls finish before cancelling them. Default 10 s. */
  shutdownTimeoutMs?: number;
  /** Maps the service's own domain errors to gRPC statuses (see `toGrpcError`). */
  mapError?: ErrorMapper;
  /** Largest request accepted, in bytes. Default 4 MiB, as gRPC's own. */
  maxReceiveMessageBytes?: number;
}

export interface GrpcServer {
  port: number;
  /** host:port, usable as a client address. */
  address: string;
  /** The standard health service, already SERVING for the server and each of its services. */
  health: HealthService;
  /**
   * Stops gracefully: health turns NOT_SERVING, new calls are refused, in-flight calls finish,
   * and those still running at the deadline are cancelled. Safe to call more than once.
   */
  stop: () => Promise<void>;
}

const DEFAULT_SHUTDOWN_TIMEOUT_MS = 10_000;
const DEFAULT_MAX_RECEIVE_BYTES = 4 * 1024 * 1024;

const callSeconds = histogram({
  name: 'grpc_server_handling_seconds',
  help: 'Time to answer a unary gRPC call, by method and status code',
  labelNames: ['service', 'method', 'code'],
  buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
});

/** Starts a gRPC server with the given services and the standard health service. */
export async function startGrpcServer(options: GrpcServerOptions): Promise<GrpcServer> {
  const log = options.logger.child({ component: 'grpc-server' });
  const channelOptions: ChannelOptions = {
    'grpc.max_receive_message_length': options.maxReceiveMessageBytes ?? DEFAULT_MAX_RECEIVE_BYTES,
  };
  const server = new Server(channelOptions);
  const health = createHealthService();

  for (const service of options.services) {
    server.addService(serviceDefinition(service.spec.name), implement(service, options, log));
  }
  health.register(server);

  const port = await bind(server, formatAddress(options.host, options.port));
  health.setStatus('', 'SERVING');
  for (const service of options.services) {
    health.setStatus(service.spec.name, 'SERVING');
  }
  log.info({ host: options.host, port }, 'gRPC server listening');

  let stopping: Promise<void> | undefined;
  const stop = async (): Promise<void> => {
    stopping ??= shutdown(server, health, options.shutdownTimeoutMs, log);
    return await stopping;
  };
  return { port, address: formatAddress(options.host, port), health, stop };
}

function implement(
  service: GrpcServiceImplementation,
  options: GrpcServerOptions,
  log: Logger,
): UntypedServiceImplementation {
  const implementation: UntypedServiceImplementation = {};
  for (const [key, method] of Object.entries(service.spec.methods)) {
    const handler = service.handlers[key];
    if (!handler) {
      throw new Error(`No handler for ${service.spec.name}/${method.name}`);
    }
    implementation[method.name] = wrapUnary(service.spec.name, method, handler, options, log);
  }
  return implementation;
}

/**
 * The one place where a handler meets grpc-js: the request is normalised, the deadline and
 * cancellation are handed over, a thrown error becomes a status, and the outcome is measured and,
 * when it failed, logged once.
 */
function wrapUnary(
  serviceName: string,
  method: MethodSpec<unknown, unknown>,
  handler: UnaryHandler<unknown, unknown>,
  options: GrpcServerOptions,
  log: Logger,
) {
  const path = `/${serviceName}/${method.name}`;

  return (call: ServerUnaryCall<unknown, unknown>, callback: sendUnaryData<unknown>): void => {
    const started = performance.now();
    const controller = new AbortController();
    const deadline = deadlineOf(call);
    const abort = () => controller.abort(cancellation(path, deadline));
    call.once('cancelled', abort);
    // grpc-js answers DEADLINE_EXCEEDED by itself when the deadline passes but does not always
    // report it as a cancellation, so the handler's signal keeps its own timer.
    const timer = deadlineTimer(deadline, abort);

    // grpc-js has already ended a cancelled call: nothing is sent, the outcome is still recorded.
    const finish = (error?: GrpcError): void => {
      clearTimeout(timer);
      const durationMs = performance.now() - started;
      const code = error?.code ?? 'OK';
      callSeconds.observe({ service: serviceName, method: method.name, code }, durationMs / 1000);
      if (error) {
        logFailure(log, path, durationMs, error);
      }
    };
    const cancelled = (): GrpcError | undefined =>
      controller.signal.aborted ? (controller.signal.reason as GrpcError) : undefined;

    const context: CallContext = {
      method: path,
      deadline,
      signal: controller.signal,
      peer: call.getPeer(),
    };
    void serve(method, handler, call.request, context).then(
      response => {
        const cancellationError = cancelled();
        if (!cancellationError) {
          callback(null, response);
        }
        finish(cancellationError);
      },
      (thrown: unknown) => {
        const cancellationError = cancelled();
        const error = cancellationError ?? toGrpcError(thrown, path, options.mapError);
        if (!cancellationError) {
          callback({ code: error.status, details: error.message });
        }
        finish(error);
      },
    );
  };
}

async function serve(
  method: MethodSpec<unknown, unknown>,
  handler: UnaryHandler<unknown, unknown>,
  raw: unknown,
  context: CallContext,
): Promise<unknown> {
  const response = await handler(fromWire(method.request, raw), context);
  return toWire(method.response, response);
}

function logFailure(log: Logger, method: string, durationMs: number, error: GrpcError): void {
  const fields = { method, code: error.code, durationMs: Math.round(durationMs) };
  if (isServerFault(error.code)) {
    log.error({ ...fields, err: error.cause ?? error }, 'gRPC call failed');
  } else {
    log.warn({ ...fields, reason: error.message }, 'gRPC call failed');
  }
}

function deadlineOf(call: ServerUnaryCall<unknown, unknown>): Date | null {
  const deadline = call.getDeadline();
  const time = deadline instanceof Date ? deadline.getTime() : deadline;
  return Number.isFinite(time) ? new Date(time) : null;
}

/** Node timers overflow past 2^31 - 1 ms (about 24 days) and would fire at once. */
const MAX_TIMER_MS = 2 ** 31 - 1;

function deadlineTimer(deadline: Date | null, onExpiry: () => void) {
  const remaining = deadline ? deadline.getTime() - Date.now() : Infinity;
  return remaining <= MAX_TIMER_MS ? setTimeout(onExpiry, Math.max(remaining, 0)) : undefined;
}

function cancellation(method: string, deadline: Date | null): GrpcError {
  if (deadline && Date.now() >= deadline.getTime()) {
    return new GrpcError(GRPC_CODES.deadlineExceeded, 'The deadline of the caller passed', {
      method,
    });
  }
  return new GrpcError(GRPC_CODES.cancelled, 'The caller cancelled the call', { method });
}

async function bind(server: Server, address: string): Promise<number> {
  return await new Promise((resolve, reject) => {
    server.bindAsync(address, ServerCredentials.createInsecure(), (error, port) => {
      if (error) {
        reject(new Error(`Cannot bind the gRPC server to ${address}`, { cause: error }));
      } else {
        resolve(port);
      }
    });
  });
}

async function shutdown(
  server: Server,
  health: ServerHealthService,
  timeoutMs: number | undefined,
  log: Logger,
): Promise<void> {
  health.shutdown();

  const forced = await new Promise<boolean>(resolve => {
    const timer = setTimeout(() => {
      server.forceShutdown();
      resolve(true);
    }, timeoutMs ?? DEFAULT_SHUTDOWN_TIMEOUT_MS);
    server.tryShutdown(() => {
      clearTimeout(timer);
      resolve(false);
    });
  });
  log.info({ forced }, 'gRPC server stopped');
}

function formatAddress(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}
