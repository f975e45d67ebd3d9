/** Every topic the product owns. Each has a dead-letter twin named `<topic>.dlq`. */
export const TOPICS = {
  integrationSourceChanged: 'integration.source.changed',
} as const;

export type TopicName = (typeof TOPICS)[keyof typeof TOPICS];

export const ALL_TOPICS: readonly TopicName[] = Object.values(TOPICS);
