import {
  graphqlEnvironment,
  httpEnvironment,
  logEnvironment,
  parseEnvironment,
  port,
} from '@exposure-graph/config';
import { z } from 'zod';

export const SERVICE_NAME = 'gateway';

const shape = {
  ...logEnvironment,
  ...httpEnvironment,
  ...graphqlEnvironment,
  PORT: port.default(4000),
  /** How long the gateway waits for a subgraph's answer before failing that part. */
  SUBGRAPH_TIMEOUT_MS: z.coerce.number().int().min(100).default(30000),
  SUPERGRAPH_PATH: z.string().min(1).optional(),
};

export type GatewayEnvironment = ReturnType<typeof loadEnvironment>;

/**
 * Subgraph URLs default to those in the supergraph file; `SUBGRAPH_URL_<NAME>` (name upper-cased,
 * dashes as underscores) overrides one, e.g. SUBGRAPH_URL_KNOWLEDGE_BASE.
 */
export function loadEnvironment(env: Record<string, string | undefined> = process.env) {
  const config = parseEnvironment(SERVICE_NAME, shape, env);
  const subgraphUrls = Object.fromEntries(
    Object.entries(env)
      .filter(([name, value]) => name.startsWith('SUBGRAPH_URL_') && value)
      .map(([name, value]) => [name.slice('SUBGRAPH_URL_'.length), String(value)]),
  );
  return { ...config, subgraphUrls };
}
