import { QUALYS_ERROR_KINDS, QualysApiError } from '../errors';
import { envelopeError, readSimpleReturn, type SimpleReturn } from '../parsers/simple-return';
import { parseXmlDocument } from '../xml/fast-xml-parser';

/** What a small answer turned out to be, before anything trusts its status code. */
export type AnswerShape =
  | { kind: 'simpleReturn'; simpleReturn: SimpleReturn }
  /** Another error envelope: QPS ServiceResponse, PCRS JSON errors. */
  | { kind: 'errorEnvelope'; format: 'xml' | 'json'; code: string | null; text: string | null }
  | { kind: 'html' }
  | { kind: 'unsafeXml' }
  | { kind: 'malformedXml'; reason: string }
  | { kind: 'other' };

/** An HTML page, typically a proxy's or load balancer's error or login page. */
export function isHtml(text: string, contentType: string | undefined): boolean {
  if (contentType !== undefined && /text\/html/i.test(contentType)) {
    return true;
  }
  return /^\s*(<!--[\s\S]*?-->\s*)*(<!DOCTYPE\s+html|<html[\s>])/i.test(text);
}

/** Classifies a buffered answer body: Qualys error envelope, HTML page, or something else. */
export function readAnswerShape(text: string, contentType: string | undefined): AnswerShape {
  if (isHtml(text, contentType)) {
    return { kind: 'html' };
  }

  const trimmed = text.trimStart();
  if (trimmed.startsWith('<')) {
    return readXmlShape(trimmed);
  }
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    return readJsonShape(trimmed);
  }
  return { kind: 'other' };
}

function readXmlShape(text: string): AnswerShape {
  let root;
  try {
    root = parseXmlDocument(text);
  } catch (error) {
    if (error instanceof QualysApiError && error.kind === QUALYS_ERROR_KINDS.unsafeXml) {
      return { kind: 'unsafeXml' };
    }
    return { kind: 'malformedXml', reason: error instanceof Error ? error.message : String(error) };
  }

  if (root.name === 'SIMPLE_RETURN') {
    return { kind: 'simpleReturn', simpleReturn: readSimpleReturn(root) };
  }
  const envelope = envelopeError(root);
  if (envelope !== null) {
    const code = envelope.apiCode ?? null;
    return { kind: 'errorEnvelope', format: 'xml', code, text: envelope.apiText ?? null };
  }
  return { kind: 'other' };
}

/**
 * PCRS error bodies come in three shapes: a JSON SIMPLE_RETURN array
 * (`[{"response":{"code":1905,"text":…}}]`), `{status, error, message}` for token problems,
 * and `{"authentication_exceptions": [[…]]}` for bad credentials.
 */
function readJsonShape(text: string): AnswerShape {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { kind: 'other' };
  }

  const first = Array.isArray(value) ? (value as unknown[])[0] : value;
  const body = asRecord(first);
  const response = asRecord(body?.['response']);
  if (response) {
    return {
      kind: 'errorEnvelope',
      format: 'json',
      code: asText(response['code']),
      text: asText(response['text']),
    };
  }

  const message = asText(body?.['message']) ?? asText(body?.['error']);
  const exceptions = body?.['authentication_exceptions'];
  if (message !== null || exceptions !== undefined) {
    const text = message ?? flattenText(exceptions);
    return { kind: 'errorEnvelope', format: 'json', code: null, text };
  }
  return { kind: 'other' };
}

function flattenText(value: unknown): string | null {
  const parts = [value].flat(3).filter((part): part is string => typeof part === 'string');
  return parts.length > 0 ? parts.join('; ') : null;
}

function asRecord(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null;
}

function asText(value: unknown): string | null {
  if (typeof value === 'string') {
    const trimmed = value.trim();
    return trimmed === '' ? null : trimmed;
  }
  if (typeof value === 'number') {
    return String(value);
  }
  return null;
}
