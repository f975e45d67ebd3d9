/** Why a call waited: the rate budget, the concurrency budget, or a back-off before a retry. */
export const WAIT_REASONS = ['rate', 'concurrency', 'retry'] as const;
export type WaitReason = (typeof WAIT_REASONS)[number];

export interface WaitTotals {
  count: number;
  totalMs: number;
}

export interface CallStatsSnapshot {
  /** HTTP requests that got an answer or failed in flight, retries and token requests included. */
  calls: number;
  callsByApi: Record<string, number>;
  /** Calls that were tried again (after 5xx, network errors, 409, 429, cut-off bodies). */
  retries: number;
  /** PCRS tokens requested, the first one included. */
  tokenRequests: number;
  /** Body bytes as received on the wire (compressed when gzip was used). */
  bytes: number;
  waits: Record<WaitReason, WaitTotals>;
}

/**
 * Counters of one client (one import run), for the run report. Plain numbers only, so a
 * snapshot can go straight into an event or a Mongo document.
 */
export class CallStats {
  private calls = 0;
  private readonly callsByApi: Record<string, number> = {};
  private retries = 0;
  private tokenRequests = 0;
  private bytes = 0;
  private readonly waits: Record<WaitReason, WaitTotals> = {
    rate: { count: 0, totalMs: 0 },
    concurrency: { count: 0, totalMs: 0 },
    retry: { count: 0, totalMs: 0 },
  };

  recordCall(api: string): void {
    this.calls += 1;
    this.callsByApi[api] = (this.callsByApi[api] ?? 0) + 1;
  }

  recordRetry(): void {
    this.retries += 1;
  }

  recordTokenRequest(): void {
    this.tokenRequests += 1;
  }

  recordBytes(bytes: number): void {
    this.bytes += bytes;
  }

  recordWait(reason: WaitReason, ms: number): void {
    const totals = this.waits[reason];
    totals.count += 1;
    totals.totalMs += Math.max(0, Math.round(ms));
  }

  snapshot(): CallStatsSnapshot {
    return {
      calls: this.calls,
      callsByApi: { ...this.callsByApi },
      retries: this.retries,
      tokenRequests: this.tokenRequests,
      bytes: this.bytes,
      waits: {
        rate: { ...this.waits.rate },
        concurrency: { ...this.waits.concurrency },
        retry: { ...this.waits.retry },
      },
    };
  }
}
