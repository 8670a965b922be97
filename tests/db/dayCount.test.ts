import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bookChildren } from '../../src/core/bookings/bookChildren.js';
import { cancelBookings } from '../../src/core/bookings/cancelBookings.js';
import { reportAbsence } from '../../src/core/bookings/reportAbsence.js';
import { GuardianId, type ChildId } from '../../src/core/ids.js';
import { addDays, isoDate, type IsoDate } from '../../src/core/time.js';
import { addFamily, PROVIDERS, testApp, type TestApp } from '../support/app.js';

/** A small deterministic pseudo-random sequence (the test must be repeatable). */
function lcg(seed: number) {
  let x = seed;
  return (n: number) => {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    return (x >>> 8) % n; // the low bits of an LCG cycle quickly
  };
}

describe.each(PROVIDERS)('on %s', (provider) => {
let app: TestApp;
beforeAll(async () => {
  app = await testApp((c) => {
    for (const s of c.services) s.capacity = 3;
  }, provider);
});
afterAll(() => app.dispose());

it('keeps DayCount equal to the bookings it counts, through any mix of bookings, cancellations, absences and deletions', async () => {
  const fam = await addFamily(app, 'F-0300', ['Ana', 'Bob', 'Cid', 'Dan', 'Eve', 'Fay']);
  const children = fam.children.map((c) => c.id);
  const services = ['canteen', 'morning', 'evening', 'wednesday'];
  const first = isoDate('2026-12-07');
  const rand = lcg(42);
  const actor = { type: 'guardian' as const, id: GuardianId(1) };
  const now = new Date('2026-12-01T08:00:00Z');
  for (let step = 0; step < 120; step++) {
    const childIds = [children[rand(children.length)]!, children[rand(children.length)]!] as ChildId[];
    const dates: IsoDate[] = [addDays(first, rand(10)), addDays(first, rand(10))];
    const serviceCodes = [services[rand(services.length)]!];
    const op = rand(3);
    if (op === 0) await bookChildren({ store: app.store, town: app.town }, { actor, channel: 'telegram', now, childIds, serviceCodes, dates });
    else if (op === 1) await cancelBookings({ store: app.store, town: app.town }, { actor, channel: 'telegram', now, childIds, serviceCodes, dates });
    else await reportAbsence({ store: app.store, town: app.town }, { actor, channel: 'telegram', now: new Date('2026-12-08T09:00:00Z'), childIds, serviceCodes, dates, reason: 'malade' });
  }
  // A deletion by another path (a child removed by staff) goes through the triggers too.
  await app.db.child.delete({ where: { id: children[0]! } });

  const actual = await app.db.$queryRawUnsafe<{ serviceCode: string; date: string; booked: bigint; absent: bigint; waiting: bigint }[]>(
    `SELECT "serviceCode", "date", SUM(CASE WHEN "state" = 'booked' THEN 1 ELSE 0 END) AS booked,
            SUM(CASE WHEN "state" = 'absent' THEN 1 ELSE 0 END) AS absent, SUM(CASE WHEN "state" = 'waiting' THEN 1 ELSE 0 END) AS waiting
     FROM "Booking" GROUP BY "serviceCode", "date"`,
  );
  const counted = await app.db.dayCount.findMany();
  const key = (r: { serviceCode: string; date: string }) => `${r.serviceCode}|${r.date}`;
  const fromCounts = new Map(counted.map((c) => [key(c), `${c.booked}/${c.absent}/${c.waiting}`]));
  expect(actual.length).toBeGreaterThan(10);
  expect(await app.db.booking.count({ where: { state: 'waiting' } })).toBeGreaterThan(0);
  for (const r of actual) expect(fromCounts.get(key(r)), key(r)).toBe(`${Number(r.booked)}/${Number(r.absent)}/${Number(r.waiting)}`);
  // No day counted that holds no booking any more, beyond zeros.
  for (const c of counted) if (!actual.some((r) => key(r) === key(c))) expect(c.booked + c.absent + c.waiting).toBe(0);
  // And capacity held throughout.
  for (const c of counted) expect(c.booked + c.absent).toBeLessThanOrEqual(3);
});
});
