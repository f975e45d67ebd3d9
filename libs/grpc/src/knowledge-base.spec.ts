import { silentLogger } from '@exposure-graph/logging';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';

import { GRPC_CODES, GrpcError } from './errors';
import {
  createKnowledgeBaseClient,
  type GetVulnerabilitiesRequest,
  type KnowledgeBaseClient,
  knowledgeBaseService,
  type Vulnerability,
} from './knowledge-base';
import { type GrpcServer, startGrpcServer } from './server';

// A KB record with every field set, one with CVSS v2 scored 0.0 and no v3, and a placeholder.
const CATALOGUE: Vulnerability[] = [
  {
    qid: '316760',
    severity: 3,
    title: 'Cisco IOS XE Software Command Injection Vulnerability (cisco-sa-iosxe-cmdinj-2MzhjM6K)',
    cvssV2Base: 7.2,
    cvssV2Vector: 'AV:L/AC:L/Au:N/C:C/I:C/A:C',
    cvssV3Base: 6.7,
    cvssV3Vector: 'CVSS:3.1/AV:L/AC:L/PR:H/UI:N/S:U/C:H/I:H/A:H',
    cvssV3Version: '3.1',
    cvssV4Base: 8.5,
    cvssV4Vector: 'CVSS:4.0/AV:L/AC:L/AT:N/PR:H/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N',
    cvssV4Version: '4.0',
    cveIds: ['CVE-2020-3403'],
    patchable: true,
    threatIntelligence: ['Exploit_Public', 'Easy_Exploit'],
    pending: false,
  },
  {
    qid: '0038170',
    severity: 1,
    title: 'SSL Certificate - Subject Common Name Does Not Match Server FQDN',
    cvssV2Base: 0,
    cvssV2Vector: 'AV:N/AC:L/Au:N/C:N/I:N/A:N',
    cvssV3Base: null,
    cvssV3Vector: null,
    cvssV3Version: null,
    cvssV4Base: null,
    cvssV4Vector: null,
    cvssV4Version: null,
    cveIds: [],
    patchable: false,
    threatIntelligence: [],
    pending: false,
  },
  {
    qid: '731298',
    severity: null,
    title: null,
    cvssV2Base: null,
    cvssV2Vector: null,
    cvssV3Base: null,
    cvssV3Vector: null,
    cvssV3Version: null,
    cvssV4Base: null,
    cvssV4Vector: null,
    cvssV4Version: null,
    cveIds: [],
    patchable: null,
    threatIntelligence: [],
    pending: true,
  },
];

describe('KnowledgeBase over gRPC', () => {
  let server: GrpcServer;
  let client: KnowledgeBaseClient;
  const requests: GetVulnerabilitiesRequest[] = [];

  beforeEach(async () => {
    requests.length = 0;
    server = await startGrpcServer({
      host: '127.0.0.1',
      port: 0,
      logger: silentLogger(),
      services: [
        knowledgeBaseService({
          getVulnerabilities: request => {
            requests.push(request);
            if (request.qids.length === 0) {
              throw new GrpcError(GRPC_CODES.invalidArgument, 'Ask for at least one QID');
            }
            const byQid = new Map(
              CATALOGUE.map(vulnerability => [vulnerability.qid, vulnerability]),
            );
            return {
              vulnerabilities: request.qids.flatMap(qid => byQid.get(qid) ?? []),
              unknownQids: request.qids.filter(qid => !byQid.has(qid)),
            };
          },
        }),
      ],
    });
    client = createKnowledgeBaseClient(server.address, { logger: silentLogger() });
  });

  afterEach(async () => {
    client.close();
    await server.stop();
  });

  it('returns every field of the records asked for and lists unknown QIDs', async () => {
    const response = await client.getVulnerabilities({ qids: ['316760', '0038170', '999999'] });

    expect(response).toStrictEqual({
      vulnerabilities: [CATALOGUE[0], CATALOGUE[1]],
      unknownQids: ['999999'],
    });
  });

  it('keeps a CVSS score of 0.0 apart from an absent score', async () => {
    const response = await client.getVulnerabilities({ qids: ['0038170'] });

    const [record] = response.vulnerabilities;
    expect(record?.cvssV2Base).toBe(0);
    expect(record?.cvssV3Base).toBeNull();
    expect(record?.cvssV4Base).toBeNull();
  });

  it('hands the handler QIDs as strings with their leading zeros', async () => {
    await client.getVulnerabilities({ qids: ['0038170', '316760'] });

    expect(requests).toStrictEqual([{ qids: ['0038170', '316760'] }]);
  });

  it('returns a pending placeholder with its unknown fields as null', async () => {
    const response = await client.getVulnerabilities({ qids: ['731298'] });

    expect(response.vulnerabilities).toStrictEqual([CATALOGUE[2]]);
    expect(response.vulnerabilities[0]?.severity).toBeNull();
    expect(response.vulnerabilities[0]?.patchable).toBeNull();
  });

  it('surfaces INVALID_ARGUMENT with the handler message', async () => {
    const failure = client.getVulnerabilities({ qids: [] });

    await expect(failure).rejects.toBeInstanceOf(GrpcError);
    await expect(failure).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
      message: 'Ask for at least one QID',
      method: '/exposuregraph.knowledge_base.v1.KnowledgeBase/GetVulnerabilities',
      retriable: false,
    });
  });
});
