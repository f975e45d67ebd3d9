export {
  createKafkaConnection,
  type KafkaConnection,
  type KafkaConnectionOptions,
} from './connection';
export {
  type EventConsumer,
  type EventConsumerOptions,
  type EventHandler,
  type MessageContext,
  on,
  startEventConsumer,
} from './consumer';
export { EventValidationError } from './errors';
export { buildEnvelope, createEventPublisher, type EventPublisher } from './publisher';
export { ensureTopics, type TopicOptions } from './topics';
// kafkajs types a test or a tool may need, re-exported so that only this lib imports kafkajs.
export type { Consumer, Kafka, KafkaMessage } from 'kafkajs';
