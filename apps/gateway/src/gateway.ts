import { readFileSync } from 'node:fs';

import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import type { Logger } from '@exposure-graph/logging';
import {
  closeServer,
  createHttpServer,
  createServiceApp,
  graphqlMetricsPlugin,
  listen,
  serverUrl,
  type ShutdownStep,
} from '@exposure-graph/subgraph';
import express from 'express';

import type { GatewayEnvironment } from './environment';
import { SUPERGRAPH_FILE } from './supergraph';

export interface RunningGateway {
  url: string;
  shutdownSteps: ShutdownStep[];
}

export async function startGateway(
  config: GatewayEnvironment,
  logger: Logger,
): Promise<RunningGateway> {
  const log = logger.child({ component: 'gateway' });
  const gateway = new ApolloGateway({
    supergraphSdl: readFileSync(config.SUPERGRAPH_PATH ?? SUPERGRAPH_FILE, 'utf8'),
    logger: log,
    buildService: ({ name, url }) =>
      new RemoteGraphQLDataSource({ url: subgraphUrl(config.subgraphUrls, name) ?? url }),
  });

  const app = createServiceApp({ logger: log, readiness: [] });
  const server = createHttpServer(app);
  const apollo = new ApolloServer({
    gateway,
    logger: log,
    // Shutdown is ours (installGracefulShutdown): Apollo's own handler would re-raise the
    // signal and exit before Kafka and MongoDB are closed.
    stopOnTerminationSignals: false,
    plugins: [
      graphqlMetricsPlugin('supergraph'),
      ApolloServerPluginDrainHttpServer({ httpServer: server }),
    ],
  });
  await apollo.start();

  app.use('/graphql', express.json({ limit: '1mb' }), expressMiddleware(apollo));
  await listen(server, config.HOST, config.PORT);
  const url = `${serverUrl(server)}/graphql`;
  log.info({ url }, 'Gateway listening');

  return {
    url,
    shutdownSteps: [
      {
        name: 'gateway',
        close: async () => {
          await apollo.stop();
          if (server.listening) {
            await closeServer(server);
          }
        },
      },
    ],
  };
}

function subgraphUrl(overrides: Record<string, string>, name: string): string | undefined {
  return overrides[name.toUpperCase().replace(/-/g, '_')];
}
