import type { DailyRunSummary, RunReport } from './run-report';
import type { RunReportRepository } from './run-report-repository';

export interface RunsContext {
  runReports: RunReportRepository;
}

interface IntegrationRunsArgs {
  filter?: {
    sourceId?: string | null;
    integration?: string | null;
    status?: string | null;
    since?: string | null;
  } | null;
  first?: number | null;
}

const MAX_RUNS = 500;

export const runResolvers = {
  Query: {
    integrationRuns: async (_: unknown, args: IntegrationRunsArgs, context: RunsContext) => {
      const filter = args.filter ?? {};
      const first = Math.min(Math.max(args.first ?? 50, 1), MAX_RUNS);
      return await context.runReports.list(
        { ...filter, since: filter.since ? new Date(filter.since) : null },
        first,
      );
    },
    integrationRunSummary: async (
      _: unknown,
      args: { days?: number | null; integration?: string | null },
      context: RunsContext,
    ): Promise<DailyRunSummary[]> => {
      const days = Math.min(Math.max(args.days ?? 30, 1), 366);
      const since = new Date(Date.now() - days * 24 * 60 * 60 * 1000);
      return await context.runReports.dailySummary(since, args.integration);
    },
  },
  IntegrationRun: {
    source: (run: RunReport) => ({ id: run.sourceId }),
    counters: (run: RunReport) =>
      Object.entries(run.counters)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([name, value]) => ({ name, value })),
    waits: (run: RunReport) =>
      Object.entries(run.waits).map(([reason, totals]) => ({ reason, ...totals })),
    requestedAt: (run: RunReport) => run.requestedAt?.toISOString() ?? null,
    startedAt: (run: RunReport) => run.startedAt?.toISOString() ?? null,
    finishedAt: (run: RunReport) => run.finishedAt?.toISOString() ?? null,
  },
};
