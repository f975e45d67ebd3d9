import { readFileSync } from 'node:fs';
import path from 'node:path';

import {
  type HostCommon,
  parseHostDetectionPage,
  parseHostDetectionRecord,
  parseHostListPage,
} from '@exposure-graph/qualys';
import { describe, expect, it } from '@jest/globals';

import { createTestEngine } from '../reconciliation/test-engine';
import { observationFromHost } from './from-qualys-host';

// The shared Qualys samples sit beside the repository.
const SAMPLES = path.resolve(
  __dirname,
  '..',
  '..',
  '..',
  '..',
  '..',
  'shared',
  'samples',
  'qualys',
);
const OBSERVED_AT = new Date('2025-05-05T10:00:00Z');

const sample = (file: string) => readFileSync(path.join(SAMPLES, file), 'utf8');

async function* once(text: string): AsyncGenerator<string> {
  yield await Promise.resolve(text);
}

async function firstHost(
  parser: AsyncGenerator<{ kind: 'record'; record: HostCommon } | { kind: 'rejected' }>,
): Promise<HostCommon> {
  for await (const item of parser) {
    if (item.kind === 'record') return item.record;
  }
  throw new Error('The sample holds no host');
}

describe('observationFromHost', () => {
  it('reads the EC2 instance, account and region from the METADATA', async () => {
    // The documentation wrapped the dates across lines; the API does not (see the sample notes).
    const text = sample(
      'hostlist/doccenter-host-list-details-all-ec2-metadata-doc-wrapped-lines.xml',
    ).replace(/2017-03-\n\s+21T/g, '2017-03-21T');
    const host = await firstHost(parseHostListPage(once(text)));

    const observation = observationFromHost(host, {
      sourceId: 'src-eu',
      integration: 'host-list',
      observedAt: OBSERVED_AT,
    });

    expect(observation).toEqual({
      sourceId: 'src-eu',
      hostId: '135151',
      integration: 'host-list',
      observedAt: OBSERVED_AT,
      subscriptionId: null,
      assetId: null,
      agentId: null,
      trackingMethod: 'EC2',
      networkId: null,
      ips: ['10.97.5.247'],
      // DNS is the instance id here: not a name.
      fqdn: null,
      dnsHostname: null,
      netbios: null,
      os: 'Amazon Linux 2016.09',
      cloud: {
        provider: 'aws',
        instanceId: 'i-0bb87c3281243cdfd',
        accountId: '123456789012',
        region: 'us-east-1',
      },
    });
  });

  it('reads the names from DNS_DATA and NETBIOS', async () => {
    const host = await firstHost(
      parseHostDetectionPage(
        once(sample('hld/elastic-mock-hld-qds-factors-cisa-trending-mitigation.xml')),
      ),
    );

    const observation = observationFromHost(host, {
      sourceId: 'src-eu',
      integration: 'host-detection',
      observedAt: OBSERVED_AT,
    });

    expect(observation).toMatchObject({
      hostId: '12048633',
      trackingMethod: 'IP',
      ips: ['10.50.2.111'],
      fqdn: 'adfssrvr.adfs.local',
      dnsHostname: 'adfssrvr',
      netbios: 'ADFSSRVR',
      os: 'Windows 2016/2019/10',
      cloud: null,
    });
  });

  it('takes a DNS without a dot for a host name, not an FQDN', async () => {
    const host = await firstHost(
      parseHostDetectionPage(
        once(sample('hld/j1-fixture-hld-doc-sample-3-detections-no-unique-vuln-id.xml')),
      ),
    );

    const observation = observationFromHost(host, {
      sourceId: 'src-us',
      integration: 'host-detection',
      observedAt: OBSERVED_AT,
    });

    expect(observation).toMatchObject({
      hostId: '6506432',
      ips: ['10.10.10.11'],
      fqdn: null,
      dnsHostname: '2k8r2-u-10-11',
      netbios: '2K8R2-U-10-11',
      os: 'Windows 2008 R2 Enterprise Service Pack1',
    });
  });

  it('reads the asset id and keeps the subscription given', async () => {
    const { host } = await parseHostDetectionRecord(
      sample('hld/tenable-fixture-hld-host-fragment-qds-factors-tags-asset-id.fragment.xml'),
    );

    const observation = observationFromHost(host, {
      sourceId: 'src-us',
      integration: 'host-detection',
      observedAt: OBSERVED_AT,
      subscriptionId: 'sub-7',
    });

    expect(observation).toMatchObject({
      hostId: '123456',
      subscriptionId: 'sub-7',
      assetId: '234567',
      trackingMethod: 'IP',
      ips: ['10.0.0.4'],
      fqdn: null,
      dnsHostname: null,
      netbios: null,
    });
  });

  it('lets a scanned sample host and its agent record become one CI', async () => {
    const scanned = await firstHost(
      parseHostDetectionPage(
        once(sample('hld/elastic-mock-hld-qds-factors-cisa-trending-mitigation.xml')),
      ),
    );
    const engine = createTestEngine();

    await engine.observe(
      observationFromHost(scanned, {
        sourceId: 'src-eu',
        integration: 'host-detection',
        observedAt: OBSERVED_AT,
      }),
    );
    const agent = await engine.observe({
      sourceId: 'src-eu',
      hostId: '12050001',
      integration: 'host-list',
      observedAt: OBSERVED_AT,
      trackingMethod: 'CloudAgent',
      agentId: '3f2a1b0c-9d8e-4f7a-8b6c-5d4e3f2a1b0c',
      fqdn: 'ADFSSRVR.adfs.local',
      ips: ['10.50.2.111'],
    });

    expect(agent.decision).toMatchObject({ kind: 'matched', rule: 'fqdn' });
    expect(engine.store.all()).toMatchObject([
      {
        attributes: { name: 'adfssrvr', class: 'server', netbios: 'ADFSSRVR' },
        identities: [{ hostId: '12048633' }, { hostId: '12050001' }],
      },
    ]);
  });
});
