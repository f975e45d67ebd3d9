import { describe, expect, it } from '@jest/globals';

import { nextPageParams } from './next-page';

describe('nextPageParams', () => {
  it('takes id_min from the URL and keeps the original parameters the URL leaves out', () => {
    const original: [string, string][] = [
      ['action', 'list'],
      ['truncation_limit', '1000'],
      ['status', 'New,Active,Fixed,Re-Opened'],
    ];

    // The documentation's sample URL carries id_min only.
    const next = nextPageParams(
      original,
      'https://qualysapi.qualys.com/api/2.0/fo/asset/host/vm/detection/?id_min=2400356',
    );

    expect(next).toEqual([
      ['action', 'list'],
      ['truncation_limit', '1000'],
      ['status', 'New,Active,Fixed,Re-Opened'],
      ['id_min', '2400356'],
    ]);
  });

  it('lets the URL override an original value', () => {
    const next = nextPageParams(
      [
        ['action', 'list'],
        ['id_min', '100'],
      ],
      'http://qualys_vmdr:8090/api/2.0/fo/asset/host/vm/detection/?action=list&truncation_limit=1000&id_min=5641289',
    );

    expect(next).toEqual([
      ['action', 'list'],
      ['id_min', '5641289'],
      ['truncation_limit', '1000'],
    ]);
  });

  it('sends a repeated parameter once and joins different values', () => {
    const next = nextPageParams(
      [['action', 'list']],
      '/api/2.0/fo/asset/host/vm/detection/?show_igs=1&show_igs=1&qids=45017&qids=45018',
    );

    expect(next).toEqual([
      ['action', 'list'],
      ['show_igs', '1'],
      ['qids', '45017,45018'],
    ]);
  });

  it('keeps a comma list exactly as Qualys wrote it', () => {
    const next = nextPageParams([], '/x/?qids=45016%2C45017%2C45017');

    expect(next).toEqual([['qids', '45016,45017,45017']]);
  });
});
