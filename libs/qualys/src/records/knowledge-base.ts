import { type CvssScores } from '../cvss/cvss-block';

export interface KbReference {
  id: string | null;
  url: string | null;
}

export interface KbSoftware {
  product: string | null;
  vendor: string | null;
}

export interface KbCompliance {
  type: string | null;
  section: string | null;
  description: string | null;
}

export interface KbExploit {
  ref: string | null;
  description: string | null;
  link: string | null;
}

export interface KbMalware {
  id: string | null;
  type: string | null;
  platform: string | null;
  alias: string | null;
  rating: string | null;
  link: string | null;
}

export interface KbCorrelation {
  exploits: { source: string | null; exploits: KbExploit[] }[];
  malware: { source: string | null; malware: KbMalware[] }[];
}

export interface KbThreatIntel {
  /** The `id` attribute (2, 5, 8, 13...). */
  id: string | null;
  /** The text (Exploit_Public, Easy_Exploit, No_Patch...). */
  label: string | null;
}

export interface KbDiscovery {
  remote: boolean | null;
  authTypes: string[];
  /** ADDITIONAL_INFO split on commas ("Patch Available, Exploit Available"). */
  additionalInfo: string[];
}

/** One VULN of a Knowledge Base page. Lists are [] when their element is absent. */
export interface KbVulnRecord {
  qid: string;
  vulnType: string | null;
  severityLevel: number | null;
  title: string | null;
  category: string | null;
  detectionInfo: string | null;
  lastCustomization: { datetime: Date | null; userLogin: string | null } | null;
  lastServiceModificationDatetime: Date | null;
  publishedDatetime: Date | null;
  codeModifiedDatetime: Date | null;
  bugtraqs: KbReference[];
  patchable: boolean | null;
  patchPublishedDate: Date | null;
  software: KbSoftware[];
  vendorReferences: KbReference[];
  cves: KbReference[];
  /** CWE ids where the tenant sends them (element names inferred, see docs). */
  cwes: string[];
  /** HTML inside CDATA, kept exactly. */
  diagnosis: string | null;
  diagnosisComment: string | null;
  consequence: string | null;
  consequenceComment: string | null;
  solution: string | null;
  solutionComment: string | null;
  compliance: KbCompliance[];
  correlation: KbCorrelation | null;
  cvss: CvssScores | null;
  cvssV3: CvssScores | null;
  /** Inferred block (no public sample); see CVSS_BLOCK_FIELDS. */
  cvssV4: CvssScores | null;
  pciFlag: boolean | null;
  automaticPciFail: boolean | null;
  pciReasons: string[];
  threatIntelligence: KbThreatIntel[];
  supportedModules: string[];
  discovery: KbDiscovery | null;
  isDisabled: boolean | null;
  changeLog: { changeDate: Date | null; comments: string | null }[];
}
