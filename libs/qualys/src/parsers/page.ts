/**
 * The contract between the HTTP client and the parsers. A page parser consumes a streamed body
 * and yields one item per top-level record (a HOST with its detections, a VULN, a POLICY...),
 * either the mapped record or a rejection with its reason; the generator's return value is the
 * page trailer, which carries the truncation WARNING the client follows to the next page.
 *
 * A body whose root is SIMPLE_RETURN with a CODE is thrown as a QualysApiError (an expired
 * account answers HTTP 200); a body that ends before its root element closes, or is not well
 * formed, is thrown as QUALYS_MALFORMED_RESPONSE; a DOCTYPE with an internal subset or any
 * ENTITY declaration as QUALYS_UNSAFE_XML.
 */
export type BodyChunks = AsyncIterable<Uint8Array | string>;

export interface TruncationWarning {
  /** "1980" when Qualys truncated the answer; other codes are reported, not followed. */
  code: string | null;
  text: string | null;
  /** The next page's URL exactly as Qualys wrote it (host may be foreign; rebase it). */
  url: string | null;
}

export interface PageTrailer {
  /** RESPONSE/DATETIME: the server's time of the answer. */
  responseDatetime: Date | null;
  warning: TruncationWarning | null;
  /** Records yielded (accepted + rejected). */
  recordCount: number;
  /** Element names met that the mapping does not know, with counts; never fatal. */
  unknownElements: Record<string, number>;
  /** Rejections among the yielded items (a subset of recordCount). */
  rejectedCount?: number;
  /** Entries left out on purpose, by reason (e.g. QVS keys that are not CVE ids); never fatal. */
  skipped?: Record<string, number>;
}

export interface RecordRejection {
  /** Position of the record in the page, from 0. */
  index: number;
  /** The record's identifier when it could be read (host id, QID...). */
  id: string | null;
  /**
   * For a part rejected inside an accepted record (a DETECTION of a HOST): the identifier of
   * the record that was kept without it.
   */
  parentId?: string | null;
  /** Path of the element at fault, e.g. HOST/DETECTION_LIST/DETECTION/QID. */
  element: string;
  value: string | null;
  reason: string;
}

export type ParsedItem<R> =
  { kind: 'record'; record: R } | { kind: 'rejected'; rejection: RecordRejection };

/** `T` lets a parser return a richer trailer (e.g. the host list GLOSSARY) to callers that ask. */
export type PageParser<R, T extends PageTrailer = PageTrailer> = AsyncGenerator<
  ParsedItem<R>,
  T,
  undefined
>;
