import { describe, expect, it } from '@jest/globals';

import {
  describe as describeValue,
  DOMAIN_ERROR_CODES,
  DomainValueError,
  requireInRange,
} from './errors';

describe('requireInRange', () => {
  it('returns a number inside the range, bounds included', () => {
    expect(requireInRange('qvs', 0, 0, 100)).toBe(0);
    expect(requireInRange('qvs', 100, 0, 100)).toBe(100);
    expect(requireInRange('qvs', 42.5, 0, 100)).toBe(42.5);
  });

  it('throws a DomainValueError naming the field and the value', () => {
    let caught: unknown;
    try {
      requireInRange('severity', 9, 1, 5, { integer: true });
    } catch (error) {
      caught = error;
    }

    expect(caught).toBeInstanceOf(DomainValueError);
    expect(caught).toMatchObject({
      name: 'DomainValueError',
      code: DOMAIN_ERROR_CODES.outOfRange,
      field: 'severity',
      value: 9,
      retriable: false,
      message: 'Invalid severity: expected an integer from 1 to 5, got 9',
    });
  });

  it('refuses a fraction where an integer is required', () => {
    expect(() => requireInRange('severity', 3.5, 1, 5, { integer: true })).toThrow(
      DomainValueError,
    );
  });
});

describe('describe', () => {
  it('quotes strings and cuts long ones at 40 characters', () => {
    expect(describeValue('v5')).toBe('"v5"');
    expect(describeValue('x'.repeat(50))).toBe(`"${'x'.repeat(40)}…"`);
  });

  it('prints numbers, booleans and null as they are', () => {
    expect(describeValue(7)).toBe('7');
    expect(describeValue(Number.NaN)).toBe('NaN');
    expect(describeValue(true)).toBe('true');
    expect(describeValue(null)).toBe('null');
  });

  it('prints only the type of other values, never their content', () => {
    expect(describeValue(undefined)).toBe('undefined');
    expect(describeValue({ password: 'secret' })).toBe('object');
  });
});
