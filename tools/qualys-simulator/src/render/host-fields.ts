import { type CloudKind, type HostRecord } from '../generator/model';
import { cdataElement, element, isoSeconds } from './xml';

/** `host_metadata` values: which cloud METADATA blocks to show. */
export type HostMetadataChoice = 'all' | 'ec2' | 'azure' | 'google';

const METADATA_KINDS: Record<HostMetadataChoice, readonly CloudKind[]> = {
  all: ['EC2', 'AZURE', 'GOOGLE'],
  ec2: ['EC2'],
  azure: ['AZURE'],
  google: ['GOOGLE'],
};

export function parseHostMetadata(value: string | undefined): HostMetadataChoice | undefined {
  return value === 'all' || value === 'ec2' || value === 'azure' || value === 'google'
    ? value
    : undefined;
}

const I = '        ';

export function dnsDataXml(host: HostRecord): string {
  if (!host.hostname) {
    return '';
  }
  return (
    `${I}<DNS_DATA>\n${I}  ${cdataElement('HOSTNAME', host.hostname)}\n` +
    `${I}  ${cdataElement('DOMAIN', host.domain)}\n${I}  ${cdataElement('FQDN', host.fqdn)}\n` +
    `${I}</DNS_DATA>\n`
  );
}

export function cloudIdentityXml(host: HostRecord): string {
  const cloud = host.cloud;
  if (!cloud) {
    return '';
  }
  return (
    `${I}${element('CLOUD_PROVIDER', cloud.provider)}\n${I}${element('CLOUD_SERVICE', cloud.service)}\n` +
    `${I}${element('CLOUD_RESOURCE_ID', cloud.resourceId)}\n` +
    (cloud.ec2InstanceId ? `${I}${cdataElement('EC2_INSTANCE_ID', cloud.ec2InstanceId)}\n` : '')
  );
}

/** TAGS: the detection API adds COLOR/BACKGROUND_COLOR, the host list has TAG_ID and NAME only. */
export function tagsXml(host: HostRecord, withColors: boolean): string {
  if (host.tags.length === 0) {
    return '';
  }
  const tags = host.tags
    .map(
      tag =>
        `${I}  <TAG>\n${I}    ${cdataElement('TAG_ID', String(tag.id))}\n${I}    ${cdataElement('NAME', tag.name)}\n` +
        (withColors
          ? `${I}    ${element('COLOR', tag.color)}\n${I}    ${element('BACKGROUND_COLOR', tag.background)}\n`
          : '') +
        `${I}  </TAG>\n`,
    )
    .join('');
  return `${I}<TAGS>\n${tags}${I}</TAGS>\n`;
}

export function metadataXml(host: HostRecord, choice: HostMetadataChoice | undefined): string {
  const cloud = host.cloud;
  if (!cloud || !choice || !METADATA_KINDS[choice].includes(cloud.kind)) {
    return '';
  }
  const attributes = cloud.attributes
    .map(
      a =>
        `${I}    <ATTRIBUTE>\n${I}      ${cdataElement('NAME', a.name)}\n` +
        `${I}      ${element('LAST_STATUS', a.lastStatus)}\n${I}      ${cdataElement('VALUE', a.value)}\n` +
        `${I}      <LAST_SUCCESS_DATE>${a.lastSuccessMs === undefined ? '' : isoSeconds(a.lastSuccessMs)}</LAST_SUCCESS_DATE>\n` +
        `${I}      <LAST_ERROR_DATE>${a.lastErrorMs === undefined ? '' : isoSeconds(a.lastErrorMs)}</LAST_ERROR_DATE>\n` +
        `${I}      ${cdataElement('LAST_ERROR', a.lastError)}\n${I}    </ATTRIBUTE>\n`,
    )
    .join('');
  return `${I}<METADATA>\n${I}  <${cloud.kind}>\n${attributes}${I}  </${cloud.kind}>\n${I}</METADATA>\n`;
}

export function cloudTagsXml(host: HostRecord, show: boolean): string {
  const cloud = host.cloud;
  if (!show || !cloud || cloud.tags.length === 0) {
    return '';
  }
  const tags = cloud.tags
    .map(
      tag =>
        `${I}  <CLOUD_TAG>\n${I}    ${cdataElement('NAME', tag.name)}\n${I}    ${cdataElement('VALUE', tag.value)}\n` +
        `${I}    ${element('LAST_SUCCESS_DATE', isoSeconds(host.lastScanMs))}\n${I}  </CLOUD_TAG>\n`,
    )
    .join('');
  return `${I}<CLOUD_PROVIDER_TAGS>\n${tags}${I}</CLOUD_PROVIDER_TAGS>\n`;
}

/** A line `        <NAME>value</NAME>` or nothing. */
export function line(xml: string): string {
  return xml === '' ? '' : `${I}${xml}\n`;
}
