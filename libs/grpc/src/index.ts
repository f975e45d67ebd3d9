/**
 * gRPC between Exposure Graph services: the `.proto` contracts (proto/), a TypeScript interface
 * per message, promise-based clients whose every call has a deadline and retries only
 * UNAVAILABLE, and a server that maps thrown errors to statuses, measures each method and
 * serves the standard health protocol. See docs/grpc.md.
 *
 * @packageDocumentation
 */

/** Settings shared by every service client: deadline, retries, credentials, channel. */
export { DEFAULT_DEADLINE_MS, type GrpcClientOptions, type RetryOptions } from './client';
/** Cmdb (proto/cmdb.proto): identification of host observations and CI look-ups. */
export {
  CMDB_SERVICE,
  type CmdbClient,
  type CmdbHandlers,
  cmdbService,
  type ConfigurationItem,
  createCmdbClient,
  type GetCisRequest,
  type GetCisResponse,
  type HostObservation,
  type IdentifyResponse,
  MAX_CI_IDS_PER_CALL,
} from './cmdb';
/** Status codes by name, the error both sides of a call use, and the server's error mapping. */
export {
  type ErrorMapper,
  GRPC_CODES,
  type GrpcCode,
  GrpcError,
  type GrpcErrorOptions,
  toGrpcError,
} from './errors';
/** The standard health protocol (grpc.health.v1), served by every server of this lib. */
export {
  createHealthClient,
  type HealthCheckRequest,
  type HealthCheckResponse,
  type HealthClient,
  type HealthService,
  SERVING_STATUSES,
  type ServingStatus,
} from './health';
/** KnowledgeBase (proto/knowledge_base.proto): vulnerabilities by QID for the risk scorer. */
export {
  createKnowledgeBaseClient,
  type GetVulnerabilitiesRequest,
  type GetVulnerabilitiesResponse,
  KNOWLEDGE_BASE_SERVICE,
  type KnowledgeBaseClient,
  type KnowledgeBaseHandlers,
  knowledgeBaseService,
  MAX_QIDS_PER_CALL,
  type Vulnerability,
} from './knowledge-base';
/** Message specs: each message's fields and their proto shape, checked against the protos. */
export { type MessageSpec } from './messages';
/** Where the proto files are, for tools such as grpcurl or a bundler's copy step. */
export { PROTO_DIR, PROTO_FILES } from './protos';
/** The server: handlers in, graceful stop out. */
export { type GrpcServer, type GrpcServerOptions, startGrpcServer } from './server';
/** Shapes shared by every service: handler context, handlers and per-call options. */
export {
  type CallContext,
  type CallOptions,
  type GrpcServiceImplementation,
  type MethodSpec,
  type ServiceSpec,
  type UnaryHandler,
} from './services';
/** Sources (proto/integrations.proto): source connections with credentials, internal only. */
export {
  createSourcesClient,
  type GetSourceConnectionRequest,
  type SourceConnection,
  SOURCES_SERVICE,
  type SourcesClient,
  type SourcesHandlers,
  sourcesService,
} from './sources';
