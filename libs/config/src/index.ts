export {
  commaList,
  envBoolean,
  httpEnvironment,
  kafkaEnvironment,
  logEnvironment,
  mongoEnvironment,
  port,
} from './common-schemas';
export { ConfigError, parseEnvironment } from './environment-parser';
