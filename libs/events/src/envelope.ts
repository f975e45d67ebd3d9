import { z } from 'zod';

/**
 * The JSON envelope every event travels in. `source` names the producing service; `key` is also
 * the Kafka message key, so all events of one entity stay ordered in one partition.
 */
export const eventEnvelopeSchema = z.object({
  type: z.string().min(1),
  version: z.number().int().positive(),
  id: z.uuid(),
  occurredAt: z.iso.datetime(),
  source: z.string().min(1),
  key: z.string().min(1),
  data: z.unknown(),
});

export type EventEnvelope<Data = unknown> = Omit<z.infer<typeof eventEnvelopeSchema>, 'data'> & {
  data: Data;
};

/** A versioned event type: its topic, how its key is derived, and the schema of its data. */
export interface EventDefinition<Data> {
  type: string;
  version: number;
  topic: string;
  description: string;
  schema: z.ZodType<Data>;
  keyOf(data: Data): string;
}

export function defineEvent<Data>(definition: EventDefinition<Data>): EventDefinition<Data> {
  return definition;
}

/** Dead-letter topic of a topic: where messages that cannot be processed are parked. */
export function deadLetterTopic(topic: string): string {
  return `${topic}.dlq`;
}
