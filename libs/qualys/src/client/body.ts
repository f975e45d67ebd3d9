import { Readable } from 'node:stream';
import { pipeline } from 'node:stream';
import { createGunzip } from 'node:zlib';

import type { BodyChunks } from '../parsers/page';

/** Why a body stopped before its end, as seen below the parser. */
export type BodyFailure =
  | { kind: 'transport'; error: unknown }
  | { kind: 'truncatedGzip'; error: unknown }
  | { kind: 'corruptGzip'; error: unknown };

/**
 * A response body as the parsers read it: decompressed when gzip, with its wire size counted
 * and any failure below the parser remembered. The parser turns whatever breaks into its own
 * error; the remembered failure tells the client whether the socket or the document broke.
 */
export class ObservedBody {
  private wireBytes = 0;
  private failure: BodyFailure | null = null;
  private opened = false;

  constructor(
    private readonly raw: AsyncIterable<Buffer>,
    private readonly gzip: boolean,
  ) {}

  get bytes(): number {
    return this.wireBytes;
  }

  get bodyFailure(): BodyFailure | null {
    return this.failure;
  }

  /** The chunks, once. */
  chunks(): BodyChunks {
    if (this.opened) {
      throw new Error('A Qualys answer body can be read once');
    }
    this.opened = true;
    return this.decoded();
  }

  private async *counted(): AsyncGenerator<Buffer> {
    try {
      for await (const chunk of this.raw) {
        this.wireBytes += chunk.length;
        yield chunk;
      }
    } catch (error) {
      this.failure ??= { kind: 'transport', error };
      throw error;
    }
  }

  private async *decoded(): AsyncGenerator<Buffer> {
    const source = this.counted();
    const first = await source.next();
    if (first.done) {
      return;
    }

    // Some gateways gzip without saying so (PCRS compressionRequired=1); the magic bytes decide.
    const head = first.value;
    const gzipped = this.gzip || (head[0] === 0x1f && head[1] === 0x8b);
    const all = prepend(head, source);
    if (!gzipped) {
      yield* all;
      return;
    }

    try {
      yield* gunzip(all);
    } catch (error) {
      this.failure ??= gzipFailure(error);
      throw error;
    }
  }
}

async function* prepend(head: Buffer, rest: AsyncGenerator<Buffer>): AsyncGenerator<Buffer> {
  yield head;
  yield* rest;
}

function gunzip(chunks: AsyncIterable<Buffer>): AsyncIterable<Buffer> {
  return pipeline(Readable.from(chunks), createGunzip(), () => undefined);
}

function gzipFailure(error: unknown): BodyFailure {
  const code = (error as { code?: unknown }).code;
  // zlib reports a stream that stops before its end as Z_BUF_ERROR ("unexpected end of file").
  return code === 'Z_BUF_ERROR' ? { kind: 'truncatedGzip', error } : { kind: 'corruptGzip', error };
}
