/**
 * The children of a day's services as the supervision ratios count them:
 * per service, birth date, booking state and roll-call tick, how many
 * (src/core/supervision/ratios.ts decides who counts and in which age
 * group). Starts from the day's bookings on the Booking(date, serviceCode,
 * state) index; plain SQL both SQLite and PostgreSQL run.
 */
import { Prisma } from '../../generated/prisma/client.js';
import type { Db } from '../../db/database.js';
import type { SupervisedChild } from '../../core/supervision/ratios.js';
import type { IsoDate } from '../../core/time.js';

/** Per service code, the day's children holding a place (booked or reported absent), grouped alike. */
export async function supervisedChildren(db: Db, date: IsoDate, serviceCodes: readonly string[]): Promise<Map<string, SupervisedChild[]>> {
  const out = new Map<string, SupervisedChild[]>(serviceCodes.map((c) => [c, []]));
  if (serviceCodes.length === 0) return out;
  const rows = await db.$queryRaw<{ serviceCode: string; birthDate: string; state: string; attendance: string | null; n: bigint | number }[]>`
    SELECT b."serviceCode" AS "serviceCode", c."birthDate" AS "birthDate", b."state" AS "state", b."attendance" AS "attendance", COUNT(*) AS "n"
    FROM "Booking" b JOIN "Child" c ON c."id" = b."childId"
    WHERE b."date" = ${date} AND b."serviceCode" IN (${Prisma.join([...serviceCodes])}) AND b."state" IN ('booked', 'absent')
    GROUP BY b."serviceCode", c."birthDate", b."state", b."attendance"`;
  for (const r of rows) out.get(r.serviceCode)?.push({ birthDate: r.birthDate, state: r.state, attendance: r.attendance, count: Number(r.n) });
  return out;
}
