import {
  type HostListGlossary,
  type HostRecord,
  type RiskScoreFactors,
  type UserDefinedValue,
} from '../records/host-list';
import { type XmlElement } from '../xml/xml-element';
import {
  attribute,
  commaList,
  date,
  decimal,
  FieldError,
  id,
  int,
  text,
  type UnknownElements,
} from './fields';
import { emptyHostCommon, readHostCommonField } from './host-common';
import { type BodyChunks, type PageParser, type PageTrailer } from './page';
import { type PageParseOptions, parseXmlPage, type RecordScope } from './xml-page';

const ROOT = 'HOST_LIST_OUTPUT';

/** The host list trailer adds the page's GLOSSARY (user-defined labels, users, asset groups). */
export interface HostListTrailer extends PageTrailer {
  glossary: HostListGlossary | null;
}

/**
 * Host List page (`/api/{2.0,3.0,5.0}/fo/asset/host/`, details Basic or All): one HostRecord per
 * HOST. For details=None, whose RESPONSE holds an ID_SET, use parseIdSetPage.
 */
export async function* parseHostListPage(
  body: BodyChunks,
  options: PageParseOptions = {},
): PageParser<HostRecord, HostListTrailer> {
  let glossary: HostListGlossary | null = null;

  const trailer = yield* parseXmlPage(
    body,
    {
      roots: [ROOT],
      records: [{ path: 'RESPONSE/HOST_LIST/HOST', map: mapHost }],
      envelope: {
        'RESPONSE/GLOSSARY': (element, unknown) => {
          glossary = readGlossary(element, unknown);
        },
      },
    },
    options,
  );

  return { ...trailer, glossary };
}

function mapHost(element: XmlElement, scope: RecordScope): HostRecord {
  const host: HostRecord = {
    ...emptyHostCommon(),
    assetRiskScore: null,
    assetCriticalityScore: null,
    arsFactors: null,
    truriskScore: null,
    truriskScoreFactors: null,
    lastBoot: null,
    serialNumber: null,
    hardwareUuid: null,
    firstFoundDate: null,
    lastActivity: null,
    agentStatus: null,
    cloudAgentRunningOn: null,
    lastVulnScanDatetime: null,
    lastComplianceScanDatetime: null,
    lastScapScanDatetime: null,
    owner: null,
    comments: null,
    userDefined: null,
    assetGroupIds: [],
  };
  const unknown = scope.unknown.under('HOST');

  const idElement = element.children.find(child => child.name === 'ID');
  if (idElement !== undefined) scope.id = id(idElement);

  for (const child of element.children) {
    if (readHostCommonField(host, child, unknown)) continue;
    readHostField(host, child, unknown);
  }

  if (host.id === '') throw new FieldError('ID', null, 'HOST has no ID');
  return host;
}

function readHostField(host: HostRecord, child: XmlElement, unknown: (name: string) => void): void {
  switch (child.name) {
    case 'ASSET_RISK_SCORE':
      host.assetRiskScore = int(child);
      break;
    case 'ASSET_CRITICALITY_SCORE':
      host.assetCriticalityScore = int(child);
      break;
    case 'ARS_FACTORS':
      host.arsFactors = readRiskFactors(child, 'ARS_FORMULA', unknown);
      break;
    case 'TRURISK_SCORE':
      host.truriskScore = decimal(child);
      break;
    case 'TRURISK_SCORE_FACTORS':
      host.truriskScoreFactors = readRiskFactors(child, 'TRURISK_SCORE_FORMULA', unknown);
      break;
    case 'LAST_BOOT':
      host.lastBoot = date(child);
      break;
    case 'SERIAL_NUMBER':
      host.serialNumber = text(child);
      break;
    case 'HARDWARE_UUID':
      host.hardwareUuid = text(child);
      break;
    case 'FIRST_FOUND_DATE':
      host.firstFoundDate = date(child);
      break;
    case 'LAST_ACTIVITY':
      host.lastActivity = date(child);
      break;
    case 'AGENT_STATUS':
      host.agentStatus = text(child);
      break;
    case 'CLOUD_AGENT_RUNNING_ON':
      host.cloudAgentRunningOn = text(child);
      break;
    case 'LAST_VULN_SCAN_DATETIME':
      host.lastVulnScanDatetime = date(child);
      break;
    case 'LAST_COMPLIANCE_SCAN_DATETIME':
      host.lastComplianceScanDatetime = date(child);
      break;
    case 'LAST_SCAP_SCAN_DATETIME':
      host.lastScapScanDatetime = date(child);
      break;
    case 'OWNER':
      host.owner = text(child);
      break;
    case 'COMMENTS':
      host.comments = text(child);
      break;
    case 'USER_DEF':
      host.userDefined = readUserDefined(child, unknown);
      break;
    case 'ASSET_GROUP_IDS':
      host.assetGroupIds = commaList(text(child));
      break;
    default:
      unknown(child.name);
  }
}

function readRiskFactors(
  element: XmlElement,
  formulaName: string,
  unknown: (name: string) => void,
): RiskScoreFactors {
  const factors: RiskScoreFactors = { formula: null, vulnCounts: [] };
  for (const child of element.children) {
    if (child.name === formulaName) {
      factors.formula = text(child);
    } else if (child.name === 'VULN_COUNT') {
      try {
        factors.vulnCounts.push({
          qdsSeverity: attribute(child, 'qds_severity'),
          count: int(child),
        });
      } catch (err) {
        throw err instanceof FieldError ? err.under(element.name) : err;
      }
    } else {
      unknown(`${element.name}/${child.name}`);
    }
  }
  return factors;
}

/** USER_DEF holds LABEL_1..3 and VALUE_1..3 (VALUE_n may carry ud_attr). */
function readUserDefined(element: XmlElement, unknown: (name: string) => void): UserDefinedValue[] {
  const values: UserDefinedValue[] = [1, 2, 3].map(() => ({
    label: null,
    value: null,
    udAttr: null,
  }));
  for (const child of element.children) {
    const match = /^(LABEL|VALUE)_([123])$/.exec(child.name);
    const slot = match === null ? undefined : values[Number(match[2]) - 1];
    if (match === null || slot === undefined) {
      unknown(`USER_DEF/${child.name}`);
    } else if (match[1] === 'LABEL') {
      slot.label = text(child);
    } else {
      slot.value = text(child);
      slot.udAttr = attribute(child, 'ud_attr');
    }
  }
  return values;
}

function readGlossary(element: XmlElement, unknown: UnknownElements): HostListGlossary {
  const glossary: HostListGlossary = { userDefinedLabels: [], users: [], assetGroups: [] };
  const report = unknown.under('RESPONSE/GLOSSARY');

  for (const child of element.children) {
    if (child.name === 'USER_DEF') {
      glossary.userDefinedLabels = readUserDefined(child, report).map(slot => slot.label);
    } else if (child.name === 'USER_LIST') {
      glossary.users = child.children.map(user => ({
        login: childText(user, 'USER_LOGIN'),
        firstName: childText(user, 'FIRST_NAME'),
        lastName: childText(user, 'LAST_NAME'),
      }));
    } else if (child.name === 'ASSET_GROUP_LIST') {
      glossary.assetGroups = child.children.map(group => ({
        id: childText(group, 'ID'),
        title: childText(group, 'TITLE'),
      }));
    } else {
      report(child.name);
    }
  }
  return glossary;
}

function childText(element: XmlElement, name: string): string | null {
  const child = element.children.find(c => c.name === name);
  return child === undefined ? null : text(child);
}
