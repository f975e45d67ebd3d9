import { z } from 'zod';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** A TCP port given as an environment string. */
export const port = z.coerce.number().int().min(0).max(65535);

/** `true`/`false`/`1`/`0` as an environment string. */
export const envBoolean = z
  .enum(['true', 'false', '1', '0'], { message: 'must be one of true, false, 1, 0' })
  .transform(value => value === 'true' || value === '1');

/** A comma-separated list, trimmed, without empty entries. */
export const commaList = z
  .string()
  .transform(value =>
    value
      .split(',')
      .map(item => item.trim())
      .filter(item => item.length > 0),
  )
  .refine(items => items.length > 0, 'must list at least one value');

export const logEnvironment = {
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
};

export const kafkaEnvironment = {
  KAFKA_BROKERS: commaList,
  KAFKA_TOPIC_PREFIX: z.string().default(''),
};

export const mongoEnvironment = {
  MONGODB_URI: z
    .string()
    .regex(/^mongodb(\+srv)?:\/\/\S+$/, 'must be a mongodb:// or mongodb+srv:// URI'),
};

export const httpEnvironment = {
  HOST: z.string().min(1).default('127.0.0.1'),
};

/** Query limits and development mode of a GraphQL server (gateway or subgraph). */
export const graphqlEnvironment = {
  GRAPHQL_MAX_DEPTH: z.coerce.number().int().min(2).default(12),
  GRAPHQL_MAX_ALIASES: z.coerce.number().int().min(0).default(15),
  GRAPHQL_MAX_COST: z.coerce.number().int().min(10).default(5000),
  GRAPHQL_MAX_TOKENS: z.coerce.number().int().min(50).default(2000),
  /** Introspection, the landing page and stack traces in errors; never in production. */
  GRAPHQL_DEVELOPMENT: envBoolean.default(false),
};
