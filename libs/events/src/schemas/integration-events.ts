import { z } from 'zod';

import { defineEvent } from '../envelope';
import { TOPICS } from '../topics';

export const sourceChangedData = z.object({
  sourceId: z.string().min(1),
  change: z.enum(['created', 'updated', 'deleted']),
  name: z.string().min(1),
  apiBaseUrl: z.url(),
  enabled: z.boolean(),
});

export type SourceChanged = z.infer<typeof sourceChangedData>;

export const sourceChangedEvent = defineEvent<SourceChanged>({
  type: 'integration.source.changed',
  version: 1,
  topic: TOPICS.integrationSourceChanged,
  description: 'A Qualys source (deployment) was created, updated or deleted.',
  schema: sourceChangedData,
  keyOf: data => data.sourceId,
});
