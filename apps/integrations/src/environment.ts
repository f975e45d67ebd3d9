import {
  graphqlEnvironment,
  httpEnvironment,
  kafkaEnvironment,
  logEnvironment,
  mongoEnvironment,
  parseEnvironment,
  port,
} from '@exposure-graph/config';
import { z } from 'zod';

import { parseCredentialKeys } from './credentials/credential-cipher';

export const SERVICE_NAME = 'integrations';

const shape = {
  ...logEnvironment,
  ...kafkaEnvironment,
  ...mongoEnvironment,
  ...httpEnvironment,
  ...graphqlEnvironment,
  PORT: port.default(4001),
  /** Internal gRPC port: source connections for the importing services. */
  GRPC_PORT: port.default(50051),
  MONGODB_DATABASE: z.string().min(1).default('exposure_integrations'),
  RUN_REPORT_RETENTION_DAYS: z.coerce.number().int().min(30).default(30),
  /** Keys sealing Qualys credentials: `id:base64key,...`, current key first (32 bytes each). */
  CREDENTIALS_KEYS: z
    .string({ message: 'is required (id:<32 random bytes in base64>, current key first)' })
    .min(1)
    .transform((value, context) => {
      try {
        return parseCredentialKeys(value);
      } catch (error) {
        context.addIssue({ code: 'custom', message: (error as Error).message });
        return z.NEVER;
      }
    }),
};

export type IntegrationsEnvironment = ReturnType<typeof loadEnvironment>;

export function loadEnvironment(env: Record<string, string | undefined> = process.env) {
  return parseEnvironment(SERVICE_NAME, shape, env);
}
