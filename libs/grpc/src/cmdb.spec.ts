import { silentLogger } from '@exposure-graph/logging';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';

import {
  type CmdbClient,
  cmdbService,
  type ConfigurationItem,
  createCmdbClient,
  type HostObservation,
} from './cmdb';
import { GRPC_CODES, GrpcError } from './errors';
import { type GrpcServer, startGrpcServer } from './server';

const scannerSighting: HostObservation = {
  sourceId: 'src-eu',
  qualysHostId: '4417290',
  assetId: '31871066',
  agentId: null,
  cloudProvider: null,
  cloudInstanceId: null,
  cloudAccountId: null,
  fqdn: 'web01.corp.example.org',
  netbios: 'WEB01',
  ipv4: ['10.20.0.5'],
  ipv6: ['fd00::5'],
  networkId: '1002',
  os: 'Ubuntu 22.04',
  trackingMethod: 'IP',
  observedAt: new Date('2024-03-08T20:15:41.000Z'),
};

const agentSighting: HostObservation = {
  ...scannerSighting,
  sourceId: 'src-us',
  qualysHostId: '9001',
  agentId: '6b1e4d2a-5c3f-4e7b-9a10-2f8d1c0e7b44',
  cloudProvider: 'AWS',
  cloudInstanceId: 'i-0a1b2c3d4e5f67890',
  cloudAccountId: '123456789012',
  networkId: null,
  trackingMethod: 'AGENT',
  observedAt: null,
};

const web01: ConfigurationItem = {
  id: 'ci-1',
  name: 'web01',
  class: 'server',
  fqdn: 'web01.corp.example.org',
  ips: ['10.20.0.5', 'fd00::5'],
  os: 'Ubuntu 22.04',
  criticality: 4,
};

describe('Cmdb over gRPC', () => {
  let server: GrpcServer;
  let client: CmdbClient;
  const observed: HostObservation[] = [];

  beforeAll(async () => {
    server = await startGrpcServer({
      host: '127.0.0.1',
      port: 0,
      logger: silentLogger(),
      services: [
        cmdbService({
          identify: observation => {
            observed.push(observation);
            if (observation.netbios === 'TWIN') {
              throw new GrpcError(
                GRPC_CODES.failedPrecondition,
                'Observation matches CIs ci-7 and ci-9 by NetBIOS name and IP',
              );
            }
            const known = observation.sourceId === 'src-eu';
            return {
              ciId: 'ci-1',
              matchedRule: known ? null : 'cloud-instance',
              created: known,
            };
          },
          getCis: async request =>
            await Promise.resolve({
              cis: request.ids.includes('ci-1') ? [web01] : [],
              unknownIds: request.ids.filter(id => id !== 'ci-1'),
            }),
        }),
      ],
    });
    client = createCmdbClient(server.address, { logger: silentLogger() });
  });

  afterAll(async () => {
    client.close();
    await server.stop();
  });

  it('hands the handler the observation with its nulls, lists and timestamp', async () => {
    await client.identify(scannerSighting);
    await client.identify(agentSighting);

    expect(observed.slice(0, 2)).toStrictEqual([scannerSighting, agentSighting]);
  });

  it('returns the CI id, the matched rule and whether the CI was created', async () => {
    expect(await client.identify(scannerSighting)).toStrictEqual({
      ciId: 'ci-1',
      matchedRule: null,
      created: true,
    });
    expect(await client.identify(agentSighting)).toStrictEqual({
      ciId: 'ci-1',
      matchedRule: 'cloud-instance',
      created: false,
    });
  });

  it('surfaces an ambiguous match as FAILED_PRECONDITION with the reason', async () => {
    const failure = client.identify({ ...scannerSighting, netbios: 'TWIN' });

    await expect(failure).rejects.toMatchObject({
      code: 'FAILED_PRECONDITION',
      message: 'Observation matches CIs ci-7 and ci-9 by NetBIOS name and IP',
    });
  });

  it('returns the CIs asked for and lists the unknown ids', async () => {
    const response = await client.getCis({ ids: ['ci-1', 'ci-404'] });

    expect(response).toStrictEqual({ cis: [web01], unknownIds: ['ci-404'] });
  });
});
