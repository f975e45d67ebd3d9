import { describe, expect, it } from '@jest/globals';

import { QUALYS_ERROR_KINDS, type QualysApiError } from '../errors';
import { textChunks } from '../parsers/sample-files';
import { decodeUtf8 } from './body-text';
import { assertSafeXml, guardXmlStream } from './xml-guard';

const BILLION_LAUGHS = `<?xml version="1.0"?>
<!DOCTYPE lolz [
  <!ENTITY lol "lol">
  <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<lolz>&lol3;</lolz>`;

const EXTERNAL_ENTITY = `<?xml version="1.0"?>
<!DOCTYPE SIMPLE_RETURN [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>
<SIMPLE_RETURN><RESPONSE><TEXT>&xxe;</TEXT></RESPONSE></SIMPLE_RETURN>`;

async function guardedText(xml: string, size: number): Promise<string> {
  let out = '';
  for await (const chunk of guardXmlStream(decodeUtf8(textChunks(xml, size)), {})) {
    out += chunk.text;
  }
  return out;
}

function errorOf(run: () => unknown): QualysApiError {
  try {
    run();
  } catch (err) {
    return err as QualysApiError;
  }
  throw new Error('Expected an error');
}

describe('assertSafeXml', () => {
  it('refuses a billion-laughs document as unsafe', () => {
    const error = errorOf(() => assertSafeXml(BILLION_LAUGHS, {}));

    expect(error.kind).toBe(QUALYS_ERROR_KINDS.unsafeXml);
    expect(error.message).toContain('internal subset');
  });

  it('refuses an external entity declared in an internal subset', () => {
    expect(errorOf(() => assertSafeXml(EXTERNAL_ENTITY, {})).kind).toBe(
      QUALYS_ERROR_KINDS.unsafeXml,
    );
  });

  it('refuses an ENTITY declaration outside any DOCTYPE', () => {
    const error = errorOf(() => assertSafeXml('<!ENTITY x SYSTEM "http://x/">\n<A/>', {}));

    expect(error.kind).toBe(QUALYS_ERROR_KINDS.unsafeXml);
  });

  it('accepts a DOCTYPE with a SYSTEM id, even an empty one, and a PUBLIC id', () => {
    expect(() => assertSafeXml('<!DOCTYPE A SYSTEM "">\n<A/>', {})).not.toThrow();
    expect(() =>
      assertSafeXml('<!DOCTYPE A SYSTEM "https://qualysapi.qualys.com/a.dtd">\n<A/>', {}),
    ).not.toThrow();
    expect(() => assertSafeXml('<!DOCTYPE A PUBLIC "-//X//EN" "a.dtd"><A/>', {})).not.toThrow();
  });

  it('accepts a bracket inside a quoted system id', () => {
    expect(() => assertSafeXml('<!DOCTYPE A SYSTEM "https://x/[a].dtd"><A/>', {})).not.toThrow();
  });

  it('names CSV output and text before the root clearly', () => {
    const csv = errorOf(() => assertSafeXml('----BEGIN_RESPONSE_HEADER_CSV\n', {}));
    const text = errorOf(() => assertSafeXml('...\n<HOST_LIST_OUTPUT/>', {}));

    expect(csv.kind).toBe(QUALYS_ERROR_KINDS.malformedResponse);
    expect(csv.message).toContain('CSV');
    expect(text.message).toBe(
      'Body is not XML: text "...\\n<HOST_LIST_OUTPU" before the root element',
    );
  });
});

describe('guardXmlStream', () => {
  it('refuses the bomb when it arrives one character at a time', async () => {
    await expect(guardedText(BILLION_LAUGHS, 1)).rejects.toMatchObject({
      kind: QUALYS_ERROR_KINDS.unsafeXml,
    });
  });

  it('passes a safe body through unchanged whatever the chunk size', async () => {
    const xml =
      '\n  <?xml version="1.0"?>\n<!DOCTYPE R SYSTEM "x.dtd">\n<!-- a > b -->\n<R>é</R>\n';

    expect(await guardedText(xml, 1)).toBe(xml);
    expect(await guardedText(xml, 7)).toBe(xml);
  });

  it('fails a body that ends inside its prolog', async () => {
    await expect(guardedText('<?xml version="1.0"?>\n<!-- cut', 5)).rejects.toMatchObject({
      kind: QUALYS_ERROR_KINDS.malformedResponse,
      message: 'Body ended before its root element started',
    });
  });
});
