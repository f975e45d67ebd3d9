import { readdirSync } from 'node:fs';
import path from 'node:path';

import { describe, expect, it } from '@jest/globals';

import { QUALYS_ERROR_KINDS } from '../errors';
import { parseHostDetectionPage } from './host-detection';
import { parseHostListPage } from './host-list';
import { parseKnowledgeBasePage } from './knowledge-base';
import { collectPage, sampleChunks, SAMPLES_DIR } from './sample-files';

/**
 * Every answer in the shared samples and the spec that asserts its values. A new sample fails
 * this test until a spec reads it. SOURCES.md and *.meta.json (request and headers of a
 * recording, used by the client's tests) are not bodies.
 */
const COVERED: Record<string, string> = {
  'errors/j1-activity-log-200-code-2001-account-expired.xml': 'simple-return, knowledge-base',
  'errors/j1-hld-400-code-1905-invalid-ids.xml': 'simple-return, host-detection, scan',
  'errors/j1-qps-invalid-credentials.xml': 'simple-return',
  'errors/qualys-doc-409-code-1965-rate-limit.xml': 'simple-return, qvs',
  'hld/doccenter-hld-ec2-metadata-region-doc-wrapped-lines.xml': 'host-detection',
  'hld/doccenter-hld-output-format-csv.csv.txt': 'host-detection',
  'hld/elastic-mock-hld-qds-factors-cisa-trending-mitigation.xml': 'host-detection',
  'hld/elastic-sample-event-hld-qds-with-truncation-warning.xml': 'host-detection',
  'hld/j1-fixture-hld-doc-sample-3-detections-no-unique-vuln-id.xml': 'host-detection',
  'hld/j1-hld-post-ids-no-host-list.xml': 'host-detection',
  'hld/qualyspy-host_list_vm_detection_output-host-subtree.partial.dtd': 'this spec',
  'hld/tenable-fixture-hld-host-fragment-qds-factors-tags-asset-id.fragment.xml': 'host-detection',
  'hostlist/doccenter-host-list-details-all-ags-owner-userdef.partial.xml.txt': 'host-list',
  'hostlist/doccenter-host-list-details-all-ec2-metadata-doc-wrapped-lines.xml': 'host-list',
  'hostlist/j1-host-list-details-none-empty.xml': 'host-list',
  'hostlist/j1-host-list-details-none-id-set.xml': 'host-list',
  'hostlist/j1-host-list-vm-processed-window-empty-new-dtd-path.xml': 'host-list',
  'hostlist/qualyspy-host_list_output.dtd': 'this spec',
  'kb/elastic-mock-kb-empty-response-india-platform.xml': 'knowledge-base',
  'kb/j1-kb-42-was-qids-no-cvss.xml': 'knowledge-base',
  'kb/j1-kb-qid-316760-cisco.xml': 'knowledge-base',
  'kb/qualyspy-knowledge_base_vuln_list_output.dtd': 'this spec',
  'pc-policy/qualys-doc-policy-list-v3-details-basic.partial.xml.txt': 'compliance',
  'pcrs/qualys-doc-pcrs-401-invalid-credentials.json': 'pcrs',
  'pcrs/qualys-doc-pcrs-401-jwt-expired.json': 'pcrs',
  'pcrs/qualys-doc-pcrs-404-invalid-input-parameter.json': 'pcrs',
  'pcrs/qualys-doc-pcrs-hostids-two-policies.json': 'pcrs',
  'pcrs/qualys-doc-pcrs-policy-list-v1.partial.json.txt': 'pcrs',
  'pcrs/qualys-doc-pcrs-postureinfo-request-body.json': 'pcrs',
  'qvs/dfe-test-qvs-details-all-two-cves-doc-sample.json': 'qvs',
  'scan/readme-vn-scan-launch-response-qg4.xml': 'simple-return',
};

function answerFiles(): string[] {
  return readdirSync(SAMPLES_DIR, { withFileTypes: true })
    .filter(entry => entry.isDirectory())
    .flatMap(dir =>
      readdirSync(path.join(SAMPLES_DIR, dir.name))
        .filter(file => file !== 'SOURCES.md' && !file.endsWith('.meta.json'))
        .map(file => `${dir.name}/${file}`),
    )
    .sort();
}

describe('shared Qualys samples', () => {
  it('each have a spec that reads them', () => {
    expect(answerFiles()).toEqual(Object.keys(COVERED).sort());
  });
});

describe('DTD copies among the samples', () => {
  const parsers: Record<string, (file: string) => Promise<unknown>> = {
    'hld/qualyspy-host_list_vm_detection_output-host-subtree.partial.dtd': file =>
      collectPage(parseHostDetectionPage(sampleChunks(file))),
    'hostlist/qualyspy-host_list_output.dtd': file =>
      collectPage(parseHostListPage(sampleChunks(file))),
    'kb/qualyspy-knowledge_base_vuln_list_output.dtd': file =>
      collectPage(parseKnowledgeBasePage(sampleChunks(file))),
  };

  it.each(Object.keys(parsers))(
    '%s is refused as a body: it declares elements, not data',
    async file => {
      await expect(
        (parsers[file] as (file: string) => Promise<unknown>)(file),
      ).rejects.toMatchObject({
        kind: QUALYS_ERROR_KINDS.malformedResponse,
        message: 'Body is not XML: unexpected declaration before the root element',
      });
    },
  );
});
