import { randomUUID } from 'node:crypto';

import { sourceChangedEvent } from '@exposure-graph/events';
import type { SourceConnection } from '@exposure-graph/grpc';
import type { EventPublisher } from '@exposure-graph/kafka';
import type { Logger } from '@exposure-graph/logging';

import type { CredentialCipher } from '../credentials/credential-cipher';
import {
  type NewSource,
  newSourceSchema,
  type Source,
  SOURCE_ERROR_CODES,
  type SourceCredentials,
  SourceError,
} from './source';
import type { SourceRepository } from './source-repository';

export interface SourceService {
  add(input: NewSource): Promise<Source>;
  list(): Promise<Source[]>;
  get(id: string): Promise<Source | null>;
  /** The source with its credentials opened, for the services that call Qualys. */
  connection(id: string): Promise<SourceConnection>;
  /** Publishes the events of changes stored before a crash cut their publication short. */
  republishPending(): Promise<number>;
  /** Re-seals credentials sealed with an older key; returns how many were re-sealed. */
  resealWithCurrentKey(): Promise<number>;
}

export function createSourceService(
  repository: SourceRepository,
  publisher: EventPublisher,
  cipher: CredentialCipher,
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
      const { source, credentials } = validate(input);

      await repository.insert(source, cipher.seal(JSON.stringify(credentials)));
      log.info({ sourceId: source.id, name: source.name }, 'Source added');

      await publishCreated(source);
      return source;
    },

    list: async () => await repository.list(),

    get: async id => await repository.findById(id),

    connection: async id => {
      const found = await repository.findWithSecret(id);
      if (!found) {
        throw new SourceError(SOURCE_ERROR_CODES.notFound, `Source ${id} does not exist`);
      }
      if (!found.credentials) {
        throw new SourceError(SOURCE_ERROR_CODES.invalidInput, `Source ${id} has no credentials`);
      }
      const credentials = JSON.parse(cipher.open(found.credentials)) as SourceCredentials;
      return {
        sourceId: found.source.id,
        name: found.source.name,
        apiBaseUrl: found.source.apiBaseUrl,
        pcrsGatewayUrl: found.source.pcrsGatewayUrl,
        username: credentials.username,
        password: credentials.password,
        apiVersions: {},
        enabled: found.source.enabled,
      };
    },

    republishPending: async () => {
      const pending = await repository.withPendingEvents();
      for (const source of pending) {
        await publishCreated(source);
      }
      return pending.length;
    },

    resealWithCurrentKey: async () => {
      const stale = await repository.sealedWithOtherKey(cipher.currentKeyId);
      for (const { source, credentials } of stale) {
        if (credentials) {
          await repository.replaceCredentials(source.id, cipher.seal(cipher.open(credentials)));
        }
      }
      if (stale.length > 0) {
        log.info({ resealed: stale.length, keyId: cipher.currentKeyId }, 'Credentials re-sealed');
      }
      return stale.length;
    },
  };
}

function validate(input: NewSource): { source: Source; credentials: SourceCredentials } {
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

  const { username, password, ...fields } = parsed.data;
  const now = new Date();
  return {
    source: { id: randomUUID(), ...fields, hasCredentials: true, createdAt: now, updatedAt: now },
    credentials: { username, password },
  };
}
