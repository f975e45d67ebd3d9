import { z } from 'zod';

import { defineEvent } from '../envelope';
import { TOPICS } from '../topics';

/** Every kind of import, and the service that owns (claims and runs) it. */
export const INTEGRATION_KINDS = {
  knowledgeBase: 'knowledge-base',
  knowledgeBaseBackfill: 'knowledge-base-backfill',
  hostList: 'host-list',
  hostDetection: 'host-detection',
  qvs: 'qvs',
  pcPolicies: 'pc-policies',
  pcControls: 'pc-controls',
  pcrs: 'pcrs',
} as const;

export type IntegrationKind = (typeof INTEGRATION_KINDS)[keyof typeof INTEGRATION_KINDS];

const integrationKind = z.enum(Object.values(INTEGRATION_KINDS) as [IntegrationKind]);

export const RUN_TRIGGERS = ['schedule', 'manual', 'startup', 'rescan', 'follow-up'] as const;

export const RUN_STATUSES = ['queued', 'running', 'succeeded', 'failed', 'cancelled'] as const;

export type RunStatus = (typeof RUN_STATUSES)[number];

/** The Kafka key of every run event: runs of one source and integration stay in order. */
export function runKey(data: { sourceId: string; integration: string }): string {
  return `${data.sourceId}:${data.integration}`;
}

export const runRequestedData = z.object({
  runId: z.uuid(),
  sourceId: z.string().min(1),
  integration: integrationKind,
  trigger: z.enum(RUN_TRIGGERS),
  requestedAt: z.iso.datetime(),
  requestedBy: z.string().nullable().default(null),
  /** Backfill and targeted runs: a time window (ISO instants) instead of the high-water mark. */
  window: z
    .object({ from: z.iso.datetime().nullable(), to: z.iso.datetime().nullable() })
    .nullable()
    .default(null),
  /** Targeted runs (e.g. after a rescan): only these Qualys host ids. */
  hostIds: z.array(z.string().min(1)).nullable().default(null),
});

export type RunRequested = z.infer<typeof runRequestedData>;

export const runRequestedEvent = defineEvent<RunRequested>({
  type: 'integration.run.requested',
  version: 1,
  topic: TOPICS.integrationRunRequested,
  description: 'An import of one integration for one source is due (schedule or manual).',
  schema: runRequestedData,
  keyOf: runKey,
});

export const runStartedData = z.object({
  runId: z.uuid(),
  sourceId: z.string().min(1),
  integration: integrationKind,
  service: z.string().min(1),
  startedAt: z.iso.datetime(),
  /** Set when this run continues an interrupted one from its last checkpoint. */
  resumedFrom: z.uuid().nullable(),
});

export type RunStarted = z.infer<typeof runStartedData>;

export const runStartedEvent = defineEvent<RunStarted>({
  type: 'integration.run.started',
  version: 1,
  topic: TOPICS.integrationRunStarted,
  description: 'A service claimed a requested run and started it.',
  schema: runStartedData,
  keyOf: runKey,
});

const waitTotals = z.object({ count: z.number().int().min(0), totalMs: z.number().min(0) });

export const runCompletedData = z.object({
  runId: z.uuid(),
  sourceId: z.string().min(1),
  integration: integrationKind,
  service: z.string().min(1),
  status: z.enum(['succeeded', 'failed', 'cancelled']),
  startedAt: z.iso.datetime(),
  finishedAt: z.iso.datetime(),
  resumedFrom: z.uuid().nullable(),
  /** Pages or batches committed. */
  pages: z.number().int().min(0),
  /** Records seen, created, updated, unchanged, closed, rejected... by name. */
  counters: z.record(z.string(), z.number().int().min(0)),
  api: z.object({
    calls: z.number().int().min(0),
    retries: z.number().int().min(0),
    waits: z.record(z.string(), waitTotals),
  }),
  errors: z.array(
    z.object({
      message: z.string(),
      code: z.string().nullable(),
      page: z.number().int().nullable(),
    }),
  ),
});

export type RunCompleted = z.infer<typeof runCompletedData>;

export const runCompletedEvent = defineEvent<RunCompleted>({
  type: 'integration.run.completed',
  version: 1,
  topic: TOPICS.integrationRunCompleted,
  description: 'A run ended: its status, counters, API calls, waits and errors.',
  schema: runCompletedData,
  keyOf: runKey,
});
