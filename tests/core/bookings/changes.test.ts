import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditEntries, type AuditItem } from '../../../src/core/bookings/changes.js';
import { bookChildren } from '../../../src/core/bookings/bookChildren.js';
import { cancelBookings } from '../../../src/core/bookings/cancelBookings.js';
import { loadTownConfig } from '../../../src/config/town.js';
import { FamilyId, GuardianId, StaffId, type ChildId } from '../../../src/core/ids.js';
import { Town } from '../../../src/core/town.js';
import { isoDate, type IsoDate } from '../../../src/core/time.js';
import type { FamilyRecord } from '../../../src/core/ports.js';
import { describeValue } from '../../../src/staff-web/auditText.js';
import { addFamily, testApp, type TestApp } from '../../support/app.js';

const town = new Town(loadTownConfig());
const input = { actor: { type: 'staff' as const, id: StaffId(1) }, channel: 'admin' as const, now: new Date('2026-08-20T08:00:00Z') };
const children = new Map<unknown, { id: unknown; familyId: number }>([[7, { id: 7, familyId: 3 }]]);
const item = (date: string, state = 'booked'): AuditItem => ({ childId: 7, serviceCode: 'canteen', date, state });

describe('the audit of a booking change', () => {
  it('writes a whole school year of one service as one run of days, with their count', () => {
    const year = town.calendar.serviceDays(town.service('canteen')!, town.config.calendar.firstDay, town.config.calendar.lastDay);
    const [entry] = auditEntries(input, children, [], year.map((d) => item(d)), 'booking.book', { town, calendar: town.calendar });
    expect(entry!.after).toEqual([{ childId: 7, serviceCode: 'canteen', state: 'booked', dates: [`${year[0]}/${year[year.length - 1]}`], days: year.length }]);
    expect(JSON.stringify(entry!.after).length).toBeLessThan(120);
  });

  it('breaks a run where a day the service runs is missing, and keeps lone days as dates', () => {
    // Canteen: Mon 30 Nov, Tue 1, (Wed 2 not a canteen day), Thu 3, Fri 4 Dec; Mon 7 missing; Tue 8; Thu 10.
    const dates = ['2026-11-30', '2026-12-01', '2026-12-03', '2026-12-04', '2026-12-08', '2026-12-10'];
    const [entry] = auditEntries(input, children, [], dates.map((d) => item(d)), 'booking.book', { town, calendar: town.calendar });
    expect(entry!.after).toEqual([{ childId: 7, serviceCode: 'canteen', state: 'booked', dates: ['2026-11-30/2026-12-04', '2026-12-08/2026-12-10'], days: 6 }]);
  });

  it('lists a few days as they are, grouped by state, one entry per family', () => {
    const two = new Map<unknown, { id: unknown; familyId: number }>([...children, [8, { id: 8, familyId: 4 }]]);
    const entries = auditEntries(input, two, [item('2026-12-03', 'cancelled')], [item('2026-12-03'), { ...item('2026-12-04'), childId: 8 }], 'booking.book', { town, calendar: town.calendar });
    expect(entries.map((e) => [e.familyId, e.before, e.after])).toEqual([
      [FamilyId(3), [{ childId: 7, serviceCode: 'canteen', state: 'cancelled', dates: ['2026-12-03'] }], [{ childId: 7, serviceCode: 'canteen', state: 'booked', dates: ['2026-12-03'] }]],
      [FamilyId(4), [], [{ childId: 8, serviceCode: 'canteen', state: 'booked', dates: ['2026-12-04'] }]],
    ]);
  });

  it('is read by staff as "du … au … (N jours)"', () => {
    const names = { children: new Map([[7, 'Léa Martin']]), guardians: new Map(), staff: new Map(), families: new Map() };
    const text = String(describeValue([{ childId: 7, serviceCode: 'canteen', state: 'booked', dates: ['2026-09-01/2027-07-02', '2026-12-11'], days: 139 }], names, town));
    expect(text).toContain('Léa Martin');
    expect(text).toContain('du mar. 01/09 au ven. 02/07');
    expect(text).toContain('ven. 11/12');
    expect(text).toContain('(139 jours)');
  });
});

describe('the audit written by the booking use cases', () => {
  let app: TestApp;
  let martin: FamilyRecord;
  beforeEach(async () => {
    app = await testApp();
    martin = await addFamily(app, 'F-0001', ['Léa', 'Tom']);
  });
  afterEach(() => app.dispose());

  it('keeps a year-long request for two children and two services to a few hundred bytes', async () => {
    const days = app.town.calendar.serviceDays(app.town.service('canteen')!, isoDate('2027-01-04'), app.town.config.calendar.lastDay);
    const childIds = martin.children.map((c) => c.id) as ChildId[];
    const now = new Date('2026-12-01T08:00:00Z');
    const out = await bookChildren({ store: app.store, town: app.town }, { actor: { type: 'guardian', id: GuardianId(1) }, channel: 'telegram', now, childIds, serviceCodes: ['canteen', 'evening'], dates: days });
    expect(out.filter((o) => o.outcome === 'booked')).toHaveLength(days.length * 4);
    const [event] = await app.db.auditEvent.findMany({ where: { action: 'booking.book' } });
    expect(event!.after!.length + event!.before!.length).toBeLessThan(500);
    const after = JSON.parse(event!.after!) as { dates: string[]; days: number }[];
    expect(after).toHaveLength(4);
    for (const g of after) expect(g).toMatchObject({ dates: [`${days[0]}/${days[days.length - 1]}`], days: days.length });

    // Cancelling every other week breaks the run where the kept days are.
    const cancelled: IsoDate[] = days.filter((d) => d >= '2027-03-01' && d <= '2027-03-05');
    await cancelBookings({ store: app.store, town: app.town }, { actor: { type: 'guardian', id: GuardianId(1) }, channel: 'telegram', now, childIds: [childIds[0]!], serviceCodes: ['canteen'], dates: cancelled });
    const cancel = await app.db.auditEvent.findFirstOrThrow({ where: { action: 'booking.cancel' } });
    expect(JSON.parse(cancel.after!)).toEqual([{ childId: childIds[0], serviceCode: 'canteen', state: 'cancelled', dates: ['2027-03-01/2027-03-05'], days: 4 }]);
  });
});
