import { QUALYS_ERROR_KINDS, QualysApiError } from '../errors';
import { readBodyText } from '../xml/body-text';
import { type ErrorContext, malformed } from '../xml/error-context';
import { parseXmlDocument } from '../xml/fast-xml-parser';
import { DEFAULT_MAX_DOCUMENT_BYTES } from '../xml/limits';
import { scalarText, type XmlElement } from '../xml/xml-element';
import { type BodyChunks } from './page';

/** A SIMPLE_RETURN answer: an error when it has a CODE, a write action's success otherwise. */
export interface SimpleReturn {
  datetime: Date | null;
  /** Qualys' code (e.g. "1965"); null on successes such as a scan launch. */
  code: string | null;
  text: string | null;
  /** ITEM_LIST as KEY → VALUE (e.g. SECONDS_TO_WAIT, CALLS_TO_FINISH, ID, REFERENCE). */
  items: Record<string, string | null>;
}

export interface DocumentParseOptions {
  context?: ErrorContext;
  maxDocumentBytes?: number;
}

/**
 * Codes that mean the account or its credentials cannot use the API (2001 account expired,
 * 2003 registration not completed, 2011 SecureID required...). Qualys numbers its account and
 * login errors in the 2000s, so the whole block is read as authentication; every other code is
 * an API error that the client judges by its number (1960/1965 limits, 190x parameters).
 */
function isAuthenticationCode(code: string): boolean {
  const n = Number(code);
  return Number.isInteger(n) && n >= 2000 && n <= 2099;
}

/** Reads a SIMPLE_RETURN root element, whatever parser built it. */
export function readSimpleReturn(root: XmlElement): SimpleReturn {
  const result: SimpleReturn = { datetime: null, code: null, text: null, items: {} };
  const response = root.children.find(child => child.name === 'RESPONSE');
  if (response === undefined) return result;

  for (const child of response.children) {
    if (child.name === 'DATETIME') result.datetime = lenientDate(scalarText(child));
    else if (child.name === 'CODE') result.code = scalarText(child);
    else if (child.name === 'TEXT') result.text = scalarText(child);
    else if (child.name === 'ITEM_LIST') readItems(child, result.items);
  }
  return result;
}

function readItems(list: XmlElement, items: Record<string, string | null>): void {
  for (const item of list.children) {
    const key = item.children.find(child => child.name === 'KEY');
    const value = item.children.find(child => child.name === 'VALUE');
    const name = key === undefined ? null : scalarText(key);
    if (name !== null) items[name] = value === undefined ? null : scalarText(value);
  }
}

function lenientDate(value: string | null): Date | null {
  if (value === null) return null;
  const parsed = new Date(value);
  return Number.isNaN(parsed.getTime()) ? null : parsed;
}

/** The QualysApiError for a SIMPLE_RETURN that carries a CODE. */
export function simpleReturnError(
  answer: SimpleReturn,
  context: ErrorContext = {},
): QualysApiError {
  const code = answer.code ?? '';
  const wait = answer.items.SECONDS_TO_WAIT;
  const waitSeconds = wait === undefined || wait === null ? undefined : Number(wait);

  return new QualysApiError({
    ...context,
    kind: isAuthenticationCode(code) ? QUALYS_ERROR_KINDS.authentication : QUALYS_ERROR_KINDS.api,
    message: `Qualys answered code ${code}: ${answer.text ?? 'no text'}`,
    apiCode: code,
    apiText: answer.text ?? undefined,
    waitSeconds: Number.isFinite(waitSeconds) ? waitSeconds : undefined,
  });
}

/**
 * Turns an error envelope (SIMPLE_RETURN with a CODE; the QPS ServiceResponse with a non-success
 * responseCode) into its QualysApiError; returns null for anything else.
 */
export function envelopeError(root: XmlElement, context: ErrorContext = {}): QualysApiError | null {
  if (root.name === 'SIMPLE_RETURN') {
    const answer = readSimpleReturn(root);
    return answer.code === null ? null : simpleReturnError(answer, context);
  }

  if (root.name === 'ServiceResponse') return serviceResponseError(root, context);
  return null;
}

function serviceResponseError(root: XmlElement, context: ErrorContext): QualysApiError | null {
  const codeElement = root.children.find(child => child.name === 'responseCode');
  const code = codeElement === undefined ? null : scalarText(codeElement);
  if (code === null || code === 'SUCCESS') return null;

  const details = root.children.find(child => child.name === 'responseErrorDetails');
  const message = details?.children.find(child => child.name === 'errorMessage');
  const text = message === undefined ? null : scalarText(message);

  return new QualysApiError({
    ...context,
    kind:
      code === 'INVALID_CREDENTIALS' ? QUALYS_ERROR_KINDS.authentication : QUALYS_ERROR_KINDS.api,
    message: `Qualys answered ${code}: ${text ?? 'no text'}`,
    apiCode: code,
    apiText: text ?? undefined,
  });
}

/**
 * Parses a SIMPLE_RETURN body (an error answer, a 409, a launch success) without throwing on
 * its CODE: the caller decides (the client reads 1960/1965 and SECONDS_TO_WAIT to wait).
 * A body whose root is not SIMPLE_RETURN fails as QUALYS_MALFORMED_RESPONSE, except the QPS
 * ServiceResponse error envelope, which is thrown as its own error.
 */
export async function parseSimpleReturn(
  body: BodyChunks | string,
  options: DocumentParseOptions = {},
): Promise<SimpleReturn> {
  const context = options.context ?? {};
  const xml = await readBodyText(
    body,
    options.maxDocumentBytes ?? DEFAULT_MAX_DOCUMENT_BYTES,
    context,
  );
  const root = parseXmlDocument(xml, context);

  if (root.name !== 'SIMPLE_RETURN') {
    const error = envelopeError(root, context);
    if (error !== null) throw error;
    throw malformed(context, `Unexpected root element <${root.name}> (expected <SIMPLE_RETURN>)`);
  }

  return readSimpleReturn(root);
}
