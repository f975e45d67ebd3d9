import { describe, expect, it } from '@jest/globals';

import { cvssVersionOf, decodeCvssVector } from './cvss-vector';

describe('decodeCvssVector', () => {
  it('decodes a v2 vector and computes its base score', () => {
    const decoded = decodeCvssVector('AV:N/AC:L/Au:N/C:P/I:P/A:P');

    expect(decoded?.version).toBe('2.0');
    expect(decoded?.computedBaseScore).toBe(7.5);
    expect(decoded?.metrics.AV).toEqual({ name: 'Access Vector', value: 'N', label: 'Network' });
    expect(Object.keys(decoded?.metrics ?? {})).toEqual(['AV', 'AC', 'Au', 'C', 'I', 'A']);
  });

  it('decodes a QDS CVSS_vector without prefix using the v3.x hint', () => {
    const decoded = decodeCvssVector('AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H', 'v3.x');

    expect(decoded?.version).toBe('3.1');
    expect(decoded?.computedBaseScore).toBe(7.8);
    expect(decoded?.metrics.PR).toEqual({ name: 'Privileges Required', value: 'L', label: 'Low' });
  });

  it('decodes a v4.0 vector', () => {
    const decoded = decodeCvssVector(
      'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N',
    );

    expect(decoded?.version).toBe('4.0');
    expect(decoded?.computedBaseScore).toBe(9.3);
    expect(decoded?.metrics.AT).toMatchObject({ value: 'N', label: 'None' });
  });

  it('returns null for a vector the library cannot read', () => {
    expect(decodeCvssVector('CVSS:3.1/AV:Q/AC:L')).toBeNull();
    expect(decodeCvssVector('garbage')).toBeNull();
  });
});

describe('cvssVersionOf', () => {
  it('prefers the prefix, then the hint, then the metrics', () => {
    expect(cvssVersionOf('CVSS:3.0/AV:N', '3.1')).toBe('3.0');
    expect(cvssVersionOf('AV:N/AC:L', 'v2')).toBe('2.0');
    expect(cvssVersionOf('AV:N/AC:L/Au:N')).toBe('2.0');
    expect(cvssVersionOf('AV:N/AC:L')).toBeNull();
  });
});
