/**
 * Qualys API access for Exposure Graph. Parsers turn streamed answers into typed records one at a
 * time (see `PageParser`); every failure is a `QualysApiError`.
 */

// Errors shared by the client and the parsers.
export {
  QUALYS_ERROR_KINDS,
  QualysApiError,
  type QualysApiErrorDetails,
  type QualysErrorKind,
  type QualysRequestSummary,
} from './errors';

// CVSS scores and vectors (v2, v3.0, v3.1, v4.0).
export { CVSS_BLOCK_FIELDS, type CvssScores } from './cvss/cvss-block';
export {
  CVSS_VERSIONS,
  type CvssMetric,
  type CvssVersion,
  cvssVersionOf,
  decodeCvssVector,
  type DecodedCvssVector,
} from './cvss/cvss-vector';

// Parsers: one per API, each streaming its records.
export {
  parseControlListPage,
  parsePolicyDetailsPage,
  parsePolicyListPage,
  parsePostureInfoPage,
  type PostureInfoTrailer,
} from './parsers/compliance';
export { parseHostDetectionPage, parseHostDetectionRecord } from './parsers/host-detection';
export { type CsvFooter, parseHostDetectionCsvFooter } from './parsers/host-detection-csv';
export { type HostListTrailer, parseHostListPage } from './parsers/host-list';
export { parseIdSetPage } from './parsers/id-set';
export { KNOWLEDGE_BASE_ROOT, parseKnowledgeBasePage } from './parsers/knowledge-base';
export type {
  BodyChunks,
  PageParser,
  PageTrailer,
  ParsedItem,
  RecordRejection,
  TruncationWarning,
} from './parsers/page';
export {
  parsePcrsHostIds,
  parsePcrsPolicyList,
  parsePcrsPostureInfo,
  pcrsErrorFromBody,
  type PcrsPolicyListTrailer,
} from './parsers/pcrs';
export { parseQvsResponse, QVS_SKIPPED_NOT_CVE } from './parsers/qvs';
export { parseScanLaunchResponse, parseScanListPage } from './parsers/scan';
export {
  type DocumentParseOptions,
  parseSimpleReturn,
  type SimpleReturn,
  simpleReturnError,
} from './parsers/simple-return';
export { type PageParseOptions } from './parsers/xml-page';
export { type ErrorContext } from './xml/error-context';
export { DEFAULT_MAX_DOCUMENT_BYTES, DEFAULT_MAX_RECORD_BYTES } from './xml/limits';

// Record types.
export type {
  ByUser,
  ControlRecord,
  ControlTechnology,
  Criticality,
  PolicyControlRef,
  PolicyDetailsRecord,
  PolicyRecord,
  PolicySection,
  PostureInfoGlossary,
  PostureInfoRecord,
} from './records/compliance';
export {
  CLOUD_METADATA_PROVIDERS,
  type CloudMetadata,
  type CloudMetadataAttribute,
  type CloudMetadataProvider,
  type CloudProviderTag,
  type HostCommon,
  type HostDnsData,
  type HostTag,
} from './records/host';
export {
  type Detection,
  DETECTION_STATUSES,
  type HostDetectionRecord,
  type QualysDetectionScore,
} from './records/host-detection';
export type {
  HostListGlossary,
  HostRecord,
  IdSetEntry,
  RiskScoreFactors,
  UserDefinedValue,
} from './records/host-list';
export type {
  KbCompliance,
  KbCorrelation,
  KbDiscovery,
  KbExploit,
  KbMalware,
  KbReference,
  KbSoftware,
  KbThreatIntel,
  KbVulnRecord,
} from './records/knowledge-base';
export type { PcrsPolicyHostIds, PcrsPolicyRecord, PcrsPostureRecord } from './records/pcrs';
export type { QvsRecord } from './records/qvs';
export type { ScanLaunchResult, ScanRecord } from './records/scan';

// HTTP client: one source's calls, paging, limits and retries.
export {
  PCRS_MAX_POLICIES_PER_CALL,
  type PcrsHostIdSet,
  QUALYS_APIS,
  type QualysApiName,
  type QualysCall,
  qualysCalls,
} from './client/apis';
export { splitIntoBatches } from './client/batches';
export { type ApiBudget, BudgetRegistry, type LimitHeaders, processBudgets } from './client/budget';
export {
  type BatchesSummary,
  type BatchOptions,
  type CallOptions,
  createQualysClient,
  type IdBatch,
  type QualysAnswer,
  type QualysClient,
  type QualysClientOptions,
} from './client/client';
export {
  type QualysApiVersions,
  type QualysSource,
  type QualysSourceInput,
  qualysSourceSchema,
  resolveQualysSource,
} from './client/config';
export {
  type ListingOptions,
  type ListingSummary,
  type ListingTruncation,
  type PageContext,
  type PageContinuation,
  type PageParserFactory,
  type PageResult,
  type QualysListing,
  type QualysPage,
  TRUNCATION_REASONS,
  type TruncationReason,
} from './client/pages';
export { formatQualysDate, type QualysParams, type QualysParamValue } from './client/params';
export { splitPostureRequests } from './client/pcrs';
export { formatWait, QUALYS_CODES } from './client/retry-policy';
export {
  CallStats,
  type CallStatsSnapshot,
  WAIT_REASONS,
  type WaitReason,
  type WaitTotals,
} from './client/stats';
export { type Sleep } from './client/transport';
