import { describe, expect, it } from '@jest/globals';

import { QUALYS_ERROR_KINDS } from '../errors';
import { parseXmlDocument } from './fast-xml-parser';
import { exactText } from './xml-element';

describe('parseXmlDocument', () => {
  it('refuses a mismatched closing tag that fast-xml-parser alone would accept', () => {
    expect(() => parseXmlDocument('<A><B>1</C></A>')).toThrow(
      expect.objectContaining({ kind: QUALYS_ERROR_KINDS.malformedResponse }),
    );
  });

  it('refuses a DOCTYPE internal subset before parsing', () => {
    expect(() => parseXmlDocument('<!DOCTYPE A [<!ENTITY a "b">]><A>&a;</A>')).toThrow(
      expect.objectContaining({ kind: QUALYS_ERROR_KINDS.unsafeXml }),
    );
  });

  it('keeps repeated elements in order, attributes, and strings untouched', () => {
    const root = parseXmlDocument('<A><ID>007</ID><V x="1">v3.x</V><ID>8</ID></A>');

    expect(root.children.map(child => [child.name, child.text])).toEqual([
      ['ID', '007'],
      ['V', 'v3.x'],
      ['ID', '8'],
    ]);
    expect(root.children[1]?.attributes).toEqual({ x: '1' });
  });

  it('decodes built-in and numeric entities once and keeps CDATA exact', () => {
    const root = parseXmlDocument(
      '<A><T>a &amp;#65; &#65; &lt;</T><R>\n  <![CDATA[\tx &apos;\n]]>\n</R></A>',
    );

    expect(root.children[0]?.text).toBe('a &#65; A <');
    expect(exactText(root.children[1] as never)).toBe('\tx &apos;\n');
  });

  it('parses more than 1,000 escaped entities in one document', () => {
    const root = parseXmlDocument(`<A>${'&lt;&gt;'.repeat(1200)}</A>`);

    expect(root.text).toBe('<>'.repeat(1200));
  });
});
