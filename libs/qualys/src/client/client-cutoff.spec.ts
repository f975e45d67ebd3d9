import type { ServerResponse } from 'node:http';

import { afterEach, describe, expect, it } from '@jest/globals';

import { qualysCalls } from './apis';
import { collect, createTestBed, failure, records } from './testing/client-harness';
import { parseTestHosts } from './testing/test-parser';
import { answer, detectionPage, detectionPageStart, limitHeaders } from './testing/test-server';

const bed = createTestBed();
afterEach(() => bed.cleanup());

const host = (id: string) => `      <HOST>\n        <ID>${id}</ID>\n      </HOST>\n`;

/** Sends the start of a page with some hosts, then drops the connection mid-document. */
function breakOff(response: ServerResponse, ids: string[]): void {
  response.writeHead(200, { 'content-type': 'text/xml;charset=UTF-8', ...limitHeaders() });
  response.write(`${detectionPageStart()}${ids.map(host).join('')}      <HOST>\n        <ID>`, () =>
    response.socket?.destroy(),
  );
}

describe('QualysClient cut-off bodies', () => {
  it('fetches a page again after its connection broke and hands out its records once', async () => {
    const server = await bed.serve((_request, response, index) =>
      index === 0
        ? breakOff(response, ['101', '102'])
        : answer(response, 200, detectionPage(['101', '102', '103'])),
    );
    const { client } = bed.harness(server);

    const received: { id: string; requestsSoFar: number }[] = [];
    const listing = client.pages(qualysCalls.hostDetection(), parseTestHosts);
    for await (const page of listing) {
      for await (const item of page.items) {
        if (item.kind === 'record') {
          received.push({ id: item.record.id, requestsSoFar: server.requests.length });
        }
      }
      expect(page.result().attempts).toBe(2);
    }

    // 101 and 102 came from the broken answer, before the second request was sent.
    expect(received).toEqual([
      { id: '101', requestsSoFar: 1 },
      { id: '102', requestsSoFar: 1 },
      { id: '103', requestsSoFar: 2 },
    ]);
    expect(server.requests).toHaveLength(2);
    expect(server.requests[1]?.form).toEqual(server.requests[0]?.form);
    expect(listing.summary()).toMatchObject({ pages: 1, items: 3, complete: true });
    const stats = client.stats.snapshot();
    expect(stats.retries).toBe(1);
    expect(stats.waits.retry.count).toBe(1);
  });

  it('fetches a page again when its body ended cleanly before the root closed', async () => {
    const server = await bed.serve((_request, response, index) =>
      index === 0
        ? answer(response, 200, `${detectionPageStart()}${host('101')}`)
        : answer(response, 200, detectionPage(['101', '102'])),
    );
    const { client } = bed.harness(server);

    const { pages } = await collect(client.pages(qualysCalls.hostDetection(), parseTestHosts));

    expect(records(pages[0]?.items ?? [])).toEqual([{ id: '101' }, { id: '102' }]);
    expect(server.requests).toHaveLength(2);
  });

  it('skips by record key, keeping a record that appeared before the break', async () => {
    const server = await bed.serve((_request, response, index) =>
      index === 0
        ? breakOff(response, ['101', '102'])
        : answer(response, 200, detectionPage(['100', '101', '102', '103'])),
    );
    const { client } = bed.harness(server);

    const { pages } = await collect(
      client.pages(qualysCalls.hostDetection(), parseTestHosts, { recordKey: host => host.id }),
    );

    expect(records(pages[0]?.items ?? []).map(record => record.id)).toEqual([
      '101',
      '102',
      '100',
      '103',
    ]);
  });

  it('fails as a network error when every attempt breaks off', async () => {
    const server = await bed.serve((_request, response) => breakOff(response, ['101']));
    const { client } = bed.harness(server, { retry: { maxAttempts: 2 } });

    const error = await failure(collect(client.pages(qualysCalls.hostDetection(), parseTestHosts)));

    expect(error).toMatchObject({ kind: 'QUALYS_NETWORK_ERROR', page: 1, retriable: true });
    expect((error as Error).message).toMatch(/^The answer broke off \(/);
    expect(server.requests).toHaveLength(2);
  });
});
