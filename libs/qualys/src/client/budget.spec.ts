import { describe, expect, it } from '@jest/globals';

import { ApiBudget, BudgetRegistry, readLimitHeaders } from './budget';

const settings = { defaultConcurrency: 2, rateProbeDelayMs: 60_000 };

describe('readLimitHeaders', () => {
  it('reads the values of a recorded answer', () => {
    // Headers of j1-hld-400-code-1905-invalid-ids.meta.json.
    const headers = readLimitHeaders({
      'x-ratelimit-limit': '300',
      'x-ratelimit-window-sec': '3600',
      'x-concurrency-limit-limit': '2',
      'x-concurrency-limit-running': '0',
      'x-ratelimit-towait-sec': '0',
      'x-ratelimit-remaining': '295',
    });

    expect(headers).toEqual({
      rateLimit: 300,
      windowSec: 3600,
      remaining: 295,
      toWaitSec: 0,
      concurrencyLimit: 2,
      concurrencyRunning: 0,
    });
  });

  it('reads absent or unreadable values as null', () => {
    expect(readLimitHeaders({ 'x-ratelimit-remaining': 'many' }).remaining).toBeNull();
    expect(readLimitHeaders({}).concurrencyLimit).toBeNull();
  });
});

describe('ApiBudget', () => {
  it('hands slots over in arrival order', async () => {
    const budget = new ApiBudget('eu-test', 'hostDetection', settings);
    const order: string[] = [];

    expect(budget.tryTake()).toBe(true);
    expect(budget.tryTake()).toBe(true);
    expect(budget.tryTake()).toBe(false);
    const waiting = ['a', 'b'].map(name => budget.take().then(() => order.push(name)));
    budget.release();
    budget.release();
    await Promise.all(waiting);

    expect(order).toEqual(['a', 'b']);
    expect(budget.inFlight).toBe(2);
  });

  it('grows and shrinks with the concurrency limit of the answers', async () => {
    const budget = new ApiBudget('eu-test', 'hostDetection', settings);
    budget.tryTake();
    budget.tryTake();
    const third = budget.take();

    budget.observe(readLimitHeaders({ 'x-concurrency-limit-limit': '3' }), 0);
    await third;

    expect(budget.concurrency).toBe(3);
    budget.observe(readLimitHeaders({ 'x-concurrency-limit-limit': '1' }), 0);
    budget.release();
    budget.release();
    expect(budget.tryTake()).toBe(false);
  });

  it('blocks calls for ToWait-Sec, or for the probe delay when Remaining is 0', () => {
    const budget = new ApiBudget('eu-test', 'hostDetection', settings);

    budget.observe(readLimitHeaders({ 'x-ratelimit-towait-sec': '30' }), 1000);
    expect(budget.rateWaitMs(1000)).toBe(30_000);
    expect(budget.rateWaitMs(31_000)).toBe(0);

    budget.observe(
      readLimitHeaders({ 'x-ratelimit-remaining': '0', 'x-ratelimit-window-sec': '3600' }),
      100_000,
    );
    expect(budget.rateWaitMs(100_000)).toBe(60_000);
  });

  it('rejects a queued caller whose signal aborts', async () => {
    const budget = new ApiBudget('eu-test', 'hostDetection', {
      ...settings,
      defaultConcurrency: 1,
    });
    budget.tryTake();
    const controller = new AbortController();

    const waiting = budget.take(controller.signal);
    controller.abort(new Error('Run cancelled'));

    await expect(waiting).rejects.toThrow('Run cancelled');
  });
});

describe('BudgetRegistry', () => {
  it('gives every caller of the same source and API the same budget', () => {
    const registry = new BudgetRegistry();

    const first = registry.get('eu-test', 'hostDetection', settings);

    expect(registry.get('eu-test', 'hostDetection', settings)).toBe(first);
    expect(registry.get('eu-test', 'knowledgeBase', settings)).not.toBe(first);
    expect(registry.get('us-test', 'hostDetection', settings)).not.toBe(first);
  });
});
