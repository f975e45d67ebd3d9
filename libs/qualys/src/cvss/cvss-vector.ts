import { Cvss2, Cvss3P0, Cvss3P1, Cvss4P0 } from 'ae-cvss-calculator';

export const CVSS_VERSIONS = ['2.0', '3.0', '3.1', '4.0'] as const;
export type CvssVersion = (typeof CVSS_VERSIONS)[number];

/** One metric of a vector, e.g. AV → { name: 'Attack Vector', value: 'N', label: 'Network' }. */
export interface CvssMetric {
  name: string;
  value: string;
  label: string;
}

export interface DecodedCvssVector {
  version: CvssVersion;
  /** Metrics present in the vector string, keyed by their short name (AV, AC, Au, VC...). */
  metrics: Record<string, CvssMetric>;
  /** Base score computed from the vector by the library (to compare with what Qualys sent). */
  computedBaseScore: number | null;
}

const PREFIX = /^CVSS:(\d\.\d)\//;

/**
 * Reads the version a vector is written in: its `CVSS:x.y/` prefix, else the hint (a KB
 * CVSS3_VERSION, a QDS CVSS_version such as `v3.x`, read as 3.1), else `Au:` marks v2.
 */
export function cvssVersionOf(vector: string, hint?: string | null): CvssVersion | null {
  const prefix = PREFIX.exec(vector)?.[1];
  if (prefix !== undefined) return isVersion(prefix) ? prefix : null;

  const normalisedHint = normaliseHint(hint);
  if (normalisedHint !== null) return normalisedHint;
  if (/(^|\/)Au:/.test(vector)) return '2.0';
  if (/(^|\/)AT:/.test(vector)) return '4.0';
  return /(^|\/)S:/.test(vector) ? '3.1' : null;
}

function normaliseHint(hint: string | null | undefined): CvssVersion | null {
  if (hint === null || hint === undefined) return null;
  const value = hint.trim().replace(/^v/i, '');
  if (value === '2' || value === '2.0') return '2.0';
  if (value === '3.0') return '3.0';
  // Qualys writes `v3.x`; 3.1 and 3.0 share their metrics, only rounding differs.
  if (value === '3' || value === '3.1' || value === '3.x') return '3.1';
  if (value === '4' || value === '4.0') return '4.0';
  return null;
}

function isVersion(value: string): value is CvssVersion {
  return (CVSS_VERSIONS as readonly string[]).includes(value);
}

function vectorOf(version: CvssVersion, vector: string): Cvss2 | Cvss3P0 | Cvss3P1 | Cvss4P0 {
  switch (version) {
    case '2.0':
      return new Cvss2(vector);
    case '3.0':
      return new Cvss3P0(vector);
    case '3.1':
      return new Cvss3P1(vector);
    case '4.0':
      return new Cvss4P0(vector);
  }
}

/**
 * Decodes a CVSS vector string (v2, v3.0, v3.1, v4.0) into its metrics with
 * ae-cvss-calculator. Returns null when the vector is not one the library accepts (unknown
 * metric or value), so a bad vector never costs the record that carries it.
 */
export function decodeCvssVector(
  vector: string,
  versionHint?: string | null,
): DecodedCvssVector | null {
  const version = cvssVersionOf(vector, versionHint);
  if (version === null) return null;

  try {
    const parsed = vectorOf(version, vector);
    const metrics: Record<string, CvssMetric> = {};

    for (const part of vector.replace(PREFIX, '').split('/')) {
      const [short, value] = part.split(':');
      if (short === undefined || value === undefined) return null;
      const component = parsed.findComponent(short);
      const decoded = parsed.getComponentByStringOpt(short);
      if (component === undefined || decoded === null) return null;
      metrics[component.shortName] = {
        name: component.name,
        value: decoded.shortName,
        label: decoded.name,
      };
    }

    const scores: { base?: number } = parsed.calculateScores();
    return { version, metrics, computedBaseScore: scores.base ?? null };
  } catch {
    return null;
  }
}
