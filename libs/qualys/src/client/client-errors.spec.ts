import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { afterEach, describe, expect, it } from '@jest/globals';

import { QualysApiError } from '../errors';
import { qualysCalls } from './apis';
import {
  collect,
  createTestBed,
  failure,
  TEST_BASIC,
  TEST_CREDENTIALS,
} from './testing/client-harness';
import { parseTestHosts } from './testing/test-parser';
import { answer, detectionPage, simpleReturnBody, startTestServer } from './testing/test-server';

const SAMPLES = join(__dirname, '../../../../../shared/samples/qualys');
const sample = (path: string) => readFileSync(join(SAMPLES, path), 'utf8');
const ACCOUNT_EXPIRED = sample('errors/j1-activity-log-200-code-2001-account-expired.xml');
const INVALID_IDS = sample('errors/j1-hld-400-code-1905-invalid-ids.xml');
const RATE_LIMIT = sample('errors/qualys-doc-409-code-1965-rate-limit.xml');
const SCAN_LAUNCHED = sample('scan/readme-vn-scan-launch-response-qg4.xml');

const DETECTION_PATH = '/api/2.0/fo/asset/host/vm/detection/';

const bed = createTestBed();
afterEach(() => bed.cleanup());

describe('QualysClient errors', () => {
  it('surfaces a 200 answer with code 2001 as an authentication error from a page', async () => {
    const server = await bed.serve((_request, response) => answer(response, 200, ACCOUNT_EXPIRED));
    const { client } = bed.harness(server);

    const error = await failure(
      collect(client.pages(qualysCalls.hostDetection({ show_igs: 1 }), parseTestHosts)),
    );

    expect(error).toBeInstanceOf(QualysApiError);
    expect(error).toMatchObject({
      kind: 'QUALYS_AUTHENTICATION',
      apiCode: '2001',
      apiText: 'This account has expired.',
      httpStatus: 200,
      source: 'eu-test',
      page: 1,
      retriable: false,
      request: { method: 'POST', url: DETECTION_PATH, formFields: ['action', 'show_igs'] },
    });
    expect((error as Error).message).toBe(
      `Qualys answered HTTP 200 with code 2001 (This account has expired.) for hostDetection on eu-test (POST ${DETECTION_PATH}, page 1)`,
    );
    expect(server.requests).toHaveLength(1);
  });

  it('surfaces a 200 answer carrying code 2001 as an error from a small answer', async () => {
    const server = await bed.serve((_request, response) => answer(response, 200, ACCOUNT_EXPIRED));
    const { client } = bed.harness(server);

    const error = await failure(client.send(qualysCalls.scanList()));

    expect(error).toMatchObject({
      kind: 'QUALYS_AUTHENTICATION',
      apiCode: '2001',
      httpStatus: 200,
      request: { method: 'POST', url: '/api/2.0/fo/scan/', formFields: ['action'] },
    });
    expect(server.requests).toHaveLength(1);
  });

  it.each([
    [400, INVALID_IDS, 'QUALYS_API_ERROR', '1905'],
    [401, simpleReturnBody('2000', 'Bad Login/Password'), 'QUALYS_AUTHENTICATION', '2000'],
    [403, '', 'QUALYS_AUTHENTICATION', undefined],
    [404, '<html><body>Not Found</body></html>', 'QUALYS_API_ERROR', undefined],
  ])('does not retry HTTP %i', async (status, body, kind, apiCode) => {
    const server = await bed.serve((_request, response) => answer(response, status, body));
    const { client } = bed.harness(server);

    const error = await failure(
      collect(client.pages(qualysCalls.hostDetection({ ids: ['abc123'] }), parseTestHosts)),
    );

    expect(error).toMatchObject({ kind, apiCode, httpStatus: status, retriable: false });
    expect(server.requests).toHaveLength(1);
    expect(client.stats.snapshot().retries).toBe(0);
  });

  it('keeps the text of code 1905 from a recorded 400 answer', async () => {
    const server = await bed.serve((_request, response) => answer(response, 400, INVALID_IDS));
    const { client } = bed.harness(server);

    const error = await failure(client.send(qualysCalls.hostDetection({ ids: ['abc123'] })));

    expect(error).toMatchObject({
      apiText:
        'parameter ids has invalid value: abc123 (neither a positive integer nor a range: abc123)',
    });
  });

  it('retries 5xx answers with back-off and then succeeds', async () => {
    const server = await bed.serve((_request, response, index) => {
      if (index === 0)
        answer(response, 503, 'Service Unavailable', { 'content-type': 'text/plain' });
      else if (index === 1) answer(response, 502, '<html><body>Bad Gateway</body></html>');
      else answer(response, 200, detectionPage(['101']));
    });
    const { client, clock } = bed.harness(server);

    const { pages } = await collect(client.pages(qualysCalls.hostDetection(), parseTestHosts));

    expect(pages[0]?.items).toEqual([{ kind: 'record', record: { id: '101' } }]);
    expect(server.requests).toHaveLength(3);
    expect(clock.sleeps).toHaveLength(2);
    const stats = client.stats.snapshot();
    expect(stats.retries).toBe(2);
    expect(stats.waits.retry.count).toBe(2);
    expect(stats.calls).toBe(3);
    expect(stats.callsByApi).toEqual({ hostDetection: 3 });
  });

  it('fails as a server error once the attempts are used up', async () => {
    const server = await bed.serve((_request, response) => answer(response, 503, ''));
    const { client } = bed.harness(server, { retry: { maxAttempts: 3 } });

    const error = await failure(client.send(qualysCalls.hostDetection()));

    expect(error).toMatchObject({ kind: 'QUALYS_SERVER_ERROR', httpStatus: 503 });
    expect(server.requests).toHaveLength(3);
  });

  it('names the source and request when a proxy answers with an HTML page', async () => {
    const server = await bed.serve((_request, response) =>
      answer(response, 200, '<!DOCTYPE html><html><body>Sign in</body></html>', {
        'content-type': 'text/html; charset=utf-8',
      }),
    );
    const { client } = bed.harness(server);

    const error = await failure(collect(client.pages(qualysCalls.hostDetection(), parseTestHosts)));

    expect(error).toMatchObject({ kind: 'QUALYS_MALFORMED_RESPONSE', retriable: false });
    expect((error as Error).message).toBe(
      `Qualys answered HTTP 200 with an HTML page instead of an API answer (a proxy or gateway page?) for hostDetection on eu-test (POST ${DETECTION_PATH}, page 1)`,
    );
    expect(server.requests).toHaveLength(1);
  });

  it('retries a refused connection and then fails as a network error', async () => {
    const closed = await startTestServer(() => undefined);
    await closed.close();
    const { client } = bed.harness(closed, { retry: { maxAttempts: 2 } });

    const error = await failure(client.send(qualysCalls.knowledgeBase({ ids: [316760] })));

    expect(error).toMatchObject({ kind: 'QUALYS_NETWORK_ERROR', retriable: true });
    expect((error as Error).message).toMatch(/^No answer \(.*ECONNREFUSED.*\) for knowledgeBase/);
    expect(client.stats.snapshot().calls).toBe(2);
  });

  it('reads a scan launch answer and sends the launch parameters as a form', async () => {
    const server = await bed.serve((_request, response) => answer(response, 200, SCAN_LAUNCHED));
    const { client } = bed.harness(server);

    const launched = await client.launchScan({
      scan_title: 'Rescan 10.0.0.1',
      ip: '10.0.0.1',
      option_title: 'Initial Options',
      iscanner_name: 'scanner-1',
    });

    expect(launched).toMatchObject({
      id: '1781123',
      reference: 'scan/1701237133.81259',
      text: 'New vm scan launched',
    });
    expect(server.requests[0]?.form).toEqual({
      action: 'launch',
      scan_title: 'Rescan 10.0.0.1',
      ip: '10.0.0.1',
      option_title: 'Initial Options',
      iscanner_name: 'scanner-1',
    });
  });

  it('never writes credentials into errors or log lines', async () => {
    const server = await bed.serve((request, response, index) => {
      if (index === 0) answer(response, 401, simpleReturnBody('2000', 'Bad Login/Password'));
      else if (index === 1) answer(response, 409, RATE_LIMIT);
      else if (request.path === '/auth')
        answer(response, 401, '{"authentication_exceptions":[["Authentication Failure"]]}');
      else answer(response, 200, detectionPage(['101']));
    });
    const { client, logs } = bed.harness(server);

    const errors = [
      await failure(client.send(qualysCalls.hostDetection({ ids: [1] }))),
      await failure(client.send(qualysCalls.hostList())),
      await failure(client.send(qualysCalls.pcrsPolicyList())),
    ];
    await collect(client.pages(qualysCalls.knowledgeBase(), parseTestHosts));

    expect(server.requests[0]?.headers['authorization']).toBe(`Basic ${TEST_BASIC}`);
    expect(server.requests[2]?.form).toEqual({ ...TEST_CREDENTIALS, token: 'true' });
    const written = [
      ...errors.map(error => JSON.stringify(error)),
      ...errors.map(error => String((error as Error).message)),
      ...errors.map(error => String((error as Error).stack)),
      logs.text(),
    ].join('\n');
    expect(errors.map(error => (error as QualysApiError).kind)).toEqual([
      'QUALYS_AUTHENTICATION',
      'QUALYS_RATE_LIMITED',
      'QUALYS_AUTHENTICATION',
    ]);
    expect(logs.text()).toContain('"msg":"Qualys call"');
    expect(written).not.toContain(TEST_CREDENTIALS.username);
    expect(written).not.toContain(TEST_CREDENTIALS.password);
    expect(written).not.toContain(TEST_BASIC);
  });
});
