import {
  GRPC_CODES,
  GrpcError,
  type GrpcServiceImplementation,
  sourcesService,
} from '@exposure-graph/grpc';

import { SOURCE_ERROR_CODES, SourceError } from './source';
import type { SourceService } from './source-service';

/**
 * `Sources.GetSourceConnection` for the importing services. It hands out credentials, so it is
 * served on the internal gRPC port only, never through the gateway (docs/grpc.md).
 */
export function sourcesGrpcService(sources: SourceService): GrpcServiceImplementation {
  return sourcesService({
    getSourceConnection: async request => {
      try {
        return await sources.connection(request.sourceId);
      } catch (error) {
        throw asGrpcError(error);
      }
    },
  });
}

function asGrpcError(error: unknown): unknown {
  if (!(error instanceof SourceError)) {
    return error;
  }
  const code =
    error.code === SOURCE_ERROR_CODES.notFound
      ? GRPC_CODES.notFound
      : GRPC_CODES.failedPrecondition;
  return new GrpcError(code, error.message, { cause: error });
}
