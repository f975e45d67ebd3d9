import { type TextChunk } from './body-text';
import { type ErrorContext, malformed, unsafe } from './error-context';
import { MAX_PROLOG_CHARS } from './limits';

type PrologScan = { done: false; resumeAt: number } | { done: true; rootAt: number };

const DOCTYPE = '<!DOCTYPE';
const ENTITY = '<!ENTITY';
const CSV_MARKER = '----BEGIN_RESPONSE';

/**
 * Checks the prolog (everything before the root element) of an XML body and refuses what could
 * make a parser expand or fetch entities: a DOCTYPE internal subset, any ENTITY declaration.
 * A DOCTYPE with only an external id, as Qualys sends (`SYSTEM "https://…/output.dtd"`, even
 * `SYSTEM ""`), is accepted and never resolved. Returns the index of the root's `<`, or
 * `resumeAt` when more text is needed (scanning resumes there, so tiny chunks stay linear).
 */
export function scanProlog(text: string, from: number, context: ErrorContext): PrologScan {
  let i = from;

  for (;;) {
    while (i < text.length && isPrologSpace(text.charCodeAt(i))) i++;
    if (i >= text.length) return { done: false, resumeAt: i };

    if (text.charCodeAt(i) !== 0x3c /* < */) throw textBeforeRoot(text, i, context);
    if (i + 1 >= text.length) return { done: false, resumeAt: i };

    const next = text[i + 1] ?? '';
    if (next === '?') {
      const end = text.indexOf('?>', i + 2);
      if (end < 0) return { done: false, resumeAt: i };
      i = end + 2;
    } else if (next === '!') {
      const end = scanMarkup(text, i, context);
      if (end < 0) return { done: false, resumeAt: i };
      i = end;
    } else if (isNameStart(next)) {
      return { done: true, rootAt: i };
    } else {
      throw malformed(context, 'Body is not XML: unexpected markup before the root element');
    }
  }
}

/** Returns the index after a comment or DOCTYPE starting at `i`, or -1 when incomplete. */
function scanMarkup(text: string, i: number, context: ErrorContext): number {
  if (startsWithPartial(text, i, '<!--')) {
    if (text.length < i + 4) return -1;
    const end = text.indexOf('-->', i + 4);
    return end < 0 ? -1 : end + 3;
  }

  if (startsWithPartial(text, i, ENTITY)) {
    if (text.length < i + ENTITY.length) return -1;
    throw unsafe(context, 'XML body declares an entity (<!ENTITY): refused before parsing');
  }

  if (startsWithPartial(text, i, DOCTYPE)) {
    if (text.length < i + DOCTYPE.length) return -1;
    return scanDoctype(text, i + DOCTYPE.length, context);
  }

  throw malformed(context, 'Body is not XML: unexpected declaration before the root element');
}

/** Walks a DOCTYPE declaration, honouring quoted literals, and refuses an internal subset. */
function scanDoctype(text: string, from: number, context: ErrorContext): number {
  let quote = 0;
  for (let j = from; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (quote !== 0) {
      if (c === quote) quote = 0;
    } else if (c === 0x22 /* " */ || c === 0x27 /* ' */) {
      quote = c;
    } else if (c === 0x5b /* [ */) {
      throw unsafe(
        context,
        'XML body has a DOCTYPE internal subset (entity declarations): refused before parsing',
      );
    } else if (c === 0x25 /* % */) {
      throw unsafe(context, 'XML body uses a parameter entity in its DOCTYPE: refused');
    } else if (c === 0x3e /* > */) {
      return j + 1;
    }
  }
  return -1;
}

function startsWithPartial(text: string, i: number, prefix: string): boolean {
  const available = Math.min(prefix.length, text.length - i);
  return text.startsWith(prefix.slice(0, available), i);
}

function textBeforeRoot(text: string, i: number, context: ErrorContext): Error {
  if (text.startsWith(CSV_MARKER, i)) {
    return malformed(
      context,
      'Body is CSV (output_format=CSV), not XML: request output_format=XML for this parser',
    );
  }
  const sample = JSON.stringify(text.slice(i, i + 20));
  return malformed(context, `Body is not XML: text ${sample} before the root element`);
}

function isPrologSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09 || c === 0xfeff;
}

function isNameStart(c: string): boolean {
  return /[A-Za-z_:\u00C0-\uFFFF]/.test(c);
}

/**
 * Passes decoded body text through once its prolog is known to be safe; only the prolog is
 * buffered (at most MAX_PROLOG_CHARS), the rest streams untouched.
 */
export async function* guardXmlStream(
  chunks: AsyncIterable<TextChunk>,
  context: ErrorContext,
): AsyncGenerator<TextChunk, void, undefined> {
  let prolog = '';
  let prologBytes = 0;
  let resumeAt = 0;
  let checked = false;

  for await (const chunk of chunks) {
    if (checked) {
      yield chunk;
      continue;
    }

    prolog += chunk.text;
    prologBytes += chunk.bytes;
    const scan = scanProlog(prolog, resumeAt, context);
    if (scan.done) {
      checked = true;
      yield { text: prolog, bytes: prologBytes };
      prolog = '';
    } else if (prolog.length > MAX_PROLOG_CHARS) {
      throw malformed(context, `No root element within the first ${MAX_PROLOG_CHARS} characters`);
    } else {
      resumeAt = scan.resumeAt;
    }
  }

  if (!checked && prolog.trim().length > 0) {
    // The body ended inside its prolog: let the scan name the problem if it is unsafe.
    scanProlog(prolog, 0, context);
    throw malformed(context, 'Body ended before its root element started');
  }
}

/** The same check for a whole document held as one string. */
export function assertSafeXml(text: string, context: ErrorContext): void {
  const scan = scanProlog(text, 0, context);
  if (!scan.done) throw malformed(context, 'Body has no root element');
}
