import { describe, expect, it } from '@jest/globals';

import { parseIdRanges, parseQualysDate, RequestParams } from './params';

describe('RequestParams', () => {
  it('lets the POST body win over the query and rebuilds a next-page query string', () => {
    const params = new RequestParams([
      ['action', 'list'],
      ['truncation_limit', '10'],
      ['qids', '45017,45038'],
      ['id_min', '5'],
      ['truncation_limit', '5'],
    ]);

    expect(params.get('truncation_limit')).toBe('5');
    expect(params.with('id_min', '5641289').toQueryString()).toBe(
      'action=list&truncation_limit=10&qids=45017,45038&truncation_limit=5&id_min=5641289',
    );
  });

  it('reads id lists with ranges and refuses other tokens with 1905', () => {
    expect(parseIdRanges('ids', '107800671,100-200')).toEqual([
      { from: 107800671, to: 107800671 },
      { from: 100, to: 200 },
    ]);
    expect(() => parseIdRanges('ids', 'abc123')).toThrow(
      'parameter ids has invalid value: abc123 (neither a positive integer nor a range: abc123)',
    );
  });

  it('reads dates with or without a time, always as UTC', () => {
    expect(parseQualysDate('d', '2020-03-05T23:00:30Z')).toBe(Date.UTC(2020, 2, 5, 23, 0, 30));
    expect(parseQualysDate('d', '2020-03-05')).toBe(Date.UTC(2020, 2, 5));
    expect(() => parseQualysDate('vm_processed_after', '05/03/2020')).toThrow(
      'parameter vm_processed_after has invalid value: 05/03/2020',
    );
  });
});
