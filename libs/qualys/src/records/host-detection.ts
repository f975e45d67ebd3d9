import { type HostCommon } from './host';

/** Detection states as the API spells them (note the hyphen of Re-Opened); the set is open. */
export const DETECTION_STATUSES = ['New', 'Active', 'Fixed', 'Re-Opened'] as const;

/** QDS and its `severity` attribute (LOW, MEDIUM, HIGH, CRITICAL). */
export interface QualysDetectionScore {
  score: number;
  severity: string | null;
}

/** One HOST/DETECTION_LIST/DETECTION of the Host List Detection API. */
export interface Detection {
  /** Stable id of the finding; missing in older outputs (fall back to host+QID+port...). */
  uniqueVulnId: string | null;
  qid: string;
  /** Confirmed, Potential, Info. */
  type: string | null;
  severity: number | null;
  port: number | null;
  protocol: string | null;
  fqdn: string | null;
  ssl: boolean | null;
  instance: string | null;
  service: string | null;
  /** Exactly as sent (tabs, newlines, entity-looking text inside CDATA kept). */
  results: string | null;
  /** New, Active, Fixed, Re-Opened; absent on Info records. */
  status: string | null;
  firstFoundDatetime: Date | null;
  lastFoundDatetime: Date | null;
  qds: QualysDetectionScore | null;
  /** QDS_FACTOR name → text (CVSS, CVSS_version, epss, trending...); null when not sent. */
  qdsFactors: Record<string, string> | null;
  timesFound: number | null;
  lastTestDatetime: Date | null;
  lastUpdateDatetime: Date | null;
  lastFixedDatetime: Date | null;
  firstReopenedDatetime: Date | null;
  lastReopenedDatetime: Date | null;
  timesReopened: number | null;
  isIgnored: boolean | null;
  isDisabled: boolean | null;
  affectRunningKernel: boolean | null;
  affectRunningService: boolean | null;
  affectExploitableConfig: boolean | null;
  lastProcessedDatetime: Date | null;
  assetCve: string | null;
}

/** One HOST of a Host List Detection page, with the detections that passed mapping. */
export interface HostDetectionRecord extends HostCommon {
  osCpe: string | null;
  lastScanDatetime: Date | null;
  lastPcScannedDate: Date | null;
  /** [] when the host has no DETECTION_LIST (nothing matched the filters). */
  detections: Detection[];
}
