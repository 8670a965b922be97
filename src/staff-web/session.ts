/**
 * Sessions as signed cookies (HMAC-SHA256 with the app secret): nothing is
 * written to the database per request. A session holds a random nonce (the
 * basis of its CSRF token), and once signed in the staff id and a
 * fingerprint of the password hash, so changing the password ends every
 * other session. Signing out forgets the nonce for the rest of the
 * session's life (in memory; a restart forgets it, the cookie itself is
 * cleared from the browser).
 *
 * The cookies themselves are read and written by @fastify/cookie; the
 * values are signed here rather than with its `signed` option, because a
 * value is a JSON payload signed for one purpose (session, flash), which
 * cookie-signature's single key and plain string do not express.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** How long a session lasts after sign-in, at most. */
export const SESSION_MAX_AGE_MS = 12 * 3_600_000;

export const SESSION_COOKIE = 'pf_session';
export const FLASH_COOKIE = 'pf_flash';

export interface SessionData {
  /** Random, per session: the CSRF secret is derived from it. */
  nonce: string;
  /**
   * The secret @fastify/csrf-protection checks this session's tokens
   * against (its `sessionKey`): an HMAC of the nonce with the app secret,
   * never sent to the browser.
   */
  csrfSecret: string;
  /** When the session was issued (ms since epoch). */
  issuedAt: number;
  staffId: number | null;
  /** Fingerprint of the staff member's password hash at sign-in. */
  pw: string | null;
}

export interface Flash {
  kind: 'ok' | 'error';
  lines: string[];
}

function b64(s: string | Buffer): string {
  return Buffer.from(s).toString('base64url');
}

export class Sessions {
  private readonly revoked = new Map<string, number>();

  constructor(private readonly secret: string) {}

  private mac(purpose: string, value: string): string {
    return createHmac('sha256', this.secret).update(`${purpose}:${value}`).digest('base64url');
  }

  private sign(purpose: string, payload: unknown): string {
    const body = b64(JSON.stringify(payload));
    return `${body}.${this.mac(purpose, body)}`;
  }

  private unsign<T>(purpose: string, value: string | undefined): T | null {
    if (!value) return null;
    const dot = value.lastIndexOf('.');
    if (dot <= 0) return null;
    const body = value.slice(0, dot);
    const given = Buffer.from(value.slice(dot + 1));
    const expected = Buffer.from(this.mac(purpose, body));
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    try {
      return JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as T;
    } catch {
      return null;
    }
  }

  /** A new session (anonymous, or signed in as `staff`). */
  issue(now: Date, staff?: { id: number; passwordHash: string }): SessionData {
    const nonce = randomBytes(18).toString('base64url');
    return { nonce, csrfSecret: this.csrfSecret(nonce), issuedAt: now.getTime(), staffId: staff?.id ?? null, pw: staff ? this.fingerprint(staff.passwordHash) : null };
  }

  encode(session: SessionData): string {
    return this.sign('session', [session.nonce, session.issuedAt, session.staffId, session.pw]);
  }

  /** The session a cookie carries, if its signature holds, it has not expired and was not signed out. */
  decode(cookie: string | undefined, now: Date): SessionData | null {
    const v = this.unsign<[string, number, number | null, string | null]>('session', cookie);
    if (!Array.isArray(v) || v.length !== 4 || typeof v[0] !== 'string' || typeof v[1] !== 'number') return null;
    const session: SessionData = { nonce: v[0], csrfSecret: this.csrfSecret(v[0]), issuedAt: v[1], staffId: typeof v[2] === 'number' ? v[2] : null, pw: typeof v[3] === 'string' ? v[3] : null };
    if (now.getTime() - session.issuedAt > SESSION_MAX_AGE_MS || session.issuedAt > now.getTime() + 60_000) return null;
    if (this.revoked.has(session.nonce)) return null;
    return session;
  }

  /** Ends a session for good (sign-out). */
  revoke(session: SessionData, now: Date): void {
    for (const [nonce, until] of this.revoked) if (until < now.getTime()) this.revoked.delete(nonce);
    this.revoked.set(session.nonce, session.issuedAt + SESSION_MAX_AGE_MS);
  }

  /** Whether the session was opened with the password `passwordHash` is now. */
  matchesPassword(session: SessionData, passwordHash: string): boolean {
    return session.pw !== null && session.pw === this.fingerprint(passwordHash);
  }

  private fingerprint(passwordHash: string): string {
    return this.mac('password', passwordHash).slice(0, 22);
  }

  private csrfSecret(nonce: string): string {
    return this.mac('csrf', nonce);
  }

  encodeFlash(flash: Flash): string {
    return this.sign('flash', flash);
  }

  decodeFlash(cookie: string | undefined): Flash | null {
    const f = this.unsign<Flash>('flash', cookie);
    if (!f || (f.kind !== 'ok' && f.kind !== 'error') || !Array.isArray(f.lines)) return null;
    return { kind: f.kind, lines: f.lines.filter((l): l is string => typeof l === 'string') };
  }
}
