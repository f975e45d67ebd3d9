/** A service process of the system, in start order. */
export interface ServiceDefinition {
  name: string;
  /** Entry point, relative to the workspace root. */
  entry: string;
  port: number;
  /** Settings of this service only, on top of the shared environment. */
  env: Record<string, string>;
}

export interface SystemPorts {
  gateway: number;
  integrations: number;
  /** Internal gRPC of the control plane: source connections for the importing services. */
  integrationsGrpc: number;
}

export const DEFAULT_PORTS: SystemPorts = {
  gateway: 4000,
  integrations: 4001,
  integrationsGrpc: 50051,
};

export interface SystemOptions {
  ports: SystemPorts;
  /** Prefix of every service's database name, e.g. `exposure_`. */
  databasePrefix: string;
  /** `CREDENTIALS_KEYS` of the control plane, which seals Qualys credentials. */
  credentialsKeys: string;
}

/** The whole system: every subgraph first, the gateway last (it needs them to answer). */
export function systemServices(options: SystemOptions): ServiceDefinition[] {
  const { ports, databasePrefix } = options;
  return [
    {
      name: 'integrations',
      entry: 'apps/integrations/src/main.ts',
      port: ports.integrations,
      env: {
        PORT: String(ports.integrations),
        GRPC_PORT: String(ports.integrationsGrpc),
        MONGODB_DATABASE: `${databasePrefix}integrations`,
        CREDENTIALS_KEYS: options.credentialsKeys,
      },
    },
    {
      name: 'gateway',
      entry: 'apps/gateway/src/main.ts',
      port: ports.gateway,
      env: {
        PORT: String(ports.gateway),
        SUBGRAPH_URL_INTEGRATIONS: `http://127.0.0.1:${ports.integrations}/graphql`,
      },
    },
  ];
}
