import { describe, expect, it } from '@jest/globals';

import { DOMAIN_ERROR_CODES } from './errors';
import { highestQvs, qdsSeverity } from './qualys-scores';

describe('qdsSeverity', () => {
  it.each([
    [1, 'LOW'],
    [35, 'LOW'],
    [39, 'LOW'],
    [40, 'MEDIUM'],
    [69, 'MEDIUM'],
    [70, 'HIGH'],
    [72, 'HIGH'],
    [89, 'HIGH'],
    [90, 'CRITICAL'],
    [95, 'CRITICAL'],
    [100, 'CRITICAL'],
  ])('bands QDS %d as %s', (qds, band) => {
    expect(qdsSeverity(qds)).toBe(band);
  });

  it.each([0, 101, -5, Number.NaN])('rejects QDS %p', qds => {
    expect(() => qdsSeverity(qds)).toThrow(
      expect.objectContaining({ code: DOMAIN_ERROR_CODES.outOfRange, field: 'qds' }),
    );
  });
});

describe('highestQvs', () => {
  it('returns the highest score of the CVEs', () => {
    expect(highestQvs([28, 78])).toBe(78);
  });

  it('ignores CVEs without a score', () => {
    expect(highestQvs([null, 35, undefined])).toBe(35);
  });

  it('keeps a score of 0', () => {
    expect(highestQvs([0, null])).toBe(0);
  });

  it('returns null when no CVE has a score', () => {
    expect(highestQvs([null, undefined])).toBeNull();
    expect(highestQvs([])).toBeNull();
  });

  it('rejects a score above 100', () => {
    expect(() => highestQvs([28, 135])).toThrow(
      'Invalid qvs: expected a number from 0 to 100, got 135',
    );
  });
});
