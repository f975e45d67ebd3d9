import { silentLogger } from '@exposure-graph/logging';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { gql } from 'graphql-tag';

import { type RunningSubgraph, startSubgraph } from './subgraph-server';

const typeDefs = gql`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])

  type Widget @key(fields: "id") {
    id: ID!
    label: String!
  }

  type Query {
    widget(id: ID!): Widget
  }
`;

describe('startSubgraph', () => {
  let subgraph: RunningSubgraph;
  let storeAnswers = true;

  beforeAll(async () => {
    subgraph = await startSubgraph<{ prefix: string }>({
      name: 'widgets',
      typeDefs,
      resolvers: {
        Query: {
          widget: (_: unknown, args: { id: string }, context: { prefix: string }) => ({
            id: args.id,
            label: `${context.prefix}${args.id}`,
          }),
        },
      },
      host: '127.0.0.1',
      port: 0,
      logger: silentLogger(),
      readiness: [{ name: 'store', check: () => Promise.resolve(storeAnswers) }],
      context: () => Promise.resolve({ prefix: 'widget-' }),
    });
  });

  afterAll(async () => {
    await subgraph.stop();
  });

  async function query(body: object): Promise<Record<string, unknown>> {
    const response = await fetch(subgraph.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return (await response.json()) as Record<string, unknown>;
  }

  it('answers queries with the per-request context', async () => {
    const result = await query({ query: '{ widget(id: "7") { id label } }' });

    expect(result).toEqual({ data: { widget: { id: '7', label: 'widget-7' } } });
  });

  it('serves its SDL to the gateway through _service', async () => {
    const result = (await query({ query: '{ _service { sdl } }' })) as {
      data: { _service: { sdl: string } };
    };

    expect(result.data._service.sdl).toMatch(/type Widget\s+@key\(fields: "id"\)/);
  });

  it('says it is alive on /health', async () => {
    const response = await fetch(`${subgraph.url}/health`);

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok', pid: process.pid });
  });

  it('is ready only while its dependencies answer', async () => {
    storeAnswers = false;
    const down = await fetch(`${subgraph.url}/ready`);
    storeAnswers = true;
    const up = await fetch(`${subgraph.url}/ready`);

    expect(down.status).toBe(503);
    expect(await down.json()).toEqual({ status: 'not-ready', checks: { store: false } });
    expect(up.status).toBe(200);
    expect(await up.json()).toEqual({ status: 'ready', checks: { store: true } });
  });

  it('exposes Prometheus metrics including the operations it served', async () => {
    const response = await fetch(`${subgraph.url}/metrics`);
    const text = await response.text();

    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(text).toContain('process_resident_memory_bytes');
    expect(text).toMatch(
      /graphql_request_duration_seconds_count\{[^}]*graph="widgets"[^}]*\} [1-9]/,
    );
  });

  it('refuses a query with too many aliases, with a code', async () => {
    const aliases = Array.from({ length: 16 }, (_, i) => `w${i}: widget(id: "${i}") { id }`);

    const result = (await query({ query: `{ ${aliases.join(' ')} }` })) as {
      errors: { message: string; extensions: { code: string } }[];
    };

    expect(result.errors[0]?.message).toMatch(/aliases/i);
    expect(result.errors[0]?.extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('refuses introspection outside development mode', async () => {
    const result = (await query({ query: '{ __schema { types { name } } }' })) as {
      errors: { message: string }[];
    };

    expect(result.errors[0]?.message).toMatch(/introspection/i);
  });

  it('answers a body that is not JSON with a JSON error and status 400', async () => {
    const response = await fetch(subgraph.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"query": "{ widget',
    });

    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      errors: [{ message: 'Request body is not valid JSON', extensions: { code: 'BAD_REQUEST' } }],
    });
  });

  it('answers an unknown route with a JSON 404', async () => {
    const response = await fetch(`${subgraph.url}/nope`);

    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({
      errors: [{ message: 'No route GET /nope', extensions: { code: 'NOT_FOUND' } }],
    });
  });
});
