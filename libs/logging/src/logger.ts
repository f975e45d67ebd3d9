import { type DestinationStream, type Logger, pino, stdTimeFunctions } from 'pino';

export type { Logger };

/**
 * Paths whose values never reach a log line. Qualys credentials, bearer tokens and connection
 * strings travel through request and config objects, so they are censored wherever they sit.
 */
export const REDACTED_PATHS = [
  'password',
  'credentials',
  'authorization',
  'token',
  '*.password',
  '*.credentials',
  '*.authorization',
  '*.Authorization',
  '*.token',
  '*.*.password',
  '*.*.authorization',
  '*.*.Authorization',
  'headers.authorization',
  'req.headers.authorization',
];

export interface LoggerOptions {
  /** Name of the process (service or tool); becomes the `service` field of every line. */
  service: string;
  level?: string;
  destination?: DestinationStream;
}

/** One root logger per process: JSON lines with ISO time, the service name and redaction. */
export function createLogger(options: LoggerOptions): Logger {
  const settings = {
    level: options.level ?? 'info',
    base: { service: options.service },
    timestamp: stdTimeFunctions.isoTime,
    formatters: { level: (label: string) => ({ level: label }) },
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
  };
  return options.destination ? pino(settings, options.destination) : pino(settings);
}

/** A logger that writes nothing, for code under test. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
