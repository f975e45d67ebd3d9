import { SaxesParser, type SaxesTagPlain } from 'saxes';

import { QualysApiError } from '../errors';
import { type BodyChunks } from '../parsers/page';
import { decodeUtf8 } from './body-text';
import { type ErrorContext, malformed } from './error-context';
import { DEFAULT_MAX_RECORD_BYTES } from './limits';
import { createElement, type XmlElement } from './xml-element';
import { guardXmlStream } from './xml-guard';

/** Where the records of one API sit in its answer. */
export interface XmlRecordLayout {
  /** Root element names the answer may have (SIMPLE_RETURN and ServiceResponse always may). */
  roots: readonly string[];
  /** '/'-joined paths below the root whose elements are yielded one at a time. */
  recordPaths: readonly string[];
}

/** A record subtree, or an element outside the records (DATETIME, WARNING, GLOSSARY...). */
export interface XmlStreamItem {
  kind: 'record' | 'envelope';
  /** Path below the root, e.g. RESPONSE/HOST_LIST/HOST; '' for a collected error root. */
  path: string;
  element: XmlElement;
}

export interface XmlStreamEnd {
  root: string;
}

export interface XmlStreamOptions {
  maxRecordBytes?: number;
  context?: ErrorContext;
}

/** Error envelopes that replace the expected root; collected whole and turned into errors. */
export const ERROR_ROOTS: ReadonlySet<string> = new Set(['SIMPLE_RETURN', 'ServiceResponse']);

/**
 * Streams an XML answer through saxes and yields one subtree per record, so that memory stays
 * bounded by the largest record whatever the page size. Everything outside the records and the
 * containers leading to them is yielded as 'envelope' items. saxes checks well-formedness as it
 * goes (a mismatched closing tag fails); a body that ends before its root closes fails with
 * QUALYS_MALFORMED_RESPONSE; the prolog guard has refused DOCTYPE subsets and entities first.
 */
export async function* streamXmlRecords(
  body: BodyChunks,
  layout: XmlRecordLayout,
  options: XmlStreamOptions = {},
): AsyncGenerator<XmlStreamItem, XmlStreamEnd, undefined> {
  const context = options.context ?? {};
  const maxRecordBytes = options.maxRecordBytes ?? DEFAULT_MAX_RECORD_BYTES;
  const builder = new RecordBuilder(layout, context);
  // Without namespace processing attributes are plain strings; positions are not tracked (faster).
  const parser = new SaxesParser<{ xmlns: false; position: false }>({
    xmlns: false,
    position: false,
  });

  parser.on('opentag', tag => builder.open(tag));
  parser.on('closetag', () => builder.close());
  parser.on('text', text => builder.text(text));
  parser.on('cdata', text => builder.cdataText(text));

  let fedBytes = 0;
  for await (const chunk of guardXmlStream(decodeUtf8(body), context)) {
    const before = fedBytes;
    fedBytes += chunk.bytes;
    builder.chunkStart(before);

    const error = write(parser, chunk.text, context);
    // Records closed before a fault in the same chunk are whole: yield them, then fail.
    yield* builder.drain();
    if (error !== null) throw error;

    if (builder.collecting && fedBytes - builder.collectStartBytes > maxRecordBytes) {
      throw malformed(
        context,
        `Record ${builder.collectingPath} exceeds the ${maxRecordBytes}-byte limit per record`,
        builder.collectingPath,
      );
    }
  }

  if (builder.root === null) throw malformed(context, 'Body is empty: no XML root element');
  if (!builder.rootClosed) {
    throw malformed(
      context,
      `Body ended before the root element </${builder.root}> closed`,
      builder.openPath(),
    );
  }

  const error = write(parser, null, context);
  yield* builder.drain();
  if (error !== null) throw error;

  return { root: builder.root };
}

/** Feeds saxes; returns the error to throw once the records completed before it are out. */
function write(
  parser: SaxesParser<{ xmlns: false; position: false }>,
  text: string | null,
  context: ErrorContext,
): Error | null {
  try {
    if (text === null) parser.close();
    else parser.write(text);
    return null;
  } catch (err) {
    // Our own refusals (unexpected root...) are thrown from saxes callbacks: keep them as they are.
    if (err instanceof QualysApiError) return err;
    const reason = err instanceof Error ? err.message : String(err);
    return malformed(context, `Body is not well-formed XML: ${reason}`, undefined, err);
  }
}

class RecordBuilder {
  root: string | null = null;
  rootClosed = false;
  collecting = false;
  collectStartBytes = 0;
  collectingPath = '';

  private readonly recordPaths: ReadonlySet<string>;
  private readonly containers: ReadonlySet<string>;
  private readonly roots: ReadonlySet<string>;
  /** Names of the open structural elements below the root (containers only). */
  private readonly path: string[] = [];
  /** Open elements of the subtree being collected. */
  private readonly stack: XmlElement[] = [];
  private collectingKind: XmlStreamItem['kind'] = 'record';
  private chunkStartBytes = 0;
  private ready: XmlStreamItem[] = [];

  constructor(
    layout: XmlRecordLayout,
    private readonly context: ErrorContext,
  ) {
    this.recordPaths = new Set(layout.recordPaths);
    this.roots = new Set(layout.roots);
    this.containers = new Set(layout.recordPaths.flatMap(containerPaths));
  }

  chunkStart(bytes: number): void {
    this.chunkStartBytes = bytes;
  }

  *drain(): Generator<XmlStreamItem, void, undefined> {
    if (this.ready.length === 0) return;
    const items = this.ready;
    this.ready = [];
    yield* items;
  }

  openPath(): string {
    return [this.root ?? '', ...this.path, ...this.stack.map(e => e.name)].join('/');
  }

  open(tag: SaxesTagPlain): void {
    const stack = this.stack;
    if (stack.length > 0) {
      const element = createElement(tag.name, tag.attributes);
      (stack[stack.length - 1] as XmlElement).children.push(element);
      stack.push(element);
      return;
    }

    if (this.root === null) {
      this.openRoot(tag);
      return;
    }

    const path = this.path.length === 0 ? tag.name : `${this.path.join('/')}/${tag.name}`;
    if (this.recordPaths.has(path)) this.startCollecting('record', path, tag);
    else if (this.containers.has(path)) this.path.push(tag.name);
    else this.startCollecting('envelope', path, tag);
  }

  close(): void {
    const stack = this.stack;
    if (stack.length > 0) {
      const element = stack.pop() as XmlElement;
      if (stack.length === 0) {
        this.collecting = false;
        this.ready.push({ kind: this.collectingKind, path: this.collectingPath, element });
        if (this.collectingPath === '') this.rootClosed = true;
      }
      return;
    }

    if (this.path.length > 0) this.path.pop();
    else this.rootClosed = true;
  }

  text(text: string): void {
    const top = this.stack[this.stack.length - 1];
    if (top === undefined) return;
    // Layout whitespace between child elements is dropped; leaves keep every character.
    if (top.children.length === 0 || text.trim().length > 0) top.text += text;
  }

  cdataText(text: string): void {
    const top = this.stack[this.stack.length - 1];
    if (top === undefined) return;
    top.text += text;
    top.cdata = top.cdata === null ? text : top.cdata + text;
  }

  private openRoot(tag: SaxesTagPlain): void {
    this.root = tag.name;
    if (this.roots.has(tag.name)) return;

    if (ERROR_ROOTS.has(tag.name)) {
      this.startCollecting('envelope', '', tag);
      return;
    }

    const expected = [...this.roots].join(' or ');
    throw malformed(
      this.context,
      `Unexpected root element <${tag.name}> (expected <${expected}>)`,
      tag.name,
    );
  }

  private startCollecting(kind: XmlStreamItem['kind'], path: string, tag: SaxesTagPlain): void {
    this.collecting = true;
    this.collectingKind = kind;
    this.collectingPath = path;
    this.collectStartBytes = this.chunkStartBytes;
    this.stack.push(createElement(tag.name, tag.attributes));
  }
}

function containerPaths(recordPath: string): string[] {
  const parts = recordPath.split('/');
  return parts.slice(0, -1).map((_, i) => parts.slice(0, i + 1).join('/'));
}
