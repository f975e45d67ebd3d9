/**
 * Small XML writing helpers. Rendering builds one record (a HOST, a VULN) as a string and hands
 * it to a {@link ChunkWrite}, so a page of any size streams without being held whole.
 */

/** Receives the body chunk by chunk; a returned promise means "wait before the next chunk". */
export type ChunkWrite = (chunk: string) => void | Promise<void>;

const TEXT_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

/** Escapes character data for an element body (attributes use {@link escapeAttribute}). */
export function escapeText(value: string): string {
  return value.replace(/[&<>]/g, char => TEXT_ESCAPES[char] ?? char);
}

export function escapeAttribute(value: string): string {
  return escapeText(value).replace(/"/g, '&quot;');
}

/** A CDATA section; a `]]>` inside the value is split across two sections as XML requires. */
export function cdata(value: string): string {
  return `<![CDATA[${value.replace(/]]>/g, ']]]]><![CDATA[>')}]]>`;
}

/** `<NAME>escaped</NAME>`, or nothing when the value is absent. */
export function element(name: string, value: string | number | undefined | null): string {
  if (value === undefined || value === null) {
    return '';
  }
  return `<${name}>${escapeText(String(value))}</${name}>`;
}

/** `<NAME><![CDATA[value]]></NAME>`, or nothing when the value is absent. */
export function cdataElement(name: string, value: string | undefined | null): string {
  if (value === undefined || value === null) {
    return '';
  }
  return `<${name}>${cdata(value)}</${name}>`;
}

/** Qualys timestamps: UTC, second precision, literal Z. */
export function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function xmlDeclaration(root: string, dtdUrl: string): string {
  return `<?xml version="1.0" encoding="UTF-8" ?>\n<!DOCTYPE ${root} SYSTEM "${dtdUrl}">\n`;
}

export interface TruncationWarning {
  /** Records per page that were exceeded (the number in TEXT). */
  limit: number;
  /** Absent when the server cannot tell where the next page is (the DTD makes URL optional). */
  url?: string;
}

/** The WARNING block that ends a truncated page (code 1980 and the next-page URL). */
export function renderWarning(warning: TruncationWarning): string {
  return (
    '    <WARNING>\n      <CODE>1980</CODE>\n' +
    `      <TEXT>${warning.limit} record limit exceeded. Use URL to get next batch of results.</TEXT>\n` +
    (warning.url === undefined ? '' : `      <URL>${cdata(warning.url)}</URL>\n`) +
    '    </WARNING>\n'
  );
}

/** An ID_SET with one ID per record, as `details=None` answers carry. */
export function renderIdSet(ids: readonly number[]): string {
  const lines = ids.map(id => `      <ID>${id}</ID>\n`).join('');
  return `    <ID_SET>\n${lines}    </ID_SET>\n`;
}
