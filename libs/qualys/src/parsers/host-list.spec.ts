import { describe, expect, it } from '@jest/globals';

import { QUALYS_ERROR_KINDS } from '../errors';
import { parseHostListPage } from './host-list';
import { parseIdSetPage } from './id-set';
import { collectPage, sampleChunks, sampleText, textChunks } from './sample-files';

const ROOTS = ['HOST_LIST_OUTPUT'];
const hostList = (file: string) => collectPage(parseHostListPage(sampleChunks(file)));

function envelope(inner: string): AsyncGenerator<Uint8Array> {
  return textChunks(
    `<HOST_LIST_OUTPUT><RESPONSE><DATETIME>2024-05-01T10:00:00Z</DATETIME>${inner}</RESPONSE></HOST_LIST_OUTPUT>`,
  );
}

describe('parseHostListPage on hostlist/doccenter-host-list-details-all-ec2-metadata-doc-wrapped-lines.xml', () => {
  const file = 'hostlist/doccenter-host-list-details-all-ec2-metadata-doc-wrapped-lines.xml';

  it('rejects host 135151 at the first date the documentation wrapped', async () => {
    const { records, rejections } = await hostList(file);

    expect(records).toEqual([]);
    expect(rejections).toEqual([
      {
        index: 0,
        id: '135151',
        element: 'HOST/LAST_VULN_SCAN_DATETIME',
        value: '2017-03-\n        21T13:39:38Z',
        reason: 'Not an ISO 8601 date',
      },
    ]);
  });

  it('reads the three EC2 attributes once the wrapped dates are repaired', async () => {
    const repaired = sampleText(file).replace(/2017-03-\n {8}21T/g, '2017-03-21T');

    const { records } = await collectPage(parseHostListPage(textChunks(repaired)));
    const [host] = records;

    expect(host).toMatchObject({
      id: '135151',
      ip: '10.97.5.247',
      trackingMethod: 'EC2',
      dns: 'i-0bb87c3281243cdfd',
      os: 'Amazon Linux 2016.09',
      lastVulnScanDatetime: new Date('2017-03-21T13:39:38Z'),
      lastVmScannedDuration: 229,
      lastComplianceScanDatetime: new Date('2017-03-21T13:21:51Z'),
    });
    expect(host?.metadata?.[0]?.attributes.map(a => a.value)).toEqual([
      'us-east-1',
      'i-0bb87c3281243cdfd',
      '123456789012',
    ]);
  });
});

describe('hostlist/doccenter-host-list-details-all-ags-owner-userdef.partial.xml.txt', () => {
  const file = 'hostlist/doccenter-host-list-details-all-ags-owner-userdef.partial.xml.txt';

  it('is refused as a whole: the excerpt starts with an elision line', async () => {
    await expect(hostList(file)).rejects.toMatchObject({
      kind: QUALYS_ERROR_KINDS.malformedResponse,
      message: 'Body is not XML: text "...\\n<HOST_LIST_OUTPU" before the root element',
    });
  });

  it('has a well-formed HOST whose owner, user-defined values and asset groups are read', async () => {
    const text = sampleText(file);
    const host = text.slice(text.indexOf('<HOST>'), text.indexOf('</HOST>') + '</HOST>'.length);

    const { records } = await collectPage(
      parseHostListPage(envelope(`<HOST_LIST>${host}</HOST_LIST>`)),
    );

    expect(records[0]).toMatchObject({
      id: '2872568',
      ip: '10.10.25.182',
      netbios: 'COM-REG-SLES102',
      os: 'Linux 2.4-2.6 / Embedded Device / F5 Networks Big-IP / Linux 2.6',
      lastVulnScanDatetime: new Date('2017-02-05T19:48:17Z'),
      lastVmAuthScannedDuration: 988,
      lastComplianceScanDatetime: new Date('2016-10-09T16:23:26Z'),
      owner: 'owner_x1',
      comments: '#RFDS#@',
      userDefined: [
        { label: null, value: '###$#R', udAttr: null },
        { label: null, value: '###RFESF#', udAttr: null },
        { label: null, value: '#RFE#', udAttr: null },
      ],
    });
    expect(records[0]?.assetGroupIds).toHaveLength(29);
    expect(records[0]?.assetGroupIds.slice(0, 2)).toEqual(['473828', '474410']);
    expect(records[0]?.assetGroupIds.at(-1)).toBe('1642904');
  });
});

describe('parseHostListPage on hostlist/j1-host-list-vm-processed-window-empty-new-dtd-path.xml', () => {
  it('reads an answer with only DATETIME as an empty page', async () => {
    const { records, trailer } = await hostList(
      'hostlist/j1-host-list-vm-processed-window-empty-new-dtd-path.xml',
    );

    expect(records).toEqual([]);
    expect(trailer).toMatchObject({
      responseDatetime: new Date('2022-10-28T16:56:25Z'),
      glossary: null,
    });
  });
});

describe('parseIdSetPage on hostlist/j1-host-list-details-none-id-set.xml', () => {
  it('yields host id 107800671', async () => {
    const { records, trailer } = await collectPage(
      parseIdSetPage(sampleChunks('hostlist/j1-host-list-details-none-id-set.xml'), ROOTS),
    );

    expect(records).toEqual([{ first: '107800671', last: '107800671' }]);
    expect(trailer.responseDatetime).toEqual(new Date('2020-09-29T21:33:33Z'));
  });
});

describe('parseIdSetPage on hostlist/j1-host-list-details-none-empty.xml', () => {
  it('yields nothing for an empty subscription', async () => {
    const { records, trailer } = await collectPage(
      parseIdSetPage(sampleChunks('hostlist/j1-host-list-details-none-empty.xml'), ROOTS),
    );

    expect(records).toEqual([]);
    expect(trailer.responseDatetime).toEqual(new Date('2020-09-24T23:51:12Z'));
  });
});

describe('parseIdSetPage', () => {
  it('reads ID_RANGE as first and last and rejects a malformed range', async () => {
    const { records, rejections } = await collectPage(
      parseIdSetPage(
        envelope('<ID_SET><ID>5</ID><ID_RANGE>100-200</ID_RANGE><ID_RANGE>1-x</ID_RANGE></ID_SET>'),
        ROOTS,
      ),
    );

    expect(records).toEqual([
      { first: '5', last: '5' },
      { first: '100', last: '200' },
    ]);
    expect(rejections[0]).toMatchObject({ element: 'ID_RANGE', value: '1-x' });
  });
});

describe('parseHostListPage', () => {
  it('reads ARS and TruRisk factors, ud_attr, cloud tags and the GLOSSARY', async () => {
    const { records, trailer } = await collectPage(
      parseHostListPage(
        envelope(`<HOST_LIST><HOST><ID>9</ID><ASSET_RISK_SCORE>710</ASSET_RISK_SCORE>
          <ASSET_CRITICALITY_SCORE>3</ASSET_CRITICALITY_SCORE>
          <ARS_FACTORS><ARS_FORMULA><![CDATA[ACS * (wc*Vc)]]></ARS_FORMULA>
            <VULN_COUNT qds_severity="CRITICAL">2</VULN_COUNT><VULN_COUNT qds_severity="HIGH">0</VULN_COUNT></ARS_FACTORS>
          <TRURISK_SCORE>655</TRURISK_SCORE>
          <TRURISK_SCORE_FACTORS><TRURISK_SCORE_FORMULA></TRURISK_SCORE_FORMULA></TRURISK_SCORE_FACTORS>
          <CLOUD_PROVIDER_TAGS><CLOUD_TAG><NAME>env</NAME><VALUE>prod</VALUE>
            <LAST_SUCCESS_DATE>2024-01-02T03:04:05Z</LAST_SUCCESS_DATE></CLOUD_TAG></CLOUD_PROVIDER_TAGS>
          <USER_DEF><LABEL_1>Site</LABEL_1><VALUE_1 ud_attr="loc">Paris</VALUE_1></USER_DEF>
          <ASSET_GROUP_IDS>1,2</ASSET_GROUP_IDS></HOST></HOST_LIST>
          <GLOSSARY><USER_LIST><USER><USER_LOGIN>u1</USER_LOGIN><FIRST_NAME>Ann</FIRST_NAME><LAST_NAME>Lee</LAST_NAME></USER></USER_LIST>
          <ASSET_GROUP_LIST><ASSET_GROUP><ID>1</ID><TITLE><![CDATA[Servers]]></TITLE></ASSET_GROUP></ASSET_GROUP_LIST></GLOSSARY>`),
      ),
    );

    expect(records[0]).toMatchObject({
      assetRiskScore: 710,
      assetCriticalityScore: 3,
      arsFactors: {
        formula: 'ACS * (wc*Vc)',
        vulnCounts: [
          { qdsSeverity: 'CRITICAL', count: 2 },
          { qdsSeverity: 'HIGH', count: 0 },
        ],
      },
      truriskScore: 655,
      truriskScoreFactors: { formula: null, vulnCounts: [] },
      cloudProviderTags: [
        { name: 'env', value: 'prod', lastSuccessDate: new Date('2024-01-02T03:04:05Z') },
      ],
      assetGroupIds: ['1', '2'],
    });
    expect(records[0]?.userDefined?.[0]).toEqual({ label: 'Site', value: 'Paris', udAttr: 'loc' });
    expect(trailer.glossary).toEqual({
      userDefinedLabels: [],
      users: [{ login: 'u1', firstName: 'Ann', lastName: 'Lee' }],
      assetGroups: [{ id: '1', title: 'Servers' }],
    });
  });
});
