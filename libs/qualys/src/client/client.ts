import { setTimeout as delay } from 'node:timers/promises';

import type { Logger } from '@exposure-graph/logging';
import { Agent, type Dispatcher } from 'undici';

import type { QualysRequestSummary } from '../errors';
import type { PageTrailer } from '../parsers/page';
import { parseScanLaunchResponse } from '../parsers/scan';
import type { ScanLaunchResult } from '../records/scan';
import { type QualysCall, qualysCalls } from './apis';
import { runBounded, splitIntoBatches } from './batches';
import { type BudgetRegistry, processBudgets } from './budget';
import { type QualysSource, type QualysSourceInput, resolveQualysSource } from './config';
import {
  createListing,
  type ListingOptions,
  type ListingTruncation,
  type PageParserFactory,
  type QualysListing,
  type QualysPage,
  RecordCap,
  TRUNCATION_REASONS,
} from './pages';
import { encodeParams, type QualysParams } from './params';
import { prepareRequest } from './request';
import { CallStats } from './stats';
import { type Sleep, type TextAnswer, Transport } from './transport';

export interface QualysClientOptions {
  logger: Logger;
  /** Limit budgets; defaults to the process-wide registry shared by every client. */
  budgets?: BudgetRegistry;
  /** Counters for the run report; a new one per client by default. */
  stats?: CallStats;
  /** HTTP dispatcher; by default the client owns an undici Agent with the source's timeouts. */
  dispatcher?: Dispatcher;
  sleep?: Sleep;
  now?: () => number;
  random?: () => number;
}

export interface CallOptions {
  signal?: AbortSignal;
}

/** A small answer read whole. */
export interface QualysAnswer extends TextAnswer {
  request: QualysRequestSummary;
}

export interface IdBatch {
  /** Position of the batch, from 0. */
  index: number;
  ids: readonly string[];
}

export interface BatchOptions<R, T extends PageTrailer = PageTrailer> extends ListingOptions<R> {
  ids: readonly (string | number)[];
  batchSize: number;
  /** The call for one batch, e.g. `ids => qualysCalls.hostDetection({ ids, show_qds: 1 })`. */
  call: (ids: readonly string[]) => QualysCall;
  parse: PageParserFactory<R, T>;
  /** Reads one page to its end; batches run in parallel, pages of one batch in order. */
  onPage: (page: QualysPage<R, T>, batch: IdBatch) => Promise<void>;
  /** Batches at once; defaults to the concurrency Qualys allows for the call's API. */
  parallelism?: number;
}

export interface BatchesSummary {
  batches: number;
  pages: number;
  items: number;
  /** True when every batch reached its last page. */
  complete: boolean;
  truncations: (ListingTruncation & { batch: number })[];
}

/** The Qualys API of one source. See docs/qualys-client.md. */
export interface QualysClient {
  readonly source: string;
  readonly stats: CallStats;
  /** Pages of a listing, following truncation WARNINGs; nothing is sent until iterated. */
  pages<R, T extends PageTrailer = PageTrailer>(
    call: QualysCall,
    parse: PageParserFactory<R, T>,
    options?: ListingOptions<R>,
  ): QualysListing<R, T>;
  /** A listing by explicit id batches, run with bounded parallelism. */
  fetchInBatches<R, T extends PageTrailer = PageTrailer>(
    options: BatchOptions<R, T>,
  ): Promise<BatchesSummary>;
  /** One small answer read whole (SIMPLE_RETURN codes surface as errors). */
  send(call: QualysCall, options?: CallOptions): Promise<QualysAnswer>;
  /** Launches a VM scan; the result's `reference` is what scan list's `scan_ref` wants. */
  launchScan(params: QualysParams, options?: CallOptions): Promise<ScanLaunchResult>;
  /** Closes the connections the client opened. */
  close(): Promise<void>;
}

/**
 * A client for one Qualys source. Budgets are shared process-wide per source and API, so
 * creating a client per run is cheap and keeps each run's `stats` its own.
 */
export function createQualysClient(
  input: QualysSourceInput,
  options: QualysClientOptions,
): QualysClient {
  const source = resolveQualysSource(input);
  const ownedAgent = options.dispatcher === undefined ? createAgent(source) : null;
  const stats = options.stats ?? new CallStats();
  const transport = new Transport({
    source,
    logger: options.logger,
    budgets: options.budgets ?? processBudgets,
    stats,
    dispatcher: options.dispatcher ?? (ownedAgent as Agent),
    sleep: options.sleep ?? ((ms, signal) => delay(ms, undefined, { signal })),
    now: options.now ?? Date.now,
    random: options.random ?? Math.random,
  });
  const capOf = (override: number | null | undefined) =>
    new RecordCap(override === undefined ? source.recordCap : override);

  const send = async (call: QualysCall, callOptions: CallOptions = {}): Promise<QualysAnswer> => {
    const req = prepareRequest(source, call, encodeParams(call.params));
    const answer = await transport.fetchText(req, { signal: callOptions.signal });
    return { ...answer, request: req.summary };
  };

  return {
    source: source.name,
    stats,

    pages: (call, parse, listingOptions = {}) =>
      createListing(transport, call, parse, listingOptions, capOf(listingOptions.recordCap)),

    fetchInBatches: async batchOptions =>
      await fetchInBatches(transport, batchOptions, capOf(batchOptions.recordCap)),

    send,

    launchScan: async (params, callOptions) => {
      const call = qualysCalls.scanLaunch(params);
      const req = prepareRequest(source, call, encodeParams(call.params));
      const answer = await transport.fetchText(req, { signal: callOptions?.signal });
      try {
        return await parseScanLaunchResponse(answer.text);
      } catch (error) {
        throw transport.bodyFailureError(error, { status: answer.status, body: null }, req, {});
      }
    },

    close: async () => {
      await ownedAgent?.close();
    },
  };
}

function createAgent(source: QualysSource): Agent {
  return new Agent({
    connectTimeout: source.timeouts.connectMs,
    headersTimeout: source.timeouts.headersMs,
    bodyTimeout: source.timeouts.bodyIdleMs,
  });
}

async function fetchInBatches<R, T extends PageTrailer>(
  transport: Transport,
  options: BatchOptions<R, T>,
  cap: RecordCap,
): Promise<BatchesSummary> {
  const batches = splitIntoBatches(options.ids.map(String), options.batchSize).map(
    (ids, index): IdBatch => ({ index, ids }),
  );
  const summary: BatchesSummary = {
    batches: batches.length,
    pages: 0,
    items: 0,
    complete: true,
    truncations: [],
  };
  const first = batches[0];
  if (first === undefined) {
    return summary;
  }

  const parallelism =
    options.parallelism ?? transport.budget(options.call(first.ids).api).concurrency;
  await runBounded(batches, parallelism, async batch => {
    const call = options.call(batch.ids);
    // A cap reached by earlier batches stops the rest without asking Qualys for them.
    if (cap.exhausted) {
      summary.complete = false;
      summary.truncations.push({ ...capReachedBefore(transport, call, cap), batch: batch.index });
      return;
    }

    const listing = createListing(transport, call, options.parse, options, cap);
    for await (const page of listing) {
      await options.onPage(page, batch);
    }

    const result = listing.summary();
    summary.pages += result.pages;
    summary.items += result.items;
    summary.complete &&= result.complete;
    if (result.truncation !== null) {
      summary.truncations.push({ ...result.truncation, batch: batch.index });
    }
  });
  return summary;
}

function capReachedBefore(
  transport: Transport,
  call: QualysCall,
  cap: RecordCap,
): ListingTruncation {
  const where = `${call.api} on ${transport.source.name}`;
  return {
    reason: TRUNCATION_REASONS.recordCap,
    message: `Record cap of ${cap.limit ?? 0} reached before this batch of ${where} was asked for`,
    pageNumber: 0,
    warning: null,
    recordCap: cap.limit,
  };
}
