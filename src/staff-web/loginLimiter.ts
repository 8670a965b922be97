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
 *
 * A sign-in takes its attempt with `begin` before the password is checked:
 * the attempt is written as a failure first, then the failures are counted,
 * so guesses sent side by side count each other (checking first and writing
 * after, 40 guesses at once all passed the check of the 5 allowed).
 */
import type { PrismaLoginFailures } from '../db/staffAccountStore.js';

export interface LoginLimits {
  account: { attempts: number; windowMs: number };
  client: { attempts: number; windowMs: number };
}

/** An attempt `begin` allowed: its rows, counted as failures until `succeed` takes them back. */
export interface LoginAttempt {
  ids: number[];
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

  /**
   * Takes an attempt for this email from this client: recorded as a failure
   * at once, then allowed only when, with it, neither limit is passed. A
   * refused attempt is taken back (it checks no password, so it is no
   * failure, and an attacker does not keep the lock going by trying). An
   * allowed one stays a failure unless `succeed` is given it.
   */
  async begin(email: string, client: string): Promise<{ waitMs: 0; attempt: LoginAttempt } | { waitMs: number; attempt?: undefined }> {
    const now = this.now();
    const keys = this.keys(email, client);
    const ids = await this.failures.add(keys.map((k) => k.key), now);
    let over = false;
    for (const k of keys) if ((await this.failures.since(k.key, new Date(now.getTime() - k.windowMs))).length > k.attempts) over = true;
    if (!over) return { waitMs: 0, attempt: { ids } };
    await this.failures.remove(ids);
    // Attempts taken side by side may all be refused for a moment: say one second at least.
    return { waitMs: Math.max(1000, await this.waitMs(email, client)) };
  }

  async fail(email: string, client: string): Promise<void> {
    const now = this.now();
    await this.failures.add(this.keys(email, client).map((k) => k.key), now);
    await this.failures.prune(new Date(now.getTime() - Math.max(this.limits.account.windowMs, this.limits.client.windowMs) * 2));
  }

  /**
   * A right password clears the account's failures (the client's stay: spraying must not reset itself);
   * the attempt `begin` took is no failure of the client either.
   */
  async succeed(email: string, attempt?: LoginAttempt): Promise<void> {
    if (attempt) await this.failures.remove(attempt.ids);
    await this.failures.clear(`account:${email}`);
  }

  /** Old failures go (the table stays small). */
  async prune(): Promise<void> {
    await this.failures.prune(new Date(this.now().getTime() - Math.max(this.limits.account.windowMs, this.limits.client.windowMs) * 2));
  }
}
