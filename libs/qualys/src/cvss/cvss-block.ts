import { attribute, decimal, FieldError, text } from '../parsers/fields';
import { type XmlElement } from '../xml/xml-element';
import { type CvssMetric, cvssVersionOf, decodeCvssVector } from './cvss-vector';

/** The KB's CVSS, CVSS_V3 and CVSS_V4 blocks, one shape for every version. */
export interface CvssScores {
  /** 2.0, 3.0, 3.1, 4.0 (from the block, the vector prefix or the version element). */
  version: string | null;
  /** A score of 0.0 is 0; a missing score is null. */
  base: number | null;
  /** The BASE element's `source` attribute (e.g. `service`). */
  baseSource: string | null;
  /** v2 and v3 only. */
  temporal: number | null;
  /** v4 only. */
  threat: number | null;
  vectorString: string | null;
  /** Metrics decoded from vectorString; null when there is no vector or it cannot be decoded. */
  metrics: Record<string, CvssMetric> | null;
  /** The block's other elements as path → text (ACCESS/VECTOR, IMPACT/CONFIDENTIALITY...). */
  elements: Record<string, string>;
}

type ScoreField = 'base' | 'temporal' | 'threat' | 'vectorString' | 'version';

/**
 * Element → field, per block. CVSS and CVSS_V3 follow the KB DTD. No public answer shows the
 * CVSS v4 block: CVSS_V4 is inferred by analogy with CVSS_V3 (BASE, THREAT instead of
 * TEMPORAL as v4 renamed it, VECTOR_STRING, a version element); its other children land in
 * `elements`, so nothing the tenant sends is lost.
 */
export const CVSS_BLOCK_FIELDS: Readonly<Record<string, Readonly<Record<string, ScoreField>>>> = {
  CVSS: { BASE: 'base', TEMPORAL: 'temporal', VECTOR_STRING: 'vectorString' },
  CVSS_V3: {
    BASE: 'base',
    TEMPORAL: 'temporal',
    VECTOR_STRING: 'vectorString',
    CVSS3_VERSION: 'version',
  },
  CVSS_V4: {
    BASE: 'base',
    THREAT: 'threat',
    VECTOR_STRING: 'vectorString',
    CVSS4_VERSION: 'version',
    VERSION: 'version',
  },
};

const BLOCK_VERSION: Readonly<Record<string, string | null>> = {
  CVSS: '2.0',
  CVSS_V3: null,
  CVSS_V4: '4.0',
};

/** Maps one KB CVSS block (CVSS, CVSS_V3 or CVSS_V4). */
export function readCvssBlock(block: XmlElement): CvssScores {
  const fields = CVSS_BLOCK_FIELDS[block.name] ?? {};
  const scores: CvssScores = {
    version: null,
    base: null,
    baseSource: null,
    temporal: null,
    threat: null,
    vectorString: null,
    metrics: null,
    elements: {},
  };

  for (const child of block.children) {
    const field = fields[child.name];
    try {
      if (field === 'vectorString' || field === 'version') scores[field] = text(child);
      else if (field !== undefined) scores[field] = decimal(child);
      else collectElements(child, child.name, scores.elements);
      if (field === 'base') scores.baseSource = attribute(child, 'source');
    } catch (err) {
      throw err instanceof FieldError ? err.under(block.name) : err;
    }
  }

  const declared = scores.version ?? BLOCK_VERSION[block.name] ?? null;
  if (scores.vectorString !== null) {
    const decoded = decodeCvssVector(scores.vectorString, declared);
    scores.metrics = decoded?.metrics ?? null;
    scores.version = declared ?? decoded?.version ?? cvssVersionOf(scores.vectorString);
  } else {
    scores.version = declared;
  }
  return scores;
}

function collectElements(element: XmlElement, path: string, into: Record<string, string>): void {
  if (element.children.length === 0) {
    const value = text(element);
    if (value !== null) into[path] = value;
    return;
  }
  for (const child of element.children) collectElements(child, `${path}/${child.name}`, into);
}
