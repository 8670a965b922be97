import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bookChildren } from '../../src/core/bookings/bookChildren.js';
import { reportAbsence } from '../../src/core/bookings/reportAbsence.js';
import { GuardianId, type ChildId } from '../../src/core/ids.js';
import { isoDate } from '../../src/core/time.js';
import { addFamily, testApp, type TestApp } from '../support/app.js';

let app: TestApp;
beforeEach(async () => {
  // Room for one child on the evening care: the second waits.
  app = await testApp((c) => {
    c.services.find((s) => s.code === 'evening')!.capacity = 1;
  });
});
afterEach(() => app.dispose());

describe("the booking store's one-query snapshot", () => {
  it('reads exactly what the four separate reads give: children, closures, rows in every state, day counts', async () => {
    const f = await addFamily(app, 'F-0001', ['Léa', 'Tom']);
    const other = await addFamily(app, 'F-0002', ['Noé']);
    const ids = [...f.children, ...other.children].map((c) => c.id) as ChildId[];
    const by = { actor: { type: 'guardian' as const, id: GuardianId(1) }, channel: 'telegram' as const };
    await bookChildren({ store: app.store, town: app.town }, { ...by, now: new Date('2026-11-27T08:00:00Z'), childIds: ids, serviceCodes: ['canteen', 'evening'], dates: [isoDate('2026-12-03'), isoDate('2026-12-04')] });
    await reportAbsence({ store: app.store, town: app.town }, { ...by, now: new Date('2026-12-03T07:00:00Z'), childIds: [ids[0]!], serviceCodes: ['canteen'], dates: [isoDate('2026-12-03')], reason: 'fièvre' });
    await app.db.closure.create({ data: { date: '2026-12-10', serviceCode: 'canteen', reason: 'formation', createdBy: 'staff:1' } });
    const q = { childIds: [...ids, 999 as ChildId], serviceCodes: ['canteen', 'evening'], from: isoDate('2026-12-01'), to: isoDate('2026-12-11') };
    await app.store.write(async (tx) => {
      const snap = await tx.snapshot!(q);
      const sort = <T extends { id: number }>(rows: T[]) => [...rows].sort((a, b) => a.id - b.id);
      expect(sort(snap.children)).toEqual(sort(await tx.children(q.childIds)));
      expect(snap.closures).toEqual(await tx.closures(q.from, q.to));
      expect(sort(snap.bookings)).toEqual(sort(await tx.bookings(q)));
      expect(snap.bookings.map((b) => b.state).sort()).toEqual(['absent', ...Array(7).fill('booked'), ...Array(4).fill('waiting')]);
      expect(snap.dayCounts).toEqual(await tx.dayCounts(q));
    });
  });
});
