export { type LaunchOptions, launchSystem, type RunningSystem, WORKSPACE_ROOT } from './launcher';
export {
  DEFAULT_PORTS,
  type ServiceDefinition,
  type SystemPorts,
  systemServices,
} from './services';
