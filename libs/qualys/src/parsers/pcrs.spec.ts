import { gzipSync } from 'node:zlib';

import { describe, expect, it } from '@jest/globals';

import { QUALYS_ERROR_KINDS } from '../errors';
import { type PcrsPolicyRecord } from '../records/pcrs';
import { type ParsedItem } from './page';
import {
  parsePcrsHostIds,
  parsePcrsPolicyList,
  parsePcrsPostureInfo,
  pcrsErrorFromBody,
} from './pcrs';
import { collectPage, sampleChunks, sampleText, textChunks } from './sample-files';

// One byte at a time: the gzip magic itself is split across chunks.
async function* gzipChunks(text: string, size = 1): AsyncGenerator<Uint8Array> {
  const bytes = gzipSync(Buffer.from(text));
  for (let at = 0; at < bytes.length; at += size) {
    await Promise.resolve();
    yield bytes.subarray(at, at + size);
  }
}

describe('parsePcrsPolicyList on pcrs/qualys-doc-pcrs-policy-list-v1.partial.json.txt', () => {
  it('yields the three policies before the elision line, then fails as invalid JSON', async () => {
    const seen: ParsedItem<PcrsPolicyRecord>[] = [];
    const run = async (): Promise<void> => {
      const parser = parsePcrsPolicyList(
        sampleChunks('pcrs/qualys-doc-pcrs-policy-list-v1.partial.json.txt'),
      );
      for await (const item of parser) seen.push(item);
    };

    await expect(run()).rejects.toMatchObject({ kind: QUALYS_ERROR_KINDS.malformedResponse });
    expect(seen.map(item => item.kind === 'record' && item.record.title)).toEqual([
      'VMWARE 5.5 AND 6.0',
      'Windows Server 2012',
      'Policy for HPUX',
    ]);
    expect(seen[0]).toEqual({
      kind: 'record',
      record: {
        id: '<POLICY ID>',
        title: 'VMWARE 5.5 AND 6.0',
        createdBy: '<USER NAME>',
        createdDate: new Date('2018-01-19T07:52:11Z'),
        modifiedBy: '<USER NAME>',
        modifiedDate: new Date('2018-02-01T09:32:33Z'),
        lastEvaluatedDate: new Date('2019-12-19T06:38:46Z'),
        status: 'inactive',
        locked: false,
      },
    });
  });

  it('returns the subscription id of a complete answer in its trailer', async () => {
    const text = sampleText('pcrs/qualys-doc-pcrs-policy-list-v1.partial.json.txt').replace(
      '},\n....\n]',
      '}\n]',
    );

    const { records, trailer } = await collectPage(parsePcrsPolicyList(textChunks(text)));

    expect(records).toHaveLength(3);
    expect(trailer.subscriptionId).toBe('<SUBSCRIPTION ID>');
  });
});

describe('parsePcrsHostIds on pcrs/qualys-doc-pcrs-hostids-two-policies.json', () => {
  it('reads both policies with their host ids as strings', async () => {
    const { records } = await collectPage(
      parsePcrsHostIds(sampleChunks('pcrs/qualys-doc-pcrs-hostids-two-policies.json')),
    );

    expect(records).toEqual([
      { policyId: '<POLICY ID>', subscriptionId: '<SUBSCRIPTION ID>', hostIds: ['<HOST ID>'] },
      { policyId: '<POLICY ID>', subscriptionId: 'SUBSCRIPTION ID', hostIds: ['<HOST ID>'] },
    ]);
  });
});

describe('parsePcrsHostIds on pcrs/qualys-doc-pcrs-postureinfo-request-body.json', () => {
  it('reads the request body, which has the hostids answer shape', async () => {
    const { records } = await collectPage(
      parsePcrsHostIds(sampleChunks('pcrs/qualys-doc-pcrs-postureinfo-request-body.json')),
    );

    expect(records).toEqual([
      {
        policyId: 'POLICY ID',
        subscriptionId: 'SUBSCRIPTION ID',
        hostIds: ['HOST ID1', 'HOST ID2'],
      },
    ]);
  });
});

describe('parsePcrsHostIds', () => {
  it('normalises numeric ids and rejects a policy answered with an error string', async () => {
    const { records, rejections } = await collectPage(
      parsePcrsHostIds(
        textChunks(
          '[{"policyId":4567,"subscriptionId":7,"hostIds":[101,"102"]},' +
            '{"policyId":"9999","subscriptionId":"7","hostIds":[],"error":"Policy id 9999 does not exist"}]',
        ),
      ),
    );

    expect(records).toEqual([{ policyId: '4567', subscriptionId: '7', hostIds: ['101', '102'] }]);
    expect(rejections).toEqual([
      {
        index: 1,
        id: '9999',
        element: '[1].error',
        value: 'Policy id 9999 does not exist',
        reason: 'Policy answered with an error: Policy id 9999 does not exist',
      },
    ]);
  });

  it('throws a JSON SIMPLE_RETURN as its API error', async () => {
    const body =
      '[{"response":{"datetime":"2024-01-01T00:00:00Z","code":1905,"text":"parameter policyId has invalid value"}}]';

    await expect(collectPage(parsePcrsHostIds(textChunks(body)))).rejects.toMatchObject({
      kind: QUALYS_ERROR_KINDS.api,
      apiCode: '1905',
      apiText: 'parameter policyId has invalid value',
    });
  });
});

describe('parsePcrsPostureInfo', () => {
  const postures = JSON.stringify([
    {
      id: 8812345,
      instance: 'os',
      policyId: 4567,
      policyTitle: 'CIS Linux',
      netBios: null,
      controlId: 1071,
      controlStatement: 'Minimum password age',
      rationale: 'Stops quick reuse',
      hostId: 101,
      status: 'Failed',
      postureModifiedDate: '2024-05-01T10:00:00Z',
      evidence: { current: 'PASS_MIN_DAYS 0' },
    },
    { id: 8812346, hostId: 101, status: 'Passed', lastPassDate: 'yesterday' },
    { id: '8812347', hostId: '102', status: 'Passed' },
  ]);

  it('streams a gzip-compressed array one record at a time and rejects only the bad one', async () => {
    const { records, rejections, trailer } = await collectPage(
      parsePcrsPostureInfo(gzipChunks(postures)),
    );

    expect(records[0]).toEqual({
      id: '8812345',
      hostId: '101',
      policyId: '4567',
      policyTitle: 'CIS Linux',
      controlId: '1071',
      controlStatement: 'Minimum password age',
      rationale: 'Stops quick reuse',
      instance: 'os',
      netBios: null,
      status: 'Failed',
      postureModifiedDate: new Date('2024-05-01T10:00:00Z'),
      firstFailDate: null,
      lastFailDate: null,
      firstPassDate: null,
      lastPassDate: null,
      extra: { evidence: { current: 'PASS_MIN_DAYS 0' } },
    });
    expect(records.map(record => record.id)).toEqual(['8812345', '8812347']);
    expect(rejections).toEqual([
      {
        index: 1,
        id: '8812346',
        element: '[1].lastPassDate',
        value: 'yesterday',
        reason: 'Not an ISO 8601 date',
      },
    ]);
    expect(trailer).toMatchObject({ recordCount: 3, rejectedCount: 1 });
  });

  it('reads the same array uncompressed', async () => {
    const { records } = await collectPage(parsePcrsPostureInfo(textChunks(postures, 9)));

    expect(records).toHaveLength(2);
  });

  it('fails a compressed stream that breaks off', async () => {
    const bytes = gzipSync(Buffer.from(postures));
    async function* cut(): AsyncGenerator<Uint8Array> {
      await Promise.resolve();
      yield bytes.subarray(0, Math.floor(bytes.length / 2));
    }

    await expect(collectPage(parsePcrsPostureInfo(cut()))).rejects.toMatchObject({
      kind: QUALYS_ERROR_KINDS.malformedResponse,
    });
  });
});

describe('pcrsErrorFromBody on pcrs/qualys-doc-pcrs-401-invalid-credentials.json', () => {
  it('is an authentication error carrying the exception text', () => {
    const error = pcrsErrorFromBody(
      401,
      sampleText('pcrs/qualys-doc-pcrs-401-invalid-credentials.json'),
    );

    expect(error).toMatchObject({
      kind: QUALYS_ERROR_KINDS.authentication,
      httpStatus: 401,
      apiText:
        'Authentication Failure: 1 errors, 0      successes:authenticationFailure.InvalidCredentialsException',
    });
  });
});

describe('pcrsErrorFromBody on pcrs/qualys-doc-pcrs-401-jwt-expired.json', () => {
  it('is an authentication error saying the JWT expired', () => {
    expect(
      pcrsErrorFromBody(401, sampleText('pcrs/qualys-doc-pcrs-401-jwt-expired.json')),
    ).toMatchObject({
      kind: QUALYS_ERROR_KINDS.authentication,
      apiText: 'JWT expired',
    });
  });
});

describe('pcrsErrorFromBody on pcrs/qualys-doc-pcrs-404-invalid-input-parameter.json', () => {
  it('is an API error with the service message', () => {
    expect(
      pcrsErrorFromBody(404, sampleText('pcrs/qualys-doc-pcrs-404-invalid-input-parameter.json')),
    ).toMatchObject({
      kind: QUALYS_ERROR_KINDS.api,
      httpStatus: 404,
      message: 'PCRS answered HTTP 404: Invalid input Parameter.',
    });
  });
});
