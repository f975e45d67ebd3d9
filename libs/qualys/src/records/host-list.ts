import { type HostCommon } from './host';

/** ARS_FACTORS / TRURISK_SCORE_FACTORS: the formula and vulnerability counts per QDS band. */
export interface RiskScoreFactors {
  formula: string | null;
  vulnCounts: { qdsSeverity: string | null; count: number | null }[];
}

export interface UserDefinedValue {
  /** LABEL_n from the record (the GLOSSARY may carry the labels instead). */
  label: string | null;
  value: string | null;
  /** The `ud_attr` attribute of VALUE_n. */
  udAttr: string | null;
}

/** One HOST of a Host List page. */
export interface HostRecord extends HostCommon {
  assetRiskScore: number | null;
  assetCriticalityScore: number | null;
  arsFactors: RiskScoreFactors | null;
  truriskScore: number | null;
  truriskScoreFactors: RiskScoreFactors | null;
  lastBoot: Date | null;
  serialNumber: string | null;
  hardwareUuid: string | null;
  firstFoundDate: Date | null;
  lastActivity: Date | null;
  agentStatus: string | null;
  cloudAgentRunningOn: string | null;
  /** Note the name: VULN_SCAN here, SCAN in HLD. */
  lastVulnScanDatetime: Date | null;
  lastComplianceScanDatetime: Date | null;
  lastScapScanDatetime: Date | null;
  owner: string | null;
  comments: string | null;
  /** USER_DEF 1..3, in order; null when the record has no USER_DEF. */
  userDefined: UserDefinedValue[] | null;
  /** ASSET_GROUP_IDS: one comma-joined text in the XML, a list here. */
  assetGroupIds: string[];
}

export interface HostListGlossary {
  userDefinedLabels: (string | null)[];
  users: { login: string | null; firstName: string | null; lastName: string | null }[];
  assetGroups: { id: string | null; title: string | null }[];
}

/** An ID_SET entry (details=None): one id, or an ID_RANGE "first-last". */
export interface IdSetEntry {
  first: string;
  last: string;
}
