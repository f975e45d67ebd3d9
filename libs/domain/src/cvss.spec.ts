import { describe, expect, it } from '@jest/globals';

import { highestCvss, parseCvssVersion } from './cvss';
import { DomainValueError } from './errors';

describe('highestCvss', () => {
  it('takes v4 over v3 and v2, even when an older version scores higher', () => {
    expect(highestCvss(6.9, 7.5, 10)).toEqual({ score: 6.9, version: 'v4' });
  });

  it('takes v3 over v2 when there is no v4', () => {
    expect(highestCvss(null, 8.1, 9.3)).toEqual({ score: 8.1, version: 'v3' });
  });

  it('takes v2 when it is the only version', () => {
    expect(highestCvss(undefined, undefined, 5)).toEqual({ score: 5, version: 'v2' });
  });

  it('counts a score of 0 as present', () => {
    expect(highestCvss(null, 0, 7.5)).toEqual({ score: 0, version: 'v3' });
  });

  it('returns null when no version is present', () => {
    expect(highestCvss(null, null, null)).toBeNull();
  });

  it('rejects a score outside 0 to 10 with the version in the field name', () => {
    expect(() => highestCvss(null, 10.5, null)).toThrow(DomainValueError);
    expect(() => highestCvss(null, 10.5, null)).toThrow(
      'Invalid cvss v3 score: expected a number from 0 to 10, got 10.5',
    );
    expect(() => highestCvss(Number.NaN, null, null)).toThrow(DomainValueError);
  });
});

describe('parseCvssVersion', () => {
  it.each([
    ['v2', 'v2'],
    ['v3.x', 'v3'],
    ['V3.X', 'v3'],
    ['3.0', 'v3'],
    ['3.1', 'v3'],
    ['2.0', 'v2'],
    ['4.0', 'v4'],
    ['v4', 'v4'],
    ['4', 'v4'],
    [' v3.x ', 'v3'],
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N', 'v3'],
    ['CVSS:2.0/AV:N/AC:L/Au:N/C:P/I:P/A:P', 'v2'],
    ['CVSS:4.0', 'v4'],
  ])('reads %p as %s', (text, version) => {
    expect(parseCvssVersion(text)).toBe(version);
  });

  it.each(['v5', '1.0', 'AV:N/AC:L/PR:L/UI:N/S:C/C:N/I:N/A:H', 'three', '', null, undefined])(
    'returns null for %p',
    text => {
      expect(parseCvssVersion(text)).toBeNull();
    },
  );
});
