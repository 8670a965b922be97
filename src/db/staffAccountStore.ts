/** Staff accounts, roles, sessions and failed sign-ins (Prisma, portable: no raw SQL). */
import type { StaffId } from '../core/ids.js';
import type { Actor, Channel } from '../core/model.js';
import { isRole, type Role, type StaffAccounts } from '../core/staff/staffAccounts.js';
import type { Db } from './database.js';
import { writeAudit } from './audit.js';
import { writeTransaction } from './transaction.js';

export class PrismaStaffAccounts implements StaffAccounts {
  constructor(private readonly db: Db) {}

  save(email: string, passwordHash: string, role: Role | null, by: { actor: Actor; channel: Channel; now: Date }) {
    return writeTransaction(this.db, async (tx) => {
      const existing = await tx.staffUser.findUnique({ where: { email } });
      const final: Role = role ?? (existing ? (isRole(existing.role) ? existing.role : 'agent') : (await tx.staffUser.count()) === 0 ? 'administrateur' : 'agent');
      if (existing) {
        await tx.staffUser.update({ where: { id: existing.id }, data: { passwordHash, mustChangePassword: true, role: final } });
        await tx.staffSession.updateMany({ where: { staffId: existing.id, revokedAt: null }, data: { revokedAt: by.now } });
      } else {
        await tx.staffUser.create({ data: { email, passwordHash, mustChangePassword: true, role: final } });
      }
      await writeAudit(tx, [{ at: by.now, actor: by.actor, channel: by.channel, action: existing ? 'staff.password_reset' : 'staff.create', familyId: null, before: existing ? { email, role: existing.role } : null, after: { email, role: final } }]);
      return { existed: existing !== null, role: final };
    });
  }

  update(id: StaffId, change: { role?: Role; disabled?: boolean }, by: { actor: Actor; channel: Channel; now: Date }) {
    return writeTransaction(this.db, async (tx) => {
      const user = await tx.staffUser.findUnique({ where: { id } });
      if (!user) return false;
      const role = change.role ?? user.role;
      const disabled = change.disabled ?? user.disabledAt !== null;
      if ((role !== 'administrateur' || disabled) && user.role === 'administrateur' && user.disabledAt === null) {
        const admins = await tx.staffUser.count({ where: { role: 'administrateur', disabledAt: null } });
        if (admins <= 1) return false;
      }
      await tx.staffUser.update({ where: { id }, data: { role, disabledAt: disabled ? (user.disabledAt ?? by.now) : null } });
      if (disabled) await tx.staffSession.updateMany({ where: { staffId: id, revokedAt: null }, data: { revokedAt: by.now } });
      const entries = [];
      if (role !== user.role) entries.push({ action: 'staff.role_change', before: { email: user.email, role: user.role }, after: { email: user.email, role } });
      if (disabled !== (user.disabledAt !== null)) entries.push({ action: disabled ? 'staff.disable' : 'staff.enable', before: null, after: { email: user.email } });
      await writeAudit(tx, entries.map((e) => ({ ...e, at: by.now, actor: by.actor, channel: by.channel, familyId: null })));
      return true;
    });
  }
}

/** Signed-in sessions: a row per session, so signing out (or an account disabled) holds across restarts. */
export class PrismaStaffSessions {
  constructor(private readonly db: Db) {}

  async open(id: string, staffId: number, now: Date): Promise<void> {
    await this.db.staffSession.create({ data: { id, staffId, createdAt: now, lastSeenAt: now } });
  }

  /** Whether the session is live (not revoked, used within `idleMs`); refreshes its last use now and then. */
  async check(id: string, staffId: number, now: Date, idleMs: number): Promise<boolean> {
    const row = await this.db.staffSession.findUnique({ where: { id } });
    if (!row || row.staffId !== staffId || row.revokedAt || now.getTime() - row.lastSeenAt.getTime() > idleMs) return false;
    // One write a minute at most per session, not one per page.
    if (now.getTime() - row.lastSeenAt.getTime() > 60_000) await this.db.staffSession.updateMany({ where: { id, revokedAt: null }, data: { lastSeenAt: now } });
    return true;
  }

  async revoke(id: string, now: Date): Promise<void> {
    await this.db.staffSession.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: now } });
  }

  /** Ends every session of an account but `except`. */
  async revokeAll(staffId: number, now: Date, except?: string): Promise<void> {
    await this.db.staffSession.updateMany({ where: { staffId, revokedAt: null, ...(except ? { id: { not: except } } : {}) }, data: { revokedAt: now } });
  }

  async live(now: Date, idleMs: number): Promise<Map<number, number>> {
    const rows = await this.db.staffSession.groupBy({ by: ['staffId'], where: { revokedAt: null, lastSeenAt: { gt: new Date(now.getTime() - idleMs) } }, _count: { _all: true } });
    return new Map(rows.map((r) => [r.staffId, r._count._all]));
  }
}

/** Failed sign-ins by key ("account:…", "client:…"), kept in the database. */
export class PrismaLoginFailures {
  constructor(private readonly db: Db) {}

  /** The instants of the failures of `key` since `since`, oldest first. */
  async since(key: string, since: Date): Promise<Date[]> {
    return (await this.db.loginFailure.findMany({ where: { key, at: { gt: since } }, orderBy: { at: 'asc' }, select: { at: true } })).map((r) => r.at);
  }

  /** Records one failure (or attempt) per key at `at`; returns the rows' ids, for `remove`. */
  async add(keys: string[], at: Date): Promise<number[]> {
    const ids: number[] = [];
    for (const key of keys) ids.push((await this.db.loginFailure.create({ data: { key, at }, select: { id: true } })).id);
    return ids;
  }

  async remove(ids: number[]): Promise<void> {
    await this.db.loginFailure.deleteMany({ where: { id: { in: ids } } });
  }

  async clear(key: string): Promise<void> {
    await this.db.loginFailure.deleteMany({ where: { key } });
  }

  /** Forgets failures older than `before` (kept small). */
  async prune(before: Date): Promise<void> {
    await this.db.loginFailure.deleteMany({ where: { at: { lt: before } } });
  }
}
