import {
  type sendUnaryData,
  type Server,
  type ServerUnaryCall,
  type ServerWritableStream,
  status as grpcStatus,
} from '@grpc/grpc-js';

import { createServiceClient, type GrpcClientOptions } from './client';
import { enumeration, type MessageSpec, scalar } from './messages';
import { serviceDefinition } from './protos';
import { type CallOptions, type MethodSpec, type ServiceSpec, unaryMethod } from './services';

/** Statuses of the standard health protocol (grpc.health.v1). */
export const SERVING_STATUSES = {
  unknown: 'UNKNOWN',
  serving: 'SERVING',
  notServing: 'NOT_SERVING',
  /** Only sent by Watch, for a service the server does not know (yet). */
  serviceUnknown: 'SERVICE_UNKNOWN',
} as const;

export type ServingStatus = (typeof SERVING_STATUSES)[keyof typeof SERVING_STATUSES];

export interface HealthCheckRequest {
  /** A fully qualified service name, or '' for the server as a whole. */
  service: string;
}

export interface HealthCheckResponse {
  status: ServingStatus;
}

export const HEALTH_CHECK_REQUEST: MessageSpec<HealthCheckRequest> = {
  name: 'grpc.health.v1.HealthCheckRequest',
  fields: { service: scalar('string') },
};

export const HEALTH_CHECK_RESPONSE: MessageSpec<HealthCheckResponse> = {
  name: 'grpc.health.v1.HealthCheckResponse',
  fields: { status: enumeration('ServingStatus') },
};

/** The unary part of grpc.health.v1.Health, for clients; Watch is served but not wrapped. */
export const HEALTH_SERVICE: ServiceSpec<{
  check: MethodSpec<HealthCheckRequest, HealthCheckResponse>;
}> = {
  name: 'grpc.health.v1.Health',
  methods: { check: unaryMethod('Check', HEALTH_CHECK_REQUEST, HEALTH_CHECK_RESPONSE) },
};

export interface HealthClient {
  /** NOT_FOUND for a service the server does not know. */
  check: (request: HealthCheckRequest, options?: CallOptions) => Promise<HealthCheckResponse>;
  close: () => void;
}

/** A client of any server's health service (readiness checks, tests, tools). */
export function createHealthClient(address: string, options: GrpcClientOptions): HealthClient {
  return createServiceClient(HEALTH_SERVICE, address, options);
}

/** The serving status a gRPC server reports, per service. */
export interface HealthService {
  /** '' is the server as a whole. */
  setStatus: (service: string, status: ServingStatus) => void;
  getStatus: (service: string) => ServingStatus | undefined;
}

/** What the server needs beyond the public surface: adding itself and ending watches. */
export interface ServerHealthService extends HealthService {
  register: (server: Server) => void;
  /** Every service turns NOT_SERVING and open watches end, so a graceful stop is not held. */
  shutdown: () => void;
}

type Watch = ServerWritableStream<HealthCheckRequest, HealthCheckResponse>;

export function createHealthService(): ServerHealthService {
  const statuses = new Map<string, ServingStatus>();
  const watches = new Map<Watch, string>();

  const notify = (service: string, status: ServingStatus): void => {
    for (const [call, watched] of watches) {
      if (watched === service) {
        call.write({ status });
      }
    }
  };

  const setStatus = (service: string, status: ServingStatus): void => {
    if (statuses.get(service) !== status) {
      statuses.set(service, status);
      notify(service, status);
    }
  };

  const check = (
    call: ServerUnaryCall<HealthCheckRequest, HealthCheckResponse>,
    callback: sendUnaryData<HealthCheckResponse>,
  ): void => {
    const status = statuses.get(call.request.service);
    if (status === undefined) {
      callback({ code: grpcStatus.NOT_FOUND, details: `Unknown service ${call.request.service}` });
    } else {
      callback(null, { status });
    }
  };

  const watch = (call: Watch): void => {
    const service = call.request.service;
    watches.set(call, service);
    call.once('cancelled', () => watches.delete(call));
    call.write({ status: statuses.get(service) ?? SERVING_STATUSES.serviceUnknown });
  };

  return {
    setStatus,
    getStatus: service => statuses.get(service),
    register: server => {
      server.addService(serviceDefinition(HEALTH_SERVICE.name), { Check: check, Watch: watch });
    },
    shutdown: () => {
      for (const service of statuses.keys()) {
        setStatus(service, SERVING_STATUSES.notServing);
      }
      for (const call of watches.keys()) {
        call.end();
      }
      watches.clear();
    },
  };
}
