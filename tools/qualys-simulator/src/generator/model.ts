/** The resolved settings of a generated estate (see EstateOptions for their meaning). */
export interface EstateSettings {
  seed: number;
  hosts: number;
  detectionsPerHost: number;
  infoDetectionsPerHost: number;
  qids: number;
  policies: number;
  controls: number;
  controlsPerPolicy: number;
  deployment: number;
  overlap: number;
  startMs: number;
  largeResultsEvery: number;
}

export const DETECTION_STATUSES = {
  new: 'New',
  active: 'Active',
  fixed: 'Fixed',
  reopened: 'Re-Opened',
} as const;

export type DetectionStatus = (typeof DETECTION_STATUSES)[keyof typeof DETECTION_STATUSES];

export type CloudKind = 'EC2' | 'AZURE' | 'GOOGLE';

export interface MetadataAttribute {
  name: string;
  lastStatus: 'Success' | 'Fail';
  value: string;
  lastSuccessMs?: number;
  lastErrorMs?: number;
  lastError: string;
}

export interface CloudInfo {
  kind: CloudKind;
  provider: string;
  service: string;
  resourceId: string;
  ec2InstanceId?: string;
  attributes: MetadataAttribute[];
  tags: Array<{ name: string; value: string }>;
}

export interface HostTag {
  id: number;
  name: string;
  color: string;
  background: string;
}

export interface HostRecord {
  index: number;
  /** The physical machine: shared by deployments that see the same estate. */
  machine: number;
  id: number;
  assetId: number;
  ip?: string;
  ipv6?: string;
  trackingMethod: string;
  networkId?: number;
  os: string;
  osCpe: string;
  dns?: string;
  hostname?: string;
  domain?: string;
  fqdn?: string;
  netbios?: string;
  qgHostId?: string;
  cloud?: CloudInfo;
  lastScanMs: number;
  lastVmScannedMs: number;
  lastVmScannedDuration: number;
  lastVmAuthScannedMs?: number;
  lastPcScannedMs?: number;
  /** When VM data of this host was last processed (vm_processed_after/before). */
  vmProcessedMs: number;
  tags: HostTag[];
  owner: string;
  comments: string;
  userDefined: [string, string, string];
  assetGroupIds: number[];
}

export interface QdsFactor {
  name: string;
  value: string;
}

export interface DetectionRecord {
  uniqueVulnId: number;
  qid: number;
  type: 'Confirmed' | 'Potential' | 'Info';
  severity?: number;
  port?: number;
  protocol?: string;
  ssl: boolean;
  results: string;
  status?: DetectionStatus;
  firstFoundMs: number;
  lastFoundMs: number;
  qds?: number;
  qdsFactors: QdsFactor[];
  timesFound: number;
  lastTestMs: number;
  lastUpdateMs: number;
  lastFixedMs?: number;
  firstReopenedMs?: number;
  lastReopenedMs?: number;
  timesReopened?: number;
  service?: string;
  isIgnored: boolean;
  isDisabled: boolean;
  affectRunningKernel?: boolean;
  lastProcessedMs: number;
}

export interface CvssBlock {
  base: string;
  adjusted: string;
  vector: string;
  version: string;
}

export interface VulnRecord {
  index: number;
  qid: number;
  vulnType: string;
  severity: number;
  title: string;
  category: string;
  lastServiceModifiedMs: number;
  publishedMs: number;
  codeModifiedMs: number;
  patchable: boolean;
  software: Array<{ product: string; vendor: string }>;
  vendorReferences: Array<{ id: string; url: string }>;
  cves: string[];
  diagnosis: string;
  consequence: string;
  solution: string;
  exploits: Array<{ ref: string; desc: string; link?: string }>;
  malware: Array<{ id: string; type: string; platform: string; rating: string }>;
  cvss2?: CvssBlock;
  cvss3?: CvssBlock;
  cvss4?: CvssBlock;
  pciFlag: boolean;
  threatIntel: Array<readonly [string, string]>;
  remoteDiscovery: boolean;
  authTypes: string[];
  additionalInfo?: string;
  supportedModules: string;
  disabled: boolean;
}

export interface QvsRecord {
  cve: string;
  qvs: number;
  qvsLastChangedMs: number;
  nvdPublishedMs: number;
  cvss: string;
  cvssVersion: 'v2' | 'v3.x';
  cvssString: string;
  exploitMaturity?: string[];
  threatActors?: string[];
  trending?: string[];
  epss?: string[];
  rti?: string[];
  mitigationControls?: string[][];
}

export interface ControlTechnology {
  id: number;
  name: string;
  rationale: string;
}

export interface ControlRecord {
  index: number;
  id: number;
  statement: string;
  category: string;
  subCategory: string;
  checkType: string;
  criticalityLabel: string;
  criticalityValue: string;
  createdMs: number;
  updatedMs: number;
  technologies: ControlTechnology[];
  userDefined: boolean;
}

export interface PolicySection {
  number: number;
  heading: string;
  controlIndexes: number[];
}

export interface PolicyRecord {
  index: number;
  id: number;
  title: string;
  createdMs: number;
  createdBy: string;
  modifiedMs: number;
  modifiedBy: string;
  lastEvaluatedMs: number;
  status: 'active' | 'inactive';
  locked: boolean;
  sections: PolicySection[];
  technologyIds: number[];
}

export type PostureStatus = 'Passed' | 'Failed' | 'Error';

export interface PostureRecord {
  id: number;
  hostIndex: number;
  policyIndex: number;
  controlIndex: number;
  technologyId: number;
  instance: string;
  status: PostureStatus;
  modifiedMs: number;
  firstPassMs?: number;
  lastPassMs?: number;
  firstFailMs?: number;
  lastFailMs?: number;
  evidence: string;
}
