import { describe, expect, it } from '@jest/globals';

import { QUALYS_ERROR_KINDS } from '../errors';
import { parseHostDetectionPage, parseHostDetectionRecord } from './host-detection';
import { parseHostDetectionCsvFooter } from './host-detection-csv';
import { collectPage, sampleChunks, sampleText, textChunks } from './sample-files';

const page = (file: string) => collectPage(parseHostDetectionPage(sampleChunks(file)));

function hld(hosts: string): AsyncGenerator<Uint8Array> {
  return textChunks(`<?xml version="1.0" encoding="UTF-8" ?>
<!DOCTYPE HOST_LIST_VM_DETECTION_OUTPUT SYSTEM "">
<HOST_LIST_VM_DETECTION_OUTPUT><RESPONSE><DATETIME>2024-05-01T10:00:00Z</DATETIME>
<HOST_LIST>${hosts}</HOST_LIST></RESPONSE></HOST_LIST_VM_DETECTION_OUTPUT>`);
}

describe('parseHostDetectionPage on hld/j1-fixture-hld-doc-sample-3-detections-no-unique-vuln-id.xml', () => {
  it('reads host 6506432 and its three detections with exact RESULTS', async () => {
    const { records, rejections, trailer } = await page(
      'hld/j1-fixture-hld-doc-sample-3-detections-no-unique-vuln-id.xml',
    );
    const [host] = records;

    expect(rejections).toEqual([]);
    expect(trailer.responseDatetime).toEqual(new Date('2020-09-27T01:29:21Z'));
    expect(trailer.warning).toBeNull();
    expect(host).toMatchObject({
      id: '6506432',
      ip: '10.10.10.11',
      trackingMethod: 'IP',
      os: 'Windows 2008 R2 Enterprise Service Pack1',
      dns: '2k8r2-u-10-11',
      netbios: '2K8R2-U-10-11',
      lastScanDatetime: new Date('2018-04-13T03:49:05Z'),
      lastVmScannedDuration: 352,
      tags: null,
    });
    expect(host?.detections.map(d => d.qid)).toEqual(['38170', '38173', '38601']);
    expect(host?.detections[0]).toMatchObject({
      uniqueVulnId: null,
      type: 'Confirmed',
      severity: 2,
      port: 3389,
      protocol: 'tcp',
      ssl: true,
      status: 'Active',
      timesFound: 111,
      firstFoundDatetime: new Date('2018-01-26T04:45:50Z'),
      lastFoundDatetime: new Date('2018-04-13T03:48:50Z'),
      isIgnored: false,
      qds: null,
      results: 'Certificate #0 CN=2k8r2-u-10-11(2k8r2-u-10-11) doesn&apos;tresolve',
    });
    expect(host?.detections[1]?.results).toBe(
      'Certificate #0 CN=2k8r2-u-10-11\nunable to get local\nissuer certificate',
    );
  });
});

describe('parseHostDetectionPage on hld/elastic-mock-hld-qds-factors-cisa-trending-mitigation.xml', () => {
  it('reads QDS with its severity attribute and every QDS factor by name', async () => {
    const { records, trailer } = await page(
      'hld/elastic-mock-hld-qds-factors-cisa-trending-mitigation.xml',
    );
    const [host] = records;
    const [low, critical] = host?.detections ?? [];

    expect(trailer.warning).toBeNull();
    expect(host).toMatchObject({
      id: '12048633',
      ip: '10.50.2.111',
      os: 'Windows 2016/2019/10',
      dns: 'adfssrvr.adfs.local',
      dnsData: { hostname: 'adfssrvr', domain: 'adfs.local', fqdn: 'adfssrvr.adfs.local' },
      netbios: 'ADFSSRVR',
      lastPcScannedDate: new Date('2023-06-28T09:58:12Z'),
    });
    expect(low).toMatchObject({
      uniqueVulnId: '5555555555',
      qid: '197595',
      severity: 3,
      ssl: false,
      qds: { score: 35, severity: 'LOW' },
      qdsFactors: {
        CVSS: '7.7',
        CVSS_version: 'v3.x',
        epss: '0.00232',
        CVSS_vector: 'AV:N/AC:L/PR:L/UI:N/S:C/C:N/I:N/A:H',
      },
      timesFound: 5393,
      lastFixedDatetime: new Date('2022-12-14T06:52:57Z'),
      affectRunningKernel: false,
    });
    expect(critical?.qds).toEqual({ score: 95, severity: 'CRITICAL' });
    expect(critical?.qdsFactors).toMatchObject({
      RTI: 'local',
      exploit_maturity: 'weaponized,poc',
      CISA_vuln: 'YES',
      CVSS: '7.8',
      trending:
        '02222024,02162024,02262024,02152024,02012024,02252024,02212024,02282024,02102024,02062024,02082024,02042024,02052024',
      mitigation_controls: '18436,18437',
    });
    expect(critical?.results).toBe(
      'Package Installed Version Required Version\n' +
        'linux-image-4.15.0  1027-aws_4.15.0-1126.135  1047\n' +
        'linux-headers-4.15.0  1027-aws_4.15.0-1126.135  1047\n' +
        'linux-modules-4.15.0  1027-aws_4.15.0-1126.135  1047\n' +
        'linux-aws-headers-4.15.0  1027_4.15.0-1126.135  1047',
    );
  });
});

describe('parseHostDetectionPage on hld/elastic-sample-event-hld-qds-with-truncation-warning.xml', () => {
  it('returns the truncation WARNING with its next-page URL', async () => {
    const { records, trailer } = await page(
      'hld/elastic-sample-event-hld-qds-with-truncation-warning.xml',
    );

    expect(records.map(host => host.id)).toEqual(['12048633']);
    expect(trailer.warning).toEqual({
      code: '1980',
      text: '1000 record limit exceeded. Use URL to get next batch of results.',
      url: 'http://qualys_vmdr:8090/api/2.0/fo/asset/host/vm/detection/?action=list&truncation_limit=1000&id_min=5641289',
    });
  });
});

describe('parseHostDetectionPage on hld/j1-hld-post-ids-no-host-list.xml', () => {
  it('reads a page with no HOST_LIST as no records', async () => {
    const { records, trailer } = await page('hld/j1-hld-post-ids-no-host-list.xml');

    expect(records).toEqual([]);
    expect(trailer).toMatchObject({
      responseDatetime: new Date('2020-09-27T01:29:21Z'),
      warning: null,
      recordCount: 0,
    });
  });
});

describe('parseHostDetectionPage on hld/doccenter-hld-ec2-metadata-region-doc-wrapped-lines.xml', () => {
  it('rejects host 135151 for the date the documentation wrapped across two lines', async () => {
    const { records, rejections, trailer } = await page(
      'hld/doccenter-hld-ec2-metadata-region-doc-wrapped-lines.xml',
    );

    expect(records).toEqual([]);
    expect(rejections).toEqual([
      {
        index: 0,
        id: '135151',
        element: 'HOST/LAST_VM_AUTH_SCANNED_DATE',
        value: '2017-03-\n        21T13:39:38Z',
        reason: 'Not an ISO 8601 date',
      },
    ]);
    expect(trailer.rejectedCount).toBe(1);
  });

  it('reads the EC2 metadata once the wrapped date is repaired', async () => {
    const repaired = sampleText(
      'hld/doccenter-hld-ec2-metadata-region-doc-wrapped-lines.xml',
    ).replace('2017-03-\n        21T13:39:38Z', '2017-03-21T13:39:38Z');

    const { records } = await collectPage(parseHostDetectionPage(textChunks(repaired)));

    expect(records[0]).toMatchObject({
      trackingMethod: 'EC2',
      ec2InstanceId: 'i-0bb87c3281243cdfd',
      lastVmAuthScannedDate: new Date('2017-03-21T13:39:38Z'),
      metadata: [
        {
          provider: 'EC2',
          attributes: [
            {
              name: 'latest/dynamic/instance-\n              identity/document/region',
              lastStatus: 'Success',
              value: 'us-east-1',
              lastSuccessDate: new Date('2017-03-21T13:39:38Z'),
              lastErrorDate: null,
              lastError: null,
            },
          ],
        },
      ],
    });
  });
});

describe('parseHostDetectionRecord on hld/tenable-fixture-hld-host-fragment-qds-factors-tags-asset-id.fragment.xml', () => {
  const file = 'hld/tenable-fixture-hld-host-fragment-qds-factors-tags-asset-id.fragment.xml';

  it('parses the well-formed HOST fragment on its own', async () => {
    const { host, rejectedDetections } = await parseHostDetectionRecord(sampleText(file));

    expect(rejectedDetections).toEqual([]);
    expect(host).toMatchObject({
      id: '123456',
      assetId: '234567',
      ip: '10.0.0.4',
      os: 'Red Hat Enterprise Linux 8.0',
      osCpe: 'cpe:/o:redhat:enterprise_linux:8.0:::',
      lastVmAuthScannedDuration: 922,
      tags: [{ id: '12345', name: 'TagName', color: null, backgroundColor: null }],
    });
    expect(host.detections[0]).toMatchObject({
      uniqueVulnId: '294650000',
      qid: '237189',
      severity: 5,
      qds: { score: 72, severity: 'HIGH' },
      qdsFactors: {
        RTI: 'dos',
        exploit_maturity: 'poc',
        CVSS: '9.8',
        epss: '0.2054',
        trending: '07112024',
        CVSS_vector: 'AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
      },
      results:
        'Package   Installed Version   Required Version firefox 60.5.1-1.el8.x86_64 60.6.1-1.el8',
    });
  });

  it('is refused as a page because HOST is not the answer root', async () => {
    await expect(page(file)).rejects.toMatchObject({
      kind: QUALYS_ERROR_KINDS.malformedResponse,
      message: 'Unexpected root element <HOST> (expected <HOST_LIST_VM_DETECTION_OUTPUT>)',
    });
  });
});

describe('hld/doccenter-hld-output-format-csv.csv.txt', () => {
  const file = 'hld/doccenter-hld-output-format-csv.csv.txt';

  it('has its footer read as a finished answer', async () => {
    expect(await parseHostDetectionCsvFooter(sampleChunks(file))).toEqual({
      status: 'Finished',
      nextId: null,
      nextUrl: null,
    });
  });

  it('reads a truncated footer with its next id and URL', async () => {
    const footer = await parseHostDetectionCsvFooter(
      '----BEGIN_RESPONSE_FOOTER_CSV\n"Status Message","Next ID","Next URL"\n' +
        '"Truncated","5641289","https://qualysapi.qualys.com/api/2.0/fo/asset/host/vm/detection/?action=list&id_min=5641289"\n' +
        '----END_RESPONSE_FOOTER_CSV\n',
    );

    expect(footer).toEqual({
      status: 'Truncated',
      nextId: '5641289',
      nextUrl:
        'https://qualysapi.qualys.com/api/2.0/fo/asset/host/vm/detection/?action=list&id_min=5641289',
    });
  });

  it('is refused by the XML page parser with a clear error', async () => {
    await expect(page(file)).rejects.toMatchObject({
      kind: QUALYS_ERROR_KINDS.malformedResponse,
      message:
        'Body is CSV (output_format=CSV), not XML: request output_format=XML for this parser',
    });
  });
});

describe('parseHostDetectionPage on errors/j1-hld-400-code-1905-invalid-ids.xml', () => {
  it('throws the SIMPLE_RETURN code as a QualysApiError', async () => {
    await expect(page('errors/j1-hld-400-code-1905-invalid-ids.xml')).rejects.toMatchObject({
      kind: QUALYS_ERROR_KINDS.api,
      apiCode: '1905',
      apiText:
        'parameter ids has invalid value: abc123 (neither a positive integer nor a range: abc123)',
    });
  });
});

describe('parseHostDetectionPage', () => {
  it('rejects only the detection with a non-numeric QID and keeps its host and siblings', async () => {
    const { records, rejections, trailer } = await collectPage(
      parseHostDetectionPage(
        hld(`<HOST><ID>1</ID><DETECTION_LIST>
          <DETECTION><QID>100</QID></DETECTION>
          <DETECTION><UNIQUE_VULN_ID>77</UNIQUE_VULN_ID><QID>12x</QID></DETECTION>
          <DETECTION><QID>300</QID></DETECTION>
        </DETECTION_LIST></HOST>`),
      ),
    );

    expect(records[0]?.detections.map(d => d.qid)).toEqual(['100', '300']);
    expect(rejections).toEqual([
      {
        index: 0,
        id: '77',
        parentId: '1',
        element: 'HOST/DETECTION_LIST/DETECTION/QID',
        value: '12x',
        reason: 'Not a numeric identifier',
      },
    ]);
    expect(trailer).toMatchObject({ recordCount: 2, rejectedCount: 1 });
  });

  it('keeps no state from one host to the next', async () => {
    const { records } = await collectPage(
      parseHostDetectionPage(
        hld(`<HOST><ID>1</ID><OS>Linux</OS><TAGS><TAG><NAME>a</NAME></TAG></TAGS>
          <DETECTION_LIST><DETECTION><QID>5</QID><QDS severity="LOW">3</QDS></DETECTION></DETECTION_LIST></HOST>
          <HOST><ID>2</ID><DETECTION_LIST><DETECTION><QID>6</QID></DETECTION></DETECTION_LIST></HOST>`),
      ),
    );

    expect(records[1]).toMatchObject({ id: '2', os: null, tags: null });
    expect(records[1]?.detections[0]).toMatchObject({ qid: '6', qds: null, qdsFactors: null });
  });

  it('reads one, several and no list elements as arrays', async () => {
    const { records } = await collectPage(
      parseHostDetectionPage(
        hld(`<HOST><ID>1</ID><TAGS><TAG><NAME>only</NAME></TAG></TAGS>
          <DETECTION_LIST><DETECTION><QID>5</QID></DETECTION></DETECTION_LIST></HOST>
          <HOST><ID>2</ID><TAGS><TAG><NAME>a</NAME></TAG><TAG><NAME>b</NAME></TAG></TAGS>
          <DETECTION_LIST><DETECTION><QID>5</QID></DETECTION><DETECTION><QID>6</QID></DETECTION></DETECTION_LIST></HOST>
          <HOST><ID>3</ID></HOST>`),
      ),
    );

    expect(records.map(host => host.tags?.map(tag => tag.name) ?? null)).toEqual([
      ['only'],
      ['a', 'b'],
      null,
    ]);
    expect(records.map(host => host.detections.length)).toEqual([1, 2, 0]);
  });

  it('keeps leading zeros, maps empty and `null` values to null and counts unknown elements', async () => {
    const { records, trailer } = await collectPage(
      parseHostDetectionPage(
        hld(`<HOST><ID>0042</ID><IP></IP><DNS>null</DNS><NEW_THING>x</NEW_THING>
          <DETECTION_LIST><DETECTION><QID>0099</QID><FUTURE>1</FUTURE><FUTURE>2</FUTURE></DETECTION></DETECTION_LIST></HOST>`),
      ),
    );

    expect(records[0]).toMatchObject({ id: '0042', ip: null, dns: null });
    expect(records[0]?.detections[0]?.qid).toBe('0099');
    expect(trailer.unknownElements).toEqual({
      'HOST/NEW_THING': 1,
      'HOST/DETECTION_LIST/DETECTION/FUTURE': 2,
    });
  });

  it('fails a page cut off in the middle of a host', async () => {
    const cut = sampleText('hld/elastic-mock-hld-qds-factors-cisa-trending-mitigation.xml').slice(
      0,
      3000,
    );

    await expect(collectPage(parseHostDetectionPage(textChunks(cut)))).rejects.toMatchObject({
      kind: QUALYS_ERROR_KINDS.malformedResponse,
      message: 'Body ended before the root element </HOST_LIST_VM_DETECTION_OUTPUT> closed',
    });
  });
});
