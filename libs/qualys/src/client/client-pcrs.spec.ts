import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

import { afterEach, describe, expect, it } from '@jest/globals';

import { parsePcrsHostIds, parsePcrsPolicyList, parsePcrsPostureInfo } from '../parsers/pcrs';
import type { PcrsPolicyHostIds } from '../records/pcrs';
import { PCRS_MAX_POLICIES_PER_CALL, qualysCalls } from './apis';
import { collect, createTestBed, failure, records } from './testing/client-harness';
import { answer, fakeJwt, limitHeaders, type ReceivedRequest } from './testing/test-server';

const SAMPLES = join(__dirname, '../../../../../shared/samples/qualys');
const sample = (path: string) => readFileSync(join(SAMPLES, path), 'utf8');
const JWT_EXPIRED = sample('pcrs/qualys-doc-pcrs-401-jwt-expired.json');
const HOST_IDS = sample('pcrs/qualys-doc-pcrs-hostids-two-policies.json');
const POSTURE_BODY = sample('pcrs/qualys-doc-pcrs-postureinfo-request-body.json');

const POLICY_LIST = JSON.stringify({
  subscriptionId: '7781',
  policyList: [
    {
      id: '1055',
      title: 'Windows Server 2012',
      createdBy: 'quays_ab',
      createdDate: '2018-02-02T06:22:16Z',
      modifiedBy: 'quays_ab',
      modifiedDate: '2018-02-22T10:06:25Z',
      lastEvaluatedDate: '2019-12-19T06:39:05Z',
      status: 'inactive',
      locked: 0,
    },
  ],
});

const POSTURE = JSON.stringify([
  { id: 9001, hostId: 42, policyId: 1055, controlId: 1071, status: 'Passed', instance: 'os' },
  { id: 9002, hostId: 42, policyId: 1055, controlId: 1072, status: 'Failed', instance: 'os' },
]);

const bed = createTestBed();
afterEach(() => bed.cleanup());

const JSON_HEADERS = { 'content-type': 'application/json' };
const bearer = (request: ReceivedRequest | undefined) => request?.headers['authorization'];

describe('QualysClient PCRS', () => {
  it('logs in at the gateway and sends the token as a bearer on PCRS calls', async () => {
    const token = fakeJwt({ sub: 'api-user-7' });
    const server = await bed.serve((request, response) =>
      request.path === '/auth'
        ? answer(response, 200, token, { 'content-type': 'text/plain' })
        : answer(response, 200, POLICY_LIST, JSON_HEADERS),
    );
    const { client } = bed.harness(server);

    const { pages } = await collect(
      client.pages(
        qualysCalls.pcrsPolicyList({ lastEvaluationDate: new Date(Date.UTC(2019, 0, 1)) }),
        (body, context) => parsePcrsPolicyList(body, { context }),
      ),
    );

    const [auth, list] = server.requests;
    expect(auth).toMatchObject({ method: 'POST', path: '/auth' });
    expect(auth?.form).toEqual({ username: 'api-user-7', password: 'S3cret-Pa55', token: 'true' });
    expect(auth?.headers['authorization']).toBeUndefined();
    expect(list).toMatchObject({
      method: 'GET',
      path: '/pcrs/1.0/posture/policy/list',
      query: { lastEvaluationDate: '2019-01-01T00:00:00Z' },
    });
    expect(bearer(list)).toBe(`Bearer ${token}`);
    expect(list?.headers['x-requested-with']).toBe('exposure-graph');
    expect(records(pages[0]?.items ?? [])).toMatchObject([
      { id: '1055', title: 'Windows Server 2012', status: 'inactive', locked: false },
    ]);
    expect(pages[0]?.result.trailer).toMatchObject({ subscriptionId: '7781' });
    expect(client.stats.snapshot()).toMatchObject({
      tokenRequests: 1,
      callsByApi: { pcrsAuth: 1, pcrsPolicyList: 1 },
    });
  });

  it('renews the token shortly before the expiry its exp claim gives', async () => {
    let issued = 0;
    const server = await bed.serve((request, response) => {
      if (request.path === '/auth') {
        issued += 1;
        // Valid for one hour from the test clock's start (2024-03-08T20:15:41Z).
        const exp = Date.UTC(2024, 2, 8, 21, 15, 41) / 1000;
        answer(response, 200, fakeJwt({ n: issued, exp }), { 'content-type': 'text/plain' });
      } else {
        answer(response, 200, POLICY_LIST, JSON_HEADERS);
      }
    });
    const { client, clock } = bed.harness(server, { pcrsToken: { renewBeforeMs: 300_000 } });
    const call = qualysCalls.pcrsPolicyList();

    await client.send(call);
    clock.advance(50 * 60_000);
    await client.send(call);
    clock.advance(6 * 60_000);
    await client.send(call);

    const data = server.requests.filter(request => request.path !== '/auth');
    expect(server.requests.filter(request => request.path === '/auth')).toHaveLength(2);
    expect(bearer(data[0])).toBe(bearer(data[1]));
    expect(bearer(data[2])).not.toBe(bearer(data[1]));
  });

  it('renews a token without exp claim after the configured lifetime', async () => {
    let issued = 0;
    const server = await bed.serve((request, response) => {
      if (request.path === '/auth') {
        issued += 1;
        answer(response, 200, `opaque-token-${issued}`, { 'content-type': 'text/plain' });
      } else {
        answer(response, 200, POLICY_LIST, JSON_HEADERS);
      }
    });
    const { client, clock } = bed.harness(server, {
      pcrsToken: { lifetimeMs: 600_000, renewBeforeMs: 0 },
    });

    await client.send(qualysCalls.pcrsPolicyList());
    clock.advance(600_000);
    await client.send(qualysCalls.pcrsPolicyList());

    const data = server.requests.filter(request => request.path !== '/auth');
    expect(data.map(bearer)).toEqual(['Bearer opaque-token-1', 'Bearer opaque-token-2']);
  });

  it('renews the token once after a 401 and goes on', async () => {
    let issued = 0;
    let refused = false;
    const server = await bed.serve((request, response) => {
      if (request.path === '/auth') {
        issued += 1;
        answer(response, 200, `token-${issued}`, { 'content-type': 'text/plain' });
      } else if (!refused) {
        refused = true;
        answer(response, 401, JWT_EXPIRED, JSON_HEADERS);
      } else {
        answer(response, 200, POLICY_LIST, JSON_HEADERS);
      }
    });
    const { client } = bed.harness(server);

    const result = await client.send(qualysCalls.pcrsPolicyList());

    expect(result.status).toBe(200);
    expect(server.requests.map(request => `${request.path} ${bearer(request) ?? '-'}`)).toEqual([
      '/auth -',
      '/pcrs/1.0/posture/policy/list Bearer token-1',
      '/auth -',
      '/pcrs/1.0/posture/policy/list Bearer token-2',
    ]);
  });

  it('fails as an authentication error when the renewed token is refused too', async () => {
    const server = await bed.serve((request, response) =>
      request.path === '/auth'
        ? answer(response, 200, 'token', { 'content-type': 'text/plain' })
        : answer(response, 401, JWT_EXPIRED, JSON_HEADERS),
    );
    const { client } = bed.harness(server);

    const error = await failure(client.send(qualysCalls.pcrsPolicyList()));

    expect(error).toMatchObject({
      kind: 'QUALYS_AUTHENTICATION',
      httpStatus: 401,
      apiText: 'JWT expired',
      request: { method: 'GET', url: '/pcrs/1.0/posture/policy/list' },
    });
    expect(server.requests.map(request => request.path)).toEqual([
      '/auth',
      '/pcrs/1.0/posture/policy/list',
      '/auth',
      '/pcrs/1.0/posture/policy/list',
    ]);
  });

  it('waits Retry-After after a 429 and tries again', async () => {
    let limited = false;
    const server = await bed.serve((request, response) => {
      if (request.path === '/auth') {
        answer(response, 200, 'token', { 'content-type': 'text/plain' });
      } else if (!limited) {
        limited = true;
        answer(response, 429, '', { 'retry-after': '7' });
      } else {
        answer(response, 200, POLICY_LIST, JSON_HEADERS);
      }
    });
    const { client, clock } = bed.harness(server);

    const result = await client.send(qualysCalls.pcrsPolicyList());

    expect(result.status).toBe(200);
    expect(clock.sleeps).toEqual([7000]);
    expect(client.stats.snapshot().waits.rate).toEqual({ count: 1, totalMs: 7000 });
  });

  it('posts host-id sets as JSON and reads a gzip posture stream', async () => {
    const sets = JSON.parse(POSTURE_BODY) as PcrsPolicyHostIds[];
    const server = await bed.serve((request, response) => {
      if (request.path === '/auth') {
        answer(response, 200, 'token', { 'content-type': 'text/plain' });
        return;
      }
      response.writeHead(200, { ...JSON_HEADERS, 'content-encoding': 'gzip', ...limitHeaders() });
      response.end(gzipSync(POSTURE));
    });
    const { client } = bed.harness(server);

    const { pages, summary } = await collect(
      client.pages(
        qualysCalls.pcrsPostureInfo(sets, { evidenceRequired: 0, compressionRequired: 1 }),
        (body, context) => parsePcrsPostureInfo(body, { context }),
      ),
    );

    const post = server.requests[1];
    expect(post).toMatchObject({
      method: 'POST',
      path: '/pcrs/1.0/posture/postureInfo',
      query: { evidenceRequired: '0', compressionRequired: '1' },
    });
    expect(post?.headers['content-type']).toBe('application/json');
    expect(JSON.parse(post?.body ?? 'null')).toEqual([
      {
        policyId: 'POLICY ID',
        subscriptionId: 'SUBSCRIPTION ID',
        hostIds: ['HOST ID1', 'HOST ID2'],
      },
    ]);
    expect(records(pages[0]?.items ?? [])).toMatchObject([
      { id: '9001', hostId: '42', controlId: '1071', status: 'Passed' },
      { id: '9002', hostId: '42', controlId: '1072', status: 'Failed' },
    ]);
    expect(summary).toMatchObject({ pages: 1, items: 2, complete: true });
  });

  it('reads a gzip body that does not say it is compressed', async () => {
    const server = await bed.serve((request, response) => {
      if (request.path === '/auth') {
        answer(response, 200, 'token', { 'content-type': 'text/plain' });
        return;
      }
      response.writeHead(200, { 'content-type': 'application/octet-stream', ...limitHeaders() });
      response.end(gzipSync(POSTURE));
    });
    const { client } = bed.harness(server);

    const { pages } = await collect(
      client.pages(qualysCalls.pcrsPostureInfo([]), (body, context) =>
        parsePcrsPostureInfo(body, { context }),
      ),
    );

    expect(records(pages[0]?.items ?? []).map(record => record.id)).toEqual(['9001', '9002']);
  });

  it('reads HTTP 204 as an empty last page', async () => {
    const server = await bed.serve((request, response) => {
      if (request.path === '/auth') {
        answer(response, 200, 'token', { 'content-type': 'text/plain' });
        return;
      }
      response.writeHead(204, limitHeaders());
      response.end();
    });
    const { client } = bed.harness(server);

    const { pages, summary } = await collect(
      client.pages(qualysCalls.pcrsPostureInfo([]), (body, context) =>
        parsePcrsPostureInfo(body, { context }),
      ),
    );

    expect(pages[0]?.items).toEqual([]);
    expect(pages[0]?.result.trailer).toBeNull();
    expect(summary).toMatchObject({ pages: 1, items: 0, complete: true });
  });

  it('asks for host ids of at most ten policies per call', async () => {
    const server = await bed.serve((request, response) =>
      request.path === '/auth'
        ? answer(response, 200, 'token', { 'content-type': 'text/plain' })
        : answer(response, 200, HOST_IDS, JSON_HEADERS),
    );
    const { client } = bed.harness(server);
    const policyIds = Array.from({ length: 12 }, (_, index) => String(101 + index));
    const found: PcrsPolicyHostIds[] = [];

    const summary = await client.fetchInBatches({
      ids: policyIds,
      batchSize: PCRS_MAX_POLICIES_PER_CALL,
      call: batch => qualysCalls.pcrsHostIds(batch),
      parse: (body, context) => parsePcrsHostIds(body, { context }),
      parallelism: 1,
      onPage: async page => {
        for await (const item of page.items) {
          if (item.kind === 'record') found.push(item.record);
        }
      },
    });

    const asked = server.requests.filter(request => request.path === '/pcrs/1.0/posture/hostids');
    expect(asked.map(request => request.query['policyId'])).toEqual([
      '101,102,103,104,105,106,107,108,109,110',
      '111,112',
    ]);
    expect(found).toHaveLength(4);
    expect(found[0]).toEqual({
      policyId: '<POLICY ID>',
      subscriptionId: '<SUBSCRIPTION ID>',
      hostIds: ['<HOST ID>'],
    });
    expect(summary).toMatchObject({ batches: 2, items: 4, complete: true });
    expect(() => qualysCalls.pcrsHostIds(policyIds)).toThrow(
      'PCRS host ids take 1 to 10 policy ids per call, not 12',
    );
  });
});
