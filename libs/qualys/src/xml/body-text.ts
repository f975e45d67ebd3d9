import { createGunzip } from 'node:zlib';

import { QUALYS_ERROR_KINDS, QualysApiError } from '../errors';
import { type BodyChunks } from '../parsers/page';
import { type ErrorContext } from './error-context';

/** One decoded piece of a body, with the number of bytes it came from. */
export interface TextChunk {
  text: string;
  bytes: number;
}

/**
 * Decodes a streamed body as UTF-8, piece by piece. Invalid byte sequences become U+FFFD rather
 * than failing the page: one bad byte in a RESULTS block must not cost a thousand hosts.
 */
export async function* decodeUtf8(chunks: BodyChunks): AsyncGenerator<TextChunk, void, undefined> {
  const decoder = new TextDecoder('utf-8');

  for await (const chunk of chunks) {
    if (typeof chunk === 'string') {
      yield { text: chunk, bytes: Buffer.byteLength(chunk) };
      continue;
    }

    const text = decoder.decode(chunk, { stream: true });
    if (text.length > 0 || chunk.byteLength > 0) yield { text, bytes: chunk.byteLength };
  }

  const rest = decoder.decode();
  if (rest.length > 0) yield { text: rest, bytes: 0 };
}

const GZIP_MAGIC_0 = 0x1f;
const GZIP_MAGIC_1 = 0x8b;

/**
 * Passes a body through, gunzipping it when it starts with the gzip magic bytes (PCRS posture
 * streams are compressed unless compressionRequired=0 was sent).
 */
export async function* gunzipIfCompressed(
  chunks: BodyChunks,
  context: ErrorContext = {},
): AsyncGenerator<Uint8Array | string, void, undefined> {
  const iterator = chunks[Symbol.asyncIterator]();
  const first = await iterator.next();
  if (first.done === true) return;

  let head = first.value;
  // The magic is two bytes; a first chunk of one byte waits for the next.
  if (typeof head !== 'string' && head.byteLength < 2) {
    const second = await iterator.next();
    if (second.done !== true) {
      const tail = typeof second.value === 'string' ? Buffer.from(second.value) : second.value;
      head = Buffer.concat([head, tail]);
    }
  }

  const compressed =
    typeof head !== 'string' &&
    head.byteLength >= 2 &&
    head[0] === GZIP_MAGIC_0 &&
    head[1] === GZIP_MAGIC_1;

  const rest: AsyncIterable<Uint8Array | string> = {
    [Symbol.asyncIterator]: () => iterator,
  };

  if (!compressed) {
    yield head;
    yield* rest;
    return;
  }

  yield* gunzip(head as Uint8Array, rest, context);
}

async function* gunzip(
  head: Uint8Array,
  rest: AsyncIterable<Uint8Array | string>,
  context: ErrorContext,
): AsyncGenerator<Uint8Array, void, undefined> {
  const gunzipStream = createGunzip();

  // Feeding runs beside the reading loop so that backpressure is respected both ways.
  const feeding = (async () => {
    try {
      if (!gunzipStream.write(head)) await drained(gunzipStream);
      for await (const chunk of rest) {
        const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
        if (!gunzipStream.write(bytes)) await drained(gunzipStream);
      }
      gunzipStream.end();
    } catch (err) {
      gunzipStream.destroy(err as Error);
    }
  })();

  try {
    for await (const out of gunzipStream) yield out as Buffer;
  } catch (err) {
    throw new QualysApiError({
      ...context,
      kind: QUALYS_ERROR_KINDS.malformedResponse,
      message: 'Compressed body is not valid gzip or was cut off',
      cause: err,
    });
  } finally {
    await feeding;
  }
}

function drained(stream: NodeJS.WritableStream): Promise<void> {
  return new Promise(resolve => stream.once('drain', () => resolve()));
}

/** Reads a whole (small) body as text, refusing more than `maxBytes`. */
export async function readBodyText(
  body: BodyChunks | string,
  maxBytes: number,
  context: ErrorContext = {},
): Promise<string> {
  if (typeof body === 'string') return body;

  const parts: string[] = [];
  let total = 0;
  for await (const { text, bytes } of decodeUtf8(body)) {
    total += bytes;
    if (total > maxBytes) {
      throw new QualysApiError({
        ...context,
        kind: QUALYS_ERROR_KINDS.malformedResponse,
        message: `Body exceeds the ${maxBytes}-byte limit for a whole document`,
      });
    }
    parts.push(text);
  }

  return parts.join('');
}
