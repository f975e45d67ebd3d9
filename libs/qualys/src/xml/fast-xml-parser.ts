import { XMLParser, XMLValidator } from 'fast-xml-parser';

import { type ErrorContext, malformed } from './error-context';
import { createElement, type XmlElement } from './xml-element';
import { assertSafeXml } from './xml-guard';

const TEXT = '#text';
const CDATA = '#cdata';
const ATTRIBUTES = ':@';

/**
 * The one fast-xml-parser configuration of the project.
 *
 * - preserveOrder: every child list is an array in document order, so a repeated element is an
 *   array whether it holds one child, several or none, and mixed text/CDATA keeps its order.
 *   The object form's `isArray` guess is never needed.
 * - parseTagValue/parseAttributeValue false: every value stays a string (QIDs keep leading
 *   zeros, `v3.x` stays `v3.x`); field mappers convert.
 * - trimValues false and a separate CDATA property: RESULTS and DIAGNOSIS keep their exact
 *   whitespace; padding around CDATA is dropped by exactText().
 * - processEntities in its object form: v4.5.4+ capped the boolean form at 1,000 expansions per
 *   document, which real pages exceed; DOCTYPE entities never reach it (the guard refuses them).
 * - htmlEntities {}: keeps only the XML built-ins but lets numeric references (&#65;) decode,
 *   which the default leaves as text.
 * - jPath false: the path string is never built (15–38 % faster).
 *
 * fast-xml-parser accepts a mismatched closing tag, so every document is validated first.
 */
const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  cdataPropName: CDATA,
  commentPropName: false,
  processEntities: { enabled: true, maxTotalExpansions: Infinity },
  // Typed as boolean, but v5 reads an object as the named-entity map (see the note above).
  htmlEntities: {} as unknown as boolean,
  ignoreDeclaration: true,
  ignorePiTags: true,
  jPath: false,
});

type OrderedNode = Record<string, unknown>;

/**
 * Parses one whole, small XML document (SIMPLE_RETURN, scan launch, a single record) into an
 * XmlElement tree, after the prolog guard and a well-formedness check.
 */
export function parseXmlDocument(xml: string, context: ErrorContext = {}): XmlElement {
  assertSafeXml(xml, context);

  const validation = XMLValidator.validate(xml);
  if (validation !== true) {
    const { msg, line, col } = validation.err;
    throw malformed(context, `Body is not well-formed XML: ${msg} (line ${line}, column ${col})`);
  }

  const nodes = parser.parse(xml) as OrderedNode[];
  const root = nodes.find(node => elementName(node) !== undefined);
  if (root === undefined) throw malformed(context, 'Body has no root element');

  return toElement(root);
}

function elementName(node: OrderedNode): string | undefined {
  for (const key of Object.keys(node)) {
    if (key !== ATTRIBUTES && key !== TEXT && key !== CDATA) return key;
  }
  return undefined;
}

function toElement(node: OrderedNode): XmlElement {
  const name = elementName(node) ?? '';
  const attributes = (node[ATTRIBUTES] as Record<string, string> | undefined) ?? {};
  const element = createElement(name, attributes);

  for (const child of node[name] as OrderedNode[]) {
    if (TEXT in child) {
      const text = child[TEXT] as string;
      if (element.children.length === 0 || text.trim().length > 0) element.text += text;
    } else if (CDATA in child) {
      const text = (child[CDATA] as OrderedNode[])
        .map(part => (part[TEXT] as string | undefined) ?? '')
        .join('');
      element.text += text;
      element.cdata = (element.cdata ?? '') + text;
    } else if (elementName(child) !== undefined) {
      element.children.push(toElement(child));
    }
  }

  return element;
}
