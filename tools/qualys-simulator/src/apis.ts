/** The APIs the simulator serves; limits, faults and counters are kept per API. */
export const API = {
  knowledgeBase: 'kb',
  qvs: 'qvs',
  hostList: 'host-list',
  hostDetection: 'host-detection',
  policy: 'policy',
  control: 'control',
  posture: 'posture',
  scan: 'scan',
  pcrsAuth: 'pcrs-auth',
  pcrsPolicyList: 'pcrs-policy-list',
  pcrsHostIds: 'pcrs-host-ids',
  pcrsPosture: 'pcrs-posture',
} as const;

export type ApiKey = (typeof API)[keyof typeof API];

interface FoRoute {
  api: ApiKey;
  versions: readonly string[];
  path: string;
}

/** Classic FO endpoints: `/api/<version>/fo/<path>/`, trailing slash optional. */
const FO_ROUTES: readonly FoRoute[] = [
  { api: API.knowledgeBase, versions: ['2.0', '3.0', '5.0'], path: 'knowledge_base/vuln' },
  { api: API.qvs, versions: ['2.0', '3.0'], path: 'knowledge_base/qvs' },
  { api: API.hostDetection, versions: ['2.0', '5.0'], path: 'asset/host/vm/detection' },
  { api: API.hostList, versions: ['2.0', '3.0', '5.0'], path: 'asset/host' },
  { api: API.policy, versions: ['2.0', '3.0'], path: 'compliance/policy' },
  { api: API.control, versions: ['2.0'], path: 'compliance/control' },
  { api: API.posture, versions: ['2.0'], path: 'compliance/posture/info' },
  { api: API.scan, versions: ['2.0'], path: 'scan' },
];

export interface MatchedFoRoute {
  api: ApiKey;
  version: string;
}

export function matchFoRoute(pathname: string): MatchedFoRoute | undefined {
  const match = /^\/api\/(\d\.\d)\/fo\/(.+?)\/?$/.exec(pathname);
  if (!match?.[1] || !match[2]) {
    return undefined;
  }
  const [, version, path] = match;
  const route = FO_ROUTES.find(r => r.path === path && r.versions.includes(version));
  return route ? { api: route.api, version } : undefined;
}

/** Root element of each XML list API (used for "no match" answers). */
export const XML_ROOTS: Partial<Record<ApiKey, string>> = {
  [API.knowledgeBase]: 'KNOWLEDGE_BASE_VULN_LIST_OUTPUT',
  [API.hostList]: 'HOST_LIST_OUTPUT',
  [API.hostDetection]: 'HOST_LIST_VM_DETECTION_OUTPUT',
  [API.policy]: 'POLICY_LIST_OUTPUT',
  [API.control]: 'CONTROL_LIST_OUTPUT',
  [API.posture]: 'POSTURE_INFO_LIST_OUTPUT',
  [API.scan]: 'SCAN_LIST_OUTPUT',
};
