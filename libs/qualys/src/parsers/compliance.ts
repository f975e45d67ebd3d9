import {
  type ByUser,
  type ControlRecord,
  type ControlTechnology,
  type Criticality,
  type PolicyControlRef,
  type PolicyDetailsRecord,
  type PolicyRecord,
  type PolicySection,
  type PostureInfoGlossary,
  type PostureInfoRecord,
} from '../records/compliance';
import { type XmlElement } from '../xml/xml-element';
import {
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
  type UnknownElements,
} from './fields';
import { type BodyChunks, type PageParser, type PageTrailer } from './page';
import { type PageParseOptions, parseXmlPage, type RecordScope } from './xml-page';

type Unknown = (name: string) => void;

function child(element: XmlElement, name: string): XmlElement | undefined {
  return element.children.find(c => c.name === name);
}

function childText(element: XmlElement, name: string): string | null {
  const found = child(element, name);
  return found === undefined ? null : text(found);
}

function readByUser(element: XmlElement): ByUser {
  const at = child(element, 'DATETIME');
  return { datetime: at === undefined ? null : date(at), by: childText(element, 'BY') };
}

function readCriticality(element: XmlElement): Criticality {
  const value = child(element, 'VALUE');
  return { label: childText(element, 'LABEL'), value: value === undefined ? null : int(value) };
}

/** Policy list (`/api/{2.0,3.0}/fo/compliance/policy/?action=list`): one PolicyRecord per POLICY. */
export function parsePolicyListPage(
  body: BodyChunks,
  options: PageParseOptions = {},
): PageParser<PolicyRecord> {
  return parseXmlPage(
    body,
    {
      roots: ['POLICY_LIST_OUTPUT'],
      records: [{ path: 'RESPONSE/POLICY_LIST/POLICY', map: mapPolicy }],
    },
    options,
  );
}

function mapPolicy(element: XmlElement, scope: RecordScope): PolicyRecord {
  const unknown = scope.unknown.under('POLICY');
  const policy: PolicyRecord = {
    id: '',
    title: null,
    created: null,
    lastModified: null,
    lastEvaluated: null,
    status: null,
    isLocked: null,
    assetGroupIds: [],
    controls: [],
  };

  for (const field of element.children) {
    switch (field.name) {
      case 'ID':
        policy.id = requiredId(field);
        scope.id = policy.id;
        break;
      case 'TITLE':
        policy.title = text(field);
        break;
      case 'CREATED':
        policy.created = nested(field, readByUser);
        break;
      case 'LAST_MODIFIED':
        policy.lastModified = nested(field, readByUser);
        break;
      case 'LAST_EVALUATED':
        policy.lastEvaluated = nested(field, readByUser).datetime;
        break;
      case 'STATUS':
        policy.status = text(field);
        break;
      case 'IS_LOCKED':
        policy.isLocked = flag(field);
        break;
      case 'ASSET_GROUP_IDS':
        policy.assetGroupIds = commaList(text(field));
        break;
      case 'CONTROL_LIST':
        policy.controls = listOf(field, 'CONTROL', readControlRef, unknown);
        break;
      default:
        unknown(field.name);
    }
  }

  if (policy.id === '') throw new FieldError('ID', null, 'POLICY has no ID');
  return policy;
}

function readControlRef(element: XmlElement): PolicyControlRef {
  const criticality = child(element, 'CRITICALITY');
  const idElement = child(element, 'ID');
  if (idElement === undefined) throw new FieldError('ID', null, 'CONTROL has no ID');
  return {
    id: requiredId(idElement),
    statement: childText(element, 'STATEMENT'),
    criticality: criticality === undefined ? null : nested(criticality, readCriticality),
    status: childText(element, 'STATUS'),
  };
}

/** Control list (`/api/2.0/fo/compliance/control/?action=list`): one ControlRecord per CONTROL. */
export function parseControlListPage(
  body: BodyChunks,
  options: PageParseOptions = {},
): PageParser<ControlRecord> {
  return parseXmlPage(
    body,
    {
      roots: ['CONTROL_LIST_OUTPUT'],
      records: [
        {
          path: 'RESPONSE/CONTROL_LIST/CONTROL',
          map: (element, scope) => mapControl(element, scope.unknown.under('CONTROL'), scope),
        },
      ],
    },
    options,
  );
}

function mapControl(element: XmlElement, unknown: Unknown, scope?: RecordScope): ControlRecord {
  const control: ControlRecord = {
    id: '',
    statement: null,
    criticality: null,
    category: null,
    subCategory: null,
    checkType: null,
    comment: null,
    ignoreError: null,
    errorSetStatus: null,
    createdDate: null,
    updateDate: null,
    technologies: [],
  };

  for (const field of element.children) {
    if (readControlField(control, field, unknown) && field.name === 'ID' && scope !== undefined) {
      scope.id = control.id;
    }
  }

  if (control.id === '') throw new FieldError('ID', null, 'CONTROL has no ID');
  return control;
}

function readControlField(control: ControlRecord, field: XmlElement, unknown: Unknown): boolean {
  switch (field.name) {
    case 'ID':
      control.id = requiredId(field);
      return true;
    case 'STATEMENT':
      control.statement = text(field);
      return true;
    case 'CRITICALITY':
      control.criticality = nested(field, readCriticality);
      return true;
    case 'CATEGORY':
      control.category = text(field);
      return true;
    case 'SUB_CATEGORY':
      control.subCategory = text(field);
      return true;
    case 'CHECK_TYPE':
      control.checkType = text(field);
      return true;
    case 'COMMENT':
      control.comment = text(field);
      return true;
    case 'IGNORE_ERROR':
      control.ignoreError = flag(field);
      return true;
    case 'ERROR_SET_STATUS':
      control.errorSetStatus = text(field);
      return true;
    case 'CREATED_DATE':
      control.createdDate = date(field);
      return true;
    case 'UPDATE_DATE':
      control.updateDate = date(field);
      return true;
    case 'TECHNOLOGY_LIST':
    case 'TECHNOLOGIES':
      control.technologies = listOf(field, 'TECHNOLOGY', readControlTechnology, unknown);
      return true;
    default:
      unknown(field.name);
      return false;
  }
}

const EXPECTED_VALUE_ELEMENTS = new Set(['EXPECTED_VALUE', 'EXPECTED']);

/** Expected values sit somewhere below a control's TECHNOLOGY; their exact path is inferred. */
function readControlTechnology(element: XmlElement): ControlTechnology {
  return {
    id: childText(element, 'ID'),
    name: childText(element, 'NAME'),
    rationale: childText(element, 'RATIONALE'),
    expectedValue: findExpectedValue(element),
  };
}

function findExpectedValue(element: XmlElement): string | null {
  for (const c of element.children) {
    if (EXPECTED_VALUE_ELEMENTS.has(c.name)) return exact(c);
    const nestedValue = findExpectedValue(c);
    if (nestedValue !== null) return nestedValue;
  }
  return null;
}

/**
 * Policy export (`action=export`, root POLICY_EXPORT_OUTPUT; shape inferred from the DTD name
 * and documentation): one PolicyDetailsRecord per POLICY with its sections and controls.
 */
export function parsePolicyDetailsPage(
  body: BodyChunks,
  options: PageParseOptions = {},
): PageParser<PolicyDetailsRecord> {
  return parseXmlPage(
    body,
    {
      roots: ['POLICY_EXPORT_OUTPUT'],
      records: [{ path: 'RESPONSE/POLICY', map: mapPolicyDetails }],
    },
    options,
  );
}

function mapPolicyDetails(element: XmlElement, scope: RecordScope): PolicyDetailsRecord {
  const unknown = scope.unknown.under('POLICY');
  const policy: PolicyDetailsRecord = {
    id: null,
    title: null,
    description: null,
    technologies: [],
    sections: [],
  };

  for (const field of element.children) {
    switch (field.name) {
      case 'ID':
        policy.id = id(field);
        scope.id = policy.id;
        break;
      case 'TITLE':
        policy.title = text(field);
        break;
      case 'DESCRIPTION':
        policy.description = exact(field);
        break;
      case 'TECHNOLOGIES':
        policy.technologies = listOf(field, 'TECHNOLOGY', readTechnology, unknown);
        break;
      case 'SECTIONS':
        policy.sections = listOf(
          field,
          'SECTION',
          section => readSection(section, unknown),
          unknown,
        );
        break;
      default:
        unknown(field.name);
    }
  }
  return policy;
}

function readTechnology(element: XmlElement): { id: string | null; name: string | null } {
  return { id: childText(element, 'ID'), name: childText(element, 'NAME') };
}

function readSection(element: XmlElement, unknown: Unknown): PolicySection {
  const controls = child(element, 'CONTROLS');
  return {
    number: childText(element, 'NUMBER'),
    heading: childText(element, 'HEADING'),
    controls:
      controls === undefined
        ? []
        : listOf(controls, 'CONTROL', control => mapControl(control, unknown), unknown),
  };
}

/** The posture info trailer adds the page's GLOSSARY, needed to resolve the records' ids. */
export interface PostureInfoTrailer extends PageTrailer {
  glossary: PostureInfoGlossary | null;
}

/**
 * Legacy posture info (`/api/2.0/fo/compliance/posture/info/`): one PostureInfoRecord per
 * INFO. Records carry ids only; the page's GLOSSARY comes after them and is returned in the
 * trailer, so callers resolve names once the page is read.
 */
export async function* parsePostureInfoPage(
  body: BodyChunks,
  options: PageParseOptions = {},
): PageParser<PostureInfoRecord, PostureInfoTrailer> {
  let glossary: PostureInfoGlossary | null = null;

  const trailer = yield* parseXmlPage(
    body,
    {
      roots: ['POSTURE_INFO_LIST_OUTPUT'],
      records: [{ path: 'RESPONSE/INFO_LIST/INFO', map: mapPostureInfo }],
      envelope: {
        'RESPONSE/GLOSSARY': (element, unknown) => {
          glossary = readPostureGlossary(element, unknown);
        },
      },
    },
    options,
  );

  return { ...trailer, glossary };
}

function mapPostureInfo(element: XmlElement, scope: RecordScope): PostureInfoRecord {
  const unknown = scope.unknown.under('INFO');
  const info: PostureInfoRecord = {
    id: '',
    hostId: null,
    controlId: null,
    technologyId: null,
    instance: null,
    status: null,
    previousStatus: null,
    postureModifiedDate: null,
    firstFailDate: null,
    lastFailDate: null,
    firstPassDate: null,
    lastPassDate: null,
    evidence: null,
    remediation: null,
    causeOfFailure: null,
  };

  for (const field of element.children) {
    switch (field.name) {
      case 'ID':
        info.id = requiredId(field);
        scope.id = info.id;
        break;
      case 'HOST_ID':
        info.hostId = id(field);
        break;
      case 'CONTROL_ID':
        info.controlId = id(field);
        break;
      case 'TECHNOLOGY_ID':
        info.technologyId = id(field);
        break;
      case 'INSTANCE':
        info.instance = text(field);
        break;
      case 'STATUS':
        info.status = text(field);
        break;
      case 'PREVIOUS_STATUS':
        info.previousStatus = text(field);
        break;
      case 'POSTURE_MODIFIED_DATE':
        info.postureModifiedDate = date(field);
        break;
      case 'FIRST_FAIL_DATE':
        info.firstFailDate = date(field);
        break;
      case 'LAST_FAIL_DATE':
        info.lastFailDate = date(field);
        break;
      case 'FIRST_PASS_DATE':
        info.firstPassDate = date(field);
        break;
      case 'LAST_PASS_DATE':
        info.lastPassDate = date(field);
        break;
      case 'EVIDENCE':
        info.evidence = subtreeText(field);
        break;
      case 'REMEDIATION':
        info.remediation = subtreeText(field);
        break;
      case 'CAUSE_OF_FAILURE':
        info.causeOfFailure = subtreeText(field);
        break;
      default:
        unknown(field.name);
    }
  }

  if (info.id === '') throw new FieldError('ID', null, 'INFO has no ID');
  return info;
}

/** Evidence and remediation may be plain CDATA or nested elements: keep the text either way. */
function subtreeText(element: XmlElement): string | null {
  if (element.children.length === 0) return exact(element);
  const parts = element.children.map(c => subtreeText(c)).filter(p => p !== null);
  return parts.length === 0 ? null : parts.join('\n');
}

function readPostureGlossary(element: XmlElement, unknown: UnknownElements): PostureInfoGlossary {
  const glossary: PostureInfoGlossary = { hosts: [], controls: [], technologies: [] };
  const report = unknown.under('RESPONSE/GLOSSARY');

  for (const list of element.children) {
    if (list.name === 'HOST_LIST') {
      glossary.hosts = list.children.map(host => ({
        id: childText(host, 'ID'),
        ip: childText(host, 'IP'),
        dns: childText(host, 'DNS'),
        netbios: childText(host, 'NETBIOS'),
        os: childText(host, 'OS'),
      }));
    } else if (list.name === 'CONTROL_LIST') {
      glossary.controls = listOf(list, 'CONTROL', control => mapControl(control, () => {}), report);
    } else if (list.name === 'TECHNOLOGY_LIST') {
      glossary.technologies = list.children.map(readTechnology);
    } else {
      report(list.name);
    }
  }
  return glossary;
}
