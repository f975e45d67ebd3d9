import { qdsSeverity } from '../generator/detections';
import { type Estate } from '../generator/estate';
import { type DetectionRecord, type DetectionStatus, type HostRecord } from '../generator/model';
import { type IdRange, inRanges } from '../http/params';
import {
  cloudIdentityXml,
  cloudTagsXml,
  dnsDataXml,
  type HostMetadataChoice,
  line,
  metadataXml,
  tagsXml,
} from './host-fields';
import { indexesInRanges, type PageOptions, type PageSummary, writeRecords } from './page';
import {
  cdata,
  cdataElement,
  type ChunkWrite,
  element,
  escapeAttribute,
  isoSeconds,
  xmlDeclaration,
} from './xml';

export const HLD_ROOT = 'HOST_LIST_VM_DETECTION_OUTPUT';
const HLD_DTD =
  'https://qualysapi.qualys.com/api/2.0/fo/asset/host/vm/detection/host_list_vm_detection_output.dtd';

/** The statuses Qualys returns when `status` is not given: Fixed must be asked for. */
export const DEFAULT_DETECTION_STATUSES: readonly DetectionStatus[] = [
  'New',
  'Active',
  'Re-Opened',
];

/** Filters and switches of one Host List Detection call (names follow the API parameters). */
export interface HostDetectionQuery extends PageOptions {
  ids?: readonly IdRange[];
  idMin?: number;
  idMax?: number;
  statuses?: readonly DetectionStatus[];
  qids?: readonly IdRange[];
  severities?: readonly IdRange[];
  includeVulnType?: 'confirmed' | 'potential';
  showIgs?: boolean;
  showResults?: boolean;
  showQds?: boolean;
  showQdsFactors?: boolean;
  qdsMin?: number;
  qdsMax?: number;
  showTags?: boolean;
  showAssetId?: boolean;
  showCloudTags?: boolean;
  hostMetadata?: HostMetadataChoice;
  includeIgnored?: boolean;
  includeDisabled?: boolean;
  detectionUpdatedSince?: number;
  detectionUpdatedBefore?: number;
  detectionProcessedAfter?: number;
  detectionProcessedBefore?: number;
  vmProcessedAfter?: number;
  vmProcessedBefore?: number;
}

function detectionMatches(d: DetectionRecord, q: HostDetectionQuery): boolean {
  if (d.type === 'Info') {
    return q.showIgs === true;
  }
  const statuses = q.statuses ?? DEFAULT_DETECTION_STATUSES;
  if (d.status === undefined || !statuses.includes(d.status)) {
    return false;
  }
  if (q.includeVulnType && d.type.toLowerCase() !== q.includeVulnType) {
    return false;
  }
  if ((d.isIgnored && !q.includeIgnored) || (d.isDisabled && !q.includeDisabled)) {
    return false;
  }
  if (q.severities && (d.severity === undefined || !inRanges(q.severities, d.severity))) {
    return false;
  }
  if (q.qdsMin !== undefined && (d.qds ?? 0) < q.qdsMin) {
    return false;
  }
  if (q.qdsMax !== undefined && (d.qds ?? 0) > q.qdsMax) {
    return false;
  }
  return datesMatch(d, q);
}

function datesMatch(d: DetectionRecord, q: HostDetectionQuery): boolean {
  return (
    (q.detectionUpdatedSince === undefined || d.lastUpdateMs >= q.detectionUpdatedSince) &&
    (q.detectionUpdatedBefore === undefined || d.lastUpdateMs < q.detectionUpdatedBefore) &&
    (q.detectionProcessedAfter === undefined || d.lastProcessedMs >= q.detectionProcessedAfter) &&
    (q.detectionProcessedBefore === undefined || d.lastProcessedMs < q.detectionProcessedBefore)
  );
}

function hostMatches(host: HostRecord, q: HostDetectionQuery): boolean {
  return (
    (q.vmProcessedAfter === undefined || host.vmProcessedMs >= q.vmProcessedAfter) &&
    (q.vmProcessedBefore === undefined || host.vmProcessedMs < q.vmProcessedBefore)
  );
}

const D = '            ';

function optionalDate(name: string, ms: number | undefined): string {
  return ms === undefined ? '' : `${D}<${name}>${isoSeconds(ms)}</${name}>\n`;
}

function detectionXml(d: DetectionRecord, q: HostDetectionQuery): string {
  let xml = `          <DETECTION>\n${D}<UNIQUE_VULN_ID>${d.uniqueVulnId}</UNIQUE_VULN_ID>\n${D}<QID>${d.qid}</QID>\n${D}<TYPE>${d.type}</TYPE>\n`;
  if (d.severity !== undefined) {
    xml += `${D}<SEVERITY>${d.severity}</SEVERITY>\n`;
  }
  if (d.port !== undefined) {
    xml += `${D}<PORT>${d.port}</PORT>\n${D}<PROTOCOL>${d.protocol ?? 'tcp'}</PROTOCOL>\n`;
  }
  xml += `${D}<SSL>${d.ssl ? 1 : 0}</SSL>\n`;
  if (q.showResults !== false) {
    xml += `${D}<RESULTS>${cdata(d.results)}</RESULTS>\n`;
  }
  if (d.status !== undefined) {
    xml += `${D}<STATUS>${d.status}</STATUS>\n`;
  }
  xml +=
    optionalDate('FIRST_FOUND_DATETIME', d.firstFoundMs) +
    optionalDate('LAST_FOUND_DATETIME', d.lastFoundMs);
  if (q.showQds && d.qds !== undefined) {
    xml += `${D}<QDS severity="${qdsSeverity(d.qds)}">${d.qds}</QDS>\n`;
  }
  if (q.showQdsFactors && d.qdsFactors.length > 0) {
    const factors = d.qdsFactors
      .map(
        f => `${D}  <QDS_FACTOR name="${escapeAttribute(f.name)}">${cdata(f.value)}</QDS_FACTOR>\n`,
      )
      .join('');
    xml += `${D}<QDS_FACTORS>\n${factors}${D}</QDS_FACTORS>\n`;
  }
  xml +=
    `${D}<TIMES_FOUND>${d.timesFound}</TIMES_FOUND>\n` +
    optionalDate('LAST_TEST_DATETIME', d.lastTestMs) +
    optionalDate('LAST_UPDATE_DATETIME', d.lastUpdateMs) +
    optionalDate('LAST_FIXED_DATETIME', d.lastFixedMs) +
    optionalDate('FIRST_REOPENED_DATETIME', d.firstReopenedMs) +
    optionalDate('LAST_REOPENED_DATETIME', d.lastReopenedMs);
  if (d.timesReopened !== undefined) {
    xml += `${D}<TIMES_REOPENED>${d.timesReopened}</TIMES_REOPENED>\n`;
  }
  if (d.service !== undefined) {
    xml += `${D}${cdataElement('SERVICE', d.service)}\n`;
  }
  xml += `${D}<IS_IGNORED>${d.isIgnored ? 1 : 0}</IS_IGNORED>\n${D}<IS_DISABLED>${d.isDisabled ? 1 : 0}</IS_DISABLED>\n`;
  if (d.affectRunningKernel !== undefined) {
    xml += `${D}<AFFECT_RUNNING_KERNEL>${d.affectRunningKernel ? 1 : 0}</AFFECT_RUNNING_KERNEL>\n`;
  }
  return `${xml}${optionalDate('LAST_PROCESSED_DATETIME', d.lastProcessedMs)}          </DETECTION>\n`;
}

/** One HOST of the detection API, in the DTD's element order (UNIQUE_VULN_ID first as real output). */
export function hostDetectionXml(
  host: HostRecord,
  detections: readonly DetectionRecord[],
  q: HostDetectionQuery,
): string {
  return (
    `      <HOST>\n${line(element('ID', host.id))}` +
    (q.showAssetId ? line(element('ASSET_ID', host.assetId)) : '') +
    line(element('IP', host.ip)) +
    line(element('IPV6', host.ipv6)) +
    line(element('TRACKING_METHOD', host.trackingMethod)) +
    line(element('NETWORK_ID', host.networkId)) +
    line(cdataElement('OS', host.os)) +
    line(cdataElement('OS_CPE', host.osCpe)) +
    line(cdataElement('DNS', host.dns)) +
    dnsDataXml(host) +
    cloudIdentityXml(host) +
    line(cdataElement('NETBIOS', host.netbios)) +
    line(cdataElement('QG_HOSTID', host.qgHostId)) +
    line(element('LAST_SCAN_DATETIME', isoSeconds(host.lastScanMs))) +
    line(element('LAST_VM_SCANNED_DATE', isoSeconds(host.lastVmScannedMs))) +
    line(element('LAST_VM_SCANNED_DURATION', host.lastVmScannedDuration)) +
    (host.lastVmAuthScannedMs === undefined
      ? ''
      : line(element('LAST_VM_AUTH_SCANNED_DATE', isoSeconds(host.lastVmAuthScannedMs))) +
        line(element('LAST_VM_AUTH_SCANNED_DURATION', host.lastVmScannedDuration))) +
    (host.lastPcScannedMs === undefined
      ? ''
      : line(element('LAST_PC_SCANNED_DATE', isoSeconds(host.lastPcScannedMs)))) +
    (q.showTags ? tagsXml(host, true) : '') +
    metadataXml(host, q.hostMetadata) +
    cloudTagsXml(host, q.showCloudTags === true) +
    `        <DETECTION_LIST>\n${detections.map(d => detectionXml(d, q)).join('')}        </DETECTION_LIST>\n` +
    '      </HOST>\n'
  );
}

/**
 * Streams one Host List Detection page: hosts in id order, each with its detections that pass
 * the filters; hosts with none are left out, as Qualys does. Truncation counts hosts.
 */
export async function renderHostDetectionPage(
  estate: Estate,
  query: HostDetectionQuery,
  write: ChunkWrite,
): Promise<PageSummary> {
  await write(
    `${xmlDeclaration(HLD_ROOT, HLD_DTD)}<${HLD_ROOT}>\n  <RESPONSE>\n    <DATETIME>${isoSeconds(estate.now())}</DATETIME>\n`,
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
  const summary = await writeRecords(
    indexes,
    index => {
      const host = estate.host(index);
      if (!host || !hostMatches(host, query)) {
        return undefined;
      }
      const detections = estate
        .detections(index)
        .filter(d => detectionMatches(d, query) && (!query.qids || inRanges(query.qids, d.qid)));
      return detections.length === 0
        ? undefined
        : { id: host.id, xml: hostDetectionXml(host, detections, query) };
    },
    query,
    write,
    '    <HOST_LIST>\n',
    '    </HOST_LIST>\n',
  );
  await write(`  </RESPONSE>\n</${HLD_ROOT}>\n`);
  return summary;
}
