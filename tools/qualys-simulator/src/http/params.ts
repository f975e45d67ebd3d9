import { type IncomingMessage } from 'node:http';

/** A request refused for its parameters: becomes a SIMPLE_RETURN with this code and HTTP 400. */
export class ParameterError extends Error {
  constructor(
    readonly code: '1901' | '1903' | '1904' | '1905' | '1907' | '1922',
    message: string,
  ) {
    super(message);
    this.name = 'ParameterError';
  }
}

/** One inclusive id range; a single id is a range of one. */
export interface IdRange {
  from: number;
  to: number;
}

/**
 * The parameters of one call: GET query first, then the form body of a POST, in their order.
 * When a name appears twice the last value wins, and the next-page URL repeats them all.
 */
export class RequestParams {
  constructor(readonly entries: ReadonlyArray<readonly [string, string]>) {}

  get(name: string): string | undefined {
    for (let i = this.entries.length - 1; i >= 0; i -= 1) {
      const entry = this.entries[i];
      if (entry?.[0] === name) {
        return entry[1];
      }
    }
    return undefined;
  }

  has(name: string): boolean {
    return this.get(name) !== undefined;
  }

  /** Same parameters with `name` replaced (or removed when value is undefined), order kept. */
  with(name: string, value: string | undefined): RequestParams {
    const kept = this.entries.filter(([key]) => key !== name);
    return new RequestParams(value === undefined ? kept : [...kept, [name, value]]);
  }

  /** Query string with commas and colons kept readable, as Qualys writes its own URLs. */
  toQueryString(): string {
    return this.entries
      .map(([key, value]) => `${encodeQueryPart(key)}=${encodeQueryPart(value)}`)
      .join('&');
  }

  flag(name: string): boolean {
    return this.get(name) === '1';
  }

  /** Comma list of id tokens (`12`, `100-200`); refused with 1905 like Qualys when malformed. */
  idRanges(name: string): IdRange[] | undefined {
    const raw = this.get(name);
    return raw === undefined || raw === '' ? undefined : parseIdRanges(name, raw);
  }

  integer(name: string): number | undefined {
    const raw = this.get(name);
    if (raw === undefined || raw === '') {
      return undefined;
    }
    if (!/^\d+$/.test(raw)) {
      throw new ParameterError('1905', `parameter ${name} has invalid value: ${raw}`);
    }
    return Number(raw);
  }

  /** `YYYY-MM-DD` (midnight UTC) or `YYYY-MM-DDTHH:MM:SSZ`, as epoch milliseconds. */
  date(name: string): number | undefined {
    const raw = this.get(name);
    if (raw === undefined || raw === '') {
      return undefined;
    }
    return parseQualysDate(name, raw);
  }

  list(name: string): string[] | undefined {
    const raw = this.get(name);
    if (raw === undefined || raw === '') {
      return undefined;
    }
    return raw
      .split(',')
      .map(item => item.trim())
      .filter(item => item !== '');
  }
}

function encodeQueryPart(value: string): string {
  return encodeURIComponent(value).replace(/%2C/gi, ',');
}

export function parseIdRanges(name: string, raw: string): IdRange[] {
  return raw.split(',').map(token => {
    const trimmed = token.trim();
    const match = /^(\d+)(?:-(\d+))?$/.exec(trimmed);
    if (!match?.[1]) {
      throw new ParameterError(
        '1905',
        `parameter ${name} has invalid value: ${trimmed} (neither a positive integer nor a range: ${trimmed})`,
      );
    }
    const from = Number(match[1]);
    const to = match[2] === undefined ? from : Number(match[2]);
    return from <= to ? { from, to } : { from: to, to: from };
  });
}

export function parseQualysDate(name: string, raw: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}):(\d{2})Z)?$/.exec(raw);
  const ms = match ? Date.parse(match[4] === undefined ? `${raw}T00:00:00Z` : raw) : Number.NaN;
  if (Number.isNaN(ms)) {
    throw new ParameterError('1905', `parameter ${name} has invalid value: ${raw}`);
  }
  return ms;
}

export function inRanges(ranges: readonly IdRange[], id: number): boolean {
  return ranges.some(range => id >= range.from && id <= range.to);
}

const MAX_BODY_BYTES = 16 * 1024 * 1024;

/** Reads the whole request body (form bodies and PCRS JSON bodies are small). */
export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) {
      throw new ParameterError('1905', 'Request body is too large');
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** GET query and, for a form POST, the body parameters after it. */
export function mergeParams(
  url: URL,
  body: string,
  contentType: string | undefined,
): RequestParams {
  const entries: Array<readonly [string, string]> = [...url.searchParams.entries()];
  if (body !== '' && (contentType ?? '').includes('application/x-www-form-urlencoded')) {
    entries.push(...new URLSearchParams(body).entries());
  }
  return new RequestParams(entries);
}
