/**
 * The rows of one day that staff lists need (who is booked, by school and
 * class, meals, the roll call), read in SQL for speed. Booking has no index
 * on its date (see prisma/schema.prisma): each query walks the children and
 * looks their rows up through the (childId, serviceCode, date) key, which
 * stays fast on a whole year of bookings. CROSS JOIN makes SQLite keep that order
 * (PostgreSQL plans joins itself, and has no CROSS JOIN … ON: a plain JOIN there).
 * Identifiers are quoted: PostgreSQL folds unquoted ones to lower case.
 */
import { Prisma } from '../../generated/prisma/client.js';
import { providerOf, type Db } from '../../db/database.js';
import type { IsoDate } from '../../core/time.js';

const n = (v: unknown) => Number(v ?? 0);

/** Child then Booking, in that order on SQLite. */
const childThenBooking = (db: Db) => Prisma.raw(providerOf(db) === 'postgresql' ? '"Child" c JOIN "Booking" b' : '"Child" c CROSS JOIN "Booking" b');

/** Per service, school, class and state: how many children that day (cancelled rows aside). */
export async function classCounts(db: Db, date: IsoDate, serviceCodes: readonly string[]) {
  if (serviceCodes.length === 0) return [];
  const rows = await db.$queryRaw<{ serviceCode: string; school: string; className: string; state: string; n: bigint | number }[]>`
    SELECT b."serviceCode" AS "serviceCode", c."school" AS "school", c."className" AS "className", b."state" AS "state", COUNT(*) AS "n"
    FROM ${childThenBooking(db)} ON b."childId" = c."id" AND b."serviceCode" IN (${Prisma.join([...serviceCodes])}) AND b."date" = ${date}
    WHERE b."state" IN ('booked', 'absent', 'waiting')
    GROUP BY b."serviceCode", c."school", c."className", b."state"`;
  return rows.map((r) => ({ serviceCode: r.serviceCode, school: r.school, className: r.className, state: r.state, count: n(r.n) }));
}

/** Canteen meals of a day by meal type: children booked (to cook for) and reported absent. */
export async function mealCounts(db: Db, date: IsoDate, serviceCode: string) {
  const rows = await db.$queryRaw<{ mealType: string; state: string; n: bigint | number }[]>`
    SELECT c."mealType" AS "mealType", b."state" AS "state", COUNT(*) AS "n"
    FROM ${childThenBooking(db)} ON b."childId" = c."id" AND b."serviceCode" = ${serviceCode} AND b."date" = ${date}
    WHERE b."state" IN ('booked', 'absent')
    GROUP BY c."mealType", b."state"`;
  return rows.map((r) => ({ mealType: r.mealType, state: r.state, count: n(r.n) }));
}

export interface RollCallRow {
  childId: number;
  familyId: number;
  reference: string;
  firstName: string;
  lastName: string;
  school: string;
  className: string;
  mealType: string;
  pai: boolean;
  state: string;
  absenceReason: string | null;
  absenceJustified: boolean | null;
  phones: string[];
}

/**
 * The children booked for a service on a day (absent ones too, marked), by
 * school, class and name, with their guardians' phones; `paiOnly` keeps
 * those with a PAI (what the kitchen must know by name).
 */
export async function rollCall(db: Db, date: IsoDate, serviceCode: string, opts: { paiOnly?: boolean } = {}): Promise<RollCallRow[]> {
  const rows = await db.$queryRaw<
    { childId: number; familyId: number; reference: string; firstName: string; lastName: string; school: string; className: string; mealType: string; pai: unknown; state: string; absenceReason: string | null; absenceJustified: unknown }[]
  >`
    SELECT c."id" AS "childId", c."familyId" AS "familyId", f."reference" AS "reference", c."firstName" AS "firstName", c."lastName" AS "lastName",
           c."school" AS "school", c."className" AS "className", c."mealType" AS "mealType", c."pai" AS "pai",
           b."state" AS "state", b."absenceReason" AS "absenceReason", b."absenceJustified" AS "absenceJustified"
    FROM ${childThenBooking(db)} ON b."childId" = c."id" AND b."serviceCode" = ${serviceCode} AND b."date" = ${date}
    JOIN "Family" f ON f."id" = c."familyId"
    WHERE b."state" IN ('booked', 'absent') ${opts.paiOnly ? Prisma.sql`AND c."pai" = TRUE` : Prisma.empty}`;
  const familyIds = [...new Set(rows.map((r) => Number(r.familyId)))];
  const phones = new Map<number, string[]>();
  if (familyIds.length > 0) {
    const guardians = await db.guardian.findMany({ where: { familyId: { in: familyIds } }, select: { familyId: true, phone: true }, orderBy: { id: 'asc' } });
    for (const g of guardians) if (g.phone) phones.set(g.familyId, [...(phones.get(g.familyId) ?? []), g.phone]);
  }
  const collator = new Intl.Collator('fr', { numeric: true });
  return rows
    .map((r) => ({
      childId: Number(r.childId),
      familyId: Number(r.familyId),
      reference: r.reference,
      firstName: r.firstName,
      lastName: r.lastName,
      school: r.school,
      className: r.className,
      mealType: r.mealType,
      pai: Boolean(Number(r.pai)),
      state: r.state,
      absenceReason: r.absenceReason,
      absenceJustified: r.absenceJustified === null ? null : Boolean(Number(r.absenceJustified)),
      phones: phones.get(Number(r.familyId)) ?? [],
    }))
    .sort((a, b) => collator.compare(a.school, b.school) || collator.compare(a.className, b.className) || collator.compare(a.lastName, b.lastName) || collator.compare(a.firstName, b.firstName));
}

export interface WaitingRow {
  bookingId: number;
  childId: number;
  familyId: number;
  reference: string;
  firstName: string;
  lastName: string;
  className: string;
  school: string;
  serviceCode: string;
  date: IsoDate;
  since: Date;
  /** Place in its list, from 1. */
  rank: number;
  /** How many wait in its list. */
  total: number;
}

/**
 * Waiting lists between two dates, each in its order (first come first);
 * with `limit`, only the first places of each list (and each list's size).
 */
export async function waitingLists(db: Db, from: IsoDate, to: IsoDate, serviceCodes: readonly string[], limit = 1_000_000): Promise<WaitingRow[]> {
  if (serviceCodes.length === 0) return [];
  const rows = await db.$queryRaw<
    { bookingId: number; childId: number; familyId: number; reference: string; firstName: string; lastName: string; className: string; school: string; serviceCode: string; date: string; since: unknown; rank: unknown; total: unknown }[]
  >`
    WITH waiting AS (
      SELECT b."id" AS "bookingId", c."id" AS "childId", c."familyId" AS "familyId", b."serviceCode" AS "serviceCode", b."date" AS "date", b."waitingSince" AS "since",
             ROW_NUMBER() OVER (PARTITION BY b."serviceCode", b."date" ORDER BY b."waitingSince", b."id") AS "rank",
             COUNT(*) OVER (PARTITION BY b."serviceCode", b."date") AS "total"
      FROM ${childThenBooking(db)} ON b."childId" = c."id" AND b."serviceCode" IN (${Prisma.join([...serviceCodes])}) AND b."date" BETWEEN ${from} AND ${to}
      WHERE b."state" = 'waiting'
    )
    SELECT w."bookingId", w."childId", w."familyId", f."reference" AS "reference", c."firstName" AS "firstName", c."lastName" AS "lastName", c."className" AS "className", c."school" AS "school",
           w."serviceCode", w."date", w."since", w."rank", w."total"
    FROM waiting w JOIN "Child" c ON c."id" = w."childId" JOIN "Family" f ON f."id" = w."familyId"
    WHERE w."rank" <= ${limit}
    ORDER BY w."date", w."serviceCode", w."rank"`;
  return rows.map((r) => ({
    bookingId: Number(r.bookingId),
    childId: Number(r.childId),
    familyId: Number(r.familyId),
    reference: r.reference,
    firstName: r.firstName,
    lastName: r.lastName,
    className: r.className,
    school: r.school,
    serviceCode: r.serviceCode,
    date: r.date as IsoDate,
    since: r.since instanceof Date ? r.since : new Date(String(r.since)),
    rank: Number(r.rank),
    total: Number(r.total),
  }));
}
