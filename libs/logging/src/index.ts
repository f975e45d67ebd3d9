export {
  createLogger,
  type Logger,
  type LoggerOptions,
  REDACTED_PATHS,
  silentLogger,
} from './logger';
