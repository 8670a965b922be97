// The adults planned per service and day, and the children the supervision
// ratios count, read and written the same on SQLite and on PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bookChildren } from '../../src/core/bookings/bookChildren.js';
import { reportAbsence } from '../../src/core/bookings/reportAbsence.js';
import { GuardianId, StaffId } from '../../src/core/ids.js';
import { supervisionNeed } from '../../src/core/supervision/ratios.js';
import { isoDate } from '../../src/core/time.js';
import { PrismaAttendanceStore } from '../../src/db/attendanceStore.js';
import { PrismaStaffPlanStore } from '../../src/db/staffPlanStore.js';
import { supervisedChildren } from '../../src/staff-web/queries/supervision.js';
import { addFamily, PROVIDERS, testApp, type TestApp } from '../support/app.js';

const THU = isoDate('2026-12-03');
const by = (at: string) => ({ actor: { type: 'staff' as const, id: StaffId(7) }, channel: 'web' as const, at: new Date(at) });

describe.each(PROVIDERS)('supervision stores on %s', (provider) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await testApp(undefined, provider);
  });
  afterAll(() => app.dispose());

  it('keeps one number per service and day, replaces it, and audits each change with before and after', async () => {
    const plans = new PrismaStaffPlanStore(app.db);
    expect(await plans.plannedOn(THU)).toEqual(new Map());
    expect(await plans.set(THU, 'evening', 3, by('2026-12-01T08:00:00Z'))).toEqual({ before: null });
    expect(await plans.set(THU, 'morning', 0, by('2026-12-01T08:01:00Z'))).toEqual({ before: null });
    expect(await plans.set(THU, 'evening', 5, by('2026-12-01T08:02:00Z'))).toEqual({ before: 3 });
    // The same number again changes nothing and writes no audit event.
    expect(await plans.set(THU, 'evening', 5, by('2026-12-01T08:03:00Z'))).toEqual({ before: 5 });
    await plans.set(isoDate('2026-12-04'), 'evening', 9, by('2026-12-01T08:04:00Z'));
    expect(await plans.plannedOn(THU)).toEqual(new Map([['evening', 5], ['morning', 0]]));
    const row = await app.db.staffPlan.findUniqueOrThrow({ where: { date_serviceCode: { date: THU, serviceCode: 'evening' } } });
    expect(row).toMatchObject({ adults: 5, updatedBy: 'staff:7' });
    expect(row.updatedAt.toISOString()).toBe('2026-12-01T08:02:00.000Z');
    const audit = await app.db.auditEvent.findMany({ where: { action: 'staff_plan.set' }, orderBy: { id: 'asc' } });
    expect(audit.map((a) => ({ actor: `${a.actorType}:${a.actorId}`, channel: a.channel, familyId: a.familyId, before: a.before && JSON.parse(a.before), after: JSON.parse(a.after!) }))).toEqual([
      { actor: 'staff:7', channel: 'web', familyId: null, before: null, after: { date: THU, serviceCode: 'evening', adults: 3 } },
      { actor: 'staff:7', channel: 'web', familyId: null, before: null, after: { date: THU, serviceCode: 'morning', adults: 0 } },
      { actor: 'staff:7', channel: 'web', familyId: null, before: { date: THU, serviceCode: 'evening', adults: 3 }, after: { date: THU, serviceCode: 'evening', adults: 5 } },
      { actor: 'staff:7', channel: 'web', familyId: null, before: null, after: { date: '2026-12-04', serviceCode: 'evening', adults: 9 } },
    ]);
  });

  it('reads the day’s children with their birth dates, states and ticks, which the core counts by age', async () => {
    const f = await addFamily(app, 'F-0901', ['Léa', 'Tom', 'Ana', 'Noé']);
    const [lea, tom, ana, noe] = f.children.map((c) => c.id);
    // Tom turns six on the day; Ana is five; Noé is reported absent; Léa (2018) is eight.
    await app.db.child.update({ where: { id: tom }, data: { birthDate: '2020-12-03' } });
    await app.db.child.update({ where: { id: ana }, data: { birthDate: '2021-05-10' } });
    const actor = { type: 'guardian' as const, id: GuardianId(1) };
    await bookChildren({ store: app.store, town: app.town }, { actor, channel: 'telegram', now: new Date('2026-11-27T08:00:00Z'), childIds: [lea!, tom!, ana!, noe!], serviceCodes: ['evening', 'morning'], dates: [THU] });
    await reportAbsence({ store: app.store, town: app.town }, { actor, channel: 'telegram', now: new Date('2026-12-03T07:00:00Z'), childIds: [noe!], serviceCodes: ['evening'], dates: [THU], reason: 'malade' });
    const ratios = { ordinary: { under6: 10, sixAndOver: 14 }, withPedt: { under6: 14, sixAndOver: 18 } };

    let rows = await supervisedChildren(app.db, THU, ['evening', 'morning', 'wednesday']);
    expect(rows.get('wednesday')).toEqual([]);
    expect(rows.get('evening')!.reduce((a, r) => a + r.count!, 0)).toBe(4);
    expect(supervisionNeed(rows.get('evening')!, THU, ratios, false)).toEqual({ under6: 1, sixAndOver: 2, unknownAge: 0, ordinary: 1, withPedt: 1, applicable: 1 });
    expect(supervisionNeed(rows.get('morning')!, THU, ratios, false)).toMatchObject({ under6: 1, sixAndOver: 3 });
    expect(supervisionNeed(rows.get('evening')!, isoDate('2026-12-02'), ratios, false)).toMatchObject({ under6: 2, sixAndOver: 1 });

    // The roll call: Ana ticked absent, Noé came after all.
    const attendance = new PrismaAttendanceStore(app.db);
    const booking = (childId: number) => app.db.booking.findFirstOrThrow({ where: { childId, serviceCode: 'evening', date: THU } });
    await attendance.mark((await booking(ana!)).id, 'absent', by('2026-12-03T16:40:00Z'));
    await attendance.mark((await booking(noe!)).id, 'present', by('2026-12-03T16:41:00Z'));
    rows = await supervisedChildren(app.db, THU, ['evening']);
    expect(supervisionNeed(rows.get('evening')!, THU, ratios, false)).toMatchObject({ under6: 0, sixAndOver: 3 });
    expect(await supervisedChildren(app.db, THU, [])).toEqual(new Map());
  });
});
