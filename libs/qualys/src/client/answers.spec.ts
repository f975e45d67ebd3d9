import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from '@jest/globals';

import { readAnswerShape } from './answers';

const SAMPLES = join(__dirname, '../../../../../shared/samples/qualys');
const sample = (path: string) => readFileSync(join(SAMPLES, path), 'utf8');

describe('readAnswerShape', () => {
  it('reads code 1965 and SECONDS_TO_WAIT from the documented rate-limit answer', () => {
    const shape = readAnswerShape(
      sample('errors/qualys-doc-409-code-1965-rate-limit.xml'),
      'text/xml',
    );

    expect(shape).toMatchObject({
      kind: 'simpleReturn',
      simpleReturn: {
        code: '1965',
        text: 'This API cannot be run again for another 23 hours, 57 minutes and 54 seconds.',
        items: { SECONDS_TO_WAIT: '68928' },
      },
    });
  });

  it('reads code 2001 from a recorded answer without trusting its status', () => {
    const shape = readAnswerShape(
      sample('errors/j1-activity-log-200-code-2001-account-expired.xml'),
      'text/xml;charset=UTF-8',
    );

    expect(shape).toMatchObject({
      kind: 'simpleReturn',
      simpleReturn: { code: '2001', text: 'This account has expired.' },
    });
  });

  it('reads a launch success as a SIMPLE_RETURN without code', () => {
    const shape = readAnswerShape(sample('scan/readme-vn-scan-launch-response-qg4.xml'), undefined);

    expect(shape).toMatchObject({
      kind: 'simpleReturn',
      simpleReturn: { code: null, items: { ID: '1781123', REFERENCE: 'scan/1701237133.81259' } },
    });
  });

  it('reads the QPS error envelope', () => {
    const shape = readAnswerShape(
      sample('errors/j1-qps-invalid-credentials.xml'),
      'application/xml',
    );

    expect(shape).toEqual({
      kind: 'errorEnvelope',
      format: 'xml',
      code: 'INVALID_CREDENTIALS',
      text: 'Authentication failed',
    });
  });

  it('reads the three PCRS error bodies', () => {
    expect(readAnswerShape(sample('pcrs/qualys-doc-pcrs-401-jwt-expired.json'), undefined)).toEqual(
      {
        kind: 'errorEnvelope',
        format: 'json',
        code: null,
        text: 'JWT expired',
      },
    );
    expect(
      readAnswerShape(sample('pcrs/qualys-doc-pcrs-404-invalid-input-parameter.json'), undefined),
    ).toMatchObject({ code: null, text: 'Invalid input Parameter.' });
    expect(
      readAnswerShape(sample('pcrs/qualys-doc-pcrs-401-invalid-credentials.json'), undefined),
    ).toMatchObject({
      code: null,
      text: 'Authentication Failure: 1 errors, 0      successes:authenticationFailure.InvalidCredentialsException',
    });
    expect(
      readAnswerShape(
        '[{"response":{"datetime":"2020-01-01T00:00:00Z","code":1905,"text":"bad"}}]',
        undefined,
      ),
    ).toEqual({ kind: 'errorEnvelope', format: 'json', code: '1905', text: 'bad' });
  });

  it('tells HTML pages, unsafe and broken XML apart', () => {
    expect(readAnswerShape('<html><body>Gateway Timeout</body></html>', undefined)).toEqual({
      kind: 'html',
    });
    expect(readAnswerShape('{}', 'text/html')).toEqual({ kind: 'html' });
    expect(
      readAnswerShape(
        '<!DOCTYPE x [<!ENTITY a "b">]><SIMPLE_RETURN>&a;</SIMPLE_RETURN>',
        undefined,
      ),
    ).toEqual({ kind: 'unsafeXml' });
    expect(readAnswerShape('<SIMPLE_RETURN><RESPONSE></SIMPLE_RETURN>', undefined)).toMatchObject({
      kind: 'malformedXml',
    });
    expect(readAnswerShape('Service Unavailable', 'text/plain')).toEqual({ kind: 'other' });
  });
});
