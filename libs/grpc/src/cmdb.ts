import { createServiceClient, type GrpcClientOptions } from './client';
import {
  type MessageSpec,
  optional,
  repeated,
  repeatedMessage,
  scalar,
  timestamp,
} from './messages';
import {
  type CallOptions,
  type GrpcServiceImplementation,
  implementService,
  type MethodSpec,
  type ServiceSpec,
  type UnaryHandler,
  unaryMethod,
} from './services';

// Messages of proto/cmdb.proto (package exposuregraph.cmdb.v1).

/** One sighting of a host by one Qualys source. */
export interface HostObservation {
  /** Exposure Graph's id of the Qualys source (deployment). */
  sourceId: string;
  /** Qualys host id, unique within one source only. */
  qualysHostId: string;
  /** Qualys asset id (ASSET_ID). */
  assetId: string | null;
  /** Cloud agent id (QG_HOSTID). */
  agentId: string | null;
  /** AWS, AZURE or GCP. */
  cloudProvider: string | null;
  cloudInstanceId: string | null;
  cloudAccountId: string | null;
  fqdn: string | null;
  netbios: string | null;
  ipv4: string[];
  ipv6: string[];
  /** Qualys network id: the partition in which an IP is unique. */
  networkId: string | null;
  os: string | null;
  /** IP, DNS, NETBIOS, AGENT, EC2, AZURE, GCP... */
  trackingMethod: string | null;
  /** When the source saw the host (last scan or agent check-in). */
  observedAt: Date | null;
}

export interface IdentifyResponse {
  ciId: string;
  /** The identification rule that found an existing CI; null when the CI was created. */
  matchedRule: string | null;
  created: boolean;
}

export interface GetCisRequest {
  ids: string[];
}

export interface ConfigurationItem {
  id: string;
  name: string;
  /** server, workstation, network device, cloud instance... */
  class: string;
  fqdn: string | null;
  ips: string[];
  os: string | null;
  /** Business criticality, 1 (lowest) to 5 (highest). */
  criticality: number;
}

export interface GetCisResponse {
  cis: ConfigurationItem[];
  /** Ids asked for that the CMDB does not hold. */
  unknownIds: string[];
}

export const HOST_OBSERVATION: MessageSpec<HostObservation> = {
  name: 'exposuregraph.cmdb.v1.HostObservation',
  fields: {
    sourceId: scalar('string'),
    qualysHostId: scalar('string'),
    assetId: optional('string'),
    agentId: optional('string'),
    cloudProvider: optional('string'),
    cloudInstanceId: optional('string'),
    cloudAccountId: optional('string'),
    fqdn: optional('string'),
    netbios: optional('string'),
    ipv4: repeated('string'),
    ipv6: repeated('string'),
    networkId: optional('string'),
    os: optional('string'),
    trackingMethod: optional('string'),
    observedAt: timestamp(),
  },
};

export const IDENTIFY_RESPONSE: MessageSpec<IdentifyResponse> = {
  name: 'exposuregraph.cmdb.v1.IdentifyResponse',
  fields: {
    ciId: scalar('string'),
    matchedRule: optional('string'),
    created: scalar('bool'),
  },
};

export const GET_CIS_REQUEST: MessageSpec<GetCisRequest> = {
  name: 'exposuregraph.cmdb.v1.GetCisRequest',
  fields: { ids: repeated('string') },
};

export const CONFIGURATION_ITEM: MessageSpec<ConfigurationItem> = {
  name: 'exposuregraph.cmdb.v1.ConfigurationItem',
  fields: {
    id: scalar('string'),
    name: scalar('string'),
    class: scalar('string'),
    fqdn: optional('string'),
    ips: repeated('string'),
    os: optional('string'),
    criticality: scalar('int32'),
  },
};

export const GET_CIS_RESPONSE: MessageSpec<GetCisResponse> = {
  name: 'exposuregraph.cmdb.v1.GetCisResponse',
  fields: {
    cis: repeatedMessage(CONFIGURATION_ITEM),
    unknownIds: repeated('string'),
  },
};

export const CMDB_SERVICE: ServiceSpec<{
  identify: MethodSpec<HostObservation, IdentifyResponse>;
  getCis: MethodSpec<GetCisRequest, GetCisResponse>;
}> = {
  name: 'exposuregraph.cmdb.v1.Cmdb',
  methods: {
    identify: unaryMethod('Identify', HOST_OBSERVATION, IDENTIFY_RESPONSE),
    getCis: unaryMethod('GetCis', GET_CIS_REQUEST, GET_CIS_RESPONSE),
  },
};

/** CI ids per GetCis call a caller should not exceed. */
export const MAX_CI_IDS_PER_CALL = 1_000;

export interface CmdbHandlers {
  identify: UnaryHandler<HostObservation, IdentifyResponse>;
  getCis: UnaryHandler<GetCisRequest, GetCisResponse>;
}

export interface CmdbClient {
  identify: (observation: HostObservation, options?: CallOptions) => Promise<IdentifyResponse>;
  getCis: (request: GetCisRequest, options?: CallOptions) => Promise<GetCisResponse>;
  close: () => void;
}

/** The Cmdb service served by `handlers`, for `startGrpcServer`. */
export function cmdbService(handlers: CmdbHandlers): GrpcServiceImplementation {
  return implementService(CMDB_SERVICE, handlers);
}

/** A client of the cmdb-reconciliation service at `address` (host:port). */
export function createCmdbClient(address: string, options: GrpcClientOptions): CmdbClient {
  return createServiceClient(CMDB_SERVICE, address, options);
}
