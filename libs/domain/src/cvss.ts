import { requireInRange } from './errors';

/** CVSS major versions, as the domain names them (Qualys writes `v2` and `v3.x`). */
export const CVSS_VERSIONS = {
  V2: 'v2',
  V3: 'v3',
  V4: 'v4',
} as const;

/** v2, v3 or v4. */
export type CvssVersion = (typeof CVSS_VERSIONS)[keyof typeof CVSS_VERSIONS];

/** A CVSS base score (0 to 10) with the version of the standard it was computed under. */
export interface CvssScore {
  score: number;
  version: CvssVersion;
}

/**
 * The CVSS base score of the newest CVSS version present, or null when there is none.
 *
 * The newest version wins even when an older one scores higher: each revision refines the
 * metrics of the one before (v3 added scope, privileges and user interaction; v4 split attack
 * requirements from complexity), so the newest assessment is the most precise one, not the
 * most alarming. A score of 0 is a real score (no impact) and counts as present. Throws a
 * DomainValueError for a score outside 0 to 10.
 */
export function highestCvss(
  v4: number | null | undefined,
  v3: number | null | undefined,
  v2: number | null | undefined,
): CvssScore | null {
  const candidates: [number | null | undefined, CvssVersion][] = [
    [v4, CVSS_VERSIONS.V4],
    [v3, CVSS_VERSIONS.V3],
    [v2, CVSS_VERSIONS.V2],
  ];
  for (const [score, version] of candidates) {
    if (score !== null && score !== undefined) {
      return { score: requireInRange(`cvss ${version} score`, score, 0, 10), version };
    }
  }
  return null;
}

/*
 * Spellings seen or documented: QVS and QDS factors say `v2` / `v3.x`, KB blocks carry
 * `CVSS3_VERSION` 3.0 or 3.1, vector strings start with `CVSS:3.1/` (v2 vectors sometimes
 * with `CVSS:2.0/`). Only the major version matters to the domain.
 */
const VERSION_TEXT = /^v?([234])(?:\.(?:\d+|x))?$/i;
const VECTOR_PREFIX = /^CVSS:([234])\.\d+(?:\/|$)/i;
const VERSION_BY_DIGIT: ReadonlyMap<string, CvssVersion> = new Map([
  ['2', CVSS_VERSIONS.V2],
  ['3', CVSS_VERSIONS.V3],
  ['4', CVSS_VERSIONS.V4],
]);

/**
 * The CVSS version named by a Qualys text (`v2`, `v3.x`, `3.1`, `4.0`, or a vector string
 * starting `CVSS:3.1/`), or null when the text is missing or names no version this domain
 * knows. A reader of source data, it never throws: the caller keeps the raw text on null.
 */
export function parseCvssVersion(text: string | null | undefined): CvssVersion | null {
  const trimmed = text?.trim() ?? '';
  const match = VERSION_TEXT.exec(trimmed) ?? VECTOR_PREFIX.exec(trimmed);
  return VERSION_BY_DIGIT.get(match?.[1] ?? '') ?? null;
}
