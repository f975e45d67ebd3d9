import { type Estate } from '../generator/estate';
import { type CvssBlock, type VulnRecord } from '../generator/model';
import { type IdRange } from '../http/params';
import {
  indexesInRanges,
  type PageOptions,
  type PageSummary,
  writeIdSet,
  writeRecords,
} from './page';
import { cdata, cdataElement, type ChunkWrite, element, isoSeconds, xmlDeclaration } from './xml';

export const KB_ROOT = 'KNOWLEDGE_BASE_VULN_LIST_OUTPUT';
const KB_DTD =
  'https://qualysapi.qualys.com/api/2.0/fo/knowledge_base/vuln/knowledge_base_vuln_list_output.dtd';

export type KbDetails = 'Basic' | 'All' | 'None';

export interface KnowledgeBaseQuery extends PageOptions {
  details?: KbDetails;
  ids?: readonly IdRange[];
  idMin?: number;
  idMax?: number;
  lastModifiedAfter?: number;
  lastModifiedBefore?: number;
  publishedAfter?: number;
  publishedBefore?: number;
  isPatchable?: boolean;
  showPciReasons?: boolean;
  showSupportedModules?: boolean;
  showDisabledFlag?: boolean;
  showQidChangeLog?: boolean;
}

function vulnMatches(v: VulnRecord, q: KnowledgeBaseQuery): boolean {
  return (
    (q.lastModifiedAfter === undefined || v.lastServiceModifiedMs >= q.lastModifiedAfter) &&
    (q.lastModifiedBefore === undefined || v.lastServiceModifiedMs < q.lastModifiedBefore) &&
    (q.publishedAfter === undefined || v.publishedMs >= q.publishedAfter) &&
    (q.publishedBefore === undefined || v.publishedMs < q.publishedBefore) &&
    (q.isPatchable === undefined || v.patchable === q.isPatchable)
  );
}

const V = '        ';

function cvssXml(
  name: string,
  block: CvssBlock | undefined,
  adjustedName: string,
  versionName?: string,
): string {
  if (!block) {
    return '';
  }
  return (
    `${V}<${name}>\n${V}  <BASE source="service">${block.base}</BASE>\n` +
    `${V}  <${adjustedName}>${block.adjusted}</${adjustedName}>\n` +
    `${V}  <VECTOR_STRING>${block.vector}</VECTOR_STRING>\n` +
    (versionName ? `${V}  <${versionName}>${block.version}</${versionName}>\n` : '') +
    `${V}</${name}>\n`
  );
}

function listXml<T>(
  name: string,
  child: string,
  items: readonly T[],
  render: (item: T) => string,
): string {
  if (items.length === 0) {
    return '';
  }
  return `${V}<${name}>\n${items.map(item => `${V}  <${child}>\n${render(item)}${V}  </${child}>\n`).join('')}${V}</${name}>\n`;
}

function correlationXml(v: VulnRecord): string {
  if (v.exploits.length === 0 && v.malware.length === 0) {
    return '';
  }
  const exploits =
    v.exploits.length === 0
      ? ''
      : `${V}  <EXPLOITS>\n${V}    <EXPLT_SRC>\n${V}      <SRC_NAME>${cdata('The Exploit-DB')}</SRC_NAME>\n${V}      <EXPLT_LIST>\n` +
        v.exploits
          .map(
            e =>
              `${V}        <EXPLT>\n${V}          <REF>${cdata(e.ref)}</REF>\n${V}          <DESC>${cdata(e.desc)}</DESC>\n` +
              (e.link ? `${V}          <LINK>${cdata(e.link)}</LINK>\n` : '') +
              `${V}        </EXPLT>\n`,
          )
          .join('') +
        `${V}      </EXPLT_LIST>\n${V}    </EXPLT_SRC>\n${V}  </EXPLOITS>\n`;
  const malware =
    v.malware.length === 0
      ? ''
      : `${V}  <MALWARE>\n${V}    <MW_SRC>\n${V}      <SRC_NAME>${cdata('Trend Micro')}</SRC_NAME>\n${V}      <MW_LIST>\n` +
        v.malware
          .map(
            m =>
              `${V}        <MW_INFO>\n${V}          <MW_ID>${cdata(m.id)}</MW_ID>\n${V}          <MW_TYPE>${cdata(m.type)}</MW_TYPE>\n` +
              `${V}          <MW_PLATFORM>${cdata(m.platform)}</MW_PLATFORM>\n${V}          <MW_RATING>${cdata(m.rating)}</MW_RATING>\n${V}        </MW_INFO>\n`,
          )
          .join('') +
        `${V}      </MW_LIST>\n${V}    </MW_SRC>\n${V}  </MALWARE>\n`;
  return `${V}<CORRELATION>\n${exploits}${malware}${V}</CORRELATION>\n`;
}

/** One VULN in the DTD's order; CVSS_V4 (not in any published DTD) follows CVSS_V3. */
export function vulnXml(v: VulnRecord, q: KnowledgeBaseQuery): string {
  const all = q.details === 'All';
  return (
    `      <VULN>\n${V}<QID>${v.qid}</QID>\n${V}${element('VULN_TYPE', v.vulnType)}\n` +
    `${V}<SEVERITY_LEVEL>${v.severity}</SEVERITY_LEVEL>\n${V}${cdataElement('TITLE', v.title)}\n` +
    `${V}${element('CATEGORY', v.category)}\n` +
    `${V}<LAST_SERVICE_MODIFICATION_DATETIME>${isoSeconds(v.lastServiceModifiedMs)}</LAST_SERVICE_MODIFICATION_DATETIME>\n` +
    `${V}<PUBLISHED_DATETIME>${isoSeconds(v.publishedMs)}</PUBLISHED_DATETIME>\n` +
    `${V}<PATCHABLE>${v.patchable ? 1 : 0}</PATCHABLE>\n` +
    listXml(
      'SOFTWARE_LIST',
      'SOFTWARE',
      v.software,
      s =>
        `${V}    ${cdataElement('PRODUCT', s.product)}\n${V}    ${cdataElement('VENDOR', s.vendor)}\n`,
    ) +
    listXml(
      'VENDOR_REFERENCE_LIST',
      'VENDOR_REFERENCE',
      v.vendorReferences,
      r => `${V}    ${cdataElement('ID', r.id)}\n${V}    ${cdataElement('URL', r.url)}\n`,
    ) +
    listXml(
      'CVE_LIST',
      'CVE',
      v.cves,
      cve =>
        `${V}    ${cdataElement('ID', cve)}\n${V}    ${cdataElement('URL', `https://nvd.nist.gov/vuln/detail/${cve}`)}\n`,
    ) +
    `${V}${cdataElement('DIAGNOSIS', v.diagnosis)}\n${V}${cdataElement('CONSEQUENCE', v.consequence)}\n${V}${cdataElement('SOLUTION', v.solution)}\n` +
    (all ? correlationXml(v) : '') +
    cvssXml('CVSS', v.cvss2, 'TEMPORAL') +
    cvssXml('CVSS_V3', v.cvss3, 'TEMPORAL', 'CVSS3_VERSION') +
    cvssXml('CVSS_V4', v.cvss4, 'THREAT', 'VERSION') +
    `${V}<PCI_FLAG>${v.pciFlag ? 1 : 0}</PCI_FLAG>\n` +
    (q.showPciReasons && v.pciFlag
      ? `${V}<PCI_REASONS>\n${V}  <PCI_REASON>${cdata('Severity 4 or higher')}</PCI_REASON>\n${V}</PCI_REASONS>\n`
      : '') +
    (v.threatIntel.length === 0
      ? ''
      : `${V}<THREAT_INTELLIGENCE>\n${v.threatIntel.map(([id, label]) => `${V}  <THREAT_INTEL id="${id}">${cdata(label)}</THREAT_INTEL>\n`).join('')}${V}</THREAT_INTELLIGENCE>\n`) +
    (q.showSupportedModules ? `${V}${element('SUPPORTED_MODULES', v.supportedModules)}\n` : '') +
    `${V}<DISCOVERY>\n${V}  <REMOTE>${v.remoteDiscovery ? 1 : 0}</REMOTE>\n` +
    `${V}  <AUTH_TYPE_LIST>\n${v.authTypes.map(t => `${V}    <AUTH_TYPE>${t}</AUTH_TYPE>\n`).join('')}${V}  </AUTH_TYPE_LIST>\n` +
    (v.additionalInfo ? `${V}  ${element('ADDITIONAL_INFO', v.additionalInfo)}\n` : '') +
    `${V}</DISCOVERY>\n` +
    (q.showDisabledFlag ? `${V}<IS_DISABLED>${v.disabled ? 1 : 0}</IS_DISABLED>\n` : '') +
    (q.showQidChangeLog
      ? `${V}<CHANGE_LOG_LIST>\n${V}  <CHANGE_LOG_INFO>\n${V}    <CHANGE_DATE>${isoSeconds(v.lastServiceModifiedMs)}</CHANGE_DATE>\n${V}    <COMMENTS>${cdata('Detection logic updated')}</COMMENTS>\n${V}  </CHANGE_LOG_INFO>\n${V}</CHANGE_LOG_LIST>\n`
      : '') +
    '      </VULN>\n'
  );
}

/**
 * Streams a Knowledge Base page. Truncation only applies when the simulator is configured
 * with a KB page size (the real KB API does not truncate on its own).
 */
export async function renderKnowledgeBasePage(
  estate: Estate,
  query: KnowledgeBaseQuery,
  write: ChunkWrite,
): Promise<PageSummary> {
  await write(
    `${xmlDeclaration(KB_ROOT, KB_DTD)}<${KB_ROOT}>\n  <RESPONSE>\n    <DATETIME>${isoSeconds(estate.now())}</DATETIME>\n`,
  );
  const indexes = indexesInRanges(
    {
      count: estate.qidCount,
      idAt: i => estate.qidAt(i),
      indexAtOrAfter: qid => estate.qidIndexAtOrAfter(qid),
    },
    query.ids,
    query.idMin,
    query.idMax,
  );
  let summary: PageSummary;
  if (query.details === 'None') {
    summary = await writeIdSet(
      indexes,
      index => {
        const vuln = estate.vuln(index);
        return vulnMatches(vuln, query) ? vuln.qid : undefined;
      },
      query,
      write,
    );
  } else {
    summary = await writeRecords(
      indexes,
      index => {
        const vuln = estate.vuln(index);
        return vulnMatches(vuln, query) ? { id: vuln.qid, xml: vulnXml(vuln, query) } : undefined;
      },
      query,
      write,
      '    <VULN_LIST>\n',
      '    </VULN_LIST>\n',
    );
  }
  await write(`  </RESPONSE>\n</${KB_ROOT}>\n`);
  return summary;
}
