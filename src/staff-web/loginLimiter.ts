/**
 * Sign-in throttling, kept in the database so it holds across restarts and
 * processes: after `account.attempts` failures for one email within the
 * window, that account refuses attempts (even with the right password)
 * until the oldest failure leaves the window, whatever address they come
 * from; after `client.attempts` failures from one client address (any
 * emails: password spraying), so does that client. The client address is
 * fastify's `req.ip`, which honours X-Forwarded-For only when `trustProxy`
 * is configured — behind a proxy without it every agent shares the proxy's
 * address, hence a client limit well above the account one.
 */
import type { PrismaLoginFailures } from '../db/staffAccountStore.js';

export interface LoginLimits {
  account: { attempts: number; windowMs: number };
  client: { attempts: number; windowMs: number };
}

export const DEFAULT_LOGIN_LIMITS: LoginLimits = { account: { attempts: 5, windowMs: 15 * 60_000 }, client: { attempts: 30, windowMs: 15 * 60_000 } };

export class LoginLimiter {
  constructor(
    private readonly failures: PrismaLoginFailures,
    private readonly limits: LoginLimits,
    private readonly now: () => Date,
  ) {}

  private keys(email: string, client: string) {
    return [
      { key: `account:${email}`, ...this.limits.account },
      { key: `client:${client}`, ...this.limits.client },
    ];
  }

  /** Milliseconds until the next attempt for this email from this client is allowed; 0 when it is. */
  async waitMs(email: string, client: string): Promise<number> {
    const now = this.now().getTime();
    let wait = 0;
    for (const k of this.keys(email, client)) {
      const list = await this.failures.since(k.key, new Date(now - k.windowMs));
      if (list.length >= k.attempts) wait = Math.max(wait, list[list.length - k.attempts]!.getTime() + k.windowMs - now);
    }
    return wait;
  }

  async fail(email: string, client: string): Promise<void> {
    const now = this.now();
    await this.failures.add(this.keys(email, client).map((k) => k.key), now);
    await this.failures.prune(new Date(now.getTime() - Math.max(this.limits.account.windowMs, this.limits.client.windowMs) * 2));
  }

  /** A right password clears the account's failures (the client's stay: spraying must not reset itself). */
  async succeed(email: string): Promise<void> {
    await this.failures.clear(`account:${email}`);
  }
}
