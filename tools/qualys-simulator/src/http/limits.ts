import { type ApiKey } from '../apis';

/** One API's limits, as Qualys announces them in the X-RateLimit-* and X-Concurrency-* headers. */
export interface ApiLimit {
  /** Calls allowed per window. */
  rateLimit: number;
  windowSec: number;
  /** Calls of this API allowed to run at once. */
  concurrency: number;
}

/** The Standard service level (2 concurrent calls, 300 per hour). */
export const DEFAULT_API_LIMIT: ApiLimit = { rateLimit: 300, windowSec: 3600, concurrency: 2 };

/** Counters of one API that tests read. */
export interface ApiStats {
  /** Requests received for this API (refused ones included). */
  requests: number;
  /** Calls that were admitted and answered. */
  calls: number;
  /** Calls running now. */
  running: number;
  /** Most calls seen running at the same time. */
  maxConcurrent: number;
  /** 409 answers sent, by Qualys code (limits and injected faults alike). */
  conflicts: { '1960': number; '1965': number };
  /** 429 answers sent (PCRS rate limit). */
  tooManyRequests: number;
}

function emptyStats(): ApiStats {
  return {
    requests: 0,
    calls: 0,
    running: 0,
    maxConcurrent: 0,
    conflicts: { '1960': 0, '1965': 0 },
    tooManyRequests: 0,
  };
}

/** Counters for every API; `snapshot()` gives a copy that does not move afterwards. */
export class SimulatorStats {
  private readonly perApi = new Map<ApiKey, ApiStats>();

  api(api: ApiKey): ApiStats {
    let stats = this.perApi.get(api);
    if (!stats) {
      stats = emptyStats();
      this.perApi.set(api, stats);
    }
    return stats;
  }

  snapshot(): Partial<Record<ApiKey, ApiStats>> {
    const copy: Partial<Record<ApiKey, ApiStats>> = {};
    for (const [api, stats] of this.perApi) {
      copy[api] = { ...stats, conflicts: { ...stats.conflicts } };
    }
    return copy;
  }

  /** All 409 answers sent so far. */
  conflictsSent(): number {
    let total = 0;
    for (const stats of this.perApi.values()) {
      total += stats.conflicts['1960'] + stats.conflicts['1965'];
    }
    return total;
  }

  /** Zeroes the counters (running calls stay counted as running). */
  reset(): void {
    for (const [api, stats] of this.perApi) {
      this.perApi.set(api, {
        ...emptyStats(),
        running: stats.running,
        maxConcurrent: stats.running,
      });
    }
  }
}

export type Admission =
  | { admitted: true; headers: Record<string, string>; release: () => void }
  | { admitted: false; code: '1960'; callsToFinish: number; headers: Record<string, string> }
  | { admitted: false; code: '1965'; secondsToWait: number; headers: Record<string, string> };

/**
 * Rolling-window rate limit and concurrency limit per API. Concurrency is checked first, as
 * Qualys does; a refused call does not use up the window.
 */
export class LimitTracker {
  private readonly windows = new Map<ApiKey, number[]>();
  private limits: Partial<Record<ApiKey, Partial<ApiLimit>>>;

  constructor(
    private readonly stats: SimulatorStats,
    private defaults: ApiLimit,
    limits: Partial<Record<ApiKey, Partial<ApiLimit>>> = {},
    private readonly clock: () => number = Date.now,
  ) {
    this.limits = limits;
  }

  limitOf(api: ApiKey): ApiLimit {
    return { ...this.defaults, ...this.limits[api] };
  }

  /** Changes limits while running (tests lower them for one case). */
  configure(api: ApiKey | 'default', limit: Partial<ApiLimit>): void {
    if (api === 'default') {
      this.defaults = { ...this.defaults, ...limit };
    } else {
      this.limits = { ...this.limits, [api]: { ...this.limits[api], ...limit } };
    }
  }

  /** Forgets the calls counted in the rate windows. */
  resetWindows(): void {
    this.windows.clear();
  }

  admit(api: ApiKey): Admission {
    const limit = this.limitOf(api);
    const stats = this.stats.api(api);
    const now = this.clock();
    const window = this.pruned(api, now, limit);
    if (stats.running >= limit.concurrency) {
      return {
        admitted: false,
        code: '1960',
        callsToFinish: stats.running - limit.concurrency + 1,
        headers: this.headers(limit, window, now, stats.running),
      };
    }
    if (window.length >= limit.rateLimit) {
      return {
        admitted: false,
        code: '1965',
        secondsToWait: this.secondsToWait(window, now, limit),
        headers: this.headers(limit, window, now, stats.running),
      };
    }
    window.push(now);
    stats.running += 1;
    stats.maxConcurrent = Math.max(stats.maxConcurrent, stats.running);
    let released = false;
    return {
      admitted: true,
      headers: this.headers(limit, window, now, stats.running),
      release: () => {
        if (!released) {
          released = true;
          stats.running -= 1;
        }
      },
    };
  }

  private pruned(api: ApiKey, now: number, limit: ApiLimit): number[] {
    const window = (this.windows.get(api) ?? []).filter(at => at > now - limit.windowSec * 1000);
    this.windows.set(api, window);
    return window;
  }

  private secondsToWait(window: readonly number[], now: number, limit: ApiLimit): number {
    const oldest = window[0] ?? now;
    return Math.max(1, Math.ceil((oldest + limit.windowSec * 1000 - now) / 1000));
  }

  private headers(
    limit: ApiLimit,
    window: readonly number[],
    now: number,
    running: number,
  ): Record<string, string> {
    const remaining = Math.max(0, limit.rateLimit - window.length);
    return {
      'X-RateLimit-Limit': String(limit.rateLimit),
      'X-RateLimit-Window-Sec': String(limit.windowSec),
      'X-RateLimit-Remaining': String(remaining),
      'X-RateLimit-ToWait-Sec': String(remaining > 0 ? 0 : this.secondsToWait(window, now, limit)),
      'X-Concurrency-Limit-Limit': String(limit.concurrency),
      'X-Concurrency-Limit-Running': String(running),
    };
  }
}

/** PCRS limit: calls per window per PCRS API, answered with HTTP 429 beyond it. */
export class PcrsRateLimiter {
  private readonly windows = new Map<ApiKey, number[]>();

  constructor(
    public limit: number,
    public windowSec: number,
    private readonly clock: () => number = Date.now,
  ) {}

  /** Seconds to wait, or 0 when the call may go (it is then counted). */
  take(api: ApiKey): number {
    const now = this.clock();
    const window = (this.windows.get(api) ?? []).filter(at => at > now - this.windowSec * 1000);
    this.windows.set(api, window);
    if (window.length >= this.limit) {
      return Math.max(1, Math.ceil(((window[0] ?? now) + this.windowSec * 1000 - now) / 1000));
    }
    window.push(now);
    return 0;
  }

  resetWindows(): void {
    this.windows.clear();
  }
}
