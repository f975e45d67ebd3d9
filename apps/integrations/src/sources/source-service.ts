import { randomUUID } from 'node:crypto';

import { sourceChangedEvent } from '@exposure-graph/events';
import type { EventPublisher } from '@exposure-graph/kafka';
import type { Logger } from '@exposure-graph/logging';

import {
  type NewSource,
  newSourceSchema,
  type Source,
  SOURCE_ERROR_CODES,
  SourceError,
} from './source';
import type { SourceRepository } from './source-repository';

export interface SourceService {
  add(input: NewSource): Promise<Source>;
  list(): Promise<Source[]>;
  get(id: string): Promise<Source | null>;
  /** Publishes the events of changes stored before a crash cut their publication short. */
  republishPending(): Promise<number>;
}

export function createSourceService(
  repository: SourceRepository,
  publisher: EventPublisher,
  logger: Logger,
): SourceService {
  const log = logger.child({ component: 'sources' });

  const publishCreated = async (source: Source) => {
    await publisher.publish(sourceChangedEvent, {
      sourceId: source.id,
      change: 'created',
      name: source.name,
      apiBaseUrl: source.apiBaseUrl,
      enabled: source.enabled,
    });
    await repository.markEventPublished(source.id);
  };

  return {
    add: async input => {
      const source = validate(input);

      await repository.insert(source);
      log.info({ sourceId: source.id, name: source.name }, 'Source added');

      await publishCreated(source);
      return source;
    },
    list: async () => await repository.list(),
    get: async id => await repository.findById(id),
    republishPending: async () => {
      const pending = await repository.withPendingEvents();
      for (const source of pending) {
        await publishCreated(source);
      }
      return pending.length;
    },
  };
}

function validate(input: NewSource): Source {
  const parsed = newSourceSchema.safeParse(input);
  if (!parsed.success) {
    const [issue] = parsed.error.issues;
    const field = issue?.path.map(String).join('.');
    throw new SourceError(
      SOURCE_ERROR_CODES.invalidInput,
      `${field || 'input'} ${issue?.message ?? 'is invalid'}`,
      field,
    );
  }

  const now = new Date();
  return { id: randomUUID(), ...parsed.data, createdAt: now, updatedAt: now };
}
