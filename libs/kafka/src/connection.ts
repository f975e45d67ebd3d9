import type { Logger } from '@exposure-graph/logging';
import { Kafka, type KafkaConfig, type LogEntry, logLevel as KafkaLogLevel } from 'kafkajs';

export interface KafkaConnectionOptions {
  brokers: readonly string[];
  clientId: string;
  /** Prepended to every topic name; lets tests and tenants share one cluster. */
  topicPrefix?: string;
  logger: Logger;
  /** Extra kafkajs settings (SSL, SASL) for production clusters. */
  settings?: Omit<KafkaConfig, 'brokers' | 'clientId' | 'logCreator'>;
}

export interface KafkaConnection {
  kafka: Kafka;
  clientId: string;
  logger: Logger;
  /** The physical topic name of a logical topic. */
  topic: (name: string) => string;
}

export function createKafkaConnection(options: KafkaConnectionOptions): KafkaConnection {
  const log = options.logger.child({ component: 'kafkajs' });
  const prefix = options.topicPrefix ?? '';
  const kafka = new Kafka({
    // Fail a stuck broker call within seconds rather than holding a request for minutes.
    connectionTimeout: 3000,
    requestTimeout: 15000,
    ...options.settings,
    brokers: [...options.brokers],
    clientId: options.clientId,
    logLevel: KafkaLogLevel.INFO,
    logCreator: () => entry => forwardKafkaLog(log, entry),
  });
  return {
    kafka,
    clientId: options.clientId,
    logger: options.logger,
    topic: name => prefix + name,
  };
}

/**
 * kafkajs logs routine rebalances and reconnects at info and error; they are useful context but
 * not incidents, so its info becomes our debug and only its warnings and errors stay loud.
 */
function forwardKafkaLog(log: Logger, entry: LogEntry): void {
  const { message, ...details } = entry.log;
  const fields = { kafkaNamespace: entry.namespace, details };
  switch (entry.level) {
    case KafkaLogLevel.ERROR:
      log.error(fields, message);
      break;
    case KafkaLogLevel.WARN:
      log.warn(fields, message);
      break;
    case KafkaLogLevel.INFO:
    case KafkaLogLevel.DEBUG:
    case KafkaLogLevel.NOTHING:
      log.debug(fields, message);
      break;
  }
}
