/**
 * The audit log as the staff pages read it: the activity log's pages
 * (newest first, by family and dates, from a cursor), and the events one
 * action wrote ("try it" applied for real).
 */
import type { Db } from '../../db/database.js';
import type { Tx } from '../../db/transaction.js';
import { addDays, zonedInstant, type IsoDate } from '../../core/time.js';

/** The id of the last audit event (0 when there is none). */
export async function lastAuditId(db: Db): Promise<number> {
  return (await db.auditEvent.findFirst({ orderBy: { id: 'desc' }, select: { id: true } }))?.id ?? 0;
}

/** The audit events written after `id`, oldest first. */
export function auditEventsAfter(db: Db, id: number) {
  return db.auditEvent.findMany({ where: { id: { gt: id } }, orderBy: { id: 'asc' } });
}

/** Records that a staff member ran a guardian's message for real ("try it"). */
export async function recordAppliedByStaff(tx: Tx, e: { at: Date; staffId: number; familyId: number; guardianId: number; text: string }): Promise<void> {
  await tx.auditEvent.create({
    data: { at: e.at, actorType: 'staff', actorId: e.staffId, channel: 'web', action: 'conversation.applied_by_staff', familyId: e.familyId, before: null, after: JSON.stringify({ guardianId: e.guardianId, text: e.text }) },
  });
}

/**
 * One page of the activity log, newest first by instant (the [at] index
 * gives that order), the id breaking ties: `take` events after the event
 * `before` (the last one shown), of the families given (all when null),
 * between two dates of the town's time zone.
 */
export async function activityEvents(db: Db, f: { familyIds: readonly number[] | null; from: IsoDate | null; to: IsoDate | null; before: number | null; timeZone: string; take: number }) {
  const cursor = f.before ? await db.auditEvent.findUnique({ where: { id: f.before }, select: { id: true, at: true } }) : null;
  const { familyIds, from, to } = f;
  return db.auditEvent.findMany({
    where: {
      ...(familyIds ? { familyId: familyIds.length === 1 ? familyIds[0]! : { in: [...familyIds] } } : {}),
      ...(from || to ? { at: { ...(from ? { gte: zonedInstant(from, '00:00', f.timeZone) } : {}), ...(to ? { lt: zonedInstant(addDays(to, 1), '00:00', f.timeZone) } : {}) } } : {}),
      ...(cursor ? { OR: [{ at: { lt: cursor.at } }, { at: cursor.at, id: { lt: cursor.id } }] } : {}),
    },
    orderBy: [{ at: 'desc' }, { id: 'desc' }],
    take: f.take,
  });
}
