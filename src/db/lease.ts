/**
 * Leases, the one module for them: a named row of the Lease table that one
 * process holds until it expires, renewed while the process lives (take and
 * renew: `tryLease`; release: `releaseLease`; expire: `reapDead`). Works the
 * same on SQLite and PostgreSQL (one conditional UPDATE decides: the row is
 * free, expired, or already ours). Names:
 *   - `instance:HOLDER`: `npm start` runs (restore refuses then; admin
 *     commands leave their mail to it);
 *   - `admin:HOLDER`: an admin command sending mail itself;
 *   - `leader:mail`, `leader:outbox`, `leader:backup`: of several processes
 *     on one database only one reads the mailbox, sends the outbox, takes
 *     the nightly backup; another takes over when that one dies.
 * Outbox claims name their holder too (src/db/outboxStore.ts), so the claims
 * and leases of a process that died are taken back at once (same host: its
 * pid is gone; elsewhere: its process lease expired).
 *
 *   const mail = keepLease(db, 'leader:mail', { onChange: (held) => … });
 *   if (mail.held()) …;   await mail.stop();
 *
 * Instants come from this process's clock: hosts sharing a database should
 * keep their clocks in sync (NTP) well within `ttlMs`.
 */
import crypto from 'node:crypto';
import os from 'node:os';
import type { Db } from './database.js';

/** Who this process is, in lease rows and outbox claims: host, pid and a random part (pids are reused). */
export const PROCESS_HOLDER = `${os.hostname()}:${process.pid}:${crypto.randomBytes(4).toString('hex')}`;

/** The name of the lease that says a service (`npm start`) is running. */
export const instanceLeaseName = (holder = PROCESS_HOLDER) => `instance:${holder}`;

/** The name of the lease of an admin command that sends mail itself. */
export const adminLeaseName = (holder = PROCESS_HOLDER) => `admin:${holder}`;

/** Leases that say a process lives (the others are jobs a process holds). */
export const PROCESS_PREFIXES = ['instance:', 'admin:'] as const;

export interface LeaseOptions {
  /** Who holds it (default: this process). */
  holder?: string;
  /** How long a lease lasts without renewal. */
  ttlMs?: number;
  /** How often it is renewed, or tried again when another process holds it. */
  renewMs?: number;
  clock?: () => Date;
  /** Told when this process gains (true) or loses (false) the lease. */
  onChange?: (held: boolean) => void;
  log?: (line: string) => void;
}

/** A lease kept by a background timer. */
export interface KeptLease {
  readonly name: string;
  /** Whether this process holds it now (as of the last renewal). */
  held(): boolean;
  /** Resolves once the first attempt is done. */
  readonly ready: Promise<void>;
  /** Stops renewing and gives the lease up. */
  stop(): Promise<void>;
}

export const DEFAULT_TTL_MS = 15_000;
export const DEFAULT_RENEW_MS = 5_000;

/**
 * One attempt: takes or renews `name` for `holder` until now + ttl; true when
 * held. A row held by another holder and not yet expired is left alone.
 */
export async function tryLease(db: Db, name: string, holder: string, ttlMs: number, now: Date): Promise<boolean> {
  const expiresAt = new Date(now.getTime() + ttlMs);
  const taken = await db.lease.updateMany({
    where: { name, OR: [{ holder }, { expiresAt: { lt: now } }] },
    data: { holder, expiresAt },
  });
  if (taken.count === 1) return true;
  try {
    await db.lease.create({ data: { name, holder, expiresAt } });
    return true;
  } catch (error) {
    if ((error as { code?: string }).code === 'P2002') return false; // someone else's, alive
    throw error;
  }
}

/** Gives `name` up if `holder` has it. */
export async function releaseLease(db: Db, name: string, holder: string): Promise<void> {
  await db.lease.deleteMany({ where: { name, holder } });
}

/** The holders of unexpired leases whose name starts with `prefix`. */
export async function liveHolders(db: Db, prefix: string, now: Date): Promise<{ name: string; holder: string; expiresAt: Date }[]> {
  return db.lease.findMany({ where: { name: { startsWith: prefix }, expiresAt: { gt: now } } });
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Whether the process named `holder` ran on this host and its pid is gone. */
function pidGone(holder: string): boolean {
  const [host, pid] = holder.split(':');
  return host === os.hostname() && /^\d+$/.test(pid ?? '') && !pidAlive(Number(pid));
}

/** Whether the process named `holder` is certainly gone: its lease expired, or it ran on this host and its pid is gone. */
export function holderGone(holder: string, expiresAt: Date, now: Date): boolean {
  return expiresAt.getTime() <= now.getTime() || pidGone(holder);
}

/** Whether a live service (`npm start`) holds its instance lease on this database now. */
export async function serviceRunning(db: Db, now: Date): Promise<boolean> {
  const rows = await liveHolders(db, 'instance:', now);
  return rows.some((r) => !holderGone(r.holder, r.expiresAt, now));
}

/**
 * Expiry: finds the processes that held a process lease and are gone,
 * removes expired rows and every row of a process whose pid is gone (its
 * jobs' leases too, so that another process takes them over at once), and
 * returns the holders that are gone, whose outbox claims the caller takes
 * back (PrismaOutboxStore.releaseHolders).
 */
export async function reapDead(db: Db, now: Date): Promise<string[]> {
  const rows = await db.lease.findMany();
  const processRows = rows.filter((r) => PROCESS_PREFIXES.some((p) => r.name.startsWith(p)));
  const killed = [...new Set(processRows.filter((r) => pidGone(r.holder)).map((r) => r.holder))];
  const dead = new Set([...killed, ...processRows.filter((r) => r.expiresAt.getTime() <= now.getTime()).map((r) => r.holder)]);
  if (killed.length > 0 || rows.some((r) => r.expiresAt.getTime() <= now.getTime())) {
    // An expired row renewed meanwhile (its holder came back) is kept.
    await db.lease.deleteMany({ where: { OR: [{ holder: { in: killed } }, { expiresAt: { lte: now } }] } });
  }
  return [...dead];
}

/** Tries to hold `name` now and every `renewMs`, until stopped. */
export function keepLease(db: Db, name: string, opts: LeaseOptions = {}): KeptLease {
  const holder = opts.holder ?? PROCESS_HOLDER;
  const ttlMs = opts.ttlMs ?? DEFAULT_TTL_MS;
  const renewMs = opts.renewMs ?? DEFAULT_RENEW_MS;
  const clock = opts.clock ?? (() => new Date());
  let held = false;
  let heldUntil = 0;
  let stopped = false;
  let busy: Promise<void> = Promise.resolve();

  const set = (next: boolean) => {
    if (next === held) return;
    held = next;
    opts.onChange?.(next);
  };
  const attempt = async () => {
    if (stopped) return;
    const now = clock();
    try {
      const ok = await tryLease(db, name, holder, ttlMs, now);
      if (ok) heldUntil = now.getTime() + ttlMs;
      set(ok);
    } catch (error) {
      // The database is unreachable: we hold it only until it would expire.
      opts.log?.(`bail ${name} : ${(error as Error).message}`);
      if (clock().getTime() >= heldUntil - renewMs) set(false);
    }
  };
  busy = attempt();
  const timer = setInterval(() => {
    busy = busy.then(attempt);
  }, renewMs);
  timer.unref();
  return {
    name,
    held: () => held && clock().getTime() < heldUntil,
    ready: busy,
    async stop() {
      if (stopped) return;
      stopped = true;
      clearInterval(timer);
      await busy;
      if (held) {
        set(false);
        await releaseLease(db, name, holder).catch(() => undefined);
      }
    },
  };
}
