import { readBodyText } from '../xml/body-text';
import { type ErrorContext, malformed } from '../xml/error-context';
import { DEFAULT_MAX_DOCUMENT_BYTES } from '../xml/limits';
import { type BodyChunks } from './page';

/** The footer of an HLD answer in output_format=CSV. */
export interface CsvFooter {
  /** "Finished" on the last page, "Truncated" when more data exists. */
  status: string;
  nextId: string | null;
  nextUrl: string | null;
}

const FOOTER_START = '----BEGIN_RESPONSE_FOOTER_CSV';
const FOOTER_END = '----END_RESPONSE_FOOTER_CSV';

/**
 * Reads the footer of a CSV Host List Detection answer (`"Status Message","Next ID","Next
 * URL"`). The project imports XML; CSV rows are not parsed (the XML parsers refuse a CSV body
 * with a clear error), but the footer tells whether such an answer was cut and where it goes on.
 */
export async function parseHostDetectionCsvFooter(
  body: BodyChunks | string,
  options: { context?: ErrorContext; maxDocumentBytes?: number } = {},
): Promise<CsvFooter> {
  const context = options.context ?? {};
  const text = await readBodyText(
    body,
    options.maxDocumentBytes ?? DEFAULT_MAX_DOCUMENT_BYTES,
    context,
  );

  const start = text.lastIndexOf(FOOTER_START);
  const end = text.indexOf(FOOTER_END, start);
  if (start < 0 || end < 0) throw malformed(context, 'CSV answer has no complete footer block');

  const lines = text
    .slice(start + FOOTER_START.length, end)
    .split(/\r?\n/)
    .filter(line => line.trim().length > 0)
    .map(parseCsvLine);
  const [header, values] = lines;
  if (header === undefined || values === undefined) {
    throw malformed(context, 'CSV footer has no header and value rows');
  }

  const field = (name: string): string | null => {
    const at = header.indexOf(name);
    const value = at < 0 ? undefined : values[at];
    return value === undefined || value.length === 0 ? null : value;
  };

  const status = field('Status Message');
  if (status === null) throw malformed(context, 'CSV footer has no "Status Message"');
  return { status, nextId: field('Next ID'), nextUrl: field('Next URL') };
}

/** One CSV line with double-quoted fields ("" escapes a quote). */
function parseCsvLine(line: string): string[] {
  const fields: string[] = [];
  let current = '';
  let quoted = false;

  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        current += '"';
        i++;
      } else if (c === '"') {
        quoted = false;
      } else {
        current += c;
      }
    } else if (c === '"') {
      quoted = true;
    } else if (c === ',') {
      fields.push(current);
      current = '';
    } else {
      current += c;
    }
  }
  fields.push(current);
  return fields;
}
