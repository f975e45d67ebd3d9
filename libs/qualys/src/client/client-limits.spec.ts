import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { afterEach, describe, expect, it } from '@jest/globals';

import { QualysApiError } from '../errors';
import { qualysCalls } from './apis';
import { BudgetRegistry } from './budget';
import { collect, createTestBed, failure, records } from './testing/client-harness';
import { manualClock, parseTestHosts, type TestHost } from './testing/test-parser';
import { answer, detectionPage, limitHeaders, simpleReturnBody } from './testing/test-server';

const SAMPLES = join(__dirname, '../../../../../shared/samples/qualys');
const RATE_LIMIT_SAMPLE = readFileSync(
  join(SAMPLES, 'errors/qualys-doc-409-code-1965-rate-limit.xml'),
  'utf8',
);

const bed = createTestBed();
afterEach(() => bed.cleanup());

/** Answers after a short pause, so that parallel callers overlap on the server. */
function slowly(action: () => void): void {
  setTimeout(action, 15);
}

describe('QualysClient limits', () => {
  it('never runs more than two calls at once for ten parallel callers of two clients', async () => {
    const server = await bed.serve((_request, response) =>
      slowly(() => answer(response, 200, detectionPage(['101']))),
    );
    const budgets = new BudgetRegistry();
    const clock = manualClock();
    const first = bed.harness(server, {}, { budgets, clock });
    const second = bed.harness(server, {}, { budgets, clock });

    const callers = Array.from({ length: 10 }, (_, index) => {
      const { client } = index % 2 === 0 ? first : second;
      return client.send(qualysCalls.hostDetection({ ids: [index + 1] }));
    });
    const answers = await Promise.all(callers);

    expect(answers.map(result => result.status)).toEqual(Array.from({ length: 10 }, () => 200));
    expect(server.requests).toHaveLength(10);
    expect(server.maxInFlight()).toBeLessThanOrEqual(2);
    const waits = [first, second].map(h => h.client.stats.snapshot().waits.concurrency.count);
    expect(waits[0]! + waits[1]!).toBe(8);
  });

  it('learns a lower concurrency limit from the answer headers', async () => {
    const headers = limitHeaders({ 'x-concurrency-limit-limit': '1' });
    const server = await bed.serve((_request, response) =>
      slowly(() => answer(response, 200, detectionPage(['101']), headers)),
    );
    const { client } = bed.harness(server);

    await client.send(qualysCalls.hostDetection());
    await Promise.all(Array.from({ length: 5 }, () => client.send(qualysCalls.hostDetection())));

    expect(server.requests).toHaveLength(6);
    expect(server.maxInFlight()).toBe(1);
  });

  it('backs off and retries after 409 with code 1960, counting the wait', async () => {
    const server = await bed.serve((_request, response, index) =>
      index === 0
        ? answer(
            response,
            409,
            simpleReturnBody(
              '1960',
              'The requested operation is blocked by one or more existing Business Objects',
              { CALLS_TO_FINISH: '1' },
            ),
          )
        : answer(response, 200, detectionPage(['101'])),
    );
    const { client, clock } = bed.harness(server);

    const { pages } = await collect(client.pages(qualysCalls.hostDetection(), parseTestHosts));

    expect(server.requests).toHaveLength(2);
    expect(records(pages[0]?.items ?? [])).toEqual([{ id: '101' }]);
    expect(pages[0]?.result.attempts).toBe(2);
    const stats = client.stats.snapshot();
    expect(stats.retries).toBe(1);
    expect(stats.waits.concurrency.count).toBe(1);
    expect(clock.sleeps).toHaveLength(1);
    expect(clock.sleeps[0]).toBeGreaterThan(0);
    expect(clock.sleeps[0]).toBeLessThanOrEqual(7);
  });

  it('fails as concurrency-limited once the 1960 retries are used up', async () => {
    const server = await bed.serve((_request, response) =>
      answer(response, 409, simpleReturnBody('1960', 'Concurrency limit reached')),
    );
    const { client } = bed.harness(server, { retry: { maxConcurrencyRetries: 2 } });

    const error = await failure(client.send(qualysCalls.hostDetection()));

    expect(server.requests).toHaveLength(3);
    expect(error).toBeInstanceOf(QualysApiError);
    expect(error).toMatchObject({
      kind: 'QUALYS_CONCURRENCY_LIMITED',
      apiCode: '1960',
      httpStatus: 409,
    });
  });

  it('waits SECONDS_TO_WAIT after 409 with code 1965 and then succeeds', async () => {
    const server = await bed.serve((_request, response, index) =>
      index === 0
        ? answer(
            response,
            409,
            simpleReturnBody('1965', 'This API cannot be run again for another 2 seconds.', {
              SECONDS_TO_WAIT: '2',
            }),
          )
        : answer(response, 200, detectionPage(['101'])),
    );
    const { client, clock } = bed.harness(server);

    const { pages } = await collect(client.pages(qualysCalls.hostDetection(), parseTestHosts));

    expect(records(pages[0]?.items ?? [])).toEqual([{ id: '101' }]);
    expect(server.requests).toHaveLength(2);
    expect(clock.sleeps).toEqual([2000]);
    expect(client.stats.snapshot().waits.rate).toEqual({ count: 1, totalMs: 2000 });
  });

  it('accepts code 1965 under HTTP 400 as the vendor documents it', async () => {
    const server = await bed.serve((_request, response, index) =>
      index === 0
        ? answer(response, 400, simpleReturnBody('1965', 'Rate limit', { SECONDS_TO_WAIT: '3' }))
        : answer(response, 200, detectionPage(['101'])),
    );
    const { client, clock } = bed.harness(server);

    const result = await client.send(qualysCalls.hostDetection());

    expect(result.status).toBe(200);
    expect(server.requests).toHaveLength(2);
    expect(clock.sleeps).toEqual([3000]);
  });

  it('fails with a clear message and no retry when 1965 asks to wait for hours', async () => {
    const server = await bed.serve((_request, response) =>
      answer(response, 409, RATE_LIMIT_SAMPLE),
    );
    const { client, clock } = bed.harness(server);

    const error = await failure(collect(client.pages(qualysCalls.hostDetection(), parseTestHosts)));
    const again = await failure(client.send(qualysCalls.hostDetection()));

    // 68928 s from the sample's SECONDS_TO_WAIT is 19 h 8 min 48 s.
    expect(error).toBeInstanceOf(QualysApiError);
    expect((error as QualysApiError).message).toBe(
      'Rate limit for hostDetection on eu-test: next call allowed in 19 h 8 min',
    );
    expect(error).toMatchObject({
      kind: 'QUALYS_RATE_LIMITED',
      apiCode: '1965',
      apiText: 'This API cannot be run again for another 23 hours, 57 minutes and 54 seconds.',
      httpStatus: 409,
      waitSeconds: 68928,
      retriable: false,
      source: 'eu-test',
      page: 1,
    });
    expect(again).toMatchObject({ kind: 'QUALYS_RATE_LIMITED' });
    expect(server.requests).toHaveLength(1);
    expect(clock.sleeps).toEqual([]);
  });

  it('waits before a call when the last answer said ToWait-Sec', async () => {
    const headers = limitHeaders({
      'x-ratelimit-remaining': '0',
      'x-ratelimit-towait-sec': '30',
    });
    const server = await bed.serve((_request, response) =>
      answer(response, 200, detectionPage(['101']), headers),
    );
    const { client, clock } = bed.harness(server);

    await client.send(qualysCalls.hostDetection());
    await client.send(qualysCalls.hostDetection());

    expect(server.requests).toHaveLength(2);
    expect(clock.sleeps).toEqual([30000]);
    expect(client.stats.snapshot().waits.rate).toEqual({ count: 1, totalMs: 30000 });
  });

  it('probes after a pause when Remaining is 0 without a ToWait-Sec', async () => {
    const headers = limitHeaders({ 'x-ratelimit-remaining': '0', 'x-ratelimit-towait-sec': '0' });
    const server = await bed.serve((_request, response) =>
      answer(response, 200, detectionPage(['101']), headers),
    );
    const { client, clock } = bed.harness(server, { limits: { rateProbeDelayMs: 45000 } });

    await client.send(qualysCalls.hostDetection());
    await client.send(qualysCalls.hostDetection());

    expect(clock.sleeps).toEqual([45000]);
  });

  it('runs id batches with the bounded parallelism of the concurrency budget', async () => {
    const server = await bed.serve((request, response) =>
      slowly(() => answer(response, 200, detectionPage((request.form['ids'] ?? '').split(',')))),
    );
    const { client } = bed.harness(server);
    const seen: { batch: number; ids: string[] }[] = [];

    const summary = await client.fetchInBatches<TestHost>({
      ids: ['11', '12', '13', '14', '15', '16', '17'],
      batchSize: 3,
      call: batch => qualysCalls.hostDetection({ ids: batch }),
      parse: parseTestHosts,
      onPage: async (page, batch) => {
        const hosts: string[] = [];
        for await (const item of page.items) {
          if (item.kind === 'record') hosts.push(item.record.id);
        }
        seen.push({ batch: batch.index, ids: hosts });
      },
    });

    expect(server.requests.map(request => request.form['ids']).sort()).toEqual([
      '11,12,13',
      '14,15,16',
      '17',
    ]);
    expect(seen.sort((a, b) => a.batch - b.batch)).toEqual([
      { batch: 0, ids: ['11', '12', '13'] },
      { batch: 1, ids: ['14', '15', '16'] },
      { batch: 2, ids: ['17'] },
    ]);
    expect(server.maxInFlight()).toBeLessThanOrEqual(2);
    expect(summary).toEqual({ batches: 3, pages: 3, items: 7, complete: true, truncations: [] });
  });

  it('stops id batches at the record cap and skips the batches left', async () => {
    const server = await bed.serve((request, response) =>
      answer(response, 200, detectionPage((request.form['ids'] ?? '').split(','))),
    );
    const { client } = bed.harness(server, { recordCap: 4 });
    const seen: string[] = [];

    const summary = await client.fetchInBatches<TestHost>({
      ids: ['11', '12', '13', '14', '15', '16', '17'],
      batchSize: 3,
      parallelism: 1,
      call: batch => qualysCalls.hostDetection({ ids: batch }),
      parse: parseTestHosts,
      onPage: async page => {
        for await (const item of page.items) {
          if (item.kind === 'record') seen.push(item.record.id);
        }
      },
    });

    expect(seen).toEqual(['11', '12', '13', '14']);
    expect(server.requests).toHaveLength(2);
    expect(summary.complete).toBe(false);
    expect(summary.truncations.map(truncation => [truncation.batch, truncation.reason])).toEqual([
      [1, 'recordCap'],
      [2, 'recordCap'],
    ]);
  });
});
