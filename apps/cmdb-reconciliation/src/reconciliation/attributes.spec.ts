import { describe, expect, it } from '@jest/globals';

import { type HostObservation } from '../identification/host-observation';
import { DEFAULT_ENGINE_CONFIG, type EngineConfig } from './engine-config';
import { createTestEngine } from './test-engine';

const T1 = new Date('2025-03-01T00:00:00Z');
const T2 = new Date('2025-03-02T00:00:00Z');
const T3 = new Date('2025-03-03T00:00:00Z');

const AGENT = '5a1d2c3b-4e5f-4a6b-8c7d-9e0f1a2b3c4d';

// One machine: the EU deployment's Host List and Host Detection records of host 61, and the US
// deployment's Host Detection record of host 62, all tied by the agent id.
const euList: HostObservation = {
  sourceId: 'src-eu',
  hostId: '61',
  integration: 'host-list',
  observedAt: T1,
  agentId: AGENT,
  ips: ['10.60.0.1'],
  os: 'Windows Server 2022 Standard',
};
const euDetection: HostObservation = {
  ...euList,
  integration: 'host-detection',
  observedAt: T2,
  ips: ['10.60.0.2'],
  os: 'Windows 2016/2019/10',
};
const usDetection: HostObservation = {
  sourceId: 'src-us',
  hostId: '62',
  integration: 'host-detection',
  observedAt: T3,
  agentId: AGENT,
  ips: ['10.60.0.3'],
  os: 'Windows Server 2022 Datacenter',
};

async function reconcileAll(observations: HostObservation[], config?: EngineConfig) {
  const engine = createTestEngine(config);
  for (const observation of observations) await engine.observe(observation);
  const cis = engine.store.all();
  expect(cis).toHaveLength(1);
  return cis[0];
}

describe('attribute reconciliation', () => {
  it('prefers Host List over a newer Host Detection by default', async () => {
    const ci = await reconcileAll([euList, euDetection, usDetection]);

    expect(ci?.attributes.os).toBe('Windows Server 2022 Standard');
    expect(ci?.attributes.ips).toEqual(['10.60.0.1']);
    expect(ci?.attributeSources.os).toEqual({
      sourceId: 'src-eu',
      hostId: '61',
      integration: 'host-list',
      observedAt: T1,
      why: 'precedence',
    });
  });

  it('follows the precedence configured for one attribute, the default for others', async () => {
    const config: EngineConfig = {
      ...DEFAULT_ENGINE_CONFIG,
      precedence: {
        ...DEFAULT_ENGINE_CONFIG.precedence,
        attributes: { os: [{ integration: 'host-detection', sourceId: 'src-eu' }] },
      },
    };

    const ci = await reconcileAll([euList, euDetection, usDetection], config);

    expect(ci?.attributes.os).toBe('Windows 2016/2019/10');
    expect(ci?.attributeSources.os).toMatchObject({ hostId: '61', why: 'precedence' });
    expect(ci?.attributes.ips).toEqual(['10.60.0.1']);
  });

  it('ranks a source by id ahead of the integration kinds', async () => {
    const config: EngineConfig = {
      ...DEFAULT_ENGINE_CONFIG,
      precedence: {
        default: [{ sourceId: 'src-us' }, { integration: 'host-list' }],
        attributes: {},
      },
    };

    const ci = await reconcileAll([euList, euDetection, usDetection], config);

    expect(ci?.attributes.os).toBe('Windows Server 2022 Datacenter');
    expect(ci?.attributes.ips).toEqual(['10.60.0.3']);
  });

  it('takes the most recent value among sources of the same rank', async () => {
    const ci = await reconcileAll([euDetection, usDetection]);

    expect(ci?.attributes.os).toBe('Windows Server 2022 Datacenter');
    expect(ci?.attributeSources.os).toMatchObject({ sourceId: 'src-us', why: 'most-recent' });
  });

  it('gives the same attributes whatever order the observations arrive in', async () => {
    const forward = await reconcileAll([euList, euDetection, usDetection]);
    const backward = await reconcileAll([usDetection, euDetection, euList]);

    expect(backward?.attributes).toEqual(forward?.attributes);
    expect(backward?.attributeSources).toEqual(forward?.attributeSources);
  });

  describe('name and class', () => {
    const bare = { sourceId: 'src-eu', integration: 'host-list', observedAt: T1 } as const;

    it.each([
      [{ fqdn: 'erp01.corp.example', netbios: 'ERP01-OLD', ips: ['10.0.0.1'] }, 'erp01'],
      [{ netbios: 'ERP01', dnsHostname: 'erp01-dns', ips: ['10.0.0.1'] }, 'ERP01'],
      [{ dnsHostname: 'erp01-dns', ips: ['10.0.0.1'] }, 'erp01-dns'],
      [{ ips: ['10.0.0.1', 'fd00::1'] }, '10.0.0.1'],
      [{}, 'host 42'],
    ])('names a CI from %j as %s', async (fields, name) => {
      const ci = await reconcileAll([{ ...bare, hostId: '42', ...fields }]);

      expect(ci?.attributes.name).toBe(name);
    });

    it('does not take an ignored name for the FQDN or the name', async () => {
      const ci = await reconcileAll([
        { ...bare, hostId: '43', fqdn: 'localhost.localdomain', netbios: 'KIOSK7' },
      ]);

      expect(ci?.attributes).toMatchObject({ fqdn: null, name: 'KIOSK7' });
    });

    it('derives the class from the cloud attribute before the OS', async () => {
      const ci = await reconcileAll([
        {
          ...bare,
          hostId: '135151',
          os: 'Amazon Linux 2016.09',
          cloud: { provider: 'AWS', instanceId: 'i-0bb87c3281243cdfd' },
        },
      ]);

      expect(ci?.attributes.class).toBe('cloud-instance');
      expect(ci?.attributeSources.class).toEqual(ci?.attributeSources.cloud);
    });
  });
});
