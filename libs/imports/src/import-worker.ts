import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';

import { type IntegrationKind, runCompletedEvent, runStartedEvent } from '@exposure-graph/events';
import type { EventPublisher } from '@exposure-graph/kafka';
import type { Logger } from '@exposure-graph/logging';
import { counter } from '@exposure-graph/metrics';

import { type ApiUsage, type ImportContext, ImportInterrupted, type ImportJob } from './import-job';
import { RunCounters } from './run-counters';
import type { RunDocument, RunError } from './run-document';
import type { RunStore } from './run-store';

const runsFinished = counter({
  name: 'import_runs_total',
  help: 'Import runs finished, by integration and status',
  labelNames: ['integration', 'status'],
});

export interface ImportWorkerOptions {
  service: string;
  store: RunStore;
  jobs: readonly ImportJob<never>[];
  publisher: EventPublisher;
  logger: Logger;
  /** How often to look for queued runs when not woken up by a request. */
  pollIntervalMs?: number;
}

export interface ImportWorker {
  /** Looks for queued runs now (called when a request arrives). */
  wake: () => void;
  /** Waits until no run is queued or running for this worker, for tests and demos. */
  idle: () => Promise<void>;
  /** Stops after the current page; the current run goes back to the queue. */
  stop: () => Promise<void>;
}

/**
 * Runs the queued imports of this service one at a time. Each run holds the lock of its source
 * and integration, commits page by page, and publishes `integration.run.started` and
 * `integration.run.completed`; a run interrupted by a crash is continued from its checkpoint.
 */
export function startImportWorker(options: ImportWorkerOptions): ImportWorker {
  const owner = `${options.service}-${randomUUID()}`;
  const log = options.logger.child({ component: 'import-worker' });
  const jobs = new Map(options.jobs.map(job => [job.integration, job as ImportJob<unknown>]));
  const integrations = [...jobs.keys()];
  const shutdown = new AbortController();
  let wakeUp: (() => void) | undefined;
  let busy = false;

  const loop = async () => {
    while (!shutdown.signal.aborted) {
      const run = await options.store.claimNext(integrations, owner).catch((error: unknown) => {
        log.error({ err: error }, 'Could not claim a run');
        return null;
      });
      if (run) {
        busy = true;
        await execute(
          run,
          jobs.get(run.integration) as ImportJob<unknown>,
          options,
          shutdown.signal,
          log,
        );
        busy = false;
        continue;
      }
      await new Promise<void>(resolve => {
        wakeUp = resolve;
        void sleep(options.pollIntervalMs ?? 5000, undefined, { ref: false }).then(resolve);
      });
    }
  };
  const running = loop();

  return {
    wake: () => wakeUp?.(),
    idle: async () => {
      while (busy || (await options.store.countActive(integrations)) > 0) {
        await sleep(100);
      }
    },
    stop: async () => {
      shutdown.abort();
      wakeUp?.();
      await running;
    },
  };
}

async function execute(
  claimed: RunDocument,
  job: ImportJob<unknown>,
  options: ImportWorkerOptions,
  signal: AbortSignal,
  parentLog: Logger,
): Promise<void> {
  const interrupted = await options.store.takeOverInterrupted(claimed);
  const run = (await options.store.get(claimed._id)) ?? claimed;
  const log = parentLog.child({
    runId: run._id,
    sourceId: run.sourceId,
    integration: run.integration,
  });
  const startedAt = run.startedAt ?? new Date();
  let readApiUsage: () => ApiUsage = () => ({ calls: 0, retries: 0, waits: {} });
  const counters = new RunCounters(run.counters);
  let pages = run.pages;

  await options.publisher.publish(runStartedEvent, {
    runId: run._id,
    sourceId: run.sourceId,
    integration: run.integration,
    service: options.service,
    startedAt: startedAt.toISOString(),
    resumedFrom: interrupted?._id ?? null,
  });
  log.info({ resumedFrom: interrupted?._id ?? null, pages }, 'Run started');

  const context: ImportContext<unknown> = {
    runId: run._id,
    sourceId: run.sourceId,
    request: run.request,
    checkpoint: run.checkpoint ?? null,
    get pages() {
      return pages;
    },
    counters,
    logger: log,
    signal,
    commitPage: async checkpoint => {
      pages += 1;
      await options.store.commitPage(run, { checkpoint, pages, counters: counters.snapshot() });
      log.info({ page: pages, counters: counters.snapshot() }, 'Page committed');
    },
    heartbeat: async () => await options.store.heartbeat(run),
    reportApiUsage: read => {
      readApiUsage = read;
    },
  };

  const outcome = await runJob(job, context);
  if (outcome.kind === 'interrupted') {
    await options.store.requeue(run);
    log.info({ pages }, 'Run paused by shutdown; queued again');
    return;
  }

  const status = outcome.kind === 'succeeded' ? 'succeeded' : 'failed';
  const errors = outcome.kind === 'failed' ? [outcome.error] : [];
  await options.store.finish(run, status, errors);
  await options.publisher.publish(runCompletedEvent, {
    runId: run._id,
    sourceId: run.sourceId,
    integration: run.integration,
    service: options.service,
    status,
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    resumedFrom: interrupted?._id ?? null,
    pages,
    counters: counters.snapshot(),
    api: readApiUsage(),
    errors: [...run.errors, ...errors],
  });
  runsFinished.inc({ integration: run.integration, status });
  const fields = { status, pages, counters: counters.snapshot(), errors };
  if (status === 'failed') {
    log.error(fields, 'Run failed');
  } else {
    log.info(fields, 'Run finished');
  }
}

type JobOutcome =
  { kind: 'succeeded' } | { kind: 'interrupted' } | { kind: 'failed'; error: RunError };

async function runJob(
  job: ImportJob<unknown>,
  context: ImportContext<unknown>,
): Promise<JobOutcome> {
  try {
    await job.run(context);
    return { kind: 'succeeded' };
  } catch (error) {
    if (error instanceof ImportInterrupted || context.signal.aborted) {
      return { kind: 'interrupted' };
    }
    return { kind: 'failed', error: describeError(error, context.pages) };
  }
}

/** Keeps what a reader of the run report needs: the message, the code, the page. */
export function describeError(error: unknown, pagesDone: number): RunError {
  if (!(error instanceof Error)) {
    return { message: String(error), code: null, page: null };
  }
  const details = error as Error & {
    apiCode?: string;
    kind?: string;
    code?: unknown;
    page?: number;
  };
  const code =
    details.apiCode ?? details.kind ?? (typeof details.code === 'string' ? details.code : null);
  return { message: error.message, code, page: details.page ?? pagesDone + 1 };
}

/** Integrations this set of jobs handles. */
export function integrationsOf(jobs: readonly ImportJob<never>[]): IntegrationKind[] {
  return jobs.map(job => job.integration);
}
