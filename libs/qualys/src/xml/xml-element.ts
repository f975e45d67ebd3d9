/**
 * One element of a record subtree, the same shape whichever parser built it (saxes while
 * streaming, fast-xml-parser for whole documents). Values stay strings; field mappers convert.
 */
export interface XmlElement {
  readonly name: string;
  /** Attributes as written (entity-decoded); an empty object when there are none. */
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: XmlElement[];
  /**
   * Character data in document order, text and CDATA together. Whitespace between child
   * elements is not kept: it is layout, not data.
   */
  text: string;
  /** CDATA sections only, concatenated; null when the element had none. */
  cdata: string | null;
}

export function createElement(name: string, attributes: Record<string, string>): XmlElement {
  return { name, attributes, children: [], text: '', cdata: null };
}

/**
 * The element's text exactly as Qualys meant it. When the value sits in CDATA padded with
 * layout whitespace (`<OS>\n  <![CDATA[…]]>\n</OS>`), the padding goes and the CDATA stays byte
 * for byte; otherwise the text is returned untouched.
 */
export function exactText(element: XmlElement): string {
  const { text, cdata } = element;
  if (cdata === null || cdata.length === text.length) return text;

  const at = text.indexOf(cdata);
  if (at < 0) return text;

  const outside = text.slice(0, at) + text.slice(at + cdata.length);
  return outside.trim().length === 0 ? cdata : text;
}

/** Trimmed text; empty text and the literal `null` Qualys writes for missing values → null. */
export function scalarText(element: XmlElement): string | null {
  const value = element.text.trim();
  return value.length === 0 || value === 'null' ? null : value;
}
