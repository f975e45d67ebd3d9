import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { TOPICS } from '@exposure-graph/events';
import { startGrpcServer } from '@exposure-graph/grpc';
import {
  createEventPublisher,
  createKafkaConnection,
  ensureTopics,
  type EventPublisher,
  startEventConsumer,
} from '@exposure-graph/kafka';
import type { Logger } from '@exposure-graph/logging';
import { connectMongo, ensureIndexes, type MongoConnection } from '@exposure-graph/mongo';
import {
  graphqlLimitsFrom,
  mergeResolvers,
  type RunningSubgraph,
  type ShutdownStep,
  startSubgraph,
} from '@exposure-graph/subgraph';
import { gql } from 'graphql-tag';

import { createCredentialCipher } from './credentials/credential-cipher';
import { type IntegrationsEnvironment, SERVICE_NAME } from './environment';
import { runResolvers, type RunsContext } from './runs/run.resolvers';
import { runReportHandlers } from './runs/run-report-consumer';
import { createRunReportRepository, RUN_REPORT_INDEXES } from './runs/run-report-repository';
import { createRunRequester } from './runs/run-requests';
import { startRunRetention } from './runs/run-retention';
import { sourcesGrpcService } from './sources/source.grpc';
import { type IntegrationsContext, sourceResolvers } from './sources/source.resolvers';
import { createSourceRepository, SOURCE_INDEXES } from './sources/source-repository';
import { createSourceService } from './sources/source-service';

export const typeDefs = gql(readFileSync(join(__dirname, 'schema.graphql'), 'utf8'));

export interface IntegrationsService {
  subgraph: RunningSubgraph;
  /** Internal gRPC port (Sources.GetSourceConnection). */
  grpcPort: number;
  /** In start-up order; shutdown runs them backwards. */
  shutdownSteps: ShutdownStep[];
}

/** Wires the control plane: store, event publisher and subgraph. */
export async function startIntegrationsService(
  config: IntegrationsEnvironment,
  logger: Logger,
): Promise<IntegrationsService> {
  const steps: ShutdownStep[] = [];
  const mongo: MongoConnection = await connectMongo({
    uri: config.MONGODB_URI,
    database: config.MONGODB_DATABASE,
    appName: SERVICE_NAME,
    logger,
  });
  steps.push({ name: 'mongo', close: mongo.close });
  await ensureIndexes(mongo.db, [...SOURCE_INDEXES, ...RUN_REPORT_INDEXES]);

  const kafka = createKafkaConnection({
    brokers: config.KAFKA_BROKERS,
    clientId: SERVICE_NAME,
    topicPrefix: config.KAFKA_TOPIC_PREFIX,
    logger,
  });
  await ensureTopics(kafka, [
    TOPICS.integrationSourceChanged,
    TOPICS.integrationRunRequested,
    TOPICS.integrationRunStarted,
    TOPICS.integrationRunCompleted,
  ]);
  const publisher: EventPublisher = await createEventPublisher({
    connection: kafka,
    service: SERVICE_NAME,
  });
  steps.push({ name: 'kafka-producer', close: publisher.disconnect });

  const cipher = createCredentialCipher(config.CREDENTIALS_KEYS);
  const sources = createSourceService(createSourceRepository(mongo.db), publisher, cipher, logger);
  await sources.resealWithCurrentKey();
  const republished = await sources.republishPending();
  if (republished > 0) {
    logger.info({ republished }, 'Published events left pending by an earlier run');
  }
  const runs = createRunRequester(sources, publisher, logger);
  const runReports = createRunReportRepository(mongo.db);

  const consumer = await startEventConsumer({
    connection: kafka,
    groupId: `${SERVICE_NAME}-run-reports`,
    handlers: runReportHandlers(runReports),
    logger,
  });
  steps.push({ name: 'kafka-consumer', close: consumer.stop });
  const retention = startRunRetention(runReports, config.RUN_REPORT_RETENTION_DAYS, logger);
  steps.push({ name: 'run-retention', close: retention.stop });

  const subgraph = await startSubgraph<IntegrationsContext & RunsContext>({
    name: SERVICE_NAME,
    typeDefs,
    resolvers: mergeResolvers(sourceResolvers, runResolvers),
    host: config.HOST,
    port: config.PORT,
    logger,
    readiness: [
      { name: 'mongo', check: mongo.ping },
      { name: 'kafka-consumer', check: async () => await Promise.resolve(consumer.isRunning()) },
    ],
    context: async () => await Promise.resolve({ sources, runs, runReports }),
    limits: graphqlLimitsFrom(config),
  });
  steps.push({ name: 'subgraph', close: subgraph.stop });

  const grpc = await startGrpcServer({
    host: config.HOST,
    port: config.GRPC_PORT,
    services: [sourcesGrpcService(sources)],
    logger,
  });
  steps.push({ name: 'grpc', close: grpc.stop });

  return { subgraph, grpcPort: grpc.port, shutdownSteps: steps };
}
