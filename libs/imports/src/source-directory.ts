import type { SourcesClient } from '@exposure-graph/grpc';

/**
 * How a service reaches a Qualys source: the control plane (`integrations`) owns sources and
 * their credentials, and the importing services ask it for them when a run starts.
 */
export interface SourceConnection {
  sourceId: string;
  name: string;
  apiBaseUrl: string;
  pcrsGatewayUrl: string | null;
  username: string;
  password: string;
  /** API version per endpoint when a source overrides the defaults, e.g. { hostDetection: '5.0' }. */
  apiVersions: Record<string, string>;
}

export interface SourceDirectory {
  /** The source's connection; throws when the source is unknown or disabled. */
  get(sourceId: string): Promise<SourceConnection>;
}

/** A directory of fixed sources, for a single-source setup from configuration, and for tests. */
export function staticSourceDirectory(sources: readonly SourceConnection[]): SourceDirectory {
  const byId = new Map(sources.map(source => [source.sourceId, source]));
  return {
    get: async sourceId => {
      const source = byId.get(sourceId);
      if (!source) {
        throw new Error(`Unknown Qualys source ${sourceId}`);
      }
      return await Promise.resolve(source);
    },
  };
}

/** Sources held by the control plane, asked over its internal gRPC `Sources` service. */
export function grpcSourceDirectory(client: SourcesClient): SourceDirectory {
  return {
    get: async sourceId => {
      const { enabled, ...connection } = await client.getSourceConnection({ sourceId });
      if (!enabled) {
        throw new Error(`Qualys source "${connection.name}" (${sourceId}) is disabled`);
      }
      return connection;
    },
  };
}
