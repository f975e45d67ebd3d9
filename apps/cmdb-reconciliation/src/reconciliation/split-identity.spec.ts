import { describe, expect, it } from '@jest/globals';

import { type HostObservation } from '../identification/host-observation';
import { CMDB_ERROR_CODES } from './errors';
import { splitIdentity } from './split-identity';
import { createTestEngine, TEST_ENGINE_NOW } from './test-engine';

const T1 = new Date('2025-04-01T06:00:00Z');
const T2 = new Date('2025-04-02T06:00:00Z');

// Two machines that share a DNS name in two datacenters, merged by the FQDN rule.
const euDb: HostObservation = {
  sourceId: 'src-eu',
  hostId: '10001',
  integration: 'host-list',
  observedAt: T1,
  fqdn: 'db.corp.example',
  ips: ['10.1.1.1'],
  os: 'Ubuntu 22.04.4 LTS',
};
const usDb: HostObservation = {
  sourceId: 'src-us',
  hostId: '10002',
  integration: 'host-detection',
  observedAt: T1,
  fqdn: 'db.corp.example',
  ips: ['10.9.9.9'],
  os: 'Windows Server 2022 Standard',
};
const REASON = 'db.corp.example names two machines in two datacenters';

async function wronglyMerged() {
  const engine = createTestEngine();
  await engine.observe(euDb);
  await engine.observe(usDb);
  const [merged] = engine.store.all();
  expect(merged?.identities).toHaveLength(2);
  return { engine, merged: merged! };
}

describe('splitIdentity', () => {
  it('moves the identity to a new CI and recomputes both', async () => {
    const { engine, merged } = await wronglyMerged();

    const result = splitIdentity(
      merged,
      { sourceId: 'src-eu', hostId: '10001', reason: REASON, actor: 'alice' },
      engine.context,
    );

    expect(result.remaining).toMatchObject({
      id: merged.id,
      version: 3,
      attributes: { name: 'db', ips: ['10.9.9.9'], os: 'Windows Server 2022 Standard' },
    });
    expect(result.remaining.identities.map(i => i.hostId)).toEqual(['10002']);
    expect(result.split).toMatchObject({
      version: 1,
      attributes: { name: 'db', class: 'server', ips: ['10.1.1.1'], os: 'Ubuntu 22.04.4 LTS' },
      firstSeen: T1,
      lastSeen: T1,
    });
    expect(result.split.identities).toMatchObject([
      {
        sourceId: 'src-eu',
        hostId: '10001',
        boundBy: { kind: 'split', fromCiId: merged.id, reason: REASON, at: TEST_ENGINE_NOW },
      },
    ]);
    expect(result.changes.map(change => [change.attribute, change.from, change.to])).toEqual([
      ['ips', ['10.1.1.1'], ['10.9.9.9']],
      ['os', 'Ubuntu 22.04.4 LTS', 'Windows Server 2022 Standard'],
    ]);
  });

  it('logs the split, the new CI and the attribute changes', async () => {
    const { engine, merged } = await wronglyMerged();

    const { log, split } = splitIdentity(
      merged,
      { sourceId: 'src-eu', hostId: '10001', reason: REASON, actor: 'alice' },
      engine.context,
    );

    expect(log.map(entry => [entry.kind, entry.ciId])).toEqual([
      ['identity-split', merged.id],
      ['created', split.id],
      ['attribute-changed', merged.id],
      ['attribute-changed', merged.id],
    ]);
    expect(log[0]).toMatchObject({ toCiId: split.id, reason: REASON, actor: 'alice' });
    expect(log[0]?.message).toBe(
      'Split source src-eu host 10001 off CI db into CI db at the request of alice: ' + REASON,
    );
    expect(log[1]).toMatchObject({ origin: 'split' });
  });

  it('keeps the split: later observations of the host go to the new CI', async () => {
    const { engine, merged } = await wronglyMerged();
    const result = splitIdentity(
      merged,
      { sourceId: 'src-eu', hostId: '10001', reason: REASON },
      engine.context,
    );
    engine.store.recordSplit(result);

    const later = await engine.observe({ ...euDb, observedAt: T2 });
    const third = await engine.observe({ ...usDb, sourceId: 'src-eu', hostId: '10003' });

    expect(later.decision).toMatchObject({
      kind: 'matched',
      ciId: result.split.id,
      rule: 'source-host',
    });
    expect(engine.ciOf('src-us', '10002')?.identities).toHaveLength(1);
    expect(third.decision).toMatchObject({
      kind: 'unmatched',
      rule: 'fqdn',
      candidates: [merged.id, result.split.id].sort(),
    });
  });

  it('refuses an identity the CI does not hold', async () => {
    const { engine, merged } = await wronglyMerged();

    expect(() =>
      splitIdentity(merged, { sourceId: 'src-eu', hostId: '99', reason: REASON }, engine.context),
    ).toThrow(expect.objectContaining({ code: CMDB_ERROR_CODES.identityNotFound }));
  });

  it('refuses to take the last identity of a CI', async () => {
    const engine = createTestEngine();
    await engine.observe(euDb);
    const [single] = engine.store.all();

    expect(() =>
      splitIdentity(
        single!,
        { sourceId: 'src-eu', hostId: '10001', reason: REASON },
        engine.context,
      ),
    ).toThrow(
      `Identity source src-eu host 10001 is the only one of CI ${single?.id} ` +
        'and cannot be split off',
    );
  });
});
