/** The two states of a vulnerable item (VI): something to fix, or fixed. */
export const VI_STATES = {
  OPEN: 'open',
  CLOSED: 'closed',
} as const;

/** open or closed. */
export type ViState = (typeof VI_STATES)[keyof typeof VI_STATES];

/** Detection statuses as the Host List Detection API spells them (note `Re-Opened`). */
export const DETECTION_STATUSES = {
  NEW: 'New',
  ACTIVE: 'Active',
  FIXED: 'Fixed',
  REOPENED: 'Re-Opened',
} as const;

/** New, Active, Fixed or Re-Opened. */
export type DetectionStatus = (typeof DETECTION_STATUSES)[keyof typeof DETECTION_STATUSES];

/** The VI state each detection status leads to: only Fixed closes a VI. */
export const DETECTION_STATUS_VI_STATES = {
  New: VI_STATES.OPEN,
  Active: VI_STATES.OPEN,
  Fixed: VI_STATES.CLOSED,
  'Re-Opened': VI_STATES.OPEN,
} as const satisfies Record<DetectionStatus, ViState>;

// Keyed by the status with case, spaces, hyphens and underscores removed.
const STATUS_BY_KEY = new Map<string, DetectionStatus>(
  Object.values(DETECTION_STATUSES).map(status => [statusKey(status), status]),
);

function statusKey(text: string): string {
  return text.toLowerCase().replace(/[\s_-]/g, '');
}

/**
 * The detection status named by a text, or null for a missing or unknown one (Info records
 * carry no status). Case, spaces and hyphens are ignored, because the same status is written
 * `Re-Opened` by the API and `Reopened` by other tools.
 */
export function parseDetectionStatus(text: string | null | undefined): DetectionStatus | null {
  return text === null || text === undefined ? null : (STATUS_BY_KEY.get(statusKey(text)) ?? null);
}

/**
 * The VI state a detection status leads to (New, Active, Re-Opened: open; Fixed: closed), or
 * null when the status is missing or unknown, so that the caller leaves the VI as it is
 * instead of closing or re-opening it on a guess.
 */
export function viStateOf(status: string | null | undefined): ViState | null {
  const parsed = parseDetectionStatus(status);
  return parsed === null ? null : DETECTION_STATUS_VI_STATES[parsed];
}
