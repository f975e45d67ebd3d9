import { silentLogger } from '@exposure-graph/logging';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';

import { GRPC_CODES, GrpcError } from './errors';
import { type GrpcServer, startGrpcServer } from './server';
import {
  createSourcesClient,
  type SourceConnection,
  type SourcesClient,
  sourcesService,
} from './sources';

const CONNECTIONS: SourceConnection[] = [
  {
    sourceId: 'src-eu',
    name: 'EU platform',
    apiBaseUrl: 'https://qualysapi.qg2.apps.qualys.eu',
    pcrsGatewayUrl: 'https://gateway.qg2.apps.qualys.eu',
    username: 'expgr_eu',
    password: 'correct horse battery staple',
    apiVersions: { hostDetection: '3.0', knowledgeBase: '2.0' },
    enabled: true,
  },
  {
    sourceId: 'src-lab',
    name: 'Lab',
    apiBaseUrl: 'http://127.0.0.1:8443',
    pcrsGatewayUrl: null,
    username: 'lab',
    password: 'lab',
    apiVersions: {},
    enabled: false,
  },
];

describe('Sources over gRPC', () => {
  let server: GrpcServer;
  let client: SourcesClient;

  beforeAll(async () => {
    server = await startGrpcServer({
      host: '127.0.0.1',
      port: 0,
      logger: silentLogger(),
      services: [
        sourcesService({
          getSourceConnection: ({ sourceId }) => {
            const connection = CONNECTIONS.find(candidate => candidate.sourceId === sourceId);
            if (!connection) {
              throw new GrpcError(GRPC_CODES.notFound, `No source ${sourceId}`);
            }
            return connection;
          },
        }),
      ],
    });
    client = createSourcesClient(server.address, { logger: silentLogger() });
  });

  afterAll(async () => {
    client.close();
    await server.stop();
  });

  it('returns the connection with its credentials and API versions', async () => {
    expect(await client.getSourceConnection({ sourceId: 'src-eu' })).toStrictEqual(CONNECTIONS[0]);
  });

  it('returns a connection without PCRS gateway as null and an empty version map', async () => {
    expect(await client.getSourceConnection({ sourceId: 'src-lab' })).toStrictEqual(CONNECTIONS[1]);
  });

  it('surfaces NOT_FOUND with the handler message', async () => {
    const failure = client.getSourceConnection({ sourceId: 'src-gone' });

    await expect(failure).rejects.toBeInstanceOf(GrpcError);
    await expect(failure).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: 'No source src-gone',
    });
  });
});
