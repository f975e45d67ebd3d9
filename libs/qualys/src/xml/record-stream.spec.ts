import { describe, expect, it } from '@jest/globals';

import { QUALYS_ERROR_KINDS } from '../errors';
import { textChunks } from '../parsers/sample-files';
import { streamXmlRecords, type XmlStreamItem } from './record-stream';
import { exactText } from './xml-element';

const LAYOUT = { roots: ['ROOT'], recordPaths: ['RESPONSE/LIST/ITEM'] };

async function items(xml: string, size = 13, maxRecordBytes?: number): Promise<XmlStreamItem[]> {
  const out: XmlStreamItem[] = [];
  for await (const item of streamXmlRecords(textChunks(xml, size), LAYOUT, { maxRecordBytes })) {
    out.push(item);
  }
  return out;
}

describe('streamXmlRecords', () => {
  it('yields each record with its subtree and the envelope elements apart', async () => {
    const xml = `<ROOT><RESPONSE><DATETIME>2024-01-01T00:00:00Z</DATETIME>
      <LIST><ITEM><ID>1</ID></ITEM><ITEM a="x"><ID>2</ID><ID>3</ID></ITEM></LIST></RESPONSE></ROOT>`;

    const result = await items(xml);

    expect(result.map(item => [item.kind, item.path])).toEqual([
      ['envelope', 'RESPONSE/DATETIME'],
      ['record', 'RESPONSE/LIST/ITEM'],
      ['record', 'RESPONSE/LIST/ITEM'],
    ]);
    expect(result[2]?.element.attributes).toEqual({ a: 'x' });
    expect(result[2]?.element.children.map(child => child.text)).toEqual(['2', '3']);
  });

  it('fails a body that ends before its root closes, after yielding the complete records', async () => {
    const seen: string[] = [];
    const xml = '<ROOT><RESPONSE><LIST><ITEM><ID>1</ID></ITEM><ITEM><ID>2</I';

    const run = async (): Promise<void> => {
      for await (const item of streamXmlRecords(textChunks(xml, 8), LAYOUT)) {
        seen.push(item.element.children[0]?.text ?? '');
      }
    };

    await expect(run()).rejects.toMatchObject({
      kind: QUALYS_ERROR_KINDS.malformedResponse,
      message: 'Body ended before the root element </ROOT> closed',
    });
    expect(seen).toEqual(['1']);
  });

  it('fails a mismatched closing tag', async () => {
    await expect(
      items('<ROOT><RESPONSE><LIST><ITEM><ID>1</QID></ITEM></LIST></RESPONSE></ROOT>'),
    ).rejects.toMatchObject({
      kind: QUALYS_ERROR_KINDS.malformedResponse,
    });
  });

  it('fails an empty body and an unexpected root', async () => {
    await expect(items('  \n')).rejects.toMatchObject({
      message: 'Body is empty: no XML root element',
    });
    await expect(items('<OTHER/>')).rejects.toMatchObject({
      message: 'Unexpected root element <OTHER> (expected <ROOT>)',
    });
  });

  it('refuses a record larger than the per-record bound', async () => {
    const big = 'x'.repeat(5000);
    const xml = `<ROOT><RESPONSE><LIST><ITEM><R>${big}</R></ITEM></LIST></RESPONSE></ROOT>`;

    await expect(items(xml, 1000, 2000)).rejects.toMatchObject({
      kind: QUALYS_ERROR_KINDS.malformedResponse,
      element: 'RESPONSE/LIST/ITEM',
    });
  });

  it('keeps CDATA byte for byte: tabs, newlines and entity-looking text', async () => {
    const cdata = '\n\tline one\t&apos;x&apos;\n  &lt;b&gt; ]] > \n';
    const xml = `<ROOT><RESPONSE><LIST><ITEM><R><![CDATA[${cdata}]]></R><P>
      <![CDATA[padded]]>
    </P></ITEM></LIST></RESPONSE></ROOT>`;

    const [item] = await items(xml, 3);
    const [results, padded] = item?.element.children ?? [];

    expect(results && exactText(results)).toBe(cdata);
    expect(padded && exactText(padded)).toBe('padded');
  });

  it('decodes more than 1,000 escaped entities in one document', async () => {
    const escaped = '&lt;a&gt; &amp; &quot;q&quot; &apos;s&apos; &#65;&#x42;'.repeat(200);
    const xml = `<ROOT><RESPONSE><LIST><ITEM><R>${escaped}</R></ITEM></LIST></RESPONSE></ROOT>`;

    const [item] = await items(xml, 4096);

    expect(item?.element.children[0]?.text).toBe(`<a> & "q" 's' AB`.repeat(200));
  });

  it('refuses an undeclared entity reference in content', async () => {
    await expect(
      items('<ROOT><RESPONSE><LIST><ITEM>&xxe;</ITEM></LIST></RESPONSE></ROOT>'),
    ).rejects.toMatchObject({
      kind: QUALYS_ERROR_KINDS.malformedResponse,
    });
  });
});
