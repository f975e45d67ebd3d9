import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from '@jest/globals';
import { XMLParser, XMLValidator } from 'fast-xml-parser';

import {
  renderControlListPage,
  renderPolicyExport,
  renderPolicyListPage,
  renderPostureInfoPage,
} from '../render/compliance';
import { renderHostDetectionPage } from '../render/hld';
import { renderHostListPage } from '../render/host-list';
import { renderKnowledgeBasePage } from '../render/kb';
import { renderQvs } from '../render/qvs';
import { type ChunkWrite } from '../render/xml';
import { Estate } from './estate';

const SAMPLES = join(__dirname, '../../../../../shared/samples/qualys');

async function collect(render: (write: ChunkWrite) => Promise<unknown>): Promise<string[]> {
  const chunks: string[] = [];
  await render(chunk => {
    chunks.push(chunk);
  });
  return chunks;
}

async function page(render: (write: ChunkWrite) => Promise<unknown>): Promise<string> {
  return (await collect(render)).join('');
}

const ALL_HLD_SWITCHES = {
  statuses: ['New', 'Active', 'Fixed', 'Re-Opened'],
  showIgs: true,
  showQds: true,
  showQdsFactors: true,
  showTags: true,
  showAssetId: true,
  showCloudTags: true,
  hostMetadata: 'all',
} as const;

/** The children of `<!ELEMENT name (...)>` in a DTD, in declared order. */
function dtdOrder(dtdPath: string, name: string): string[] {
  const dtd = readFileSync(join(SAMPLES, dtdPath), 'utf8');
  const match = new RegExp(`<!ELEMENT\\s+${name}\\s*\\(([^>]*)\\)\\s*>`).exec(dtd);
  return (match?.[1] ?? '').split(',').map(part => part.replace(/[\s?*+()]/g, ''));
}

const ordered = new XMLParser({ preserveOrder: true, ignoreAttributes: true });

type OrderedNode = Record<string, OrderedNode[]>;

function elements(xml: string, path: readonly string[]): OrderedNode[][] {
  let level: OrderedNode[] = ordered.parse(xml) as OrderedNode[];
  for (const name of path.slice(0, -1)) {
    level = level.flatMap(node => node[name] ?? []);
  }
  const last = path[path.length - 1] ?? '';
  return level.filter(node => last in node).map(node => node[last] ?? []);
}

function childNames(children: OrderedNode[]): string[] {
  return children.map(node => Object.keys(node)[0] ?? '').filter(name => name !== '#text');
}

/** True when every child appears in DTD order (extras listed in `allowed` may appear first/between). */
function followsOrder(
  names: readonly string[],
  order: readonly string[],
  extras: readonly string[],
): boolean {
  const positions = names.filter(n => !extras.includes(n)).map(n => order.indexOf(n));
  return positions.every((pos, i) => pos >= 0 && (i === 0 || pos > (positions[i - 1] ?? -1)));
}

describe('Estate', () => {
  it('renders the same bytes for the same seed and other bytes for another seed', async () => {
    const render = (seed: number): Promise<string> =>
      page(write =>
        renderHostDetectionPage(
          new Estate({ seed, hosts: 30, detectionsPerHost: 8 }),
          ALL_HLD_SWITCHES,
          write,
        ),
      );

    const [first, again, other] = await Promise.all([render(7), render(7), render(8)]);

    expect(first).toBe(again);
    expect(first).not.toBe(other);
  });

  it('streams a page one host at a time instead of one string', async () => {
    const estate = new Estate({ hosts: 40, detectionsPerHost: 10 });

    const chunks = await collect(write => renderHostDetectionPage(estate, {}, write));
    const total = chunks.reduce((sum, chunk) => sum + chunk.length, 0);

    expect(chunks.length).toBeGreaterThan(40);
    expect(Math.max(...chunks.map(chunk => chunk.length))).toBeLessThan(total / 10);
  });

  it('renders well-formed XML for every API', async () => {
    const estate = new Estate({ hosts: 40, detectionsPerHost: 6, qids: 300, policies: 3 });
    const policy = estate.policies()[0]!;
    const pages = [
      await page(write => renderHostDetectionPage(estate, ALL_HLD_SWITCHES, write)),
      await page(write =>
        renderKnowledgeBasePage(
          estate,
          {
            details: 'All',
            showPciReasons: true,
            showSupportedModules: true,
            showDisabledFlag: true,
            showQidChangeLog: true,
          },
          write,
        ),
      ),
      await page(write =>
        renderHostListPage(
          estate,
          {
            details: 'All/AGs',
            showTags: true,
            showAssetId: true,
            showCloudTags: true,
            hostMetadata: 'all',
          },
          write,
        ),
      ),
      await page(write =>
        renderPolicyListPage(estate, { details: 'All', apiVersion: '3.0' }, write),
      ),
      renderPolicyExport(estate, policy, { showUserControls: true, showAppendix: true }),
      await page(write => renderControlListPage(estate, { details: 'All' }, write)),
      await page(write =>
        renderPostureInfoPage(estate, { policy, details: 'All', truncationLimit: 10 }, write),
      ),
    ];

    for (const xml of pages) {
      expect(XMLValidator.validate(xml)).toBe(true);
    }
  });

  it('follows the element order of the published DTDs', async () => {
    const estate = new Estate({ hosts: 40, detectionsPerHost: 6, qids: 300 });
    const hld = await page(write => renderHostDetectionPage(estate, ALL_HLD_SWITCHES, write));
    const kb = await page(write =>
      renderKnowledgeBasePage(
        estate,
        { details: 'All', showPciReasons: true, showDisabledFlag: true },
        write,
      ),
    );
    const hostList = await page(write =>
      renderHostListPage(
        estate,
        { details: 'All/AGs', showTags: true, showAssetId: true, hostMetadata: 'all' },
        write,
      ),
    );
    const hldDtd = 'hld/qualyspy-host_list_vm_detection_output-host-subtree.partial.dtd';
    const hldRoot = ['HOST_LIST_VM_DETECTION_OUTPUT', 'RESPONSE', 'HOST_LIST', 'HOST'];

    const hosts = elements(hld, hldRoot);
    const detections = elements(hld, [...hldRoot, 'DETECTION_LIST', 'DETECTION']);
    const vulns = elements(kb, [
      'KNOWLEDGE_BASE_VULN_LIST_OUTPUT',
      'RESPONSE',
      'VULN_LIST',
      'VULN',
    ]);
    const listed = elements(hostList, ['HOST_LIST_OUTPUT', 'RESPONSE', 'HOST_LIST', 'HOST']);

    expect(hosts).toHaveLength(40);
    expect(hosts.every(h => followsOrder(childNames(h), dtdOrder(hldDtd, 'HOST'), []))).toBe(true);
    expect(detections.length).toBeGreaterThan(200);
    expect(
      detections.every(d =>
        followsOrder(childNames(d), dtdOrder(hldDtd, 'DETECTION'), ['UNIQUE_VULN_ID']),
      ),
    ).toBe(true);
    const kbDtd = 'kb/qualyspy-knowledge_base_vuln_list_output.dtd';
    expect(
      vulns.every(v => followsOrder(childNames(v), dtdOrder(kbDtd, 'VULN'), ['CVSS_V4'])),
    ).toBe(true);
    const hostListDtd = 'hostlist/qualyspy-host_list_output.dtd';
    expect(listed.every(h => followsOrder(childNames(h), dtdOrder(hostListDtd, 'HOST'), []))).toBe(
      true,
    );
  });

  it('holds every kind of host within 20 machines', () => {
    const estate = new Estate({ hosts: 20 });
    const hosts = estate.hostIds().map(id => estate.host(estate.hostIndexOf(id)!)!);

    const methods = new Set(hosts.map(h => h.trackingMethod));
    const clouds = new Set(hosts.flatMap(h => (h.cloud ? [h.cloud.kind] : [])));
    const ipv6Only = hosts.filter(h => h.ipv6 && !h.ip);
    const sharedIps = hosts.filter(h =>
      hosts.some(o => o !== h && o.ip === h.ip && o.networkId !== h.networkId),
    );

    expect([...methods].sort()).toEqual(['AGENT', 'CloudAgent', 'DNS', 'EC2', 'IP']);
    expect([...clouds].sort()).toEqual(['AZURE', 'EC2', 'GOOGLE']);
    expect(ipv6Only.length).toBeGreaterThan(0);
    expect(sharedIps).toHaveLength(2);
  });

  it('spreads detections over every status and QIDs over none, one and many CVEs', () => {
    const estate = new Estate({ hosts: 60, detectionsPerHost: 20, qids: 500 });
    const statuses = new Set<string>();
    for (let i = 0; i < estate.hostCount; i += 1) {
      estate.detections(i).forEach(d => statuses.add(d.status ?? d.type));
    }
    const cveCounts = Array.from({ length: estate.qidCount }, (_, k) => estate.vuln(k).cves.length);

    expect([...statuses].sort()).toEqual(['Active', 'Fixed', 'Info', 'New', 'Re-Opened']);
    expect(cveCounts).toContain(0);
    expect(cveCounts).toContain(1);
    expect(Math.max(...cveCounts)).toBeGreaterThanOrEqual(5);
    expect(Array.from({ length: 100 }, (_, k) => estate.vuln(k).cvss4).some(Boolean)).toBe(true);
  });

  it('shows overlapping machines under other host ids in the next deployment', () => {
    const first = new Estate({ hosts: 10, overlap: 0.5, deployment: 0 });
    const second = new Estate({ hosts: 10, overlap: 0.5, deployment: 1 });

    const a = first.host(5)!;
    const b = second.host(0)!;

    expect(b.id).not.toBe(a.id);
    expect(b.assetId).toBe(a.assetId);
    expect(b.fqdn).toBe(a.fqdn);
    expect(b.qgHostId).toBe(a.qgHostId);
    expect(second.detections(0).map(d => d.qid)).toEqual(first.detections(5).map(d => d.qid));
  });

  it('stamps changed QIDs and QVS with the estate time for delta filters', async () => {
    const estate = new Estate({ qids: 200 });
    const index = Array.from({ length: 200 }, (_, k) => k).find(k => {
      const cves = estate.vuln(k).cves;
      return cves.length >= 2 && estate.qvs(cves[1]!) !== undefined;
    })!;
    const { qid, cves } = estate.vuln(index);
    const changedAt = estate.advanceTime(86_400);

    estate.removeCve(qid, cves[0]!);
    estate.updateQvs(cves[1]!, { qvs: 99 });
    const kb = await page(write =>
      renderKnowledgeBasePage(estate, { lastModifiedAfter: changedAt }, write),
    );

    expect(kb.match(/<QID>/g)).toHaveLength(1);
    expect(kb).toContain(`<QID>${qid}</QID>`);
    expect(kb).not.toContain(`<ID><![CDATA[${cves[0]}]]></ID>`);
    const qvs = JSON.parse(
      renderQvs(estate, { cves: [cves[1]!], details: 'Basic', qvsLastModifiedAfter: changedAt }),
    ) as Record<string, { base: { qvs: string; qvsLastChangedDate: number } }>;
    expect(qvs[cves[1]!]?.base).toMatchObject({ qvs: '99', qvsLastChangedDate: changedAt / 1000 });
  });
});
