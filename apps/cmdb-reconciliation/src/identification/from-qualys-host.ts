import { isIP } from 'node:net';

import { type CloudMetadata, type HostCommon } from '@exposure-graph/qualys';

import {
  type CloudProvider,
  cloudProviderOf,
  type HostObservation,
  type IntegrationKind,
} from './host-observation';

export interface QualysHostContext {
  sourceId: string;
  integration: IntegrationKind;
  observedAt: Date;
  subscriptionId?: string | null;
}

/**
 * Where each provider's METADATA keeps the instance id, the account and the region (the last
 * segments of the attribute NAME; the simulator and the Qualys samples write them this way).
 */
const METADATA_NAMES: Readonly<
  Record<CloudProvider, { instance: string; account: string; region: string }>
> = {
  aws: { instance: '/instanceId', account: '/accountId', region: '/region' },
  azure: {
    instance: 'compute/vmId',
    account: 'compute/subscriptionId',
    region: 'compute/location',
  },
  gcp: { instance: 'instance/id', account: 'project/projectId', region: 'instance/zone' },
};

/**
 * An observation from a Host List or Host List Detection record. The FQDN is DNS_DATA/FQDN,
 * else HOSTNAME.DOMAIN, else DNS when DNS holds a dotted name; the DNS host name is
 * DNS_DATA/HOSTNAME, else the first label of DNS. A DNS equal to the cloud instance id (EC2
 * hosts report it so) is not taken as a name.
 */
export function observationFromHost(host: HostCommon, context: QualysHostContext): HostObservation {
  const cloud = cloudOf(host);
  const dns =
    host.dns && host.dns.toLowerCase() !== cloud?.instanceId.toLowerCase() ? host.dns : null;
  const dnsIsName = dns !== null && isIP(dns) === 0;

  return {
    sourceId: context.sourceId,
    hostId: host.id,
    integration: context.integration,
    observedAt: context.observedAt,
    subscriptionId: context.subscriptionId ?? null,
    assetId: host.assetId,
    agentId: host.qgHostId,
    trackingMethod: host.trackingMethod,
    networkId: host.networkId,
    ips: [host.ip, host.ipv6].filter((ip): ip is string => ip !== null),
    fqdn: fqdnOf(host, dnsIsName ? dns : null),
    dnsHostname: host.dnsData?.hostname ?? (dnsIsName ? (dns.split('.')[0] ?? null) : null),
    netbios: host.netbios,
    os: host.os,
    cloud,
  };
}

function fqdnOf(host: HostCommon, dns: string | null): string | null {
  const data = host.dnsData;
  if (data?.fqdn) return data.fqdn;
  if (data?.hostname && data.domain) return `${data.hostname}.${data.domain}`;
  return dns?.includes('.') ? dns : null;
}

function cloudOf(host: HostCommon): HostObservation['cloud'] {
  const metadata = host.metadata?.[0] ?? null;
  const provider =
    cloudProviderOf(host.cloudProvider) ??
    cloudProviderOf(metadata?.provider) ??
    (host.ec2InstanceId ? 'aws' : null);
  if (!provider) return null;

  const names = METADATA_NAMES[provider];
  const fromMetadata = (suffix: string) =>
    host.metadata
      ?.filter(block => cloudProviderOf(block.provider) === provider)
      .map(block => metadataValue(block, suffix))
      .find(value => value !== null) ?? null;

  const instanceId =
    fromMetadata(names.instance) ??
    (provider === 'aws' ? host.ec2InstanceId : null) ??
    host.cloudResourceId;
  if (!instanceId) return null;

  return {
    provider,
    instanceId,
    accountId: fromMetadata(names.account),
    region: fromMetadata(names.region),
  };
}

function metadataValue(block: CloudMetadata, suffix: string): string | null {
  const attribute = block.attributes.find(
    candidate =>
      candidate.lastStatus !== 'Fail' &&
      candidate.value !== null &&
      // Documentation samples wrap long names across lines; the API does not.
      (candidate.name?.replace(/\s+/g, '').endsWith(suffix) ?? false),
  );
  return attribute?.value ?? null;
}
