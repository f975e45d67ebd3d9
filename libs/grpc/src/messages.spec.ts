import { describe, expect, it } from '@jest/globals';

import { HOST_OBSERVATION, type HostObservation } from './cmdb';
import { GET_VULNERABILITIES_RESPONSE, VULNERABILITY } from './knowledge-base';
import { fromWire, toWire } from './messages';
import { packageDefinition, serviceDefinition } from './protos';

const observation: HostObservation = {
  sourceId: 'src-eu',
  qualysHostId: '4417290',
  assetId: null,
  agentId: null,
  cloudProvider: null,
  cloudInstanceId: null,
  cloudAccountId: null,
  fqdn: 'web01.example.org',
  netbios: null,
  ipv4: ['10.0.0.5'],
  ipv6: [],
  networkId: null,
  os: null,
  trackingMethod: 'IP',
  observedAt: new Date('2024-03-08T20:15:41.250Z'),
};

/** Serialises and parses with the loaded descriptors, as grpc-js does on each side. */
function overTheWire(value: HostObservation): HostObservation {
  const identify = serviceDefinition('exposuregraph.cmdb.v1.Cmdb').Identify!;
  const bytes = identify.requestSerialize(toWire(HOST_OBSERVATION, value));
  return fromWire(HOST_OBSERVATION, identify.requestDeserialize(bytes));
}

describe('fromWire', () => {
  it('gives null for an absent optional field and keeps a present 0', () => {
    const raw = { qid: '38170', cvssV2Base: 0, _cvssV2Base: 'cvssV2Base', cveIds: [] };

    const vulnerability = fromWire(VULNERABILITY, raw);

    expect(vulnerability.cvssV2Base).toBe(0);
    expect(vulnerability.cvssV3Base).toBeNull();
    expect(vulnerability.title).toBeNull();
  });

  it('drops the oneof markers the loader adds', () => {
    const raw = { qid: '38170', severity: 3, _severity: 'severity' };

    expect(Object.keys(fromWire(VULNERABILITY, raw))).not.toContain('_severity');
  });

  it('normalises the messages inside a repeated field', () => {
    const raw = { vulnerabilities: [{ qid: '0038170', pending: true }], unknownQids: [] };

    const response = fromWire(GET_VULNERABILITIES_RESPONSE, raw);

    expect(response.vulnerabilities[0]?.qid).toBe('0038170');
    expect(response.vulnerabilities[0]?.severity).toBeNull();
    expect(response.vulnerabilities[0]?.cveIds).toEqual([]);
  });
});

describe('Timestamp fields', () => {
  it('carry a Date to the millisecond', () => {
    expect(overTheWire(observation).observedAt).toEqual(new Date('2024-03-08T20:15:41.250Z'));
  });

  it('carry a Date before 1970 with non-negative nanos', () => {
    const before1970 = { ...observation, observedAt: new Date('1969-12-31T23:59:59.500Z') };

    expect(toWire(HOST_OBSERVATION, before1970).observedAt).toEqual({
      seconds: '-1',
      nanos: 500_000_000,
    });
    expect(overTheWire(before1970).observedAt).toEqual(new Date('1969-12-31T23:59:59.500Z'));
  });

  it('stay null when absent', () => {
    expect(overTheWire({ ...observation, observedAt: null }).observedAt).toBeNull();
  });

  it('refuse an invalid Date', () => {
    const invalid = { ...observation, observedAt: new Date('not a date') };

    expect(() => toWire(HOST_OBSERVATION, invalid)).toThrow(
      'Field observedAt must be a valid Date',
    );
  });
});

describe('packageDefinition', () => {
  it('loads the protos once and shares the result', () => {
    expect(packageDefinition()).toBe(packageDefinition());
  });
});
