import { type CiCriticality, ciCriticalityOrDefault } from './ci-criticality';
import { CVSS_VERSIONS, type CvssScore } from './cvss';
import { describe, DOMAIN_ERROR_CODES, DomainValueError, requireInRange } from './errors';
import { type RiskRating, riskRating } from './risk-rating';
import { type Severity } from './severity';
import { noThreatSignals, type ThreatSignal, type ThreatSignals } from './threat-signals';

/**
 * Version of the formula below. Stored with every score; raise it whenever a rule or a
 * parameter changes, so that scores computed under an older version can be found and
 * computed again.
 */
export const RISK_FORMULA_VERSION = 1;

/** Every parameter of the risk formula (docs/risk.md explains each one). */
export const RISK_FORMULA = {
  version: RISK_FORMULA_VERSION,
  /** Threat points of a Qualys severity, used when nothing finer is known. */
  severityPoints: { 1: 20, 2: 40, 3: 60, 4: 80, 5: 100 },
  /** The lowest threat a vulnerability with each signal can have, strongest signal first. */
  threatFloors: {
    kev: 90,
    activeAttacks: 85,
    malware: 80,
    weaponizedExploit: 75,
    publicExploit: 50,
  },
  /** Percentage applied to the threat for each asset criticality. */
  criticalityPercent: { 1: 60, 2: 80, 3: 100, 4: 110, 5: 120 },
  /** The lowest final score of a vulnerability exploited in the wild (KEV or active attacks). */
  exploitedFloor: 70,
} as const satisfies {
  version: number;
  severityPoints: Record<Severity, number>;
  threatFloors: Record<ThreatSignal, number>;
  criticalityPercent: Record<CiCriticality, number>;
  exploitedFloor: number;
};

/** Which input gave the base threat, in order of preference. */
export const RISK_BASES = {
  QDS: 'qds',
  QVS: 'qvs',
  CVSS: 'cvss',
  SEVERITY: 'severity',
  NONE: 'none',
} as const;

/** One of the RISK_BASES values. */
export type RiskBasis = (typeof RISK_BASES)[keyof typeof RISK_BASES];

/** The steps of the formula, in the order they apply. */
export const RISK_RULES = {
  BASE: 'base',
  THREAT_FLOOR: 'threat-floor',
  CRITICALITY: 'criticality',
  EXPLOITED_FLOOR: 'exploited-floor',
} as const;

/** One of the RISK_RULES values. */
export type RiskRule = (typeof RISK_RULES)[keyof typeof RISK_RULES];

/** What is known about a VI. Every input may be null or missing. */
export interface RiskInputs {
  /** Qualys severity of the detection or its QID, 1 to 5. */
  severity?: number | null;
  /** CVSS base score of the newest version present (see highestCvss). */
  cvss?: CvssScore | null;
  /** Highest QVS among the CVEs of the vulnerability, 0 to 100. */
  maxQvs?: number | null;
  /** Qualys Detection Score of the detection, 1 to 100. */
  qds?: number | null;
  /** Exploitation and malware signals; a missing or null signal counts as not reported. */
  signals?: Partial<Record<ThreatSignal, boolean | null>> | null;
  /** Criticality of the CI the host belongs to, 1 to 5; 3 when unknown. */
  assetCriticality?: number | null;
}

/** The inputs as the formula used them: validated, with defaults filled in. */
export interface RiskInputsUsed {
  severity: Severity | null;
  cvss: CvssScore | null;
  maxQvs: number | null;
  qds: number | null;
  signals: ThreatSignals;
  assetCriticality: CiCriticality;
  /** True when no criticality was known and the default was used. */
  assetCriticalityDefaulted: boolean;
}

/** An input that took part in the score. */
export type RiskFactorName = Exclude<RiskBasis, 'none'> | ThreatSignal | 'assetCriticality';

/**
 * One step of the computation, machine-readable so that a VI can show why it scores what it
 * does. The `effect`s of a result's factors add up to its score.
 */
export interface RiskFactor {
  factor: RiskFactorName;
  /** The input's value (a score, a criticality level, or true for a signal). */
  value: number | boolean;
  rule: RiskRule;
  /** The rule's parameter: base points, a floor, or a criticality percentage. */
  weight: number;
  /** Points this step added to (or, for criticality, removed from) the score. */
  effect: number;
}

/** A VI's risk: score, rating, and how they were reached. */
export interface RiskResult {
  formulaVersion: typeof RISK_FORMULA_VERSION;
  /** Integer from 0 to 100. */
  score: number;
  rating: RiskRating;
  /** Which input gave the base threat. */
  basis: RiskBasis;
  /** Threat of the vulnerability (0 to 100) before the asset's criticality was applied. */
  threat: number;
  inputs: RiskInputsUsed;
  factors: RiskFactor[];
}

// The order in which floors apply: the strongest signal present gets the credit for raising
// the threat, weaker ones then show an effect of 0.
const SIGNALS_BY_STRENGTH: readonly ThreatSignal[] = [
  'kev',
  'activeAttacks',
  'malware',
  'weaponizedExploit',
  'publicExploit',
];

/**
 * The risk of a vulnerable item. Pure: the same inputs always give the same result.
 *
 * 1. Base threat from the best input known: QDS, else the highest QVS, else CVSS x 10, else
 *    the severity's points (20 to 100), else 0.
 * 2. Each threat signal present raises the threat to its floor (KEV 90, active attacks 85,
 *    malware 80, weaponized exploit 75, public exploit 50).
 * 3. The asset criticality scales the threat (60, 80, 100, 110 or 120 percent), rounded half
 *    up to an integer and capped at 100.
 * 4. A vulnerability exploited in the wild (KEV or active attacks) scores at least 70.
 * 5. The rating is the band of the score (critical 90, high 70, medium 40, low 1, none 0).
 *
 * Throws a DomainValueError when an input is present but invalid (severity 7, QDS 0, CVSS
 * 11, criticality 2.5): such a value is a mapping bug upstream, and a made-up score stored
 * for it would be trusted by users. docs/risk.md has the reasons and worked examples.
 */
export function computeRisk(inputs: RiskInputs): RiskResult {
  const used = validateInputs(inputs);
  const factors: RiskFactor[] = [];

  const base = baseThreat(used);
  let threat = base?.points ?? 0;
  if (base !== null) {
    factors.push({
      factor: base.factor,
      value: base.value,
      rule: 'base',
      weight: base.points,
      effect: base.points,
    });
  }

  for (const signal of SIGNALS_BY_STRENGTH.filter(s => used.signals[s])) {
    const floor = RISK_FORMULA.threatFloors[signal];
    const raised = Math.max(threat, floor);
    factors.push({
      factor: signal,
      value: true,
      rule: 'threat-floor',
      weight: floor,
      effect: raised - threat,
    });
    threat = raised;
  }

  const percent = RISK_FORMULA.criticalityPercent[used.assetCriticality];
  let score = Math.min(100, divideRoundingHalfUp(threat * percent, 100));
  factors.push({
    factor: 'assetCriticality',
    value: used.assetCriticality,
    rule: 'criticality',
    weight: percent,
    effect: score - threat,
  });

  const exploitedBy = exploitedInTheWild(used.signals);
  if (exploitedBy !== null) {
    const floor = RISK_FORMULA.exploitedFloor;
    const raised = Math.max(score, floor);
    factors.push({
      factor: exploitedBy,
      value: true,
      rule: 'exploited-floor',
      weight: floor,
      effect: raised - score,
    });
    score = raised;
  }

  return {
    formulaVersion: RISK_FORMULA_VERSION,
    score,
    rating: riskRating(score),
    basis: base?.factor ?? 'none',
    threat,
    inputs: used,
    factors,
  };
}

interface BaseThreat {
  factor: Exclude<RiskBasis, 'none'>;
  value: number;
  points: number;
}

// QDS is Qualys' score of this very detection (it already weighs the QVS of the CVEs, CVSS,
// exploit maturity and mitigations); QVS scores the CVE in the world; CVSS only its
// technical severity; the Qualys severity is the coarsest of all.
function baseThreat(used: RiskInputsUsed): BaseThreat | null {
  if (used.qds !== null) {
    return { factor: 'qds', value: used.qds, points: Math.round(used.qds) };
  }
  if (used.maxQvs !== null) {
    return { factor: 'qvs', value: used.maxQvs, points: Math.round(used.maxQvs) };
  }
  if (used.cvss !== null) {
    return { factor: 'cvss', value: used.cvss.score, points: Math.round(used.cvss.score * 10) };
  }
  if (used.severity !== null) {
    return {
      factor: 'severity',
      value: used.severity,
      points: RISK_FORMULA.severityPoints[used.severity],
    };
  }
  return null;
}

function exploitedInTheWild(signals: ThreatSignals): 'kev' | 'activeAttacks' | null {
  if (signals.kev) {
    return 'kev';
  }
  return signals.activeAttacks ? 'activeAttacks' : null;
}

// Both operands are integers, so the division is exact before rounding: no floating-point
// drift can move a score such as 49.5 to 49.
function divideRoundingHalfUp(numerator: number, denominator: number): number {
  return Math.floor((numerator + denominator / 2) / denominator);
}

function validateInputs(inputs: RiskInputs): RiskInputsUsed {
  const optional = <T, R>(value: T | null | undefined, check: (present: T) => R): R | null =>
    value === null || value === undefined ? null : check(value);

  return {
    severity: optional(
      inputs.severity,
      value => requireInRange('severity', value, 1, 5, { integer: true }) as Severity,
    ),
    cvss: optional(inputs.cvss, validateCvss),
    maxQvs: optional(inputs.maxQvs, value => requireInRange('maxQvs', value, 0, 100)),
    qds: optional(inputs.qds, value => requireInRange('qds', value, 1, 100)),
    signals: validateSignals(inputs.signals),
    assetCriticality: ciCriticalityOrDefault(inputs.assetCriticality),
    assetCriticalityDefaulted:
      inputs.assetCriticality === null || inputs.assetCriticality === undefined,
  };
}

const KNOWN_VERSIONS: ReadonlySet<unknown> = new Set(Object.values(CVSS_VERSIONS));

function validateCvss(cvss: CvssScore): CvssScore {
  if (!KNOWN_VERSIONS.has(cvss.version)) {
    throw new DomainValueError(
      DOMAIN_ERROR_CODES.unknownValue,
      'cvss.version',
      cvss.version,
      `Invalid cvss.version: expected v2, v3 or v4, got ${describe(cvss.version)}`,
    );
  }
  return {
    score: requireInRange('cvss.score', cvss.score, 0, 10),
    version: cvss.version,
  };
}

function validateSignals(signals: RiskInputs['signals']): ThreatSignals {
  const used = noThreatSignals();
  for (const signal of SIGNALS_BY_STRENGTH) {
    const value: unknown = signals?.[signal];
    if (value !== null && value !== undefined && typeof value !== 'boolean') {
      throw new DomainValueError(
        DOMAIN_ERROR_CODES.unknownValue,
        `signals.${signal}`,
        value,
        `Invalid signals.${signal}: expected true, false or null, got ${describe(value)}`,
      );
    }
    used[signal] = value === true;
  }
  return used;
}
