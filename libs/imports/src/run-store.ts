import type { IntegrationKind, RunRequested } from '@exposure-graph/events';
import {
  type Collection,
  type Db,
  type IndexDeclaration,
  MongoServerError,
} from '@exposure-graph/mongo';

import { lockId, type RunDocument, type RunError, type RunLockDocument } from './run-document';

const RUNS = 'import_runs';
const LOCKS = 'import_locks';
const DUPLICATE_KEY = 11000;

export const RUN_STORE_INDEXES: readonly IndexDeclaration[] = [
  { collection: RUNS, key: { status: 1, requestedAt: 1 }, options: { name: 'queue' } },
  {
    collection: RUNS,
    key: { sourceId: 1, integration: 1, status: 1 },
    options: { name: 'by_import' },
  },
];

export interface RunProgress {
  checkpoint: unknown;
  pages: number;
  counters: Record<string, number>;
}

export interface RunStore {
  /** Queues a requested run; a request seen before (same run id) is ignored. */
  enqueue(request: RunRequested): Promise<boolean>;
  /** Takes the oldest queued run of these integrations whose import is not running. */
  claimNext(integrations: readonly IntegrationKind[], owner: string): Promise<RunDocument | null>;
  /** A run of the same import left `running` by a dead instance, whose work can be continued. */
  takeOverInterrupted(run: RunDocument): Promise<RunDocument | null>;
  commitPage(run: RunDocument, progress: RunProgress): Promise<void>;
  heartbeat(run: RunDocument): Promise<void>;
  finish(
    run: RunDocument,
    status: 'succeeded' | 'failed' | 'cancelled',
    errors: RunError[],
  ): Promise<void>;
  /** Puts a run back in the queue with its checkpoint, e.g. when its instance shuts down. */
  requeue(run: RunDocument): Promise<void>;
  get(runId: string): Promise<RunDocument | null>;
  /** Runs of these integrations that are queued or running. */
  countActive(integrations: readonly IntegrationKind[]): Promise<number>;
}

export interface RunStoreOptions {
  /** A lock without heartbeat for this long belongs to a dead instance. */
  staleAfterMs: number;
  now?: () => Date;
}

export function createRunStore(db: Db, options: RunStoreOptions): RunStore {
  const runs: Collection<RunDocument> = db.collection<RunDocument>(RUNS);
  const locks: Collection<RunLockDocument> = db.collection<RunLockDocument>(LOCKS);
  const now = options.now ?? (() => new Date());

  const acquireLock = async (run: RunDocument, owner: string): Promise<boolean> => {
    const staleBefore = new Date(now().getTime() - options.staleAfterMs);
    try {
      await locks.updateOne(
        {
          _id: lockId(run.sourceId, run.integration),
          $or: [{ runId: null }, { heartbeatAt: { $lt: staleBefore } }],
        },
        { $set: { runId: run._id, owner, heartbeatAt: now() } },
        { upsert: true },
      );
      return true;
    } catch (error) {
      // The lock exists and is held: the upsert tried to insert a second document.
      if (error instanceof MongoServerError && error.code === DUPLICATE_KEY) {
        return false;
      }
      throw error;
    }
  };

  const releaseLock = async (run: RunDocument) => {
    await locks.updateOne(
      { _id: lockId(run.sourceId, run.integration), runId: run._id },
      { $set: { runId: null, owner: null, heartbeatAt: now() } },
    );
  };

  return {
    enqueue: async request => {
      try {
        await runs.insertOne(newRunDocument(request));
        return true;
      } catch (error) {
        if (error instanceof MongoServerError && error.code === DUPLICATE_KEY) {
          return false;
        }
        throw error;
      }
    },

    claimNext: async (integrations, owner) => {
      const queued = await runs
        .find({ status: 'queued', integration: { $in: [...integrations] } })
        .sort({ requestedAt: 1 })
        .limit(20)
        .toArray();
      for (const candidate of queued) {
        if (!(await acquireLock(candidate, owner))) {
          continue;
        }
        const started = now();
        const claimed = await runs.findOneAndUpdate(
          { _id: candidate._id, status: 'queued' },
          { $set: { status: 'running', owner, startedAt: started, heartbeatAt: started } },
          { returnDocument: 'after' },
        );
        if (claimed) {
          return claimed;
        }
        await releaseLock(candidate);
      }
      return null;
    },

    takeOverInterrupted: async run => {
      const interrupted = await runs.findOne(
        {
          _id: { $ne: run._id },
          sourceId: run.sourceId,
          integration: run.integration,
          status: 'running',
        },
        { sort: { startedAt: -1 } },
      );
      if (!interrupted) {
        return null;
      }

      await runs.updateOne(
        { _id: interrupted._id, status: 'running' },
        {
          $set: {
            status: 'failed',
            finishedAt: now(),
            errors: [
              ...interrupted.errors,
              {
                message: `Interrupted; continued by run ${run._id}`,
                code: 'INTERRUPTED',
                page: null,
              },
            ],
          },
        },
      );
      await runs.updateOne(
        { _id: run._id },
        {
          $set: {
            resumedFrom: interrupted._id,
            checkpoint: interrupted.checkpoint,
            pages: interrupted.pages,
            counters: interrupted.counters,
          },
        },
      );
      return interrupted;
    },

    commitPage: async (run, progress) => {
      const at = now();
      await runs.updateOne({ _id: run._id }, { $set: { ...progress, heartbeatAt: at } });
      await locks.updateOne(
        { _id: lockId(run.sourceId, run.integration), runId: run._id },
        { $set: { heartbeatAt: at } },
      );
    },

    heartbeat: async run => {
      const at = now();
      await runs.updateOne({ _id: run._id }, { $set: { heartbeatAt: at } });
      await locks.updateOne(
        { _id: lockId(run.sourceId, run.integration), runId: run._id },
        { $set: { heartbeatAt: at } },
      );
    },

    finish: async (run, status, errors) => {
      await runs.updateOne(
        { _id: run._id },
        { $set: { status, finishedAt: now(), owner: null }, $push: { errors: { $each: errors } } },
      );
      await releaseLock(run);
    },

    requeue: async run => {
      await runs.updateOne({ _id: run._id }, { $set: { status: 'queued', owner: null } });
      await releaseLock(run);
    },

    get: async runId => await runs.findOne({ _id: runId }),

    countActive: async integrations =>
      await runs.countDocuments({
        status: { $in: ['queued', 'running'] },
        integration: { $in: [...integrations] },
      }),
  };
}

function newRunDocument(request: RunRequested): RunDocument {
  return {
    _id: request.runId,
    sourceId: request.sourceId,
    integration: request.integration,
    status: 'queued',
    request,
    requestedAt: new Date(request.requestedAt),
    startedAt: null,
    finishedAt: null,
    owner: null,
    heartbeatAt: null,
    checkpoint: null,
    pages: 0,
    counters: {},
    errors: [],
    resumedFrom: null,
  };
}
