import type { IntegrationKind, RunStatus } from '@exposure-graph/events';

/** What a reader of the run reports sees of one run. */
export interface RunReport {
  runId: string;
  sourceId: string;
  integration: IntegrationKind;
  status: RunStatus;
  trigger: string | null;
  service: string | null;
  requestedAt: Date | null;
  startedAt: Date | null;
  finishedAt: Date | null;
  durationMs: number | null;
  resumedFrom: string | null;
  pages: number;
  counters: Record<string, number>;
  apiCalls: number;
  apiRetries: number;
  waits: Record<string, { count: number; totalMs: number }>;
  errors: { message: string; code: string | null; page: number | null }[];
}

export interface RunReportFilter {
  sourceId?: string | null;
  integration?: string | null;
  status?: string | null;
  since?: Date | null;
}

/** Runs of one integration on one UTC day, for charts. */
export interface DailyRunSummary {
  day: string;
  integration: string;
  runs: number;
  succeeded: number;
  failed: number;
  records: number;
  durationMs: number;
}
