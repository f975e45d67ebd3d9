import type { EventDefinition } from './envelope';
import { detectionChangedEvent, hostObservedEvent, scanChangedEvent } from './schemas/host-events';
import { sourceChangedEvent } from './schemas/integration-events';
import { vulnerabilityChangedEvent } from './schemas/kb-events';
import { qidsReferencedEvent } from './schemas/kb-reference-events';
import { runCompletedEvent, runRequestedEvent, runStartedEvent } from './schemas/run-events';

/** Every event definition, for documentation checks and tooling. */
export const EVENT_CATALOGUE: readonly EventDefinition<unknown>[] = [
  sourceChangedEvent,
  runRequestedEvent,
  runStartedEvent,
  runCompletedEvent,
  qidsReferencedEvent,
  vulnerabilityChangedEvent,
  hostObservedEvent,
  detectionChangedEvent,
  scanChangedEvent,
];
