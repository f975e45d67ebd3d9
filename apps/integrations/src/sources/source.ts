import { INTEGRATION_KINDS, type IntegrationKind } from '@exposure-graph/events';
import { z } from 'zod';

/** A Qualys deployment as the rest of the service sees it: never with its credentials. */
export interface Source {
  id: string;
  name: string;
  apiBaseUrl: string;
  pcrsGatewayUrl: string | null;
  enabled: boolean;
  integrations: IntegrationKind[];
  hasCredentials: boolean;
  createdAt: Date;
  updatedAt: Date;
}

/** What a Qualys call needs to log in; only ever held in memory, sealed at rest. */
export interface SourceCredentials {
  username: string;
  password: string;
}

const ALL_INTEGRATIONS = Object.values(INTEGRATION_KINDS);

/**
 * A platform base URL: http(s), no credentials, query or fragment in it (they would end up in
 * every request and in events), and never a link-local address such as a cloud metadata
 * endpoint. Loopback and private addresses stay allowed: private cloud platforms and the
 * simulator live there.
 */
const httpUrl = z
  .url({ protocol: /^https?$/, message: 'must be an http(s) URL' })
  .refine(value => {
    const url = new URL(value);
    return url.username === '' && url.password === '';
  }, 'must not contain credentials; give them as username and password')
  .refine(value => {
    const url = new URL(value);
    return url.search === '' && url.hash === '';
  }, 'must not have a query or fragment')
  .refine(
    value => !/^(169\.254\.|\[fe80:)/i.test(new URL(value).hostname),
    'must not be link-local',
  )
  .transform(url => url.replace(/\/+$/, ''));

// Control characters in a name would break log lines and reports.
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/;

/** Input of `addSource`, checked before anything is stored. */
export const newSourceSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(100, 'must be at most 100 characters')
    .refine(name => !CONTROL_CHARACTERS.test(name), 'must not contain control characters'),
  apiBaseUrl: httpUrl,
  pcrsGatewayUrl: httpUrl.nullable().default(null),
  username: z.string().min(1, 'must not be empty').max(200, 'must be at most 200 characters'),
  password: z.string().min(1, 'must not be empty').max(1000, 'must be at most 1000 characters'),
  enabled: z.boolean().default(true),
  integrations: z
    .array(z.enum(ALL_INTEGRATIONS as [IntegrationKind], { message: 'unknown integration' }))
    .default(ALL_INTEGRATIONS),
});

export type NewSource = z.input<typeof newSourceSchema>;

export const SOURCE_ERROR_CODES = {
  invalidInput: 'INVALID_INPUT',
  nameTaken: 'SOURCE_NAME_TAKEN',
  notFound: 'SOURCE_NOT_FOUND',
  disabled: 'SOURCE_DISABLED',
  integrationDisabled: 'INTEGRATION_DISABLED',
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
