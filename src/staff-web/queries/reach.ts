/**
 * Whether the families staff just touched can hear of it: a guardian with
 * Telegram linked or an email address is reached (see src/notifications.ts);
 * a family with neither must be called, so its names and phones are listed.
 */
import type { Db } from '../../db/database.js';
import type { IsoDate } from '../../core/time.js';

export interface FamilyToCall {
  familyId: number;
  reference: string;
  guardians: { name: string; phone: string | null }[];
}

const CHUNK = 500;

/** Of these families, how many are reached, and the ones to call. */
export async function familiesReach(db: Db, familyIds: readonly number[]): Promise<{ reached: number; toCall: FamilyToCall[] }> {
  const ids = [...new Set(familyIds)];
  let reached = 0;
  const toCall: FamilyToCall[] = [];
  for (let i = 0; i < ids.length; i += CHUNK) {
    const families = await db.family.findMany({
      where: { id: { in: ids.slice(i, i + CHUNK) } },
      select: { id: true, reference: true, guardians: { select: { name: true, phone: true, email: true, telegramChatId: true } } },
    });
    for (const f of families) {
      if (f.guardians.some((g) => g.telegramChatId || g.email)) reached++;
      else toCall.push({ familyId: f.id, reference: f.reference, guardians: f.guardians.map((g) => ({ name: g.name, phone: g.phone })) });
    }
  }
  return { reached, toCall: toCall.sort((a, b) => a.reference.localeCompare(b.reference)) };
}

/** The families whose bookings of a day staff cancelled and that no channel reaches: to call. */
export async function familiesToCallOn(db: Db, date: IsoDate): Promise<FamilyToCall[]> {
  const rows = await db.$queryRaw<{ familyId: number }[]>`
    SELECT DISTINCT c."familyId" AS "familyId" FROM "Booking" b JOIN "Child" c ON c."id" = b."childId"
    WHERE b."date" = ${date} AND b."state" = 'cancelled' AND b."changedBy" LIKE 'staff:%'
      AND NOT EXISTS (SELECT 1 FROM "Guardian" g WHERE g."familyId" = c."familyId" AND (g."telegramChatId" IS NOT NULL OR g."email" IS NOT NULL))`;
  return (await familiesReach(db, rows.map((r) => Number(r.familyId)))).toCall;
}
