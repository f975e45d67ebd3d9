import { describe, expect, it } from '@jest/globals';

import { DEFAULT_ENGINE_CONFIG } from '../reconciliation/engine-config';
import { createTestEngine } from '../reconciliation/test-engine';
import { type HostObservation, normalizeObservation } from './host-observation';
import { identify } from './identify';

const T1 = new Date('2025-02-03T09:30:00Z');
const T2 = new Date('2025-02-04T09:30:00Z');

function observation(
  fields: Partial<HostObservation> & Pick<HostObservation, 'sourceId' | 'hostId'>,
): HostObservation {
  return { integration: 'host-list', observedAt: T1, ...fields };
}

const AGENT_1 = 'c0ffee00-0000-4000-8000-000000000001';
const AGENT_2 = 'c0ffee00-0000-4000-8000-000000000002';
const AGENT_3 = 'c0ffee00-0000-4000-8000-000000000003';

describe('identify', () => {
  describe('rule order', () => {
    const mail = observation({
      sourceId: 'src-eu',
      hostId: '9001',
      agentId: AGENT_1,
      fqdn: 'mail.corp.example',
    });
    const mx = observation({
      sourceId: 'src-eu',
      hostId: '9002',
      agentId: AGENT_2,
      fqdn: 'mx.corp.example',
    });
    // The agent of the first machine, under the name of the second.
    const crossed = observation({
      sourceId: 'src-us',
      hostId: '9003',
      agentId: AGENT_1,
      fqdn: 'mx.corp.example',
    });

    it('matches by the strongest rule of the default order', async () => {
      const engine = createTestEngine();
      await engine.observe(mail);
      await engine.observe(mx);

      const outcome = await engine.observe(crossed);

      expect(outcome.decision).toEqual({
        kind: 'matched',
        ciId: engine.ciOf('src-eu', '9001')?.id,
        rule: 'agent-id',
        evidence: `agent id ${AGENT_1}`,
      });
    });

    it('follows a configured order that puts the FQDN before the agent id', async () => {
      const engine = createTestEngine({
        ...DEFAULT_ENGINE_CONFIG,
        ruleOrder: ['source-host', 'fqdn', 'agent-id', 'asset-id', 'cloud-instance'],
      });
      await engine.observe(mail);
      await engine.observe(mx);

      const outcome = await engine.observe(crossed);

      expect(outcome.decision).toEqual({
        kind: 'matched',
        ciId: engine.ciOf('src-eu', '9002')?.id,
        rule: 'fqdn',
        evidence: 'fqdn mx.corp.example',
      });
    });

    it('never applies a rule left out of the order', async () => {
      const engine = createTestEngine({
        ...DEFAULT_ENGINE_CONFIG,
        ruleOrder: DEFAULT_ENGINE_CONFIG.ruleOrder.filter(rule => rule !== 'ip-network'),
      });
      await engine.observe(observation({ sourceId: 'src-eu', hostId: '1', ips: ['10.1.0.1'] }));

      const outcome = await engine.observe(
        observation({ sourceId: 'src-eu', hostId: '2', ips: ['10.1.0.1'] }),
      );

      expect(outcome.decision.kind).toBe('created');
      expect(engine.store.all()).toHaveLength(2);
    });
  });

  describe('asset and agent ids', () => {
    it('matches an agent id across sources', async () => {
      const engine = createTestEngine();
      await engine.observe(observation({ sourceId: 'src-eu', hostId: '11', agentId: AGENT_1 }));

      const outcome = await engine.observe(
        observation({ sourceId: 'src-us', hostId: '77', agentId: AGENT_1.toUpperCase() }),
      );

      expect(outcome.decision).toMatchObject({ kind: 'matched', rule: 'agent-id' });
    });

    it('does not match the same asset id in another subscription', async () => {
      const engine = createTestEngine();
      await engine.observe(observation({ sourceId: 'src-us', hostId: '3001', assetId: '55501' }));

      const outcome = await engine.observe(
        observation({ sourceId: 'src-eu', hostId: '3003', assetId: '55501' }),
      );

      expect(outcome.decision.kind).toBe('created');
    });

    it('matches the same asset id when two sources read one subscription', async () => {
      const engine = createTestEngine();
      await engine.observe(
        observation({
          sourceId: 'src-us',
          hostId: '3001',
          assetId: '55501',
          subscriptionId: 'sub-42',
        }),
      );

      const outcome = await engine.observe(
        observation({
          sourceId: 'src-us-2',
          hostId: '3001',
          assetId: '55501',
          subscriptionId: 'sub-42',
        }),
      );

      expect(outcome.decision).toMatchObject({
        kind: 'matched',
        rule: 'asset-id',
        evidence: 'asset id 55501 in subscription sub-42',
      });
    });
  });

  describe('cloud instances', () => {
    const instance = {
      provider: 'AWS',
      instanceId: 'i-0bb87c3281243cdfd',
      accountId: '123456789012',
    };

    it('matches the instance id whether or not the account is known', async () => {
      const engine = createTestEngine();
      await engine.observe(observation({ sourceId: 'src-eu', hostId: '135151', cloud: instance }));

      const withoutAccount = await engine.observe(
        observation({
          sourceId: 'src-us',
          hostId: '8',
          cloud: { provider: 'EC2', instanceId: 'i-0bb87c3281243cdfd' },
        }),
      );
      const withAccount = await engine.observe(
        observation({ sourceId: 'src-us', hostId: '9', cloud: instance }),
      );

      expect(withoutAccount.decision).toMatchObject({
        kind: 'matched',
        rule: 'cloud-instance',
        evidence: 'aws instance i-0bb87c3281243cdfd',
      });
      expect(withAccount.decision).toMatchObject({
        kind: 'matched',
        rule: 'cloud-instance',
        evidence: 'aws instance i-0bb87c3281243cdfd in account 123456789012',
      });
      expect(engine.store.all()).toHaveLength(1);
    });

    it('does not match the instance id in another account', async () => {
      const engine = createTestEngine();
      await engine.observe(observation({ sourceId: 'src-eu', hostId: '135151', cloud: instance }));

      const outcome = await engine.observe(
        observation({
          sourceId: 'src-us',
          hostId: '8',
          cloud: { ...instance, accountId: '210987654321' },
        }),
      );

      expect(outcome.decision.kind).toBe('created');
    });
  });

  describe('contradictions', () => {
    it('prefers the CI of a stronger identifier over the CI its FQDN points to', async () => {
      const engine = createTestEngine();
      await engine.observe(
        observation({ sourceId: 'src-eu', hostId: '1', fqdn: 'db.corp.example' }),
      );
      await engine.observe(observation({ sourceId: 'src-eu', hostId: '2', agentId: AGENT_2 }));

      const outcome = await engine.observe(
        observation({ sourceId: 'src-us', hostId: '3', agentId: AGENT_2, fqdn: 'db.corp.example' }),
      );

      expect(outcome.decision).toMatchObject({
        kind: 'matched',
        ciId: engine.ciOf('src-eu', '2')?.id,
        rule: 'agent-id',
      });
    });

    it('does not join by NetBIOS and IP a CI whose FQDN differs', async () => {
      const engine = createTestEngine();
      await engine.observe(
        observation({
          sourceId: 'src-eu',
          hostId: '1',
          fqdn: 'app.corp.example',
          netbios: 'APP',
          ips: ['10.0.0.8'],
        }),
      );

      const outcome = await engine.observe(
        observation({
          sourceId: 'src-eu',
          hostId: '2',
          fqdn: 'app.lab.example',
          netbios: 'APP',
          ips: ['10.0.0.8'],
        }),
      );

      expect(outcome.decision.kind).toBe('created');
      expect(outcome.log[0]).toMatchObject({
        kind: 'created',
        excluded: [{ rule: 'netbios-ip', contradictedBy: 'fqdn' }],
      });
    });

    it('sets aside the contradicted candidate before counting', async () => {
      const engine = createTestEngine();
      await engine.observe(
        observation({
          sourceId: 'src-eu',
          hostId: '1',
          agentId: AGENT_1,
          fqdn: 'web.corp.example',
        }),
      );
      const renamed = observation({
        sourceId: 'src-eu',
        hostId: '2',
        fqdn: 'web-old.corp.example',
      });
      await engine.observe(renamed);
      await engine.observe({ ...renamed, observedAt: T2, fqdn: 'web.corp.example' });
      const [agentCi, scannedCi] = [engine.ciOf('src-eu', '1'), engine.ciOf('src-eu', '2')];

      // A third agent under the same name: not the first machine, maybe the second.
      const outcome = await engine.observe(
        observation({
          sourceId: 'src-us',
          hostId: '4',
          agentId: AGENT_3,
          fqdn: 'web.corp.example',
        }),
      );

      expect(outcome.decision).toEqual({
        kind: 'matched',
        ciId: scannedCi?.id,
        rule: 'fqdn',
        evidence: 'fqdn web.corp.example',
      });
      expect(outcome.log[0]).toMatchObject({
        kind: 'identity-bound',
        excluded: [{ ciId: agentCi?.id, rule: 'fqdn', contradictedBy: 'agent-id' }],
      });
    });
  });

  describe('names and addresses that identify nothing', () => {
    it('does not match two hosts on localhost.localdomain', async () => {
      const engine = createTestEngine();
      await engine.observe(
        observation({ sourceId: 'src-eu', hostId: '1', fqdn: 'localhost.localdomain' }),
      );

      const outcome = await engine.observe(
        observation({ sourceId: 'src-eu', hostId: '2', fqdn: 'LOCALHOST.localdomain.' }),
      );

      expect(outcome.decision.kind).toBe('created');
    });

    it('does not match by a loopback or link-local address', async () => {
      const engine = createTestEngine();
      await engine.observe(
        observation({ sourceId: 'src-eu', hostId: '1', ips: ['127.0.0.1', 'fe80::1'] }),
      );

      const decision = await identify(
        normalizeObservation(
          observation({ sourceId: 'src-eu', hostId: '2', ips: ['127.0.0.1', 'fe80::1'] }),
        ),
        engine.store,
        DEFAULT_ENGINE_CONFIG,
      );

      expect(decision).toEqual({ kind: 'new', excluded: [] });
    });

    it('leaves a host unmatched when its IP is held by two nameless CIs', async () => {
      const engine = createTestEngine();
      await engine.observe(observation({ sourceId: 'src-eu', hostId: '1', ips: ['10.40.0.3'] }));
      await engine.observe(
        observation({ sourceId: 'src-eu', hostId: '2', ips: ['10.40.0.3'], netbios: 'PRINTSRV' }),
      );
      const ids = [engine.ciOf('src-eu', '1')?.id, engine.ciOf('src-eu', '2')?.id];

      const outcome = await engine.observe(
        observation({ sourceId: 'src-eu', hostId: '3', ips: ['10.40.0.3'] }),
      );

      expect(outcome.decision).toEqual({
        kind: 'unmatched',
        rule: 'ip-network',
        candidates: ids,
        reason: `ip 10.40.0.3 in network 0 matches 2 CIs: ${ids.join(', ')}`,
      });
    });
  });
});
