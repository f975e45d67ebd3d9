import { describe, expect, it } from '@jest/globals';

import { QUALYS_ERROR_KINDS } from '../errors';
import {
  parseControlListPage,
  parsePolicyDetailsPage,
  parsePolicyListPage,
  parsePostureInfoPage,
} from './compliance';
import { collectPage, sampleChunks, sampleText, textChunks } from './sample-files';

const PARTIAL = 'pc-policy/qualys-doc-policy-list-v3-details-basic.partial.xml.txt';

describe('parsePolicyListPage on pc-policy/qualys-doc-policy-list-v3-details-basic.partial.xml.txt', () => {
  it('fails the excerpt, which is cut off after LAST_EVALUATED, as a truncated body', async () => {
    await expect(collectPage(parsePolicyListPage(sampleChunks(PARTIAL)))).rejects.toMatchObject({
      kind: QUALYS_ERROR_KINDS.malformedResponse,
    });
  });

  it('reads policy 5744989 once the cut-off tail is closed', async () => {
    const text = sampleText(PARTIAL);
    const closed = `${text.slice(0, text.lastIndexOf('<'))}</POLICY></POLICY_LIST></RESPONSE></POLICY_LIST_OUTPUT>`;

    const { records, trailer } = await collectPage(parsePolicyListPage(textChunks(closed)));

    expect(trailer.responseDatetime).toEqual(new Date('2025-06-30T06:26:19Z'));
    expect(records).toEqual([
      {
        id: '5744989',
        title: 'One UDC',
        created: { datetime: new Date('2025-06-25T15:04:04Z'), by: 'user_x' },
        lastModified: { datetime: new Date('2025-06-27T11:57:34Z'), by: 'user_x' },
        lastEvaluated: new Date('2025-06-30T06:01:44Z'),
        status: null,
        isLocked: null,
        assetGroupIds: [],
        controls: [],
      },
    ]);
  });
});

describe('parsePolicyListPage', () => {
  it('reads status, lock, asset groups and controls with criticality', async () => {
    const { records } = await collectPage(
      parsePolicyListPage(
        textChunks(`<POLICY_LIST_OUTPUT><RESPONSE><DATETIME>2025-06-30T06:26:19Z</DATETIME><POLICY_LIST>
          <POLICY><ID>12</ID><TITLE><![CDATA[CIS Linux]]></TITLE><STATUS>active</STATUS><IS_LOCKED>1</IS_LOCKED>
          <ASSET_GROUP_IDS>3,4</ASSET_GROUP_IDS><CONTROL_LIST><CONTROL><ID>1071</ID>
          <STATEMENT><![CDATA[Status of the 'Minimum Password Age']]></STATEMENT>
          <CRITICALITY><LABEL>SERIOUS</LABEL><VALUE>3</VALUE></CRITICALITY><STATUS>enabled</STATUS></CONTROL></CONTROL_LIST>
          </POLICY></POLICY_LIST></RESPONSE></POLICY_LIST_OUTPUT>`),
      ),
    );

    expect(records[0]).toMatchObject({
      id: '12',
      title: 'CIS Linux',
      status: 'active',
      isLocked: true,
      assetGroupIds: ['3', '4'],
      controls: [
        {
          id: '1071',
          statement: "Status of the 'Minimum Password Age'",
          criticality: { label: 'SERIOUS', value: 3 },
          status: 'enabled',
        },
      ],
    });
  });
});

describe('parseControlListPage', () => {
  it('reads controls with technologies and rejects one with a bad criticality value', async () => {
    const { records, rejections } = await collectPage(
      parseControlListPage(
        textChunks(`<CONTROL_LIST_OUTPUT><RESPONSE><DATETIME>2025-01-01T00:00:00Z</DATETIME><CONTROL_LIST>
          <CONTROL><ID>100001</ID><UPDATE_DATE>2024-12-01T10:00:00Z</UPDATE_DATE>
          <CATEGORY><![CDATA[Access Control]]></CATEGORY><SUB_CATEGORY><![CDATA[Passwords]]></SUB_CATEGORY>
          <STATEMENT><![CDATA[Password length]]></STATEMENT><CRITICALITY><LABEL>URGENT</LABEL><VALUE>5</VALUE></CRITICALITY>
          <CHECK_TYPE>Registry Value</CHECK_TYPE><IGNORE_ERROR>0</IGNORE_ERROR>
          <TECHNOLOGY_LIST><TECHNOLOGY><ID>1</ID><NAME>Windows 2016</NAME><RATIONALE><![CDATA[Longer is safer]]></RATIONALE></TECHNOLOGY></TECHNOLOGY_LIST></CONTROL>
          <CONTROL><ID>100002</ID><CRITICALITY><LABEL>X</LABEL><VALUE>high</VALUE></CRITICALITY></CONTROL>
          </CONTROL_LIST></RESPONSE></CONTROL_LIST_OUTPUT>`),
      ),
    );

    expect(records).toEqual([
      {
        id: '100001',
        statement: 'Password length',
        criticality: { label: 'URGENT', value: 5 },
        category: 'Access Control',
        subCategory: 'Passwords',
        checkType: 'Registry Value',
        comment: null,
        ignoreError: false,
        errorSetStatus: null,
        createdDate: null,
        updateDate: new Date('2024-12-01T10:00:00Z'),
        technologies: [
          { id: '1', name: 'Windows 2016', rationale: 'Longer is safer', expectedValue: null },
        ],
      },
    ]);
    expect(rejections).toEqual([
      {
        index: 1,
        id: '100002',
        element: 'CONTROL/CRITICALITY/VALUE',
        value: 'high',
        reason: 'Not an integer',
      },
    ]);
  });
});

describe('parsePolicyDetailsPage', () => {
  it('reads sections, their controls and expected values', async () => {
    const { records } = await collectPage(
      parsePolicyDetailsPage(
        textChunks(`<POLICY_EXPORT_OUTPUT><RESPONSE><DATETIME>2025-01-01T00:00:00Z</DATETIME>
          <POLICY><ID>12</ID><TITLE><![CDATA[CIS Linux]]></TITLE>
          <TECHNOLOGIES><TECHNOLOGY><ID>45</ID><NAME>RHEL 8</NAME></TECHNOLOGY></TECHNOLOGIES>
          <SECTIONS><SECTION><NUMBER>1</NUMBER><HEADING><![CDATA[Initial Setup]]></HEADING>
          <CONTROLS><CONTROL><ID>2001</ID><CRITICALITY><LABEL>CRITICAL</LABEL><VALUE>4</VALUE></CRITICALITY>
          <TECHNOLOGIES><TECHNOLOGY><ID>45</ID><NAME>RHEL 8</NAME><DATAPOINT><EXPECTED_VALUE><![CDATA[ 14 ]]></EXPECTED_VALUE></DATAPOINT></TECHNOLOGY></TECHNOLOGIES>
          </CONTROL></CONTROLS></SECTION></SECTIONS></POLICY></RESPONSE></POLICY_EXPORT_OUTPUT>`),
      ),
    );

    expect(records[0]).toMatchObject({
      id: '12',
      title: 'CIS Linux',
      technologies: [{ id: '45', name: 'RHEL 8' }],
      sections: [
        {
          number: '1',
          heading: 'Initial Setup',
          controls: [
            {
              id: '2001',
              criticality: { label: 'CRITICAL', value: 4 },
              technologies: [{ id: '45', name: 'RHEL 8', rationale: null, expectedValue: ' 14 ' }],
            },
          ],
        },
      ],
    });
  });
});

describe('parsePostureInfoPage', () => {
  it('yields posture records and returns the GLOSSARY that follows them', async () => {
    const { records, trailer } = await collectPage(
      parsePostureInfoPage(
        textChunks(`<POSTURE_INFO_LIST_OUTPUT><RESPONSE><DATETIME>2025-01-01T00:00:00Z</DATETIME>
          <INFO_LIST><INFO><ID>900</ID><HOST_ID>135151</HOST_ID><CONTROL_ID>1071</CONTROL_ID>
          <TECHNOLOGY_ID>45</TECHNOLOGY_ID><INSTANCE>os</INSTANCE><STATUS>Failed</STATUS>
          <POSTURE_MODIFIED_DATE>2024-12-31T23:00:00Z</POSTURE_MODIFIED_DATE>
          <EVIDENCE><BOOLEAN_EXPR><![CDATA[PASS_MIN_DAYS 0]]></BOOLEAN_EXPR></EVIDENCE></INFO></INFO_LIST>
          <GLOSSARY><HOST_LIST><HOST><ID>135151</ID><IP>10.97.5.247</IP></HOST></HOST_LIST>
          <TECHNOLOGY_LIST><TECHNOLOGY><ID>45</ID><NAME>RHEL 8</NAME></TECHNOLOGY></TECHNOLOGY_LIST></GLOSSARY>
          </RESPONSE></POSTURE_INFO_LIST_OUTPUT>`),
      ),
    );

    expect(records[0]).toMatchObject({
      id: '900',
      hostId: '135151',
      controlId: '1071',
      technologyId: '45',
      instance: 'os',
      status: 'Failed',
      postureModifiedDate: new Date('2024-12-31T23:00:00Z'),
      evidence: 'PASS_MIN_DAYS 0',
    });
    expect(trailer.glossary).toEqual({
      hosts: [{ id: '135151', ip: '10.97.5.247', dns: null, netbios: null, os: null }],
      controls: [],
      technologies: [{ id: '45', name: 'RHEL 8' }],
    });
  });
});
