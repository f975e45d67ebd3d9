import { describe, expect, it } from '@jest/globals';

import { QUALYS_ERROR_KINDS } from '../errors';
import { sampleChunks, sampleText } from './sample-files';
import { parseScanLaunchResponse } from './scan';
import { parseSimpleReturn, simpleReturnError } from './simple-return';

describe('parseSimpleReturn on errors/j1-activity-log-200-code-2001-account-expired.xml', () => {
  it('reads code 2001 and maps it to an authentication error', async () => {
    const answer = await parseSimpleReturn(
      sampleChunks('errors/j1-activity-log-200-code-2001-account-expired.xml'),
    );

    expect(answer).toEqual({
      datetime: new Date('2020-11-23T18:29:09Z'),
      code: '2001',
      text: 'This account has expired.',
      items: {},
    });
    expect(simpleReturnError(answer, { httpStatus: 200 })).toMatchObject({
      kind: QUALYS_ERROR_KINDS.authentication,
      apiCode: '2001',
      httpStatus: 200,
    });
  });
});

describe('parseSimpleReturn on errors/j1-hld-400-code-1905-invalid-ids.xml', () => {
  it('reads code 1905 from a body without an XML declaration', async () => {
    const answer = await parseSimpleReturn(
      sampleText('errors/j1-hld-400-code-1905-invalid-ids.xml'),
    );

    expect(answer.code).toBe('1905');
    expect(answer.datetime).toEqual(new Date('2020-09-27T01:23:36Z'));
    expect(simpleReturnError(answer).kind).toBe(QUALYS_ERROR_KINDS.api);
  });
});

describe('parseSimpleReturn on errors/qualys-doc-409-code-1965-rate-limit.xml', () => {
  it('reads code 1965 and SECONDS_TO_WAIT despite leading blank lines and padded values', async () => {
    const answer = await parseSimpleReturn(
      sampleChunks('errors/qualys-doc-409-code-1965-rate-limit.xml'),
    );

    expect(answer).toEqual({
      datetime: new Date('2017-04-12T14:52:39Z'),
      code: '1965',
      text: 'This API cannot be run again for another 23 hours, 57 minutes and 54 seconds.',
      items: { SECONDS_TO_WAIT: '68928' },
    });
    expect(simpleReturnError(answer, { httpStatus: 409 })).toMatchObject({
      kind: QUALYS_ERROR_KINDS.api,
      apiCode: '1965',
      waitSeconds: 68928,
    });
  });
});

describe('parseSimpleReturn on errors/j1-qps-invalid-credentials.xml', () => {
  it('throws the QPS ServiceResponse INVALID_CREDENTIALS as an authentication error', async () => {
    await expect(
      parseSimpleReturn(sampleChunks('errors/j1-qps-invalid-credentials.xml')),
    ).rejects.toMatchObject({
      kind: QUALYS_ERROR_KINDS.authentication,
      apiCode: 'INVALID_CREDENTIALS',
      apiText: 'Authentication failed',
    });
  });
});

describe('parseScanLaunchResponse on scan/readme-vn-scan-launch-response-qg4.xml', () => {
  it('reads the launched scan id and reference', async () => {
    expect(
      await parseScanLaunchResponse(sampleChunks('scan/readme-vn-scan-launch-response-qg4.xml')),
    ).toEqual({
      datetime: new Date('2023-11-29T08:38:54Z'),
      text: 'New vm scan launched',
      id: '1781123',
      reference: 'scan/1701237133.81259',
    });
  });

  it('throws when the answer is an error code instead', async () => {
    await expect(
      parseScanLaunchResponse(sampleChunks('errors/j1-hld-400-code-1905-invalid-ids.xml')),
    ).rejects.toMatchObject({ kind: QUALYS_ERROR_KINDS.api, apiCode: '1905' });
  });
});

describe('parseSimpleReturn', () => {
  it('refuses another root as malformed', async () => {
    await expect(parseSimpleReturn('<HOST_LIST_OUTPUT/>')).rejects.toMatchObject({
      kind: QUALYS_ERROR_KINDS.malformedResponse,
      message: 'Unexpected root element <HOST_LIST_OUTPUT> (expected <SIMPLE_RETURN>)',
    });
  });
});
