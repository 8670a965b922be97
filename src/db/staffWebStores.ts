/**
 * The stores of the staff web's own use cases (closures, staff passwords),
 * on the same Prisma client and write transactions as the other stores.
 */
import type { ExtraClosure } from '../core/calendar.js';
import type { ClosureStore, DaySlot } from '../core/closures/closeDay.js';
import { ChildId, FamilyId, type StaffId } from '../core/ids.js';
import type { Actor, Channel } from '../core/model.js';
import type { StaffPasswords } from '../core/staff/changeStaffPassword.js';
import type { IsoDate } from '../core/time.js';
import type { Db } from './database.js';
import { writeAudit } from './audit.js';
import { writeTransaction } from './transaction.js';

export class PrismaClosureStore implements ClosureStore {
  constructor(
    private readonly db: Db,
    private readonly staffEmail: (id: StaffId) => Promise<string>,
  ) {}

  atomically<T>(fn: () => Promise<T>): Promise<T> {
    return writeTransaction(this.db, () => fn());
  }

  private async by(actor: Actor): Promise<string> {
    return actor.type === 'staff' ? await this.staffEmail(actor.id) : actor.type;
  }

  async add(c: ExtraClosure, by: { actor: Actor; channel: Channel; at: Date }) {
    const createdBy = await this.by(by.actor);
    return writeTransaction(this.db, async (tx) => {
      // serviceCode is part of a unique key but may be null, which SQLite never finds equal: looked up by hand.
      const same = await tx.closure.findFirst({ where: { date: c.date, serviceCode: c.serviceCode } });
      if (same) return { created: false };
      await tx.closure.create({ data: { date: c.date, serviceCode: c.serviceCode, reason: c.reason, createdBy, createdAt: by.at } });
      await writeAudit(tx, [{ at: by.at, actor: by.actor, channel: by.channel, action: 'closure.add', familyId: null, before: null, after: c }]);
      return { created: true };
    });
  }

  async daySlots(date: IsoDate, serviceCodes: readonly string[]): Promise<DaySlot[]> {
    const rows = await this.db.booking.findMany({
      where: { date, serviceCode: { in: [...serviceCodes] }, state: { in: ['booked', 'absent', 'waiting'] } },
      select: { childId: true, serviceCode: true, state: true, child: { select: { familyId: true, firstName: true } } },
    });
    return rows.map((r) => ({ childId: ChildId(r.childId), familyId: FamilyId(r.child.familyId), firstName: r.child.firstName, serviceCode: r.serviceCode, state: r.state as DaySlot['state'] }));
  }

  pause(): Promise<void> {
    // The SQLite driver answers synchronously: without a turn of the event loop, a long run of batches would starve every other request.
    return new Promise((resolve) => setImmediate(resolve));
  }

  async remove(date: IsoDate, serviceCode: string | null, by: { actor: Actor; channel: Channel; at: Date }) {
    return writeTransaction(this.db, async (tx) => {
      const row = await tx.closure.findFirst({ where: { date, serviceCode } });
      if (!row) return null;
      await tx.closure.delete({ where: { id: row.id } });
      const closure: ExtraClosure = { date: row.date as IsoDate, serviceCode: row.serviceCode, reason: row.reason };
      await writeAudit(tx, [{ at: by.at, actor: by.actor, channel: by.channel, action: 'closure.remove', familyId: null, before: closure, after: null }]);
      return closure;
    });
  }
}

export class PrismaStaffPasswords implements StaffPasswords {
  constructor(private readonly db: Db) {}

  async passwordHash(id: StaffId) {
    return (await this.db.staffUser.findUnique({ where: { id }, select: { passwordHash: true } }))?.passwordHash ?? null;
  }

  async setPassword(id: StaffId, passwordHash: string, by: { channel: Channel; at: Date }) {
    await writeTransaction(this.db, async (tx) => {
      const user = await tx.staffUser.update({ where: { id }, data: { passwordHash, mustChangePassword: false } });
      await writeAudit(tx, [{ at: by.at, actor: { type: 'staff', id }, channel: by.channel, action: 'staff.password_change', familyId: null, before: null, after: { email: user.email } }]);
    });
  }
}
