import { type QvsRecord } from '../records/qvs';
import { FieldError, parseDecimal, parseInteger } from './fields';
import { streamJsonValues } from './json-stream';
import { jsonText } from './json-values';
import {
  type BodyChunks,
  type PageParser,
  type PageTrailer,
  type ParsedItem,
  type RecordRejection,
} from './page';
import { type PageParseOptions } from './xml-page';

const CVE_ID = /^CVE-\d{4}-\d{4,}$/;

/** Reason under which the trailer counts keys that are not CVE ids. */
export const QVS_SKIPPED_NOT_CVE = 'key is not a CVE id';

const LIST_FACTORS = [
  'exploitMaturity',
  'threatActors',
  'trending',
  'malwareName',
  'malwareHash',
  'epss',
  'rti',
  'mitigationControls',
] as const;
type ListFactor = (typeof LIST_FACTORS)[number];

const SCALAR_FACTORS = new Set(['cvss', 'cvssVersion', 'cvssString']);

/**
 * QVS answer (`/api/{2.0,3.0}/fo/knowledge_base/qvs/`): a JSON object keyed by CVE id, streamed
 * one entry at a time. Keys that are not CVE ids are skipped and counted in
 * `trailer.skipped[QVS_SKIPPED_NOT_CVE]`; an entry with a bad value is rejected with its path.
 */
export async function* parseQvsResponse(
  body: BodyChunks,
  options: PageParseOptions = {},
): PageParser<QvsRecord> {
  const trailer: PageTrailer = {
    responseDatetime: null,
    warning: null,
    recordCount: 0,
    unknownElements: {},
    rejectedCount: 0,
    skipped: {},
  };
  const skipped = trailer.skipped as Record<string, number>;

  let index = 0;
  for await (const { key, value } of streamJsonValues(body, ['$.*'], options)) {
    const cve = String(key);
    if (!CVE_ID.test(cve)) {
      skipped[QVS_SKIPPED_NOT_CVE] = (skipped[QVS_SKIPPED_NOT_CVE] ?? 0) + 1;
      continue;
    }

    const item = mapEntry(cve, value, index++, trailer.unknownElements);
    trailer.recordCount++;
    if (item.kind === 'rejected') trailer.rejectedCount = (trailer.rejectedCount ?? 0) + 1;
    yield item;
  }

  return trailer;
}

function mapEntry(
  cve: string,
  value: unknown,
  index: number,
  unknown: Record<string, number>,
): ParsedItem<QvsRecord> {
  try {
    return { kind: 'record', record: mapQvs(cve, value, unknown) };
  } catch (err) {
    if (!(err instanceof FieldError)) throw err;
    const rejection: RecordRejection = {
      index,
      id: cve,
      element: err.element === '' ? cve : `${cve}/${err.element}`,
      value: err.value,
      reason: err.message,
    };
    return { kind: 'rejected', rejection };
  }
}

function mapQvs(cve: string, value: unknown, unknown: Record<string, number>): QvsRecord {
  const entry = asObject(value, '');
  const base = asObject(entry.base ?? {}, 'base');
  const factors = asObject(entry.contributingFactors ?? {}, 'contributingFactors');

  const record: QvsRecord = {
    cve,
    idType: jsonText(base.idType),
    qvs: parseInteger(jsonText(base.qvs), 'base/qvs'),
    qvsLastChangedDate: epochSeconds(base.qvsLastChangedDate, 'base/qvsLastChangedDate'),
    nvdPublishedDate: epochSeconds(base.nvdPublishedDate, 'base/nvdPublishedDate'),
    cvss: parseDecimal(jsonText(factors.cvss), 'contributingFactors/cvss'),
    cvssVersion: jsonText(factors.cvssVersion),
    cvssString: jsonText(factors.cvssString),
    exploitMaturity: null,
    threatActors: null,
    trending: null,
    malwareName: null,
    malwareHash: null,
    epss: null,
    rti: null,
    mitigationControls: null,
    otherFactors: {},
  };

  for (const [name, factor] of Object.entries(factors)) {
    if (SCALAR_FACTORS.has(name)) continue;
    if (isListFactor(name)) record[name] = factorList(factor);
    else {
      record.otherFactors[name] = factorList(factor) ?? [];
      unknown[`contributingFactors/${name}`] = (unknown[`contributingFactors/${name}`] ?? 0) + 1;
    }
  }

  return record;
}

function isListFactor(name: string): name is ListFactor {
  return (LIST_FACTORS as readonly string[]).includes(name);
}

function asObject(value: unknown, path: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new FieldError(path, JSON.stringify(value) ?? null, 'Not a JSON object');
  }
  return value as Record<string, unknown>;
}

function epochSeconds(value: unknown, path: string): Date | null {
  const text = jsonText(value);
  if (text === null) return null;
  const seconds = parseInteger(text, path);
  return seconds === null ? null : new Date(seconds * 1000);
}

/**
 * Every factor as a list of strings: arrays (nested ones flattened, as mitigationControls comes)
 * of strings or numbers, each split on commas. Absent → null.
 */
function factorList(value: unknown): string[] | null {
  if (value === null || value === undefined) return null;
  const out: string[] = [];
  const visit = (item: unknown): void => {
    if (Array.isArray(item)) {
      item.forEach(visit);
      return;
    }
    const text = jsonText(item);
    if (text === null) return;
    for (const part of text.split(',')) {
      const trimmed = part.trim();
      if (trimmed.length > 0) out.push(trimmed);
    }
  };
  visit(value);
  return out;
}
