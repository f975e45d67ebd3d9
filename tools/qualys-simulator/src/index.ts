/**
 * A Qualys look-alike HTTP server for development, tests, demos and benchmarks: classic FO APIs
 * (KB, QVS, Host List, Host List Detection, compliance, scans) and the PCRS gateway, served from
 * recorded responses or from a seeded generated estate, with limits and fault injection.
 */

/** The API keys used for limits, faults and counters. */
export { API, type ApiKey } from './apis';
/** The generated estate and the options that size it. */
export {
  type DetectionChange,
  Estate,
  type EstateOptions,
  type VulnChange,
} from './generator/estate';
/** Records of the generated estate, as renderers and tests see them. */
export type {
  ControlRecord,
  DetectionRecord,
  DetectionStatus,
  HostRecord,
  PolicyRecord,
  PostureRecord,
  QvsRecord,
  VulnRecord,
} from './generator/model';
/** Accounts of the simulated subscription. */
export { DEFAULT_USERS, type SimulatorUser } from './http/auth';
/** Faults a test can switch on. */
export { type Fault, FaultInjector, type FaultKind, type FaultRule } from './http/faults';
/** Limits and counters. */
export { type ApiLimit, type ApiStats, DEFAULT_API_LIMIT, SimulatorStats } from './http/limits';
/** Recorded mode: the catalog of a folder and the file a call gets. */
export {
  loadRecordedCatalog,
  type RecordedCatalog,
  type RecordedFile,
  type SkippedFile,
} from './recorded/catalog';
export { RecordedSource } from './recorded/recorded-source';
/** Renderers, for benchmarks that write a page to a file without a server. */
export {
  type ControlListQuery,
  type PolicyListQuery,
  type PostureInfoQuery,
  renderControlListPage,
  renderPolicyListPage,
  renderPostureInfoPage,
} from './render/compliance';
export { type HostDetectionQuery, renderHostDetectionPage } from './render/hld';
export { type HostListQuery, renderHostListPage } from './render/host-list';
export { type KnowledgeBaseQuery, renderKnowledgeBasePage } from './render/kb';
export { type PageSummary } from './render/page';
export { type QvsQuery, renderQvs } from './render/qvs';
export { type ChunkWrite } from './render/xml';
/** Starting the server. */
export {
  DEFAULT_RECORDED_DIR,
  type PcrsOptions,
  type Simulator,
  type SimulatorOptions,
  startSimulator,
} from './simulator';
