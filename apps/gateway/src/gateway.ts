import { readFileSync } from 'node:fs';

import {
  ApolloGateway,
  RemoteGraphQLDataSource,
  type ServiceEndpointDefinition,
} from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import type { Logger } from '@exposure-graph/logging';
import {
  closeServer,
  createHttpServer,
  createServiceApp,
  graphqlLimitsFrom,
  graphqlMetricsPlugin,
  graphqlProtection,
  jsonErrorHandler,
  listen,
  notFoundHandler,
  type ReadinessCheck,
  serverUrl,
  type ShutdownStep,
} from '@exposure-graph/subgraph';
import express from 'express';
import { buildASTSchema, Kind, parse } from 'graphql';

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
  const supergraphSdl = readFileSync(config.SUPERGRAPH_PATH ?? SUPERGRAPH_FILE, 'utf8');
  const subgraphs = subgraphsOf(supergraphSdl, config.subgraphUrls);
  const gateway = new ApolloGateway({
    supergraphSdl,
    logger: log,
    buildService: ({ name, url }) =>
      new RemoteGraphQLDataSource({
        url: subgraphs.find(subgraph => subgraph.name === name)?.url ?? url,
        // A subgraph that stops answering must not hold the client's request forever.
        fetcher: async (input, init) =>
          await fetch(input, { ...init, signal: AbortSignal.timeout(config.SUBGRAPH_TIMEOUT_MS) }),
      }),
  });

  const app = createServiceApp({ logger: log, readiness: subgraphReadiness(subgraphs) });
  const server = createHttpServer(app);
  const protection = graphqlProtection(graphqlLimitsFrom(config));
  const apollo = new ApolloServer({
    ...protection,
    gateway,
    logger: log,
    // Shutdown is ours (installGracefulShutdown): Apollo's own handler would re-raise the
    // signal and exit before the drain is done.
    stopOnTerminationSignals: false,
    plugins: [
      ...protection.plugins,
      graphqlMetricsPlugin('supergraph'),
      ApolloServerPluginDrainHttpServer({ httpServer: server }),
    ],
  });
  await apollo.start();

  app.use('/graphql', express.json({ limit: '1mb' }), expressMiddleware(apollo));
  app.use(notFoundHandler());
  app.use(jsonErrorHandler(log));
  await listen(server, config.HOST, config.PORT);
  const url = `${serverUrl(server)}/graphql`;
  log.info({ url, subgraphs }, 'Gateway listening');

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

/** Every subgraph of the supergraph with the URL this deployment uses for it. */
function subgraphsOf(
  supergraphSdl: string,
  overrides: Record<string, string>,
): Required<ServiceEndpointDefinition>[] {
  const schema = buildASTSchema(parse(supergraphSdl), { assumeValidSDL: true });
  const graphs = schema.getType('join__Graph');
  const values = graphs && 'getValues' in graphs ? graphs.getValues() : [];
  return values.map(value => {
    const directive = value.astNode?.directives?.find(d => d.name.value === 'join__graph');
    const argument = (name: string) => {
      const node = directive?.arguments?.find(a => a.name.value === name)?.value;
      return node?.kind === Kind.STRING ? node.value : '';
    };
    const name = argument('name');
    return { name, url: overrides[name.toUpperCase().replace(/-/g, '_')] ?? argument('url') };
  });
}

/** The gateway is ready when every subgraph says it is: a query would fail otherwise. */
function subgraphReadiness(subgraphs: readonly { name: string; url: string }[]): ReadinessCheck[] {
  return subgraphs.map(subgraph => ({
    name: subgraph.name,
    check: async () => {
      const readyUrl = subgraph.url.replace(/\/graphql\/?$/, '/ready');
      const response = await fetch(readyUrl, { signal: AbortSignal.timeout(2000) });
      return response.ok;
    },
  }));
}
