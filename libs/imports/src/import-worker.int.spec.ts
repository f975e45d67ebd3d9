import { randomUUID } from 'node:crypto';

import {
  type IntegrationKind,
  runCompletedEvent,
  type RunRequested,
  runStartedEvent,
} from '@exposure-graph/events';
import {
  createEventPublisher,
  createKafkaConnection,
  ensureTopics,
  type EventPublisher,
  type KafkaConnection,
} from '@exposure-graph/kafka';
import { silentLogger } from '@exposure-graph/logging';
import { connectMongo, ensureIndexes, type MongoConnection } from '@exposure-graph/mongo';
import { collectMessages, ensureStack, uniqueName, waitFor } from '@exposure-graph/testing';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';

import { type ImportContext, ImportInterrupted, type ImportJob } from './import-job';
import { type ImportWorker, startImportWorker } from './import-worker';
import { createRunStore, RUN_STORE_INDEXES, type RunStore } from './run-store';

const logger = silentLogger();

function eventData(value: Buffer): unknown {
  return (JSON.parse(value.toString('utf8')) as { data: unknown }).data;
}

function request(integration: IntegrationKind, sourceId = 'src-1'): RunRequested {
  return {
    runId: randomUUID(),
    sourceId,
    integration,
    trigger: 'manual',
    requestedAt: new Date().toISOString(),
    requestedBy: null,
    window: null,
    hostIds: null,
  };
}

interface PageCheckpoint {
  nextPage: number;
}

/**
 * A job of four pages that counts what it sees; it can be told to fail or to block on a page,
 * the way a Qualys import fails on a bad page or is cut by a crash.
 */
function pagedJob(integration: IntegrationKind) {
  const calls: { runId: string; startPage: number }[] = [];
  let running = 0;
  let maxRunning = 0;
  let failOnPage: number | null = null;
  let stopAfterPage: number | null = null;
  const job: ImportJob<PageCheckpoint> = {
    integration,
    run: async (context: ImportContext<PageCheckpoint>) => {
      running += 1;
      maxRunning = Math.max(maxRunning, running);
      const startPage = context.checkpoint?.nextPage ?? 1;
      calls.push({ runId: context.runId, startPage });
      try {
        for (let page = startPage; page <= 4; page++) {
          await new Promise(resolve => setTimeout(resolve, 20));
          if (page === failOnPage) {
            throw Object.assign(new Error(`Page ${page} is malformed`), {
              kind: 'QUALYS_MALFORMED_RESPONSE',
            });
          }
          context.counters.add('seen', 10);
          context.counters.add('created', page === 1 ? 10 : 0);
          await context.commitPage({ nextPage: page + 1 });
          if (page === stopAfterPage) {
            // Hang after the page as a crashing process would, until the worker is stopped.
            await new Promise(resolve => context.signal.addEventListener('abort', resolve));
            throw new ImportInterrupted();
          }
        }
        context.reportApiUsage(() => ({ calls: 5 - startPage, retries: 0, waits: {} }));
      } finally {
        running -= 1;
      }
    },
  };
  return {
    job,
    calls,
    maxRunning: () => maxRunning,
    failOn: (page: number | null) => {
      failOnPage = page;
    },
    stopAfter: (page: number | null) => {
      stopAfterPage = page;
    },
  };
}

describe('import worker with the real store and broker', () => {
  let mongo: MongoConnection;
  let kafka: KafkaConnection;
  let publisher: EventPublisher;
  let store: RunStore;
  const workers: ImportWorker[] = [];

  beforeAll(async () => {
    const stack = ensureStack();
    mongo = await connectMongo({
      uri: stack.mongoUri,
      database: uniqueName('imports').replace(/-/g, '_'),
      appName: 'imports-test',
      logger,
    });
    await ensureIndexes(mongo.db, RUN_STORE_INDEXES);
    store = createRunStore(mongo.db, { staleAfterMs: 2000 });
    kafka = createKafkaConnection({
      brokers: stack.kafkaBrokers,
      clientId: 'imports-test',
      topicPrefix: `${uniqueName('imports')}.`,
      logger,
    });
    await ensureTopics(kafka, [runStartedEvent.topic, runCompletedEvent.topic], { partitions: 1 });
    publisher = await createEventPublisher({ connection: kafka, service: 'imports-test' });
  });

  afterAll(async () => {
    await Promise.all(workers.map(worker => worker.stop()));
    await publisher.disconnect();
    await mongo.db.dropDatabase();
    await mongo.close();
  });

  function worker(jobs: ImportJob<never>[]): ImportWorker {
    const started = startImportWorker({
      service: 'imports-test',
      store,
      jobs,
      publisher,
      logger,
      pollIntervalMs: 100,
    });
    workers.push(started);
    return started;
  }

  it('runs a requested import, commits each page and reports it in events', async () => {
    const { job } = pagedJob('knowledge-base');
    const runner = worker([job]);
    const requested = request('knowledge-base');

    await store.enqueue(requested);
    runner.wake();
    await runner.idle();

    const run = await store.get(requested.runId);
    expect(run).toMatchObject({
      status: 'succeeded',
      pages: 4,
      counters: { seen: 40, created: 10 },
      checkpoint: { nextPage: 5 },
      errors: [],
    });
    const [started] = await collectMessages(kafka.kafka, kafka.topic(runStartedEvent.topic), {
      count: 1,
    });
    const [completed] = await collectMessages(kafka.kafka, kafka.topic(runCompletedEvent.topic), {
      count: 1,
    });
    expect(eventData(started!.value!)).toMatchObject({
      runId: requested.runId,
      sourceId: 'src-1',
      integration: 'knowledge-base',
      resumedFrom: null,
    });
    expect(eventData(completed!.value!)).toMatchObject({
      runId: requested.runId,
      status: 'succeeded',
      pages: 4,
      counters: { seen: 40, created: 10 },
      api: { calls: 4, retries: 0 },
      errors: [],
    });
    await runner.stop();
  });

  it('runs two requests of the same import one after the other, never together', async () => {
    const paged = pagedJob('host-list');
    const first = worker([paged.job]);
    const second = worker([paged.job]);
    const requests = [request('host-list'), request('host-list')];

    await Promise.all(requests.map(async r => await store.enqueue(r)));
    first.wake();
    second.wake();
    await waitFor(async () => (await store.countActive(['host-list'])) === 0, 'both runs');

    expect(paged.maxRunning()).toBe(1);
    expect(paged.calls.map(call => call.runId).sort()).toEqual(requests.map(r => r.runId).sort());
    await Promise.all([first.stop(), second.stop()]);
  });

  it('fails a run on a bad page, keeping the pages committed before it', async () => {
    const paged = pagedJob('pc-controls');
    paged.failOn(3);
    const runner = worker([paged.job]);
    const requested = request('pc-controls');

    await store.enqueue(requested);
    runner.wake();
    await runner.idle();

    expect(await store.get(requested.runId)).toMatchObject({
      status: 'failed',
      pages: 2,
      counters: { seen: 20, created: 10 },
      checkpoint: { nextPage: 3 },
      errors: [{ message: 'Page 3 is malformed', code: 'QUALYS_MALFORMED_RESPONSE', page: 3 }],
    });
    await runner.stop();
  });

  it('continues a run interrupted after page 2 of 4 from its checkpoint, counting once', async () => {
    const paged = pagedJob('pcrs');
    paged.stopAfter(2);
    const first = worker([paged.job]);
    const interruptedRun = request('pcrs', 'src-crash');

    await store.enqueue(interruptedRun);
    first.wake();
    await waitFor(async () => (await store.get(interruptedRun.runId))?.pages === 2, 'page 2');
    await first.stop();
    // The shutdown queued the run again; a dead instance would have left it running. Make it so.
    await mongo.db
      .collection('import_runs')
      .updateOne({ _id: interruptedRun.runId as never }, { $set: { status: 'running' } });
    await mongo.db
      .collection('import_locks')
      .updateOne(
        { _id: 'src-crash:pcrs' as never },
        { $set: { runId: interruptedRun.runId, heartbeatAt: new Date(Date.now() - 60000) } },
      );
    paged.stopAfter(null);
    const next = request('pcrs', 'src-crash');
    await store.enqueue(next);
    const second = worker([paged.job]);
    second.wake();
    await waitFor(async () => (await store.get(next.runId))?.status === 'succeeded', 'resumed run');

    expect(paged.calls.map(call => call.startPage)).toEqual([1, 3]);
    expect(await store.get(next.runId)).toMatchObject({
      resumedFrom: interruptedRun.runId,
      pages: 4,
      counters: { seen: 40, created: 10 },
    });
    expect(await store.get(interruptedRun.runId)).toMatchObject({
      status: 'failed',
      errors: [{ message: `Interrupted; continued by run ${next.runId}`, code: 'INTERRUPTED' }],
    });
    await second.stop();
  });

  it('ignores a request it has already queued', async () => {
    const requested = request('qvs');

    expect(await store.enqueue(requested)).toBe(true);
    expect(await store.enqueue(requested)).toBe(false);
  });
});
