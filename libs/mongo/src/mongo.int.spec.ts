import { silentLogger } from '@exposure-graph/logging';
import { ensureStack, uniqueName } from '@exposure-graph/testing';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';

import { bulkUpsert } from './bulk-upsert';
import { connectMongo, type MongoConnection } from './connection';
import { ensureIndexes, type IndexDeclaration } from './indexes';

interface Vulnerability {
  _id: string;
  title: string;
  severity: number;
  firstSeenAt?: Date;
}

describe('mongo helpers against the real store', () => {
  let mongo: MongoConnection;

  beforeAll(async () => {
    mongo = await connectMongo({
      uri: ensureStack().mongoUri,
      database: uniqueName('mongo').replace(/-/g, '_'),
      appName: 'mongo-test',
      logger: silentLogger(),
    });
  });

  afterAll(async () => {
    await mongo.db.dropDatabase();
    await mongo.close();
  });

  it('answers a ping', async () => {
    expect(await mongo.ping()).toBe(true);
  });

  it('creates declared indexes, and creating them again changes nothing', async () => {
    const declarations: IndexDeclaration[] = [
      { collection: 'vulns', key: { severity: -1 }, options: { name: 'by_severity' } },
      { collection: 'vulns', key: { title: 1 }, options: { name: 'title_unique', unique: true } },
    ];

    await ensureIndexes(mongo.db, declarations);
    await ensureIndexes(mongo.db, declarations);

    const indexes = await mongo.db.collection('vulns').indexes();
    const names = indexes.map(index => index.name).sort();
    expect(names).toEqual(['_id_', 'by_severity', 'title_unique']);
    expect(indexes.find(index => index.name === 'title_unique')?.unique).toBe(true);
  });

  it('upserts a page: inserts new documents, updates changed ones, keeps insert-only fields', async () => {
    const vulns = mongo.db.collection<Vulnerability>('vulns_upsert');
    const firstSeen = new Date('2024-03-08T20:15:41Z');
    const later = new Date('2025-01-01T00:00:00Z');

    const created = await bulkUpsert(vulns, [
      {
        filter: { _id: '38170' },
        set: { title: 'SSL Certificate', severity: 2 },
        setOnInsert: { firstSeenAt: firstSeen },
      },
      {
        filter: { _id: '316760' },
        set: { title: 'Cisco IOS', severity: 4 },
        setOnInsert: { firstSeenAt: firstSeen },
      },
    ]);
    const replayed = await bulkUpsert(vulns, [
      {
        filter: { _id: '38170' },
        set: { title: 'SSL Certificate', severity: 2 },
        setOnInsert: { firstSeenAt: later },
      },
      {
        filter: { _id: '316760' },
        set: { title: 'Cisco IOS XE', severity: 5 },
        setOnInsert: { firstSeenAt: later },
      },
    ]);

    expect(created).toEqual({ inserted: 2, modified: 0, matched: 0 });
    expect(replayed).toEqual({ inserted: 0, modified: 1, matched: 2 });
    expect(await vulns.find().sort({ _id: 1 }).toArray()).toEqual([
      { _id: '316760', title: 'Cisco IOS XE', severity: 5, firstSeenAt: firstSeen },
      { _id: '38170', title: 'SSL Certificate', severity: 2, firstSeenAt: firstSeen },
    ]);
  });

  it('does nothing for an empty page', async () => {
    const result = await bulkUpsert(mongo.db.collection<Vulnerability>('vulns_empty'), []);

    expect(result).toEqual({ inserted: 0, modified: 0, matched: 0 });
  });
});
