import { type IdRange } from '../http/params';
import { type ChunkWrite, renderIdSet, renderWarning } from './xml';

/** What every paged renderer needs besides its filters. */
export interface PageOptions {
  /** Records per page; undefined or 0 means everything in one page. */
  truncationLimit?: number;
  /** Next-page URL for a given `id_min`; without it a truncated page has a WARNING without URL. */
  nextPageUrl?: (nextIdMin: number) => string;
}

export interface PageSummary {
  /** Top-level records written (hosts, QIDs, policies, posture records...). */
  records: number;
  /** First id of the next page when the page was truncated. */
  nextIdMin?: number;
}

/** Sorted, merged copy of id ranges so iteration goes once through ascending ids. */
export function normalizeRanges(ranges: readonly IdRange[]): IdRange[] {
  const sorted = [...ranges].sort((a, b) => a.from - b.from);
  const merged: IdRange[] = [];
  for (const range of sorted) {
    const last = merged[merged.length - 1];
    if (last && range.from <= last.to + 1) {
      last.to = Math.max(last.to, range.to);
    } else {
      merged.push({ ...range });
    }
  }
  return merged;
}

export interface IdIndex {
  count: number;
  idAt(index: number): number;
  indexAtOrAfter(id: number): number;
}

/**
 * Indexes of records whose id passes `ids` (if given) and [idMin, idMax], ascending. Works on
 * index arithmetic, so a range such as `ids=1-999999999` costs nothing more than the ids it hits.
 */
export function* indexesInRanges(
  index: IdIndex,
  ids: readonly IdRange[] | undefined,
  idMin: number | undefined,
  idMax: number | undefined,
): Generator<number> {
  const bounds: IdRange = { from: idMin ?? 0, to: idMax ?? Number.MAX_SAFE_INTEGER };
  const ranges = ids ? normalizeRanges(ids) : [bounds];
  for (const range of ranges) {
    const from = Math.max(range.from, bounds.from);
    const to = Math.min(range.to, bounds.to);
    for (let i = index.indexAtOrAfter(from); i < index.count && index.idAt(i) <= to; i += 1) {
      yield i;
    }
  }
}

/**
 * Writes records until the limit, then looks for the next record that would be written and, if
 * there is one, ends with a WARNING pointing at it. `render` returns undefined to skip a record.
 */
export async function writeRecords<T>(
  candidates: Iterable<T>,
  render: (candidate: T) => { id: number; xml: string } | undefined,
  options: PageOptions,
  write: ChunkWrite,
  open: string,
  close: string,
): Promise<PageSummary> {
  const limit = options.truncationLimit ?? 0;
  let records = 0;
  for (const candidate of candidates) {
    const rendered = render(candidate);
    if (!rendered) {
      continue;
    }
    if (limit > 0 && records >= limit) {
      await write(close);
      await write(renderWarning({ limit, url: options.nextPageUrl?.(rendered.id) }));
      return { records, nextIdMin: rendered.id };
    }
    await write(records === 0 ? open + rendered.xml : rendered.xml);
    records += 1;
  }
  if (records > 0) {
    await write(close);
  }
  return { records };
}

/** details=None: the ids of one page in an ID_SET, then the WARNING if truncated. */
export async function writeIdSet(
  indexes: Iterable<number>,
  idOf: (index: number) => number | undefined,
  options: PageOptions,
  write: ChunkWrite,
): Promise<PageSummary> {
  const limit = options.truncationLimit ?? 0;
  const ids: number[] = [];
  for (const index of indexes) {
    const id = idOf(index);
    if (id === undefined) {
      continue;
    }
    if (limit > 0 && ids.length >= limit) {
      await write(renderIdSet(ids) + renderWarning({ limit, url: options.nextPageUrl?.(id) }));
      return { records: ids.length, nextIdMin: id };
    }
    ids.push(id);
  }
  if (ids.length > 0) {
    await write(renderIdSet(ids));
  }
  return { records: ids.length };
}
