export { bulkUpsert, type BulkUpsertResult, type UpsertOperation } from './bulk-upsert';
export { connectMongo, type MongoConnection, type MongoConnectionOptions } from './connection';
export { ensureIndexes, type IndexDeclaration } from './indexes';
// The driver's types, re-exported so that services never import 'mongodb' themselves.
export type {
  AnyBulkWriteOperation,
  Collection,
  Db,
  Document,
  Filter,
  FindOptions,
  Sort,
  UpdateFilter,
  WithId,
} from 'mongodb';
export { MongoServerError } from 'mongodb';
