/** A scan launch's success answer (SIMPLE_RETURN without CODE). */
export interface ScanLaunchResult {
  datetime: Date | null;
  /** "New vm scan launched". */
  text: string | null;
  /** Numeric scan id, as a string. */
  id: string | null;
  /** scan/<epoch>.<n>: the key for action=list&scan_ref=. */
  reference: string;
}

/** One SCAN of the scan list (`action=list`). */
export interface ScanRecord {
  ref: string;
  /** On-Demand, Scheduled, API. */
  type: string | null;
  title: string | null;
  userLogin: string | null;
  launchDatetime: Date | null;
  /** DURATION as sent (HH:MM:SS, or a word such as Pending). */
  duration: string | null;
  /** DURATION in seconds when it is HH:MM:SS. */
  durationSeconds: number | null;
  processingPriority: string | null;
  processed: boolean | null;
  /** Submitted, Running, Finished, Canceled, Paused, Error, Queued... */
  state: string | null;
  subState: string | null;
  target: string | null;
  optionProfileTitle: string | null;
  assetGroupTitles: string[];
}
