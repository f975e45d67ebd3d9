import { setTimeout as sleep } from 'node:timers/promises';

import {
  deadLetterTopic,
  type EventDefinition,
  type EventEnvelope,
  eventEnvelopeSchema,
} from '@exposure-graph/events';
import type { Logger } from '@exposure-graph/logging';
import { counter } from '@exposure-graph/metrics';
import {
  type Consumer,
  type EachMessagePayload,
  type KafkaMessage,
  Partitioners,
  type Producer,
} from 'kafkajs';

import type { KafkaConnection } from './connection';
import { describeIssues } from './errors';

const consumedEvents = counter({
  name: 'events_consumed_total',
  help: 'Events consumed from Kafka, by type and outcome',
  labelNames: ['topic', 'outcome'],
});

export interface MessageContext {
  topic: string;
  partition: number;
  offset: string;
}

export interface EventHandler<Data = unknown> {
  definition: EventDefinition<Data>;
  handle(event: EventEnvelope<Data>, context: MessageContext): Promise<void>;
}

/** Builds a handler entry while keeping the data type of the definition. */
export function on<Data>(
  definition: EventDefinition<Data>,
  handle: EventHandler<Data>['handle'],
): EventHandler<Data> {
  return { definition, handle };
}

export interface EventConsumerOptions {
  connection: KafkaConnection;
  groupId: string;
  handlers: readonly EventHandler<unknown>[];
  logger: Logger;
  /** Attempts of a failing handler before the message goes to the dead-letter topic. */
  maxAttempts?: number;
  retryDelayMs?: number;
  fromBeginning?: boolean;
}

export interface EventConsumer {
  stop: () => Promise<void>;
  isRunning: () => boolean;
}

/** Why a message was parked instead of handled; written into its dead-letter headers. */
class Rejection extends Error {}

/**
 * Consumes the handlers' topics with one consumer group. A message that is not a valid event,
 * or that its handler still fails after the retries, goes to `<topic>.dlq` with the reason,
 * and the consumer moves on to the next message of the partition.
 */
export async function startEventConsumer(options: EventConsumerOptions): Promise<EventConsumer> {
  const log = options.logger.child({ component: 'event-consumer', groupId: options.groupId });
  const handlers = indexHandlers(options.handlers);
  const topics = [
    ...new Set(options.handlers.map(h => options.connection.topic(h.definition.topic))),
  ];
  const consumer = options.connection.kafka.consumer({ groupId: options.groupId });
  const deadLetters = options.connection.kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  let running = false;

  await Promise.all([consumer.connect(), deadLetters.connect()]);
  await consumer.subscribe({ topics, fromBeginning: options.fromBeginning ?? true });
  await consumer.run({
    eachMessage: async payload => {
      const outcome = await processMessage(payload, handlers, options, log, deadLetters);
      consumedEvents.inc({ topic: payload.topic, outcome });
    },
  });
  running = true;
  log.info({ topics }, 'Consuming events');

  return {
    isRunning: () => running,
    stop: async () => {
      running = false;
      await stopQuietly(consumer, deadLetters);
    },
  };
}

async function processMessage(
  payload: EachMessagePayload,
  handlers: Map<string, EventHandler<unknown>>,
  options: EventConsumerOptions,
  log: Logger,
  deadLetters: Producer,
): Promise<'handled' | 'dead-lettered'> {
  const context = {
    topic: payload.topic,
    partition: payload.partition,
    offset: payload.message.offset,
  };
  try {
    const { event, handler } = decode(payload.message, handlers);
    await handleWithRetries(handler, event, context, options, log);
    return 'handled';
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    log.warn({ ...context, reason }, 'Event sent to the dead-letter topic');
    await deadLetters.send({
      topic: deadLetterTopic(payload.topic),
      messages: [toDeadLetter(payload, options.groupId, reason)],
    });
    return 'dead-lettered';
  }
}

function decode(message: KafkaMessage, handlers: Map<string, EventHandler<unknown>>) {
  let json: unknown;
  try {
    json = JSON.parse(message.value?.toString('utf8') ?? '');
  } catch (error) {
    throw new Rejection(`Message value is not JSON: ${(error as Error).message}`);
  }

  const envelope = eventEnvelopeSchema.safeParse(json);
  if (!envelope.success) {
    throw new Rejection(`Envelope invalid: ${describeIssues(envelope.error.issues)}`);
  }

  const { type, version } = envelope.data;
  const handler = handlers.get(handlerKey(type, version));
  if (!handler) {
    throw new Rejection(`No handler for event type ${type} v${version}`);
  }

  const data = handler.definition.schema.safeParse(envelope.data.data);
  if (!data.success) {
    throw new Rejection(
      `Data invalid for ${type} v${version}: ${describeIssues(data.error.issues)}`,
    );
  }
  return { event: { ...envelope.data, data: data.data }, handler };
}

async function handleWithRetries(
  handler: EventHandler<unknown>,
  event: EventEnvelope<unknown>,
  context: MessageContext,
  options: EventConsumerOptions,
  log: Logger,
): Promise<void> {
  const maxAttempts = options.maxAttempts ?? 3;
  for (let attempt = 1; ; attempt++) {
    try {
      await handler.handle(event, context);
      return;
    } catch (error) {
      if (attempt >= maxAttempts) {
        throw new Rejection(
          `Handler failed after ${attempt} attempts: ${(error as Error).message ?? String(error)}`,
        );
      }
      log.warn({ err: error, ...context, attempt, eventId: event.id }, 'Handler failed, retrying');
      await sleep((options.retryDelayMs ?? 200) * 2 ** (attempt - 1));
    }
  }
}

function toDeadLetter(payload: EachMessagePayload, groupId: string, reason: string) {
  const { message } = payload;
  return {
    key: message.key,
    value: message.value,
    headers: {
      ...message.headers,
      'dlq-reason': reason,
      'dlq-original-topic': payload.topic,
      'dlq-original-partition': String(payload.partition),
      'dlq-original-offset': message.offset,
      'dlq-consumer-group': groupId,
      'dlq-failed-at': new Date().toISOString(),
    },
  };
}

function indexHandlers(handlers: readonly EventHandler<unknown>[]) {
  return new Map(handlers.map(h => [handlerKey(h.definition.type, h.definition.version), h]));
}

function handlerKey(type: string, version: number): string {
  return `${type}@${version}`;
}

async function stopQuietly(consumer: Consumer, producer: Producer): Promise<void> {
  await consumer.disconnect();
  await producer.disconnect();
}
