import { describe, expect, it } from '@jest/globals';

import { splitPostureRequests } from './pcrs';
import { tokenExpiry } from './pcrs-token';

describe('splitPostureRequests', () => {
  it('spreads host ids over bodies of a bounded size, splitting a policy when needed', () => {
    const bodies = splitPostureRequests(
      [
        { policyId: '1', subscriptionId: '7781', hostIds: ['a', 'b', 'c'] },
        { policyId: '2', subscriptionId: '7781', hostIds: [] },
        { policyId: '3', subscriptionId: null, hostIds: ['d', 'e'] },
      ],
      2,
    );

    expect(bodies).toEqual([
      [{ policyId: '1', subscriptionId: '7781', hostIds: ['a', 'b'] }],
      [
        { policyId: '1', subscriptionId: '7781', hostIds: ['c'] },
        { policyId: '3', subscriptionId: null, hostIds: ['d'] },
      ],
      [{ policyId: '3', subscriptionId: null, hostIds: ['e'] }],
    ]);
  });
});

describe('tokenExpiry', () => {
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

  it('reads the exp claim of a JWT', () => {
    const token = `${encode({ alg: 'HS256' })}.${encode({ exp: 1_710_000_000 })}.sig`;

    expect(tokenExpiry(token, 0, 1000)).toBe(1_710_000_000_000);
  });

  it('assumes the configured lifetime without a readable exp claim', () => {
    expect(tokenExpiry('opaque-token', 5000, 1000)).toBe(6000);
    expect(tokenExpiry(`${encode({})}.not-json.sig`, 5000, 1000)).toBe(6000);
  });
});
