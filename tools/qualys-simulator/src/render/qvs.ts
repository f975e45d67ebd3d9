import { type Estate } from '../generator/estate';
import { type QvsRecord } from '../generator/model';

export interface QvsQuery {
  cves: readonly string[];
  details: 'Basic' | 'All';
  qvsLastModifiedAfter?: number;
  qvsLastModifiedBefore?: number;
  qvsMin?: number;
  qvsMax?: number;
  nvdPublishedAfter?: number;
  nvdPublishedBefore?: number;
}

function matches(r: QvsRecord, q: QvsQuery): boolean {
  const changedSeconds = Math.floor(r.qvsLastChangedMs / 1000);
  return (
    (q.qvsLastModifiedAfter === undefined || r.qvsLastChangedMs >= q.qvsLastModifiedAfter) &&
    (q.qvsLastModifiedBefore === undefined || changedSeconds * 1000 < q.qvsLastModifiedBefore) &&
    (q.qvsMin === undefined || r.qvs >= q.qvsMin) &&
    (q.qvsMax === undefined || r.qvs <= q.qvsMax) &&
    (q.nvdPublishedAfter === undefined || r.nvdPublishedMs >= q.nvdPublishedAfter) &&
    (q.nvdPublishedBefore === undefined || r.nvdPublishedMs < q.nvdPublishedBefore)
  );
}

function entry(r: QvsRecord, details: QvsQuery['details']): Record<string, unknown> {
  const base = {
    id: r.cve,
    idType: 'CVE',
    qvs: String(r.qvs),
    qvsLastChangedDate: Math.floor(r.qvsLastChangedMs / 1000),
    nvdPublishedDate: Math.floor(r.nvdPublishedMs / 1000),
  };
  if (details !== 'All') {
    return { base };
  }
  const factors: Record<string, unknown> = {
    cvss: r.cvss,
    cvssVersion: r.cvssVersion,
    cvssString: r.cvssString,
  };
  const optional = {
    exploitMaturity: r.exploitMaturity,
    threatActors: r.threatActors,
    trending: r.trending,
    epss: r.epss,
    rti: r.rti,
    mitigationControls: r.mitigationControls,
  };
  for (const [name, value] of Object.entries(optional)) {
    if (value !== undefined) {
      factors[name] = value;
    }
  }
  return { base, contributingFactors: factors };
}

/**
 * The QVS answer: one JSON object keyed by CVE (CVEs without a score are absent, `{}` when none
 * has one). Slashes are escaped (`\/`) as the service writes them.
 */
export function renderQvs(estate: Estate, query: QvsQuery): string {
  const body: Record<string, unknown> = {};
  for (const cve of new Set(query.cves)) {
    const record = estate.qvs(cve);
    if (record && matches(record, query)) {
      body[cve] = entry(record, query.details);
    }
  }
  return JSON.stringify(body).replace(/\//g, '\\/');
}
