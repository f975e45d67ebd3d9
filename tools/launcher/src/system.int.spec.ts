import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { runRequestedEvent, sourceChangedEvent } from '@exposure-graph/events';
import { createSourcesClient } from '@exposure-graph/grpc';
import { grpcSourceDirectory } from '@exposure-graph/imports';
import { createKafkaConnection } from '@exposure-graph/kafka';
import { silentLogger } from '@exposure-graph/logging';
import { connectMongo, type MongoConnection } from '@exposure-graph/mongo';
import { collectMessages, ensureStack, freePort, uniqueName } from '@exposure-graph/testing';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';

import { launchSystem, type RunningSystem, WORKSPACE_ROOT } from './launcher';
import { type SystemPorts, systemServices } from './services';

const logger = silentLogger();

interface GraphqlResponse<Data> {
  data?: Data;
  errors?: { message: string }[];
}

async function graphql<Data>(url: string, query: string, variables = {}): Promise<Data> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as GraphqlResponse<Data>;
  expect(body.errors).toBeUndefined();
  return body.data as Data;
}

const ADD_SOURCE = `
  mutation Add($input: AddSourceInput!) {
    addSource(input: $input) {
      source { id name apiBaseUrl enabled hasCredentials integrations createdAt }
      error { code message field }
    }
  }`;

interface AddSourceResult {
  addSource: {
    source: {
      id: string;
      name: string;
      apiBaseUrl: string;
      enabled: boolean;
      hasCredentials: boolean;
      integrations: string[];
    } | null;
    error: { code: string; message: string; field: string | null } | null;
  };
}

describe('the system, started as separate processes', () => {
  const topicPrefix = `${uniqueName('system')}.`;
  const databasePrefix = `${uniqueName('system').replace(/-/g, '_')}_`;
  let system: RunningSystem;
  let gatewayUrl: string;
  let mongo: MongoConnection;
  let ports: SystemPorts;

  beforeAll(async () => {
    const stack = ensureStack();
    ports = {
      gateway: await freePort(),
      integrations: await freePort(),
      integrationsGrpc: await freePort(),
    };
    system = await launchSystem({
      services: systemServices({
        ports,
        databasePrefix,
        credentialsKeys: `test:${randomBytes(32).toString('base64')}`,
      }),
      env: {
        KAFKA_BROKERS: stack.kafkaBrokers.join(','),
        MONGODB_URI: stack.mongoUri,
        KAFKA_TOPIC_PREFIX: topicPrefix,
        LOG_LEVEL: 'info',
      },
      logDir: join(WORKSPACE_ROOT, '.stack/logs/tests', topicPrefix.slice(0, -1)),
    });
    gatewayUrl = `http://127.0.0.1:${ports.gateway}/graphql`;
    mongo = await connectMongo({
      uri: stack.mongoUri,
      database: `${databasePrefix}integrations`,
      appName: 'system-test',
      logger,
    });
  });

  afterAll(async () => {
    await system?.stop();
    await mongo?.db.dropDatabase();
    await mongo?.close();
  });

  it('creates a source through the gateway, publishes its event and stores it', async () => {
    const result = await graphql<AddSourceResult>(gatewayUrl, ADD_SOURCE, {
      input: {
        name: 'EU platform',
        apiBaseUrl: 'https://qualysapi.qualys.eu/',
        username: 'eu_api_user',
        password: 'Sup3r-Secret!',
        integrations: ['knowledge-base', 'host-detection'],
      },
    });

    const source = result.addSource.source;
    expect(result.addSource.error).toBeNull();
    expect(source).toMatchObject({
      name: 'EU platform',
      apiBaseUrl: 'https://qualysapi.qualys.eu',
      enabled: true,
      hasCredentials: true,
      integrations: ['knowledge-base', 'host-detection'],
    });

    const kafka = createKafkaConnection({
      brokers: ensureStack().kafkaBrokers,
      clientId: 'system-test',
      topicPrefix,
      logger,
    });
    const [message] = await collectMessages(kafka.kafka, kafka.topic(sourceChangedEvent.topic), {
      count: 1,
    });
    const event = JSON.parse(message!.value!.toString('utf8')) as Record<string, unknown>;
    expect(message!.key?.toString()).toBe(source!.id);
    expect(event).toMatchObject({
      type: 'integration.source.changed',
      version: 1,
      source: 'integrations',
      key: source!.id,
      data: {
        sourceId: source!.id,
        change: 'created',
        name: 'EU platform',
        apiBaseUrl: 'https://qualysapi.qualys.eu',
        enabled: true,
      },
    });

    const stored = await mongo.db.collection('sources').findOne({ _id: source!.id as never });
    expect(stored).toMatchObject({
      name: 'EU platform',
      nameKey: 'eu platform',
      apiBaseUrl: 'https://qualysapi.qualys.eu',
      enabled: true,
      eventPending: false,
      credentials: { keyId: 'test' },
    });
    expect(JSON.stringify(stored)).not.toContain('Sup3r-Secret!');
    expect(JSON.stringify(stored)).not.toContain('eu_api_user');
  });

  it('refuses a second source with the same name in other case, as a typed error', async () => {
    const result = await graphql<AddSourceResult>(gatewayUrl, ADD_SOURCE, {
      input: {
        name: 'eu PLATFORM',
        apiBaseUrl: 'https://qualysapi.qualys.eu',
        username: 'u',
        password: 'p',
      },
    });

    expect(result.addSource).toEqual({
      source: null,
      error: {
        code: 'SOURCE_NAME_TAKEN',
        message: 'A source named "eu PLATFORM" already exists',
        field: 'name',
      },
    });
  });

  it('refuses a URL that is not http(s), naming the field', async () => {
    const result = await graphql<AddSourceResult>(gatewayUrl, ADD_SOURCE, {
      input: { name: 'Broken', apiBaseUrl: 'ftp://qualys.example', username: 'u', password: 'p' },
    });

    expect(result.addSource.error).toEqual({
      code: 'INVALID_INPUT',
      message: 'apiBaseUrl must be an http(s) URL',
      field: 'apiBaseUrl',
    });
  });

  it('lists the sources through the gateway', async () => {
    const result = await graphql<{ sources: { name: string }[] }>(
      gatewayUrl,
      '{ sources { name } }',
    );

    expect(result.sources).toEqual([{ name: 'EU platform' }]);
  });

  it('requests a run of an enabled integration as an event, and refuses a disabled one', async () => {
    const { sources } = await graphql<{ sources: { id: string }[] }>(
      gatewayUrl,
      '{ sources { id } }',
    );
    const sourceId = sources[0]!.id;
    const run = `mutation Run($sourceId: ID!, $integration: String!, $window: RunWindowInput) {
      runIntegration(sourceId: $sourceId, integration: $integration, window: $window) {
        runId
        error { code message field }
      }
    }`;

    const accepted = await graphql<{ runIntegration: { runId: string | null; error: unknown } }>(
      gatewayUrl,
      run,
      { sourceId, integration: 'knowledge-base', window: { from: '2024-01-01T00:00:00Z' } },
    );
    const refused = await graphql<{ runIntegration: { runId: string | null; error: unknown } }>(
      gatewayUrl,
      run,
      { sourceId, integration: 'pcrs' },
    );

    expect(refused.runIntegration).toEqual({
      runId: null,
      error: {
        code: 'INTEGRATION_DISABLED',
        message: 'Integration pcrs is not enabled for source "EU platform"',
        field: 'integration',
      },
    });
    const kafka = createKafkaConnection({
      brokers: ensureStack().kafkaBrokers,
      clientId: 'system-test',
      topicPrefix,
      logger,
    });
    const [message] = await collectMessages(kafka.kafka, kafka.topic(runRequestedEvent.topic), {
      count: 1,
    });
    expect(message!.key?.toString()).toBe(`${sourceId}:knowledge-base`);
    expect(JSON.parse(message!.value!.toString('utf8'))).toMatchObject({
      type: 'integration.run.requested',
      data: {
        runId: accepted.runIntegration.runId,
        sourceId,
        integration: 'knowledge-base',
        trigger: 'manual',
        window: { from: '2024-01-01T00:00:00.000Z', to: null },
        hostIds: null,
      },
    });
  });

  it('hands the opened credentials to importing services over internal gRPC only', async () => {
    const { sources } = await graphql<{ sources: { id: string }[] }>(
      gatewayUrl,
      '{ sources { id } }',
    );
    const client = createSourcesClient(`127.0.0.1:${ports.integrationsGrpc}`, { logger });
    try {
      const directory = grpcSourceDirectory(client);

      const connection = await directory.get(sources[0]!.id);
      const unknown = directory.get('no-such-source');

      expect(connection).toEqual({
        sourceId: sources[0]!.id,
        name: 'EU platform',
        apiBaseUrl: 'https://qualysapi.qualys.eu',
        pcrsGatewayUrl: null,
        username: 'eu_api_user',
        password: 'Sup3r-Secret!',
        apiVersions: {},
      });
      await expect(unknown).rejects.toMatchObject({ code: 'NOT_FOUND' });
    } finally {
      client.close();
    }
  });

  it('never writes the credentials to a log line', () => {
    const logs = system.processes.map(running => readFileSync(running.logFile, 'utf8')).join('\n');

    expect(logs).toContain('Source added');
    expect(logs).not.toContain('Sup3r-Secret!');
    expect(logs).not.toContain('eu_api_user');
  });

  it('refuses a query with too many aliases at the gateway, with a code', async () => {
    const aliases = Array.from({ length: 50 }, (_, i) => `s${i}: sources { id }`).join(' ');
    const response = await fetch(gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `{ ${aliases} }` }),
    });
    const body = (await response.json()) as { errors: { extensions: { code: string } }[] };

    expect(body.errors[0]?.extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('reports the readiness of each subgraph on /ready', async () => {
    const readyUrl = gatewayUrl.replace(/\/graphql$/, '/ready');
    const ready = await fetch(readyUrl);

    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', checks: { integrations: true } });
  });

  it('stops every service gracefully on SIGTERM', async () => {
    const exitCodes = await system.stop();

    expect(exitCodes).toEqual({ gateway: 0, integrations: 0 });
  });
});
