import { createServiceClient, type GrpcClientOptions } from './client';
import { type MessageSpec, optional, scalar, stringMap } from './messages';
import {
  type CallOptions,
  type GrpcServiceImplementation,
  implementService,
  type MethodSpec,
  type ServiceSpec,
  type UnaryHandler,
  unaryMethod,
} from './services';

// Messages of proto/integrations.proto (package exposuregraph.integrations.v1).
//
// INTERNAL ONLY: a SourceConnection carries Qualys credentials. The service must be reachable
// only from inside the cluster, and its answers are never logged (docs/grpc.md).

export interface GetSourceConnectionRequest {
  sourceId: string;
}

/** What an importing service needs to call one Qualys deployment. */
export interface SourceConnection {
  sourceId: string;
  name: string;
  /** Platform API base URL, e.g. https://qualysapi.qg2.apps.qualys.com */
  apiBaseUrl: string;
  /** PCRS gateway URL; null when the source does not use PCRS. */
  pcrsGatewayUrl: string | null;
  username: string;
  password: string;
  /** API version per endpoint family (knowledgeBase, hostDetection...); absent = default. */
  apiVersions: Record<string, string>;
  enabled: boolean;
}

export const GET_SOURCE_CONNECTION_REQUEST: MessageSpec<GetSourceConnectionRequest> = {
  name: 'exposuregraph.integrations.v1.GetSourceConnectionRequest',
  fields: { sourceId: scalar('string') },
};

export const SOURCE_CONNECTION: MessageSpec<SourceConnection> = {
  name: 'exposuregraph.integrations.v1.SourceConnection',
  fields: {
    sourceId: scalar('string'),
    name: scalar('string'),
    apiBaseUrl: scalar('string'),
    pcrsGatewayUrl: optional('string'),
    username: scalar('string'),
    password: scalar('string'),
    apiVersions: stringMap(),
    enabled: scalar('bool'),
  },
};

export const SOURCES_SERVICE: ServiceSpec<{
  getSourceConnection: MethodSpec<GetSourceConnectionRequest, SourceConnection>;
}> = {
  name: 'exposuregraph.integrations.v1.Sources',
  methods: {
    getSourceConnection: unaryMethod(
      'GetSourceConnection',
      GET_SOURCE_CONNECTION_REQUEST,
      SOURCE_CONNECTION,
    ),
  },
};

export interface SourcesHandlers {
  getSourceConnection: UnaryHandler<GetSourceConnectionRequest, SourceConnection>;
}

export interface SourcesClient {
  getSourceConnection: (
    request: GetSourceConnectionRequest,
    options?: CallOptions,
  ) => Promise<SourceConnection>;
  close: () => void;
}

/** The Sources service served by `handlers`, for `startGrpcServer`. Internal traffic only. */
export function sourcesService(handlers: SourcesHandlers): GrpcServiceImplementation {
  return implementService(SOURCES_SERVICE, handlers);
}

/** A client of the integrations service's Sources at `address` (host:port). */
export function createSourcesClient(address: string, options: GrpcClientOptions): SourcesClient {
  return createServiceClient(SOURCES_SERVICE, address, options);
}
