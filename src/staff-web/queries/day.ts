/**
 * The rows of one day that staff lists need (who is booked, by school and
 * class, meals, the roll call, the waiting lists), read in SQL for speed.
 * Every query starts from the day's bookings through the
 * Booking(date, serviceCode, state, childId, attendance, absenceJustified)
 * index, then joins their children: the cost follows the day's size, not
 * the town's (and counts, the roll call's summary and its CSV read the
 * bookings from the index alone). Plain SQL that SQLite and
 * PostgreSQL both run (identifiers quoted, no engine-specific functions).
 */
import { Prisma } from '../../generated/prisma/client.js';
import type { Db } from '../../db/database.js';
import type { IsoDate } from '../../core/time.js';
import { sortChildren } from '../schoolOrder.js';

const n = (v: unknown) => Number(v ?? 0);
const bool = (v: unknown) => v === true || v === 1 || v === 1n || v === '1' || v === 't' || v === 'true';

/** Per service, school, class and state: how many children that day (cancelled rows aside). */
export async function classCounts(db: Db, date: IsoDate, serviceCodes: readonly string[]) {
  if (serviceCodes.length === 0) return [];
  const rows = await db.$queryRaw<{ serviceCode: string; school: string; className: string; state: string; n: bigint | number }[]>`
    SELECT b."serviceCode" AS "serviceCode", c."school" AS "school", c."className" AS "className", b."state" AS "state", COUNT(*) AS "n"
    FROM "Booking" b JOIN "Child" c ON c."id" = b."childId"
    WHERE b."date" = ${date} AND b."serviceCode" IN (${Prisma.join([...serviceCodes])}) AND b."state" IN ('booked', 'absent', 'waiting')
    GROUP BY b."serviceCode", c."school", c."className", b."state"`;
  return rows.map((r) => ({ serviceCode: r.serviceCode, school: r.school, className: r.className, state: r.state, count: n(r.n) }));
}

/** Meals of a day for a service by meal type: children booked (to cook for) and reported absent. */
export async function mealCounts(db: Db, date: IsoDate, serviceCode: string) {
  const rows = await db.$queryRaw<{ mealType: string; state: string; n: bigint | number }[]>`
    SELECT c."mealType" AS "mealType", b."state" AS "state", COUNT(*) AS "n"
    FROM "Booking" b JOIN "Child" c ON c."id" = b."childId"
    WHERE b."date" = ${date} AND b."serviceCode" = ${serviceCode} AND b."state" IN ('booked', 'absent')
    GROUP BY c."mealType", b."state"`;
  return rows.map((r) => ({ mealType: r.mealType, state: r.state, count: n(r.n) }));
}

/**
 * A date range as SQL: a list of days when short, so the
 * Booking(date, serviceCode, state) index is entered exactly at each
 * (day, service, state) instead of scanning every service of every day.
 */
function daysIn(from: IsoDate, to: IsoDate): Prisma.Sql {
  const days: string[] = [];
  for (let d = new Date(`${from}T00:00:00Z`); d.toISOString().slice(0, 10) <= to && days.length <= 62; d.setUTCDate(d.getUTCDate() + 1)) days.push(d.toISOString().slice(0, 10));
  return days.length <= 62 ? Prisma.sql`b."date" IN (${Prisma.join(days)})` : Prisma.sql`b."date" BETWEEN ${from} AND ${to}`;
}

/** Meals booked per day and meal type between two dates (the kitchen's forecast). */
export async function mealForecast(db: Db, from: IsoDate, to: IsoDate, serviceCodes: readonly string[]) {
  if (serviceCodes.length === 0) return [];
  const rows = await db.$queryRaw<{ date: string; serviceCode: string; mealType: string; n: bigint | number }[]>`
    SELECT b."date" AS "date", b."serviceCode" AS "serviceCode", c."mealType" AS "mealType", COUNT(*) AS "n"
    FROM "Booking" b JOIN "Child" c ON c."id" = b."childId"
    WHERE ${daysIn(from, to)} AND b."serviceCode" IN (${Prisma.join([...serviceCodes])}) AND b."state" = 'booked'
    GROUP BY b."date", b."serviceCode", c."mealType"`;
  return rows.map((r) => ({ date: r.date as IsoDate, serviceCode: r.serviceCode, mealType: r.mealType, count: n(r.n) }));
}

export interface RollCallRow {
  bookingId: number;
  childId: number;
  familyId: number;
  reference: string;
  firstName: string;
  lastName: string;
  birthDate: string;
  school: string;
  className: string;
  mealType: string;
  pai: boolean;
  paiAllergens: string | null;
  paiProtocol: string | null;
  state: string;
  absenceReason: string | null;
  absenceJustified: boolean | null;
  /** Ticked on the roll call: "present", "absent" or null. */
  attendance: string | null;
  phones: string[];
}

/**
 * The children booked for a service on a day (absent ones too, marked), in
 * school order (school, class level, name), with their guardians' phones;
 * `paiOnly` keeps those with a PAI (what the kitchen must know by name):
 * that list starts from the few children with a PAI (a CROSS JOIN, which
 * SQLite keeps in that order and PostgreSQL plans as any join).
 * The phones come from a second query joined on the same day's bookings
 * (no list of ids sent back, whatever the day's size); `withPhones: false`
 * skips it (the kitchen's PAI lists show none).
 */
export async function rollCall(db: Db, date: IsoDate, serviceCode: string, opts: { paiOnly?: boolean; schools?: readonly string[]; classes?: readonly string[]; withPhones?: boolean } = {}): Promise<RollCallRow[]> {
  if (opts.schools?.length === 0 || opts.classes?.length === 0) return [];
  const pai = Prisma.sql`${opts.paiOnly ? Prisma.sql`AND c."pai" = true` : Prisma.empty} ${opts.schools ? Prisma.sql`AND c."school" IN (${Prisma.join([...opts.schools])})` : Prisma.empty} ${opts.classes ? Prisma.sql`AND c."className" IN (${Prisma.join([...opts.classes])})` : Prisma.empty}`;
  const rows = await db.$queryRaw<
    { bookingId: number; childId: number; familyId: number; reference: string; firstName: string; lastName: string; birthDate: string; school: string; className: string; mealType: string; pai: unknown; paiAllergens: string | null; paiProtocol: string | null; state: string; absenceReason: string | null; absenceJustified: unknown; attendance: string | null }[]
  >`
    SELECT b."id" AS "bookingId", c."id" AS "childId", c."familyId" AS "familyId", f."reference" AS "reference", c."firstName" AS "firstName", c."lastName" AS "lastName", c."birthDate" AS "birthDate",
           c."school" AS "school", c."className" AS "className", c."mealType" AS "mealType", c."pai" AS "pai", c."paiAllergens" AS "paiAllergens", c."paiProtocol" AS "paiProtocol",
           b."state" AS "state", b."absenceReason" AS "absenceReason", b."absenceJustified" AS "absenceJustified", b."attendance" AS "attendance"
    FROM ${opts.paiOnly ? Prisma.sql`"Child" c CROSS JOIN "Booking" b` : Prisma.sql`"Booking" b JOIN "Child" c ON c."id" = b."childId"`} JOIN "Family" f ON f."id" = c."familyId"
    WHERE b."childId" = c."id" AND b."date" = ${date} AND b."serviceCode" = ${serviceCode} AND b."state" IN ('booked', 'absent') ${pai}`;
  const withPhones = opts.withPhones ?? true;
  const phones = withPhones ? await phonesOf(db, rows, date, serviceCode, pai) : new Map<number, string[]>();
  return sortChildren(
    rows.map((r) => ({
      bookingId: Number(r.bookingId),
      childId: Number(r.childId),
      familyId: Number(r.familyId),
      reference: r.reference,
      firstName: r.firstName,
      lastName: r.lastName,
      birthDate: r.birthDate,
      school: r.school,
      className: r.className,
      mealType: r.mealType,
      pai: bool(r.pai),
      paiAllergens: r.paiAllergens,
      paiProtocol: r.paiProtocol,
      state: r.state,
      absenceReason: r.absenceReason,
      absenceJustified: r.absenceJustified === null ? null : bool(r.absenceJustified),
      attendance: r.attendance,
      phones: phones.get(Number(r.familyId)) ?? [],
    })),
  );
}

/**
 * The guardians' phones of the families of a roll call's rows, in guardian
 * order: by their ids when few, else joined on the same day's bookings (no
 * list of thousands of ids sent back, whatever the day's size).
 */
async function phonesOf(db: Db, rows: readonly { familyId: unknown }[], date: IsoDate, serviceCode: string, filter: Prisma.Sql): Promise<Map<number, string[]>> {
  const phones = new Map<number, string[]>();
  if (rows.length === 0) return phones;
  const familyIds = [...new Set(rows.map((r) => Number(r.familyId)))];
  const guardians =
    familyIds.length <= 500
      ? await db.$queryRaw<{ familyId: number; phone: string }[]>`
      SELECT g."familyId" AS "familyId", g."phone" AS "phone" FROM "Guardian" g
      WHERE g."phone" IS NOT NULL AND g."familyId" IN (${Prisma.join(familyIds)}) ORDER BY g."id"`
      : await db.$queryRaw<{ familyId: number; phone: string }[]>`
      SELECT g."familyId" AS "familyId", g."phone" AS "phone" FROM "Guardian" g
      WHERE g."phone" IS NOT NULL AND g."familyId" IN (
        SELECT c."familyId" FROM "Booking" b JOIN "Child" c ON c."id" = b."childId"
        WHERE b."date" = ${date} AND b."serviceCode" = ${serviceCode} AND b."state" IN ('booked', 'absent') ${filter})
      ORDER BY g."id"`;
  for (const g of guardians) {
    const id = Number(g.familyId);
    const list = phones.get(id);
    if (list) list.push(g.phone);
    else phones.set(id, [g.phone]);
  }
  return phones;
}

/** A roll call row as its CSV export needs it (what the page alone shows is left out). */
export type RollCallCsvRow = Pick<
  RollCallRow,
  'familyId' | 'reference' | 'firstName' | 'lastName' | 'school' | 'className' | 'mealType' | 'pai' | 'paiAllergens' | 'paiProtocol' | 'state' | 'absenceJustified' | 'attendance' | 'phones'
>;

/** Separators of the packed roll call (ASCII unit and record separators: no name holds them). */
const FIELD = '\u001f';
const RECORD = '\u001e';
/** A family id in the packed phones (made once: a literal would be a new object for each of 10,000 phones). */
const FAMILY_ID = /^\d+$/;

/**
 * The roll call for its CSV export (a whole city's day: 10,000 rows), the
 * same children and order as rollCall. At that size what costs is not
 * SQLite but turning 10,000 rows of a dozen columns into JavaScript values
 * (the driver's, then Prisma's): so the database packs the day into one
 * string (each child's fields joined with separators by `concat_ws`, the
 * children by `string_agg`, which SQLite ≥ 3.44 and PostgreSQL both run),
 * and the families' phones into another, split here. A value holding a
 * separator (never typed, but the database does not forbid it) makes the
 * packed form ambiguous: then the rows are read one by one instead.
 */
export async function rollCallForCsv(db: Db, date: IsoDate, serviceCode: string, opts: { schools?: readonly string[]; classes?: readonly string[] } = {}): Promise<RollCallCsvRow[]> {
  if (opts.schools?.length === 0 || opts.classes?.length === 0) return [];
  const filter = Prisma.sql`${opts.schools ? Prisma.sql`AND c."school" IN (${Prisma.join([...opts.schools])})` : Prisma.empty} ${opts.classes ? Prisma.sql`AND c."className" IN (${Prisma.join([...opts.classes])})` : Prisma.empty}`;
  // One statement (one round trip on PostgreSQL). concat_ws leaves NULLs out,
  // so each nullable field is made '' first (the field count is checked below).
  const query = Prisma.sql`
    SELECT (SELECT string_agg(concat_ws(${FIELD},
      c."familyId", f."reference", c."firstName", c."lastName", c."school", c."className", c."mealType", CASE WHEN c."pai" THEN '1' ELSE '0' END,
      COALESCE(c."paiAllergens", ''), COALESCE(c."paiProtocol", ''), b."state", CASE WHEN b."absenceJustified" IS NULL THEN '' WHEN b."absenceJustified" THEN '1' ELSE '0' END,
      COALESCE(b."attendance", '')), ${RECORD})
    FROM "Booking" b JOIN "Child" c ON c."id" = b."childId" JOIN "Family" f ON f."id" = c."familyId"
    WHERE b."date" = ${date} AND b."serviceCode" = ${serviceCode} AND b."state" IN ('booked', 'absent') ${filter}) AS "day",
    -- The guardians' phones of those families, packed the same way, in guardian order (one sort, not one per child).
    (SELECT string_agg(concat_ws(${FIELD}, g."familyId", g."phone"), ${RECORD} ORDER BY g."id") FROM "Guardian" g
    WHERE g."phone" IS NOT NULL AND g."familyId" IN (
      SELECT c."familyId" FROM "Booking" b JOIN "Child" c ON c."id" = b."childId"
      WHERE b."date" = ${date} AND b."serviceCode" = ${serviceCode} AND b."state" IN ('booked', 'absent') ${filter})) AS "phones"`;
  const [packed] = await db.$queryRaw<{ day: string | null; phones: string | null }[]>(query);
  if (!packed?.day) return [];
  const phonesOfFamily = new Map<string, string[]>();
  for (const record of packed.phones ? packed.phones.split(RECORD) : []) {
    const cut = record.indexOf(FIELD);
    const family = record.slice(0, cut);
    if (cut <= 0 || !FAMILY_ID.test(family)) return rollCallForCsvByRows(db, date, serviceCode, filter);
    const list = phonesOfFamily.get(family);
    if (list) list.push(record.slice(cut + 1));
    else phonesOfFamily.set(family, [record.slice(cut + 1)]);
  }
  const out: RollCallCsvRow[] = [];
  const none: string[] = [];
  for (const record of packed.day.split(RECORD)) {
    const f = record.split(FIELD);
    if (f.length !== 13) return rollCallForCsvByRows(db, date, serviceCode, filter);
    out.push({
      familyId: Number(f[0]),
      reference: f[1]!,
      firstName: f[2]!,
      lastName: f[3]!,
      school: f[4]!,
      className: f[5]!,
      mealType: f[6]!,
      pai: f[7] === '1',
      paiAllergens: f[8] || null,
      paiProtocol: f[9] || null,
      state: f[10]!,
      absenceJustified: f[11] === '' ? null : f[11] === '1',
      attendance: f[12] || null,
      phones: phonesOfFamily.get(f[0]!) ?? none,
    });
  }
  return sortChildren(out);
}

/** The same rows read one by one (when a value holds a separator of the packed form). */
async function rollCallForCsvByRows(db: Db, date: IsoDate, serviceCode: string, filter: Prisma.Sql): Promise<RollCallCsvRow[]> {
  const rows = await db.$queryRaw<
    { familyId: number; reference: string; firstName: string; lastName: string; school: string; className: string; mealType: string; pai: unknown; paiAllergens: string | null; paiProtocol: string | null; state: string; absenceJustified: unknown; attendance: string | null }[]
  >`
    SELECT c."familyId" AS "familyId", f."reference" AS "reference", c."firstName" AS "firstName", c."lastName" AS "lastName",
           c."school" AS "school", c."className" AS "className", c."mealType" AS "mealType", c."pai" AS "pai", c."paiAllergens" AS "paiAllergens", c."paiProtocol" AS "paiProtocol",
           b."state" AS "state", b."absenceJustified" AS "absenceJustified", b."attendance" AS "attendance"
    FROM "Booking" b JOIN "Child" c ON c."id" = b."childId" JOIN "Family" f ON f."id" = c."familyId"
    WHERE b."date" = ${date} AND b."serviceCode" = ${serviceCode} AND b."state" IN ('booked', 'absent') ${filter}`;
  const phones = await phonesOf(db, rows, date, serviceCode, filter);
  const none: string[] = [];
  // Copied into plain objects of one shape: the raw result's objects are slow to read 10,000 times over (sort, CSV).
  return sortChildren(
    rows.map((r) => ({
      familyId: Number(r.familyId),
      reference: r.reference,
      firstName: r.firstName,
      lastName: r.lastName,
      school: r.school,
      className: r.className,
      mealType: r.mealType,
      pai: bool(r.pai),
      paiAllergens: r.paiAllergens,
      paiProtocol: r.paiProtocol,
      state: r.state,
      absenceJustified: r.absenceJustified === null ? null : bool(r.absenceJustified),
      attendance: r.attendance,
      phones: phones.get(Number(r.familyId)) ?? none,
    })),
  );
}

/** A roll call's numbers by school, class, state and attendance, without its rows (a whole city's day at a glance). */
export async function rollCallSummary(db: Db, date: IsoDate, serviceCode: string) {
  const rows = await db.$queryRaw<{ school: string; className: string; state: string; attendance: string | null; n: bigint | number }[]>`
    SELECT c."school" AS "school", c."className" AS "className", b."state" AS "state", b."attendance" AS "attendance", COUNT(*) AS "n"
    FROM "Booking" b JOIN "Child" c ON c."id" = b."childId"
    WHERE b."date" = ${date} AND b."serviceCode" = ${serviceCode} AND b."state" IN ('booked', 'absent')
    GROUP BY c."school", c."className", b."state", b."attendance"`;
  return rows.map((r) => ({ school: r.school, className: r.className, state: r.state, attendance: r.attendance, count: n(r.n) }));
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
      SELECT b."id" AS "bookingId", b."childId" AS "childId", b."serviceCode" AS "serviceCode", b."date" AS "date", b."waitingSince" AS "since",
             ROW_NUMBER() OVER (PARTITION BY b."serviceCode", b."date" ORDER BY b."waitingSince", b."id") AS "rank",
             COUNT(*) OVER (PARTITION BY b."serviceCode", b."date") AS "total"
      FROM "Booking" b
      WHERE ${daysIn(from, to)} AND b."serviceCode" IN (${Prisma.join([...serviceCodes])}) AND b."state" = 'waiting'
    )
    SELECT w."bookingId" AS "bookingId", w."childId" AS "childId", c."familyId" AS "familyId", f."reference" AS "reference", c."firstName" AS "firstName", c."lastName" AS "lastName",
           c."className" AS "className", c."school" AS "school", w."serviceCode" AS "serviceCode", w."date" AS "date", w."since" AS "since", w."rank" AS "rank", w."total" AS "total"
    FROM waiting w JOIN "Child" c ON c."id" = w."childId" JOIN "Family" f ON f."id" = c."familyId"
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
