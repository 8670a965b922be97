/** What the activation letters read: the guardians a batch is for, and how many wait for a code. */
import { GuardianId } from '../../core/ids.js';
import { addDays, zonedInstant, type IsoDate } from '../../core/time.js';
import type { Db } from '../../db/database.js';

/** Guardians without any code yet, and guardians whose code is not used yet. */
export async function activationCounts(db: Db): Promise<{ waiting: number; unused: number }> {
  const waiting = await db.guardian.count({ where: { accessState: 'inactive' } });
  const unused = await db.guardian.count({ where: { accessState: 'code_sent' } });
  return { waiting, unused };
}

/**
 * The guardians of a batch: not activated (and, when `again`, those whose
 * code was not used yet), of every family or of those created or updated
 * on a day of the town's time zone, in file order.
 */
export async function guardiansToActivate(db: Db, timeZone: string, choice: { kind: 'not_activated' } | { kind: 'changed_on'; date: IsoDate }, again: boolean) {
  const states = again ? ['inactive', 'code_sent'] : ['inactive'];
  let familyIds: number[] | null = null;
  if (choice.kind === 'changed_on') {
    const from = zonedInstant(choice.date, '00:00', timeZone);
    const to = zonedInstant(addDays(choice.date, 1), '00:00', timeZone);
    const events = await db.auditEvent.findMany({
      where: { action: { in: ['family.create', 'family.update'] }, at: { gte: from, lt: to }, familyId: { not: null } },
      select: { familyId: true },
      distinct: ['familyId'],
    });
    familyIds = events.map((e) => e.familyId!);
  }
  const rows = [];
  // `in` lists in slices: SQLite takes at most 999 parameters at once.
  for (let i = 0; i < (familyIds?.length ?? 1); i += 500) {
    rows.push(
      ...(await db.guardian.findMany({
        where: { accessState: { in: states }, ...(familyIds ? { familyId: { in: familyIds.slice(i, i + 500) } } : {}) },
        select: { id: true, family: { select: { reference: true } } },
      })),
    );
    if (!familyIds) break;
  }
  return rows.sort((a, b) => a.family.reference.localeCompare(b.family.reference, 'fr', { numeric: true }) || a.id - b.id).map((r) => ({ familyReference: r.family.reference, guardianId: GuardianId(r.id) }));
}
