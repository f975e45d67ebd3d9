import { JSONParser } from '@streamparser/json';

import { decodeUtf8 } from '../xml/body-text';
import { type ErrorContext, malformed } from '../xml/error-context';
import { DEFAULT_MAX_RECORD_BYTES } from '../xml/limits';
import { type BodyChunks } from './page';
import { parseSimpleReturn, simpleReturnError } from './simple-return';

/** One value found at a streamed path, with its key in the parent (property name or index). */
export interface JsonPathValue {
  /** The path pattern that matched, e.g. '$.*' or '$.policyList.*'. */
  path: string;
  key: string | number | undefined;
  value: unknown;
}

export interface JsonStreamOptions {
  maxRecordBytes?: number;
  context?: ErrorContext;
}

/**
 * Streams a JSON body and yields each value matching one of `paths` ('$.*' = every element of
 * the top-level array or object) as soon as it is complete; nothing else of the document is
 * kept. A body that starts with `<` is an XML error envelope (SIMPLE_RETURN) and is thrown as
 * its QualysApiError; a body that ends before its top-level value closes is malformed.
 */
export async function* streamJsonValues(
  body: BodyChunks,
  paths: readonly string[],
  options: JsonStreamOptions = {},
): AsyncGenerator<JsonPathValue, { empty: boolean }, undefined> {
  const context = options.context ?? {};
  const maxRecordBytes = options.maxRecordBytes ?? DEFAULT_MAX_RECORD_BYTES;
  const parser = new JSONParser({ paths: [...paths], keepStack: false });
  const ready: JsonPathValue[] = [];
  let failure: Error | null = null;

  parser.onValue = ({ value, key, stack }) => {
    const depth = stack.length;
    ready.push({ path: pathOf(paths, depth), key, value });
  };
  parser.onError = err => {
    failure = err;
  };

  const texts = decodeUtf8(body);
  let started = false;
  let bytesSinceValue = 0;

  for await (const { text, bytes } of texts) {
    if (!started) {
      const first = text.trimStart();
      if (first.length === 0) continue;
      started = true;
      if (first.startsWith('<')) throw await xmlErrorBody(text, texts, context);
    }

    bytesSinceValue += bytes;
    const error = write(parser, text, () => failure, context);
    if (ready.length > 0) bytesSinceValue = 0;
    // Values completed before a syntax error in the same chunk are still whole: yield them first.
    yield* ready.splice(0, ready.length);
    if (error !== null) throw error;

    if (bytesSinceValue > maxRecordBytes) {
      throw malformed(context, `JSON record exceeds the ${maxRecordBytes}-byte limit per record`);
    }
  }

  if (!started) return { empty: true };
  if (!parser.isEnded) {
    try {
      parser.end();
    } catch (err) {
      failure = err as Error;
    }
    if (failure !== null || !parser.isEnded) {
      throw malformed(context, 'Body ended before its JSON value closed', undefined, failure);
    }
  }
  yield* ready.splice(0, ready.length);
  return { empty: false };
}

/** An XML error envelope is a few hundred bytes; more than this is not one. */
const MAX_ERROR_BODY_CHARS = 1024 * 1024;

function pathOf(paths: readonly string[], depth: number): string {
  // Paths are told apart by depth ('$.*' → 1, '$.policyList.*' → 2).
  return paths.find(path => path.split('.').length - 1 === depth) ?? (paths[0] as string);
}

/** Feeds one piece of text; returns the error to throw once the values before it are out. */
function write(
  parser: JSONParser,
  text: string,
  failure: () => Error | null,
  context: ErrorContext,
): Error | null {
  try {
    parser.write(text);
  } catch (err) {
    return malformed(context, `Body is not valid JSON: ${(err as Error).message}`, undefined, err);
  }
  const error = failure();
  return error === null
    ? null
    : malformed(context, `Body is not valid JSON: ${error.message}`, undefined, error);
}

async function xmlErrorBody(
  head: string,
  rest: AsyncIterable<{ text: string }>,
  context: ErrorContext,
): Promise<Error> {
  let xml = head;
  for await (const { text } of rest) {
    xml += text;
    if (xml.length > MAX_ERROR_BODY_CHARS) break;
  }
  const answer = await parseSimpleReturn(xml, { context });
  if (answer.code === null) {
    return malformed(context, 'Expected JSON, got an XML answer without an error code');
  }
  return simpleReturnError(answer, context);
}
