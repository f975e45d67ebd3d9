import { Writable } from 'node:stream';

import { createLogger, type Logger } from '@exposure-graph/logging';

import type { ParsedItem } from '../../parsers/page';
import { BudgetRegistry } from '../budget';
import { createQualysClient, type QualysClient } from '../client';
import type { QualysSourceInput } from '../config';
import type { ListingSummary, PageResult, QualysListing } from '../pages';
import { manualClock } from './test-parser';
import { startTestServer, type TestHandler, type TestServer } from './test-server';

export const TEST_CREDENTIALS = { username: 'api-user-7', password: 'S3cret-Pa55' } as const;

/** What the Authorization header of a classic call carries for TEST_CREDENTIALS. */
export const TEST_BASIC = Buffer.from('api-user-7:S3cret-Pa55').toString('base64');

export interface CapturedLogs {
  logger: Logger;
  text(): string;
}

/** A debug-level logger whose JSON lines are kept in memory. */
export function captureLogs(): CapturedLogs {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      lines.push(chunk.toString('utf8'));
      callback();
    },
  });
  const logger = createLogger({
    service: 'qualys-client-test',
    level: 'debug',
    destination: stream,
  });
  return { logger, text: () => lines.join('') };
}

export interface Harness {
  client: QualysClient;
  clock: ReturnType<typeof manualClock>;
  logs: CapturedLogs;
  budgets: BudgetRegistry;
}

/**
 * A client of source `eu-test` pointed at a test server, with a manual clock (sleeps return at
 * once and are recorded), tiny back-off bases, a fixed jitter and its own budget registry.
 */
export function createHarness(
  server: TestServer,
  overrides: Partial<QualysSourceInput> = {},
  shared: { budgets?: BudgetRegistry; clock?: ReturnType<typeof manualClock> } = {},
): Harness {
  const clock = shared.clock ?? manualClock();
  const logs = captureLogs();
  const budgets = shared.budgets ?? new BudgetRegistry();
  const client = createQualysClient(
    {
      name: 'eu-test',
      baseUrl: server.url,
      pcrsGatewayUrl: server.url,
      credentials: { ...TEST_CREDENTIALS },
      retry: { baseDelayMs: 5, concurrencyBaseDelayMs: 7 },
      ...overrides,
    },
    { logger: logs.logger, budgets, sleep: clock.sleep, now: clock.now, random: () => 0.5 },
  );
  return { client, clock, logs, budgets };
}

export interface CollectedPage<R> {
  pageNumber: number;
  items: ParsedItem<R>[];
  result: PageResult;
}

/** Reads every page of a listing to its end. */
export async function collect<R>(
  listing: QualysListing<R>,
): Promise<{ pages: CollectedPage<R>[]; summary: ListingSummary }> {
  const pages: CollectedPage<R>[] = [];
  for await (const page of listing) {
    const items: ParsedItem<R>[] = [];
    for await (const item of page.items) {
      items.push(item);
    }
    pages.push({ pageNumber: page.pageNumber, items, result: page.result() });
  }
  return { pages, summary: listing.summary() };
}

/** The records' values of parsed items, rejections left out. */
export function records<R>(items: readonly ParsedItem<R>[]): R[] {
  return items.flatMap(item => (item.kind === 'record' ? [item.record] : []));
}

/** Runs a promise that must fail and returns its error. */
export async function failure(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('Expected the call to fail');
}

export interface TestBed {
  serve(handler: TestHandler): Promise<TestServer>;
  harness(
    server: TestServer,
    overrides?: Partial<QualysSourceInput>,
    shared?: Parameters<typeof createHarness>[2],
  ): Harness;
  /** Closes every client and server made since the last cleanup. */
  cleanup(): Promise<void>;
}

/** Servers and clients of one spec file, closed after each test. */
export function createTestBed(): TestBed {
  const servers: TestServer[] = [];
  const clients: QualysClient[] = [];
  return {
    serve: async handler => {
      const server = await startTestServer(handler);
      servers.push(server);
      return server;
    },
    harness: (server, overrides = {}, shared = {}) => {
      const created = createHarness(server, overrides, shared);
      clients.push(created.client);
      return created;
    },
    cleanup: async () => {
      await Promise.all(clients.splice(0).map(client => client.close()));
      await Promise.all(servers.splice(0).map(server => server.close()));
    },
  };
}
