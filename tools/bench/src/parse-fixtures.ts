/**
 * Seeded generators of large Qualys answers for the parse benchmarks: a Host List Detection
 * page and a Knowledge Base page shaped like the real ones (padded CDATA, QDS and factors,
 * RESULTS with tabs, newlines, markup characters and non-ASCII text, CVE lists, CVSS blocks).
 * The same seed always renders the same bytes.
 */

/** mulberry32: tiny, fast, good enough to vary synthetic data reproducibly. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = [
  'Package',
  'Installed',
  'Version',
  'Required',
  'openssl-1.0.2k-19.el7',
  'C:\\Windows\\System32\\drivers\\srv.sys',
  'HKLM\\SOFTWARE\\Microsoft',
  'kernel-3.10.0-1160',
  '<html>',
  'a & b',
  '"quoted"',
  "it's",
  'Größe',
  'Überprüfung',
  '証明書',
  '脆弱性',
  'TLSv1.2',
  'RC4-SHA',
  '%SystemRoot%',
  '/usr/lib64/libssl.so.10',
];

const STATUSES = ['New', 'Active', 'Active', 'Active', 'Fixed', 'Re-Opened'];
const QDS_BANDS: [number, string][] = [
  [39, 'LOW'],
  [69, 'MEDIUM'],
  [89, 'HIGH'],
  [100, 'CRITICAL'],
];

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}

function isoDate(random: () => number): string {
  const ms = Date.UTC(2019, 0, 1) + Math.floor(random() * 5 * 365 * 86_400_000);
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function resultsText(random: () => number): string {
  const target = 120 + Math.floor(random() * 600);
  let out = '';
  while (out.length < target) {
    out += pick(random, WORDS);
    const r = random();
    out += r < 0.15 ? '\n' : r < 0.35 ? '\t' : ' ';
  }
  return out;
}

function escapeXml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** RESULTS as Qualys writes them: CDATA mostly, entity-escaped text sometimes. */
function resultsElement(random: () => number): string {
  const value = resultsText(random);
  return random() < 0.9
    ? `<RESULTS><![CDATA[${value}]]></RESULTS>`
    : `<RESULTS>${escapeXml(value)}</RESULTS>`;
}

function detection(random: () => number, uniqueId: number): string {
  const qds = 1 + Math.floor(random() * 100);
  const band = (QDS_BANDS.find(([max]) => qds <= max) ?? QDS_BANDS[0]) as [number, string];
  const status = pick(random, STATUSES);
  return `          <DETECTION>
            <UNIQUE_VULN_ID>${uniqueId}</UNIQUE_VULN_ID>
            <QID>${10_000 + Math.floor(random() * 400_000)}</QID>
            <TYPE>${random() < 0.85 ? 'Confirmed' : 'Potential'}</TYPE>
            <SEVERITY>${1 + Math.floor(random() * 5)}</SEVERITY>
            <PORT>${pick(random, [22, 80, 443, 445, 3389, 8443])}</PORT>
            <PROTOCOL>tcp</PROTOCOL>
            <SSL>${random() < 0.3 ? 1 : 0}</SSL>
            ${resultsElement(random)}
            <STATUS>${status}</STATUS>
            <FIRST_FOUND_DATETIME>${isoDate(random)}</FIRST_FOUND_DATETIME>
            <LAST_FOUND_DATETIME>${isoDate(random)}</LAST_FOUND_DATETIME>
            <QDS severity="${band[1]}">${qds}</QDS>
            <QDS_FACTORS>
              <QDS_FACTOR name="CVSS"><![CDATA[${(random() * 10).toFixed(1)}]]></QDS_FACTOR>
              <QDS_FACTOR name="CVSS_version"><![CDATA[v3.x]]></QDS_FACTOR>
              <QDS_FACTOR name="epss"><![CDATA[${random().toFixed(5)}]]></QDS_FACTOR>
            </QDS_FACTORS>
            <TIMES_FOUND>${1 + Math.floor(random() * 5000)}</TIMES_FOUND>
            <LAST_TEST_DATETIME>${isoDate(random)}</LAST_TEST_DATETIME>
            <LAST_UPDATE_DATETIME>${isoDate(random)}</LAST_UPDATE_DATETIME>${
              status === 'Fixed' || random() < 0.2
                ? `\n            <LAST_FIXED_DATETIME>${isoDate(random)}</LAST_FIXED_DATETIME>`
                : ''
            }
            <IS_IGNORED>0</IS_IGNORED>
            <IS_DISABLED>0</IS_DISABLED>
            <LAST_PROCESSED_DATETIME>${isoDate(random)}</LAST_PROCESSED_DATETIME>
          </DETECTION>
`;
}

function host(
  random: () => number,
  hostId: number,
  detections: number,
  next: () => number,
): string {
  const name = `host-${hostId}`;
  const list = Array.from({ length: detections }, () => detection(random, next())).join('');
  return `      <HOST>
        <ID>${hostId}</ID>
        <IP>10.${hostId % 250}.${Math.floor(hostId / 250) % 250}.${1 + (hostId % 200)}</IP>
        <TRACKING_METHOD>${random() < 0.5 ? 'IP' : 'AGENT'}</TRACKING_METHOD>
        <OS>
          <![CDATA[${pick(random, ['Windows 2016/2019/10', 'Red Hat Enterprise Linux 8.6', 'Ubuntu 22.04'])}]]>
        </OS>
        <DNS><![CDATA[${name}.example.test]]></DNS>
        <DNS_DATA>
          <HOSTNAME><![CDATA[${name}]]></HOSTNAME>
          <DOMAIN><![CDATA[example.test]]></DOMAIN>
          <FQDN><![CDATA[${name}.example.test]]></FQDN>
        </DNS_DATA>
        <NETBIOS><![CDATA[${name.toUpperCase()}]]></NETBIOS>
        <LAST_SCAN_DATETIME>${isoDate(random)}</LAST_SCAN_DATETIME>
        <LAST_VM_SCANNED_DATE>${isoDate(random)}</LAST_VM_SCANNED_DATE>
        <LAST_VM_SCANNED_DURATION>${Math.floor(random() * 2000)}</LAST_VM_SCANNED_DURATION>
        <DETECTION_LIST>
${list}        </DETECTION_LIST>
      </HOST>
`;
}

export interface HldPageShape {
  hosts: number;
  detectionsPerHost: number;
  seed?: number;
}

/** A Host List Detection page, as a list of string parts (join or stream them). */
export function renderHldPage({ hosts, detectionsPerHost, seed = 1 }: HldPageShape): string[] {
  const random = seededRandom(seed);
  let uniqueId = 5_000_000_000;
  const next = (): number => uniqueId++;

  const parts = [
    '<?xml version="1.0" encoding="UTF-8" ?>\n',
    '<!DOCTYPE HOST_LIST_VM_DETECTION_OUTPUT SYSTEM "https://qualysapi.qualys.com/api/2.0/fo/asset/host/vm/detection/host_list_vm_detection_output.dtd">\n',
    '<HOST_LIST_VM_DETECTION_OUTPUT>\n  <RESPONSE>\n    <DATETIME>2024-03-08T20:15:41Z</DATETIME>\n    <HOST_LIST>\n',
  ];
  for (let i = 0; i < hosts; i++) {
    parts.push(host(random, 1_000_000 + i, detectionsPerHost, next));
  }
  parts.push('    </HOST_LIST>\n  </RESPONSE>\n</HOST_LIST_VM_DETECTION_OUTPUT>\n');
  return parts;
}

function kbParagraphs(random: () => number, count: number): string {
  const parts: string[] = [];
  for (let i = 0; i < count; i++) {
    parts.push(`${resultsText(random).replace(/\t/g, ' ')}<P>`);
  }
  return parts.join('\n');
}

function cveList(random: () => number): string {
  const count = Math.floor(random() * 11);
  if (count === 0) return '';
  const cves = Array.from({ length: count }, () => {
    const id = `CVE-${2015 + Math.floor(random() * 10)}-${1000 + Math.floor(random() * 40000)}`;
    return `      <CVE>
        <ID><![CDATA[${id}]]></ID>
        <URL><![CDATA[https://cve.mitre.org/cgi-bin/cvename.cgi?name=${id}]]></URL>
      </CVE>
`;
  });
  return `    <CVE_LIST>\n${cves.join('')}    </CVE_LIST>\n`;
}

function vuln(random: () => number, qid: number): string {
  return `  <VULN>
    <QID>${qid}</QID>
    <VULN_TYPE>${pick(random, ['Vulnerability', 'Potential Vulnerability', 'Information Gathered'])}</VULN_TYPE>
    <SEVERITY_LEVEL>${1 + Math.floor(random() * 5)}</SEVERITY_LEVEL>
    <TITLE><![CDATA[Synthetic vulnerability ${qid} in ${pick(random, WORDS)}]]></TITLE>
    <CATEGORY>${pick(random, ['Local', 'Windows', 'CGI', 'Ubuntu'])}</CATEGORY>
    <LAST_SERVICE_MODIFICATION_DATETIME>${isoDate(random)}</LAST_SERVICE_MODIFICATION_DATETIME>
    <PUBLISHED_DATETIME>${isoDate(random)}</PUBLISHED_DATETIME>
    <PATCHABLE>${random() < 0.7 ? 1 : 0}</PATCHABLE>
    <SOFTWARE_LIST>
      <SOFTWARE>
        <PRODUCT><![CDATA[product_${qid % 97}]]></PRODUCT>
        <VENDOR><![CDATA[vendor_${qid % 31}]]></VENDOR>
      </SOFTWARE>
    </SOFTWARE_LIST>
    <VENDOR_REFERENCE_LIST>
      <VENDOR_REFERENCE>
        <ID><![CDATA[ADV-${qid}]]></ID>
        <URL><![CDATA[https://vendor.example.test/advisories/${qid}]]></URL>
      </VENDOR_REFERENCE>
    </VENDOR_REFERENCE_LIST>
${cveList(random)}    <DIAGNOSIS><![CDATA[${kbParagraphs(random, 3)}]]></DIAGNOSIS>
    <CONSEQUENCE><![CDATA[${kbParagraphs(random, 2)}]]></CONSEQUENCE>
    <SOLUTION><![CDATA[${kbParagraphs(random, 2)} <A HREF="https://vendor.example.test/${qid}" TARGET="_blank">advisory</A>]]></SOLUTION>
    <CORRELATION>
      <EXPLOITS>
        <EXPLT_SRC>
          <SRC_NAME><![CDATA[The Exploit-DB]]></SRC_NAME>
          <EXPLT_LIST>
            <EXPLT>
              <REF><![CDATA[CVE-2021-${qid % 9999}]]></REF>
              <DESC><![CDATA[Synthetic exploit for ${qid}]]></DESC>
              <LINK><![CDATA[https://exploit.example.test/${qid}]]></LINK>
            </EXPLT>
          </EXPLT_LIST>
        </EXPLT_SRC>
      </EXPLOITS>
    </CORRELATION>
    <CVSS>
      <BASE source="service">${(random() * 10).toFixed(1)}</BASE>
      <TEMPORAL>${(random() * 10).toFixed(1)}</TEMPORAL>
      <VECTOR_STRING>CVSS:2.0/AV:N/AC:L/Au:N/C:P/I:P/A:P/E:POC/RL:OF/RC:C</VECTOR_STRING>
      <ACCESS>
        <VECTOR>3</VECTOR>
        <COMPLEXITY>1</COMPLEXITY>
      </ACCESS>
    </CVSS>
    <CVSS_V3>
      <BASE>${(random() * 10).toFixed(1)}</BASE>
      <TEMPORAL>${(random() * 10).toFixed(1)}</TEMPORAL>
      <VECTOR_STRING>CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:P/RL:O/RC:C</VECTOR_STRING>
      <CVSS3_VERSION>3.1</CVSS3_VERSION>
    </CVSS_V3>
    <PCI_FLAG>${random() < 0.5 ? 1 : 0}</PCI_FLAG>
    <THREAT_INTELLIGENCE>
      <THREAT_INTEL id="5"><![CDATA[Easy_Exploit]]></THREAT_INTEL>
      <THREAT_INTEL id="8"><![CDATA[No_Patch]]></THREAT_INTEL>
    </THREAT_INTELLIGENCE>
    <DISCOVERY>
      <REMOTE>${random() < 0.5 ? 1 : 0}</REMOTE>
      <AUTH_TYPE_LIST>
        <AUTH_TYPE>Unix</AUTH_TYPE>
        <AUTH_TYPE>Windows</AUTH_TYPE>
      </AUTH_TYPE_LIST>
      <ADDITIONAL_INFO>Patch Available, Exploit Available</ADDITIONAL_INFO>
    </DISCOVERY>
  </VULN>
`;
}

/** A Knowledge Base page of `vulns` QIDs. */
export function renderKbPage({ vulns, seed = 2 }: { vulns: number; seed?: number }): string[] {
  const random = seededRandom(seed);
  const parts = [
    '<?xml version="1.0" encoding="UTF-8" ?>\n',
    '<!DOCTYPE KNOWLEDGE_BASE_VULN_LIST_OUTPUT SYSTEM "https://qualysapi.qualys.com/api/2.0/fo/knowledge_base/vuln/knowledge_base_vuln_list_output.dtd">\n',
    '<KNOWLEDGE_BASE_VULN_LIST_OUTPUT>\n  <RESPONSE>\n    <DATETIME>2024-03-08T20:15:41Z</DATETIME>\n<VULN_LIST>\n',
  ];
  for (let i = 0; i < vulns; i++) parts.push(vuln(random, 10_000 + i * 7));
  parts.push('</VULN_LIST>\n  </RESPONSE>\n</KNOWLEDGE_BASE_VULN_LIST_OUTPUT>\n');
  return parts;
}
