import { z } from 'zod';

import { defineEvent } from '../envelope';
import { TOPICS } from '../topics';

/** Qualys ids travel as digit strings: leading zeros and long ids survive every hop. */
const qualysId = z.string().regex(/^\d+$/, 'must be a Qualys id (digits)');
const instant = z.iso.datetime();

/** The imports that observe hosts. */
export const HOST_OBSERVING_INTEGRATIONS = ['host-list', 'host-detection'] as const;

export const hostObservedData = z.object({
  sourceId: z.string().min(1),
  /** Qualys host id (HOST/ID), unique within the source's subscription. */
  hostId: qualysId,
  integration: z.enum(HOST_OBSERVING_INTEGRATIONS),
  /** When Qualys saw the host in this state: its last scan or activity, else the answer's time. */
  observedAt: instant,
  /** The subscription the source reads, when known. */
  subscriptionId: z.string().min(1).nullable(),
  assetId: qualysId.nullable(),
  /** QG_HOSTID: the identity the cloud agent (or an authenticated scan) keeps on the machine. */
  agentId: z.string().min(1).nullable(),
  trackingMethod: z.string().min(1).nullable(),
  networkId: qualysId.nullable(),
  ipv4: z.string().min(1).nullable(),
  ipv6: z.string().min(1).nullable(),
  /** ipv4 and ipv6 together, for consumers that match on any address. */
  ips: z.array(z.string().min(1)),
  fqdn: z.string().min(1).nullable(),
  dnsHostname: z.string().min(1).nullable(),
  netbios: z.string().min(1).nullable(),
  os: z.string().min(1).nullable(),
  cloud: z
    .object({
      /** aws, azure or gcp. */
      provider: z.string().min(1),
      instanceId: z.string().min(1),
      accountId: z.string().min(1).nullable(),
      region: z.string().min(1).nullable(),
    })
    .nullable(),
});

export type HostObserved = z.infer<typeof hostObservedData>;

/**
 * A Qualys host as an import saw it, with the attributes that identify the machine behind it,
 * so that the CMDB can reconcile hosts of every source into configuration items.
 */
export const hostObservedEvent = defineEvent<HostObserved>({
  type: 'qualys.host.observed',
  version: 1,
  topic: TOPICS.qualysHostObserved,
  description: 'A Qualys host was seen by the Host List or Host Detection import of a source.',
  schema: hostObservedData,
  keyOf: data => `${data.sourceId}:${data.hostId}`,
});

/** The two states of a vulnerable item. */
export const VULNERABLE_ITEM_STATES = ['open', 'closed'] as const;

export const detectionChangedData = z.object({
  /** The VI id: `<sourceId>:<hostId>:<qid>:<port>:<protocol>:<ssl>` (+ instance, proof key). */
  vulnerableItemId: z.string().min(1),
  sourceId: z.string().min(1),
  hostId: qualysId,
  qid: qualysId,
  port: z.number().int().min(0).nullable(),
  protocol: z.string().min(1).nullable(),
  ssl: z.boolean(),
  /** Set when detections are split per proof path: which path this VI stands for. */
  proofPath: z.string().min(1).nullable(),
  change: z.enum(['created', 'updated']),
  state: z.enum(VULNERABLE_ITEM_STATES),
  /** The state before this change; null for a VI seen for the first time. */
  previousState: z.enum(VULNERABLE_ITEM_STATES).nullable(),
  /** The detection status as Qualys wrote it (New, Active, Fixed, Re-Opened). */
  status: z.string().min(1).nullable(),
  severity: z.number().int().min(1).max(5).nullable(),
  qds: z.number().int().min(0).max(100).nullable(),
  firstFoundAt: instant.nullable(),
  lastFoundAt: instant.nullable(),
  /** When the VI was closed (Qualys' fix date); null while open. */
  closedAt: instant.nullable(),
  /** Times this VI went from closed back to open, as observed by Exposure Graph. */
  reopenCount: z.number().int().min(0),
  /** Stored fields that differ from the previous version (all of them for a new VI). */
  changedFields: z.array(z.string().min(1)),
});

export type DetectionChanged = z.infer<typeof detectionChangedData>;

/** A vulnerable item was created or changed: its new state and what changed. */
export const detectionChangedEvent = defineEvent<DetectionChanged>({
  type: 'detection.changed',
  version: 1,
  topic: TOPICS.detectionChanged,
  description: 'A vulnerable item (a detection on a host) was created or changed.',
  schema: detectionChangedData,
  keyOf: data => data.vulnerableItemId,
});

export const scanChangedData = z.object({
  /** Exposure Graph's id of the scan record. */
  scanId: z.string().min(1),
  sourceId: z.string().min(1),
  /** Qualys scan reference (scan/<epoch>.<n>); null until the launch was accepted. */
  reference: z.string().min(1).nullable(),
  /** Submitted, Running, Finished, Canceled, Error... as Qualys reports; Refused or Failed. */
  state: z.string().min(1),
  ips: z.array(z.string().min(1)),
  hostIds: z.array(qualysId),
  vulnerableItemIds: z.array(z.string().min(1)),
  requestedBy: z.string().nullable(),
  launchedAt: instant.nullable(),
  finishedAt: instant.nullable(),
  /** The Host Detection run requested for the scanned hosts once the scan finished. */
  followUpRunId: z.uuid().nullable(),
});

export type ScanChanged = z.infer<typeof scanChangedData>;

/** A rescan was launched or moved on (running, finished, failed). */
export const scanChangedEvent = defineEvent<ScanChanged>({
  type: 'scan.changed',
  version: 1,
  topic: TOPICS.scanChanged,
  description: 'A rescan launched from vulnerable items changed state.',
  schema: scanChangedData,
  keyOf: data => data.scanId,
});
