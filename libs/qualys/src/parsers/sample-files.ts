import { readFileSync } from 'node:fs';
import path from 'node:path';

import { type PageParser, type PageTrailer, type RecordRejection } from './page';

/**
 * Test support: the shared Qualys samples sit beside the repository, at
 * `../shared/samples/qualys` from its root (the same relative place in CI).
 */
export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..', '..');
export const SAMPLES_DIR = path.join(REPO_ROOT, '..', 'shared', 'samples', 'qualys');

export function samplePath(relative: string): string {
  return path.join(SAMPLES_DIR, relative);
}

export function sampleText(relative: string): string {
  return readFileSync(samplePath(relative), 'utf8');
}

/**
 * A file's bytes in small chunks of an odd size, so that tag, CDATA and multi-byte character
 * boundaries fall inside chunks the way they do on the wire.
 */
export async function* sampleChunks(relative: string, size = 61): AsyncGenerator<Uint8Array> {
  yield* bytesInChunks(readFileSync(samplePath(relative)), size);
}

export async function* textChunks(text: string, size = 61): AsyncGenerator<Uint8Array> {
  yield* bytesInChunks(Buffer.from(text, 'utf8'), size);
}

async function* bytesInChunks(bytes: Buffer, size: number): AsyncGenerator<Uint8Array> {
  for (let at = 0; at < bytes.length; at += size) {
    await Promise.resolve();
    yield bytes.subarray(at, at + size);
  }
}

export interface CollectedPage<R, T extends PageTrailer> {
  records: R[];
  rejections: RecordRejection[];
  trailer: T;
}

/** Drains a page parser into its records, rejections and trailer. */
export async function collectPage<R, T extends PageTrailer>(
  parser: PageParser<R, T>,
): Promise<CollectedPage<R, T>> {
  const records: R[] = [];
  const rejections: RecordRejection[] = [];

  for (;;) {
    const next = await parser.next();
    if (next.done === true) return { records, rejections, trailer: next.value };
    if (next.value.kind === 'record') records.push(next.value.record);
    else rejections.push(next.value.rejection);
  }
}
