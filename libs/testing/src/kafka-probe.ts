import { type Kafka, type KafkaMessage } from '@exposure-graph/kafka';

export interface CollectOptions {
  /** Stop once this many messages have arrived. */
  count: number;
  timeoutMs?: number;
}

/**
 * Reads a topic from the beginning with a throw-away consumer group, the way any downstream
 * team would, and returns the first `count` messages (or fails after the timeout).
 */
export async function collectMessages(
  kafka: Kafka,
  topic: string,
  options: CollectOptions,
): Promise<KafkaMessage[]> {
  const consumer = kafka.consumer({ groupId: `probe-${topic}-${Date.now()}` });
  const messages: KafkaMessage[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(new Error(`Got ${messages.length} of ${options.count} messages on ${topic}`));
      }, options.timeoutMs ?? 30000);
      void consumer.run({
        eachMessage: async ({ message }) => {
          messages.push(message);
          if (messages.length >= options.count) {
            clearTimeout(timer);
            resolve();
          }
          return await Promise.resolve();
        },
      });
    });
    return messages.slice(0, options.count);
  } finally {
    await consumer.disconnect();
  }
}

/** The headers of a Kafka message as plain strings. */
export function headersOf(message: KafkaMessage): Record<string, string> {
  return Object.fromEntries(
    Object.entries(message.headers ?? {}).map(([name, value]) => [name, String(value)]),
  );
}
