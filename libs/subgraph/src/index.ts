export { graphqlMetricsPlugin } from './graphql-metrics';
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
