import {
  kafkaEnvironment,
  logEnvironment,
  mongoEnvironment,
  parseEnvironment,
  port,
} from '@exposure-graph/config';

import { DEFAULT_PORTS } from './services';

/**
 * What the launcher needs: the stack's addresses, as tools/scripts/start.sh exports them, and
 * the ports of the services when the defaults are taken.
 */
export function loadEnvironment(env: Record<string, string | undefined> = process.env) {
  return parseEnvironment(
    'launcher',
    {
      ...logEnvironment,
      ...kafkaEnvironment,
      ...mongoEnvironment,
      GATEWAY_PORT: port.default(DEFAULT_PORTS.gateway),
      INTEGRATIONS_PORT: port.default(DEFAULT_PORTS.integrations),
      INTEGRATIONS_GRPC_PORT: port.default(DEFAULT_PORTS.integrationsGrpc),
    },
    env,
  );
}

/** The launcher's own environment (PATH, HOME...), which child services inherit. */
export function inheritedEnvironment(): Record<string, string | undefined> {
  return { ...process.env };
}
