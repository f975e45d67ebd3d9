import { type ApiKey } from '../apis';

/**
 * What can go wrong on purpose. Each injected fault applies to the next call(s) of its API (or
 * of any API) after authentication and limits, one fault per call, first injected first used.
 */
export type Fault =
  /** HTTP 409 with SIMPLE_RETURN 1960 (concurrency) or 1965 (rate, with SECONDS_TO_WAIT). */
  | { kind: 'conflict'; code: '1960' | '1965'; secondsToWait?: number }
  /** The connection is destroyed once this many body bytes have been sent. */
  | { kind: 'cutOff'; afterBytes: number }
  /** Headers and body start only after this delay (the call counts as running meanwhile). */
  | { kind: 'slowFirstByte'; delayMs: number }
  /** A SIMPLE_RETURN error with an HTTP status that says success (default 200, code 2001). */
  | { kind: 'errorCode'; code?: string; text?: string; status?: number }
  /** The first record's key is replaced by `abc` (e.g. a DETECTION with QID abc). */
  | { kind: 'malformedRecord' }
  /** HTTP 200 with an empty body. */
  | { kind: 'empty' }
  /** HTTP 5xx (default 503) with a short HTML body. */
  | { kind: 'serverError'; status?: number };

export type FaultKind = Fault['kind'];

/** A fault to inject: for one API (or any) and for a number of calls (default 1). */
export type FaultRule = Fault & { api?: ApiKey; times?: number };

interface PendingFault {
  fault: Fault;
  api?: ApiKey;
  remaining: number;
}

export class FaultInjector {
  private readonly queue: PendingFault[] = [];
  private usedCount = 0;

  /** Queues a fault; returns this injector so calls can be chained. */
  inject(rule: FaultRule): this {
    const { api, times, ...fault } = rule;
    if (times !== undefined && (!Number.isInteger(times) || times < 1)) {
      throw new Error(`Fault times must be a positive integer, got ${times}`);
    }
    this.queue.push({ fault: fault, api, remaining: times ?? 1 });
    return this;
  }

  /** The fault for this call of `api`, if one is pending (it is then used up once). */
  take(api: ApiKey): Fault | undefined {
    const pending = this.queue.find(p => p.api === undefined || p.api === api);
    if (!pending) {
      return undefined;
    }
    pending.remaining -= 1;
    if (pending.remaining === 0) {
      this.queue.splice(this.queue.indexOf(pending), 1);
    }
    this.usedCount += 1;
    return pending.fault;
  }

  /** Calls still to be faulted. */
  pending(): number {
    return this.queue.reduce((sum, p) => sum + p.remaining, 0);
  }

  /** Faults applied so far. */
  used(): number {
    return this.usedCount;
  }

  clear(): void {
    this.queue.length = 0;
  }
}
