/** Bounds applied to every parsed body; each can be lowered or raised per call. */
export interface ParseLimits {
  /**
   * Largest accepted record (one HOST, VULN, posture record...), in bytes of body. Counted per
   * body chunk, so a record can pass the bound by at most one chunk before it is refused.
   */
  maxRecordBytes?: number;
  /** Largest accepted whole document (SIMPLE_RETURN, scan launch, PCRS policy list), in bytes. */
  maxDocumentBytes?: number;
}

/** Real HLD records stay below 1 MB; 64 MiB leaves room for hosts with huge RESULTS. */
export const DEFAULT_MAX_RECORD_BYTES = 64 * 1024 * 1024;

/** Small answers read whole; the bound only stops a runaway body. */
export const DEFAULT_MAX_DOCUMENT_BYTES = 64 * 1024 * 1024;

/** Real prologs (declaration, DOCTYPE, a comment or two) are well under 1 KB. */
export const MAX_PROLOG_CHARS = 1024 * 1024;
