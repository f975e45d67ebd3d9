import type { AnyBulkWriteOperation, Collection, Document, Filter } from 'mongodb';

export interface UpsertOperation<T extends Document> {
  filter: Filter<T>;
  /** Fields written on every upsert. */
  set: Partial<T>;
  /** Fields written only when the document is created. */
  setOnInsert?: Partial<T>;
}

export interface BulkUpsertResult {
  inserted: number;
  modified: number;
  matched: number;
}

/**
 * Writes a page of upserts in one unordered bulk call: one failing document does not stop the
 * others, and the server may apply them in parallel.
 */
export async function bulkUpsert<T extends Document>(
  collection: Collection<T>,
  operations: readonly UpsertOperation<T>[],
): Promise<BulkUpsertResult> {
  if (operations.length === 0) {
    return { inserted: 0, modified: 0, matched: 0 };
  }

  const writes = operations.map(toUpdateOne);
  const result = await collection.bulkWrite(writes, { ordered: false });
  return {
    inserted: result.upsertedCount,
    modified: result.modifiedCount,
    matched: result.matchedCount,
  };
}

function toUpdateOne<T extends Document>(operation: UpsertOperation<T>): AnyBulkWriteOperation<T> {
  const update: Document = { $set: operation.set };
  if (operation.setOnInsert && Object.keys(operation.setOnInsert).length > 0) {
    update.$setOnInsert = operation.setOnInsert;
  }
  return {
    updateOne: { filter: operation.filter, update: update, upsert: true },
  };
}
