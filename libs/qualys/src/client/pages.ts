import type { QualysRequestSummary } from '../errors';
import type {
  BodyChunks,
  PageParser,
  PageTrailer,
  ParsedItem,
  TruncationWarning,
} from '../parsers/page';
import type { QualysCall } from './apis';
import { nextPageParams } from './next-page';
import { encodeParams, type ParamEntries } from './params';
import { type PreparedRequest, prepareRequest } from './request';
import { newRetryState, QUALYS_CODES, type RetryState } from './retry-policy';
import type { CallContext, OpenAnswer, Transport } from './transport';

/** Facts of the call a parser may add to the errors it throws. */
export interface PageContext {
  source: string;
  request: QualysRequestSummary;
  page: number;
  httpStatus: number;
}

/**
 * Makes the parser of one page from its streamed body (see parsers/page.ts), e.g.
 * `(body, context) => parseHostDetectionPage(body, { context })`.
 */
export type PageParserFactory<R, T extends PageTrailer = PageTrailer> = (
  body: BodyChunks,
  context: PageContext,
) => PageParser<R, T>;

export interface ListingOptions<R> {
  /** Overrides the source's record cap for this listing; null lifts it. */
  recordCap?: number | null;
  /**
   * Identity of a record. When a page breaks off mid-body and is fetched again, records
   * already handed out are skipped by this key; without it, by their position in the page.
   */
  recordKey?: (record: R) => string;
  signal?: AbortSignal;
}

/** Why a listing ended before Qualys' last page. */
export const TRUNCATION_REASONS = {
  /** The configured record cap was reached. */
  recordCap: 'recordCap',
  /** A truncation WARNING without a usable next-page URL. */
  warningWithoutUrl: 'warningWithoutUrl',
  /** A WARNING with a code other than 1980. */
  unexpectedWarning: 'unexpectedWarning',
  /** A next-page URL asking for the page just read again (it would never end). */
  repeatedPage: 'repeatedPage',
  /** The caller moved on without reading a page to its end. */
  abandoned: 'abandoned',
} as const;

export type TruncationReason = (typeof TRUNCATION_REASONS)[keyof typeof TRUNCATION_REASONS];

export interface ListingTruncation {
  reason: TruncationReason;
  message: string;
  pageNumber: number;
  warning: TruncationWarning | null;
  recordCap: number | null;
}

export type PageContinuation =
  /** `params` are the next page's parameters: store them to resume a run after a crash. */
  | { kind: 'nextPage'; params: Record<string, string> }
  | { kind: 'lastPage' }
  | { kind: 'stopped'; truncation: ListingTruncation };

export interface PageResult<T extends PageTrailer = PageTrailer> {
  pageNumber: number;
  /** Null when the page had no body (HTTP 204) or the record cap stopped it before its end. */
  trailer: T | null;
  /** Items handed to the caller from this page (records and rejections). */
  items: number;
  /** Wire bytes of the attempt that completed the page. */
  bytes: number;
  /** HTTP requests this page took (1 unless something was retried). */
  attempts: number;
  continuation: PageContinuation;
}

/**
 * One page of a listing. Read `items` to the end before asking the listing for the next page:
 * the next request only starts then, so a run can commit page by page, and a page left
 * unread ends the listing (reported as `abandoned`).
 */
export interface QualysPage<R, T extends PageTrailer = PageTrailer> {
  readonly pageNumber: number;
  readonly request: QualysRequestSummary;
  readonly httpStatus: number;
  /** The page's records and rejections, once. */
  readonly items: AsyncIterable<ParsedItem<R>>;
  /** The trailer and what comes next; throws until `items` has been read to its end. */
  result(): PageResult<T>;
}

export interface ListingSummary {
  pages: number;
  items: number;
  /** True when Qualys' last page was reached. */
  complete: boolean;
  truncation: ListingTruncation | null;
}

/** Pages of one listing, fetched one after the other as the caller reads them. */
export interface QualysListing<R, T extends PageTrailer = PageTrailer> extends AsyncIterable<
  QualysPage<R, T>
> {
  /** Where the listing stands; final once iteration ended. */
  summary(): ListingSummary;
}

/** Records handed out by one listing or one batch run, against the configured cap. */
export class RecordCap {
  private taken = 0;

  constructor(readonly limit: number | null) {}

  /** Counts one record; false when the cap was already reached. */
  take(): boolean {
    if (this.exhausted) {
      return false;
    }
    this.taken += 1;
    return true;
  }

  get exhausted(): boolean {
    return this.limit !== null && this.taken >= this.limit;
  }
}

export function createListing<R, T extends PageTrailer>(
  transport: Transport,
  call: QualysCall,
  parse: PageParserFactory<R, T>,
  options: ListingOptions<R>,
  cap: RecordCap,
): QualysListing<R, T> {
  return new Listing(transport, call, parse, options, cap);
}

class Listing<R, T extends PageTrailer> implements QualysListing<R, T> {
  private started = false;
  private pages = 0;
  private items = 0;
  private complete = false;
  private truncation: ListingTruncation | null = null;

  constructor(
    private readonly transport: Transport,
    private readonly call: QualysCall,
    private readonly parse: PageParserFactory<R, T>,
    private readonly options: ListingOptions<R>,
    private readonly cap: RecordCap,
  ) {}

  [Symbol.asyncIterator](): AsyncIterator<QualysPage<R, T>> {
    if (this.started) {
      throw new Error('A Qualys listing can be iterated once');
    }
    this.started = true;
    return this.run();
  }

  summary(): ListingSummary {
    return {
      pages: this.pages,
      items: this.items,
      complete: this.complete,
      truncation: this.truncation,
    };
  }

  private async *run(): AsyncGenerator<QualysPage<R, T>, void, undefined> {
    let params: ParamEntries = encodeParams(this.call.params);
    for (let pageNumber = 1; ; pageNumber += 1) {
      const req = prepareRequest(this.transport.source, this.call, params);
      const ctx: CallContext = { page: pageNumber, signal: this.options.signal };
      const state = newRetryState();
      const answer = await this.transport.open(req, ctx, state);
      const page = new PageRun<R, T>(this.transport, req, ctx, state, answer, this);
      this.pages += 1;

      try {
        yield page.view;
      } finally {
        page.closeIfUnread();
      }

      const next = page.outcome();
      if (next.kind === 'failed') {
        throw next.error;
      }
      if (next.kind === 'abandoned') {
        this.stop(this.truncationOf(TRUNCATION_REASONS.abandoned, pageNumber, null));
        return;
      }

      const { continuation } = next.result;
      if (continuation.kind === 'lastPage') {
        this.complete = true;
        return;
      }
      if (continuation.kind === 'stopped') {
        this.stop(continuation.truncation);
        return;
      }
      params = Object.entries(continuation.params);
    }
  }

  /** Counts one item against the cap; false when the cap was reached. */
  takeItem(): boolean {
    if (!this.cap.take()) {
      return false;
    }
    this.items += 1;
    return true;
  }

  get recordKey(): ((record: R) => string) | undefined {
    return this.options.recordKey;
  }

  parsePage(body: BodyChunks, context: PageContext): PageParser<R, T> {
    return this.parse(body, context);
  }

  /** What follows a page that was read to its end. */
  continuationAfter(
    req: PreparedRequest,
    pageNumber: number,
    trailer: PageTrailer,
  ): PageContinuation {
    const warning = trailer.warning;
    if (warning === null) {
      return { kind: 'lastPage' };
    }

    if (warning.code !== null && warning.code !== QUALYS_CODES.truncated) {
      const truncation = this.truncationOf('unexpectedWarning', pageNumber, warning);
      return { kind: 'stopped', truncation };
    }

    let params: [string, string][] | null = null;
    try {
      params = warning.url ? nextPageParams(req.params, warning.url) : null;
    } catch {
      params = null;
    }
    if (params === null) {
      const truncation = this.truncationOf('warningWithoutUrl', pageNumber, warning);
      return { kind: 'stopped', truncation };
    }

    if (sameParams(params, req.params)) {
      const truncation = this.truncationOf('repeatedPage', pageNumber, warning);
      return { kind: 'stopped', truncation };
    }
    if (this.cap.exhausted) {
      return { kind: 'stopped', truncation: this.capTruncation(pageNumber) };
    }
    return { kind: 'nextPage', params: Object.fromEntries(params) };
  }

  capTruncation(pageNumber: number): ListingTruncation {
    return this.truncationOf(TRUNCATION_REASONS.recordCap, pageNumber, null);
  }

  private truncationOf(
    reason: TruncationReason,
    pageNumber: number,
    warning: TruncationWarning | null,
  ): ListingTruncation {
    const where = `page ${pageNumber} of ${this.call.api} on ${this.transport.source.name}`;
    const said = warning?.text ? ` (${warning.text})` : '';
    const code = warning?.code ?? '';
    const what: Record<TruncationReason, string> = {
      recordCap: `Record cap of ${this.cap.limit ?? 0} reached on ${where}`,
      warningWithoutUrl: `Qualys truncated ${where} without a usable next-page URL${said}`,
      unexpectedWarning: `Qualys ended ${where} with warning code ${code}${said}`,
      repeatedPage: `Qualys pointed ${where} back at the same parameters`,
      abandoned: `${where} was not read to its end`,
    };
    const message = `${what[reason]}; the listing stops here`;
    return {
      reason,
      message: message.charAt(0).toUpperCase() + message.slice(1),
      pageNumber,
      warning,
      recordCap: this.cap.limit,
    };
  }

  private stop(truncation: ListingTruncation): void {
    this.truncation = truncation;
    this.transport.logTruncation(truncation);
  }
}

function sameParams(next: ParamEntries, current: ParamEntries): boolean {
  const text = (entries: ParamEntries) => JSON.stringify([...entries].sort());
  return text(next) === text(current);
}

type PageOutcome<T extends PageTrailer> =
  | { kind: 'completed'; result: PageResult<T> }
  | { kind: 'abandoned' }
  | { kind: 'failed'; error: unknown };

type PageStatus = 'unread' | 'reading' | 'completed' | 'abandoned' | 'failed';

/** Anything with an async generator's `return`, whatever its return type. */
interface Closable {
  return(value: never): Promise<unknown>;
}

class PageRun<R, T extends PageTrailer> {
  readonly view: QualysPage<R, T>;
  private status: PageStatus = 'unread';
  private itemsTaken = false;
  private parser: Closable | null = null;
  private result: PageResult<T> | null = null;
  private error: unknown = null;
  private items = 0;

  constructor(
    private readonly transport: Transport,
    private readonly req: PreparedRequest,
    private readonly ctx: CallContext,
    private readonly state: RetryState,
    private answer: OpenAnswer,
    private readonly listing: Listing<R, T>,
  ) {
    const pageNumber = ctx.page ?? 1;
    this.view = {
      pageNumber,
      request: req.summary,
      httpStatus: answer.status,
      items: { [Symbol.asyncIterator]: () => this.takeItems() },
      result: () => {
        if (this.result === null) {
          throw new Error(`Page ${pageNumber} has not been read to its end`);
        }
        return this.result;
      },
    };
  }

  outcome(): PageOutcome<T> {
    switch (this.status) {
      case 'completed':
        return this.result ? { kind: 'completed', result: this.result } : { kind: 'abandoned' };
      case 'failed':
        return { kind: 'failed', error: this.error };
      case 'unread':
      case 'reading':
      case 'abandoned':
        return { kind: 'abandoned' };
    }
  }

  private get reading(): boolean {
    return this.status === 'reading';
  }

  /** Releases the call when the caller moves on (or breaks off) before the page's end. */
  closeIfUnread(): void {
    if (this.status === 'unread' || this.status === 'reading') {
      this.status = 'abandoned';
      this.answer.abandon();
      void this.closeParser();
    }
  }

  private takeItems(): AsyncIterator<ParsedItem<R>> {
    if (this.itemsTaken) {
      throw new Error('The items of a Qualys page can be read once');
    }
    this.itemsTaken = true;
    return this.read();
  }

  private async *read(): AsyncGenerator<ParsedItem<R>, void, undefined> {
    if (this.status !== 'unread') {
      return;
    }
    this.status = 'reading';
    const seenKeys = new Set<string>();
    let handedBefore = 0;

    try {
      for (;;) {
        const answer = this.answer;
        if (answer.status === 204) {
          await answer.finish();
          this.finishWith(null, { kind: 'lastPage' });
          return;
        }

        const parser = this.listing.parsePage(answer.body.chunks(), {
          source: this.transport.source.name,
          request: this.req.summary,
          page: this.ctx.page ?? 1,
          httpStatus: answer.status,
        });
        this.parser = parser;
        let position = 0;
        let trailer: T | null = null;
        let failure: unknown = null;

        for (;;) {
          let step: IteratorResult<ParsedItem<R>, T>;
          try {
            step = await parser.next();
          } catch (error) {
            failure = error;
            break;
          }
          if (!this.reading) {
            return;
          }
          if (step.done) {
            trailer = step.value;
            break;
          }

          const item = step.value;
          const index = position;
          position += 1;
          if (this.handedOutBefore(item, index, handedBefore, seenKeys)) {
            continue;
          }
          if (!this.listing.takeItem()) {
            this.stopOnCap();
            return;
          }
          this.remember(item, index, seenKeys);
          yield item;
          if (!this.reading) {
            return;
          }
        }

        this.parser = null;
        if (trailer !== null) {
          await answer.finish();
          this.complete(trailer);
          return;
        }

        answer.abandon();
        if (!this.reading) {
          return;
        }
        const error = this.transport.bodyFailureError(failure, answer, this.req, this.ctx);
        await this.transport.afterFailure(error, this.req, this.ctx, this.state, null);
        handedBefore = this.items;
        this.answer = await this.transport.open(this.req, this.ctx, this.state);
      }
    } catch (error) {
      this.status = 'failed';
      this.error = error;
      throw error;
    } finally {
      this.closeIfUnread();
    }
  }

  /**
   * After a page broke off and was fetched again, skips what the caller already has: by record
   * key when the listing has one, else by position (Qualys orders a page by id, and the same
   * request returns the same order).
   */
  // LIMITATION: without a record key a retried page is de-duplicated by position; see
  // docs/qualys-client.md, "Retried pages are de-duplicated by position without a record key".
  private handedOutBefore(
    item: ParsedItem<R>,
    index: number,
    handedBefore: number,
    seenKeys: Set<string>,
  ): boolean {
    if (handedBefore === 0) {
      return false;
    }
    const key = this.keyOf(item, index);
    return key === null ? index < handedBefore : seenKeys.has(key);
  }

  private remember(item: ParsedItem<R>, index: number, seenKeys: Set<string>): void {
    this.items += 1;
    const key = this.keyOf(item, index);
    if (key !== null) {
      seenKeys.add(key);
    }
  }

  private keyOf(item: ParsedItem<R>, index: number): string | null {
    const recordKey = this.listing.recordKey;
    if (recordKey === undefined) {
      return null;
    }
    return item.kind === 'record'
      ? `record:${recordKey(item.record)}`
      : `rejected:${item.rejection.id ?? `#${index}`}`;
  }

  private stopOnCap(): void {
    const pageNumber = this.ctx.page ?? 1;
    this.answer.abandon();
    void this.closeParser();
    this.finishWith(null, { kind: 'stopped', truncation: this.listing.capTruncation(pageNumber) });
  }

  private complete(trailer: T): void {
    const pageNumber = this.ctx.page ?? 1;
    this.finishWith(trailer, this.listing.continuationAfter(this.req, pageNumber, trailer));
  }

  private finishWith(trailer: T | null, continuation: PageContinuation): void {
    this.status = 'completed';
    this.result = {
      pageNumber: this.ctx.page ?? 1,
      trailer,
      items: this.items,
      bytes: this.answer.body.bytes,
      attempts: this.state.attempts,
      continuation,
    };
  }

  private async closeParser(): Promise<void> {
    const parser = this.parser;
    this.parser = null;
    try {
      // The value is never read: the page is being dropped.
      await parser?.return(undefined as never);
    } catch {
      // The body is gone already; a parser that complains about it has nothing left to say.
    }
  }
}
