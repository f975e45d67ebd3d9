export { EVENT_CATALOGUE } from './catalogue';
export {
  deadLetterTopic,
  defineEvent,
  type EventDefinition,
  type EventEnvelope,
  eventEnvelopeSchema,
} from './envelope';
export {
  type SourceChanged,
  sourceChangedData,
  sourceChangedEvent,
} from './schemas/integration-events';
export { ALL_TOPICS, type TopicName, TOPICS } from './topics';
