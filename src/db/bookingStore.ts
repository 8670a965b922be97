/** The core's BookingStore on SQLite or PostgreSQL through Prisma. */
import type { ExtraClosure } from '../core/calendar.js';
import { BookingId, ChildId, FamilyId } from '../core/ids.js';
import { actorTag, dayKey, type BookingRecord, type BookingStateName } from '../core/model.js';
import type { BookingListRow, BookingStore, BookingTx, BookingWrite } from '../core/ports.js';
import type { IsoDate } from '../core/time.js';
import { providerOf, type Db, type Provider } from './database.js';
import { sqliteExecute, sqliteQuery, writeTransaction, type Tx } from './transaction.js';
import { writeAudit } from './audit.js';


type BookingRow = {
  id: number;
  childId: number;
  serviceCode: string;
  date: string;
  state: string;
  absenceReason: string | null;
  absenceJustified: boolean | null;
  waitingSince: Date | null;
};

function toRecord(r: BookingRow): BookingRecord {
  const base = { id: BookingId(r.id), childId: ChildId(r.childId), serviceCode: r.serviceCode, date: r.date as IsoDate };
  switch (r.state) {
    case 'booked':
      return { ...base, state: 'booked' };
    case 'absent':
      return { ...base, state: 'absent', reason: r.absenceReason ?? '', justified: r.absenceJustified };
    case 'waiting':
      return { ...base, state: 'waiting', since: r.waitingSince ?? new Date(0) };
    default:
      return { ...base, state: 'cancelled' };
  }
}

/** A booking row as SQLite's json_array gives it. */
type BookingTuple = [number, number, string, string, string, string | null, number | null, string | null];

function fromTuple([id, childId, serviceCode, date, state, absenceReason, justified, since]: BookingTuple): BookingRecord {
  return toRecord({ id, childId, serviceCode, date, state, absenceReason, absenceJustified: justified === null ? null : justified !== 0, waitingSince: since === null ? null : new Date(since) });
}

function columns(w: BookingWrite) {
  const s = w.state;
  return {
    state: s.state,
    absenceReason: s.state === 'absent' ? s.reason : null,
    absenceJustified: s.state === 'absent' ? s.justified : null,
    waitingSince: s.state === 'waiting' ? s.since : null,
  };
}

/** DateTime as Prisma's SQLite adapter writes it. */
function sqliteTimestamp(d: Date): string {
  return d.toISOString().replace('Z', '+00:00');
}

type DayCountRow = { serviceCode: string; date: string; booked: number; absent: number; waiting: number };

function dayCountRows(db: Tx | Db, serviceCodes: readonly string[] | null, from: IsoDate, to: IsoDate): Promise<DayCountRow[]> {
  return db.dayCount.findMany({
    where: { ...(serviceCodes ? { serviceCode: { in: [...serviceCodes] } } : {}), date: { gte: from, lte: to } },
  });
}

function countsByDay(rows: DayCountRow[]): Map<string, Partial<Record<BookingStateName, number>>> {
  const out = new Map<string, Partial<Record<BookingStateName, number>>>();
  for (const r of rows) out.set(dayKey(r.serviceCode, r.date as IsoDate), { booked: r.booked, absent: r.absent, waiting: r.waiting });
  return out;
}

async function closuresIn(db: Tx | Db, from: IsoDate, to: IsoDate): Promise<ExtraClosure[]> {
  const rows = await db.closure.findMany({ where: { date: { gte: from, lte: to } } });
  return rows.map((r) => ({ date: r.date as IsoDate, serviceCode: r.serviceCode, reason: r.reason }));
}

class PrismaBookingTx implements BookingTx {
  constructor(
    private readonly tx: Tx,
    private readonly provider: Provider,
  ) {}

  async children(ids: readonly ChildId[]) {
    if (ids.length === 0) return [];
    if (this.provider === 'sqlite') {
      const [row] = await sqliteQuery<{ rows: string | null }>(this.tx, 
        `SELECT json_group_array(json_array("id", "familyId", "firstName", "lastName")) AS "rows" FROM "Child" WHERE "id" IN (${ids.map(() => '?').join(', ')})`,
        ...ids,
      );
      return (JSON.parse(row?.rows ?? '[]') as [number, number, string, string][]).map(([id, familyId, firstName, lastName]) => ({ id: ChildId(id), familyId: FamilyId(familyId), firstName, lastName }));
    }
    const rows = await this.tx.child.findMany({
      where: { id: { in: [...ids] } },
      select: { id: true, familyId: true, firstName: true, lastName: true },
    });
    return rows.map((r) => ({ id: ChildId(r.id), familyId: FamilyId(r.familyId), firstName: r.firstName, lastName: r.lastName }));
  }

  closures(from: IsoDate, to: IsoDate) {
    return closuresIn(this.tx, from, to);
  }

  async bookings(q: { childIds: readonly ChildId[]; serviceCodes: readonly string[]; from: IsoDate; to: IsoDate }) {
    const rows = await this.tx.booking.findMany({
      where: { childId: { in: [...q.childIds] }, serviceCode: { in: [...q.serviceCodes] }, date: { gte: q.from, lte: q.to } },
    });
    return rows.map(toRecord);
  }

  async snapshot(q: { childIds: readonly ChildId[]; serviceCodes: readonly string[]; from: IsoDate; to: IsoDate }) {
    // One query for the four reads of a request: each round trip through
    // Prisma costs more than SQLite's work here, and mapping hundreds of rows
    // more still, so each part comes back as one JSON value (on PostgreSQL:
    // the four reads one after the other).
    if (this.provider === 'postgresql') {
      const [children, closures, bookings, dayCounts] = [await this.children(q.childIds), await this.closures(q.from, q.to), await this.bookings(q), await this.dayCounts(q)];
      return { children, closures, bookings, dayCounts };
    }
    const children = q.childIds.map(() => '?').join(', ');
    const codes = q.serviceCodes.map(() => '?').join(', ');
    const [row] = await sqliteQuery<{ children: string | null; closures: string | null; bookings: string | null; counts: string | null }>(this.tx, 
      `SELECT
         (SELECT json_group_array(json_array("id", "familyId", "firstName", "lastName")) FROM "Child" WHERE "id" IN (${children})) AS "children",
         (SELECT json_group_array(json_array("date", "serviceCode", "reason")) FROM "Closure" WHERE "date" >= ? AND "date" <= ?) AS "closures",
         (SELECT json_group_array(json_array("id", "childId", "serviceCode", "date", "state", "absenceReason", "absenceJustified", "waitingSince")) FROM "Booking"
           WHERE "childId" IN (${children}) AND "serviceCode" IN (${codes}) AND "date" >= ? AND "date" <= ?) AS "bookings",
         (SELECT json_group_array(json_array("serviceCode", "date", "booked", "absent", "waiting")) FROM "DayCount"
           WHERE "serviceCode" IN (${codes}) AND "date" >= ? AND "date" <= ?) AS "counts"`,
      ...q.childIds,
      q.from,
      q.to,
      ...q.childIds,
      ...q.serviceCodes,
      q.from,
      q.to,
      ...q.serviceCodes,
      q.from,
      q.to,
    );
    const parse = <T>(text: string | null | undefined) => JSON.parse(text ?? '[]') as T[];
    return {
      children: parse<[number, number, string, string]>(row?.children).map(([id, familyId, firstName, lastName]) => ({ id: ChildId(id), familyId: FamilyId(familyId), firstName, lastName })),
      closures: parse<[string, string | null, string]>(row?.closures).map(([date, serviceCode, reason]) => ({ date: date as IsoDate, serviceCode, reason })),
      bookings: parse<BookingTuple>(row?.bookings).map(fromTuple),
      dayCounts: countsByDay(parse<[string, string, number, number, number]>(row?.counts).map(([serviceCode, date, booked, absent, waiting]) => ({ serviceCode, date, booked, absent, waiting }))),
    };
  }

  async dayCounts(q: { serviceCodes: readonly string[]; from: IsoDate; to: IsoDate }) {
    if (q.serviceCodes.length === 0) return new Map();
    if (this.provider === 'postgresql') {
      const rows = await this.tx.dayCount.findMany({ where: { serviceCode: { in: [...q.serviceCodes] }, date: { gte: q.from, lte: q.to } } });
      return countsByDay(rows);
    }
    // A year of two services is hundreds of rows, which Prisma maps one by
    // one at more than the cost of the query: SQLite hands them over as one
    // JSON value instead (on PostgreSQL: json_agg(json_build_array(…))).
    const [row] = await sqliteQuery<{ rows: string | null }>(this.tx, 
      `SELECT json_group_array(json_array("serviceCode", "date", "booked", "absent", "waiting")) AS "rows" FROM "DayCount"
       WHERE "serviceCode" IN (${q.serviceCodes.map(() => '?').join(', ')}) AND "date" >= ? AND "date" <= ?`,
      ...q.serviceCodes,
      q.from,
      q.to,
    );
    const rows = JSON.parse(row?.rows ?? '[]') as [string, string, number, number, number][];
    return countsByDay(rows.map(([serviceCode, date, booked, absent, waiting]) => ({ serviceCode, date, booked, absent, waiting })));
  }

  async waitingList(serviceCode: string, date: IsoDate) {
    if (this.provider === 'sqlite') {
      const [row] = await sqliteQuery<{ rows: string | null }>(this.tx, 
        `SELECT json_group_array(json_array("id", "childId", "serviceCode", "date", "state", "absenceReason", "absenceJustified", "waitingSince") ORDER BY "waitingSince", "id") AS "rows"
         FROM "Booking" WHERE "serviceCode" = ? AND "date" = ? AND "state" = 'waiting' AND "waitingSince" IS NOT NULL`,
        serviceCode,
        date,
      );
      return (JSON.parse(row?.rows ?? '[]') as BookingTuple[]).map(fromTuple);
    }
    const rows = await this.tx.booking.findMany({
      where: { serviceCode, date, state: 'waiting', waitingSince: { not: null } },
      orderBy: [{ waitingSince: 'asc' }, { id: 'asc' }],
    });
    return rows.map(toRecord);
  }

  async save(writes: readonly BookingWrite[], meta: { channel: string; actor: Parameters<typeof actorTag>[0]; at: Date }) {
    const changedBy = actorTag(meta.actor);
    const at = sqliteTimestamp(meta.at);
    const fresh = writes.filter((w) => w.id === undefined);
    // New rows travel as one JSON argument that SQLite unpacks itself: binding
    // eleven values a row costs more than the insert (the rentrée load inserts
    // hundreds of thousands of rows).
    if (fresh.length > 0 && this.provider === 'postgresql') {
      await this.tx.booking.createMany({
        data: fresh.map((w) => ({ childId: w.childId, serviceCode: w.serviceCode, date: w.date, ...columns(w), channel: meta.channel, changedBy, createdAt: meta.at, updatedAt: meta.at })),
      });
    } else if (fresh.length > 0) {
      // Most new rows are plain bookings: those travel as [child, service, date]
      // only, the others with their state's columns.
      const plain: (string | number)[][] = [];
      const rows: (string | number | boolean | null)[][] = [];
      for (const w of fresh) {
        if (w.state.state === 'booked') plain.push([w.childId, w.serviceCode, w.date]);
        else {
          const c = columns(w);
          rows.push([w.childId, w.serviceCode, w.date, c.state, c.absenceReason, c.absenceJustified, c.waitingSince ? sqliteTimestamp(c.waitingSince) : null]);
        }
      }
      if (plain.length > 0) {
        await sqliteExecute(this.tx, 
          `INSERT INTO "Booking" ("childId","serviceCode","date","state","channel","changedBy","createdAt","updatedAt")
           SELECT value->>0, value->>1, value->>2, 'booked', ?, ?, ?, ? FROM json_each(?)`,
          meta.channel,
          changedBy,
          at,
          at,
          JSON.stringify(plain),
        );
      }
      if (rows.length > 0) {
        await sqliteExecute(this.tx, 
          `INSERT INTO "Booking" ("childId","serviceCode","date","state","absenceReason","absenceJustified","waitingSince","channel","changedBy","createdAt","updatedAt")
           SELECT value->>0, value->>1, value->>2, value->>3, value->>4, value->>5, value->>6, ?, ?, ?, ? FROM json_each(?)`,
          meta.channel,
          changedBy,
          at,
          at,
          JSON.stringify(rows),
        );
      }
    }
    // Changes: one UPDATE per distinct new state.
    const groups = new Map<string, { data: ReturnType<typeof columns>; ids: number[] }>();
    for (const w of writes) {
      if (w.id === undefined) continue;
      const data = columns(w);
      const key = JSON.stringify(data);
      const group = groups.get(key) ?? { data, ids: [] };
      group.ids.push(w.id);
      groups.set(key, group);
    }
    for (const { data, ids } of groups.values()) {
      if (this.provider === 'postgresql') {
        await this.tx.booking.updateMany({ where: { id: { in: ids } }, data: { ...data, channel: meta.channel, changedBy, updatedAt: meta.at } });
        continue;
      }
      await sqliteExecute(this.tx, 
        `UPDATE "Booking" SET "state" = ?, "absenceReason" = ?, "absenceJustified" = ?, "waitingSince" = ?, "channel" = ?, "changedBy" = ?, "updatedAt" = ?
         WHERE "id" IN (SELECT value FROM json_each(?))`,
        data.state,
        data.absenceReason,
        data.absenceJustified === null ? null : data.absenceJustified ? 1 : 0,
        data.waitingSince ? sqliteTimestamp(data.waitingSince) : null,
        meta.channel,
        changedBy,
        at,
        JSON.stringify(ids),
      );
    }
  }

  audit(entries: Parameters<BookingTx['audit']>[0]) {
    return writeAudit(this.tx, entries);
  }

  async publish(events: Parameters<BookingTx['publish']>[0]) {
    if (events.length === 0) return;
    if (this.provider === 'sqlite') {
      await sqliteExecute(this.tx, 
        `INSERT INTO "DomainEvent" ("type", "familyId", "payload", "createdAt") SELECT value->>0, value->>1, value->>2, value->>3 FROM json_each(?) ORDER BY key`,
        JSON.stringify(events.map((e) => [e.type, e.familyId, JSON.stringify(e.payload), sqliteTimestamp(e.at)])),
      );
      return;
    }
    await this.tx.domainEvent.createMany({
      data: events.map((e) => ({ type: e.type, familyId: e.familyId, payload: JSON.stringify(e.payload), createdAt: e.at })),
    });
  }
}

export class PrismaBookingStore implements BookingStore {
  constructor(private readonly db: Db) {}

  write<T>(fn: (tx: BookingTx) => Promise<T>): Promise<T> {
    return writeTransaction(this.db, (tx) => fn(new PrismaBookingTx(tx, providerOf(this.db))));
  }

  async list(q: { familyId?: FamilyId; childIds?: readonly ChildId[]; from?: IsoDate; to?: IsoDate }): Promise<BookingListRow[]> {
    if (providerOf(this.db) === 'sqlite') return sqliteList(this.db, q);
    const rows = await this.db.booking.findMany({
      where: {
        ...(q.familyId !== undefined ? { child: { familyId: q.familyId } } : {}),
        ...(q.childIds ? { childId: { in: [...q.childIds] } } : {}),
        ...(q.from || q.to ? { date: { ...(q.from ? { gte: q.from } : {}), ...(q.to ? { lte: q.to } : {}) } } : {}),
      },
      include: { child: { select: { firstName: true, lastName: true } } },
    });
    return rows.map((r) => ({
      id: BookingId(r.id),
      childId: ChildId(r.childId),
      firstName: r.child.firstName,
      lastName: r.child.lastName,
      serviceCode: r.serviceCode,
      date: r.date as IsoDate,
      state: r.state as BookingStateName,
      absenceReason: r.absenceReason,
      absenceJustified: r.absenceJustified,
    }));
  }

  async counts(from: IsoDate, to: IsoDate) {
    const rows = await dayCountRows(this.db, null, from, to);
    return rows.flatMap((r) =>
      (['booked', 'absent', 'waiting'] as const)
        .filter((state) => r[state] > 0)
        .map((state) => ({ serviceCode: r.serviceCode, date: r.date as IsoDate, state, count: r[state] })),
    );
  }

  closures(from: IsoDate, to: IsoDate) {
    return closuresIn(this.db, from, to);
  }
}

/**
 * SQLite: the rows with their child's names as one JSON value, one query
 * (Prisma's include reads the children apart and maps every row; a
 * guardian's list or cancellation reads these on every message).
 */
async function sqliteList(db: Db, q: { familyId?: FamilyId; childIds?: readonly ChildId[]; from?: IsoDate; to?: IsoDate }): Promise<BookingListRow[]> {
  const where: string[] = [];
  const args: (string | number)[] = [];
  if (q.familyId !== undefined) {
    where.push('c."familyId" = ?');
    args.push(q.familyId);
  }
  if (q.childIds) {
    if (q.childIds.length === 0) return [];
    where.push(`b."childId" IN (${q.childIds.map(() => '?').join(', ')})`);
    args.push(...q.childIds);
  }
  if (q.from) {
    where.push('b."date" >= ?');
    args.push(q.from);
  }
  if (q.to) {
    where.push('b."date" <= ?');
    args.push(q.to);
  }
  const [row] = await sqliteQuery<{ rows: string | null }>(db, 
    `SELECT json_group_array(json_array(b."id", b."childId", c."firstName", c."lastName", b."serviceCode", b."date", b."state", b."absenceReason", b."absenceJustified")) AS "rows"
     FROM "Booking" b JOIN "Child" c ON c."id" = b."childId"${where.length > 0 ? ` WHERE ${where.join(' AND ')}` : ''}`,
    ...args,
  );
  const rows = JSON.parse(row?.rows ?? '[]') as [number, number, string, string, string, string, string, string | null, number | null][];
  return rows.map(([id, childId, firstName, lastName, serviceCode, date, state, absenceReason, justified]) => ({
    id: BookingId(id),
    childId: ChildId(childId),
    firstName,
    lastName,
    serviceCode,
    date: date as IsoDate,
    state: state as BookingStateName,
    absenceReason,
    absenceJustified: justified === null ? null : justified !== 0,
  }));
}
