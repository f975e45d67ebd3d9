import { describe, expect, it } from '@jest/globals';

import { encodeParams, formatQualysDate, formEncode } from './params';

describe('formatQualysDate', () => {
  it('writes UTC with seconds and a literal Z, dropping milliseconds', () => {
    expect(formatQualysDate(new Date('2024-03-08T21:15:41.789+01:00'))).toBe(
      '2024-03-08T20:15:41Z',
    );
  });

  it('refuses an invalid date', () => {
    expect(() => formatQualysDate(new Date('not a date'))).toThrow(
      'Cannot send an invalid date to Qualys',
    );
  });
});

describe('encodeParams', () => {
  it('joins lists with commas, sends flags as 0/1 and dates in UTC, and leaves out nulls', () => {
    const entries = encodeParams({
      action: 'list',
      status: ['New', 'Active', 'Fixed', 'Re-Opened'],
      ids: [107800671, 107800672],
      show_igs: true,
      include_ignored: false,
      truncation_limit: 500,
      vm_processed_after: new Date(Date.UTC(2020, 8, 27, 1, 29, 20)),
      qids: undefined,
      os_pattern: null,
    });

    expect(entries).toEqual([
      ['action', 'list'],
      ['status', 'New,Active,Fixed,Re-Opened'],
      ['ids', '107800671,107800672'],
      ['show_igs', '1'],
      ['include_ignored', '0'],
      ['truncation_limit', '500'],
      ['vm_processed_after', '2020-09-27T01:29:20Z'],
    ]);
  });

  it('refuses an empty list instead of widening the query', () => {
    expect(() => encodeParams({ ids: [] })).toThrow('Parameter ids is an empty list');
  });

  it('URL-encodes the colons of dates in a form body', () => {
    const body = formEncode(
      encodeParams({ detection_updated_since: new Date(Date.UTC(2024, 2, 8)) }),
    );

    expect(body).toBe('detection_updated_since=2024-03-08T00%3A00%3A00Z');
  });
});
