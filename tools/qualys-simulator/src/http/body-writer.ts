import { type ServerResponse } from 'node:http';
import { type Writable } from 'node:stream';

/** The client went away, or a cut-off fault ended the body: rendering stops quietly. */
export class BodyAbortedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BodyAbortedError';
  }
}

/**
 * Replaces the first match of a pattern in a stream of text, even when the match straddles two
 * chunks: it holds back the tail of each chunk until the match is found or the text ends.
 */
export class FirstMatchReplacer {
  private carry = '';
  private done = false;

  constructor(
    private readonly pattern: RegExp,
    private readonly replacement: string,
    private readonly holdBack = 256,
  ) {}

  push(text: string): string {
    if (this.done) {
      return text;
    }
    const all = this.carry + text;
    const match = this.pattern.exec(all);
    if (match) {
      this.done = true;
      this.carry = '';
      return (
        all.slice(0, match.index) + this.replacement + all.slice(match.index + match[0].length)
      );
    }
    const keep = Math.min(this.holdBack, all.length);
    this.carry = all.slice(all.length - keep);
    return all.slice(0, all.length - keep);
  }

  flush(): string {
    const rest = this.carry;
    this.carry = '';
    return rest;
  }
}

export interface BodyWriterOptions {
  /** Destroy the connection once this many body bytes have gone out. */
  cutOffAfterBytes?: number;
  replacer?: FirstMatchReplacer;
}

/**
 * Writes a body to the response with backpressure (waits for `drain`), applying the cut-off and
 * malformed-record faults on the way. Throws {@link BodyAbortedError} once the body cannot go on.
 */
export class BodyWriter {
  bytesWritten = 0;
  private ended = false;

  private readonly target: Writable;

  /** `target` is where bytes go (the response, or a gzip stream piped into it). */
  constructor(
    private readonly res: ServerResponse,
    private readonly options: BodyWriterOptions = {},
    target?: Writable,
  ) {
    this.target = target ?? res;
  }

  readonly write = async (chunk: string | Buffer): Promise<void> => {
    const replacer = this.options.replacer;
    const data = replacer
      ? replacer.push(typeof chunk === 'string' ? chunk : chunk.toString('utf8'))
      : chunk;
    await this.send(data);
  };

  async end(): Promise<void> {
    if (this.options.replacer) {
      await this.send(this.options.replacer.flush());
    }
    if (!this.ended) {
      this.ended = true;
      await new Promise<void>(resolve => this.target.end(resolve));
    }
  }

  private async send(data: string | Buffer): Promise<void> {
    if (this.res.destroyed) {
      throw new BodyAbortedError('Client closed the connection');
    }
    const limit = this.options.cutOffAfterBytes;
    if (limit !== undefined) {
      const buffer = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
      if (this.bytesWritten + buffer.length >= limit) {
        await this.cutOff(buffer.subarray(0, Math.max(0, limit - this.bytesWritten)));
      }
      return await this.push(buffer);
    }
    return await this.push(data);
  }

  private async push(data: string | Buffer): Promise<void> {
    if (data.length === 0) {
      return;
    }
    this.bytesWritten += typeof data === 'string' ? Buffer.byteLength(data) : data.length;
    if (!this.target.write(data)) {
      await this.drained();
    }
  }

  private async cutOff(last: Buffer): Promise<never> {
    this.bytesWritten += last.length;
    await new Promise<void>(resolve => {
      if (last.length === 0) {
        this.res.flushHeaders();
        setImmediate(resolve);
        return;
      }
      this.target.write(last, () => resolve());
    });
    this.ended = true;
    this.res.destroy();
    throw new BodyAbortedError('Body cut off on purpose');
  }

  private drained(): Promise<void> {
    return new Promise((resolve, reject) => {
      const onDrain = (): void => {
        this.res.off('close', onClose);
        resolve();
      };
      const onClose = (): void => {
        this.target.off('drain', onDrain);
        reject(new BodyAbortedError('Client closed the connection'));
      };
      this.target.once('drain', onDrain);
      this.res.once('close', onClose);
    });
  }
}
