import { deadLetterTopic, type SourceChanged, sourceChangedEvent } from '@exposure-graph/events';
import { silentLogger } from '@exposure-graph/logging';
import {
  collectMessages,
  ensureStack,
  headersOf,
  uniqueName,
  waitFor,
} from '@exposure-graph/testing';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';

import { createKafkaConnection, type KafkaConnection } from './connection';
import { type EventConsumer, on, startEventConsumer } from './consumer';
import { createEventPublisher, type EventPublisher } from './publisher';
import { ensureTopics } from './topics';

const logger = silentLogger();

function sourceChanged(name: string): SourceChanged {
  return {
    sourceId: `src-${name}`,
    change: 'created',
    name,
    apiBaseUrl: 'https://qualysapi.qg2.apps.qualys.com',
    enabled: true,
  };
}

describe('event consumer against the real broker', () => {
  let connection: KafkaConnection;
  let publisher: EventPublisher;
  let consumer: EventConsumer | undefined;
  const topic = () => connection.topic(sourceChangedEvent.topic);

  // Each test gets topics of its own, so one test's messages never reach another's consumer.
  beforeEach(async () => {
    connection = createKafkaConnection({
      brokers: ensureStack().kafkaBrokers,
      clientId: 'consumer-test',
      topicPrefix: `${uniqueName('kafka')}.`,
      logger,
    });
    await ensureTopics(connection, [sourceChangedEvent.topic], { partitions: 1 });
    publisher = await createEventPublisher({ connection, service: 'consumer-test' });
  });

  afterEach(async () => {
    await consumer?.stop();
    consumer = undefined;
    await publisher.disconnect();
  });

  it('parks a malformed event in the dead-letter topic with its reason and goes on', async () => {
    const handled: string[] = [];
    const producer = connection.kafka.producer();
    await producer.connect();
    await producer.send({
      topic: topic(),
      messages: [
        { key: 'bad-1', value: '{"type":"integration.source.changed"' },
        {
          key: 'bad-2',
          value: JSON.stringify({
            type: 'integration.source.changed',
            version: 1,
            id: '6f1c1d7e-9a4b-4c71-8a52-3f0e8d1b2c3a',
            occurredAt: '2026-12-03T10:00:00.000Z',
            source: 'test',
            key: 'src-x',
            data: {
              sourceId: 'src-x',
              change: 'renamed',
              name: 'X',
              apiBaseUrl: 'nope',
              enabled: true,
            },
          }),
        },
      ],
    });
    await producer.disconnect();
    await publisher.publish(sourceChangedEvent, sourceChanged('after-the-bad-ones'));

    consumer = await startEventConsumer({
      connection,
      groupId: uniqueName('group'),
      logger,
      handlers: [
        on(sourceChangedEvent, event => {
          handled.push(event.data.name);
          return Promise.resolve();
        }),
      ],
    });
    const parked = await collectMessages(connection.kafka, deadLetterTopic(topic()), { count: 2 });

    expect(parked.map(message => message.key?.toString())).toEqual(['bad-1', 'bad-2']);
    const [notJson, badData] = parked.map(headersOf);
    expect(notJson?.['dlq-reason']).toMatch(/^Message value is not JSON/);
    expect(notJson?.['dlq-original-topic']).toBe(topic());
    expect(badData?.['dlq-reason']).toMatch(/^Data invalid for integration.source.changed v1: /);
    expect(badData?.['dlq-reason']).toContain('change');
    expect(badData?.['dlq-reason']).toContain('apiBaseUrl');
    await waitFor(() => handled.includes('after-the-bad-ones'), 'the valid event');
    expect(handled).toEqual(['after-the-bad-ones']);
  });

  it('parks an event whose handler keeps failing, after the configured attempts', async () => {
    const attempts: string[] = [];
    await publisher.publish(sourceChangedEvent, sourceChanged('handler-fails'));

    consumer = await startEventConsumer({
      connection,
      groupId: uniqueName('group'),
      logger,
      maxAttempts: 3,
      retryDelayMs: 10,
      handlers: [
        on(sourceChangedEvent, event => {
          attempts.push(event.data.name);
          return event.data.name === 'handler-fails'
            ? Promise.reject(new Error('Store unavailable'))
            : Promise.resolve();
        }),
      ],
    });
    const parked = await collectMessages(connection.kafka, deadLetterTopic(topic()), { count: 1 });

    const reason = headersOf(parked[0]!)['dlq-reason'];
    expect(reason).toBe('Handler failed after 3 attempts: Store unavailable');
    expect(attempts.filter(name => name === 'handler-fails')).toHaveLength(3);
  });
});
