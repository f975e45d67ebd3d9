/** PCRS (posture streaming, JSON) records; every id is normalised to a string. */
export interface PcrsPolicyRecord {
  id: string;
  title: string | null;
  createdBy: string | null;
  createdDate: Date | null;
  modifiedBy: string | null;
  modifiedDate: Date | null;
  lastEvaluatedDate: Date | null;
  /** active / inactive. */
  status: string | null;
  locked: boolean | null;
}

/** One element of the hostids answer: the hosts evaluated against a policy. */
export interface PcrsPolicyHostIds {
  policyId: string;
  subscriptionId: string | null;
  hostIds: string[];
}

/**
 * One posture record. Confirmed names (id, instance, policyId, policyTitle, netBios,
 * controlId, controlStatement, rationale, hostId, status) are mapped; the rest of what the
 * service sends (field names not confirmed publicly) is kept verbatim in `extra`.
 */
export interface PcrsPostureRecord {
  id: string;
  hostId: string | null;
  policyId: string | null;
  policyTitle: string | null;
  controlId: string | null;
  controlStatement: string | null;
  rationale: string | null;
  instance: string | null;
  netBios: string | null;
  /** Passed, Failed, Error... */
  status: string | null;
  postureModifiedDate: Date | null;
  firstFailDate: Date | null;
  lastFailDate: Date | null;
  firstPassDate: Date | null;
  lastPassDate: Date | null;
  extra: Record<string, unknown>;
}
