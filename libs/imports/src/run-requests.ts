import { runRequestedEvent } from '@exposure-graph/events';
import { type EventHandler, on } from '@exposure-graph/kafka';
import type { Logger } from '@exposure-graph/logging';

import type { ImportWorker } from './import-worker';
import type { RunStore } from './run-store';

/**
 * Queues the requested runs of the integrations this service owns and wakes its worker;
 * requests for other services' integrations are left to them.
 */
export function runRequestHandler(
  store: RunStore,
  worker: Pick<ImportWorker, 'wake'>,
  integrations: readonly string[],
  logger: Logger,
): EventHandler<unknown> {
  const owned = new Set(integrations);
  return on(runRequestedEvent, async event => {
    const request = event.data;
    if (!owned.has(request.integration)) {
      return;
    }

    const queued = await store.enqueue(request);
    logger.info(
      {
        runId: request.runId,
        sourceId: request.sourceId,
        integration: request.integration,
        queued,
      },
      queued ? 'Run queued' : 'Run request seen before; ignored',
    );
    worker.wake();
  });
}
