import { type Simulator, startSimulator } from '@exposure-graph/qualys-simulator';
import { afterEach, describe, expect, it } from '@jest/globals';

import { type QualysApiError } from '../errors';
import { parseHostDetectionPage } from '../parsers/host-detection';
import type { HostDetectionRecord } from '../records/host-detection';
import { qualysCalls } from './apis';
import { BudgetRegistry } from './budget';
import { createQualysClient, type QualysClient } from './client';
import type { QualysSourceInput } from './config';
import type { PageParserFactory } from './pages';
import { captureLogs, collect, failure, records } from './testing/client-harness';
import { manualClock } from './testing/test-parser';

const simulators: Simulator[] = [];
const clients: QualysClient[] = [];

afterEach(async () => {
  await Promise.all(clients.splice(0).map(client => client.close()));
  await Promise.all(simulators.splice(0).map(simulator => simulator.stop()));
});

async function simulate(hosts: number): Promise<Simulator> {
  const simulator = await startSimulator({
    generate: { seed: 7, hosts, detectionsPerHost: 2, infoDetectionsPerHost: 0, qids: 50 },
    nextPageBaseUrl: 'http://qualys_vmdr:8090',
  });
  simulators.push(simulator);
  return simulator;
}

function clientOf(
  simulator: Simulator,
  overrides: Partial<QualysSourceInput> = {},
  shared: { budgets?: BudgetRegistry; clock?: ReturnType<typeof manualClock> } = {},
) {
  const clock = shared.clock ?? manualClock();
  const client = createQualysClient(
    {
      name: 'simulated',
      baseUrl: simulator.url,
      pcrsGatewayUrl: simulator.pcrsUrl,
      credentials: { username: 'qualys', password: 'qualys' },
      retry: { baseDelayMs: 5, concurrencyBaseDelayMs: 5 },
      ...overrides,
    },
    {
      logger: captureLogs().logger,
      budgets: shared.budgets ?? new BudgetRegistry(),
      sleep: clock.sleep,
      now: clock.now,
      random: () => 0.5,
    },
  );
  clients.push(client);
  return { client, clock };
}

const parseDetections: PageParserFactory<HostDetectionRecord> = (body, context) =>
  parseHostDetectionPage(body, { context });

describe('QualysClient against the simulator', () => {
  it('follows every page of a generated estate with the original parameters', async () => {
    const simulator = await simulate(7);
    const { client } = clientOf(simulator);

    const { pages, summary } = await collect(
      client.pages(
        qualysCalls.hostDetection({ truncation_limit: 2, status: ['New', 'Active'], show_qds: 1 }),
        parseDetections,
      ),
    );

    const hostIds = pages.flatMap(page => records(page.items).map(host => host.id));
    expect(hostIds).toEqual(simulator.estate?.hostIds().map(String));
    expect(pages).toHaveLength(4);
    for (const page of pages.slice(0, 3)) {
      expect(page.result.continuation).toMatchObject({
        kind: 'nextPage',
        params: { action: 'list', truncation_limit: '2', status: 'New,Active', show_qds: '1' },
      });
    }
    expect(summary).toMatchObject({ pages: 4, items: 7, complete: true });
    expect(simulator.stats.api('host-detection').calls).toBe(4);
  });

  it('keeps ten parallel callers under the concurrency limit of two', async () => {
    const simulator = await simulate(3);
    const budgets = new BudgetRegistry();
    const clock = manualClock();
    const callers = Array.from({ length: 10 }, () => clientOf(simulator, {}, { budgets, clock }));

    await Promise.all(
      callers.map(({ client }) =>
        collect(client.pages(qualysCalls.hostDetection(), parseDetections)),
      ),
    );

    const stats = simulator.stats.api('host-detection');
    expect(stats.calls).toBe(10);
    expect(stats.maxConcurrent).toBeLessThanOrEqual(2);
    expect(stats.conflicts).toEqual({ '1960': 0, '1965': 0 });
  });

  it('retries after an injected 409 with code 1960', async () => {
    const simulator = await simulate(2);
    simulator.faults.inject({ kind: 'conflict', code: '1960', api: 'host-detection' });
    const { client } = clientOf(simulator);

    const { summary } = await collect(client.pages(qualysCalls.hostDetection(), parseDetections));

    expect(summary).toMatchObject({ items: 2, complete: true });
    expect(client.stats.snapshot().waits.concurrency.count).toBe(1);
    expect(simulator.stats.api('host-detection').conflicts['1960']).toBe(1);
  });

  it('waits a short 1965 and fails a long one without retrying', async () => {
    const simulator = await simulate(2);
    simulator.faults.inject({ kind: 'conflict', code: '1965', secondsToWait: 4 });
    const { client, clock } = clientOf(simulator);

    await collect(client.pages(qualysCalls.hostDetection(), parseDetections));
    simulator.faults.inject({ kind: 'conflict', code: '1965', secondsToWait: 86_220 });
    const error = await failure(
      collect(client.pages(qualysCalls.hostDetection(), parseDetections)),
    );

    expect(clock.sleeps).toEqual([4000]);
    expect((error as QualysApiError).message).toBe(
      'Rate limit for hostDetection on simulated: next call allowed in 23 h 57 min',
    );
    expect(simulator.stats.api('host-detection').requests).toBe(3);
  });

  it('surfaces an HTTP 200 carrying code 2001 as an authentication error', async () => {
    const simulator = await simulate(2);
    const { client } = clientOf(simulator, {
      credentials: { username: 'expired', password: 'expired' },
    });

    const error = await failure(
      collect(client.pages(qualysCalls.hostDetection(), parseDetections)),
    );

    expect(error).toMatchObject({
      kind: 'QUALYS_AUTHENTICATION',
      apiCode: '2001',
      httpStatus: 200,
      source: 'simulated',
    });
    expect(simulator.stats.api('host-detection').requests).toBe(1);
  });

  it('fetches a cut-off page again and hands out each host once', async () => {
    const simulator = await simulate(6);
    simulator.faults.inject({ kind: 'cutOff', afterBytes: 6000, api: 'host-detection' });
    const { client } = clientOf(simulator);

    const { pages } = await collect(
      client.pages(qualysCalls.hostDetection(), parseDetections, { recordKey: host => host.id }),
    );

    const hostIds = records(pages[0]?.items ?? []).map(host => host.id);
    expect(hostIds).toEqual(simulator.estate?.hostIds().map(String));
    expect(pages[0]?.result.attempts).toBe(2);
  });
});
