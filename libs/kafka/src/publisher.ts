import { randomUUID } from 'node:crypto';

import type { EventDefinition, EventEnvelope } from '@exposure-graph/events';
import { counter } from '@exposure-graph/metrics';
import { CompressionTypes, Partitioners, type Producer } from 'kafkajs';

import type { KafkaConnection } from './connection';
import { EventValidationError } from './errors';

const publishedEvents = counter({
  name: 'events_published_total',
  help: 'Events published to Kafka, by type',
  labelNames: ['type'],
});

export interface EventPublisher {
  /** Validates and publishes one event; resolves once the broker has acknowledged it. */
  publish<Data>(definition: EventDefinition<Data>, data: Data): Promise<EventEnvelope<Data>>;
  /** Same for many events of one type, in one produce request. */
  publishAll<Data>(
    definition: EventDefinition<Data>,
    items: readonly Data[],
  ): Promise<EventEnvelope<Data>[]>;
  disconnect: () => Promise<void>;
}

export interface PublisherOptions {
  connection: KafkaConnection;
  /** Name of the producing service, written as the envelope's `source`. */
  service: string;
}

/**
 * An idempotent producer: the broker de-duplicates retried sends, so a network hiccup during
 * a send never yields the same event twice in the log.
 */
export async function createEventPublisher(options: PublisherOptions): Promise<EventPublisher> {
  const producer = options.connection.kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    allowAutoTopicCreation: false,
    // Murmur2 on the key, as the Java client does, so other producers agree on partitions.
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  await producer.connect();

  const publishAll = async <Data>(definition: EventDefinition<Data>, items: readonly Data[]) => {
    const envelopes = items.map(data => buildEnvelope(definition, data, options.service));
    if (envelopes.length > 0) {
      await send(producer, options.connection.topic(definition.topic), envelopes);
      publishedEvents.inc({ type: definition.type }, envelopes.length);
    }
    return envelopes;
  };

  return {
    publishAll,
    publish: async (definition, data) => {
      const [envelope] = await publishAll(definition, [data]);
      return envelope as EventEnvelope<typeof data>;
    },
    disconnect: async () => {
      await producer.disconnect();
    },
  };
}

/** Validates the data against its schema before anything leaves the process. */
export function buildEnvelope<Data>(
  definition: EventDefinition<Data>,
  data: Data,
  service: string,
): EventEnvelope<Data> {
  const parsed = definition.schema.safeParse(data);
  if (!parsed.success) {
    throw new EventValidationError(definition.type, definition.version, parsed.error.issues);
  }

  return {
    type: definition.type,
    version: definition.version,
    id: randomUUID(),
    occurredAt: new Date().toISOString(),
    source: service,
    key: definition.keyOf(parsed.data),
    data: parsed.data,
  };
}

async function send(producer: Producer, topic: string, envelopes: readonly EventEnvelope[]) {
  await producer.send({
    topic,
    acks: -1,
    compression: CompressionTypes.None,
    messages: envelopes.map(envelope => ({
      key: envelope.key,
      value: JSON.stringify(envelope),
      headers: { 'event-type': envelope.type, 'event-version': String(envelope.version) },
    })),
  });
}
