import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bookChildren } from '../../../src/core/bookings/bookChildren.js';
import { listBookings } from '../../../src/core/bookings/listBookings.js';
import { closeDay } from '../../../src/core/closures/closeDay.js';
import { reopenDay } from '../../../src/core/closures/reopenDay.js';
import { GuardianId, StaffId, type ChildId } from '../../../src/core/ids.js';
import { isoDate } from '../../../src/core/time.js';
import { PrismaClosureStore } from '../../../src/db/staffWebStores.js';
import { addFamily, testApp, type TestApp } from '../../support/app.js';

const staff = { type: 'staff' as const, id: StaffId(1) };
const NOW = new Date('2026-12-02T08:00:00Z');
const THU = isoDate('2026-12-03');

let app: TestApp;
let closures: PrismaClosureStore;
let lea: ChildId;
let noe: ChildId;

beforeEach(async () => {
  app = await testApp((c) => (c.services.find((s) => s.code === 'evening')!.capacity = 1));
  closures = new PrismaClosureStore(app.db, async () => 'agent@mairie.fr');
  lea = (await addFamily(app, 'F-0001', ['Léa'])).children[0]!.id;
  noe = (await addFamily(app, 'F-0002', ['Noé'])).children[0]!.id;
  for (const child of [lea, noe]) {
    await bookChildren({ store: app.store, town: app.town }, { actor: { type: 'guardian', id: GuardianId(1) }, channel: 'telegram', now: new Date('2026-11-27T08:00:00Z'), childIds: [child], serviceCodes: ['canteen', 'evening'], dates: [THU, isoDate('2026-12-04')] });
  }
});
afterEach(() => app.dispose());

const deps = () => ({ store: app.store, town: app.town, closures });
const states = async () => (await listBookings({ store: app.store }, {})).map((b) => `${b.firstName} ${b.serviceCode} ${b.date} ${b.state}`);

describe('closeDay', () => {
  it('records the closure and cancels, as staff and whatever the deadline, every booking and waiting place of that day', async () => {
    // Thursday's canteen cancellations closed on Wednesday at 10:00: an hour later.
    const out = await closeDay(deps(), { date: THU, serviceCode: null, reason: 'grève', actor: staff, channel: 'web', now: new Date('2026-12-02T10:00:00Z') });
    expect(out).toMatchObject({ ok: true, created: true });
    expect(out.ok && out.items.map((i) => i.outcome).sort()).toEqual(['cancelled', 'cancelled', 'cancelled', 'left_waiting_list']);
    expect(await states()).toEqual([
      'Léa canteen 2026-12-03 cancelled',
      'Léa evening 2026-12-03 cancelled',
      'Noé canteen 2026-12-03 cancelled',
      'Noé evening 2026-12-03 cancelled',
      'Léa canteen 2026-12-04 booked',
      'Léa evening 2026-12-04 booked',
      'Noé canteen 2026-12-04 booked',
      'Noé evening 2026-12-04 waiting',
    ]);
    expect(await app.store.closures(THU, THU)).toEqual([{ date: THU, serviceCode: null, reason: 'grève' }]);
    // One notice per family, with the reason and all the family loses that day; none per booking.
    expect(await app.db.domainEvent.count({ where: { type: 'booking.cancelled_by_staff' } })).toBe(0);
    const events = await app.db.domainEvent.findMany({ where: { type: 'day.closed' }, orderBy: { familyId: 'asc' } });
    expect(events.map((e) => JSON.parse(e.payload))).toEqual([
      { date: THU, serviceCode: null, reason: 'grève', children: [{ childId: lea, firstName: 'Léa', cancelled: ['canteen', 'evening'], waiting: [] }] },
      { date: THU, serviceCode: null, reason: 'grève', children: [{ childId: noe, firstName: 'Noé', cancelled: ['canteen'], waiting: ['evening'] }] },
    ]);
    expect((await app.db.auditEvent.findMany({ where: { actorType: 'staff' } })).map((a) => a.action).sort()).toEqual(['booking.cancel.override', 'booking.cancel.override', 'closure.add']);
  });

  it('closes one service only; closing again changes nothing more', async () => {
    expect(await closeDay(deps(), { date: THU, serviceCode: 'evening', reason: 'formation', actor: staff, channel: 'web', now: NOW })).toMatchObject({ ok: true, created: true });
    expect((await states()).slice(0, 4)).toEqual(['Léa canteen 2026-12-03 booked', 'Léa evening 2026-12-03 cancelled', 'Noé canteen 2026-12-03 booked', 'Noé evening 2026-12-03 cancelled']);
    expect(await closeDay(deps(), { date: THU, serviceCode: 'evening', reason: 'formation', actor: staff, channel: 'web', now: NOW })).toEqual({ ok: true, created: false, items: [], promotions: [], families: [] });
    expect(await app.db.closure.count()).toBe(1);
  });

  it.each([
    ['a reason is missing', { date: THU, serviceCode: null, reason: '  ' }, 'REASON_REQUIRED'],
    ['the service is unknown', { date: THU, serviceCode: 'piscine', reason: 'x' }, 'UNKNOWN_SERVICE'],
    ['the day is a holiday', { date: isoDate('2026-12-25'), serviceCode: null, reason: 'x' }, 'NOT_RUNNING'],
    ['the service does not run that weekday', { date: isoDate('2026-12-02'), serviceCode: 'canteen', reason: 'x' }, 'NOT_RUNNING'],
  ])('refuses when %s, and writes nothing', async (_, input, why) => {
    expect(await closeDay(deps(), { ...input, actor: staff, channel: 'web', now: NOW })).toEqual({ ok: false, why });
    expect(await app.db.closure.count()).toBe(0);
  });
});

describe('reopenDay', () => {
  it('removes a closure staff added, without restoring the cancelled bookings', async () => {
    await closeDay(deps(), { date: THU, serviceCode: null, reason: 'grève', actor: staff, channel: 'web', now: NOW });
    expect(await reopenDay({ closures }, { date: THU, serviceCode: null, actor: staff, channel: 'web', now: NOW })).toEqual({ ok: true, closure: { date: THU, serviceCode: null, reason: 'grève' } });
    expect(await app.store.closures(THU, THU)).toEqual([]);
    expect((await states())[0]).toBe('Léa canteen 2026-12-03 cancelled');
    expect(await reopenDay({ closures }, { date: THU, serviceCode: null, actor: staff, channel: 'web', now: NOW })).toEqual({ ok: false, why: 'UNKNOWN_CLOSURE' });
  });
});
