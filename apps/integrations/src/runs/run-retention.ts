import type { Logger } from '@exposure-graph/logging';

import type { RunReportRepository } from './run-report-repository';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Deletes run reports older than the retention period, hourly. A TTL index would do this on
 * MongoDB, but FerretDB has none, so the service does it itself on both.
 */
export function startRunRetention(
  repository: RunReportRepository,
  retentionDays: number,
  logger: Logger,
): { stop: () => Promise<void> } {
  const log = logger.child({ component: 'run-retention' });
  const sweep = async () => {
    const cutoff = new Date(Date.now() - retentionDays * DAY_MS);
    const deleted = await repository.deleteFinishedBefore(cutoff);
    if (deleted > 0) {
      log.info({ deleted, cutoff }, 'Old run reports deleted');
    }
  };
  const runSweep = () => {
    sweep().catch((error: unknown) => log.error({ err: error }, 'Run report cleanup failed'));
  };

  runSweep();
  const timer = setInterval(runSweep, 60 * 60 * 1000);
  timer.unref();
  return { stop: async () => await Promise.resolve(clearInterval(timer)) };
}
