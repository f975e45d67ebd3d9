/**
 * Host facts shared by Host List Detection (HLD) and Host List records. Every field is null when
 * Qualys did not send it; lists that only come on request (TAGS with show_tags=1, METADATA with
 * host_metadata, CLOUD_PROVIDER_TAGS with show_cloud_tags=1) are null when absent, so that "not
 * asked" is never read as "none".
 */
export interface HostDnsData {
  hostname: string | null;
  domain: string | null;
  fqdn: string | null;
}

export interface HostTag {
  /** TAG_ID, sometimes sent as CDATA; kept as a string. */
  id: string | null;
  name: string | null;
  color: string | null;
  backgroundColor: string | null;
}

export interface CloudMetadataAttribute {
  name: string | null;
  /** LAST_STATUS: Success or Fail. */
  lastStatus: string | null;
  /** VALUE; Qualys writes the literal `null` for no value, mapped to null. */
  value: string | null;
  lastSuccessDate: Date | null;
  lastErrorDate: Date | null;
  lastError: string | null;
}

export const CLOUD_METADATA_PROVIDERS = ['EC2', 'AZURE', 'GOOGLE'] as const;
export type CloudMetadataProvider = (typeof CLOUD_METADATA_PROVIDERS)[number];

export interface CloudMetadata {
  provider: CloudMetadataProvider;
  attributes: CloudMetadataAttribute[];
}

export interface CloudProviderTag {
  name: string | null;
  value: string | null;
  lastSuccessDate: Date | null;
}

/** Elements HLD and Host List HOST records have in common. */
export interface HostCommon {
  /** Qualys host id (pagination key); a string so that no digit is ever lost. */
  id: string;
  assetId: string | null;
  ip: string | null;
  ipv6: string | null;
  /** IP, DNS, NETBIOS, EC2, AGENT, CloudAgent... (open set). */
  trackingMethod: string | null;
  networkId: string | null;
  os: string | null;
  dns: string | null;
  dnsData: HostDnsData | null;
  cloudProvider: string | null;
  cloudService: string | null;
  cloudResourceId: string | null;
  ec2InstanceId: string | null;
  netbios: string | null;
  qgHostId: string | null;
  lastVmScannedDate: Date | null;
  /** Seconds. */
  lastVmScannedDuration: number | null;
  lastVmAuthScannedDate: Date | null;
  /** Seconds. */
  lastVmAuthScannedDuration: number | null;
  tags: HostTag[] | null;
  metadata: CloudMetadata[] | null;
  cloudProviderTags: CloudProviderTag[] | null;
}
