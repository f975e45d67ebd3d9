import { createServiceClient, type GrpcClientOptions } from './client';
import { type MessageSpec, optional, repeated, repeatedMessage, scalar } from './messages';
import {
  type CallOptions,
  type GrpcServiceImplementation,
  implementService,
  type MethodSpec,
  type ServiceSpec,
  type UnaryHandler,
  unaryMethod,
} from './services';

// Messages of proto/knowledge_base.proto (package exposuregraph.knowledge_base.v1).

export interface GetVulnerabilitiesRequest {
  /** QIDs as strings, exactly as Qualys writes them (leading zeros kept). */
  qids: string[];
}

/** The catalogue's record of one QID, as the risk scorer needs it. */
export interface Vulnerability {
  qid: string;
  /** Qualys severity level 1-5; null while the QID is pending. */
  severity: number | null;
  title: string | null;
  /** null when Qualys gave no CVSS v2 score, which is not the same as 0.0. */
  cvssV2Base: number | null;
  cvssV2Vector: string | null;
  cvssV3Base: number | null;
  cvssV3Vector: string | null;
  /** "3.0" or "3.1". */
  cvssV3Version: string | null;
  cvssV4Base: number | null;
  cvssV4Vector: string | null;
  cvssV4Version: string | null;
  cveIds: string[];
  patchable: boolean | null;
  /** Threat intelligence labels: Exploit_Public, Easy_Exploit, Malware, Active_Attacks... */
  threatIntelligence: string[];
  /** A placeholder for a QID seen in detections before the KB returned it. */
  pending: boolean;
}

export interface GetVulnerabilitiesResponse {
  vulnerabilities: Vulnerability[];
  /** QIDs asked for that the catalogue does not hold at all. */
  unknownQids: string[];
}

export const GET_VULNERABILITIES_REQUEST: MessageSpec<GetVulnerabilitiesRequest> = {
  name: 'exposuregraph.knowledge_base.v1.GetVulnerabilitiesRequest',
  fields: { qids: repeated('string') },
};

export const VULNERABILITY: MessageSpec<Vulnerability> = {
  name: 'exposuregraph.knowledge_base.v1.Vulnerability',
  fields: {
    qid: scalar('string'),
    severity: optional('int32'),
    title: optional('string'),
    cvssV2Base: optional('double'),
    cvssV2Vector: optional('string'),
    cvssV3Base: optional('double'),
    cvssV3Vector: optional('string'),
    cvssV3Version: optional('string'),
    cvssV4Base: optional('double'),
    cvssV4Vector: optional('string'),
    cvssV4Version: optional('string'),
    cveIds: repeated('string'),
    patchable: optional('bool'),
    threatIntelligence: repeated('string'),
    pending: scalar('bool'),
  },
};

export const GET_VULNERABILITIES_RESPONSE: MessageSpec<GetVulnerabilitiesResponse> = {
  name: 'exposuregraph.knowledge_base.v1.GetVulnerabilitiesResponse',
  fields: {
    vulnerabilities: repeatedMessage(VULNERABILITY),
    unknownQids: repeated('string'),
  },
};

export const KNOWLEDGE_BASE_SERVICE: ServiceSpec<{
  getVulnerabilities: MethodSpec<GetVulnerabilitiesRequest, GetVulnerabilitiesResponse>;
}> = {
  name: 'exposuregraph.knowledge_base.v1.KnowledgeBase',
  methods: {
    getVulnerabilities: unaryMethod(
      'GetVulnerabilities',
      GET_VULNERABILITIES_REQUEST,
      GET_VULNERABILITIES_RESPONSE,
    ),
  },
};

/** QIDs per GetVulnerabilities call a caller should not exceed (keeps answers far below 4 MiB). */
export const MAX_QIDS_PER_CALL = 1_000;

export interface KnowledgeBaseHandlers {
  getVulnerabilities: UnaryHandler<GetVulnerabilitiesRequest, GetVulnerabilitiesResponse>;
}

export interface KnowledgeBaseClient {
  getVulnerabilities: (
    request: GetVulnerabilitiesRequest,
    options?: CallOptions,
  ) => Promise<GetVulnerabilitiesResponse>;
  close: () => void;
}

/** The KnowledgeBase service served by `handlers`, for `startGrpcServer`. */
export function knowledgeBaseService(handlers: KnowledgeBaseHandlers): GrpcServiceImplementation {
  return implementService(KNOWLEDGE_BASE_SERVICE, handlers);
}

/** A client of the knowledge-base service at `address` (host:port). */
export function createKnowledgeBaseClient(
  address: string,
  options: GrpcClientOptions,
): KnowledgeBaseClient {
  return createServiceClient(KNOWLEDGE_BASE_SERVICE, address, options);
}
