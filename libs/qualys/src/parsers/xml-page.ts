import { type ErrorContext, malformed } from '../xml/error-context';
import { type ParseLimits } from '../xml/limits';
import { streamXmlRecords } from '../xml/record-stream';
import { scalarText, type XmlElement } from '../xml/xml-element';
import { FieldError, UnknownElements } from './fields';
import {
  type BodyChunks,
  type PageParser,
  type PageTrailer,
  type ParsedItem,
  type RecordRejection,
  type TruncationWarning,
} from './page';
import { envelopeError } from './simple-return';

/** Options every page parser accepts. */
export interface PageParseOptions extends Pick<ParseLimits, 'maxRecordBytes'> {
  /** Facts of the call added to thrown errors (source, request, page, HTTP status). */
  context?: ErrorContext;
}

/** What a record mapper can report besides its record. */
export interface RecordScope {
  /** The record's id, set by the mapper as soon as it has read it (for rejections). */
  id: string | null;
  /** Unknown child elements; paths are relative to the page's records (HOST/FOO). */
  readonly unknown: UnknownElements;
  /** Parts rejected inside a record that is still kept (a bad DETECTION of a HOST). */
  readonly partRejections: Omit<RecordRejection, 'index'>[];
}

export interface RecordMapping<R> {
  /** Path below the root, e.g. RESPONSE/HOST_LIST/HOST. */
  path: string;
  map(element: XmlElement, scope: RecordScope): R;
}

export interface XmlPageDefinition<R> {
  roots: readonly string[];
  records: readonly RecordMapping<R>[];
  /** Readers for other envelope elements (GLOSSARY...), by path below the root. */
  envelope?: Record<string, (element: XmlElement, unknown: UnknownElements) => void>;
}

const KNOWN_ENVELOPE = new Set(['REQUEST', 'RESPONSE/DATETIME', 'RESPONSE/WARNING']);

/**
 * Runs one API's record mappings over a streamed XML page: yields each record (or its
 * rejection) as soon as its closing tag is read and returns the page trailer.
 */
export async function* parseXmlPage<R>(
  body: BodyChunks,
  definition: XmlPageDefinition<R>,
  options: PageParseOptions = {},
): PageParser<R> {
  const context = options.context ?? {};
  const mappings = new Map(definition.records.map(mapping => [mapping.path, mapping]));
  const unknown = new UnknownElements();
  const trailer: PageTrailer = {
    responseDatetime: null,
    warning: null,
    recordCount: 0,
    unknownElements: unknown.counts,
    rejectedCount: 0,
  };

  const stream = streamXmlRecords(
    body,
    { roots: definition.roots, recordPaths: [...mappings.keys()] },
    { maxRecordBytes: options.maxRecordBytes, context },
  );

  let index = 0;
  for await (const item of stream) {
    if (item.kind === 'envelope') {
      readEnvelope(item.path, item.element, definition, trailer, unknown, context);
      continue;
    }

    const mapping = mappings.get(item.path) as RecordMapping<R>;
    for (const parsed of mapRecord(mapping, item.element, index, unknown)) {
      trailer.recordCount++;
      if (parsed.kind === 'rejected') trailer.rejectedCount = (trailer.rejectedCount ?? 0) + 1;
      yield parsed;
    }
    index++;
  }

  return trailer;
}

function mapRecord<R>(
  mapping: RecordMapping<R>,
  element: XmlElement,
  index: number,
  unknown: UnknownElements,
): ParsedItem<R>[] {
  const scope: RecordScope = { id: null, unknown, partRejections: [] };

  try {
    const record = mapping.map(element, scope);
    const parts = scope.partRejections.map((rejection): ParsedItem<R> => ({
      kind: 'rejected',
      rejection: { ...rejection, index },
    }));
    return [...parts, { kind: 'record', record }];
  } catch (err) {
    if (!(err instanceof FieldError)) throw err;
    const rejection: RecordRejection = {
      index,
      id: scope.id,
      element: err.element === '' ? element.name : `${element.name}/${err.element}`,
      value: err.value,
      reason: err.message,
    };
    return [{ kind: 'rejected', rejection }];
  }
}

function readEnvelope<R>(
  path: string,
  element: XmlElement,
  definition: XmlPageDefinition<R>,
  trailer: PageTrailer,
  unknown: UnknownElements,
  context: ErrorContext,
): void {
  if (path === '') {
    const error = envelopeError(element, context);
    if (error !== null) throw error;
    throw malformed(
      context,
      `Unexpected root element <${element.name}> without an error code`,
      element.name,
    );
  }

  if (path === 'RESPONSE/DATETIME') trailer.responseDatetime = lenientDate(scalarText(element));
  else if (path === 'RESPONSE/WARNING') trailer.warning = readWarning(element);
  else if (definition.envelope?.[path] !== undefined) {
    readEnvelopePart(definition.envelope[path], path, element, unknown, context);
  } else if (!KNOWN_ENVELOPE.has(path)) unknown.add(path);
}

function readEnvelopePart(
  reader: (element: XmlElement, unknown: UnknownElements) => void,
  path: string,
  element: XmlElement,
  unknown: UnknownElements,
  context: ErrorContext,
): void {
  try {
    reader(element, unknown);
  } catch (err) {
    if (!(err instanceof FieldError)) throw err;
    const at = `${path}/${err.element}`;
    throw malformed(context, `${at}: ${err.message} (${String(err.value)})`, at);
  }
}

/** RESPONSE/WARNING: CODE and URL are optional per the DTDs. */
export function readWarning(element: XmlElement): TruncationWarning {
  const warning: TruncationWarning = { code: null, text: null, url: null };
  for (const child of element.children) {
    if (child.name === 'CODE') warning.code = scalarText(child);
    else if (child.name === 'TEXT') warning.text = scalarText(child);
    else if (child.name === 'URL') warning.url = scalarText(child);
  }
  return warning;
}

function lenientDate(value: string | null): Date | null {
  if (value === null) return null;
  const parsed = new Date(value);
  return Number.isNaN(parsed.getTime()) ? null : parsed;
}
