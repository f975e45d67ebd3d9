import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { afterEach, describe, expect, it } from '@jest/globals';

import { parseHostDetectionPage } from '../parsers/host-detection';
import { parseKnowledgeBasePage } from '../parsers/knowledge-base';
import { qualysCalls } from './apis';
import { collect, createTestBed, failure, records } from './testing/client-harness';
import { answer } from './testing/test-server';

const SAMPLES = join(__dirname, '../../../../../shared/samples/qualys');
const sample = (path: string) => readFileSync(join(SAMPLES, path), 'utf8');
const HLD_TRUNCATED = sample('hld/elastic-sample-event-hld-qds-with-truncation-warning.xml');
const HLD_EMPTY = sample('hld/j1-hld-post-ids-no-host-list.xml');
const KB_CISCO = sample('kb/j1-kb-qid-316760-cisco.xml');
const KB_EMPTY = sample('kb/elastic-mock-kb-empty-response-india-platform.xml');

const bed = createTestBed();
afterEach(() => bed.cleanup());

const parseDetections = parseHostDetectionPage;

describe('QualysClient with the project parsers', () => {
  it('follows the WARNING of a recorded detection page to the next page', async () => {
    const server = await bed.serve((request, response) =>
      answer(response, 200, request.form['id_min'] === undefined ? HLD_TRUNCATED : HLD_EMPTY),
    );
    const { client } = bed.harness(server);

    const { pages, summary } = await collect(
      client.pages(
        qualysCalls.hostDetection({ show_qds: 1, show_qds_factors: 1, truncation_limit: 1000 }),
        (body, context) => parseDetections(body, { context }),
      ),
    );

    // The sample's URL points at http://qualys_vmdr:8090 with id_min=5641289.
    expect(server.requests.map(request => request.form)).toEqual([
      { action: 'list', show_qds: '1', show_qds_factors: '1', truncation_limit: '1000' },
      {
        action: 'list',
        show_qds: '1',
        show_qds_factors: '1',
        truncation_limit: '1000',
        id_min: '5641289',
      },
    ]);
    const [host] = records(pages[0]?.items ?? []);
    expect(host?.id).toBe('12048633');
    expect(host?.detections.map(detection => detection.qid)).toEqual(['197595', '197597']);
    expect(pages[0]?.result.trailer?.warning).toEqual({
      code: '1980',
      text: '1000 record limit exceeded. Use URL to get next batch of results.',
      url: 'http://qualys_vmdr:8090/api/2.0/fo/asset/host/vm/detection/?action=list&truncation_limit=1000&id_min=5641289',
    });
    expect(pages[1]?.items).toEqual([]);
    expect(summary).toMatchObject({ pages: 2, items: 1, complete: true });
  });

  it('reads a recorded Knowledge Base answer as one page', async () => {
    const server = await bed.serve((_request, response) => answer(response, 200, KB_CISCO));
    const { client } = bed.harness(server);

    const { pages } = await collect(
      client.pages(qualysCalls.knowledgeBase({ ids: [316760], details: 'All' }), (body, context) =>
        parseKnowledgeBasePage(body, { context }),
      ),
    );

    expect(server.requests[0]).toMatchObject({
      path: '/api/2.0/fo/knowledge_base/vuln/',
      form: { action: 'list', ids: '316760', details: 'All' },
    });
    expect(records(pages[0]?.items ?? []).map(vuln => [vuln.qid, vuln.title])).toEqual([
      [
        '316760',
        'Cisco IOS XE Software Command Injection Vulnerability (cisco-sa-iosxe-cmdinj-2MzhjM6K)',
      ],
    ]);
  });

  it('uses the configured API version in the path', async () => {
    const server = await bed.serve((_request, response) => answer(response, 200, KB_EMPTY));
    const { client } = bed.harness(server, { apiVersions: { knowledgeBase: '3.0' } });

    await collect(
      client.pages(qualysCalls.knowledgeBase(), (body, context) =>
        parseKnowledgeBasePage(body, { context }),
      ),
    );

    expect(server.requests[0]?.path).toBe('/api/3.0/fo/knowledge_base/vuln/');
  });

  it('does not retry a body that is not well formed', async () => {
    const broken = HLD_EMPTY.replace('</RESPONSE>', '</RESPONS>');
    const server = await bed.serve((_request, response) => answer(response, 200, broken));
    const { client } = bed.harness(server);

    const error = await failure(
      collect(
        client.pages(qualysCalls.hostDetection(), (body, context) =>
          parseDetections(body, { context }),
        ),
      ),
    );

    expect(error).toMatchObject({
      kind: 'QUALYS_MALFORMED_RESPONSE',
      retriable: false,
      source: 'eu-test',
      page: 1,
    });
    expect(server.requests).toHaveLength(1);
  });

  it('refuses an answer that declares entities without retrying it', async () => {
    const bomb = [
      '<?xml version="1.0"?>',
      '<!DOCTYPE HOST_LIST_VM_DETECTION_OUTPUT [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>',
      '<HOST_LIST_VM_DETECTION_OUTPUT><RESPONSE><DATETIME>&b;</DATETIME></RESPONSE></HOST_LIST_VM_DETECTION_OUTPUT>',
    ].join('\n');
    const server = await bed.serve((_request, response) => answer(response, 200, bomb));
    const { client } = bed.harness(server);

    const error = await failure(
      collect(
        client.pages(qualysCalls.hostDetection(), (body, context) =>
          parseDetections(body, { context }),
        ),
      ),
    );

    expect(error).toMatchObject({ kind: 'QUALYS_UNSAFE_XML', retriable: false });
    expect(server.requests).toHaveLength(1);
  });

  it('fetches a page again when the project parser finds it cut off', async () => {
    const cut = HLD_TRUNCATED.slice(0, HLD_TRUNCATED.indexOf('<WARNING>'));
    const server = await bed.serve((_request, response, index) =>
      answer(response, 200, index === 0 ? cut : HLD_EMPTY),
    );
    const { client } = bed.harness(server);

    const { pages } = await collect(
      client.pages(
        qualysCalls.hostDetection(),
        (body, context) => parseDetections(body, { context }),
        { recordKey: host => host.id },
      ),
    );

    expect(server.requests).toHaveLength(2);
    expect(records(pages[0]?.items ?? []).map(host => host.id)).toEqual(['12048633']);
  });
});
