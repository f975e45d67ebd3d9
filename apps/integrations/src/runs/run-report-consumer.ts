import { runCompletedEvent, runRequestedEvent, runStartedEvent } from '@exposure-graph/events';
import { type EventHandler, on } from '@exposure-graph/kafka';

import type { RunReportRepository } from './run-report-repository';

/** Builds run reports from the `integration.run.*` events of every service. */
export function runReportHandlers(repository: RunReportRepository): EventHandler<unknown>[] {
  return [
    on(runRequestedEvent, async event => await repository.recordRequested(event.data)),
    on(runStartedEvent, async event => await repository.recordStarted(event.data)),
    on(runCompletedEvent, async event => await repository.recordCompleted(event.data)),
  ] as EventHandler<unknown>[];
}
