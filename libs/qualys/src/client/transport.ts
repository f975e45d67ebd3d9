import type { IncomingHttpHeaders } from 'node:http';

import type { Logger } from '@exposure-graph/logging';
import { type Dispatcher, request } from 'undici';

import { QUALYS_ERROR_KINDS, QualysApiError, type QualysErrorKind } from '../errors';
import { type AnswerShape, readAnswerShape } from './answers';
import { type BodyFailure, ObservedBody } from './body';
import { type ApiBudget, type BudgetRegistry, readLimitHeaders } from './budget';
import type { QualysSource } from './config';
import { PcrsTokens } from './pcrs-token';
import { type PreparedRequest, prepareTokenRequest } from './request';
import {
  copyError,
  decideRetry,
  isRetriableKind,
  kindForAnswer,
  newRetryState,
  rateLimitError,
  type RetryState,
} from './retry-policy';
import type { CallStats, WaitReason } from './stats';

/** What a listing reports when it stops early (see pages.ts). */
export interface ListingTruncationFacts {
  reason: string;
  message: string;
  pageNumber: number;
}

export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

export interface TransportDeps {
  source: QualysSource;
  logger: Logger;
  budgets: BudgetRegistry;
  stats: CallStats;
  dispatcher: Dispatcher;
  sleep: Sleep;
  now: () => number;
  random: () => number;
}

/** Where a call sits in a run: for errors, logs and cancellation. */
export interface CallContext {
  page?: number;
  signal?: AbortSignal;
}

/** A buffered answer body with what the caller may need of its response. */
export interface TextAnswer {
  status: number;
  contentType: string | undefined;
  text: string;
}

// Error bodies are a few hundred bytes; more is a proxy page and need not be read whole.
const MAX_ERROR_BODY_BYTES = 64 * 1024;
const MAX_TOKEN_BYTES = 64 * 1024;
// What is left after a parser returns is a trailing comment; read it so the socket is reused.
const MAX_DRAIN_BYTES = 256 * 1024;

/**
 * An answer with a 2xx status whose body has not been read yet. It holds a slot of its API's
 * budget until the body is fully read (`finish`) or dropped (`abandon`): Qualys counts a call
 * as running until it has sent everything.
 */
export class OpenAnswer {
  readonly body: ObservedBody;
  private done = false;

  constructor(
    private readonly response: Dispatcher.ResponseData,
    private readonly onDone: (answer: OpenAnswer, outcome: 'finished' | 'abandoned') => void,
  ) {
    const encoding = headerText(response.headers['content-encoding']) ?? '';
    this.body = new ObservedBody(response.body, /gzip/i.test(encoding));
  }

  get status(): number {
    return this.response.statusCode;
  }

  get headers(): IncomingHttpHeaders {
    return this.response.headers;
  }

  get contentType(): string | undefined {
    return headerText(this.response.headers['content-type']);
  }

  async finish(): Promise<void> {
    if (this.done) {
      return;
    }
    this.done = true;
    try {
      await this.response.body.dump({ limit: MAX_DRAIN_BYTES });
    } catch {
      // A trailer that cannot be drained only costs the connection, not the answer.
    }
    this.onDone(this, 'finished');
  }

  abandon(): void {
    if (this.done) {
      return;
    }
    this.done = true;
    // Destroying an unread body makes undici emit an abort error nobody else listens to.
    this.response.body.on('error', () => undefined);
    this.response.body.destroy();
    this.onDone(this, 'abandoned');
  }

  /**
   * Reads the whole body as UTF-8. Past `maxBytes` it either stops and keeps the start
   * (`truncate`, for error bodies) or fails.
   */
  async readText(maxBytes: number, truncate = false): Promise<string> {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of this.body.chunks()) {
      const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk);
      size += buffer.length;
      if (size > maxBytes) {
        this.abandon();
        if (truncate) {
          chunks.push(buffer.subarray(0, buffer.length - (size - maxBytes)));
          return Buffer.concat(chunks).toString('utf8');
        }
        throw new AnswerTooLargeError(maxBytes);
      }
      chunks.push(buffer);
    }
    await this.finish();
    return Buffer.concat(chunks).toString('utf8');
  }
}

class AnswerTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`The answer is larger than ${maxBytes} bytes`);
    this.name = 'AnswerTooLargeError';
  }
}

/**
 * Sends requests to one source: authentication, limits, retries, error classification and
 * per-call logging. Parsing and paging sit on top of it.
 */
export class Transport {
  readonly source: QualysSource;
  private readonly log: Logger;
  private readonly basicAuthorization: string;
  private readonly tokens: PcrsTokens;

  constructor(private readonly deps: TransportDeps) {
    this.source = deps.source;
    this.log = deps.logger.child({ component: 'qualys-client', source: deps.source.name });
    const { username, password } = deps.source.credentials;
    this.basicAuthorization = `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
    this.tokens = new PcrsTokens(
      signal => this.requestToken(signal),
      deps.source.pcrsToken,
      deps.now,
    );
  }

  budget(api: string): ApiBudget {
    const { defaultConcurrency, rateProbeDelayMs } = this.source.limits;
    return this.deps.budgets.get(this.source.name, api, { defaultConcurrency, rateProbeDelayMs });
  }

  /**
   * Sends until Qualys answers with a 2xx status, waiting and retrying as the answers demand;
   * throws the final QualysApiError otherwise.
   */
  async open(req: PreparedRequest, ctx: CallContext, state: RetryState): Promise<OpenAnswer> {
    for (;;) {
      const token = req.family === 'pcrs' ? await this.tokens.get(ctx.signal) : null;
      const budget = this.budget(req.api);
      await this.acquire(budget, req, ctx);
      try {
        return await this.sendOnce(req, ctx, state, token, budget);
      } catch (error) {
        await this.afterFailure(error, req, ctx, state, token);
      }
    }
  }

  /** A whole small answer as text; a SIMPLE_RETURN with a CODE fails whatever the status. */
  async fetchText(req: PreparedRequest, ctx: CallContext): Promise<TextAnswer> {
    const state = newRetryState();
    for (;;) {
      const answer = await this.open(req, ctx, state);
      let failure: unknown;
      try {
        const text = await answer.readText(this.source.maxBufferedBytes);
        const problem = this.successBodyProblem(answer.status, answer.contentType, text, req, ctx);
        if (problem === null) {
          return { status: answer.status, contentType: answer.contentType, text };
        }
        failure = problem;
      } catch (error) {
        answer.abandon();
        failure = this.bodyFailureError(error, answer, req, ctx);
      }
      await this.afterFailure(failure, req, ctx, state, null);
    }
  }

  /**
   * Decides after a failed attempt: returns when the call should be tried again (after any
   * back-off), throws the final error otherwise.
   */
  async afterFailure(
    error: unknown,
    req: PreparedRequest,
    ctx: CallContext,
    state: RetryState,
    token: string | null,
  ): Promise<void> {
    if (ctx.signal?.aborted) {
      throw error;
    }

    const failure =
      error instanceof QualysApiError
        ? error
        : this.malformedError(req, ctx, describe(error), error);
    const decision = decideRetry(failure, state, {
      api: req.api,
      source: this.source.name,
      renewsTokenOn401: req.family === 'pcrs',
      retry: this.source.retry,
      limits: this.source.limits,
      random: this.deps.random,
    });
    const fields = { api: req.api, page: ctx.page, attempt: state.attempts };

    switch (decision.action) {
      case 'fail':
        // Every caller of this API is under the same limit: let them fail without a call.
        if (decision.error.kind === QUALYS_ERROR_KINDS.rateLimited && failure.waitSeconds) {
          this.budget(req.api).blockUntil(this.deps.now() + failure.waitSeconds * 1000);
        }
        this.log.error({ ...fields, err: decision.error }, 'Qualys call failed');
        throw decision.error;

      case 'renewToken':
        this.deps.stats.recordRetry();
        this.log.warn({ ...fields, err: failure }, 'PCRS refused the token; renewing it once');
        this.tokens.invalidate(token);
        return;

      case 'retry':
        this.deps.stats.recordRetry();
        this.log.warn(
          { ...fields, err: failure, reason: decision.reason, delayMs: decision.delayMs },
          'Qualys call failed; trying again',
        );
        // A rate limit holds for every caller of this API: block the shared budget and let
        // the next acquire sit it out, so the wait is counted once and shared.
        if (decision.reason === 'rate') {
          this.budget(req.api).blockUntil(this.deps.now() + decision.delayMs);
          return;
        }
        await this.wait(decision.reason, decision.delayMs, req, ctx);
    }
  }

  /** The error to report when a body could not be read to its end. */
  bodyFailureError(
    error: unknown,
    answer: { status: number; body: { bodyFailure: BodyFailure | null } | null },
    req: PreparedRequest,
    ctx: CallContext,
  ): QualysApiError {
    const failure = answer.body?.bodyFailure ?? null;
    switch (failure?.kind) {
      case 'transport':
        return this.networkError(failure.error, req, ctx, 'The answer broke off');
      case 'truncatedGzip':
        return this.malformedError(req, ctx, 'The gzip answer ended early', failure.error, true);
      case 'corruptGzip':
        return this.malformedError(req, ctx, 'The answer is not valid gzip', failure.error);
      case undefined:
        break;
    }

    if (error instanceof AnswerTooLargeError) {
      return this.malformedError(req, ctx, error.message, error);
    }
    if (error instanceof QualysApiError) {
      return this.enrichParserError(error, answer.status, req, ctx);
    }
    return this.malformedError(
      req,
      ctx,
      `The answer could not be read (${describe(error)})`,
      error,
    );
  }

  logTruncation(truncation: ListingTruncationFacts): void {
    this.log.warn({ truncation }, 'Qualys listing stopped before its end');
  }

  /** Where a call went, for messages: "for hostDetection on eu-1 (POST /api/…, page 2)". */
  where(req: PreparedRequest, ctx: CallContext): string {
    const page = ctx.page === undefined ? '' : `, page ${ctx.page}`;
    const { method, url } = req.summary;
    return `for ${req.api} on ${this.source.name} (${method} ${url}${page})`;
  }

  private async acquire(budget: ApiBudget, req: PreparedRequest, ctx: CallContext): Promise<void> {
    if (!budget.tryTake()) {
      const started = this.deps.now();
      this.log.debug({ api: req.api, page: ctx.page }, 'Waiting for a free Qualys call slot');
      await budget.take(ctx.signal);
      this.deps.stats.recordWait('concurrency', this.deps.now() - started);
    }

    try {
      for (;;) {
        const waitMs = budget.rateWaitMs(this.deps.now());
        if (waitMs <= 0) {
          return;
        }
        if (waitMs > this.source.limits.maxRateWaitMs) {
          const error = rateLimitError(null, req.api, this.source.name, waitMs);
          throw copyError(error, { request: req.summary, page: ctx.page });
        }
        await this.wait('rate', waitMs, req, ctx);
      }
    } catch (error) {
      budget.release();
      throw error;
    }
  }

  private async sendOnce(
    req: PreparedRequest,
    ctx: CallContext,
    state: RetryState,
    token: string | null,
    budget: ApiBudget,
  ): Promise<OpenAnswer> {
    state.attempts += 1;
    const started = this.deps.now();
    let response: Dispatcher.ResponseData;
    try {
      response = await request(req.url, {
        dispatcher: this.deps.dispatcher,
        method: req.method,
        headers: this.headers(req, token),
        body: req.body,
        signal: ctx.signal,
      });
    } catch (error) {
      budget.release();
      this.deps.stats.recordCall(req.api);
      this.logCall(req, ctx, state, { status: null, bytes: 0, ms: this.deps.now() - started });
      throw ctx.signal?.aborted ? error : this.networkError(error, req, ctx, 'No answer');
    }

    this.deps.stats.recordCall(req.api);
    budget.observe(readLimitHeaders(response.headers), this.deps.now());
    const answer = new OpenAnswer(response, (done, outcome) => {
      budget.release();
      this.deps.stats.recordBytes(done.body.bytes);
      const ms = this.deps.now() - started;
      this.logCall(req, ctx, state, { status: done.status, bytes: done.body.bytes, ms, outcome });
    });

    if (answer.status >= 200 && answer.status < 300) {
      if (/text\/html/i.test(answer.contentType ?? '')) {
        answer.abandon();
        throw this.answerError(answer, { kind: 'html' }, req, ctx);
      }
      return answer;
    }

    const text = await this.readErrorText(answer, req, ctx);
    throw this.answerError(answer, readAnswerShape(text, answer.contentType), req, ctx);
  }

  private async readErrorText(
    answer: OpenAnswer,
    req: PreparedRequest,
    ctx: CallContext,
  ): Promise<string> {
    try {
      return await answer.readText(MAX_ERROR_BODY_BYTES, true);
    } catch (error) {
      answer.abandon();
      throw this.bodyFailureError(error, answer, req, ctx);
    }
  }

  /** The failure hidden in a 2xx body, or null: error envelopes, HTML pages, unsafe XML. */
  private successBodyProblem(
    status: number,
    contentType: string | undefined,
    text: string,
    req: PreparedRequest,
    ctx: CallContext,
  ): QualysApiError | null {
    const shape = readAnswerShape(text, contentType);
    switch (shape.kind) {
      case 'simpleReturn':
        return shape.simpleReturn.code === null
          ? null
          : this.answerError({ status, headers: {} }, shape, req, ctx);
      case 'html':
      case 'unsafeXml':
      case 'malformedXml':
        return this.answerError({ status, headers: {} }, shape, req, ctx);
      // A 2xx JSON body may carry per-entry errors (PCRS host ids); those are data.
      case 'errorEnvelope':
        return shape.format === 'xml'
          ? this.answerError({ status, headers: {} }, shape, req, ctx)
          : null;
      case 'other':
        return null;
    }
  }

  private answerError(
    answer: { status: number; headers: IncomingHttpHeaders },
    shape: AnswerShape,
    req: PreparedRequest,
    ctx: CallContext,
  ): QualysApiError {
    const { status } = answer;
    const facts = answerFacts(shape, answer.headers);
    const kind = answerKind(shape, facts.apiCode, status);
    const message = `${answerText(status, shape, facts)} ${this.where(req, ctx)}`;
    return new QualysApiError({
      kind,
      message,
      apiCode: facts.apiCode ?? undefined,
      apiText: facts.apiText ?? undefined,
      httpStatus: status,
      source: this.source.name,
      request: req.summary,
      page: ctx.page,
      retriable: isRetriableKind(kind),
      waitSeconds: facts.waitSeconds,
    });
  }

  private enrichParserError(
    error: QualysApiError,
    status: number,
    req: PreparedRequest,
    ctx: CallContext,
  ): QualysApiError {
    const place = {
      source: this.source.name,
      request: req.summary,
      page: ctx.page,
      httpStatus: status,
      cause: error,
    };

    if (error.apiCode !== undefined) {
      const kind = kindForAnswer(error.apiCode, status);
      const text = error.apiText === undefined ? '' : ` (${error.apiText})`;
      const said = `Qualys answered HTTP ${status} with code ${error.apiCode}${text}`;
      const message = `${said} ${this.where(req, ctx)}`;
      return copyError(error, { ...place, kind, message, retriable: isRetriableKind(kind) });
    }

    const retriable = error.retriable || isCutOff(error);
    const message = `${error.message} ${this.where(req, ctx)}`;
    return copyError(error, { ...place, message, retriable });
  }

  private networkError(
    error: unknown,
    req: PreparedRequest,
    ctx: CallContext,
    what: string,
  ): QualysApiError {
    return new QualysApiError({
      kind: QUALYS_ERROR_KINDS.network,
      message: `${what} (${describe(error)}) ${this.where(req, ctx)}`,
      source: this.source.name,
      request: req.summary,
      page: ctx.page,
      retriable: !isProgrammingError(error),
      cause: error,
    });
  }

  malformedError(
    req: PreparedRequest,
    ctx: CallContext,
    what: string,
    cause: unknown,
    retriable = false,
  ): QualysApiError {
    return new QualysApiError({
      kind: QUALYS_ERROR_KINDS.malformedResponse,
      message: `${what} ${this.where(req, ctx)}`,
      source: this.source.name,
      request: req.summary,
      page: ctx.page,
      retriable,
      cause,
    });
  }

  private async wait(
    reason: WaitReason,
    ms: number,
    req: PreparedRequest,
    ctx: CallContext,
  ): Promise<void> {
    this.log.info(
      { api: req.api, page: ctx.page, reason, waitMs: ms },
      'Waiting before a Qualys call',
    );
    await this.deps.sleep(ms, ctx.signal);
    this.deps.stats.recordWait(reason, ms);
  }

  private headers(req: PreparedRequest, token: string | null): Record<string, string> {
    const headers: Record<string, string> = {
      'x-requested-with': this.source.requestedWith,
      accept: req.family === 'classic' ? 'application/xml, text/xml, */*' : 'application/json, */*',
    };
    if (this.source.acceptGzip) {
      headers['accept-encoding'] = 'gzip';
    }
    if (req.contentType !== undefined) {
      headers['content-type'] = req.contentType;
    }
    if (req.family === 'classic') {
      headers['authorization'] = this.basicAuthorization;
    } else if (req.family === 'pcrs' && token !== null) {
      headers['authorization'] = `Bearer ${token}`;
    }
    return headers;
  }

  private async requestToken(signal?: AbortSignal): Promise<string> {
    const req = prepareTokenRequest(this.source);
    const ctx = { signal };
    this.deps.stats.recordTokenRequest();
    const answer = await this.open(req, ctx, newRetryState());

    let text: string;
    try {
      text = await answer.readText(MAX_TOKEN_BYTES);
    } catch (error) {
      answer.abandon();
      throw this.bodyFailureError(error, answer, req, ctx);
    }

    const token = text.trim();
    if (!/^[\w.~+/=-]+$/.test(token)) {
      throw this.malformedError(
        req,
        ctx,
        'The PCRS gateway answered something other than a token',
        null,
      );
    }
    return token;
  }

  private logCall(
    req: PreparedRequest,
    ctx: CallContext,
    state: RetryState,
    result: { status: number | null; bytes: number; ms: number; outcome?: string },
  ): void {
    this.log.debug(
      { api: req.api, page: ctx.page, method: req.method, attempt: state.attempts, ...result },
      'Qualys call',
    );
  }
}

interface AnswerFacts {
  apiCode: string | null;
  apiText: string | null;
  waitSeconds: number | undefined;
}

function answerFacts(shape: AnswerShape, headers: IncomingHttpHeaders): AnswerFacts {
  const facts: AnswerFacts = { apiCode: null, apiText: null, waitSeconds: undefined };
  if (shape.kind === 'simpleReturn') {
    facts.apiCode = shape.simpleReturn.code;
    facts.apiText = shape.simpleReturn.text;
    facts.waitSeconds = positiveNumber(shape.simpleReturn.items['SECONDS_TO_WAIT'] ?? undefined);
  } else if (shape.kind === 'errorEnvelope') {
    facts.apiCode = shape.code;
    facts.apiText = shape.text;
  }

  facts.waitSeconds ??=
    positiveNumber(headerText(headers['x-ratelimit-towait-sec'])) ??
    retryAfterSeconds(headerText(headers['retry-after']));
  return facts;
}

function answerKind(shape: AnswerShape, apiCode: string | null, status: number): QualysErrorKind {
  const success = status >= 200 && status < 300;
  if (success && shape.kind === 'unsafeXml') {
    return QUALYS_ERROR_KINDS.unsafeXml;
  }
  if (success && (shape.kind === 'html' || shape.kind === 'malformedXml')) {
    return QUALYS_ERROR_KINDS.malformedResponse;
  }
  return kindForAnswer(apiCode, status);
}

function answerText(status: number, shape: AnswerShape, facts: AnswerFacts): string {
  if (facts.apiCode !== null) {
    return `Qualys answered HTTP ${status} with code ${facts.apiCode}${said(facts.apiText)}`;
  }
  switch (shape.kind) {
    case 'html':
      return (
        `Qualys answered HTTP ${status} with an HTML page instead of an API answer ` +
        '(a proxy or gateway page?)'
      );
    case 'unsafeXml':
      return `Qualys answered HTTP ${status} with XML that declares entities, refused`;
    case 'malformedXml':
      return `Qualys answered HTTP ${status} with XML that is not well formed${said(shape.reason)}`;
    case 'errorEnvelope':
      return `Qualys answered HTTP ${status}${said(facts.apiText)}`;
    case 'simpleReturn':
    case 'other':
      return `Qualys answered HTTP ${status}`;
  }
}

/**
 * A parser reports a document that stops before its root closes as a malformed answer; when
 * the transport ended cleanly that is still a cut-off (a proxy or the server gave up), so the
 * page is worth one more try, unlike a document that is wrong in itself.
 */
// LIMITATION: reads the parser's wording when it does not set `retriable`; see
// docs/qualys-client.md, "Cut-off detection of a cleanly ended body depends on the parser's
// wording".
function isCutOff(error: QualysApiError): boolean {
  const cause = error.cause instanceof Error ? error.cause.message : '';
  const text = `${error.message} ${cause}`;
  return (
    error.kind === QUALYS_ERROR_KINDS.malformedResponse &&
    /premature|unexpected end|ended before|before (its|the) root|cut off|unclosed/i.test(text)
  );
}

function isProgrammingError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'UND_ERR_INVALID_ARG' || code === 'UND_ERR_NOT_SUPPORTED';
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return typeof code === 'string' && !error.message.includes(code)
      ? `${code}: ${error.message}`
      : error.message;
  }
  return String(error);
}

function headerText(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function positiveNumber(text: string | undefined): number | undefined {
  const number = text === undefined ? Number.NaN : Number(text);
  return Number.isFinite(number) && number > 0 ? number : undefined;
}

function retryAfterSeconds(text: string | undefined): number | undefined {
  if (text === undefined) {
    return undefined;
  }
  const seconds = positiveNumber(text);
  if (seconds !== undefined) {
    return seconds;
  }
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(1, Math.ceil((date - Date.now()) / 1000));
}

function said(text: string | null): string {
  return text === null ? '' : ` (${clip(text)})`;
}

function clip(text: string): string {
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}
