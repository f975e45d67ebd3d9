import { describe, expect, it } from '@jest/globals';

import { type HostObservation } from '../identification/host-observation';
import { DEFAULT_ENGINE_CONFIG } from './engine-config';
import { createTestEngine } from './test-engine';

const T1 = new Date('2025-01-10T08:00:00Z');
const T2 = new Date('2025-01-11T08:00:00Z');
const T3 = new Date('2025-01-12T08:00:00Z');

function observation(
  fields: Partial<HostObservation> & Pick<HostObservation, 'sourceId' | 'hostId'>,
): HostObservation {
  return { integration: 'host-detection', observedAt: T1, ...fields };
}

const identitiesOf = (ci: { identities: { sourceId: string; hostId: string }[] } | undefined) =>
  ci?.identities.map(identity => `${identity.sourceId}/${identity.hostId}`);

describe('reconcileObservation', () => {
  describe('on hosts that share an IP', () => {
    it('keeps two nameless hosts with the same IP in two networks as two CIs', async () => {
      const engine = createTestEngine();

      await engine.observe(
        observation({ sourceId: 'src-eu', hostId: '1001', ips: ['10.20.0.5'], networkId: '100' }),
      );
      const second = await engine.observe(
        observation({ sourceId: 'src-eu', hostId: '1002', ips: ['10.20.0.5'], networkId: '200' }),
      );

      expect(second.decision.kind).toBe('created');
      expect(engine.store.all().map(identitiesOf)).toEqual([['src-eu/1001'], ['src-eu/1002']]);
      expect(engine.store.all().map(ci => ci.attributes.name)).toEqual(['10.20.0.5', '10.20.0.5']);
    });

    it('reads an absent network id as the default network 0', async () => {
      const engine = createTestEngine();

      await engine.observe(observation({ sourceId: 'src-eu', hostId: '1001', ips: ['10.20.0.5'] }));
      const second = await engine.observe(
        observation({ sourceId: 'src-eu', hostId: '1004', ips: ['10.20.0.5'], networkId: '0' }),
      );

      expect(second.decision).toEqual({
        kind: 'matched',
        ciId: engine.ciOf('src-eu', '1001')?.id,
        rule: 'ip-network',
        evidence: 'ip 10.20.0.5 in network 0',
      });
      expect(engine.store.all().map(identitiesOf)).toEqual([['src-eu/1001', 'src-eu/1004']]);
    });

    it('does not match by IP a host that has a name', async () => {
      const engine = createTestEngine();

      await engine.observe(observation({ sourceId: 'src-eu', hostId: '8001', ips: ['10.40.0.3'] }));
      const named = await engine.observe(
        observation({
          sourceId: 'src-eu',
          hostId: '8002',
          ips: ['10.40.0.3'],
          netbios: 'PRINTSRV',
        }),
      );

      expect(named.decision.kind).toBe('created');
      expect(engine.store.all().map(identitiesOf)).toEqual([['src-eu/8001'], ['src-eu/8002']]);
    });
  });

  describe('on one machine seen twice', () => {
    it('unites a scanner sighting and an agent sighting with the same FQDN', async () => {
      const engine = createTestEngine();
      const scanner = observation({
        sourceId: 'src-eu',
        hostId: '2001',
        trackingMethod: 'IP',
        ips: ['10.20.1.7'],
        fqdn: 'web01.corp.example',
        netbios: 'WEB01',
        os: 'Windows 2016/2019/10',
      });
      const agent = observation({
        sourceId: 'src-eu',
        hostId: '2002',
        integration: 'host-list',
        observedAt: T2,
        trackingMethod: 'AGENT',
        agentId: '6F1C0E52-8D1E-4C8B-9A51-2D3F4B5C6D7E',
        ips: ['10.20.1.7'],
        fqdn: 'WEB01.corp.example.',
        os: 'Windows Server 2019 Datacenter',
      });

      await engine.observe(scanner);
      const outcome = await engine.observe(agent);

      const ci = engine.ciOf('src-eu', '2001');
      expect(outcome.decision).toEqual({
        kind: 'matched',
        ciId: ci?.id,
        rule: 'fqdn',
        evidence: 'fqdn web01.corp.example',
      });
      expect(identitiesOf(ci)).toEqual(['src-eu/2001', 'src-eu/2002']);
      expect(ci?.attributes).toMatchObject({
        name: 'web01',
        class: 'server',
        fqdn: 'web01.corp.example',
        netbios: 'WEB01',
        os: 'Windows Server 2019 Datacenter',
      });
      expect(ci?.identities[1]?.boundBy).toEqual({
        kind: 'rule',
        rule: 'fqdn',
        evidence: 'fqdn web01.corp.example',
        at: engine.context.now(),
      });
      expect(outcome.log.map(entry => entry.kind)).toEqual(['identity-bound', 'attribute-changed']);
      expect(outcome.log[1]).toMatchObject({
        attribute: 'os',
        from: 'Windows 2016/2019/10',
        to: 'Windows Server 2019 Datacenter',
        winner: { sourceId: 'src-eu', hostId: '2002', integration: 'host-list', why: 'precedence' },
      });
    });

    it('unites a scanner sighting and an agent sighting with the same asset id', async () => {
      const engine = createTestEngine();

      await engine.observe(
        observation({
          sourceId: 'src-us',
          hostId: '3001',
          trackingMethod: 'IP',
          assetId: '55501',
          ips: ['172.16.4.20'],
          netbios: 'DB02',
        }),
      );
      const outcome = await engine.observe(
        observation({
          sourceId: 'src-us',
          hostId: '3002',
          integration: 'host-list',
          trackingMethod: 'AGENT',
          assetId: '55501',
          agentId: '0b7e3c1a-5d2f-4e8a-b9c6-1a2b3c4d5e6f',
          ips: ['172.16.4.20'],
          fqdn: 'db02.branch.example',
        }),
      );

      expect(outcome.decision).toMatchObject({
        kind: 'matched',
        rule: 'asset-id',
        evidence: 'asset id 55501 in subscription src-us',
      });
      expect(engine.store.all().map(identitiesOf)).toEqual([['src-us/3001', 'src-us/3002']]);
      expect(engine.ciOf('src-us', '3001')?.attributes.name).toBe('db02');
    });

    it('unites the same FQDN reported by two deployments', async () => {
      const engine = createTestEngine();

      await engine.observe(
        observation({
          sourceId: 'src-eu',
          hostId: '4001',
          integration: 'host-list',
          fqdn: 'app01.corp.example',
          ips: ['10.30.0.9'],
        }),
      );
      const outcome = await engine.observe(
        observation({
          sourceId: 'src-us',
          hostId: '9004001',
          fqdn: 'App01.Corp.Example',
          ips: ['10.30.0.9'],
        }),
      );

      expect(outcome.decision).toMatchObject({ kind: 'matched', rule: 'fqdn' });
      expect(engine.store.all().map(identitiesOf)).toEqual([['src-eu/4001', 'src-us/9004001']]);
    });
  });

  describe('on ambiguous and contradicted matches', () => {
    const fileServerA = observation({
      sourceId: 'src-eu',
      hostId: '5001',
      integration: 'host-list',
      agentId: 'aaaaaaaa-0000-4000-8000-000000000001',
      netbios: 'FILESRV',
      ips: ['192.168.10.10'],
    });
    const fileServerB = observation({
      sourceId: 'src-us',
      hostId: '5002',
      integration: 'host-list',
      agentId: 'bbbbbbbb-0000-4000-8000-000000000002',
      netbios: 'FILESRV',
      ips: ['192.168.10.10'],
    });
    const scanned = observation({
      sourceId: 'src-eu',
      hostId: '5003',
      netbios: 'filesrv',
      ips: ['192.168.10.10'],
    });

    it('creates a CI rather than join a CI whose agent id differs', async () => {
      const engine = createTestEngine();

      await engine.observe(fileServerA);
      const outcome = await engine.observe(fileServerB);

      const a = engine.ciOf('src-eu', '5001');
      expect(outcome.decision.kind).toBe('created');
      expect(outcome.log).toHaveLength(1);
      expect(outcome.log[0]).toMatchObject({
        kind: 'created',
        excluded: [
          {
            ciId: a?.id,
            rule: 'netbios-ip',
            contradictedBy: 'agent-id',
            reason:
              `netbios FILESRV + ip 192.168.10.10 matches CI ${a?.id}, but its agent id ` +
              "aaaaaaaa-0000-4000-8000-000000000001 differs from the observation's " +
              'bbbbbbbb-0000-4000-8000-000000000002',
          },
        ],
      });
      expect(engine.store.all()).toHaveLength(2);
    });

    it('leaves a host matching two CIs unmatched, naming the rule and the candidates', async () => {
      const engine = createTestEngine();
      await engine.observe(fileServerA);
      await engine.observe(fileServerB);
      const ids = [engine.ciOf('src-eu', '5001')?.id, engine.ciOf('src-us', '5002')?.id];

      const outcome = await engine.observe(scanned);

      const reason = `netbios FILESRV + ip 192.168.10.10 matches 2 CIs: ${ids.join(', ')}`;
      expect(outcome.decision).toEqual({
        kind: 'unmatched',
        rule: 'netbios-ip',
        candidates: ids,
        reason,
      });
      expect(outcome.ci).toBeNull();
      expect(outcome.log).toMatchObject([{ kind: 'unmatched', ciId: null, reason }]);
      expect(engine.store.unmatchedHosts()).toMatchObject([
        { sourceId: 'src-eu', hostId: '5003', rule: 'netbios-ip', candidates: ids, reason },
      ]);
      expect(engine.store.all()).toHaveLength(2);
    });

    it('logs an unmatched host once when the same observation comes again', async () => {
      const engine = createTestEngine();
      await engine.observe(fileServerA);
      await engine.observe(fileServerB);
      await engine.observe(scanned);

      const replay = await engine.observe(scanned);
      const newer = await engine.observe({ ...scanned, observedAt: T2 });

      expect(replay).toMatchObject({ changed: false, log: [] });
      expect(newer).toMatchObject({ changed: true, log: [] });
      expect(engine.store.unmatchedHosts().map(host => host.observedAt)).toEqual([T2]);
    });

    it('takes a host out of the unmatched queue once a rule places it', async () => {
      const engine = createTestEngine();
      await engine.observe(fileServerA);
      await engine.observe(fileServerB);
      await engine.observe(scanned);

      const placed = await engine.observe({
        ...scanned,
        observedAt: T2,
        agentId: 'aaaaaaaa-0000-4000-8000-000000000001',
      });

      expect(placed.decision).toMatchObject({ kind: 'matched', rule: 'agent-id' });
      expect(placed.resolvesUnmatched).toBe(true);
      expect(engine.store.unmatchedHosts()).toEqual([]);
      expect(identitiesOf(engine.ciOf('src-eu', '5001'))).toEqual(['src-eu/5001', 'src-eu/5003']);
    });

    it('leaves a contradicted host unmatched under the unmatched conflict policy', async () => {
      const engine = createTestEngine({ ...DEFAULT_ENGINE_CONFIG, conflictPolicy: 'unmatched' });
      await engine.observe(fileServerA);
      const a = engine.ciOf('src-eu', '5001');

      const outcome = await engine.observe(fileServerB);

      expect(outcome.decision).toEqual({
        kind: 'unmatched',
        rule: 'netbios-ip',
        candidates: [a?.id],
        reason:
          `netbios FILESRV + ip 192.168.10.10 matches CI ${a?.id}, but its agent id ` +
          "aaaaaaaa-0000-4000-8000-000000000001 differs from the observation's " +
          'bbbbbbbb-0000-4000-8000-000000000002',
      });
      expect(engine.store.all()).toHaveLength(1);
    });
  });

  describe('on repeated and late observations', () => {
    const host = observation({
      sourceId: 'src-eu',
      hostId: '7001',
      integration: 'host-list',
      observedAt: T2,
      fqdn: 'build07.corp.example',
      ips: ['10.50.0.7'],
      os: 'Red Hat Enterprise Linux 8.6',
    });

    it('changes nothing when the same observation is applied twice', async () => {
      const engine = createTestEngine();
      await engine.observe(host);
      const before = engine.store.all();

      const replay = await engine.observe(host);

      expect(replay).toMatchObject({
        decision: { kind: 'matched', rule: 'source-host' },
        changed: false,
        changes: [],
        log: [],
      });
      expect(engine.store.all()).toEqual(before);
      expect(engine.store.all()[0]?.version).toBe(1);
    });

    it('keeps newer attributes and last seen when an older observation arrives', async () => {
      const engine = createTestEngine();
      await engine.observe(host);

      const late = await engine.observe({
        ...host,
        observedAt: T1,
        os: 'Red Hat Enterprise Linux 8.0',
        ips: ['10.50.0.99'],
      });

      const ci = engine.ciOf('src-eu', '7001');
      expect(late.changes).toEqual([]);
      expect(late.log).toEqual([]);
      expect(ci?.attributes.os).toBe('Red Hat Enterprise Linux 8.6');
      expect(ci?.attributes.ips).toEqual(['10.50.0.7']);
      expect(ci?.identities[0]).toMatchObject({ firstSeen: T1, lastSeen: T2 });
      expect(ci?.lastSeen).toEqual(T2);
    });

    it('moves last seen and the attributes forward with a newer observation', async () => {
      const engine = createTestEngine();
      await engine.observe(host);

      const later = await engine.observe({
        ...host,
        observedAt: T3,
        os: 'Red Hat Enterprise Linux 9.2',
      });

      expect(later.changes).toEqual([
        {
          attribute: 'os',
          from: 'Red Hat Enterprise Linux 8.6',
          to: 'Red Hat Enterprise Linux 9.2',
          winner: {
            sourceId: 'src-eu',
            hostId: '7001',
            integration: 'host-list',
            observedAt: T3,
            why: 'uncontested',
          },
        },
      ]);
      expect(engine.ciOf('src-eu', '7001')).toMatchObject({ version: 2, lastSeen: T3 });
    });
  });

  it('refuses an observation without a host id', async () => {
    const engine = createTestEngine();

    await expect(engine.observe(observation({ sourceId: 'src-eu', hostId: ' ' }))).rejects.toThrow(
      'Invalid host observation: hostId is empty',
    );
  });
});
