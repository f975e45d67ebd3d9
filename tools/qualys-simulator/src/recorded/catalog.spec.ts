import { join } from 'node:path';

import { describe, expect, it } from '@jest/globals';

import { loadRecordedCatalog } from './catalog';

const SAMPLES = join(__dirname, '../../../../../shared/samples/qualys');

describe('loadRecordedCatalog', () => {
  const catalog = loadRecordedCatalog(SAMPLES);
  const file = (name: string) => catalog.files.find(f => f.name === name);
  const skipped = (name: string) => catalog.skipped.find(s => s.path.endsWith(name));

  it('indexes HLD answers by host id, with detection QIDs and statuses', () => {
    const fixture = file('j1-fixture-hld-doc-sample-3-detections-no-unique-vuln-id.xml');
    const warning = file('elastic-sample-event-hld-qds-with-truncation-warning.xml');

    expect(fixture?.records).toEqual([
      {
        key: '6506432',
        qids: ['38170', '38173', '38601'],
        statuses: ['Active', 'Active', 'Active'],
      },
    ]);
    expect(warning?.hasWarning).toBe(true);
    expect(file('j1-hld-post-ids-no-host-list.xml')?.records).toEqual([]);
  });

  it('keeps the recorded request and status of a .meta.json', () => {
    const noHost = file('j1-hld-post-ids-no-host-list.xml');

    expect(noHost?.recordedStatus).toBe(200);
    expect(noHost?.recordedParams).toContainEqual(['ids', '107800671']);
    expect(noHost?.recordedContentType).toBe('application/xml');
  });

  it('serves the doc sample with lines wrapped inside elements, which is well formed', () => {
    expect(file('doccenter-hld-ec2-metadata-region-doc-wrapped-lines.xml')?.records).toEqual([
      { key: '135151', qids: [], statuses: [] },
    ]);
  });

  it('skips fragments, cut-off excerpts and error bodies with a reason', () => {
    expect(
      skipped('tenable-fixture-hld-host-fragment-qds-factors-tags-asset-id.fragment.xml')?.reason,
    ).toBe('Root element HOST is not HOST_LIST_VM_DETECTION_OUTPUT');
    expect(
      skipped('doccenter-host-list-details-all-ags-owner-userdef.partial.xml.txt')?.reason,
    ).toMatch(/^Not well-formed XML/);
    expect(skipped('qualys-doc-policy-list-v3-details-basic.partial.xml.txt')?.reason).toMatch(
      /^Not well-formed XML/,
    );
    expect(skipped('qualys-doc-pcrs-policy-list-v1.partial.json.txt')?.reason).toMatch(
      /^Not valid JSON/,
    );
    expect(skipped('qualys-doc-pcrs-401-jwt-expired.json')?.reason).toBe(
      'JSON error body or unknown shape',
    );
    expect(catalog.files.some(f => f.name.endsWith('.dtd') || f.name.endsWith('.meta.json'))).toBe(
      false,
    );
  });

  it('indexes ID sets, KB QIDs, QVS CVEs, the CSV output and the scan launch', () => {
    expect(file('j1-host-list-details-none-id-set.xml')).toMatchObject({
      idSet: true,
      records: [{ key: '107800671' }],
    });
    const kb = file('j1-kb-42-was-qids-no-cvss.xml')?.records.map(r => r.key);
    expect(kb).toHaveLength(42);
    expect(kb).toEqual(expect.arrayContaining(['6', '45017', '150001']));
    expect(
      file('dfe-test-qvs-details-all-two-cves-doc-sample.json')?.records.map(r => r.key),
    ).toEqual(['CVE-2021-36765', 'CVE-2021-36798']);
    expect(file('doccenter-hld-output-format-csv.csv.txt')).toMatchObject({
      format: 'csv',
      records: [{ key: '6506432' }],
    });
    expect(file('readme-vn-scan-launch-response-qg4.xml')?.launch).toEqual({
      id: 1781123,
      ref: 'scan/1701237133.81259',
    });
  });
});
