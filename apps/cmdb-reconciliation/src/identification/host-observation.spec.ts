import { describe, expect, it } from '@jest/globals';

import { CMDB_ERROR_CODES } from '../reconciliation/errors';
import { type HostObservation, normalizeObservation } from './host-observation';

const OBSERVED_AT = new Date('2025-06-01T00:00:00Z');
const base: HostObservation = {
  sourceId: 'src-eu',
  hostId: '42',
  integration: 'host-detection',
  observedAt: OBSERVED_AT,
};

describe('normalizeObservation', () => {
  it('lower-cases DNS names and drops their trailing dot, upper-cases NetBIOS names', () => {
    const { facts } = normalizeObservation({
      ...base,
      fqdn: ' WEB01.Corp.Example. ',
      dnsHostname: 'WEB01',
      netbios: 'web01',
    });

    expect(facts).toMatchObject({
      fqdn: 'web01.corp.example',
      dnsHostname: 'web01',
      netbios: 'WEB01',
    });
  });

  it('drops an IP address written as a name, invalid and repeated IPs', () => {
    const { facts } = normalizeObservation({
      ...base,
      fqdn: '10.0.0.1',
      ips: ['10.0.0.1', ' 10.0.0.1', 'not-an-ip', 'FD00::1'],
    });

    expect(facts.fqdn).toBeNull();
    expect(facts.ips).toEqual(['10.0.0.1', 'fd00::1']);
  });

  it('collapses the padding Qualys puts around OS text', () => {
    const { facts } = normalizeObservation({
      ...base,
      os: '\n          Windows 2016/2019/10\n        ',
    });

    expect(facts.os).toBe('Windows 2016/2019/10');
  });

  it('defaults the network to 0 and the subscription to the source', () => {
    const { facts } = normalizeObservation({ ...base, networkId: '' });

    expect(facts).toMatchObject({ networkId: '0', subscription: 'src-eu' });
  });

  it('maps cloud provider spellings and lower-cases instance and agent ids', () => {
    const { facts } = normalizeObservation({
      ...base,
      agentId: '6F1C0E52-8D1E-4C8B-9A51-2D3F4B5C6D7E',
      cloud: { provider: 'GOOGLE', instanceId: '4000000000007', accountId: 'exposure-lab' },
    });

    expect(facts.agentId).toBe('6f1c0e52-8d1e-4c8b-9a51-2d3f4b5c6d7e');
    expect(facts.cloud).toEqual({
      provider: 'gcp',
      instanceId: '4000000000007',
      accountId: 'exposure-lab',
      region: null,
    });
  });

  it('drops a cloud block of a provider it does not know', () => {
    const { facts } = normalizeObservation({
      ...base,
      cloud: { provider: 'Oracle', instanceId: 'ocid1.instance.oc1' },
    });

    expect(facts.cloud).toBeNull();
  });

  it('reports every missing identity field at once', () => {
    const invalid = { ...base, sourceId: '', hostId: '', observedAt: new Date('not a date') };

    expect(() => normalizeObservation(invalid)).toThrow(
      expect.objectContaining({
        code: CMDB_ERROR_CODES.invalidObservation,
        problems: ['sourceId is empty', 'hostId is empty', 'observedAt is not a valid date'],
      }),
    );
  });
});
