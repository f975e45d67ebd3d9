import type { IntegrationKind } from '@exposure-graph/events';
import type { Collection, Db, IndexDeclaration } from '@exposure-graph/mongo';
import { MongoServerError } from '@exposure-graph/mongo';

import type { SealedSecret } from '../credentials/credential-cipher';
import { type Source, SOURCE_ERROR_CODES, SourceError } from './source';

/**
 * Stored form. `nameKey` makes names unique regardless of case; `credentials` is sealed
 * (AES-256-GCM); `eventPending` marks a change whose event Kafka has not acknowledged yet
 * (the outbox flag, see docs/architecture.md).
 */
interface SourceDocument {
  _id: string;
  name: string;
  nameKey: string;
  apiBaseUrl: string;
  pcrsGatewayUrl: string | null;
  enabled: boolean;
  integrations: IntegrationKind[];
  credentials: SealedSecret | null;
  createdAt: Date;
  updatedAt: Date;
  eventPending: boolean;
}

/** A source with its sealed credentials, for the few paths that need to log in to Qualys. */
export interface SourceWithSecret {
  source: Source;
  credentials: SealedSecret | null;
}

const COLLECTION = 'sources';
const DUPLICATE_KEY = 11000;

export const SOURCE_INDEXES: readonly IndexDeclaration[] = [
  { collection: COLLECTION, key: { nameKey: 1 }, options: { unique: true, name: 'name_unique' } },
  { collection: COLLECTION, key: { eventPending: 1 }, options: { name: 'event_pending' } },
];

export interface SourceRepository {
  insert(source: Source, credentials: SealedSecret): Promise<void>;
  list(): Promise<Source[]>;
  findById(id: string): Promise<Source | null>;
  findWithSecret(id: string): Promise<SourceWithSecret | null>;
  /** Sources whose credentials were sealed with another key than `keyId`. */
  sealedWithOtherKey(keyId: string): Promise<SourceWithSecret[]>;
  replaceCredentials(id: string, credentials: SealedSecret): Promise<void>;
  markEventPublished(id: string): Promise<void>;
  withPendingEvents(): Promise<Source[]>;
}

export function createSourceRepository(db: Db): SourceRepository {
  const sources: Collection<SourceDocument> = db.collection<SourceDocument>(COLLECTION);

  return {
    insert: async (source, credentials) => {
      try {
        await sources.insertOne(toDocument(source, credentials));
      } catch (error) {
        if (error instanceof MongoServerError && error.code === DUPLICATE_KEY) {
          throw new SourceError(
            SOURCE_ERROR_CODES.nameTaken,
            `A source named "${source.name}" already exists`,
            'name',
          );
        }
        throw error;
      }
    },
    list: async () => (await sources.find().sort({ nameKey: 1 }).toArray()).map(fromDocument),
    findById: async id => {
      const document = await sources.findOne({ _id: id });
      return document ? fromDocument(document) : null;
    },
    findWithSecret: async id => {
      const document = await sources.findOne({ _id: id });
      return document ? withSecret(document) : null;
    },
    sealedWithOtherKey: async keyId =>
      (
        await sources
          .find({ credentials: { $ne: null }, 'credentials.keyId': { $ne: keyId } })
          .toArray()
      ).map(withSecret),
    replaceCredentials: async (id, credentials) => {
      await sources.updateOne({ _id: id }, { $set: { credentials } });
    },
    markEventPublished: async id => {
      await sources.updateOne({ _id: id }, { $set: { eventPending: false } });
    },
    withPendingEvents: async () =>
      (await sources.find({ eventPending: true }).toArray()).map(fromDocument),
  };
}

function toDocument(source: Source, credentials: SealedSecret): SourceDocument {
  const { id, hasCredentials, ...fields } = source;
  return {
    _id: id,
    ...fields,
    nameKey: source.name.toLowerCase(),
    credentials,
    eventPending: true,
  };
}

function fromDocument(document: SourceDocument): Source {
  return {
    id: document._id,
    name: document.name,
    apiBaseUrl: document.apiBaseUrl,
    pcrsGatewayUrl: document.pcrsGatewayUrl ?? null,
    enabled: document.enabled,
    integrations: document.integrations ?? [],
    hasCredentials: document.credentials !== null && document.credentials !== undefined,
    createdAt: document.createdAt,
    updatedAt: document.updatedAt,
  };
}

function withSecret(document: SourceDocument): SourceWithSecret {
  return { source: fromDocument(document), credentials: document.credentials ?? null };
}
