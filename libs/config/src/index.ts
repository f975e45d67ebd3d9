export {
  commaList,
  envBoolean,
  graphqlEnvironment,
  httpEnvironment,
  kafkaEnvironment,
  logEnvironment,
  mongoEnvironment,
  port,
} from './common-schemas';
export { ConfigError, parseEnvironment } from './environment-parser';
