import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

import { XMLParser, XMLValidator } from 'fast-xml-parser';

import { API, type ApiKey, XML_ROOTS } from '../apis';

/** Which API each sub-folder of a recorded folder answers. */
export const FOLDER_APIS: Readonly<Record<string, readonly ApiKey[]>> = {
  kb: [API.knowledgeBase],
  qvs: [API.qvs],
  hld: [API.hostDetection],
  hostlist: [API.hostList],
  'pc-policy': [API.policy],
  'pc-control': [API.control],
  'pc-posture': [API.posture],
  scan: [API.scan],
  pcrs: [API.pcrsPolicyList, API.pcrsHostIds, API.pcrsPosture],
};

export type RecordedFormat = 'xml' | 'json' | 'csv';

/** One record of a recorded answer, reduced to what matching looks at. */
export interface RecordedRecord {
  /** Host id, QID, policy id, CVE... the id the API pages and filters on. */
  key: string;
  /** Detection QIDs and statuses (HLD), host ids (PCRS posture). */
  qids?: string[];
  statuses?: string[];
  hostIds?: string[];
}

export interface RecordedFile {
  api: ApiKey;
  name: string;
  path: string;
  format: RecordedFormat;
  body: Buffer;
  /** HOST_LIST/VULN_LIST/... records, or ID_SET ids (`idSet` true). */
  records: RecordedRecord[];
  idSet: boolean;
  hasWarning: boolean;
  /** Parameters and status recorded beside the body (`<name>.meta.json`). */
  recordedParams?: Array<readonly [string, string]>;
  recordedStatus?: number;
  recordedContentType?: string;
  /** For a scan launch answer: the ID and REFERENCE items. */
  launch?: { id: number; ref: string };
}

export interface SkippedFile {
  path: string;
  reason: string;
}

export interface RecordedCatalog {
  dir: string;
  files: RecordedFile[];
  skipped: SkippedFile[];
}

const ARRAY_ELEMENTS = new Set([
  'HOST',
  'DETECTION',
  'VULN',
  'ID',
  'ID_RANGE',
  'POLICY',
  'CONTROL',
  'INFO',
  'ITEM',
  'SCAN',
]);

const parser = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: false,
  processEntities: false,
  isArray: name => ARRAY_ELEMENTS.has(name),
});

function isIgnoredName(name: string): boolean {
  return (
    name.endsWith('.meta.json') ||
    name.endsWith('.dtd') ||
    name.endsWith('.md') ||
    name.includes('.invalid.')
  );
}

function formatOf(name: string): RecordedFormat | undefined {
  const plain = name.replace(/\.txt$/, '');
  if (plain.endsWith('.xml')) {
    return 'xml';
  }
  if (plain.endsWith('.json')) {
    return 'json';
  }
  return plain.endsWith('.csv') ? 'csv' : undefined;
}

type Node = Record<string, unknown>;

function child(node: unknown, name: string): unknown {
  return node && typeof node === 'object' ? (node as Node)[name] : undefined;
}

function list(node: unknown, name: string): unknown[] {
  const value = child(node, name);
  return Array.isArray(value) ? value : value === undefined ? [] : [value];
}

function text(node: unknown): string {
  if (Array.isArray(node)) {
    return text(node[0]);
  }
  if (typeof node === 'string') {
    return node.trim();
  }
  const cdata = child(node, '#text');
  return typeof cdata === 'string' ? cdata.trim() : '';
}

function idSetKeys(idSet: unknown): RecordedRecord[] {
  const ids = list(idSet, 'ID').map(id => ({ key: text(id) }));
  const ranges = list(idSet, 'ID_RANGE').map(range => ({ key: text(range) }));
  return [...ids, ...ranges];
}

interface XmlIndex {
  records: RecordedRecord[];
  idSet: boolean;
  hasWarning: boolean;
  launch?: { id: number; ref: string };
}

function indexXml(api: ApiKey, root: string, response: unknown): XmlIndex | string {
  const expected = XML_ROOTS[api];
  const hasWarning = child(response, 'WARNING') !== undefined;
  if (root === 'SIMPLE_RETURN') {
    const items = list(child(response, 'ITEM_LIST'), 'ITEM');
    const value = (key: string): string =>
      text(
        child(
          items.find(item => text(child(item, 'KEY')) === key),
          'VALUE',
        ),
      );
    const ref = value('REFERENCE');
    return api === API.scan && ref !== '' && child(response, 'CODE') === undefined
      ? { records: [], idSet: false, hasWarning, launch: { id: Number(value('ID')), ref } }
      : 'SIMPLE_RETURN error bodies are not answers to match';
  }
  if (root !== expected) {
    return `Root element ${root} is not ${expected ?? 'an answer of this API'}`;
  }
  const idSet = child(response, 'ID_SET');
  if (idSet !== undefined) {
    return { records: idSetKeys(idSet), idSet: true, hasWarning };
  }
  return { records: xmlRecords(api, response), idSet: false, hasWarning };
}

function xmlRecords(api: ApiKey, response: unknown): RecordedRecord[] {
  switch (api) {
    case API.hostDetection:
      return list(child(response, 'HOST_LIST'), 'HOST').map(host => {
        const detections = list(child(host, 'DETECTION_LIST'), 'DETECTION');
        return {
          key: text(child(host, 'ID')),
          qids: detections.map(d => text(child(d, 'QID'))),
          statuses: detections.map(d => text(child(d, 'STATUS'))),
        };
      });
    case API.hostList:
      return list(child(response, 'HOST_LIST'), 'HOST').map(host => ({
        key: text(child(host, 'ID')),
      }));
    case API.knowledgeBase:
      return list(child(response, 'VULN_LIST'), 'VULN').map(v => ({ key: text(child(v, 'QID')) }));
    case API.policy:
      return list(child(response, 'POLICY_LIST'), 'POLICY').map(p => ({
        key: text(child(p, 'ID')),
      }));
    case API.control:
      return list(child(response, 'CONTROL_LIST'), 'CONTROL').map(c => ({
        key: text(child(c, 'ID')),
      }));
    case API.posture:
      return list(child(response, 'INFO_LIST'), 'INFO').map(i => ({
        key: text(child(i, 'HOST_ID')),
      }));
    case API.scan:
      return list(child(response, 'SCAN_LIST'), 'SCAN').map(s => ({ key: text(child(s, 'REF')) }));
    case API.qvs:
    case API.pcrsAuth:
    case API.pcrsPolicyList:
    case API.pcrsHostIds:
    case API.pcrsPosture:
      return [];
  }
}

function unsafeXml(body: string): string | undefined {
  if (/<!ENTITY/i.test(body) || /<!DOCTYPE[^>]*\[/i.test(body)) {
    return 'Declares entities or a DOCTYPE internal subset';
  }
  return undefined;
}

function indexXmlFile(api: ApiKey, body: string): XmlIndex | string {
  const unsafe = unsafeXml(body);
  if (unsafe) {
    return unsafe;
  }
  const valid = XMLValidator.validate(body);
  if (valid !== true) {
    return `Not well-formed XML: ${valid.err.msg} (line ${valid.err.line})`;
  }
  const parsed = parser.parse(body) as Node;
  const root = Object.keys(parsed).find(name => name !== '?xml' && !name.startsWith('!'));
  if (!root) {
    return 'No root element';
  }
  return indexXml(api, root, child(parsed[root], 'RESPONSE') ?? parsed[root]);
}

/** JSON answers: QVS object keyed by CVE, PCRS policy list, host ids, posture records. */
function indexJsonFile(
  folderApis: readonly ApiKey[],
  body: string,
): { api: ApiKey; index: XmlIndex } | string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch (error) {
    return `Not valid JSON: ${(error as Error).message}`;
  }
  const answer = (
    api: ApiKey,
    records: RecordedRecord[],
  ): { api: ApiKey; index: XmlIndex } | string =>
    folderApis.includes(api)
      ? { api, index: { records, idSet: false, hasWarning: false } }
      : 'JSON of another API';
  if (Array.isArray(parsed)) {
    const items = parsed as Node[];
    if (items.every(item => 'hostIds' in item && 'policyId' in item)) {
      return answer(
        API.pcrsHostIds,
        items.map(item => ({
          key: String(item.policyId),
          hostIds: (item.hostIds as unknown[]).map(String),
        })),
      );
    }
    if (items.every(item => 'controlId' in item)) {
      return answer(
        API.pcrsPosture,
        items.map(item => ({ key: String(item.policyId), hostIds: [String(item.hostId)] })),
      );
    }
    return 'JSON array of unknown records';
  }
  const object = (parsed ?? {}) as Node;
  if (Array.isArray(object.policyList)) {
    return answer(
      API.pcrsPolicyList,
      (object.policyList as Node[]).map(p => ({ key: String(p.id) })),
    );
  }
  const keys = Object.keys(object);
  if (keys.length > 0 && keys.every(key => /^CVE-\d{4}-\d+$/.test(key))) {
    return answer(
      API.qvs,
      keys.map(key => ({ key })),
    );
  }
  return 'JSON error body or unknown shape';
}

/** CSV Host Detection output: host ids from the first column of the body section. */
function indexCsvFile(body: string): XmlIndex | string {
  const start = body.indexOf('----BEGIN_RESPONSE_BODY_CSV');
  const end = body.indexOf('----END_RESPONSE_BODY_CSV');
  if (start < 0 || end < start) {
    return 'CSV without a response body section';
  }
  const lines = body.slice(start, end).split('\n').slice(2);
  const hosts = new Set(lines.map(l => /^(\d+),/.exec(l)?.[1]).filter((id): id is string => !!id));
  return { records: [...hosts].map(key => ({ key })), idSet: false, hasWarning: false };
}

function readMeta(
  path: string,
): Pick<RecordedFile, 'recordedParams' | 'recordedStatus' | 'recordedContentType'> {
  try {
    const metaPath = `${path.replace(/\.(xml|json|csv)(\.txt)?$/, '')}.meta.json`;
    const meta = JSON.parse(readFileSync(metaPath, 'utf8')) as {
      request?: { url?: string; body?: string | null };
      response?: { status?: number; headers?: Array<{ name: string; value: string }> };
    };
    const url = new URL(meta.request?.url ?? 'http://recorded/');
    const params: Array<readonly [string, string]> = [...url.searchParams.entries()];
    if (meta.request?.body) {
      params.push(...new URLSearchParams(meta.request.body).entries());
    }
    const contentType = meta.response?.headers?.find(
      h => h.name.toLowerCase() === 'content-type',
    )?.value;
    return {
      recordedParams: params,
      recordedStatus: meta.response?.status,
      recordedContentType: contentType,
    };
  } catch {
    return {};
  }
}

function indexFile(
  folderApis: readonly ApiKey[],
  path: string,
  name: string,
): RecordedFile | string {
  const format = formatOf(name);
  if (!format) {
    return 'Not an XML, JSON or CSV answer';
  }
  const body = readFileSync(path);
  const textBody = body.toString('utf8');
  let api = folderApis[0];
  let index: XmlIndex | string;
  if (format === 'json') {
    const json = indexJsonFile(folderApis, textBody);
    if (typeof json === 'string') {
      return json;
    }
    api = json.api;
    index = json.index;
  } else if (format === 'csv') {
    index = folderApis.includes(API.hostDetection)
      ? indexCsvFile(textBody)
      : 'CSV only for Host Detection';
  } else {
    index = api ? indexXmlFile(api, textBody) : 'No API for this folder';
  }
  if (typeof index === 'string' || !api) {
    return typeof index === 'string' ? index : 'No API for this folder';
  }
  return { api, name, path, format, body, ...index, ...readMeta(path) };
}

/**
 * Reads a folder laid out like shared/samples/qualys: one sub-folder per API. Files that are not
 * complete, well-formed answers of their folder's API are skipped (with the reason kept).
 */
export function loadRecordedCatalog(dir: string): RecordedCatalog {
  const files: RecordedFile[] = [];
  const skipped: SkippedFile[] = [];
  for (const folder of readdirSync(dir).sort()) {
    const folderApis = FOLDER_APIS[folder];
    const folderPath = join(dir, folder);
    if (!folderApis || !statSync(folderPath).isDirectory()) {
      continue;
    }
    for (const name of readdirSync(folderPath).sort()) {
      const path = join(folderPath, name);
      if (isIgnoredName(name) || !statSync(path).isFile()) {
        continue;
      }
      const indexed = indexFile(folderApis, path, name);
      if (typeof indexed === 'string') {
        skipped.push({ path, reason: indexed });
      } else {
        files.push(indexed);
      }
    }
  }
  return { dir, files, skipped };
}
