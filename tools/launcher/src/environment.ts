import {
  kafkaEnvironment,
  logEnvironment,
  mongoEnvironment,
  parseEnvironment,
} from '@exposure-graph/config';

/** What the launcher needs: the stack's addresses, as tools/scripts/start.sh exports them. */
export function loadEnvironment(env: Record<string, string | undefined> = process.env) {
  return parseEnvironment(
    'launcher',
    { ...logEnvironment, ...kafkaEnvironment, ...mongoEnvironment },
    env,
  );
}

/** The launcher's own environment (PATH, HOME...), which child services inherit. */
export function inheritedEnvironment(): Record<string, string | undefined> {
  return { ...process.env };
}
