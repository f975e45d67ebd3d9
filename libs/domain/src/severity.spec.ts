import { describe, expect, it } from '@jest/globals';

import { isSeverity, SEVERITY, severityLabel } from './severity';

describe('severityLabel', () => {
  it('gives the Qualys label of each level', () => {
    expect([1, 2, 3, 4, 5].map(severityLabel)).toEqual([
      'Minimal',
      'Medium',
      'Serious',
      'Critical',
      'Urgent',
    ]);
  });

  it('rejects a level outside 1 to 5', () => {
    expect(() => severityLabel(6)).toThrow(
      'Invalid severity: expected an integer from 1 to 5, got 6',
    );
  });
});

describe('isSeverity', () => {
  it('accepts the catalogue values', () => {
    expect(Object.values(SEVERITY).every(isSeverity)).toBe(true);
  });

  it.each([0, 6, 2.5, '3', null, Number.NaN])('rejects %p', value => {
    expect(isSeverity(value)).toBe(false);
  });
});
