import { describe, expect, it } from '@jest/globals';

import { FirstMatchReplacer } from './body-writer';

describe('FirstMatchReplacer', () => {
  it('replaces a match that straddles two chunks, and only the first one', () => {
    const replacer = new FirstMatchReplacer(/<QID>\d+<\/QID>/, '<QID>abc</QID>', 16);

    const out = [
      replacer.push('<DETECTION><Q'),
      replacer.push('ID>38170</QID><TYPE/>'),
      replacer.push('<QID>38173</QID>'),
      replacer.flush(),
    ].join('');

    expect(out).toBe('<DETECTION><QID>abc</QID><TYPE/><QID>38173</QID>');
  });

  it('gives the text back unchanged when nothing matches', () => {
    const replacer = new FirstMatchReplacer(/"qvs":\s*"\d+"/, '"qvs":"abc"', 8);

    const out = replacer.push('{"a":1,') + replacer.push('"b":2}') + replacer.flush();

    expect(out).toBe('{"a":1,"b":2}');
  });
});
