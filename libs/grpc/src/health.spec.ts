import { silentLogger } from '@exposure-graph/logging';
import { Client, credentials, Metadata } from '@grpc/grpc-js';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';

import { createHealthClient, type HealthCheckResponse, type HealthClient } from './health';
import { knowledgeBaseService } from './knowledge-base';
import { serviceDefinition } from './protos';
import { type GrpcServer, startGrpcServer } from './server';

const KB = 'exposuregraph.knowledge_base.v1.KnowledgeBase';

describe('grpc.health.v1.Health', () => {
  let server: GrpcServer;
  let client: HealthClient;

  beforeEach(async () => {
    server = await startGrpcServer({
      host: '127.0.0.1',
      port: 0,
      logger: silentLogger(),
      services: [
        knowledgeBaseService({
          getVulnerabilities: () => ({ vulnerabilities: [], unknownQids: [] }),
        }),
      ],
    });
    client = createHealthClient(server.address, { logger: silentLogger() });
  });

  afterEach(async () => {
    client.close();
    await server.stop();
  });

  it('reports the server and each of its services SERVING once started', async () => {
    expect(await client.check({ service: '' })).toStrictEqual({ status: 'SERVING' });
    expect(await client.check({ service: KB })).toStrictEqual({ status: 'SERVING' });
  });

  it('answers NOT_FOUND for a service the server does not serve', async () => {
    await expect(client.check({ service: 'exposuregraph.cmdb.v1.Cmdb' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: 'Unknown service exposuregraph.cmdb.v1.Cmdb',
    });
  });

  it('reports a status the service sets', async () => {
    server.health.setStatus(KB, 'NOT_SERVING');

    expect(await client.check({ service: KB })).toStrictEqual({ status: 'NOT_SERVING' });
    expect(server.health.getStatus(KB)).toBe('NOT_SERVING');
  });

  it('streams each change to a watcher and ends the watch when the server stops', async () => {
    const watch = serviceDefinition('grpc.health.v1.Health').Watch!;
    const raw = new Client(server.address, credentials.createInsecure());
    const seen: string[] = [];
    const stream = raw.makeServerStreamRequest(
      watch.path,
      watch.requestSerialize,
      watch.responseDeserialize,
      { service: KB },
      new Metadata(),
      { deadline: Date.now() + 5_000 },
    );
    const ended = new Promise<void>((resolve, reject) => {
      stream.on('data', (message: HealthCheckResponse) => {
        seen.push(message.status);
        if (seen.length === 1) {
          server.health.setStatus(KB, 'NOT_SERVING');
          server.health.setStatus(KB, 'SERVING');
        }
        if (seen.length === 3) {
          void server.stop();
        }
      });
      stream.on('end', resolve);
      stream.on('error', reject);
    });

    await ended;
    raw.close();

    expect(seen).toEqual(['SERVING', 'NOT_SERVING', 'SERVING', 'NOT_SERVING']);
  });
});
