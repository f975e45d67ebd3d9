import { describe, expect, it } from '@jest/globals';

import { runBounded, splitIntoBatches } from './batches';

describe('splitIntoBatches', () => {
  it('cuts a list into consecutive batches', () => {
    expect(splitIntoBatches(['1', '2', '3', '4', '5'], 2)).toEqual([['1', '2'], ['3', '4'], ['5']]);
    expect(splitIntoBatches([], 3)).toEqual([]);
  });

  it('refuses a batch size below one', () => {
    expect(() => splitIntoBatches(['1'], 0)).toThrow(
      'Batch size must be a positive integer, not 0',
    );
  });
});

describe('runBounded', () => {
  it('never runs more than the given number of tasks at once', async () => {
    let running = 0;
    let most = 0;

    await runBounded([1, 2, 3, 4, 5, 6], 2, async () => {
      running += 1;
      most = Math.max(most, running);
      await new Promise(resolve => setImmediate(resolve));
      running -= 1;
    });

    expect(most).toBe(2);
  });

  it('starts nothing new after a failure and throws it once the running work ends', async () => {
    const started: number[] = [];

    const run = runBounded([1, 2, 3, 4], 1, item => {
      started.push(item);
      return item === 2 ? Promise.reject(new Error('Batch 2 failed')) : Promise.resolve();
    });

    await expect(run).rejects.toThrow('Batch 2 failed');
    expect(started).toEqual([1, 2]);
  });
});
