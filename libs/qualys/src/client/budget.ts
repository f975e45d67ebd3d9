/** What the last answer of an API said about its limits (`X-RateLimit-*`, `X-Concurrency-*`). */
export interface LimitHeaders {
  rateLimit: number | null;
  windowSec: number | null;
  remaining: number | null;
  toWaitSec: number | null;
  concurrencyLimit: number | null;
  concurrencyRunning: number | null;
}

export interface BudgetSettings {
  /** Concurrency before the first answer tells the real one. */
  defaultConcurrency: number;
  /** Pause when Remaining is 0 and Qualys gave no ToWait-Sec. */
  rateProbeDelayMs: number;
}

type HeaderValue = string | string[] | undefined;

/** Reads the limit headers of an answer; absent or unreadable values are null. */
export function readLimitHeaders(headers: Record<string, HeaderValue>): LimitHeaders {
  return {
    rateLimit: headerNumber(headers['x-ratelimit-limit']),
    windowSec: headerNumber(headers['x-ratelimit-window-sec']),
    remaining: headerNumber(headers['x-ratelimit-remaining']),
    toWaitSec: headerNumber(headers['x-ratelimit-towait-sec']),
    concurrencyLimit: headerNumber(headers['x-concurrency-limit-limit']),
    concurrencyRunning: headerNumber(headers['x-concurrency-limit-running']),
  };
}

function headerNumber(value: HeaderValue): number | null {
  const text = Array.isArray(value) ? value[0] : value;
  if (text === undefined || text.trim() === '') {
    return null;
  }
  const number = Number(text);
  return Number.isFinite(number) ? number : null;
}

interface Waiter {
  resolve: () => void;
  reject: (reason: unknown) => void;
}

/**
 * The limits of one API of one source, shared by every caller in the process. Qualys counts
 * concurrency per subscription and API, so two imports of the same source must queue behind
 * the same counter or they earn 409s for each other.
 */
export class ApiBudget {
  private concurrencyLimit: number;
  private running = 0;
  private readonly waiters: Waiter[] = [];
  private blockedUntil = 0;
  private last: LimitHeaders | null = null;

  constructor(
    readonly source: string,
    readonly api: string,
    private readonly settings: BudgetSettings,
  ) {
    this.concurrencyLimit = settings.defaultConcurrency;
  }

  get concurrency(): number {
    return this.concurrencyLimit;
  }

  get inFlight(): number {
    return this.running;
  }

  get lastHeaders(): LimitHeaders | null {
    return this.last;
  }

  /** Milliseconds until the rate budget allows a call; 0 when it does now. */
  rateWaitMs(now: number): number {
    return Math.max(0, this.blockedUntil - now);
  }

  /** Takes a slot at once when one is free and nobody queues before us. */
  tryTake(): boolean {
    if (this.waiters.length > 0 || this.running >= this.concurrencyLimit) {
      return false;
    }
    this.running += 1;
    return true;
  }

  /** Queues for a slot; slots are handed over in arrival order. */
  take(signal?: AbortSignal): Promise<void> {
    if (this.tryTake()) {
      return Promise.resolve();
    }

    if (signal?.aborted) {
      return Promise.reject(signal.reason as Error);
    }

    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = { resolve, reject };
      this.waiters.push(waiter);
      signal?.addEventListener(
        'abort',
        () => {
          const index = this.waiters.indexOf(waiter);
          if (index >= 0) {
            this.waiters.splice(index, 1);
            reject(signal.reason as Error);
          }
        },
        { once: true },
      );
    });
  }

  release(): void {
    this.running = Math.max(0, this.running - 1);
    this.handOver();
  }

  /** Learns the limits from an answer's headers. */
  observe(headers: LimitHeaders, now: number): void {
    this.last = headers;

    if (headers.concurrencyLimit !== null && headers.concurrencyLimit >= 1) {
      this.concurrencyLimit = Math.floor(headers.concurrencyLimit);
    }

    if (headers.toWaitSec !== null && headers.toWaitSec > 0) {
      this.blockUntil(now + headers.toWaitSec * 1000);
    } else if (headers.remaining !== null && headers.remaining <= 0) {
      // A rolling window frees its oldest call at an unknown moment; probing soon and letting
      // a 409/1965 name the exact wait beats sleeping through a whole window on a guess.
      const windowMs = (headers.windowSec ?? Number.POSITIVE_INFINITY) * 1000;
      this.blockUntil(now + Math.min(windowMs, this.settings.rateProbeDelayMs));
    }

    this.handOver();
  }

  /** No call of this API before `until` (epoch ms), whoever asks. */
  blockUntil(until: number): void {
    this.blockedUntil = Math.max(this.blockedUntil, until);
  }

  private handOver(): void {
    while (this.waiters.length > 0 && this.running < this.concurrencyLimit) {
      const waiter = this.waiters.shift();
      if (waiter) {
        this.running += 1;
        waiter.resolve();
      }
    }
  }
}

/**
 * Budgets keyed by source and API. The process shares `processBudgets`; a test passes its own
 * registry so that its limits do not leak into the next test.
 */
export class BudgetRegistry {
  private readonly budgets = new Map<string, ApiBudget>();

  get(source: string, api: string, settings: BudgetSettings): ApiBudget {
    const key = JSON.stringify([source, api]);
    let budget = this.budgets.get(key);
    if (!budget) {
      budget = new ApiBudget(source, api, settings);
      this.budgets.set(key, budget);
    }
    return budget;
  }
}

/**
 * The budgets of this process: every client of the same source and API shares one.
 * LIMITATION: per process only; see docs/qualys-client.md, "Budgets are per process".
 */
export const processBudgets = new BudgetRegistry();
