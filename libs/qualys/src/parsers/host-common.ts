import {
  CLOUD_METADATA_PROVIDERS,
  type CloudMetadata,
  type CloudMetadataAttribute,
  type CloudMetadataProvider,
  type CloudProviderTag,
  type HostCommon,
  type HostDnsData,
  type HostTag,
} from '../records/host';
import { type XmlElement } from '../xml/xml-element';
import { date, FieldError, id, int, listOf, nested, text } from './fields';

type Unknown = (name: string) => void;

export function emptyHostCommon(): HostCommon {
  return {
    id: '',
    assetId: null,
    ip: null,
    ipv6: null,
    trackingMethod: null,
    networkId: null,
    os: null,
    dns: null,
    dnsData: null,
    cloudProvider: null,
    cloudService: null,
    cloudResourceId: null,
    ec2InstanceId: null,
    netbios: null,
    qgHostId: null,
    lastVmScannedDate: null,
    lastVmScannedDuration: null,
    lastVmAuthScannedDate: null,
    lastVmAuthScannedDuration: null,
    tags: null,
    metadata: null,
    cloudProviderTags: null,
  };
}

/**
 * Stores one HOST child that HLD and Host List share; returns false for any other element so
 * the caller can try its own fields. `unknown` receives paths relative to the HOST.
 */
export function readHostCommonField(
  host: HostCommon,
  child: XmlElement,
  unknown: Unknown,
): boolean {
  switch (child.name) {
    case 'ID': {
      const value = id(child);
      if (value === null) throw new FieldError('ID', null, 'Host id is empty');
      host.id = value;
      return true;
    }
    case 'ASSET_ID':
      host.assetId = id(child);
      return true;
    case 'IP':
      host.ip = text(child);
      return true;
    case 'IPV6':
      host.ipv6 = text(child);
      return true;
    case 'TRACKING_METHOD':
      host.trackingMethod = text(child);
      return true;
    case 'NETWORK_ID':
      host.networkId = id(child);
      return true;
    case 'OS':
      host.os = text(child);
      return true;
    case 'DNS':
      host.dns = text(child);
      return true;
    case 'DNS_DATA':
      host.dnsData = readDnsData(child, unknown);
      return true;
    case 'CLOUD_PROVIDER':
      host.cloudProvider = text(child);
      return true;
    case 'CLOUD_SERVICE':
      host.cloudService = text(child);
      return true;
    case 'CLOUD_RESOURCE_ID':
      host.cloudResourceId = text(child);
      return true;
    case 'EC2_INSTANCE_ID':
      host.ec2InstanceId = text(child);
      return true;
    case 'NETBIOS':
      host.netbios = text(child);
      return true;
    case 'QG_HOSTID':
      host.qgHostId = text(child);
      return true;
    case 'LAST_VM_SCANNED_DATE':
      host.lastVmScannedDate = date(child);
      return true;
    case 'LAST_VM_SCANNED_DURATION':
      host.lastVmScannedDuration = int(child);
      return true;
    case 'LAST_VM_AUTH_SCANNED_DATE':
      host.lastVmAuthScannedDate = date(child);
      return true;
    case 'LAST_VM_AUTH_SCANNED_DURATION':
      host.lastVmAuthScannedDuration = int(child);
      return true;
    case 'TAGS':
      host.tags = listOf(child, 'TAG', tag => readTag(tag, prefixed(unknown, 'TAGS/TAG')), unknown);
      return true;
    case 'METADATA':
      host.metadata = nested(child, metadata => readMetadata(metadata, unknown));
      return true;
    case 'CLOUD_PROVIDER_TAGS':
      host.cloudProviderTags = listOf(
        child,
        'CLOUD_TAG',
        tag => readCloudTag(tag, prefixed(unknown, 'CLOUD_PROVIDER_TAGS/CLOUD_TAG')),
        unknown,
      );
      return true;
    default:
      return false;
  }
}

function prefixed(unknown: Unknown, prefix: string): Unknown {
  return name => unknown(`${prefix}/${name}`);
}

function readDnsData(element: XmlElement, unknown: Unknown): HostDnsData {
  const data: HostDnsData = { hostname: null, domain: null, fqdn: null };
  for (const child of element.children) {
    if (child.name === 'HOSTNAME') data.hostname = text(child);
    else if (child.name === 'DOMAIN') data.domain = text(child);
    else if (child.name === 'FQDN') data.fqdn = text(child);
    else unknown(`DNS_DATA/${child.name}`);
  }
  return data;
}

function readTag(element: XmlElement, unknown: Unknown): HostTag {
  const tag: HostTag = { id: null, name: null, color: null, backgroundColor: null };
  for (const child of element.children) {
    if (child.name === 'TAG_ID') tag.id = id(child);
    else if (child.name === 'NAME') tag.name = text(child);
    else if (child.name === 'COLOR') tag.color = text(child);
    else if (child.name === 'BACKGROUND_COLOR') tag.backgroundColor = text(child);
    else unknown(child.name);
  }
  return tag;
}

function readMetadata(element: XmlElement, unknown: Unknown): CloudMetadata[] {
  const out: CloudMetadata[] = [];
  for (const provider of element.children) {
    if (!isProvider(provider.name)) {
      unknown(`METADATA/${provider.name}`);
      continue;
    }
    const attributes = listOf(
      provider,
      'ATTRIBUTE',
      attribute =>
        readAttribute(attribute, prefixed(unknown, `METADATA/${provider.name}/ATTRIBUTE`)),
      name => unknown(`METADATA/${name}`),
    );
    out.push({ provider: provider.name, attributes });
  }
  return out;
}

function isProvider(name: string): name is CloudMetadataProvider {
  return (CLOUD_METADATA_PROVIDERS as readonly string[]).includes(name);
}

function readAttribute(element: XmlElement, unknown: Unknown): CloudMetadataAttribute {
  const attribute: CloudMetadataAttribute = {
    name: null,
    lastStatus: null,
    value: null,
    lastSuccessDate: null,
    lastErrorDate: null,
    lastError: null,
  };
  for (const child of element.children) {
    if (child.name === 'NAME') attribute.name = text(child);
    else if (child.name === 'LAST_STATUS') attribute.lastStatus = text(child);
    else if (child.name === 'VALUE') attribute.value = text(child);
    else if (child.name === 'LAST_SUCCESS_DATE') attribute.lastSuccessDate = date(child);
    else if (child.name === 'LAST_ERROR_DATE') attribute.lastErrorDate = date(child);
    else if (child.name === 'LAST_ERROR') attribute.lastError = text(child);
    else unknown(child.name);
  }
  return attribute;
}

function readCloudTag(element: XmlElement, unknown: Unknown): CloudProviderTag {
  const tag: CloudProviderTag = { name: null, value: null, lastSuccessDate: null };
  for (const child of element.children) {
    if (child.name === 'NAME') tag.name = text(child);
    else if (child.name === 'VALUE') tag.value = text(child);
    else if (child.name === 'LAST_SUCCESS_DATE') tag.lastSuccessDate = date(child);
    else unknown(child.name);
  }
  return tag;
}
