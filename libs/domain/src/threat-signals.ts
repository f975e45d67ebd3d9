/**
 * Exploitation and malware signals the risk formula reacts to, strongest first. Each is
 * true when any source reports it; false means "not reported", which is not proof of absence.
 */
export const THREAT_SIGNALS = {
  /** Listed in the CISA Known Exploited Vulnerabilities catalogue. */
  KEV: 'kev',
  /** Exploited in the wild (active attacks, or used by a named threat actor). */
  ACTIVE_ATTACKS: 'activeAttacks',
  /** Used by known malware or ransomware. */
  MALWARE: 'malware',
  /** A weaponized exploit exists (exploit kit, functional or automated exploit code). */
  WEAPONIZED_EXPLOIT: 'weaponizedExploit',
  /** Public exploit code exists, at least as a proof of concept. */
  PUBLIC_EXPLOIT: 'publicExploit',
} as const;

/** One of the THREAT_SIGNALS values. */
export type ThreatSignal = (typeof THREAT_SIGNALS)[keyof typeof THREAT_SIGNALS];

/** Each threat signal, true when reported. */
export type ThreatSignals = Record<ThreatSignal, boolean>;

type TextList = readonly (string | null | undefined)[] | null | undefined;

/**
 * What Qualys says about a vulnerability's exploitation, from any of its APIs. Every list
 * entry may be a comma-joined string (`weaponized,poc`), as Qualys sends several of them.
 */
export interface ThreatEvidence {
  /**
   * Threat indicator labels: KB THREAT_INTEL texts (`Exploit_Public`, `Active_Attacks`...),
   * QDS and QVS `RTI` values, KB DISCOVERY ADDITIONAL_INFO (`Exploit Available`).
   */
  threatIndicators?: TextList;
  /** Exploit maturity values: QDS factor `exploit_maturity`, QVS `exploitMaturity`. */
  exploitMaturity?: TextList;
  /** CISA KEV membership, when a source states it as a flag. */
  cisaKev?: boolean | null;
  /** Malware names, hashes or ids: QVS `malwareName`/`malwareHash`, KB CORRELATION/MALWARE. */
  malware?: TextList;
  /** Threat actors known to use the vulnerability: QVS `threatActors`. */
  threatActors?: TextList;
  /** Exploit references or sources: KB CORRELATION/EXPLOITS. */
  exploits?: TextList;
  /** A detection's QDS factors, name to text, exactly as the detection carries them. */
  qdsFactors?: Readonly<Record<string, string | null | undefined>> | null;
}

/*
 * Tokens are compared lower-cased with everything but letters and digits removed, so that
 * `Active_Attacks`, `active attacks` and `activeAttacks` are one token. Indicators that say
 * how bad an exploitation would be (Easy_Exploit, Wormable, Remote_Code_Execution, No_Patch,
 * High_Data_Loss...) or that Qualys defines loosely (Zero_Day) are not evidence that anyone
 * exploits the vulnerability and are deliberately not mapped; QDS and QVS weigh them already.
 */
const INDICATOR_SIGNALS: ReadonlyMap<string, ThreatSignal> = new Map([
  ['cisaknownexploitedvulns', THREAT_SIGNALS.KEV],
  ['activeattacks', THREAT_SIGNALS.ACTIVE_ATTACKS],
  ['malware', THREAT_SIGNALS.MALWARE],
  ['ransomware', THREAT_SIGNALS.MALWARE],
  ['exploitkit', THREAT_SIGNALS.WEAPONIZED_EXPLOIT],
  ['exploitpublic', THREAT_SIGNALS.PUBLIC_EXPLOIT],
  ['exploitavailable', THREAT_SIGNALS.PUBLIC_EXPLOIT],
]);

// Qualys' own maturity words plus the CVSS exploit maturity values (v3 E:F/H, v4 E:A/P).
const MATURITY_SIGNALS: ReadonlyMap<string, ThreatSignal> = new Map([
  ['activeattacks', THREAT_SIGNALS.ACTIVE_ATTACKS],
  ['activeattack', THREAT_SIGNALS.ACTIVE_ATTACKS],
  ['attacked', THREAT_SIGNALS.ACTIVE_ATTACKS],
  ['weaponized', THREAT_SIGNALS.WEAPONIZED_EXPLOIT],
  ['weaponised', THREAT_SIGNALS.WEAPONIZED_EXPLOIT],
  ['high', THREAT_SIGNALS.WEAPONIZED_EXPLOIT],
  ['functional', THREAT_SIGNALS.WEAPONIZED_EXPLOIT],
  ['poc', THREAT_SIGNALS.PUBLIC_EXPLOIT],
  ['proofofconcept', THREAT_SIGNALS.PUBLIC_EXPLOIT],
]);

const BLANK_TOKENS = new Set(['', 'null', 'none']);
const YES_TOKENS = new Set(['yes', 'y', 'true', '1']);

/** Signals all false: what a VI carries when nothing is reported. */
export function noThreatSignals(): ThreatSignals {
  return {
    kev: false,
    activeAttacks: false,
    malware: false,
    weaponizedExploit: false,
    publicExploit: false,
  };
}

/**
 * The threat signals reported by any piece of evidence. Pure and order-free: evidence from
 * the KB, the detection's QDS factors and the QVS of every CVE can be given at once, and a
 * signal is true as soon as one of them reports it.
 */
export function deriveThreatSignals(evidence: ThreatEvidence): ThreatSignals {
  const signals = noThreatSignals();
  const raise = (signal: ThreatSignal | undefined): void => {
    if (signal !== undefined) {
      signals[signal] = true;
    }
  };

  tokens(evidence.threatIndicators).forEach(token => raise(INDICATOR_SIGNALS.get(token)));
  tokens(evidence.exploitMaturity).forEach(token => raise(MATURITY_SIGNALS.get(token)));
  if (evidence.cisaKev === true) {
    raise(THREAT_SIGNALS.KEV);
  }
  if (tokens(evidence.malware).length > 0) {
    raise(THREAT_SIGNALS.MALWARE);
  }
  if (tokens(evidence.threatActors).length > 0) {
    raise(THREAT_SIGNALS.ACTIVE_ATTACKS);
  }
  if (tokens(evidence.exploits).length > 0) {
    raise(THREAT_SIGNALS.PUBLIC_EXPLOIT);
  }

  for (const [name, text] of Object.entries(evidence.qdsFactors ?? {})) {
    qdsFactorSignals(tokenKey(name), tokens([text])).forEach(raise);
  }
  return signals;
}

// QDS factor names seen: RTI, exploit_maturity, CISA_vuln; malware and threat actor factors
// exist under names we have not seen, hence the substring match on those two.
function qdsFactorSignals(name: string, values: string[]): (ThreatSignal | undefined)[] {
  if (name === 'rti') {
    return values.map(value => INDICATOR_SIGNALS.get(value));
  }
  if (name === 'exploitmaturity') {
    return values.map(value => MATURITY_SIGNALS.get(value));
  }
  if (name === 'cisavuln' || name === 'cisakev') {
    return values.some(value => YES_TOKENS.has(value)) ? [THREAT_SIGNALS.KEV] : [];
  }
  if (name.includes('malware') && values.length > 0) {
    return [THREAT_SIGNALS.MALWARE];
  }
  if (name.includes('threatactor') && values.length > 0) {
    return [THREAT_SIGNALS.ACTIVE_ATTACKS];
  }
  return [];
}

function tokens(list: TextList): string[] {
  return (list ?? [])
    .flatMap(entry => (entry ?? '').split(','))
    .map(tokenKey)
    .filter(token => !BLANK_TOKENS.has(token));
}

function tokenKey(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]/g, '');
}
