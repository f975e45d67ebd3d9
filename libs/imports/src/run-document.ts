import type { IntegrationKind, RunRequested, RunStatus } from '@exposure-graph/events';

/** An error kept on a run: what failed, with the Qualys code or error kind, and the page. */
export interface RunError {
  message: string;
  code: string | null;
  page: number | null;
}

/** One requested run, as stored by the service that owns its integration. */
export interface RunDocument {
  _id: string;
  sourceId: string;
  integration: IntegrationKind;
  status: RunStatus;
  request: RunRequested;
  requestedAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  /** Instance that runs it, and when it last proved alive. */
  owner: string | null;
  heartbeatAt: Date | null;
  /** Where to go on after the last committed page; shape owned by the integration's job. */
  checkpoint: unknown;
  pages: number;
  counters: Record<string, number>;
  errors: RunError[];
  resumedFrom: string | null;
}

/**
 * One lock per source and integration: a run holds it while it runs, so two runs of the same
 * import never overlap, even across replicas. A lock whose heartbeat is older than the stale
 * limit belongs to a dead instance and may be taken over.
 */
export interface RunLockDocument {
  _id: string;
  runId: string | null;
  owner: string | null;
  heartbeatAt: Date;
}

export function lockId(sourceId: string, integration: string): string {
  return `${sourceId}:${integration}`;
}
