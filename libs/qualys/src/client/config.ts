import { z } from 'zod';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;

const httpUrl = z
  .string()
  .url()
  .refine(value => /^https?:\/\//i.test(value), 'must be an http:// or https:// URL')
  .refine(value => !/^https?:\/\/[^/]*@/i.test(value), 'must not carry credentials')
  .transform(value => value.replace(/\/+$/, ''));

const version = z.string().regex(/^\d+\.\d+$/, 'must look like 2.0');
const positiveMs = z.number().int().min(0);

/**
 * API version per endpoint family. Qualys moves endpoints to /api/3.0, 4.0, 5.0 one by one with
 * their own end-of-life dates, so each family is its own setting.
 */
const apiVersionsSchema = z
  .object({
    knowledgeBase: version.default('2.0'),
    qvs: version.default('2.0'),
    hostList: version.default('2.0'),
    hostDetection: version.default('2.0'),
    compliance: version.default('2.0'),
    scan: version.default('2.0'),
    pcrs: version.default('1.0'),
  })
  .prefault({});

/**
 * Idle timeouts, not one total timeout: a Host Detection page of 80 MB legitimately streams for
 * minutes, while a connection that stops sending must fail fast.
 */
const timeoutsSchema = z
  .object({
    connectMs: positiveMs.default(30_000),
    /** Qualys can think for minutes before the first byte of a large detection query. */
    headersMs: positiveMs.default(5 * MINUTE_MS),
    /** Longest silence between two body chunks. */
    bodyIdleMs: positiveMs.default(2 * MINUTE_MS),
  })
  .prefault({});

const limitsSchema = z
  .object({
    /** In-flight calls per API before the first answer tells the real Concurrency-Limit. */
    defaultConcurrency: z.number().int().min(1).default(2),
    /** A rate-limit wait longer than this fails the run instead of sleeping through it. */
    maxRateWaitMs: positiveMs.default(15 * MINUTE_MS),
    /** How many rate-limit waits one call may sit out before it fails. */
    maxRateWaits: z.number().int().min(0).default(5),
    /** Pause when Remaining reaches 0 without a ToWait-Sec: a probe, not a full window. */
    rateProbeDelayMs: positiveMs.default(MINUTE_MS),
    /** Wait after a PCRS 429 that carries no Retry-After. */
    pcrsRateLimitWaitMs: positiveMs.default(MINUTE_MS),
  })
  .prefault({});

const retrySchema = z
  .object({
    /** Attempts per call for 5xx, network errors and cut-off bodies (first call included). */
    maxAttempts: z.number().int().min(1).default(4),
    baseDelayMs: positiveMs.default(1_000),
    maxDelayMs: positiveMs.default(MINUTE_MS),
    /** Back-off base after 409/1960; mature clients wait about 10 s. */
    concurrencyBaseDelayMs: positiveMs.default(10_000),
    maxConcurrencyRetries: z.number().int().min(0).default(6),
  })
  .prefault({});

const pcrsTokenSchema = z
  .object({
    /** Lifetime assumed when the token carries no `exp` claim. */
    lifetimeMs: positiveMs.default(4 * HOUR_MS),
    /** Renew this long before the token expires. */
    renewBeforeMs: positiveMs.default(5 * MINUTE_MS),
  })
  .prefault({});

/** One Qualys subscription (deployment) the product imports from. */
export const qualysSourceSchema = z.object({
  /** Name used in logs, errors, budgets and run reports. */
  name: z.string().min(1),
  /** Platform API base URL, e.g. https://qualysapi.qg2.apps.qualys.com */
  baseUrl: httpUrl,
  /** PCRS gateway URL, e.g. https://gateway.qg2.apps.qualys.com; needed for PCRS calls only. */
  pcrsGatewayUrl: httpUrl.optional(),
  credentials: z.object({ username: z.string().min(1), password: z.string().min(1) }),
  apiVersions: apiVersionsSchema,
  timeouts: timeoutsSchema,
  /** Value of the mandatory X-Requested-With header. */
  requestedWith: z.string().min(1).default('exposure-graph'),
  /** Stop after this many records per listing and report the listing as truncated. */
  recordCap: z.number().int().min(1).nullable().default(null),
  limits: limitsSchema,
  retry: retrySchema,
  pcrsToken: pcrsTokenSchema,
  /** Ask for gzip bodies (XML shrinks about tenfold). */
  acceptGzip: z.boolean().default(true),
  /** Largest error body or small answer read into memory. */
  maxBufferedBytes: z
    .number()
    .int()
    .min(1024)
    .default(32 * 1024 * 1024),
});

export type QualysSourceInput = z.input<typeof qualysSourceSchema>;
export type QualysSource = z.output<typeof qualysSourceSchema>;
export type QualysApiVersions = QualysSource['apiVersions'];

/** Validates a source and fills every default; the message names fields, never their values. */
export function resolveQualysSource(input: QualysSourceInput): QualysSource {
  const parsed = qualysSourceSchema.safeParse(input);
  if (parsed.success) {
    return parsed.data;
  }

  const problems = parsed.error.issues
    .map(issue => `${issue.path.map(String).join('.') || '(root)'}: ${issue.message}`)
    .join('; ');
  throw new Error(`Invalid Qualys source configuration: ${problems}`);
}
