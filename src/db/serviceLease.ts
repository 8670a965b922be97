/**
 * Which processes are alive, kept in the database: each sender process
 * (`npm start`, an admin command sending its own mail) holds a lease row,
 * `service:ID` or `admin:ID`, that it keeps fresh. Admin commands queue their
 * mail when a service holds a live lease; outbox claims name their process,
 * so the claims of a process that died are taken back at once (same host:
 * its pid is gone; elsewhere: its lease expired) instead of after their
 * `claimedUntil`.
 */
import os from 'node:os';
import type { Db } from './database.js';
import { writeTransaction } from './transaction.js';
import { randomToken } from './outboxStore.js';

export type ProcessRole = 'service' | 'admin';

/** This process, as claims and leases name it: host, pid and a random part (pids are reused). */
export function newProcessId(): string {
  return `${os.hostname()}:${process.pid}:${randomToken(4)}`;
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Whether the process named `holder` is certainly gone. */
function gone(holder: string, expiresAt: Date, now: Date): boolean {
  if (expiresAt.getTime() < now.getTime()) return true;
  const [host, pid] = holder.split(':');
  return host === os.hostname() && Number.isInteger(Number(pid)) && !pidAlive(Number(pid));
}

export class ServiceLeases {
  constructor(private readonly db: Db) {}

  /** Takes or refreshes this process's lease until `now + ttlMs`. */
  async beat(role: ProcessRole, holder: string, now: Date, ttlMs: number): Promise<void> {
    const name = `${role}:${holder}`;
    const expiresAt = new Date(now.getTime() + ttlMs);
    await writeTransaction(this.db, (tx) => tx.serviceLease.upsert({ where: { name }, create: { name, holder, heartbeatAt: now, expiresAt }, update: { heartbeatAt: now, expiresAt } }));
  }

  /** Gives the lease up (a clean stop). */
  async end(role: ProcessRole, holder: string): Promise<void> {
    await writeTransaction(this.db, (tx) => tx.serviceLease.deleteMany({ where: { name: `${role}:${holder}` } }));
  }

  /** Whether a live service (`npm start`) holds a lease now. */
  async serviceRunning(now: Date): Promise<boolean> {
    const rows = await this.db.serviceLease.findMany({ where: { name: { startsWith: 'service:' }, expiresAt: { gte: now } } });
    return rows.some((r) => !gone(r.holder, r.expiresAt, now));
  }

  /** Processes that held a lease and are gone; their rows are removed. */
  async reapDead(now: Date): Promise<string[]> {
    const rows = await this.db.serviceLease.findMany();
    const dead = rows.filter((r) => gone(r.holder, r.expiresAt, now));
    if (dead.length > 0) await writeTransaction(this.db, (tx) => tx.serviceLease.deleteMany({ where: { name: { in: dead.map((r) => r.name) } } }));
    return dead.map((r) => r.holder);
  }
}
