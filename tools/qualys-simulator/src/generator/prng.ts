/**
 * Stateless seeded randomness: every value is a hash of the seed and the coordinates of what it
 * describes (machine index, QID index, field salt). Any record can therefore be rendered alone,
 * in any order, on any page, and always comes out the same.
 */

function mix32(value: number): number {
  let x = value | 0;
  x = Math.imul(x ^ (x >>> 16), 0x7feb352d);
  x = Math.imul(x ^ (x >>> 15), 0x846ca68b);
  return (x ^ (x >>> 16)) >>> 0;
}

/** A 32-bit unsigned hash of the seed and any number of integer coordinates. */
export function hash32(seed: number, ...keys: readonly number[]): number {
  let h = mix32(seed ^ 0x9e3779b9);
  for (const key of keys) {
    h = mix32(h ^ mix32(key + 0x632be5ab));
  }
  return h;
}

/** A float in [0, 1) for the given coordinates. */
export function unit(seed: number, ...keys: readonly number[]): number {
  return hash32(seed, ...keys) / 0x100000000;
}

/** An integer in [min, max] (both included) for the given coordinates. */
export function intBetween(
  seed: number,
  min: number,
  max: number,
  ...keys: readonly number[]
): number {
  return min + (hash32(seed, ...keys) % (max - min + 1));
}

export function pick<T>(items: readonly T[], seed: number, ...keys: readonly number[]): T {
  const item = items[hash32(seed, ...keys) % items.length];
  if (item === undefined) {
    throw new Error('Cannot pick from an empty list');
  }
  return item;
}

/** A version 4 style UUID, stable for the coordinates. */
export function uuidFor(seed: number, ...keys: readonly number[]): string {
  const hex = [0, 1, 2, 3]
    .map(part =>
      hash32(seed, ...keys, part)
        .toString(16)
        .padStart(8, '0'),
    )
    .join('');
  return (
    `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-` +
    `a${hex.slice(17, 20)}-${hex.slice(20, 32)}`
  );
}
