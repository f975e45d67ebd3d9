import {
  type CloudInstance,
  type HostFacts,
  type IntegrationKind,
} from '../identification/host-observation';
import { type IdentificationRule } from '../identification/rules';

export const CI_CLASSES = {
  server: 'server',
  workstation: 'workstation',
  networkDevice: 'network-device',
  cloudInstance: 'cloud-instance',
  unknown: 'unknown',
} as const;

export type CiClass = (typeof CI_CLASSES)[keyof typeof CI_CLASSES];

/** The latest facts one integration reported for one identity. */
export interface IdentitySighting {
  integration: IntegrationKind;
  observedAt: Date;
  facts: HostFacts;
}

/** How an identity joined its CI. */
export type IdentityBinding =
  | { kind: 'created'; at: Date }
  | { kind: 'rule'; rule: IdentificationRule; evidence: string; at: Date }
  | { kind: 'split'; fromCiId: string; reason: string; at: Date };

/** One Qualys host record (source + host id) united in a CI. */
export interface CiIdentity {
  sourceId: string;
  hostId: string;
  firstSeen: Date;
  lastSeen: Date;
  boundBy: IdentityBinding;
  /** At most one per integration kind, the newest of each. */
  sightings: IdentitySighting[];
}

/** Reconciled attributes. `name` and `class` are derived from the others. */
export interface CiAttributes {
  name: string;
  class: CiClass;
  fqdn: string | null;
  dnsHostname: string | null;
  netbios: string | null;
  ips: string[];
  os: string | null;
  cloud: CloudInstance | null;
}

export type CiAttributeName = keyof CiAttributes;

/** Attributes read from observations, each with its own precedence of sources. */
export const OBSERVED_ATTRIBUTES = [
  'fqdn',
  'dnsHostname',
  'netbios',
  'ips',
  'os',
  'cloud',
] as const satisfies readonly CiAttributeName[];

export type ObservedAttribute = (typeof OBSERVED_ATTRIBUTES)[number];

/** Why a value won over the others that identities report. */
export const WIN_REASONS = {
  /** Its source ranks higher in the attribute's precedence. */
  precedence: 'precedence',
  /** Same rank, and it was observed last. */
  mostRecent: 'most-recent',
  /** No identity reports a different value. */
  uncontested: 'uncontested',
  /** Same rank and same time: the lowest source id, then host id, then integration wins. */
  tieBreak: 'tie-break',
} as const;

export type WinReason = (typeof WIN_REASONS)[keyof typeof WIN_REASONS];

/** Where an attribute's current value comes from. */
export interface AttributeSource {
  sourceId: string;
  hostId: string;
  integration: IntegrationKind;
  observedAt: Date;
  why: WinReason;
}

export type AttributeSources = Record<CiAttributeName, AttributeSource | null>;

export interface ConfigurationItem {
  id: string;
  /** Incremented on every change, for optimistic concurrency in the store. */
  version: number;
  attributes: CiAttributes;
  attributeSources: AttributeSources;
  identities: CiIdentity[];
  /** Earliest firstSeen and latest lastSeen of the identities. */
  firstSeen: Date;
  lastSeen: Date;
  createdAt: Date;
  updatedAt: Date;
}

export interface IdentityRef {
  sourceId: string;
  hostId: string;
}

export function sameIdentity(identity: IdentityRef, other: IdentityRef): boolean {
  return identity.sourceId === other.sourceId && identity.hostId === other.hostId;
}
