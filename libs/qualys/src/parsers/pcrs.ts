import { QUALYS_ERROR_KINDS, QualysApiError } from '../errors';
import {
  type PcrsPolicyHostIds,
  type PcrsPolicyRecord,
  type PcrsPostureRecord,
} from '../records/pcrs';
import { gunzipIfCompressed } from '../xml/body-text';
import { type ErrorContext } from '../xml/error-context';
import { FieldError, parseDate } from './fields';
import { type JsonPathValue, streamJsonValues } from './json-stream';
import { jsonText } from './json-values';
import {
  type BodyChunks,
  type PageParser,
  type PageTrailer,
  type ParsedItem,
  type RecordRejection,
} from './page';
import { type PageParseOptions } from './xml-page';

type JsonObject = Record<string, unknown>;

export interface PcrsPolicyListTrailer extends PageTrailer {
  subscriptionId: string | null;
}

function emptyTrailer(): PageTrailer {
  return {
    responseDatetime: null,
    warning: null,
    recordCount: 0,
    unknownElements: {},
    rejectedCount: 0,
  };
}

/** `GET /pcrs/{version}/posture/policy/list`: one PcrsPolicyRecord per policyList element. */
export async function* parsePcrsPolicyList(
  body: BodyChunks,
  options: PageParseOptions = {},
): PageParser<PcrsPolicyRecord, PcrsPolicyListTrailer> {
  let subscriptionId: string | null = null;
  const trailer = yield* mapJsonRecords(
    streamJsonValues(body, ['$.subscriptionId', '$.policyList.*'], options),
    (value, item) => {
      if (item.path === '$.subscriptionId') {
        subscriptionId = idOf(value, 'subscriptionId');
        return undefined;
      }
      return mapPolicy(value);
    },
    options.context ?? {},
  );
  return { ...trailer, subscriptionId };
}

/**
 * `GET /pcrs/{version}/posture/hostids`: one PcrsPolicyHostIds per policy. A policy the service
 * answers with an `error` string (HTTP 200, empty hostIds, e.g. an unknown policy id) is yielded
 * as a rejection carrying that text.
 */
export function parsePcrsHostIds(
  body: BodyChunks,
  options: PageParseOptions = {},
): PageParser<PcrsPolicyHostIds> {
  return mapJsonRecords(
    streamJsonValues(body, ['$.*'], options),
    value => mapHostIds(value),
    options.context ?? {},
  );
}

/**
 * `POST /pcrs/{version}/posture/postureInfo`: a JSON array of posture records, possibly huge and
 * gzip-compressed (detected by its magic bytes), yielded one record at a time.
 */
export function parsePcrsPostureInfo(
  body: BodyChunks,
  options: PageParseOptions = {},
): PageParser<PcrsPostureRecord> {
  const context = options.context ?? {};
  return mapJsonRecords(
    streamJsonValues(gunzipIfCompressed(body, context), ['$.*'], options),
    value => mapPosture(value),
    context,
  );
}

/** A record, a rejection-worthy fault (FieldError), or nothing to yield (undefined). */
type JsonMapper<R> = (value: unknown, item: JsonPathValue) => R | undefined;

async function* mapJsonRecords<R>(
  values: AsyncGenerator<JsonPathValue, unknown, undefined>,
  map: JsonMapper<R>,
  context: ErrorContext,
): PageParser<R> {
  const trailer = emptyTrailer();
  let index = 0;

  for await (const item of values) {
    throwIfJsonSimpleReturn(item.value, context);

    let parsed: ParsedItem<R>;
    try {
      const record = map(item.value, item);
      if (record === undefined) continue;
      parsed = { kind: 'record', record };
    } catch (err) {
      if (!(err instanceof FieldError)) throw err;
      parsed = { kind: 'rejected', rejection: rejectionOf(err, item.value, index) };
      trailer.rejectedCount = (trailer.rejectedCount ?? 0) + 1;
    }

    index++;
    trailer.recordCount++;
    yield parsed;
  }

  return trailer;
}

function rejectionOf(err: FieldError, value: unknown, index: number): RecordRejection {
  const object = isObject(value) ? value : {};
  const id = object.id ?? object.policyId;
  return {
    index,
    id: typeof id === 'string' || typeof id === 'number' ? String(id) : null,
    element: err.element === '' ? `[${index}]` : `[${index}].${err.element}`,
    value: err.value,
    reason: err.message,
  };
}

/** PCRS answers 400 with a JSON SIMPLE_RETURN: `[{"response":{"code":1905,"text":…}}]`. */
function throwIfJsonSimpleReturn(value: unknown, context: ErrorContext): void {
  if (!isObject(value) || !isObject(value.response)) return;
  const { code, text } = value.response;
  if (code === undefined || code === null) return;

  const apiText = typeof text === 'string' ? text : undefined;
  throw new QualysApiError({
    ...context,
    kind: QUALYS_ERROR_KINDS.api,
    message: `Qualys answered code ${jsonText(code) ?? ''}: ${apiText ?? 'no text'}`,
    apiCode: jsonText(code) ?? undefined,
    apiText,
  });
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function asObject(value: unknown): JsonObject {
  if (!isObject(value)) {
    throw new FieldError('', JSON.stringify(value) ?? null, 'Not a JSON object');
  }
  return value;
}

/** Ids arrive as strings in one answer and numbers in the next: always a string here. */
function idOf(value: unknown, name: string): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'string' && typeof value !== 'number') {
    throw new FieldError(name, JSON.stringify(value) ?? null, 'Not an id');
  }
  const text = String(value).trim();
  return text.length === 0 ? null : text;
}

function requiredIdOf(value: unknown, name: string): string {
  const id = idOf(value, name);
  if (id === null) throw new FieldError(name, null, `Record has no ${name}`);
  return id;
}

function dateOf(value: unknown, name: string): Date | null {
  return parseDate(jsonText(value), name);
}

function flagOf(value: unknown, name: string): boolean | null {
  const text = jsonText(value);
  if (text === null) return null;
  if (text === '1' || text === 'true') return true;
  if (text === '0' || text === 'false') return false;
  throw new FieldError(name, text, 'Not a 0/1 flag');
}

function mapPolicy(value: unknown): PcrsPolicyRecord {
  const policy = asObject(value);
  return {
    id: requiredIdOf(policy.id, 'id'),
    title: jsonText(policy.title),
    createdBy: jsonText(policy.createdBy),
    createdDate: dateOf(policy.createdDate, 'createdDate'),
    modifiedBy: jsonText(policy.modifiedBy),
    modifiedDate: dateOf(policy.modifiedDate, 'modifiedDate'),
    lastEvaluatedDate: dateOf(policy.lastEvaluatedDate, 'lastEvaluatedDate'),
    status: jsonText(policy.status),
    locked: flagOf(policy.locked, 'locked'),
  };
}

function mapHostIds(value: unknown): PcrsPolicyHostIds {
  const entry = asObject(value);
  const error = jsonText(entry.error);
  if (error !== null)
    throw new FieldError('error', error, `Policy answered with an error: ${error}`);

  const hostIds = entry.hostIds ?? [];
  if (!Array.isArray(hostIds)) {
    throw new FieldError('hostIds', JSON.stringify(hostIds) ?? null, 'hostIds is not an array');
  }
  return {
    policyId: requiredIdOf(entry.policyId, 'policyId'),
    subscriptionId: idOf(entry.subscriptionId, 'subscriptionId'),
    hostIds: hostIds.map((hostId, i) => requiredIdOf(hostId, `hostIds/${i}`)),
  };
}

const POSTURE_FIELDS = new Set([
  'id',
  'hostId',
  'policyId',
  'policyTitle',
  'controlId',
  'controlStatement',
  'rationale',
  'instance',
  'netBios',
  'status',
  'postureModifiedDate',
  'firstFailDate',
  'lastFailDate',
  'firstPassDate',
  'lastPassDate',
]);

function mapPosture(value: unknown): PcrsPostureRecord {
  const posture = asObject(value);
  const extra: JsonObject = {};
  for (const [name, field] of Object.entries(posture)) {
    if (!POSTURE_FIELDS.has(name)) extra[name] = field;
  }

  return {
    id: requiredIdOf(posture.id, 'id'),
    hostId: idOf(posture.hostId, 'hostId'),
    policyId: idOf(posture.policyId, 'policyId'),
    policyTitle: jsonText(posture.policyTitle),
    controlId: idOf(posture.controlId, 'controlId'),
    controlStatement: jsonText(posture.controlStatement),
    rationale: jsonText(posture.rationale),
    instance: jsonText(posture.instance),
    netBios: jsonText(posture.netBios),
    status: jsonText(posture.status),
    postureModifiedDate: dateOf(posture.postureModifiedDate, 'postureModifiedDate'),
    firstFailDate: dateOf(posture.firstFailDate, 'firstFailDate'),
    lastFailDate: dateOf(posture.lastFailDate, 'lastFailDate'),
    firstPassDate: dateOf(posture.firstPassDate, 'firstPassDate'),
    lastPassDate: dateOf(posture.lastPassDate, 'lastPassDate'),
    extra,
  };
}

/**
 * The error of a PCRS answer that is not data (401, 404, 400, 5xx), from its status and body:
 * 401 bodies (`authentication_exceptions`, `JWT expired`, `Not authenticated`) are
 * QUALYS_AUTHENTICATION, a JSON SIMPLE_RETURN keeps its code, anything else is an API error
 * carrying the body's message.
 */
export function pcrsErrorFromBody(
  httpStatus: number,
  body: string,
  context: ErrorContext = {},
): QualysApiError {
  let parsed: unknown = null;
  try {
    parsed = JSON.parse(body) as unknown;
  } catch {
    parsed = null;
  }

  const first = Array.isArray(parsed) ? (parsed[0] as unknown) : parsed;
  const response = isObject(first) && isObject(first.response) ? first.response : null;
  const apiCode = jsonText(response?.code) ?? undefined;
  const text = pcrsMessage(first) ?? (body.trim().length > 0 ? body.trim().slice(0, 500) : null);

  return new QualysApiError({
    ...context,
    httpStatus,
    kind: httpStatus === 401 ? QUALYS_ERROR_KINDS.authentication : QUALYS_ERROR_KINDS.api,
    message: `PCRS answered HTTP ${httpStatus}: ${text ?? 'no body'}`,
    apiCode,
    apiText: text ?? undefined,
  });
}

function pcrsMessage(value: unknown): string | null {
  if (!isObject(value)) return null;
  if (typeof value.message === 'string') return value.message;
  if (isObject(value.response) && typeof value.response.text === 'string') {
    return value.response.text;
  }
  const exceptions = value.authentication_exceptions;
  if (Array.isArray(exceptions)) {
    const texts = exceptions.flat(2).filter((e): e is string => typeof e === 'string');
    if (texts.length > 0) return texts.join('; ');
  }
  return null;
}
