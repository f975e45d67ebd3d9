import { z } from 'zod';

import { defineEvent } from '../envelope';
import { TOPICS } from '../topics';

/** One CVSS version's scores as the Knowledge Base gave them; null fields were not sent. */
const cvssSummary = z.object({
  /** 0 to 10 as Qualys sent it; 0 is a real score, null means none was sent. */
  base: z.number().nullable(),
  vector: z.string().nullable(),
  /** 2.0, 3.0, 3.1 or 4.0. */
  version: z.string().nullable(),
});

export const vulnerabilityChangedData = z.object({
  qid: z.string().regex(/^\d+$/, 'must be a QID (digits)'),
  /** `created`: first content for the QID (a pending placeholder counts as not yet created). */
  change: z.enum(['created', 'updated']),
  /** The source whose Knowledge Base answer carried the change. */
  sourceId: z.string().min(1),
  /** Qualys severity level, 1 to 5 as Qualys sent it. */
  severity: z.number().int().nullable(),
  title: z.string().nullable(),
  patchable: z.boolean().nullable(),
  /** Newest of the service modification and customisation dates (ISO instant). */
  lastModifiedAt: z.iso.datetime().nullable(),
  /** Every CVE id the QID links to after the change. */
  cves: z.array(z.string()),
  cvss: z.object({
    v2: cvssSummary.nullable(),
    v3: cvssSummary.nullable(),
    v4: cvssSummary.nullable(),
  }),
  /** Names of the fields that changed; empty for `created`. */
  changes: z.array(z.string()),
  /** CVE links that appeared, and links that the latest answer no longer lists. */
  cvesAdded: z.array(z.string()),
  cvesRemoved: z.array(z.string()),
});

export type VulnerabilityChanged = z.infer<typeof vulnerabilityChangedData>;

/**
 * The catalogue's record of a QID was created or changed. Removed CVE links travel in the same
 * event (`cvesRemoved`), so a consumer sees a QID's links change in one ordered message.
 */
export const vulnerabilityChangedEvent = defineEvent<VulnerabilityChanged>({
  type: 'kb.vulnerability.changed',
  version: 1,
  topic: TOPICS.kbVulnerabilityChanged,
  description: 'A QID of the vulnerability catalogue was created or changed, CVE links included.',
  schema: vulnerabilityChangedData,
  keyOf: data => data.qid,
});
