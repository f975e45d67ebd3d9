import { createSourcesClient } from '@exposure-graph/grpc';
import type { Logger } from '@exposure-graph/logging';
import { z } from 'zod';

import {
  grpcSourceDirectory,
  type SourceConnection,
  type SourceDirectory,
  staticSourceDirectory,
} from './source-directory';

const connectionSchema = z.object({
  sourceId: z.string().min(1),
  name: z.string().min(1),
  apiBaseUrl: z.url({ protocol: /^https?$/ }),
  pcrsGatewayUrl: z
    .url({ protocol: /^https?$/ })
    .nullable()
    .default(null),
  username: z.string().min(1),
  password: z.string().min(1),
  apiVersions: z.record(z.string(), z.string()).default({}),
});

/**
 * Where an importing service finds its sources: the control plane's internal gRPC address
 * (the normal case), or `QUALYS_SOURCES`, a JSON array of connections for a service run on its
 * own. Problems name the field, never the value: the value holds passwords.
 */
export const sourceDirectoryEnvironment = {
  SOURCES_GRPC_ADDRESS: z
    .string()
    .regex(/^[\w.-]+:\d+$/, 'must be host:port')
    .optional(),
  QUALYS_SOURCES: z
    .string()
    .default('[]')
    .transform((value, context): SourceConnection[] => {
      let json: unknown;
      try {
        json = JSON.parse(value);
      } catch {
        context.addIssue({ code: 'custom', message: 'must be a JSON array of sources' });
        return z.NEVER;
      }
      const parsed = z.array(connectionSchema).safeParse(json);
      if (!parsed.success) {
        const [issue] = parsed.error.issues;
        const where = issue?.path.map(String).join('.') ?? '';
        context.addIssue({
          code: 'custom',
          message: `${where}: ${issue?.message ?? 'is invalid'}`,
        });
        return z.NEVER;
      }
      return parsed.data;
    }),
};

export interface ConfiguredSourceDirectory {
  directory: SourceDirectory;
  close: () => Promise<void>;
}

/** The directory the configuration asks for; gRPC wins when both are given. */
export function createSourceDirectory(
  config: { SOURCES_GRPC_ADDRESS?: string | undefined; QUALYS_SOURCES: SourceConnection[] },
  logger: Logger,
): ConfiguredSourceDirectory {
  if (config.SOURCES_GRPC_ADDRESS) {
    const client = createSourcesClient(config.SOURCES_GRPC_ADDRESS, { logger });
    return {
      directory: grpcSourceDirectory(client),
      close: async () => await Promise.resolve(client.close()),
    };
  }
  return {
    directory: staticSourceDirectory(config.QUALYS_SOURCES),
    close: async () => await Promise.resolve(),
  };
}
