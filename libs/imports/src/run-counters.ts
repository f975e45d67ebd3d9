/**
 * Named counters of one run (seen, created, updated, unchanged, closed, rejected...). They are
 * committed with each page, so a run that continues an interrupted one starts from the counts
 * that were committed and its report covers the whole import.
 */
export class RunCounters {
  private readonly values: Record<string, number>;

  constructor(initial: Record<string, number> = {}) {
    this.values = { ...initial };
  }

  add(name: string, amount = 1): void {
    this.values[name] = (this.values[name] ?? 0) + amount;
  }

  get(name: string): number {
    return this.values[name] ?? 0;
  }

  snapshot(): Record<string, number> {
    return { ...this.values };
  }
}
