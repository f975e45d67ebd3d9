import { describe, expect, it } from '@jest/globals';

import {
  CI_CRITICALITY_LABELS,
  ciCriticalityOrDefault,
  DEFAULT_CI_CRITICALITY,
  isCiCriticality,
} from './ci-criticality';
import { DomainValueError } from './errors';

describe('ciCriticalityOrDefault', () => {
  it('defaults to 3 when the criticality is unknown', () => {
    expect(ciCriticalityOrDefault(null)).toBe(3);
    expect(ciCriticalityOrDefault(undefined)).toBe(3);
    expect(DEFAULT_CI_CRITICALITY).toBe(3);
  });

  it('keeps a known criticality', () => {
    expect(ciCriticalityOrDefault(1)).toBe(1);
    expect(ciCriticalityOrDefault(5)).toBe(5);
  });

  it.each([0, 6, 4.5, Number.NaN])('rejects %p', value => {
    expect(() => ciCriticalityOrDefault(value)).toThrow(DomainValueError);
  });
});

describe('isCiCriticality', () => {
  it.each([1, 3, 5])('accepts %p', value => {
    expect(isCiCriticality(value)).toBe(true);
  });

  it.each([0, 6, 2.5, '3', null])('rejects %p', value => {
    expect(isCiCriticality(value)).toBe(false);
  });
});

describe('CI_CRITICALITY_LABELS', () => {
  it('labels the levels from Minor to Critical', () => {
    expect(CI_CRITICALITY_LABELS).toEqual({
      1: 'Minor',
      2: 'Low',
      3: 'Medium',
      4: 'High',
      5: 'Critical',
    });
  });
});
