import type { Collection, Db, IndexDeclaration } from '@exposure-graph/mongo';
import { MongoServerError } from '@exposure-graph/mongo';

import { type Source, SOURCE_ERROR_CODES, SourceError } from './source';

/**
 * Stored form. `nameKey` makes names unique regardless of case; `eventPending` marks a change
 * whose event is not yet acknowledged by Kafka (the outbox flag, see docs/architecture.md).
 */
interface SourceDocument {
  _id: string;
  name: string;
  nameKey: string;
  apiBaseUrl: string;
  enabled: boolean;
  createdAt: Date;
  updatedAt: Date;
  eventPending: boolean;
}

const COLLECTION = 'sources';
const DUPLICATE_KEY = 11000;

export const SOURCE_INDEXES: readonly IndexDeclaration[] = [
  { collection: COLLECTION, key: { nameKey: 1 }, options: { unique: true, name: 'name_unique' } },
  { collection: COLLECTION, key: { eventPending: 1 }, options: { name: 'event_pending' } },
];

export interface SourceRepository {
  insert(source: Source): Promise<void>;
  list(): Promise<Source[]>;
  findById(id: string): Promise<Source | null>;
  markEventPublished(id: string): Promise<void>;
  withPendingEvents(): Promise<Source[]>;
}

export function createSourceRepository(db: Db): SourceRepository {
  const sources: Collection<SourceDocument> = db.collection<SourceDocument>(COLLECTION);

  return {
    insert: async source => {
      try {
        await sources.insertOne(toDocument(source));
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
    markEventPublished: async id => {
      await sources.updateOne({ _id: id }, { $set: { eventPending: false } });
    },
    withPendingEvents: async () =>
      (await sources.find({ eventPending: true }).toArray()).map(fromDocument),
  };
}

function toDocument(source: Source): SourceDocument {
  const { id, ...fields } = source;
  return { _id: id, ...fields, nameKey: source.name.toLowerCase(), eventPending: true };
}

function fromDocument(document: SourceDocument): Source {
  return {
    id: document._id,
    name: document.name,
    apiBaseUrl: document.apiBaseUrl,
    enabled: document.enabled,
    createdAt: document.createdAt,
    updatedAt: document.updatedAt,
  };
}
