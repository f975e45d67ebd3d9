import { type HostObservation } from '../identification/host-observation';
import { InMemoryCiStore } from '../identification/in-memory-ci-store';
import { type ConfigurationItem } from './configuration-item';
import { DEFAULT_ENGINE_CONFIG, type EngineConfig, type EngineContext } from './engine-config';
import { reconcileObservation, type ReconciliationOutcome } from './reconcile';

/**
 * The real engine over an in-memory store, with a fixed clock and sequential ids, for tests and
 * benchmarks: `observe` reconciles one observation and writes what the outcome says to write.
 */
export interface TestEngine {
  store: InMemoryCiStore;
  context: EngineContext;
  observe(observation: HostObservation): Promise<ReconciliationOutcome>;
  /** The CI holding this host, or undefined. */
  ciOf(sourceId: string, hostId: string): ConfigurationItem | undefined;
}

export const TEST_ENGINE_NOW = new Date('2025-01-15T12:00:00Z');

export function createTestEngine(config: EngineConfig = DEFAULT_ENGINE_CONFIG): TestEngine {
  const store = new InMemoryCiStore();
  let sequence = 0;
  const context: EngineContext = {
    config,
    now: () => TEST_ENGINE_NOW,
    newId: () => {
      sequence += 1;
      return `id-${sequence}`;
    },
  };

  return {
    store,
    context,
    async observe(observation) {
      const outcome = await reconcileObservation(observation, store, context);
      store.record(outcome);
      return outcome;
    },
    ciOf(sourceId, hostId) {
      return store
        .all()
        .find(ci => ci.identities.some(i => i.sourceId === sourceId && i.hostId === hostId));
    },
  };
}
