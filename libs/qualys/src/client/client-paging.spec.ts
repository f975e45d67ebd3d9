import { afterEach, describe, expect, it } from '@jest/globals';

import { qualysCalls } from './apis';
import { collect, createTestBed, records, TEST_BASIC } from './testing/client-harness';
import { parseTestHosts, type TestHost } from './testing/test-parser';
import { answer, detectionPage } from './testing/test-server';

const DETECTION_PATH = '/api/2.0/fo/asset/host/vm/detection/';

const bed = createTestBed();
const serve = bed.serve;
const harness = bed.harness;

afterEach(() => bed.cleanup());

const ids = (hosts: TestHost[]) => hosts.map(host => host.id);

describe('QualysClient.pages', () => {
  it('follows three pages with the original parameters on the configured base URL', async () => {
    const server = await serve((request, response) => {
      if (request.form['id_min'] === undefined) {
        answer(
          response,
          200,
          detectionPage(['101', '102'], {
            code: '1980',
            text: '2 record limit exceeded. Use URL to get next batch of results.',
            url: 'http://qualys_vmdr:8090/api/2.0/fo/asset/host/vm/detection/?action=list&truncation_limit=2&id_min=103',
          }),
        );
      } else if (request.form['id_min'] === '103') {
        // Omits truncation_limit and the POSTed filters, repeats show_igs.
        answer(
          response,
          200,
          detectionPage(['103', '104'], {
            code: '1980',
            text: '2 record limit exceeded. Use URL to get next batch of results.',
            url: 'https://qualysapi.qualys.com/api/2.0/fo/asset/host/vm/detection/?action=list&id_min=105&show_igs=1&show_igs=1',
          }),
        );
      } else {
        answer(response, 200, detectionPage(['105']));
      }
    });
    const { client } = harness(server);

    const listing = client.pages(
      qualysCalls.hostDetection({
        truncation_limit: 2,
        status: ['New', 'Active', 'Fixed', 'Re-Opened'],
        show_igs: true,
        detection_updated_since: new Date(Date.UTC(2024, 2, 8, 20, 15, 41)),
      }),
      parseTestHosts,
    );
    const { pages, summary } = await collect(listing);

    const original = {
      action: 'list',
      truncation_limit: '2',
      status: 'New,Active,Fixed,Re-Opened',
      show_igs: '1',
      detection_updated_since: '2024-03-08T20:15:41Z',
    };
    expect(server.requests.map(request => request.form)).toEqual([
      original,
      { ...original, id_min: '103' },
      { ...original, id_min: '105' },
    ]);
    expect(server.requests.map(request => `${request.method} ${request.path}`)).toEqual([
      `POST ${DETECTION_PATH}`,
      `POST ${DETECTION_PATH}`,
      `POST ${DETECTION_PATH}`,
    ]);
    expect(server.requests[0]?.body).toContain('detection_updated_since=2024-03-08T20%3A15%3A41Z');
    for (const request of server.requests) {
      expect(request.headers['authorization']).toBe(`Basic ${TEST_BASIC}`);
      expect(request.headers['x-requested-with']).toBe('exposure-graph');
      expect(request.headers['content-type']).toBe('application/x-www-form-urlencoded');
      expect(request.query).toEqual({});
    }

    expect(pages.map(page => page.pageNumber)).toEqual([1, 2, 3]);
    expect(pages.map(page => ids(records(page.items)))).toEqual([
      ['101', '102'],
      ['103', '104'],
      ['105'],
    ]);
    expect(pages[0]?.result.continuation).toEqual({
      kind: 'nextPage',
      params: { ...original, id_min: '103' },
    });
    expect(pages[2]?.result.continuation).toEqual({ kind: 'lastPage' });
    expect(summary).toEqual({ pages: 3, items: 5, complete: true, truncation: null });
  });

  it('stops and reports a truncation warning that has no URL', async () => {
    const server = await serve((_request, response) =>
      answer(
        response,
        200,
        detectionPage(['101'], { code: '1980', text: '1 record limit exceeded.' }),
      ),
    );
    const { client } = harness(server);

    const { pages, summary } = await collect(
      client.pages(qualysCalls.hostDetection({ truncation_limit: 1 }), parseTestHosts),
    );

    expect(server.requests).toHaveLength(1);
    expect(ids(records(pages[0]?.items ?? []))).toEqual(['101']);
    expect(summary.complete).toBe(false);
    expect(summary.truncation).toMatchObject({
      reason: 'warningWithoutUrl',
      pageNumber: 1,
      warning: { code: '1980', text: '1 record limit exceeded.', url: null },
    });
    expect(summary.truncation?.message).toBe(
      'Qualys truncated page 1 of hostDetection on eu-test without a usable next-page URL (1 record limit exceeded.); the listing stops here',
    );
  });

  it('stops and reports a warning whose code is not 1980', async () => {
    const server = await serve((_request, response) =>
      answer(
        response,
        200,
        detectionPage(['101'], {
          code: '1999',
          text: 'Something else',
          url: 'https://qualysapi.qualys.com/api/2.0/fo/asset/host/vm/detection/?action=list&id_min=102',
        }),
      ),
    );
    const { client } = harness(server);

    const { summary } = await collect(client.pages(qualysCalls.hostDetection(), parseTestHosts));

    expect(server.requests).toHaveLength(1);
    expect(summary.truncation).toMatchObject({
      reason: 'unexpectedWarning',
      warning: { code: '1999', text: 'Something else' },
    });
  });

  it('reports the record cap as a truncation and sends no further request', async () => {
    const server = await serve((request, response) => {
      const next = request.form['id_min'] === undefined ? '104' : '107';
      const first = request.form['id_min'] === undefined ? 101 : 104;
      answer(
        response,
        200,
        detectionPage([String(first), String(first + 1), String(first + 2)], {
          code: '1980',
          text: '3 record limit exceeded.',
          url: `https://qualysapi.qualys.com/api/2.0/fo/asset/host/vm/detection/?action=list&id_min=${next}`,
        }),
      );
    });
    const { client } = harness(server, { recordCap: 4 });

    const { pages, summary } = await collect(
      client.pages(qualysCalls.hostDetection({ truncation_limit: 3 }), parseTestHosts),
    );

    expect(server.requests).toHaveLength(2);
    expect(pages.map(page => ids(records(page.items)))).toEqual([['101', '102', '103'], ['104']]);
    expect(pages[1]?.result.trailer).toBeNull();
    expect(summary).toMatchObject({ pages: 2, items: 4, complete: false });
    expect(summary.truncation).toMatchObject({ reason: 'recordCap', pageNumber: 2, recordCap: 4 });
    expect(summary.truncation?.message).toBe(
      'Record cap of 4 reached on page 2 of hostDetection on eu-test; the listing stops here',
    );
  });

  it('reports a cap reached exactly at the end of a page that has a next page', async () => {
    const server = await serve((_request, response) =>
      answer(
        response,
        200,
        detectionPage(['101', '102'], {
          code: '1980',
          url: 'https://qualysapi.qualys.com/api/2.0/fo/asset/host/vm/detection/?action=list&id_min=103',
        }),
      ),
    );
    const { client } = harness(server);

    const { summary } = await collect(
      client.pages(qualysCalls.hostDetection(), parseTestHosts, { recordCap: 2 }),
    );

    expect(server.requests).toHaveLength(1);
    expect(summary).toMatchObject({
      items: 2,
      complete: false,
      truncation: { reason: 'recordCap' },
    });
  });

  it('ends the listing as abandoned when a page is left unread', async () => {
    const server = await serve((_request, response) =>
      answer(
        response,
        200,
        detectionPage(['101'], {
          code: '1980',
          url: 'https://qualysapi.qualys.com/api/2.0/fo/asset/host/vm/detection/?action=list&id_min=102',
        }),
      ),
    );
    const { client } = harness(server);

    const listing = client.pages(qualysCalls.hostDetection(), parseTestHosts);
    const seen: number[] = [];
    for await (const page of listing) {
      seen.push(page.pageNumber);
      expect(() => page.result()).toThrow('Page 1 has not been read to its end');
    }

    expect(seen).toEqual([1]);
    expect(server.requests).toHaveLength(1);
    expect(listing.summary().truncation).toMatchObject({ reason: 'abandoned', pageNumber: 1 });
  });

  it('asks for the next page only after the previous one was read', async () => {
    const server = await serve((request, response) =>
      answer(
        response,
        200,
        request.form['id_min'] === undefined
          ? detectionPage(['101'], {
              code: '1980',
              url: 'https://qualysapi.qualys.com/api/2.0/fo/asset/host/vm/detection/?action=list&id_min=102',
            })
          : detectionPage(['102']),
      ),
    );
    const { client } = harness(server);

    const listing = client.pages(qualysCalls.hostDetection(), parseTestHosts);
    expect(server.requests).toHaveLength(0);

    const iterator = listing[Symbol.asyncIterator]();
    const first = await iterator.next();
    expect(server.requests).toHaveLength(1);
    for await (const item of first.done ? [] : first.value.items) {
      expect(item).toEqual({ kind: 'record', record: { id: '101' } });
    }
    expect(server.requests).toHaveLength(1);

    const second = await iterator.next();
    expect(second.done).toBe(false);
    expect(server.requests).toHaveLength(2);
    await iterator.return?.();
  });

  it('stops when the next-page URL asks for the same page again', async () => {
    const server = await serve((_request, response) =>
      answer(
        response,
        200,
        detectionPage(['101'], {
          code: '1980',
          url: 'https://qualysapi.qualys.com/api/2.0/fo/asset/host/vm/detection/?action=list&id_min=101',
        }),
      ),
    );
    const { client } = harness(server);

    const { summary } = await collect(
      client.pages(qualysCalls.hostDetection({ id_min: 101 }), parseTestHosts),
    );

    expect(server.requests).toHaveLength(1);
    expect(summary.truncation).toMatchObject({ reason: 'repeatedPage', pageNumber: 1 });
  });
});
