import { z } from 'zod';

import { defineEvent } from '../envelope';
import { TOPICS } from '../topics';

export const qidsReferencedData = z.object({
  sourceId: z.string().min(1),
  /** Distinct QIDs (as strings) seen in one batch of detections. */
  qids: z.array(z.string().regex(/^\d+$/, 'must be a QID (digits)')).min(1),
  seenAt: z.iso.datetime(),
});

export type QidsReferenced = z.infer<typeof qidsReferencedData>;

/**
 * Host Detection tells the Knowledge Base which QIDs its detections use, so that a QID the
 * catalogue does not know yet exists at once as a pending placeholder and is fetched by id.
 */
export const qidsReferencedEvent = defineEvent<QidsReferenced>({
  type: 'kb.qids.referenced',
  version: 1,
  topic: TOPICS.kbQidsReferenced,
  description: 'QIDs referenced by a batch of detections of one source.',
  schema: qidsReferencedData,
  keyOf: data => data.sourceId,
});
