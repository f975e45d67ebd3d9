/**
 * Policy Compliance records (FO XML APIs). No full public answer exists for these APIs; the
 * shapes follow the documented element names, every field is optional (null or []), and
 * elements we do not map are counted in the trailer's unknownElements.
 */
export interface Criticality {
  /** SERIOUS, CRITICAL, URGENT... */
  label: string | null;
  /** 0–5. */
  value: number | null;
}

export interface ByUser {
  datetime: Date | null;
  by: string | null;
}

export interface PolicyControlRef {
  id: string;
  statement: string | null;
  criticality: Criticality | null;
  /** API v3 adds a per-control STATUS. */
  status: string | null;
}

/** One POLICY of the policy list (§5.1). */
export interface PolicyRecord {
  id: string;
  title: string | null;
  created: ByUser | null;
  lastModified: ByUser | null;
  lastEvaluated: Date | null;
  /** active / inactive. */
  status: string | null;
  isLocked: boolean | null;
  assetGroupIds: string[];
  controls: PolicyControlRef[];
}

export interface ControlTechnology {
  id: string | null;
  name: string | null;
  rationale: string | null;
  /** The expected value(s) of the control for this technology, as text, when sent. */
  expectedValue: string | null;
}

/** One CONTROL, as listed by the control list (§5.3) or inside a policy export section. */
export interface ControlRecord {
  id: string;
  statement: string | null;
  criticality: Criticality | null;
  category: string | null;
  subCategory: string | null;
  checkType: string | null;
  comment: string | null;
  ignoreError: boolean | null;
  errorSetStatus: string | null;
  createdDate: Date | null;
  updateDate: Date | null;
  technologies: ControlTechnology[];
}

export interface PolicySection {
  number: string | null;
  heading: string | null;
  controls: ControlRecord[];
}

/** One POLICY of a policy export (§5.2): technologies and sections with their controls. */
export interface PolicyDetailsRecord {
  id: string | null;
  title: string | null;
  description: string | null;
  technologies: { id: string | null; name: string | null }[];
  sections: PolicySection[];
}

/** One INFO of the legacy posture info list (§5.4); names resolve through the GLOSSARY. */
export interface PostureInfoRecord {
  id: string;
  hostId: string | null;
  controlId: string | null;
  technologyId: string | null;
  instance: string | null;
  /** Passed, Failed, Error. */
  status: string | null;
  previousStatus: string | null;
  postureModifiedDate: Date | null;
  firstFailDate: Date | null;
  lastFailDate: Date | null;
  firstPassDate: Date | null;
  lastPassDate: Date | null;
  evidence: string | null;
  remediation: string | null;
  causeOfFailure: string | null;
}

export interface PostureInfoGlossary {
  hosts: {
    id: string | null;
    ip: string | null;
    dns: string | null;
    netbios: string | null;
    os: string | null;
  }[];
  controls: ControlRecord[];
  technologies: { id: string | null; name: string | null }[];
}
