import {
  httpEnvironment,
  kafkaEnvironment,
  logEnvironment,
  mongoEnvironment,
  parseEnvironment,
  port,
} from '@exposure-graph/config';
import { z } from 'zod';

export const SERVICE_NAME = 'integrations';

const shape = {
  ...logEnvironment,
  ...kafkaEnvironment,
  ...mongoEnvironment,
  ...httpEnvironment,
  PORT: port.default(4001),
  MONGODB_DATABASE: z.string().min(1).default('exposure_integrations'),
};

export type IntegrationsEnvironment = ReturnType<typeof loadEnvironment>;

export function loadEnvironment(env: Record<string, string | undefined> = process.env) {
  return parseEnvironment(SERVICE_NAME, shape, env);
}
