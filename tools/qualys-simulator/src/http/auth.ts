import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** An account of the simulated subscription. */
export interface SimulatorUser {
  username: string;
  password: string;
  /** The account has expired: FO calls answer HTTP 200 with SIMPLE_RETURN CODE 2001. */
  expired?: boolean;
}

export const DEFAULT_USERS: readonly SimulatorUser[] = [
  { username: 'qualys', password: 'qualys' },
  { username: 'expired', password: 'expired', expired: true },
];

export type BasicAuthResult =
  { ok: true; user: SimulatorUser } | { ok: false; reason: 'missing' | 'invalid' };

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

export function findUser(
  users: readonly SimulatorUser[],
  username: string,
  password: string,
): SimulatorUser | undefined {
  return users.find(u => u.username === username && sameText(u.password, password));
}

export function checkBasicAuth(
  header: string | undefined,
  users: readonly SimulatorUser[],
): BasicAuthResult {
  const match = /^Basic\s+(\S+)$/i.exec(header ?? '');
  if (!match?.[1]) {
    return { ok: false, reason: 'missing' };
  }
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  const user =
    colon < 0 ? undefined : findUser(users, decoded.slice(0, colon), decoded.slice(colon + 1));
  return user ? { ok: true, user } : { ok: false, reason: 'invalid' };
}

function base64Url(value: string | Buffer): string {
  return Buffer.from(value).toString('base64url');
}

export type TokenCheck = 'valid' | 'expired' | 'invalid';

/**
 * PCRS bearer tokens: signed JWTs (HS256) with `exp`, so they look and age like the gateway's.
 * Only this simulator can verify them; their lifetime is configurable so tests can let them expire.
 */
export class TokenIssuer {
  private readonly secret = randomBytes(32);
  /** Tokens of an older generation than this count as expired (see expireAll). */
  private generation = 0;

  constructor(
    public lifetimeSec: number,
    private readonly clock: () => number = Date.now,
  ) {}

  issue(username: string): string {
    const iat = Math.floor(this.clock() / 1000);
    const header = base64Url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
    const payload = base64Url(
      JSON.stringify({
        sub: username,
        iat,
        exp: iat + this.lifetimeSec,
        gen: this.generation,
        jti: randomBytes(8).toString('hex'),
      }),
    );
    return `${header}.${payload}.${this.sign(`${header}.${payload}`)}`;
  }

  check(token: string): TokenCheck {
    const [header, payload, signature] = token.split('.');
    if (
      !header ||
      !payload ||
      !signature ||
      !sameText(signature, this.sign(`${header}.${payload}`))
    ) {
      return 'invalid';
    }
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as {
      exp?: number;
      gen?: number;
    };
    const now = Math.floor(this.clock() / 1000);
    if (claims.exp === undefined || claims.exp <= now || (claims.gen ?? -1) < this.generation) {
      return 'expired';
    }
    return 'valid';
  }

  /** Every token issued so far is now expired; new ones are valid. */
  expireAll(): void {
    this.generation += 1;
  }

  private sign(input: string): string {
    return createHmac('sha256', this.secret).update(input).digest('base64url');
  }
}
