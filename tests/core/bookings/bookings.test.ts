import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bookChildren } from '../../../src/core/bookings/bookChildren.js';
import { cancelBookings } from '../../../src/core/bookings/cancelBookings.js';
import { reportAbsence } from '../../../src/core/bookings/reportAbsence.js';
import { countHeadcount } from '../../../src/core/bookings/countHeadcount.js';
import { listBookings } from '../../../src/core/bookings/listBookings.js';
import { justifyAbsences } from '../../../src/core/bookings/justifyAbsences.js';
import { GuardianId, StaffId, type ChildId } from '../../../src/core/ids.js';
import type { Actor } from '../../../src/core/model.js';
import type { FamilyRecord } from '../../../src/core/ports.js';
import { isoDate, type IsoDate } from '../../../src/core/time.js';
import { addFamily, testApp, type TestApp } from '../../support/app.js';

const parent: Actor = { type: 'guardian', id: GuardianId(1) };
const staff: Actor = { type: 'staff', id: StaffId(1) };
const d = (s: string) => isoDate(s);
/** Tuesday 1 December 2026, 18:30 in Paris. */
const NOW = new Date('2026-12-01T17:30:00Z');

let app: TestApp;
let martin: FamilyRecord;
let lea: ChildId;
let tom: ChildId;

function deps() {
  return { store: app.store, town: app.town };
}

function book(childIds: ChildId[], serviceCodes: string[], dates: IsoDate[], now = NOW, extra: object = {}) {
  return bookChildren(deps(), { actor: parent, channel: 'telegram', now, childIds, serviceCodes, dates, ...extra });
}

describe('booking', () => {
  beforeEach(async () => {
    app = await testApp();
    martin = await addFamily(app, 'F-0001', ['Léa', 'Tom']);
    [lea, tom] = martin.children.map((c) => c.id) as [ChildId, ChildId];
  });
  afterEach(() => app.dispose());

  it('books several children, services and days at once, and says what was already booked', async () => {
    const first = await book([lea, tom], ['canteen', 'evening'], [d('2026-12-03'), d('2026-12-04')]);
    expect(first.map((o) => o.outcome)).toEqual(Array(8).fill('booked'));
    const again = await book([lea], ['canteen'], [d('2026-12-03')]);
    expect(again).toEqual([{ childId: lea, serviceCode: 'canteen', date: '2026-12-03', outcome: 'already_booked' }]);
    const rows = await listBookings({ store: app.store }, { familyId: martin.id });
    expect(rows).toHaveLength(8);
    expect(rows.map((r) => `${r.date} ${r.firstName} ${r.serviceCode}`).slice(0, 4)).toEqual([
      '2026-12-03 Léa canteen',
      '2026-12-03 Léa evening',
      '2026-12-03 Tom canteen',
      '2026-12-03 Tom evening',
    ]);
  });

  it('refuses a day the service does not run, with the reason', async () => {
    const out = await book([lea], ['canteen'], [d('2026-12-02'), d('2026-12-25'), d('2026-12-22')]);
    expect(out.map((o) => (o.outcome === 'refused' ? o.reason : o.outcome))).toEqual([
      { code: 'SERVICE_NOT_RUNNING', weekday: 3 },
      { code: 'CLOSED_DAY', closed: { code: 'SCHOOL_HOLIDAY', name: 'Vacances de Noël', from: '2026-12-19', to: '2027-01-03' } },
      { code: 'CLOSED_DAY', closed: { code: 'SCHOOL_HOLIDAY', name: 'Vacances de Noël', from: '2026-12-19', to: '2027-01-03' } },
    ]);
  });

  it('books a range across the Christmas holidays only on school days', async () => {
    const dates: IsoDate[] = [];
    for (let t = Date.parse('2026-12-14'); t <= Date.parse('2027-01-08'); t += 86_400_000) dates.push(d(new Date(t).toISOString().slice(0, 10)));
    const out = await book([lea], ['canteen'], dates);
    expect(out.filter((o) => o.outcome === 'booked').map((o) => o.date)).toEqual([
      '2026-12-14', '2026-12-15', '2026-12-17', '2026-12-18', '2027-01-04', '2027-01-05', '2027-01-07', '2027-01-08',
    ]);
  });

  it('refuses a booking after the deadline and names the deadline; staff may override, recorded as such', async () => {
    const late = new Date('2026-12-02T09:00:00Z'); // Wednesday 10:00 in Paris
    const [refused] = await book([lea], ['canteen'], [d('2026-12-03')], late);
    expect(refused).toMatchObject({ outcome: 'refused', reason: { code: 'DEADLINE_PASSED', change: 'booking', deadline: new Date('2026-12-02T09:00:00Z') } });
    const [inTime] = await book([lea], ['canteen'], [d('2026-12-03')], new Date('2026-12-02T08:59:00Z'));
    expect(inTime!.outcome).toBe('booked');
    const [forced] = await bookChildren(deps(), { actor: staff, channel: 'web', now: late, childIds: [tom], serviceCodes: ['canteen'], dates: [d('2026-12-03')], overrideDeadline: true });
    expect(forced!.outcome).toBe('booked');
    const audit = await app.db.auditEvent.findMany({ where: { action: 'booking.book.override' } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorType: 'staff', actorId: 1, channel: 'web', familyId: martin.id });
  });

  it('closes the Wednesday club at 18:00 on the Monday before', async () => {
    const [open] = await book([lea], ['wednesday'], [d('2026-12-09')], new Date('2026-12-07T16:59:00Z'));
    const [closed] = await book([tom], ['wednesday'], [d('2026-12-09')], new Date('2026-12-07T17:00:00Z'));
    expect(open!.outcome).toBe('booked');
    expect(closed).toMatchObject({ outcome: 'refused', reason: { code: 'DEADLINE_PASSED' } });
  });

  it('treats another family’s child as unknown to a guardian', async () => {
    const other = await addFamily(app, 'F-0002', ['Noé']);
    const out = await bookChildren(deps(), {
      actor: parent, channel: 'telegram', now: NOW, familyId: martin.id,
      childIds: [other.children[0]!.id], serviceCodes: ['canteen'], dates: [d('2026-12-03')],
    });
    expect(out).toEqual([{ childId: other.children[0]!.id, serviceCode: 'canteen', date: '2026-12-03', outcome: 'refused', reason: { code: 'UNKNOWN_CHILD', childId: other.children[0]!.id } }]);
  });

  it('writes one audit event per family touched, with what changed', async () => {
    await book([lea, tom], ['canteen'], [d('2026-12-03')]);
    const events = await app.db.auditEvent.findMany({ where: { action: 'booking.book' } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actorType: 'guardian', actorId: 1, channel: 'telegram', familyId: martin.id });
    expect(JSON.parse(events[0]!.after!)).toHaveLength(2);
  });
});

describe('cancelling and reporting an absence', () => {
  beforeEach(async () => {
    app = await testApp();
    martin = await addFamily(app, 'F-0001', ['Léa', 'Tom']);
    [lea, tom] = martin.children.map((c) => c.id) as [ChildId, ChildId];
    await book([lea, tom], ['canteen', 'evening'], [d('2026-12-03'), d('2026-12-04')]);
  });
  afterEach(() => app.dispose());

  const cancel = (childIds: ChildId[], serviceCodes: string[] | null, dates: IsoDate[], now = NOW, extra: object = {}) =>
    cancelBookings(deps(), { actor: parent, channel: 'telegram', now, childIds, serviceCodes, dates, ...extra });

  it('cancels before the deadline and says what was not booked', async () => {
    const { items } = await cancel([lea], ['canteen', 'morning'], [d('2026-12-03')]);
    expect(items.map((i) => `${i.serviceCode}:${i.outcome}`)).toEqual(['canteen:cancelled', 'morning:not_booked']);
    const rows = await listBookings({ store: app.store }, { familyId: martin.id, from: d('2026-12-03'), to: d('2026-12-03') });
    expect(rows.find((r) => r.firstName === 'Léa' && r.serviceCode === 'canteen')?.state).toBe('cancelled');
  });

  it('with no service named, cancels everything booked that day and reports only that', async () => {
    const { items } = await cancel([tom], null, [d('2026-12-04')]);
    expect(items.map((i) => `${i.serviceCode}:${i.outcome}`)).toEqual(['canteen:cancelled', 'evening:cancelled']);
  });

  it('refuses a cancellation after the deadline, with the deadline, and keeps the booking', async () => {
    const { items } = await cancel([lea], ['canteen'], [d('2026-12-03')], new Date('2026-12-02T09:00:00Z'));
    expect(items[0]).toMatchObject({ outcome: 'refused', reason: { code: 'DEADLINE_PASSED', change: 'cancellation', deadline: new Date('2026-12-02T09:00:00Z') } });
    const rows = await listBookings({ store: app.store }, { familyId: martin.id, from: d('2026-12-03'), to: d('2026-12-03') });
    expect(rows.find((r) => r.firstName === 'Léa' && r.serviceCode === 'canteen')?.state).toBe('booked');
  });

  it('lets a child be reported absent on the morning itself: the booking is kept, marked absent', async () => {
    const morning = new Date('2026-12-03T06:45:00Z'); // Thursday 07:45 in Paris
    const { items } = await reportAbsence(deps(), { actor: parent, channel: 'telegram', now: morning, childIds: [lea], serviceCodes: null, dates: [d('2026-12-03')], reason: 'malade' });
    expect(items.map((i) => `${i.serviceCode}:${i.outcome}`)).toEqual(['canteen:absent', 'evening:absent']);
    const row = await app.db.booking.findFirst({ where: { childId: lea, serviceCode: 'canteen', date: '2026-12-03' } });
    expect(row).toMatchObject({ state: 'absent', absenceReason: 'malade', absenceJustified: null });
    const count = await countHeadcount(deps(), { from: d('2026-12-03'), to: d('2026-12-03') });
    expect(count.find((r) => r.serviceCode === 'canteen')).toMatchObject({ booked: 2, absent: 1, waiting: 0 });
  });

  it('lets staff mark an absence justified or not, for billing, with an audit event', async () => {
    const morning = new Date('2026-12-03T06:45:00Z');
    await reportAbsence(deps(), { actor: parent, channel: 'telegram', now: morning, childIds: [lea], serviceCodes: ['canteen'], dates: [d('2026-12-03')], reason: 'malade' });
    const input = { actor: { type: 'staff' as const, id: StaffId(2) }, channel: 'web' as const, now: new Date('2026-12-07T10:00:00Z'), childId: lea, serviceCodes: ['canteen', 'evening'], dates: [d('2026-12-03')] };
    const marked = await justifyAbsences(deps(), { ...input, justified: true });
    expect(marked.map((m) => `${m.serviceCode}:${m.outcome}`)).toEqual(['canteen:updated', 'evening:not_absent']);
    expect(await app.db.booking.findFirst({ where: { childId: lea, serviceCode: 'canteen', date: '2026-12-03' } })).toMatchObject({ state: 'absent', absenceReason: 'malade', absenceJustified: true });
    expect((await justifyAbsences(deps(), { ...input, justified: true }))[0]!.outcome).toBe('unchanged');
    expect(await app.db.auditEvent.count({ where: { action: 'booking.absence_justification', actorType: 'staff', actorId: 2 } })).toBe(1);
  });

  it('turns an absence reported before the deadline into a plain cancellation', async () => {
    const { items } = await reportAbsence(deps(), { actor: parent, channel: 'email', now: NOW, childIds: [tom], serviceCodes: ['canteen'], dates: [d('2026-12-04')], reason: 'rendez-vous' });
    expect(items.map((i) => i.outcome)).toEqual(['cancelled']);
  });

  it('refuses an absence for a day that is over, except from staff', async () => {
    const friday = new Date('2026-12-05T09:00:00Z');
    const { items } = await reportAbsence(deps(), { actor: parent, channel: 'telegram', now: friday, childIds: [lea], serviceCodes: ['canteen'], dates: [d('2026-12-04')], reason: 'malade' });
    expect(items[0]).toMatchObject({ outcome: 'refused', reason: { code: 'DAY_PASSED' } });
    const byStaff = await reportAbsence(deps(), { actor: staff, channel: 'web', now: friday, childIds: [lea], serviceCodes: ['canteen'], dates: [d('2026-12-04')], reason: 'certificat' });
    expect(byStaff.items[0]!.outcome).toBe('absent');
  });

  it('refuses any cancellation of a service configured "never", but still takes an absence', async () => {
    await app.dispose();
    app = await testApp((c) => {
      c.services.find((s) => s.code === 'evening')!.cancellation = { kind: 'never' };
    });
    martin = await addFamily(app, 'F-0001', ['Léa']);
    lea = martin.children[0]!.id;
    await book([lea], ['evening'], [d('2026-12-10')]);
    const { items } = await cancel([lea], ['evening'], [d('2026-12-10')]);
    expect(items[0]).toMatchObject({ outcome: 'refused', reason: { code: 'CANCELLATION_NOT_ALLOWED' } });
    const absence = await reportAbsence(deps(), { actor: parent, channel: 'telegram', now: NOW, childIds: [lea], serviceCodes: ['evening'], dates: [d('2026-12-10')], reason: 'malade' });
    expect(absence.items[0]!.outcome).toBe('absent');
  });
});

describe('capacity and the waiting list', () => {
  beforeEach(async () => {
    app = await testApp((c) => {
      c.services.find((s) => s.code === 'canteen')!.capacity = 2;
    });
  });
  afterEach(() => app.dispose());

  it('never books past capacity: the next children go to the waiting list, in order', async () => {
    const fam = await addFamily(app, 'F-0010', ['Ana', 'Bob', 'Cid', 'Dan']);
    const ids = fam.children.map((c) => c.id);
    const out = await book(ids, ['canteen'], [d('2026-12-03')]);
    expect(out.map((o) => (o.outcome === 'waiting_list' ? `waiting ${o.rank}` : o.outcome))).toEqual(['booked', 'booked', 'waiting 1', 'waiting 2']);
    const again = await book([ids[3]!], ['canteen'], [d('2026-12-03')]);
    expect(again[0]).toMatchObject({ outcome: 'already_waiting', rank: 2 });
    const [count] = await countHeadcount(deps(), { from: d('2026-12-03'), to: d('2026-12-03') });
    expect(count).toMatchObject({ serviceCode: 'canteen', booked: 2, capacity: 2, waiting: 2 });
  });

  it('gives the last place to exactly one of two concurrent requests', async () => {
    const a = await addFamily(app, 'F-0011', ['Ana']);
    const b = await addFamily(app, 'F-0012', ['Bob']);
    const c = await addFamily(app, 'F-0013', ['Cid']);
    await book([a.children[0]!.id], ['canteen'], [d('2026-12-03')]);
    const [x, y] = await Promise.all([
      book([b.children[0]!.id], ['canteen'], [d('2026-12-03')]),
      book([c.children[0]!.id], ['canteen'], [d('2026-12-03')]),
    ]);
    expect([x![0]!.outcome, y![0]!.outcome].sort()).toEqual(['booked', 'waiting_list']);
    expect(await app.db.booking.count({ where: { serviceCode: 'canteen', date: '2026-12-03', state: 'booked' } })).toBe(2);
  });

  it('promotes the first waiting child when a place is freed, and records an event to announce', async () => {
    const fam = await addFamily(app, 'F-0020', ['Ana', 'Bob', 'Cid']);
    const [ana, bob, cid] = fam.children.map((c) => c.id) as [ChildId, ChildId, ChildId];
    await book([ana, bob], ['canteen'], [d('2026-12-03')]);
    await book([cid], ['canteen'], [d('2026-12-03')]);
    const { items, promotions } = await cancelBookings(deps(), { actor: parent, channel: 'telegram', now: NOW, childIds: [ana], serviceCodes: ['canteen'], dates: [d('2026-12-03')] });
    expect(items[0]!.outcome).toBe('cancelled');
    expect(promotions).toEqual([{ childId: cid, familyId: fam.id, firstName: 'Cid', serviceCode: 'canteen', date: '2026-12-03' }]);
    expect((await app.db.booking.findFirst({ where: { childId: cid } }))?.state).toBe('booked');
    const events = await app.db.domainEvent.findMany();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: 'waiting_list.promoted', familyId: fam.id, dispatchedAt: null });
    expect(await app.db.auditEvent.count({ where: { action: 'waiting_list.promoted', actorType: 'system' } })).toBe(1);
  });
});
