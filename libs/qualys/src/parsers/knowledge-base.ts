import { readCvssBlock } from '../cvss/cvss-block';
import {
  type KbCompliance,
  type KbCorrelation,
  type KbDiscovery,
  type KbExploit,
  type KbMalware,
  type KbReference,
  type KbSoftware,
  type KbVulnRecord,
} from '../records/knowledge-base';
import { type XmlElement } from '../xml/xml-element';
import {
  attribute,
  commaList,
  date,
  exact,
  FieldError,
  flag,
  id,
  int,
  listOf,
  nested,
  requiredId,
  text,
} from './fields';
import { type BodyChunks, type PageParser } from './page';
import { type PageParseOptions, parseXmlPage, type RecordScope } from './xml-page';

export const KNOWLEDGE_BASE_ROOT = 'KNOWLEDGE_BASE_VULN_LIST_OUTPUT';

type Unknown = (name: string) => void;

/**
 * Knowledge Base page (`/api/{2.0,3.0,5.0}/fo/knowledge_base/vuln/`, details Basic or All): one
 * KbVulnRecord per VULN, streamed. Elements are read by name, so the order real answers use
 * (CVE_LIST before CATEGORY...) does not matter. For details=None use parseIdSetPage.
 */
export function parseKnowledgeBasePage(
  body: BodyChunks,
  options: PageParseOptions = {},
): PageParser<KbVulnRecord> {
  return parseXmlPage(
    body,
    { roots: [KNOWLEDGE_BASE_ROOT], records: [{ path: 'RESPONSE/VULN_LIST/VULN', map: mapVuln }] },
    options,
  );
}

function emptyVuln(): KbVulnRecord {
  return {
    qid: '',
    vulnType: null,
    severityLevel: null,
    title: null,
    category: null,
    detectionInfo: null,
    lastCustomization: null,
    lastServiceModificationDatetime: null,
    publishedDatetime: null,
    codeModifiedDatetime: null,
    bugtraqs: [],
    patchable: null,
    patchPublishedDate: null,
    software: [],
    vendorReferences: [],
    cves: [],
    cwes: [],
    diagnosis: null,
    diagnosisComment: null,
    consequence: null,
    consequenceComment: null,
    solution: null,
    solutionComment: null,
    compliance: [],
    correlation: null,
    cvss: null,
    cvssV3: null,
    cvssV4: null,
    pciFlag: null,
    automaticPciFail: null,
    pciReasons: [],
    threatIntelligence: [],
    supportedModules: [],
    discovery: null,
    isDisabled: null,
    changeLog: [],
  };
}

function mapVuln(element: XmlElement, scope: RecordScope): KbVulnRecord {
  const vuln = emptyVuln();
  const unknown = scope.unknown.under('VULN');

  const qid = element.children.find(child => child.name === 'QID');
  if (qid !== undefined) scope.id = id(qid);

  for (const child of element.children) readVulnField(vuln, child, unknown);

  if (vuln.qid === '') throw new FieldError('QID', null, 'VULN has no QID');
  return vuln;
}

function readVulnField(vuln: KbVulnRecord, child: XmlElement, unknown: Unknown): void {
  if (readTextField(vuln, child)) return;

  switch (child.name) {
    case 'LAST_CUSTOMIZATION':
      vuln.lastCustomization = nested(child, readCustomization);
      break;
    case 'BUGTRAQ_LIST':
      vuln.bugtraqs = listOf(child, 'BUGTRAQ', ref => readReference(ref, unknown), unknown);
      break;
    case 'SOFTWARE_LIST':
      vuln.software = listOf(child, 'SOFTWARE', readSoftware, unknown);
      break;
    case 'VENDOR_REFERENCE_LIST':
      vuln.vendorReferences = listOf(
        child,
        'VENDOR_REFERENCE',
        ref => readReference(ref, unknown),
        unknown,
      );
      break;
    case 'CVE_LIST':
      vuln.cves = listOf(child, 'CVE', ref => readReference(ref, unknown), unknown);
      break;
    case 'CWE_LIST':
      vuln.cwes = listOf(child, 'CWE', readCwe, unknown).filter(isPresent);
      break;
    case 'CWE':
      vuln.cwes = commaList(text(child));
      break;
    case 'COMPLIANCE_LIST':
      vuln.compliance = listOf(child, 'COMPLIANCE', readCompliance, unknown);
      break;
    case 'CORRELATION':
      vuln.correlation = nested(child, correlation => readCorrelation(correlation, unknown));
      break;
    case 'CVSS':
      vuln.cvss = readCvssBlock(child);
      break;
    case 'CVSS_V3':
      vuln.cvssV3 = readCvssBlock(child);
      break;
    case 'CVSS_V4':
      vuln.cvssV4 = readCvssBlock(child);
      break;
    case 'PCI_REASONS':
      vuln.pciReasons = listOf(child, 'PCI_REASON', text, unknown).filter(isPresent);
      break;
    case 'THREAT_INTELLIGENCE':
      vuln.threatIntelligence = listOf(
        child,
        'THREAT_INTEL',
        intel => ({ id: attribute(intel, 'id'), label: text(intel) }),
        unknown,
      );
      break;
    case 'DISCOVERY':
      vuln.discovery = nested(child, discovery => readDiscovery(discovery, unknown));
      break;
    case 'CHANGE_LOG_LIST':
      vuln.changeLog = listOf(
        child,
        'CHANGE_LOG_INFO',
        info => ({
          changeDate: childDate(info, 'CHANGE_DATE'),
          comments: childText(info, 'COMMENTS'),
        }),
        unknown,
      );
      break;
    default:
      unknown(child.name);
  }
}

/** Scalar VULN children; returns false when the element is not one of them. */
function readTextField(vuln: KbVulnRecord, child: XmlElement): boolean {
  switch (child.name) {
    case 'QID':
      vuln.qid = requiredId(child);
      return true;
    case 'VULN_TYPE':
      vuln.vulnType = text(child);
      return true;
    case 'SEVERITY_LEVEL':
      vuln.severityLevel = int(child);
      return true;
    case 'TITLE':
      vuln.title = text(child);
      return true;
    case 'CATEGORY':
      vuln.category = text(child);
      return true;
    case 'DETECTION_INFO':
      vuln.detectionInfo = text(child);
      return true;
    case 'LAST_SERVICE_MODIFICATION_DATETIME':
      vuln.lastServiceModificationDatetime = date(child);
      return true;
    case 'PUBLISHED_DATETIME':
      vuln.publishedDatetime = date(child);
      return true;
    case 'CODE_MODIFIED_DATETIME':
      vuln.codeModifiedDatetime = date(child);
      return true;
    case 'PATCHABLE':
      vuln.patchable = flag(child);
      return true;
    case 'PATCH_PUBLISHED_DATE':
      vuln.patchPublishedDate = date(child);
      return true;
    case 'DIAGNOSIS':
      vuln.diagnosis = exact(child);
      return true;
    case 'DIAGNOSIS_COMMENT':
      vuln.diagnosisComment = exact(child);
      return true;
    case 'CONSEQUENCE':
      vuln.consequence = exact(child);
      return true;
    case 'CONSEQUENCE_COMMENT':
      vuln.consequenceComment = exact(child);
      return true;
    case 'SOLUTION':
      vuln.solution = exact(child);
      return true;
    case 'SOLUTION_COMMENT':
      vuln.solutionComment = exact(child);
      return true;
    case 'PCI_FLAG':
      vuln.pciFlag = flag(child);
      return true;
    case 'AUTOMATIC_PCI_FAIL':
      vuln.automaticPciFail = flag(child);
      return true;
    case 'SUPPORTED_MODULES':
      vuln.supportedModules = commaList(text(child));
      return true;
    case 'IS_DISABLED':
      vuln.isDisabled = flag(child);
      return true;
    default:
      return false;
  }
}

function isPresent<T>(value: T | null): value is T {
  return value !== null;
}

function childText(element: XmlElement, name: string): string | null {
  const child = element.children.find(c => c.name === name);
  return child === undefined ? null : text(child);
}

function childDate(element: XmlElement, name: string): Date | null {
  const child = element.children.find(c => c.name === name);
  return child === undefined ? null : date(child);
}

function readCustomization(element: XmlElement): KbVulnRecord['lastCustomization'] {
  return { datetime: childDate(element, 'DATETIME'), userLogin: childText(element, 'USER_LOGIN') };
}

function readReference(element: XmlElement, unknown: Unknown): KbReference {
  const reference: KbReference = { id: null, url: null };
  for (const child of element.children) {
    if (child.name === 'ID') reference.id = text(child);
    else if (child.name === 'URL') reference.url = text(child);
    else unknown(`${element.name}/${child.name}`);
  }
  return reference;
}

/** A CWE as text (`CWE-79`) or with an ID child; the KB DTD copies we have show neither. */
function readCwe(element: XmlElement): string | null {
  return element.children.length === 0 ? text(element) : childText(element, 'ID');
}

function readSoftware(element: XmlElement): KbSoftware {
  return { product: childText(element, 'PRODUCT'), vendor: childText(element, 'VENDOR') };
}

function readCompliance(element: XmlElement): KbCompliance {
  return {
    type: childText(element, 'TYPE'),
    section: childText(element, 'SECTION'),
    description: childText(element, 'DESCRIPTION'),
  };
}

function readCorrelation(element: XmlElement, unknown: Unknown): KbCorrelation {
  const correlation: KbCorrelation = { exploits: [], malware: [] };
  for (const child of element.children) {
    if (child.name === 'EXPLOITS') {
      correlation.exploits = listOf(child, 'EXPLT_SRC', readExploitSource, unknown);
    } else if (child.name === 'MALWARE') {
      correlation.malware = listOf(child, 'MW_SRC', readMalwareSource, unknown);
    } else {
      unknown(`CORRELATION/${child.name}`);
    }
  }
  return correlation;
}

/** Real data has EXPLT_SRC without EXPLT_LIST and empty <EXPLT/>: both are tolerated. */
function readExploitSource(element: XmlElement): KbCorrelation['exploits'][number] {
  const list = element.children.find(child => child.name === 'EXPLT_LIST');
  const exploits: KbExploit[] = (list?.children ?? [])
    .filter(explt => explt.children.length > 0)
    .map(explt => ({
      ref: childText(explt, 'REF'),
      description: childText(explt, 'DESC'),
      link: childText(explt, 'LINK'),
    }));
  return { source: childText(element, 'SRC_NAME'), exploits };
}

function readMalwareSource(element: XmlElement): KbCorrelation['malware'][number] {
  const list = element.children.find(child => child.name === 'MW_LIST');
  const malware: KbMalware[] = (list?.children ?? []).map(info => ({
    id: childText(info, 'MW_ID'),
    type: childText(info, 'MW_TYPE'),
    platform: childText(info, 'MW_PLATFORM'),
    alias: childText(info, 'MW_ALIAS'),
    rating: childText(info, 'MW_RATING'),
    link: childText(info, 'MW_LINK'),
  }));
  return { source: childText(element, 'SRC_NAME'), malware };
}

function readDiscovery(element: XmlElement, unknown: Unknown): KbDiscovery {
  const discovery: KbDiscovery = { remote: null, authTypes: [], additionalInfo: [] };
  for (const child of element.children) {
    if (child.name === 'REMOTE') discovery.remote = flag(child);
    else if (child.name === 'AUTH_TYPE_LIST') {
      discovery.authTypes = listOf(child, 'AUTH_TYPE', text, unknown).filter(isPresent);
    } else if (child.name === 'ADDITIONAL_INFO') discovery.additionalInfo = commaList(text(child));
    else unknown(`DISCOVERY/${child.name}`);
  }
  return discovery;
}
