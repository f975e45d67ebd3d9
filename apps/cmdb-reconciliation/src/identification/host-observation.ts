import { isIP } from 'node:net';

import { CMDB_ERROR_CODES, CmdbError } from '../reconciliation/errors';

/** The import that saw a host; attribute precedence is configured with these names. */
export const INTEGRATION_KINDS = {
  hostList: 'host-list',
  hostDetection: 'host-detection',
  policyCompliance: 'policy-compliance',
} as const;

export type IntegrationKind = (typeof INTEGRATION_KINDS)[keyof typeof INTEGRATION_KINDS];

export const INTEGRATION_KIND_VALUES = Object.values(INTEGRATION_KINDS) as [
  IntegrationKind,
  ...IntegrationKind[],
];

export const CLOUD_PROVIDERS = { aws: 'aws', azure: 'azure', gcp: 'gcp' } as const;

export type CloudProvider = (typeof CLOUD_PROVIDERS)[keyof typeof CLOUD_PROVIDERS];

/** A virtual machine of a cloud provider, as the host's metadata describes it. */
export interface CloudInstance {
  provider: CloudProvider;
  /** EC2 instance id, Azure vmId or GCP instance id, lower-cased. */
  instanceId: string;
  /** AWS account, Azure subscription or GCP project; null when the metadata did not say. */
  accountId: string | null;
  region: string | null;
}

/**
 * One sighting of one Qualys host by one integration of one source, as the service receives it
 * from `qualys.host.observed`. Missing and null fields both mean "not sent".
 */
export interface HostObservation {
  sourceId: string;
  /** Qualys host id (HOST/ID), unique within the source's subscription. */
  hostId: string;
  integration: IntegrationKind;
  /**
   * When the source saw the host in this state (scan or activity date, else the answer's
   * DATETIME). It orders observations: an older one never displaces newer data.
   */
  observedAt: Date;
  /** The subscription the source reads, when known; defaults to the source id. */
  subscriptionId?: string | null;
  assetId?: string | null;
  /** QG_HOSTID: the identity the agent (or an authenticated scan) keeps on the machine. */
  agentId?: string | null;
  trackingMethod?: string | null;
  /** NETWORK_ID; absent means the subscription's default network, 0. */
  networkId?: string | null;
  ips?: readonly string[];
  fqdn?: string | null;
  dnsHostname?: string | null;
  netbios?: string | null;
  os?: string | null;
  cloud?: {
    provider: string;
    instanceId: string;
    accountId?: string | null;
    region?: string | null;
  } | null;
}

/** What one observation says about a host, cleaned so that equal facts compare equal. */
export interface HostFacts {
  /** Scope of asset ids and network ids: the subscription, or the source when unknown. */
  subscription: string;
  assetId: string | null;
  agentId: string | null;
  trackingMethod: string | null;
  networkId: string;
  ips: string[];
  fqdn: string | null;
  dnsHostname: string | null;
  netbios: string | null;
  os: string | null;
  cloud: CloudInstance | null;
}

export interface NormalizedObservation {
  sourceId: string;
  hostId: string;
  integration: IntegrationKind;
  observedAt: Date;
  facts: HostFacts;
}

export const DEFAULT_NETWORK_ID = '0';

/**
 * Cleans an observation: FQDN and DNS names lower-cased without trailing dots, NetBIOS names
 * upper-cased, invalid and duplicate IPs dropped, OS text with its padding collapsed, cloud
 * provider names mapped to `aws`, `azure`, `gcp`. Throws when identity fields are missing.
 */
export function normalizeObservation(observation: HostObservation): NormalizedObservation {
  const problems = observationProblems(observation);
  if (problems.length > 0) {
    throw new CmdbError(
      CMDB_ERROR_CODES.invalidObservation,
      `Invalid host observation: ${problems.join('; ')}`,
      problems,
    );
  }

  const sourceId = observation.sourceId.trim();
  return {
    sourceId,
    hostId: observation.hostId.trim(),
    integration: observation.integration,
    observedAt: observation.observedAt,
    facts: {
      subscription: clean(observation.subscriptionId) ?? sourceId,
      assetId: clean(observation.assetId),
      agentId: clean(observation.agentId)?.toLowerCase() ?? null,
      trackingMethod: clean(observation.trackingMethod),
      networkId: clean(observation.networkId) ?? DEFAULT_NETWORK_ID,
      ips: normalizeIps(observation.ips ?? []),
      fqdn: normalizeDnsName(observation.fqdn),
      dnsHostname: normalizeDnsName(observation.dnsHostname),
      netbios: clean(observation.netbios)?.toUpperCase() ?? null,
      os: clean(observation.os)?.replace(/\s+/g, ' ') ?? null,
      cloud: normalizeCloud(observation.cloud),
    },
  };
}

function observationProblems(observation: HostObservation): string[] {
  const problems: string[] = [];
  if (!clean(observation.sourceId)) problems.push('sourceId is empty');
  if (!clean(observation.hostId)) problems.push('hostId is empty');
  if (!INTEGRATION_KIND_VALUES.includes(observation.integration)) {
    problems.push(`integration ${String(observation.integration)} is unknown`);
  }
  if (!(observation.observedAt instanceof Date) || Number.isNaN(observation.observedAt.getTime())) {
    problems.push('observedAt is not a valid date');
  }
  return problems;
}

function clean(value: string | null | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}

/** Lower-cased, without trailing dots; an IP address written where a name belongs is dropped. */
export function normalizeDnsName(value: string | null | undefined): string | null {
  const name = clean(value)?.toLowerCase().replace(/\.+$/, '');
  if (!name || isIP(name) !== 0) return null;
  return name;
}

function normalizeIps(ips: readonly string[]): string[] {
  const seen = new Set<string>();
  for (const raw of ips) {
    const ip = raw.trim().toLowerCase();
    if (isIP(ip) !== 0) seen.add(ip);
  }
  return [...seen];
}

const PROVIDER_NAMES: Readonly<Record<string, CloudProvider>> = {
  aws: 'aws',
  ec2: 'aws',
  amazon: 'aws',
  'amazon web services': 'aws',
  azure: 'azure',
  'microsoft azure': 'azure',
  gcp: 'gcp',
  google: 'gcp',
  'google cloud': 'gcp',
  'google cloud platform': 'gcp',
};

/** Maps the spellings Qualys uses (CLOUD_PROVIDER, METADATA element names) to one provider. */
export function cloudProviderOf(name: string | null | undefined): CloudProvider | null {
  const key = clean(name)?.toLowerCase();
  return key ? (PROVIDER_NAMES[key] ?? null) : null;
}

function normalizeCloud(cloud: HostObservation['cloud']): CloudInstance | null {
  if (!cloud) return null;

  const provider = cloudProviderOf(cloud.provider);
  const instanceId = clean(cloud.instanceId)?.toLowerCase();
  if (!provider || !instanceId) return null;

  return {
    provider,
    instanceId,
    accountId: clean(cloud.accountId),
    region: clean(cloud.region),
  };
}
