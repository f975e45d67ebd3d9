import type { RunCompleted, RunRequested, RunStarted } from '@exposure-graph/events';
import type { Collection, Db, Filter, IndexDeclaration } from '@exposure-graph/mongo';

import type { DailyRunSummary, RunReport, RunReportFilter } from './run-report';

interface RunReportDocument extends Omit<RunReport, 'runId'> {
  _id: string;
}

const COLLECTION = 'run_reports';

export const RUN_REPORT_INDEXES: readonly IndexDeclaration[] = [
  { collection: COLLECTION, key: { requestedAt: -1 }, options: { name: 'by_requested' } },
  {
    collection: COLLECTION,
    key: { sourceId: 1, integration: 1, requestedAt: -1 },
    options: { name: 'by_import' },
  },
  { collection: COLLECTION, key: { finishedAt: 1 }, options: { name: 'by_finished' } },
];

export interface RunReportRepository {
  recordRequested(request: RunRequested): Promise<void>;
  recordStarted(started: RunStarted): Promise<void>;
  recordCompleted(completed: RunCompleted): Promise<void>;
  list(filter: RunReportFilter, limit: number): Promise<RunReport[]>;
  dailySummary(since: Date, integration?: string | null): Promise<DailyRunSummary[]>;
  /** Deletes reports of runs that finished before `cutoff`; returns how many. */
  deleteFinishedBefore(cutoff: Date): Promise<number>;
}

/**
 * Run reports built from the run events of every service. Events of one run can arrive in any
 * order after a replay, so each event sets only the fields it owns and never moves a finished
 * run back to running.
 */
export function createRunReportRepository(db: Db): RunReportRepository {
  const reports: Collection<RunReportDocument> = db.collection<RunReportDocument>(COLLECTION);

  /** Sets the fields an event owns; the rest of the report is filled in only on creation. */
  const upsertFields = async (
    run: { runId: string; sourceId: string; integration: RunReport['integration'] },
    fields: Partial<RunReportDocument>,
  ) => {
    const defaults: Partial<RunReportDocument> = emptyReport(run.sourceId, run.integration);
    for (const name of Object.keys(fields)) {
      delete defaults[name as keyof RunReportDocument];
    }
    await reports.updateOne(
      { _id: run.runId },
      { $set: fields, $setOnInsert: defaults },
      { upsert: true },
    );
  };

  return {
    recordRequested: async request => {
      await upsertFields(request, {
        trigger: request.trigger,
        requestedAt: new Date(request.requestedAt),
      });
    },

    recordStarted: async started => {
      await upsertFields(started, {
        service: started.service,
        startedAt: new Date(started.startedAt),
        resumedFrom: started.resumedFrom,
      });
      // Only a queued run becomes running: a late start event never reopens a finished run.
      await reports.updateOne(
        { _id: started.runId, status: 'queued' },
        { $set: { status: 'running' } },
      );
    },

    recordCompleted: async completed => {
      const startedAt = new Date(completed.startedAt);
      const finishedAt = new Date(completed.finishedAt);
      await upsertFields(completed, {
        status: completed.status,
        service: completed.service,
        startedAt,
        finishedAt,
        durationMs: finishedAt.getTime() - startedAt.getTime(),
        resumedFrom: completed.resumedFrom,
        pages: completed.pages,
        counters: completed.counters,
        apiCalls: completed.api.calls,
        apiRetries: completed.api.retries,
        waits: completed.api.waits,
        errors: completed.errors,
      });
    },

    list: async (filter, limit) => {
      const documents = await reports
        .find(toQuery(filter))
        .sort({ requestedAt: -1, startedAt: -1 })
        .limit(limit)
        .toArray();
      return documents.map(({ _id, ...fields }) => ({ runId: _id, ...fields }));
    },

    dailySummary: async (since, integration) => {
      const documents = await reports
        .find(toQuery({ since, integration }))
        .project<RunReportDocument>({
          integration: 1,
          status: 1,
          startedAt: 1,
          requestedAt: 1,
          durationMs: 1,
          counters: 1,
        })
        .toArray();
      return summarise(documents);
    },

    deleteFinishedBefore: async cutoff =>
      (await reports.deleteMany({ finishedAt: { $lt: cutoff } })).deletedCount,
  };
}

function emptyReport(
  sourceId: string,
  integration: RunReport['integration'],
): Omit<RunReportDocument, '_id'> {
  return {
    sourceId,
    integration,
    status: 'queued',
    trigger: null,
    service: null,
    requestedAt: null,
    startedAt: null,
    finishedAt: null,
    durationMs: null,
    resumedFrom: null,
    pages: 0,
    counters: {},
    apiCalls: 0,
    apiRetries: 0,
    waits: {},
    errors: [],
  };
}

function toQuery(filter: RunReportFilter): Filter<RunReportDocument> {
  const query: Filter<RunReportDocument> = {};
  if (filter.sourceId) {
    query.sourceId = filter.sourceId;
  }
  if (filter.integration) {
    query.integration = filter.integration as RunReport['integration'];
  }
  if (filter.status) {
    query.status = filter.status as RunReport['status'];
  }
  if (filter.since) {
    query.requestedAt = { $gte: filter.since };
  }
  return query;
}

/**
 * Groups by UTC day of the run's start (or request) and integration. Done here rather than in
 * an aggregation pipeline so that it behaves the same on MongoDB and FerretDB.
 */
function summarise(documents: readonly RunReportDocument[]): DailyRunSummary[] {
  const groups = new Map<string, DailyRunSummary>();
  for (const document of documents) {
    const at = document.startedAt ?? document.requestedAt;
    if (!at) {
      continue;
    }
    const day = at.toISOString().slice(0, 10);
    const key = `${day}|${document.integration}`;
    const group = groups.get(key) ?? {
      day,
      integration: document.integration,
      runs: 0,
      succeeded: 0,
      failed: 0,
      records: 0,
      durationMs: 0,
    };
    group.runs += 1;
    group.succeeded += document.status === 'succeeded' ? 1 : 0;
    group.failed += document.status === 'failed' ? 1 : 0;
    group.records += document.counters?.seen ?? 0;
    group.durationMs += document.durationMs ?? 0;
    groups.set(key, group);
  }
  return [...groups.values()].sort(
    (a, b) => a.day.localeCompare(b.day) || a.integration.localeCompare(b.integration),
  );
}
