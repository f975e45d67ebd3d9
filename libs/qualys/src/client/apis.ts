import type { QualysApiVersions } from './config';
import type { QualysParams } from './params';

/**
 * Every Qualys endpoint the product calls. Qualys counts rate and concurrency limits per
 * endpoint, so the key doubles as the budget key: policy list and policy export share one
 * endpoint and one budget, scan launch and scan list another.
 */
export const QUALYS_APIS = {
  knowledgeBase: { family: 'classic', version: 'knowledgeBase', path: 'fo/knowledge_base/vuln/' },
  qvs: { family: 'classic', version: 'qvs', path: 'fo/knowledge_base/qvs/' },
  hostList: { family: 'classic', version: 'hostList', path: 'fo/asset/host/' },
  hostDetection: {
    family: 'classic',
    version: 'hostDetection',
    path: 'fo/asset/host/vm/detection/',
  },
  compliancePolicy: { family: 'classic', version: 'compliance', path: 'fo/compliance/policy/' },
  complianceControl: { family: 'classic', version: 'compliance', path: 'fo/compliance/control/' },
  compliancePosture: {
    family: 'classic',
    version: 'compliance',
    path: 'fo/compliance/posture/info/',
  },
  scan: { family: 'classic', version: 'scan', path: 'fo/scan/' },
  pcrsAuth: { family: 'pcrsAuth', version: 'pcrs', path: 'auth' },
  pcrsPolicyList: { family: 'pcrs', version: 'pcrs', path: 'posture/policy/list' },
  pcrsHostIds: { family: 'pcrs', version: 'pcrs', path: 'posture/hostids' },
  pcrsPostureInfo: { family: 'pcrs', version: 'pcrs', path: 'posture/postureInfo' },
} as const satisfies Record<string, QualysApiDefinition>;

interface QualysApiDefinition {
  /** classic = Basic auth on the platform URL; pcrs = bearer token on the gateway. */
  family: 'classic' | 'pcrs' | 'pcrsAuth';
  version: keyof QualysApiVersions;
  path: string;
}

export type QualysApiName = keyof typeof QUALYS_APIS;
export type QualysApiFamily = QualysApiDefinition['family'];

/** PCRS resolves host ids for at most this many policies per call. */
export const PCRS_MAX_POLICIES_PER_CALL = 10;

/** One request as the client should send it; the builders in `qualysCalls` make these. */
export interface QualysCall {
  readonly api: QualysApiName;
  readonly method: 'GET' | 'POST';
  /** Classic APIs: the form body (POST) or query (GET). PCRS: always the query string. */
  readonly params: QualysParams;
  /** PCRS postureInfo only: the JSON body. */
  readonly json?: unknown;
}

/** Path of an API on its host, with the version configured for the source. */
export function apiPath(api: QualysApiName, versions: QualysApiVersions): string {
  const definition: QualysApiDefinition = QUALYS_APIS[api];
  const version = versions[definition.version];
  switch (definition.family) {
    case 'classic':
      return `/api/${version}/${definition.path}`;
    case 'pcrs':
      return `/pcrs/${version}/${definition.path}`;
    case 'pcrsAuth':
      return `/${definition.path}`;
  }
}

export function apiFamily(api: QualysApiName): QualysApiFamily {
  const definition: QualysApiDefinition = QUALYS_APIS[api];
  return definition.family;
}

/** A PCRS host-id set: one entry of the host-ids answer, and of the postureInfo body. */
export interface PcrsHostIdSet {
  policyId: string;
  subscriptionId: string | null;
  hostIds: readonly string[];
}

// Classic list calls are POSTed: Qualys accepts both verbs, and a form body never hits the
// URI length limit that long id, QID or CVE lists run into.
function classicList(api: QualysApiName, params: QualysParams): QualysCall {
  return { api, method: 'POST', params: { action: 'list', ...params } };
}

/**
 * Builders for every call the product makes. Parameters are Qualys' own names (see
 * docs/qualys-client.md); dates may be given as `Date` and are sent in UTC.
 */
export const qualysCalls = {
  knowledgeBase: (params: QualysParams = {}): QualysCall => classicList('knowledgeBase', params),

  /** QVS for a list of CVE ids; `details` defaults to All (contributing factors included). */
  qvs: (cves: readonly string[], params: QualysParams = {}): QualysCall =>
    classicList('qvs', { details: 'All', ...params, cve: cves }),

  hostList: (params: QualysParams = {}): QualysCall => classicList('hostList', params),

  hostDetection: (params: QualysParams = {}): QualysCall => classicList('hostDetection', params),

  policyList: (params: QualysParams = {}): QualysCall => classicList('compliancePolicy', params),

  policyExport: (policyId: string | number, params: QualysParams = {}): QualysCall => ({
    api: 'compliancePolicy',
    method: 'POST',
    params: { action: 'export', id: policyId, ...params },
  }),

  controlList: (params: QualysParams = {}): QualysCall => classicList('complianceControl', params),

  postureInfo: (params: QualysParams = {}): QualysCall => classicList('compliancePosture', params),

  scanLaunch: (params: QualysParams): QualysCall => ({
    api: 'scan',
    method: 'POST',
    params: { action: 'launch', ...params },
  }),

  scanList: (params: QualysParams = {}): QualysCall => classicList('scan', params),

  pcrsPolicyList: (params: QualysParams = {}): QualysCall => ({
    api: 'pcrsPolicyList',
    method: 'GET',
    params,
  }),

  /** Host ids per policy; PCRS takes at most 10 policy ids per call. */
  pcrsHostIds: (policyIds: readonly (string | number)[], params: QualysParams = {}): QualysCall => {
    if (policyIds.length === 0 || policyIds.length > PCRS_MAX_POLICIES_PER_CALL) {
      throw new RangeError(
        `PCRS host ids take 1 to ${PCRS_MAX_POLICIES_PER_CALL} policy ids per call, ` +
          `not ${policyIds.length}`,
      );
    }
    return { api: 'pcrsHostIds', method: 'GET', params: { ...params, policyId: policyIds } };
  },

  /** Posture records for host-id sets (the `pcrsHostIds` answer, possibly split). */
  pcrsPostureInfo: (sets: readonly PcrsHostIdSet[], params: QualysParams = {}): QualysCall => ({
    api: 'pcrsPostureInfo',
    method: 'POST',
    params,
    json: sets.map(({ policyId, subscriptionId, hostIds }) =>
      subscriptionId === null ? { policyId, hostIds } : { policyId, subscriptionId, hostIds },
    ),
  }),
} as const;
