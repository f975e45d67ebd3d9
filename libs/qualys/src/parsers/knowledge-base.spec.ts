import { describe, expect, it } from '@jest/globals';

import { QUALYS_ERROR_KINDS } from '../errors';
import { parseKnowledgeBasePage } from './knowledge-base';
import { collectPage, sampleChunks, textChunks } from './sample-files';

const kb = (file: string) => collectPage(parseKnowledgeBasePage(sampleChunks(file)));

function vulns(inner: string): AsyncGenerator<Uint8Array> {
  return textChunks(`<KNOWLEDGE_BASE_VULN_LIST_OUTPUT><RESPONSE><DATETIME>2024-05-01T10:00:00Z</DATETIME>
    <VULN_LIST>${inner}</VULN_LIST></RESPONSE></KNOWLEDGE_BASE_VULN_LIST_OUTPUT>`);
}

describe('parseKnowledgeBasePage on kb/j1-kb-qid-316760-cisco.xml', () => {
  it('reads QID 316760 with its software, vendor reference, CVE and discovery', async () => {
    const { records, rejections, trailer } = await kb('kb/j1-kb-qid-316760-cisco.xml');
    const [vuln] = records;

    expect(rejections).toEqual([]);
    expect(trailer).toMatchObject({
      responseDatetime: new Date('2020-10-07T17:46:23Z'),
      unknownElements: {},
      recordCount: 1,
    });
    expect(vuln).toMatchObject({
      qid: '316760',
      vulnType: 'Vulnerability or Potential Vulnerability',
      severityLevel: 3,
      title:
        'Cisco IOS XE Software Command Injection Vulnerability (cisco-sa-iosxe-cmdinj-2MzhjM6K)',
      category: 'Cisco',
      lastServiceModificationDatetime: new Date('2020-10-07T13:02:59Z'),
      publishedDatetime: new Date('2020-10-07T12:11:44Z'),
      patchable: true,
      software: [{ product: 'ios_xe', vendor: 'cisco' }],
      vendorReferences: [
        {
          id: 'cisco-sa-iosxe-cmdinj-2MzhjM6K',
          url: 'https://tools.cisco.com/security/center/content/CiscoSecurityAdvisory/cisco-sa-iosxe-cmdinj-2MzhjM6K',
        },
      ],
      cves: [
        { id: 'CVE-2020-3403', url: 'http://cve.mitre.org/cgi-bin/cvename.cgi?name=CVE-2020-3403' },
      ],
      consequence:
        ' A successful exploit could allow the attacker to execute commands with root privileges each time the affected device is restarted.<P>',
      pciFlag: true,
      discovery: {
        remote: true,
        authTypes: ['Unix', 'SNMP', 'WEBLOGIC_VULN'],
        additionalInfo: ['Patch Available'],
      },
      cvss: null,
      cvssV3: null,
      threatIntelligence: [],
    });
    expect(vuln?.diagnosis).toContain('using &quot;show version&quot; command. <BR>');
  });
});

describe('parseKnowledgeBasePage on kb/j1-kb-42-was-qids-no-cvss.xml', () => {
  it('reads all 42 QIDs, none with CVSS, 16 with threat intelligence', async () => {
    const { records, rejections } = await kb('kb/j1-kb-42-was-qids-no-cvss.xml');
    const byQid = new Map(records.map(vuln => [vuln.qid, vuln]));

    expect(records).toHaveLength(42);
    expect(rejections).toEqual([]);
    expect(records.every(vuln => vuln.cvss === null && vuln.cvssV3 === null)).toBe(true);
    expect(records.filter(vuln => vuln.threatIntelligence.length > 0)).toHaveLength(16);
    expect(byQid.get('6')).toMatchObject({
      title: 'DNS Host Name',
      vulnType: 'Information Gathered',
      publishedDatetime: new Date('1999-01-01T08:00:00Z'),
      software: [{ product: 'dns_server', vendor: 'none' }],
    });
    expect(byQid.get('150001')?.threatIntelligence).toEqual([
      { id: '8', label: 'No_Patch' },
      { id: '13', label: 'Privilege_Escalation' },
    ]);
    expect(byQid.get('150272')).toMatchObject({
      title: 'PHP 7 Multiple Vulnerabilities',
      vendorReferences: [{ id: 'PHP Bug #78256', url: 'https://bugs.php.net/bug.php?id=78256' }],
    });
    expect(byQid.get('150272')?.cves.map(cve => cve.id)).toEqual([
      'CVE-2019-11041',
      'CVE-2019-11042',
    ]);
    expect(byQid.get('150462')).toMatchObject({
      title: 'Apache HTTP Server Buffer Overflow Vulnerability (CVE-2021-44790)',
      severityLevel: 4,
      software: [
        { product: 'http_server', vendor: 'apache' },
        { product: 'None', vendor: 'apache' },
        { product: 'None', vendor: 'apache_software_foundation' },
      ],
    });
    expect(byQid.get('150462')?.threatIntelligence.map(t => t.id)).toEqual(['5', '11', '14', '15']);
  });
});

describe('parseKnowledgeBasePage on kb/elastic-mock-kb-empty-response-india-platform.xml', () => {
  it('reads the no-match answer as an empty page', async () => {
    const { records, trailer } = await kb('kb/elastic-mock-kb-empty-response-india-platform.xml');

    expect(records).toEqual([]);
    expect(trailer.responseDatetime).toEqual(new Date('2023-10-26T09:47:22Z'));
  });
});

describe('parseKnowledgeBasePage on errors/j1-activity-log-200-code-2001-account-expired.xml', () => {
  it('throws the expired account as an authentication error', async () => {
    await expect(
      kb('errors/j1-activity-log-200-code-2001-account-expired.xml'),
    ).rejects.toMatchObject({
      kind: QUALYS_ERROR_KINDS.authentication,
      apiCode: '2001',
      apiText: 'This account has expired.',
    });
  });
});

describe('parseKnowledgeBasePage', () => {
  it('reads CVSS v2, v3 and v4 blocks with sources, zero scores and decoded vectors', async () => {
    const { records } = await collectPage(
      parseKnowledgeBasePage(
        vulns(`<VULN><QID>1</QID><CVSS><BASE source="service">0.0</BASE>
          <VECTOR_STRING>CVSS:2.0/AV:N/AC:L/Au:N/C:N/I:N/A:N</VECTOR_STRING>
          <ACCESS><VECTOR>3</VECTOR><COMPLEXITY>1</COMPLEXITY></ACCESS></CVSS>
          <CVSS_V3><BASE>9.8</BASE><TEMPORAL>8.8</TEMPORAL>
          <VECTOR_STRING>CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:P/RL:O/RC:C</VECTOR_STRING>
          <CVSS3_VERSION>3.1</CVSS3_VERSION></CVSS_V3>
          <CVSS_V4><BASE>9.3</BASE><THREAT>8.9</THREAT>
          <VECTOR_STRING>CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N</VECTOR_STRING></CVSS_V4></VULN>`),
      ),
    );
    const [vuln] = records;

    expect(vuln?.cvss).toMatchObject({
      version: '2.0',
      base: 0,
      baseSource: 'service',
      temporal: null,
      elements: { 'ACCESS/VECTOR': '3', 'ACCESS/COMPLEXITY': '1' },
    });
    expect(vuln?.cvss?.metrics?.Au).toEqual({ name: 'Authentication', value: 'N', label: 'None' });
    expect(vuln?.cvssV3).toMatchObject({ version: '3.1', base: 9.8, temporal: 8.8 });
    expect(vuln?.cvssV3?.metrics?.E).toEqual({
      name: 'Exploit Code Maturity',
      value: 'P',
      label: 'Proof-of-Concept',
    });
    expect(vuln?.cvssV4).toMatchObject({ version: '4.0', base: 9.3, threat: 8.9 });
    expect(vuln?.cvssV4?.metrics?.VC).toMatchObject({ value: 'H', label: 'High' });
  });

  it('reads correlation, change log, CWE and flags, tolerating empty EXPLT', async () => {
    const { records } = await collectPage(
      parseKnowledgeBasePage(
        vulns(`<VULN><QID>2</QID><CORRELATION><EXPLOITS>
          <EXPLT_SRC><SRC_NAME>The Exploit-DB</SRC_NAME><EXPLT_LIST><EXPLT/>
            <EXPLT><REF>CVE-2021-1</REF><DESC><![CDATA[Remote code]]></DESC></EXPLT></EXPLT_LIST></EXPLT_SRC>
          <EXPLT_SRC><SRC_NAME>Metasploit</SRC_NAME></EXPLT_SRC></EXPLOITS>
          <MALWARE><MW_SRC><SRC_NAME>Trend Micro</SRC_NAME><MW_LIST><MW_INFO><MW_ID>TROJ_X</MW_ID>
            <MW_RATING>High</MW_RATING></MW_INFO></MW_LIST></MW_SRC></MALWARE></CORRELATION>
          <CWE_LIST><CWE><ID>CWE-79</ID></CWE></CWE_LIST>
          <SUPPORTED_MODULES>VM,CA-Windows Agent</SUPPORTED_MODULES><IS_DISABLED>0</IS_DISABLED>
          <CHANGE_LOG_LIST><CHANGE_LOG_INFO><CHANGE_DATE>2024-02-01T00:00:00Z</CHANGE_DATE>
            <COMMENTS><![CDATA[Updated detection]]></COMMENTS></CHANGE_LOG_INFO></CHANGE_LOG_LIST></VULN>`),
      ),
    );

    expect(records[0]).toMatchObject({
      correlation: {
        exploits: [
          {
            source: 'The Exploit-DB',
            exploits: [{ ref: 'CVE-2021-1', description: 'Remote code', link: null }],
          },
          { source: 'Metasploit', exploits: [] },
        ],
        malware: [
          {
            source: 'Trend Micro',
            malware: [
              { id: 'TROJ_X', type: null, platform: null, alias: null, rating: 'High', link: null },
            ],
          },
        ],
      },
      cwes: ['CWE-79'],
      supportedModules: ['VM', 'CA-Windows Agent'],
      isDisabled: false,
      changeLog: [{ changeDate: new Date('2024-02-01T00:00:00Z'), comments: 'Updated detection' }],
    });
  });

  it('rejects a VULN with a non-numeric QID and keeps the next one', async () => {
    const { records, rejections } = await collectPage(
      parseKnowledgeBasePage(
        vulns('<VULN><QID>abc</QID><TITLE>x</TITLE></VULN><VULN><QID>3</QID></VULN>'),
      ),
    );

    expect(records.map(vuln => vuln.qid)).toEqual(['3']);
    expect(rejections).toEqual([
      { index: 0, id: null, element: 'VULN/QID', value: 'abc', reason: 'Not a numeric identifier' },
    ]);
  });
});
