export { graphqlMetricsPlugin } from './graphql-metrics';
export {
  DEFAULT_GRAPHQL_LIMITS,
  type GraphqlLimits,
  graphqlLimitsFrom,
  graphqlProtection,
} from './graphql-protection';
export { jsonErrorHandler, notFoundHandler } from './http-errors';
export { mergeResolvers } from './merge-resolvers';
export {
  closeServer,
  createHttpServer,
  createServiceApp,
  listen,
  type ReadinessCheck,
  serverUrl,
  type ServiceHttpOptions,
} from './service-http';
export { installGracefulShutdown, type ShutdownOptions, type ShutdownStep } from './shutdown';
export { type RunningSubgraph, startSubgraph, type SubgraphOptions } from './subgraph-server';
