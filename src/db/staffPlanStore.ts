/** The adults planned per service and day (src/core/supervision/planStaff.ts), on Prisma: the same on SQLite and PostgreSQL. */
import { actorTag } from '../core/model.js';
import type { StaffPlanStore } from '../core/supervision/planStaff.js';
import type { IsoDate } from '../core/time.js';
import type { Db } from './database.js';
import { writeAudit } from './audit.js';
import { writeTransaction } from './transaction.js';

export class PrismaStaffPlanStore implements StaffPlanStore {
  constructor(private readonly db: Db) {}

  async plannedOn(date: IsoDate): Promise<Map<string, number>> {
    const rows = await this.db.staffPlan.findMany({ where: { date }, select: { serviceCode: true, adults: true } });
    return new Map(rows.map((r) => [r.serviceCode, r.adults]));
  }

  set(date: IsoDate, serviceCode: string, adults: number, by: Parameters<StaffPlanStore['set']>[3]): Promise<{ before: number | null }> {
    return writeTransaction(this.db, async (tx) => {
      const key = { date_serviceCode: { date, serviceCode } };
      const before = (await tx.staffPlan.findUnique({ where: key, select: { adults: true } }))?.adults ?? null;
      if (before === adults) return { before };
      const data = { adults, updatedAt: by.at, updatedBy: actorTag(by.actor) };
      await tx.staffPlan.upsert({ where: key, create: { date, serviceCode, ...data }, update: data });
      await writeAudit(tx, [{ at: by.at, actor: by.actor, channel: by.channel, action: 'staff_plan.set', familyId: null, before: before === null ? null : { date, serviceCode, adults: before }, after: { date, serviceCode, adults } }]);
      return { before };
    });
  }
}
