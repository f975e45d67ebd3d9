import { z } from 'zod';

export interface Source {
  id: string;
  name: string;
  apiBaseUrl: string;
  enabled: boolean;
  createdAt: Date;
  updatedAt: Date;
}

/** Input of `addSource`, checked before anything is stored. */
export const newSourceSchema = z.object({
  name: z.string().trim().min(1, 'must not be empty').max(100, 'must be at most 100 characters'),
  apiBaseUrl: z
    .url({ protocol: /^https?$/, message: 'must be an http(s) URL' })
    .transform(url => url.replace(/\/+$/, '')),
  enabled: z.boolean().default(true),
});

export type NewSource = z.input<typeof newSourceSchema>;

export const SOURCE_ERROR_CODES = {
  invalidInput: 'INVALID_INPUT',
  nameTaken: 'SOURCE_NAME_TAKEN',
} as const;

export type SourceErrorCode = (typeof SOURCE_ERROR_CODES)[keyof typeof SOURCE_ERROR_CODES];

/** An expected refusal, returned to the client as a `MutationError`. */
export class SourceError extends Error {
  constructor(
    readonly code: SourceErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'SourceError';
  }
}
