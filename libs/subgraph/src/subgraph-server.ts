import { ApolloServer, type ApolloServerPlugin, type BaseContext } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { expressMiddleware } from '@as-integrations/express5';
import type { Logger } from '@exposure-graph/logging';
import express from 'express';
import type { DocumentNode } from 'graphql';

import { graphqlMetricsPlugin } from './graphql-metrics';
import { type GraphqlLimits, graphqlProtection } from './graphql-protection';
import { jsonErrorHandler, notFoundHandler } from './http-errors';
import {
  closeServer,
  createHttpServer,
  createServiceApp,
  listen,
  type ReadinessCheck,
  serverUrl,
} from './service-http';

export interface SubgraphOptions<Context extends BaseContext> {
  name: string;
  typeDefs: DocumentNode;
  /** Resolver maps by type name; `mergeResolvers` joins the maps of several modules. */
  resolvers: Record<string, object>;
  host: string;
  port: number;
  logger: Logger;
  readiness: readonly ReadinessCheck[];
  context: (request: express.Request) => Promise<Context>;
  plugins?: ApolloServerPlugin<Context>[];
  /** Query limits and development mode; production defaults when omitted. */
  limits?: GraphqlLimits;
}

export interface RunningSubgraph {
  url: string;
  graphqlUrl: string;
  stop: () => Promise<void>;
}

/** Serves a federation subgraph at `/graphql` beside the health, readiness and metrics routes. */
export async function startSubgraph<Context extends BaseContext>(
  options: SubgraphOptions<Context>,
): Promise<RunningSubgraph> {
  const log = options.logger.child({ component: 'subgraph', subgraph: options.name });
  const app = createServiceApp({ logger: log, readiness: options.readiness });
  const server = createHttpServer(app);
  const protection = graphqlProtection<Context>(options.limits);

  const apollo = new ApolloServer<Context>({
    ...protection,
    schema: buildSubgraphSchema({
      typeDefs: options.typeDefs,
      resolvers: options.resolvers as GraphQLResolverMap<unknown>,
    }),
    logger: log,
    // Shutdown is ours (installGracefulShutdown): Apollo's own handler would re-raise the
    // signal and exit before Kafka and MongoDB are closed.
    stopOnTerminationSignals: false,
    plugins: [
      graphqlMetricsPlugin(options.name),
      ApolloServerPluginDrainHttpServer({ httpServer: server }),
      ...protection.plugins,
      ...(options.plugins ?? []),
    ],
  });
  await apollo.start();

  app.use(
    '/graphql',
    express.json({ limit: '1mb' }),
    expressMiddleware(apollo, { context: async ({ req }) => await options.context(req) }),
  );
  app.use(notFoundHandler());
  app.use(jsonErrorHandler(log));
  await listen(server, options.host, options.port);
  const url = serverUrl(server);
  log.info({ url: `${url}/graphql` }, 'Subgraph listening');

  return {
    url,
    graphqlUrl: `${url}/graphql`,
    stop: async () => {
      // The drain plugin closes the HTTP server once in-flight requests are answered.
      await apollo.stop();
      if (server.listening) {
        await closeServer(server);
      }
    },
  };
}
