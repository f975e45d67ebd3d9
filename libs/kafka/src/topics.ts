import { deadLetterTopic } from '@exposure-graph/events';

import type { KafkaConnection } from './connection';

export interface TopicOptions {
  partitions?: number;
  replicationFactor?: number;
}

/**
 * Creates each logical topic and its dead-letter twin if missing. Services call it at start-up
 * so that a fresh cluster works without manual steps; existing topics are left as they are.
 */
export async function ensureTopics(
  connection: KafkaConnection,
  topics: readonly string[],
  options: TopicOptions = {},
): Promise<void> {
  const admin = connection.kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const wanted = topics.flatMap(topic => [topic, deadLetterTopic(topic)]).map(connection.topic);
    const missing = wanted.filter(topic => !existing.has(topic));
    if (missing.length === 0) {
      return;
    }

    await admin.createTopics({
      waitForLeaders: true,
      topics: missing.map(topic => ({
        topic,
        numPartitions: options.partitions ?? 3,
        replicationFactor: options.replicationFactor ?? -1,
      })),
    });
    connection.logger.info({ topics: missing }, 'Created Kafka topics');
  } finally {
    await admin.disconnect();
  }
}
