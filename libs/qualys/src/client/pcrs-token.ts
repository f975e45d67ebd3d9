import type { QualysSource } from './config';

interface HeldToken {
  value: string;
  expiresAt: number;
}

/**
 * The PCRS bearer token of one client. Renewed shortly before it expires (from its `exp`
 * claim, or an assumed lifetime when it has none), and on demand after a 401; callers that
 * ask while a renewal runs share it instead of each logging in.
 */
export class PcrsTokens {
  private current: HeldToken | null = null;
  private pending: Promise<string> | null = null;

  constructor(
    private readonly fetchToken: (signal?: AbortSignal) => Promise<string>,
    private readonly settings: QualysSource['pcrsToken'],
    private readonly now: () => number,
  ) {}

  async get(signal?: AbortSignal): Promise<string> {
    const current = this.current;
    if (current && this.now() < current.expiresAt - this.settings.renewBeforeMs) {
      return current.value;
    }

    this.pending ??= this.renew(signal).finally(() => {
      this.pending = null;
    });
    return await this.pending;
  }

  /** Forgets a token the gateway refused; the next `get` fetches a new one. */
  invalidate(value: string | null): void {
    if (this.current && (value === null || this.current.value === value)) {
      this.current = null;
    }
  }

  private async renew(signal?: AbortSignal): Promise<string> {
    const issuedAt = this.now();
    const value = await this.fetchToken(signal);
    this.current = { value, expiresAt: tokenExpiry(value, issuedAt, this.settings.lifetimeMs) };
    return value;
  }
}

/** Epoch ms at which a JWT expires: its `exp` claim, else issue time plus the assumed lifetime. */
export function tokenExpiry(token: string, issuedAt: number, lifetimeMs: number): number {
  const payload = token.split('.')[1];
  if (payload === undefined) {
    return issuedAt + lifetimeMs;
  }

  try {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as unknown;
    const exp = (claims as { exp?: unknown } | null)?.exp;
    return typeof exp === 'number' && Number.isFinite(exp) ? exp * 1000 : issuedAt + lifetimeMs;
  } catch {
    return issuedAt + lifetimeMs;
  }
}
