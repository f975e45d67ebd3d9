import type { CreateIndexesOptions, Db, IndexSpecification } from 'mongodb';

/** An index a service needs, declared in code and created at start-up. */
export interface IndexDeclaration {
  collection: string;
  key: IndexSpecification;
  options?: CreateIndexesOptions;
}

/** Creates every declared index; creating an existing identical index is a no-op. */
export async function ensureIndexes(db: Db, declarations: readonly IndexDeclaration[]) {
  for (const declaration of declarations) {
    await db.collection(declaration.collection).createIndex(declaration.key, {
      ...declaration.options,
    });
  }
}
