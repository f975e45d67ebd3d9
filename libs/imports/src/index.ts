export { type ApiUsage, type ImportContext, ImportInterrupted, type ImportJob } from './import-job';
export {
  describeError,
  type ImportWorker,
  type ImportWorkerOptions,
  integrationsOf,
  startImportWorker,
} from './import-worker';
export { RunCounters } from './run-counters';
export { type RunDocument, type RunError } from './run-document';
export { runRequestHandler } from './run-requests';
export {
  createRunStore,
  RUN_STORE_INDEXES,
  type RunProgress,
  type RunStore,
  type RunStoreOptions,
} from './run-store';
export {
  grpcSourceDirectory,
  type SourceConnection,
  type SourceDirectory,
  staticSourceDirectory,
} from './source-directory';
export {
  type ConfiguredSourceDirectory,
  createSourceDirectory,
  sourceDirectoryEnvironment,
} from './source-directory-config';
