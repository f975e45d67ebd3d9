import type { IntegrationKind, RunRequested } from '@exposure-graph/events';
import type { Logger } from '@exposure-graph/logging';

import type { RunCounters } from './run-counters';

/** Qualys API usage of a run, for its report. */
export interface ApiUsage {
  calls: number;
  retries: number;
  waits: Record<string, { count: number; totalMs: number }>;
}

export interface ImportContext<Checkpoint> {
  runId: string;
  sourceId: string;
  request: RunRequested;
  /** Where the previous (interrupted) attempt stopped; null on a fresh run. */
  checkpoint: Checkpoint | null;
  /** Pages committed so far, the interrupted attempt's included. */
  readonly pages: number;
  counters: RunCounters;
  /** Log lines of this run carry its run, source and integration. */
  logger: Logger;
  /** Aborted when the service shuts down: stop at the next page boundary. */
  signal: AbortSignal;
  /**
   * Records that a page is fully stored (and its events published): saves the checkpoint to
   * resume from and the counters, and renews the run's lock.
   */
  commitPage(checkpoint: Checkpoint): Promise<void>;
  /** Keeps the lock alive during a long page. */
  heartbeat(): Promise<void>;
  /** Where the run report reads its API usage from (the Qualys client's call stats). */
  reportApiUsage(read: () => ApiUsage): void;
}

/** An import of one integration: pages through Qualys from the checkpoint on. */
export interface ImportJob<Checkpoint = unknown> {
  integration: IntegrationKind;
  run(context: ImportContext<Checkpoint>): Promise<void>;
}

/** Thrown by a job when the shutdown signal stopped it between two pages. */
export class ImportInterrupted extends Error {
  constructor() {
    super('Import interrupted by shutdown');
    this.name = 'ImportInterrupted';
  }
}
