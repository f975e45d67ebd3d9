import { type Estate } from '../generator/estate';
import { type HostRecord } from '../generator/model';
import { type IdRange } from '../http/params';
import {
  cloudIdentityXml,
  cloudTagsXml,
  dnsDataXml,
  type HostMetadataChoice,
  line,
  metadataXml,
  tagsXml,
} from './host-fields';
import {
  indexesInRanges,
  type PageOptions,
  type PageSummary,
  writeIdSet,
  writeRecords,
} from './page';
import { cdataElement, type ChunkWrite, element, isoSeconds, xmlDeclaration } from './xml';

export const HOST_LIST_ROOT = 'HOST_LIST_OUTPUT';
const HOST_LIST_DTD = 'https://qualysapi.qualys.com/api/2.0/fo/asset/host/host_list_output.dtd';

export type HostListDetails = 'None' | 'Basic' | 'Basic/AGs' | 'All' | 'All/AGs';

export interface HostListQuery extends PageOptions {
  details?: HostListDetails;
  ids?: readonly IdRange[];
  idMin?: number;
  idMax?: number;
  vmProcessedAfter?: number;
  vmProcessedBefore?: number;
  showTags?: boolean;
  showAssetId?: boolean;
  showCloudTags?: boolean;
  hostMetadata?: HostMetadataChoice;
}

function hostMatches(host: HostRecord, q: HostListQuery): boolean {
  return (
    (q.vmProcessedAfter === undefined || host.vmProcessedMs >= q.vmProcessedAfter) &&
    (q.vmProcessedBefore === undefined || host.vmProcessedMs < q.vmProcessedBefore)
  );
}

/** One HOST of the host list, in the host_list_output DTD order. */
export function hostListXml(host: HostRecord, q: HostListQuery): string {
  const all = q.details === 'All' || q.details === 'All/AGs';
  const groups = q.details === 'Basic/AGs' || q.details === 'All/AGs';
  return (
    `      <HOST>\n${line(element('ID', host.id))}` +
    (q.showAssetId ? line(element('ASSET_ID', host.assetId)) : '') +
    line(element('IP', host.ip)) +
    line(element('IPV6', host.ipv6)) +
    line(element('TRACKING_METHOD', host.trackingMethod)) +
    line(element('NETWORK_ID', host.networkId)) +
    line(cdataElement('DNS', host.dns)) +
    dnsDataXml(host) +
    cloudIdentityXml(host) +
    line(cdataElement('NETBIOS', host.netbios)) +
    line(cdataElement('OS', host.os)) +
    line(cdataElement('QG_HOSTID', host.qgHostId)) +
    (q.showTags ? tagsXml(host, false) : '') +
    metadataXml(host, q.hostMetadata) +
    cloudTagsXml(host, q.showCloudTags === true) +
    line(element('LAST_VULN_SCAN_DATETIME', isoSeconds(host.lastScanMs))) +
    line(element('LAST_VM_SCANNED_DATE', isoSeconds(host.lastVmScannedMs))) +
    line(element('LAST_VM_SCANNED_DURATION', host.lastVmScannedDuration)) +
    (host.lastVmAuthScannedMs === undefined
      ? ''
      : line(element('LAST_VM_AUTH_SCANNED_DATE', isoSeconds(host.lastVmAuthScannedMs))) +
        line(element('LAST_VM_AUTH_SCANNED_DURATION', host.lastVmScannedDuration))) +
    (host.lastPcScannedMs === undefined
      ? ''
      : line(element('LAST_COMPLIANCE_SCAN_DATETIME', isoSeconds(host.lastPcScannedMs)))) +
    (all
      ? line(element('OWNER', host.owner)) +
        line(cdataElement('COMMENTS', host.comments)) +
        `        <USER_DEF>\n${host.userDefined
          .map((value, i) => `          <VALUE_${i + 1}><![CDATA[${value}]]></VALUE_${i + 1}>\n`)
          .join('')}        </USER_DEF>\n`
      : '') +
    (groups ? line(element('ASSET_GROUP_IDS', host.assetGroupIds.join(','))) : '') +
    '      </HOST>\n'
  );
}

/** Streams one Host List page (HOST_LIST, or ID_SET for details=None); truncation counts hosts. */
export async function renderHostListPage(
  estate: Estate,
  query: HostListQuery,
  write: ChunkWrite,
): Promise<PageSummary> {
  await write(
    `${xmlDeclaration(HOST_LIST_ROOT, HOST_LIST_DTD)}<${HOST_LIST_ROOT}>\n  <RESPONSE>\n` +
      `    <DATETIME>${isoSeconds(estate.now())}</DATETIME>\n`,
  );
  const indexes = indexesInRanges(
    {
      count: estate.hostCount,
      idAt: i => estate.hostIdAt(i),
      indexAtOrAfter: id => estate.hostIndexAtOrAfter(id),
    },
    query.ids,
    query.idMin,
    query.idMax,
  );
  const hostOf = (index: number): HostRecord | undefined => {
    const host = estate.host(index);
    return host && hostMatches(host, query) ? host : undefined;
  };
  const summary =
    query.details === 'None'
      ? await writeIdSet(indexes, index => hostOf(index)?.id, query, write)
      : await writeRecords(
          indexes,
          index => {
            const host = hostOf(index);
            return host ? { id: host.id, xml: hostListXml(host, query) } : undefined;
          },
          query,
          write,
          '    <HOST_LIST>\n',
          '    </HOST_LIST>\n',
        );
  await write(`  </RESPONSE>\n</${HOST_LIST_ROOT}>\n`);
  return summary;
}
