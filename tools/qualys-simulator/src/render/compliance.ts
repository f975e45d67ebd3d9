import { policyControls, postureCoordinates } from '../generator/compliance';
import { type Estate } from '../generator/estate';
import { type ControlRecord, type PolicyRecord, type PostureRecord } from '../generator/model';
import { type IdRange, inRanges } from '../http/params';
import {
  indexesInRanges,
  type PageOptions,
  type PageSummary,
  writeIdSet,
  writeRecords,
} from './page';
import { cdata, cdataElement, type ChunkWrite, isoSeconds, xmlDeclaration } from './xml';

export const POLICY_LIST_ROOT = 'POLICY_LIST_OUTPUT';
export const POLICY_EXPORT_ROOT = 'POLICY_EXPORT_OUTPUT';
export const CONTROL_LIST_ROOT = 'CONTROL_LIST_OUTPUT';
export const POSTURE_INFO_ROOT = 'POSTURE_INFO_LIST_OUTPUT';
const DTD_BASE = 'https://qualysapi.qualys.com/api/2.0/fo/compliance';

export type ComplianceDetails = 'Basic' | 'All' | 'None';

function open(root: string, dtd: string, estate: Estate): string {
  return (
    `${xmlDeclaration(root, `${DTD_BASE}/${dtd}`)}<${root}>\n  <RESPONSE>\n` +
    `    <DATETIME>${isoSeconds(estate.now())}</DATETIME>\n`
  );
}

function close(root: string): string {
  return `  </RESPONSE>\n</${root}>\n`;
}

function criticalityXml(control: ControlRecord, indent: string): string {
  return (
    `${indent}<CRITICALITY>\n${indent}  <LABEL>${control.criticalityLabel}</LABEL>\n` +
    `${indent}  <VALUE>${control.criticalityValue}</VALUE>\n${indent}</CRITICALITY>\n`
  );
}

function technologiesXml(control: ControlRecord, indent: string, withRationale: boolean): string {
  const items = control.technologies
    .map(
      t =>
        `${indent}  <TECHNOLOGY>\n${indent}    <ID>${t.id}</ID>\n${indent}    ${cdataElement('NAME', t.name)}\n` +
        (withRationale ? `${indent}    ${cdataElement('RATIONALE', t.rationale)}\n` : '') +
        `${indent}  </TECHNOLOGY>\n`,
    )
    .join('');
  return `${indent}<TECHNOLOGY_LIST>\n${items}${indent}</TECHNOLOGY_LIST>\n`;
}

// Policy list

export interface PolicyListQuery extends PageOptions {
  details?: ComplianceDetails;
  ids?: readonly IdRange[];
  idMin?: number;
  idMax?: number;
  updatedAfter?: number;
  createdAfter?: number;
  /** API version 3.0 adds a STATUS per control. */
  apiVersion?: string;
}

function policyXml(estate: Estate, policy: PolicyRecord, q: PolicyListQuery): string {
  const P = '        ';
  const controls = policyControls(policy)
    .map(index => estate.control(index))
    .map(
      c =>
        `${P}  <CONTROL>\n${P}    <ID>${c.id}</ID>\n${P}    ${cdataElement('STATEMENT', c.statement)}\n` +
        criticalityXml(c, `${P}    `) +
        `${P}    <DEPRECATED>0</DEPRECATED>\n` +
        (q.apiVersion === '3.0' ? `${P}    <STATUS>active</STATUS>\n` : '') +
        (q.details === 'All' ? technologiesXml(c, `${P}    `, false) : '') +
        `${P}  </CONTROL>\n`,
    )
    .join('');
  return (
    `      <POLICY>\n${P}<ID>${policy.id}</ID>\n${P}${cdataElement('TITLE', policy.title)}\n` +
    `${P}<CREATED>\n${P}  <DATETIME>${isoSeconds(policy.createdMs)}</DATETIME>\n${P}  <BY>${policy.createdBy}</BY>\n${P}</CREATED>\n` +
    `${P}<LAST_MODIFIED>\n${P}  <DATETIME>${isoSeconds(policy.modifiedMs)}</DATETIME>\n${P}  <BY>${policy.modifiedBy}</BY>\n${P}</LAST_MODIFIED>\n` +
    `${P}<LAST_EVALUATED>\n${P}  <DATETIME>${isoSeconds(policy.lastEvaluatedMs)}</DATETIME>\n${P}</LAST_EVALUATED>\n` +
    `${P}<STATUS>${policy.status}</STATUS>\n${P}<IS_LOCKED>${policy.locked ? 1 : 0}</IS_LOCKED>\n` +
    `${P}<CONTROL_LIST>\n${controls}${P}</CONTROL_LIST>\n      </POLICY>\n`
  );
}

function policyIndex(estate: Estate): {
  count: number;
  idAt(i: number): number;
  indexAtOrAfter(id: number): number;
} {
  const policies = estate.policies();
  return {
    count: policies.length,
    idAt: i => policies[i]?.id ?? Number.MAX_SAFE_INTEGER,
    indexAtOrAfter: id => {
      const found = policies.findIndex(p => p.id >= id);
      return found < 0 ? policies.length : found;
    },
  };
}

export async function renderPolicyListPage(
  estate: Estate,
  query: PolicyListQuery,
  write: ChunkWrite,
): Promise<PageSummary> {
  await write(open(POLICY_LIST_ROOT, 'policy/policy_list_output.dtd', estate));
  const policies = estate.policies();
  const matches = (p: PolicyRecord): boolean =>
    (query.updatedAfter === undefined || p.modifiedMs >= query.updatedAfter) &&
    (query.createdAfter === undefined || p.createdMs >= query.createdAfter);
  const indexes = indexesInRanges(policyIndex(estate), query.ids, query.idMin, query.idMax);
  const policyAt = (i: number): PolicyRecord | undefined => {
    const policy = policies[i];
    return policy && matches(policy) ? policy : undefined;
  };
  const summary =
    query.details === 'None'
      ? await writeIdSet(indexes, i => policyAt(i)?.id, query, write)
      : await writeRecords(
          indexes,
          i => {
            const policy = policyAt(i);
            return policy ? { id: policy.id, xml: policyXml(estate, policy, query) } : undefined;
          },
          query,
          write,
          '    <POLICY_LIST>\n',
          '    </POLICY_LIST>\n',
        );
  await write(close(POLICY_LIST_ROOT));
  return summary;
}

// Policy export (action=export&id=)

export interface PolicyExportQuery {
  showUserControls?: boolean;
  showAppendix?: boolean;
}

export function renderPolicyExport(
  estate: Estate,
  policy: PolicyRecord,
  query: PolicyExportQuery,
): string {
  const P = '      ';
  const technologies = policy.technologyIds
    .map(id =>
      estate
        .controls()
        .flatMap(c => c.technologies)
        .find(t => t.id === id),
    )
    .filter(t => t !== undefined)
    .map(
      t =>
        `${P}  <TECHNOLOGY>\n${P}    <ID>${t.id}</ID>\n${P}    ${cdataElement('NAME', t.name)}\n${P}  </TECHNOLOGY>\n`,
    )
    .join('');
  const sections = policy.sections
    .map(section => {
      const controls = section.controlIndexes
        .map(index => estate.control(index))
        .filter(c => query.showUserControls === true || !c.userDefined);
      const controlsXml = controls
        .map(
          c =>
            `${P}      <CONTROL>\n${P}        <ID>${c.id}</ID>\n${P}        ${cdataElement('STATEMENT', c.statement)}\n` +
            criticalityXml(c, `${P}        `) +
            (c.userDefined ? `${P}        <USER_DEFINED>1</USER_DEFINED>\n` : '') +
            technologiesXml(c, `${P}        `, true) +
            `${P}      </CONTROL>\n`,
        )
        .join('');
      return (
        `${P}  <SECTION>\n${P}    <NUMBER>${section.number}</NUMBER>\n${P}    ${cdataElement('HEADING', section.heading)}\n` +
        `${P}    <CONTROLS total="${controls.length}">\n${controlsXml}${P}    </CONTROLS>\n${P}  </SECTION>\n`
      );
    })
    .join('');
  return (
    open(POLICY_EXPORT_ROOT, 'policy/export/policy_export_output.dtd', estate) +
    `    <POLICY>\n${P}<ID>${policy.id}</ID>\n${P}${cdataElement('TITLE', policy.title)}\n` +
    `${P}<EXPORTED>${isoSeconds(estate.now())}</EXPORTED>\n${P}<STATUS>${policy.status}</STATUS>\n` +
    `${P}<TECHNOLOGIES total="${policy.technologyIds.length}">\n${technologies}${P}</TECHNOLOGIES>\n` +
    `${P}<SECTIONS total="${policy.sections.length}">\n${sections}${P}</SECTIONS>\n` +
    (query.showAppendix
      ? `${P}<APPENDIX>${cdata('Generated policy; see control rationales.')}</APPENDIX>\n`
      : '') +
    `    </POLICY>\n` +
    close(POLICY_EXPORT_ROOT)
  );
}

// Control list

export interface ControlListQuery extends PageOptions {
  details?: ComplianceDetails;
  ids?: readonly IdRange[];
  idMin?: number;
  idMax?: number;
  updatedAfter?: number;
  createdAfter?: number;
}

function controlXml(c: ControlRecord, q: ControlListQuery): string {
  const C = '        ';
  return (
    `      <CONTROL>\n${C}<ID>${c.id}</ID>\n${C}<UPDATE_DATE>${isoSeconds(c.updatedMs)}</UPDATE_DATE>\n` +
    `${C}<CREATED_DATE>${isoSeconds(c.createdMs)}</CREATED_DATE>\n${C}${cdataElement('CATEGORY', c.category)}\n` +
    `${C}${cdataElement('SUB_CATEGORY', c.subCategory)}\n${C}${cdataElement('CHECK_TYPE', c.checkType)}\n` +
    `${C}${cdataElement('STATEMENT', c.statement)}\n${criticalityXml(c, C)}` +
    `${C}<IGNORE_ERROR>0</IGNORE_ERROR>\n${C}<USE_AGENT_ONLY>0</USE_AGENT_ONLY>\n${C}<AUTO_UPDATE>1</AUTO_UPDATE>\n` +
    technologiesXml(c, C, true) +
    (q.details === 'All'
      ? `${C}<FRAMEWORK_LIST>\n${C}  <FRAMEWORK>\n${C}    <ID>1</ID>\n${C}    ${cdataElement('NAME', 'CIS Controls v8')}\n` +
        `${C}    <REFERENCE_LIST>\n${C}      <REFERENCE>\n${C}        ${cdataElement('SECTION', `${1 + (c.index % 18)}.${1 + (c.index % 7)}`)}\n` +
        `${C}      </REFERENCE>\n${C}    </REFERENCE_LIST>\n${C}  </FRAMEWORK>\n${C}</FRAMEWORK_LIST>\n`
      : '') +
    '      </CONTROL>\n'
  );
}

export async function renderControlListPage(
  estate: Estate,
  query: ControlListQuery,
  write: ChunkWrite,
): Promise<PageSummary> {
  await write(open(CONTROL_LIST_ROOT, 'control/control_list_output.dtd', estate));
  const controls = estate.controls();
  const sorted = {
    count: controls.length,
    idAt: (i: number) => controls[i]?.id ?? Number.MAX_SAFE_INTEGER,
    indexAtOrAfter: (id: number) => {
      const found = controls.findIndex(c => c.id >= id);
      return found < 0 ? controls.length : found;
    },
  };
  const controlAt = (i: number): ControlRecord | undefined => {
    const c = controls[i];
    return c &&
      (query.updatedAfter === undefined || c.updatedMs >= query.updatedAfter) &&
      (query.createdAfter === undefined || c.createdMs >= query.createdAfter)
      ? c
      : undefined;
  };
  const indexes = indexesInRanges(sorted, query.ids, query.idMin, query.idMax);
  const summary =
    query.details === 'None'
      ? await writeIdSet(indexes, i => controlAt(i)?.id, query, write)
      : await writeRecords(
          indexes,
          i => {
            const c = controlAt(i);
            return c ? { id: c.id, xml: controlXml(c, query) } : undefined;
          },
          query,
          write,
          '    <CONTROL_LIST>\n',
          '    </CONTROL_LIST>\n',
        );
  await write(close(CONTROL_LIST_ROOT));
  return summary;
}

// Posture info (legacy PC results)

export interface PostureInfoQuery extends PageOptions {
  policy: PolicyRecord;
  hostIds?: readonly IdRange[];
  idMin?: number;
  statusChangesSince?: number;
  details?: ComplianceDetails;
  hideEvidence?: boolean;
}

function* postureCandidates(estate: Estate, q: PostureInfoQuery): Generator<PostureRecord> {
  const start = q.idMin === undefined ? undefined : postureCoordinates(q.idMin);
  const firstHost = start && start.policyIndex === q.policy.index ? start.hostIndex : 0;
  for (let hostIndex = firstHost; hostIndex < estate.hostCount; hostIndex += 1) {
    if (!estate.policyHasHost(q.policy, hostIndex)) {
      continue;
    }
    if (q.hostIds && !inRanges(q.hostIds, estate.hostIdAt(hostIndex))) {
      continue;
    }
    for (const posture of estate.postures(q.policy, hostIndex)) {
      if (q.idMin !== undefined && posture.id < q.idMin) {
        continue;
      }
      if (q.statusChangesSince !== undefined && posture.modifiedMs < q.statusChangesSince) {
        continue;
      }
      yield posture;
    }
  }
}

function postureXml(estate: Estate, r: PostureRecord, q: PostureInfoQuery): string {
  const I = '        ';
  const date = (name: string, ms: number | undefined): string =>
    ms === undefined ? '' : `${I}<${name}>${isoSeconds(ms)}</${name}>\n`;
  return (
    `      <INFO>\n${I}<ID>${r.id}</ID>\n${I}<HOST_ID>${estate.hostIdAt(r.hostIndex)}</HOST_ID>\n` +
    `${I}<CONTROL_ID>${estate.control(r.controlIndex).id}</CONTROL_ID>\n${I}<TECHNOLOGY_ID>${r.technologyId}</TECHNOLOGY_ID>\n` +
    `${I}${cdataElement('INSTANCE', r.instance)}\n${I}<STATUS>${r.status}</STATUS>\n` +
    date('POSTURE_MODIFIED_DATE', r.modifiedMs) +
    date('FIRST_FAIL_DATE', r.firstFailMs) +
    date('LAST_FAIL_DATE', r.lastFailMs) +
    date('FIRST_PASS_DATE', r.firstPassMs) +
    date('LAST_PASS_DATE', r.lastPassMs) +
    (q.details === 'All' && !q.hideEvidence
      ? `${I}<EVIDENCE>\n${I}  <BOOLEAN_EXPR>${cdata(r.evidence)}</BOOLEAN_EXPR>\n${I}</EVIDENCE>\n`
      : '') +
    '      </INFO>\n'
  );
}

function glossaryXml(estate: Estate, seen: ReadonlyArray<PostureRecord>): string {
  const hostIndexes = [...new Set(seen.map(r => r.hostIndex))].sort((a, b) => a - b);
  const controlIndexes = [...new Set(seen.map(r => r.controlIndex))].sort((a, b) => a - b);
  const technologies = new Map<number, string>();
  const G = '        ';
  const hosts = hostIndexes
    .map(i => estate.host(i))
    .filter(h => h !== undefined)
    .map(
      h =>
        `${G}<HOST>\n${G}  <ID>${h.id}</ID>\n` +
        (h.ip ? `${G}  <IP>${h.ip}</IP>\n` : '') +
        `${G}  <TRACKING_METHOD>${h.trackingMethod}</TRACKING_METHOD>\n` +
        (h.dns ? `${G}  ${cdataElement('DNS', h.dns)}\n` : '') +
        (h.netbios ? `${G}  ${cdataElement('NETBIOS', h.netbios)}\n` : '') +
        `${G}  ${cdataElement('OS', h.os)}\n${G}</HOST>\n`,
    )
    .join('');
  const controls = controlIndexes
    .map(i => estate.control(i))
    .map(c => {
      c.technologies.forEach(t => technologies.set(t.id, t.name));
      return (
        `${G}<CONTROL>\n${G}  <ID>${c.id}</ID>\n${G}  ${cdataElement('STATEMENT', c.statement)}\n` +
        criticalityXml(c, `${G}  `) +
        `${G}</CONTROL>\n`
      );
    })
    .join('');
  const techs = [...technologies.entries()]
    .sort(([a], [b]) => a - b)
    .map(
      ([id, name]) =>
        `${G}<TECHNOLOGY>\n${G}  <ID>${id}</ID>\n${G}  ${cdataElement('NAME', name)}\n${G}</TECHNOLOGY>\n`,
    )
    .join('');
  return (
    `    <GLOSSARY>\n      <HOST_LIST>\n${hosts}      </HOST_LIST>\n      <CONTROL_LIST>\n${controls}      </CONTROL_LIST>\n` +
    `      <TECHNOLOGY_LIST>\n${techs}      </TECHNOLOGY_LIST>\n    </GLOSSARY>\n`
  );
}

/**
 * Streams a posture info page: INFO records (ids only), then the WARNING when truncated, then a
 * GLOSSARY with the hosts, controls and technologies those records name.
 */
export async function renderPostureInfoPage(
  estate: Estate,
  query: PostureInfoQuery,
  write: ChunkWrite,
): Promise<PageSummary> {
  await write(open(POSTURE_INFO_ROOT, 'posture/info/posture_info_list_output.dtd', estate));
  const seen: PostureRecord[] = [];
  const summary = await writeRecords(
    postureCandidates(estate, query),
    record => {
      seen.push(record);
      return { id: record.id, xml: postureXml(estate, record, query) };
    },
    query,
    write,
    '    <INFO_LIST>\n',
    '    </INFO_LIST>\n',
  );
  if (summary.nextIdMin !== undefined) {
    seen.pop();
  }
  if (seen.length > 0) {
    await write(glossaryXml(estate, seen));
  }
  await write(close(POSTURE_INFO_ROOT));
  return summary;
}
