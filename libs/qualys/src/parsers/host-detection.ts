import { type Detection, type HostDetectionRecord } from '../records/host-detection';
import { readBodyText } from '../xml/body-text';
import { type ErrorContext, malformed } from '../xml/error-context';
import { parseXmlDocument } from '../xml/fast-xml-parser';
import { DEFAULT_MAX_RECORD_BYTES } from '../xml/limits';
import { type XmlElement } from '../xml/xml-element';
import {
  attribute,
  date,
  exact,
  FieldError,
  flag,
  id,
  int,
  requiredId,
  text,
  UnknownElements,
} from './fields';
import { emptyHostCommon, readHostCommonField } from './host-common';
import { type BodyChunks, type PageParser } from './page';
import { type PageParseOptions, parseXmlPage, type RecordScope } from './xml-page';

const ROOT = 'HOST_LIST_VM_DETECTION_OUTPUT';
const HOST_PATH = 'RESPONSE/HOST_LIST/HOST';
const DETECTION_PATH = 'DETECTION_LIST/DETECTION';

/**
 * Host List Detection page (`/api/{2.0,5.0}/fo/asset/host/vm/detection/`): yields one
 * HostDetectionRecord per HOST as soon as it is read. A DETECTION that cannot be mapped (say a
 * QID that is not a number) is rejected on its own, as a 'rejected' item yielded just before
 * its host, whose id it carries in `parentId`; the host and its other detections are kept.
 * A HOST-level fault (bad host id, invalid date) rejects the host.
 */
export function parseHostDetectionPage(
  body: BodyChunks,
  options: PageParseOptions = {},
): PageParser<HostDetectionRecord> {
  return parseXmlPage(
    body,
    { roots: [ROOT], records: [{ path: HOST_PATH, map: mapHostDetection }] },
    options,
  );
}

/**
 * One HOST element given as its own document (a fixture, a fragment, a record split from a
 * page by other means), parsed with fast-xml-parser. Faults throw as FieldError-backed
 * QUALYS_MALFORMED_RESPONSE errors naming the element; rejected detections are returned beside
 * the host.
 */
export async function parseHostDetectionRecord(
  xml: BodyChunks | string,
  options: { context?: ErrorContext; maxRecordBytes?: number } = {},
): Promise<{ host: HostDetectionRecord; rejectedDetections: RecordScope['partRejections'] }> {
  const context = options.context ?? {};
  const text = await readBodyText(xml, options.maxRecordBytes ?? DEFAULT_MAX_RECORD_BYTES, context);
  const element = parseXmlDocument(text, context);
  if (element.name !== 'HOST') {
    throw malformed(context, `Expected a <HOST> element, found <${element.name}>`, element.name);
  }

  const scope: RecordScope = { id: null, unknown: new UnknownElements(), partRejections: [] };
  try {
    return { host: mapHostDetection(element, scope), rejectedDetections: scope.partRejections };
  } catch (err) {
    if (!(err instanceof FieldError)) throw err;
    throw malformed(context, `HOST/${err.element}: ${err.message} (${err.value})`, err.element);
  }
}

/** Maps a HOST element of an HLD answer. */
export function mapHostDetection(element: XmlElement, scope: RecordScope): HostDetectionRecord {
  const host: HostDetectionRecord = {
    ...emptyHostCommon(),
    osCpe: null,
    lastScanDatetime: null,
    lastPcScannedDate: null,
    detections: [],
  };
  const unknown = scope.unknown.under('HOST');

  // The id is read first so that any rejection below can name its host.
  const idElement = element.children.find(child => child.name === 'ID');
  if (idElement !== undefined) scope.id = id(idElement);

  let detectionList: XmlElement | undefined;
  for (const child of element.children) {
    if (readHostCommonField(host, child, unknown)) continue;

    switch (child.name) {
      case 'OS_CPE':
        host.osCpe = text(child);
        break;
      case 'LAST_SCAN_DATETIME':
        host.lastScanDatetime = date(child);
        break;
      case 'LAST_PC_SCANNED_DATE':
        host.lastPcScannedDate = date(child);
        break;
      case 'DETECTION_LIST':
        detectionList = child;
        break;
      default:
        unknown(child.name);
    }
  }

  if (host.id === '') throw new FieldError('ID', null, 'HOST has no ID');
  if (detectionList !== undefined) host.detections = mapDetections(detectionList, host.id, scope);
  return host;
}

function mapDetections(list: XmlElement, hostId: string, scope: RecordScope): Detection[] {
  const detections: Detection[] = [];
  const unknown = scope.unknown.under(`HOST/${DETECTION_PATH}`);

  for (const child of list.children) {
    if (child.name !== 'DETECTION') {
      scope.unknown.add(`HOST/DETECTION_LIST/${child.name}`);
      continue;
    }

    try {
      detections.push(mapDetection(child, unknown));
    } catch (err) {
      if (!(err instanceof FieldError)) throw err;
      scope.partRejections.push({
        id: detectionId(child),
        parentId: hostId,
        element: `HOST/${DETECTION_PATH}/${err.element}`,
        value: err.value,
        reason: err.message,
      });
    }
  }

  return detections;
}

/** Best-effort id of a rejected detection: UNIQUE_VULN_ID, else QID, as written. */
function detectionId(element: XmlElement): string | null {
  for (const name of ['UNIQUE_VULN_ID', 'QID']) {
    const child = element.children.find(c => c.name === name);
    const value = child === undefined ? null : text(child);
    if (value !== null) return value;
  }
  return null;
}

function emptyDetection(): Detection {
  return {
    uniqueVulnId: null,
    qid: '',
    type: null,
    severity: null,
    port: null,
    protocol: null,
    fqdn: null,
    ssl: null,
    instance: null,
    service: null,
    results: null,
    status: null,
    firstFoundDatetime: null,
    lastFoundDatetime: null,
    qds: null,
    qdsFactors: null,
    timesFound: null,
    lastTestDatetime: null,
    lastUpdateDatetime: null,
    lastFixedDatetime: null,
    firstReopenedDatetime: null,
    lastReopenedDatetime: null,
    timesReopened: null,
    isIgnored: null,
    isDisabled: null,
    affectRunningKernel: null,
    affectRunningService: null,
    affectExploitableConfig: null,
    lastProcessedDatetime: null,
    assetCve: null,
  };
}

function mapDetection(element: XmlElement, unknown: (name: string) => void): Detection {
  const d = emptyDetection();

  for (const child of element.children) {
    switch (child.name) {
      case 'UNIQUE_VULN_ID':
        d.uniqueVulnId = id(child);
        break;
      case 'QID':
        d.qid = requiredId(child);
        break;
      case 'TYPE':
        d.type = text(child);
        break;
      case 'SEVERITY':
        d.severity = int(child);
        break;
      case 'PORT':
        d.port = int(child);
        break;
      case 'PROTOCOL':
        d.protocol = text(child);
        break;
      case 'FQDN':
        d.fqdn = text(child);
        break;
      case 'SSL':
        d.ssl = flag(child);
        break;
      case 'INSTANCE':
        d.instance = text(child);
        break;
      case 'SERVICE':
        d.service = text(child);
        break;
      case 'RESULTS':
        d.results = exact(child);
        break;
      case 'STATUS':
        d.status = text(child);
        break;
      case 'FIRST_FOUND_DATETIME':
        d.firstFoundDatetime = date(child);
        break;
      case 'LAST_FOUND_DATETIME':
        d.lastFoundDatetime = date(child);
        break;
      case 'QDS':
        d.qds = readQds(child);
        break;
      case 'QDS_FACTORS':
        d.qdsFactors = readQdsFactors(child, unknown);
        break;
      case 'TIMES_FOUND':
        d.timesFound = int(child);
        break;
      case 'LAST_TEST_DATETIME':
        d.lastTestDatetime = date(child);
        break;
      case 'LAST_UPDATE_DATETIME':
        d.lastUpdateDatetime = date(child);
        break;
      case 'LAST_FIXED_DATETIME':
        d.lastFixedDatetime = date(child);
        break;
      case 'FIRST_REOPENED_DATETIME':
        d.firstReopenedDatetime = date(child);
        break;
      case 'LAST_REOPENED_DATETIME':
        d.lastReopenedDatetime = date(child);
        break;
      case 'TIMES_REOPENED':
        d.timesReopened = int(child);
        break;
      case 'IS_IGNORED':
        d.isIgnored = flag(child);
        break;
      case 'IS_DISABLED':
        d.isDisabled = flag(child);
        break;
      case 'AFFECT_RUNNING_KERNEL':
        d.affectRunningKernel = flag(child);
        break;
      case 'AFFECT_RUNNING_SERVICE':
        d.affectRunningService = flag(child);
        break;
      case 'AFFECT_EXPLOITABLE_CONFIG':
        d.affectExploitableConfig = flag(child);
        break;
      case 'LAST_PROCESSED_DATETIME':
        d.lastProcessedDatetime = date(child);
        break;
      case 'ASSET_CVE':
        d.assetCve = text(child);
        break;
      default:
        unknown(child.name);
    }
  }

  if (d.qid === '') throw new FieldError('QID', null, 'DETECTION has no QID');
  return d;
}

function readQds(element: XmlElement): Detection['qds'] {
  const score = int(element);
  if (score === null) return null;
  return { score, severity: attribute(element, 'severity') };
}

function readQdsFactors(
  element: XmlElement,
  unknown: (name: string) => void,
): Record<string, string> {
  const factors: Record<string, string> = {};
  for (const child of element.children) {
    if (child.name !== 'QDS_FACTOR') {
      unknown(`QDS_FACTORS/${child.name}`);
      continue;
    }
    const name = attribute(child, 'name');
    if (name === null) {
      throw new FieldError('QDS_FACTORS/QDS_FACTOR/@name', null, 'QDS_FACTOR has no name');
    }
    const value = text(child);
    if (value !== null) factors[name] = value;
  }
  return factors;
}
