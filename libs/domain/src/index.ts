export {
  CI_CRITICALITY,
  CI_CRITICALITY_LABELS,
  type CiCriticality,
  ciCriticalityOrDefault,
  DEFAULT_CI_CRITICALITY,
  isCiCriticality,
} from './ci-criticality';
export { isCveId, normaliseCveId } from './cve-id';
export {
  CVSS_VERSIONS,
  type CvssScore,
  type CvssVersion,
  highestCvss,
  parseCvssVersion,
} from './cvss';
export { DOMAIN_ERROR_CODES, type DomainErrorCode, DomainValueError } from './errors';
export { highestQvs, QDS_SEVERITIES, type QdsSeverity, qdsSeverity } from './qualys-scores';
export {
  computeRisk,
  RISK_BASES,
  RISK_FORMULA,
  RISK_FORMULA_VERSION,
  RISK_RULES,
  type RiskBasis,
  type RiskFactor,
  type RiskFactorName,
  type RiskInputs,
  type RiskInputsUsed,
  type RiskResult,
  type RiskRule,
} from './risk';
export { RISK_RATINGS, type RiskRating, riskRating } from './risk-rating';
export {
  isSeverity,
  SEVERITY,
  type Severity,
  SEVERITY_LABELS,
  type SeverityLabel,
  severityLabel,
} from './severity';
export {
  deriveThreatSignals,
  noThreatSignals,
  THREAT_SIGNALS,
  type ThreatEvidence,
  type ThreatSignal,
  type ThreatSignals,
} from './threat-signals';
export {
  DETECTION_STATUS_VI_STATES,
  DETECTION_STATUSES,
  type DetectionStatus,
  parseDetectionStatus,
  VI_STATES,
  type ViState,
  viStateOf,
} from './vi-state';
