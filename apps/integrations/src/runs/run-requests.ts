import { randomUUID } from 'node:crypto';

import {
  INTEGRATION_KINDS,
  type IntegrationKind,
  type RunRequested,
  runRequestedEvent,
} from '@exposure-graph/events';
import type { EventPublisher } from '@exposure-graph/kafka';
import type { Logger } from '@exposure-graph/logging';

import { SOURCE_ERROR_CODES, SourceError } from '../sources/source';
import type { SourceService } from '../sources/source-service';

export interface RunRequestInput {
  sourceId: string;
  integration: IntegrationKind;
  trigger: RunRequested['trigger'];
  requestedBy?: string | null;
  window?: { from: string | null; to: string | null } | null;
  hostIds?: string[] | null;
}

export interface RunRequester {
  /** Publishes `integration.run.requested` for an enabled integration of an enabled source. */
  request(input: RunRequestInput): Promise<RunRequested>;
}

export function createRunRequester(
  sources: SourceService,
  publisher: EventPublisher,
  logger: Logger,
): RunRequester {
  const log = logger.child({ component: 'run-requests' });

  return {
    request: async input => {
      const known: readonly string[] = Object.values(INTEGRATION_KINDS);
      if (!known.includes(input.integration)) {
        throw new SourceError(
          SOURCE_ERROR_CODES.invalidInput,
          `integration must be one of ${known.join(', ')}`,
          'integration',
        );
      }

      const source = await sources.get(input.sourceId);
      if (!source) {
        throw new SourceError(
          SOURCE_ERROR_CODES.notFound,
          `Source ${input.sourceId} does not exist`,
          'sourceId',
        );
      }
      if (!source.enabled) {
        throw new SourceError(
          SOURCE_ERROR_CODES.disabled,
          `Source "${source.name}" is disabled`,
          'sourceId',
        );
      }
      if (!source.integrations.includes(input.integration)) {
        throw new SourceError(
          SOURCE_ERROR_CODES.integrationDisabled,
          `Integration ${input.integration} is not enabled for source "${source.name}"`,
          'integration',
        );
      }

      const request: RunRequested = {
        runId: randomUUID(),
        sourceId: source.id,
        integration: input.integration,
        trigger: input.trigger,
        requestedAt: new Date().toISOString(),
        requestedBy: input.requestedBy ?? null,
        window: input.window ? normaliseWindow(input.window) : null,
        hostIds: input.hostIds ?? null,
      };
      await publisher.publish(runRequestedEvent, request);
      log.info(
        { runId: request.runId, sourceId: source.id, integration: input.integration },
        'Run requested',
      );
      return request;
    },
  };
}

/** Window bounds as ISO instants in UTC; an unreadable date is refused, naming the bound. */
function normaliseWindow(window: { from: string | null; to: string | null }) {
  const instant = (value: string | null, field: string) => {
    if (value === null) {
      return null;
    }
    const date = new Date(value);
    if (Number.isNaN(date.getTime())) {
      throw new SourceError(
        SOURCE_ERROR_CODES.invalidInput,
        `${field} is not a date: ${value}`,
        field,
      );
    }
    return date.toISOString();
  };
  const from = instant(window.from, 'window.from');
  const to = instant(window.to, 'window.to');
  if (from && to && from > to) {
    throw new SourceError(
      SOURCE_ERROR_CODES.invalidInput,
      'window.from is after window.to',
      'window',
    );
  }
  return { from, to };
}
