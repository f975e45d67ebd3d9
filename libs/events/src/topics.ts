/** Every topic the product owns. Each has a dead-letter twin named `<topic>.dlq`. */
export const TOPICS = {
  integrationSourceChanged: 'integration.source.changed',
  integrationRunRequested: 'integration.run.requested',
  integrationRunStarted: 'integration.run.started',
  integrationRunCompleted: 'integration.run.completed',
  kbQidsReferenced: 'kb.qids.referenced',
  kbVulnerabilityChanged: 'kb.vulnerability.changed',
  qualysHostObserved: 'qualys.host.observed',
  detectionChanged: 'detection.changed',
  scanChanged: 'scan.changed',
} as const;

export type TopicName = (typeof TOPICS)[keyof typeof TOPICS];

export const ALL_TOPICS: readonly TopicName[] = Object.values(TOPICS);
