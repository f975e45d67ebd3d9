/**
 * One CVE of a QVS answer. Factors are lists of strings, each comma-joined value split;
 * a factor Qualys did not send is null (never 0 or []).
 */
export interface QvsRecord {
  cve: string;
  idType: string | null;
  /** Qualys Vulnerability Score (sent as a string). */
  qvs: number | null;
  qvsLastChangedDate: Date | null;
  nvdPublishedDate: Date | null;
  cvss: number | null;
  /** v2 or v3.x, as sent. */
  cvssVersion: string | null;
  cvssString: string | null;
  exploitMaturity: string[] | null;
  threatActors: string[] | null;
  trending: string[] | null;
  malwareName: string[] | null;
  malwareHash: string[] | null;
  epss: string[] | null;
  rti: string[] | null;
  mitigationControls: string[] | null;
  /** Factors with names we do not map, same list form. */
  otherFactors: Record<string, string[]>;
}
