/** Splits a list into consecutive batches of at most `size` items. */
export function splitIntoBatches<T>(items: readonly T[], size: number): T[][] {
  if (!Number.isInteger(size) || size < 1) {
    throw new RangeError(`Batch size must be a positive integer, not ${size}`);
  }
  const batches: T[][] = [];
  for (let start = 0; start < items.length; start += size) {
    batches.push(items.slice(start, start + size));
  }
  return batches;
}

/**
 * Runs `work` over every item with at most `parallelism` running at once. The first failure
 * stops new work from starting; running work finishes, then that failure is thrown.
 */
export async function runBounded<T>(
  items: readonly T[],
  parallelism: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  let failure: { error: unknown } | null = null;

  const worker = async (): Promise<void> => {
    while (failure === null) {
      const index = next;
      next += 1;
      if (index >= items.length) {
        return;
      }
      try {
        await work(items[index] as T);
      } catch (error) {
        failure ??= { error };
      }
    }
  };

  const workers = Math.max(1, Math.min(Math.floor(parallelism), items.length));
  await Promise.all(Array.from({ length: workers }, worker));
  if (failure !== null) {
    throw (failure as { error: unknown }).error;
  }
}
