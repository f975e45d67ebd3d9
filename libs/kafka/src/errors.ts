import type { z } from 'zod';

/** Event data that does not satisfy its schema; never retriable, the data itself is wrong. */
export class EventValidationError extends Error {
  readonly code = 'EVENT_INVALID';
  readonly retriable = false;

  constructor(
    readonly eventType: string,
    readonly eventVersion: number,
    readonly issues: readonly z.core.$ZodIssue[],
  ) {
    super(`Event ${eventType} v${eventVersion} is invalid: ${describeIssues(issues)}`);
    this.name = 'EventValidationError';
  }
}

export function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues
    .map(issue => `${issue.path.map(String).join('.') || '(root)'}: ${issue.message}`)
    .join('; ');
}
