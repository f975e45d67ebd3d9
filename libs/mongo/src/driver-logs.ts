import type { Logger } from '@exposure-graph/logging';
import type { MongoClientOptions } from 'mongodb';

/**
 * Sends the driver's own structured log records to our pino stream at warn level and above,
 * so connection and topology trouble shows up in the same JSON lines as everything else.
 */
export function routeDriverLogs(
  logger: Logger,
): Pick<MongoClientOptions, 'mongodbLogPath' | 'mongodbLogComponentSeverities'> {
  const driverLog = logger.child({ component: 'mongodb-driver' });
  return {
    mongodbLogPath: {
      write: (record: Record<string, unknown>) => {
        const { s: severity, c: component, message, ...details } = record;
        const level = severity === 'error' || severity === 'emergency' ? 'error' : 'warn';
        driverLog[level]({ driverComponent: component, details }, String(message));
      },
    },
    mongodbLogComponentSeverities: { default: 'warn' },
  };
}
