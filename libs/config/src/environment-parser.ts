import { z } from 'zod';

/** Thrown at start-up when the environment does not satisfy a service's schema. */
export class ConfigError extends Error {
  readonly code = 'CONFIG_INVALID';

  constructor(
    readonly service: string,
    readonly problems: readonly string[],
  ) {
    super(`Invalid configuration for ${service}:\n${problems.map(p => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Environment = Record<string, string | undefined>;

/**
 * Validates the environment against a zod object schema and returns the typed configuration.
 * Every bad variable is reported at once, one line each, so an operator fixes them in one go.
 */
export function parseEnvironment<Shape extends z.ZodRawShape>(
  service: string,
  shape: Shape,
  env: Environment = process.env,
): z.infer<z.ZodObject<Shape>> {
  const result = z.object(shape).safeParse(env);
  if (result.success) {
    return result.data;
  }

  const problems = result.error.issues.map(describeIssue);
  throw new ConfigError(service, problems);
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const variable = issue.path.map(String).join('.') || '(environment)';
  if (issue.code === 'invalid_type' && issue.input === undefined) {
    return `${variable} is required`;
  }
  return `${variable}: ${issue.message}`;
}
