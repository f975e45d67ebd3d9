import { describe, expect, it } from '@jest/globals';

import { QUALYS_ERROR_KINDS, QualysApiError } from '../errors';
import { resolveQualysSource } from './config';
import {
  backoffDelayMs,
  decideRetry,
  formatWait,
  kindForAnswer,
  newRetryState,
  type RetryPolicy,
} from './retry-policy';

const source = resolveQualysSource({
  name: 'eu-test',
  baseUrl: 'https://qualysapi.qualys.eu',
  credentials: { username: 'u', password: 'p' },
  retry: { maxAttempts: 3, baseDelayMs: 100, maxDelayMs: 1000, maxConcurrencyRetries: 1 },
  limits: { maxRateWaitMs: 60_000, maxRateWaits: 1 },
});

const policy = (overrides: Partial<RetryPolicy> = {}): RetryPolicy => ({
  api: 'hostDetection',
  source: 'eu-test',
  renewsTokenOn401: false,
  retry: source.retry,
  limits: source.limits,
  random: () => 1,
  ...overrides,
});

const error = (kind: QualysApiError['kind'], extra: Partial<QualysApiError> = {}) =>
  new QualysApiError({ kind, message: 'Failed', retriable: true, ...extra });

describe('kindForAnswer', () => {
  it('decides by the code before the HTTP status', () => {
    expect(kindForAnswer('1960', 409)).toBe(QUALYS_ERROR_KINDS.concurrencyLimited);
    expect(kindForAnswer('1920', 409)).toBe(QUALYS_ERROR_KINDS.concurrencyLimited);
    expect(kindForAnswer('1965', 409)).toBe(QUALYS_ERROR_KINDS.rateLimited);
    expect(kindForAnswer('1965', 400)).toBe(QUALYS_ERROR_KINDS.rateLimited);
    expect(kindForAnswer('2001', 200)).toBe(QUALYS_ERROR_KINDS.authentication);
    expect(kindForAnswer('1905', 400)).toBe(QUALYS_ERROR_KINDS.api);
  });

  it('falls back on the HTTP status without a code', () => {
    expect(kindForAnswer(null, 401)).toBe(QUALYS_ERROR_KINDS.authentication);
    expect(kindForAnswer(null, 403)).toBe(QUALYS_ERROR_KINDS.authentication);
    expect(kindForAnswer(null, 404)).toBe(QUALYS_ERROR_KINDS.api);
    expect(kindForAnswer(null, 429)).toBe(QUALYS_ERROR_KINDS.rateLimited);
    expect(kindForAnswer(null, 409)).toBe(QUALYS_ERROR_KINDS.concurrencyLimited);
    expect(kindForAnswer(null, 502)).toBe(QUALYS_ERROR_KINDS.server);
  });
});

describe('decideRetry', () => {
  it('retries server errors until the attempts are used up', () => {
    const state = newRetryState();

    const first = decideRetry(error(QUALYS_ERROR_KINDS.server), state, policy());
    const second = decideRetry(error(QUALYS_ERROR_KINDS.server), state, policy());
    const third = decideRetry(error(QUALYS_ERROR_KINDS.server), state, policy());

    expect(first).toEqual({ action: 'retry', reason: 'retry', delayMs: 100 });
    expect(second).toEqual({ action: 'retry', reason: 'retry', delayMs: 200 });
    expect(third).toMatchObject({ action: 'fail' });
  });

  it('never retries an error that is not retriable', () => {
    const decision = decideRetry(
      new QualysApiError({ kind: QUALYS_ERROR_KINDS.api, message: 'Bad', httpStatus: 400 }),
      newRetryState(),
      policy(),
    );

    expect(decision).toMatchObject({ action: 'fail' });
  });

  it('counts concurrency retries apart from failures', () => {
    const state = newRetryState();

    const first = decideRetry(error(QUALYS_ERROR_KINDS.concurrencyLimited), state, policy());
    const second = decideRetry(error(QUALYS_ERROR_KINDS.concurrencyLimited), state, policy());

    expect(first).toMatchObject({ action: 'retry', reason: 'concurrency' });
    expect(second).toMatchObject({ action: 'fail' });
    expect(state.failures).toBe(0);
  });

  it('waits the seconds Qualys gives and fails when they exceed the maximum', () => {
    const short = decideRetry(
      error(QUALYS_ERROR_KINDS.rateLimited, { waitSeconds: 42 }),
      newRetryState(),
      policy(),
    );
    const long = decideRetry(
      error(QUALYS_ERROR_KINDS.rateLimited, { waitSeconds: 3600 * 23 + 60 * 57 }),
      newRetryState(),
      policy(),
    );

    expect(short).toEqual({ action: 'retry', reason: 'rate', delayMs: 42_000 });
    expect(long).toMatchObject({ action: 'fail' });
    expect(long.action === 'fail' && long.error.message).toBe(
      'Rate limit for hostDetection on eu-test: next call allowed in 23 h 57 min',
    );
  });

  it('renews a PCRS token once on 401 and fails on the next', () => {
    const state = newRetryState();
    const refused = error(QUALYS_ERROR_KINDS.authentication, { httpStatus: 401 });

    expect(decideRetry(refused, state, policy({ renewsTokenOn401: true }))).toEqual({
      action: 'renewToken',
    });
    expect(decideRetry(refused, state, policy({ renewsTokenOn401: true }))).toMatchObject({
      action: 'fail',
    });
  });
});

describe('backoffDelayMs', () => {
  it('doubles per attempt, keeps half fixed, and stops at the maximum', () => {
    expect(backoffDelayMs(1, 1000, 60_000, () => 0)).toBe(500);
    expect(backoffDelayMs(3, 1000, 60_000, () => 1)).toBe(4000);
    expect(backoffDelayMs(10, 1000, 60_000, () => 1)).toBe(60_000);
  });
});

describe('formatWait', () => {
  it('reads as hours and minutes, minutes and seconds, or seconds', () => {
    expect(formatWait(68_928_000)).toBe('19 h 8 min');
    expect(formatWait(250_000)).toBe('4 min 10 s');
    expect(formatWait(12_000)).toBe('12 s');
  });
});
