import type { MessageSpec } from './messages';

/** One unary method: its proto name and the specs of its request and response. */
export interface MethodSpec<Req, Res> {
  /** As the proto writes it, e.g. GetVulnerabilities. */
  readonly name: string;
  readonly request: MessageSpec<Req>;
  readonly response: MessageSpec<Res>;
}

/** A service: its fully qualified proto name and its unary methods by camelCase name. */
export interface ServiceSpec<M extends Record<string, MethodSpec<unknown, unknown>>> {
  readonly name: string;
  readonly methods: M;
}

export type AnyServiceSpec = ServiceSpec<Record<string, MethodSpec<unknown, unknown>>>;

export type RequestOf<M> = M extends MethodSpec<infer Req, unknown> ? Req : never;
export type ResponseOf<M> = M extends MethodSpec<unknown, infer Res> ? Res : never;

export function unaryMethod<Req, Res>(
  name: string,
  request: MessageSpec<Req>,
  response: MessageSpec<Res>,
): MethodSpec<Req, Res> {
  return { name, request, response };
}

/** What a handler knows about the call it serves. */
export interface CallContext {
  /** Full method path, e.g. /exposuregraph.cmdb.v1.Cmdb/Identify. */
  readonly method: string;
  /**
   * When the caller stops waiting; pass it on as `deadline` to the gRPC calls the handler makes
   * so that the whole chain gives up together.
   */
  readonly deadline: Date | null;
  /** Aborted when the caller cancels or its deadline passes: stop work nobody will read. */
  readonly signal: AbortSignal;
  readonly peer: string;
}

/** Serves one method; a thrown error becomes the call's status (see `toGrpcError`). */
export type UnaryHandler<Req, Res> = (request: Req, context: CallContext) => Promise<Res> | Res;

export type ServiceHandlers<S extends AnyServiceSpec> = {
  readonly [K in keyof S['methods']]: UnaryHandler<
    RequestOf<S['methods'][K]>,
    ResponseOf<S['methods'][K]>
  >;
};

/** Per-call settings of a client method. Whatever they say, a call always has a deadline. */
export interface CallOptions {
  /** Milliseconds the call (all its attempts together) may take, instead of the client's. */
  deadlineMs?: number;
  /** An absolute deadline, typically a handler's `context.deadline`; the earlier one wins. */
  deadline?: Date | null;
  /** Cancels the call (it rejects with CANCELLED). */
  signal?: AbortSignal;
}

export type ServiceClient<S extends AnyServiceSpec> = {
  readonly [K in keyof S['methods']]: (
    request: RequestOf<S['methods'][K]>,
    options?: CallOptions,
  ) => Promise<ResponseOf<S['methods'][K]>>;
} & {
  /** Closes the channel; calls made afterwards reject with CANCELLED. */
  readonly close: () => void;
};

/** A service and the handlers that serve it, ready for `startGrpcServer`. */
export interface GrpcServiceImplementation {
  readonly spec: AnyServiceSpec;
  readonly handlers: Readonly<Record<string, UnaryHandler<unknown, unknown>>>;
}

/** Binds handlers to a service spec; the compiler checks there is one per method. */
export function implementService<S extends AnyServiceSpec>(
  spec: S,
  handlers: ServiceHandlers<S>,
): GrpcServiceImplementation {
  return {
    spec,
    handlers: handlers as unknown as Record<string, UnaryHandler<unknown, unknown>>,
  };
}
