export { EVENT_CATALOGUE } from './catalogue';
export {
  deadLetterTopic,
  defineEvent,
  type EventDefinition,
  type EventEnvelope,
  eventEnvelopeSchema,
} from './envelope';
export {
  type DetectionChanged,
  detectionChangedData,
  detectionChangedEvent,
  HOST_OBSERVING_INTEGRATIONS,
  type HostObserved,
  hostObservedData,
  hostObservedEvent,
  type ScanChanged,
  scanChangedData,
  scanChangedEvent,
  VULNERABLE_ITEM_STATES,
} from './schemas/host-events';
export {
  type SourceChanged,
  sourceChangedData,
  sourceChangedEvent,
} from './schemas/integration-events';
export {
  type VulnerabilityChanged,
  vulnerabilityChangedData,
  vulnerabilityChangedEvent,
} from './schemas/kb-events';
export {
  type QidsReferenced,
  qidsReferencedData,
  qidsReferencedEvent,
} from './schemas/kb-reference-events';
export {
  INTEGRATION_KINDS,
  type IntegrationKind,
  RUN_STATUSES,
  RUN_TRIGGERS,
  type RunCompleted,
  runCompletedData,
  runCompletedEvent,
  runKey,
  type RunRequested,
  runRequestedData,
  runRequestedEvent,
  type RunStarted,
  runStartedData,
  runStartedEvent,
  type RunStatus,
} from './schemas/run-events';
export { ALL_TOPICS, type TopicName, TOPICS } from './topics';
