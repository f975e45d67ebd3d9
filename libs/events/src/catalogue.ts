import type { EventDefinition } from './envelope';
import { sourceChangedEvent } from './schemas/integration-events';

/** Every event definition, for documentation checks and tooling. */
export const EVENT_CATALOGUE: readonly EventDefinition<unknown>[] = [sourceChangedEvent];
