import { describe, expect, it } from '@jest/globals';

import { QUALYS_ERROR_KINDS } from '../errors';
import { parseQvsResponse, QVS_SKIPPED_NOT_CVE } from './qvs';
import { collectPage, sampleChunks, textChunks } from './sample-files';

describe('parseQvsResponse on qvs/dfe-test-qvs-details-all-two-cves-doc-sample.json', () => {
  it('reads both CVEs with numbers, epoch dates and the exploit maturity factor', async () => {
    const { records, rejections, trailer } = await collectPage(
      parseQvsResponse(sampleChunks('qvs/dfe-test-qvs-details-all-two-cves-doc-sample.json')),
    );

    expect(rejections).toEqual([]);
    expect(trailer.skipped).toEqual({});
    expect(records).toEqual([
      {
        cve: 'CVE-2021-36765',
        idType: 'CVE',
        qvs: 28,
        qvsLastChangedDate: new Date('2022-01-13T00:00:00Z'),
        nvdPublishedDate: new Date('2021-08-04T14:15:00Z'),
        cvss: 5,
        cvssVersion: 'v2',
        cvssString: null,
        exploitMaturity: null,
        threatActors: null,
        trending: null,
        malwareName: null,
        malwareHash: null,
        epss: null,
        rti: null,
        mitigationControls: null,
        otherFactors: {},
      },
      expect.objectContaining({
        cve: 'CVE-2021-36798',
        qvs: 78,
        qvsLastChangedDate: new Date('2022-01-19T00:00:00Z'),
        nvdPublishedDate: new Date('2021-08-09T13:15:00Z'),
        exploitMaturity: ['poc'],
        trending: null,
      }),
    ]);
  });
});

describe('parseQvsResponse', () => {
  it('splits comma-joined factors, flattens nested ones and skips keys that are not CVE ids', async () => {
    const body = JSON.stringify({
      'CVE-2024-3094': {
        base: { id: 'CVE-2024-3094', idType: 'CVE', qvs: '100', qvsLastChangedDate: 1711929600 },
        contributingFactors: {
          cvss: '10.0',
          cvssVersion: 'v3.x',
          cvssString: 'AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H',
          exploitMaturity: ['weaponized,poc'],
          trending: [3292024, 3302024],
          epss: [0.05],
          mitigationControls: [['18436,18437']],
          newFactor: ['x'],
        },
      },
      'not-a-cve': { base: { qvs: '1' } },
      'CVE-21-1': { base: { qvs: '1' } },
      'CVE-2024-0001': { base: { qvs: 'high' } },
    });

    const { records, rejections, trailer } = await collectPage(
      parseQvsResponse(textChunks(body, 17)),
    );

    expect(records[0]).toMatchObject({
      qvs: 100,
      cvss: 10,
      exploitMaturity: ['weaponized', 'poc'],
      trending: ['3292024', '3302024'],
      epss: ['0.05'],
      mitigationControls: ['18436', '18437'],
      otherFactors: { newFactor: ['x'] },
    });
    expect(trailer.skipped).toEqual({ [QVS_SKIPPED_NOT_CVE]: 2 });
    expect(trailer.unknownElements).toEqual({ 'contributingFactors/newFactor': 1 });
    expect(rejections).toEqual([
      {
        index: 1,
        id: 'CVE-2024-0001',
        element: 'CVE-2024-0001/base/qvs',
        value: 'high',
        reason: 'Not an integer',
      },
    ]);
  });

  it('reads an empty object as no records', async () => {
    const { records } = await collectPage(parseQvsResponse(textChunks('{}')));

    expect(records).toEqual([]);
  });

  it('throws an XML SIMPLE_RETURN body as its API error', async () => {
    await expect(
      collectPage(parseQvsResponse(sampleChunks('errors/qualys-doc-409-code-1965-rate-limit.xml'))),
    ).rejects.toMatchObject({ kind: QUALYS_ERROR_KINDS.api, apiCode: '1965', waitSeconds: 68928 });
  });

  it('fails a body cut off inside an entry', async () => {
    await expect(
      collectPage(parseQvsResponse(textChunks('{"CVE-2021-1234":{"base":{"qvs":"3'))),
    ).rejects.toMatchObject({
      kind: QUALYS_ERROR_KINDS.malformedResponse,
      message: 'Body ended before its JSON value closed',
    });
  });
});
