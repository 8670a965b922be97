import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bookChildren } from '../../../src/core/bookings/bookChildren.js';
import { promoteFromWaitingList } from '../../../src/core/bookings/promoteFromWaitingList.js';
import { ChildId, GuardianId, StaffId } from '../../../src/core/ids.js';
import { isoDate } from '../../../src/core/time.js';
import { addFamily, testApp, type TestApp } from '../../support/app.js';

const staff = { type: 'staff' as const, id: StaffId(1) };
const THU = isoDate('2026-12-03');
/** Thursday 3 December, 17:00 in Paris: well past the booking deadline. */
const LATE = new Date('2026-12-03T16:00:00Z');

let app: TestApp;
let lea: ChildId;
let noe: ChildId;

beforeEach(async () => {
  app = await testApp((c) => (c.services.find((s) => s.code === 'evening')!.capacity = 1));
  lea = (await addFamily(app, 'F-0001', ['Léa'])).children[0]!.id;
  noe = (await addFamily(app, 'F-0002', ['Noé'])).children[0]!.id;
  for (const child of [lea, noe]) {
    await bookChildren({ store: app.store, town: app.town }, { actor: { type: 'guardian', id: GuardianId(1) }, channel: 'telegram', now: new Date('2026-11-27T08:00:00Z'), childIds: [child], serviceCodes: ['evening'], dates: [THU] });
  }
});
afterEach(() => app.dispose());

const promote = (childId: ChildId, extra: { overCapacity?: boolean; serviceCode?: string; date?: string } = {}) =>
  promoteFromWaitingList({ store: app.store, town: app.town }, { childId, serviceCode: extra.serviceCode ?? 'evening', date: isoDate(extra.date ?? THU), actor: staff, channel: 'web', now: LATE, overCapacity: extra.overCapacity });

describe('promoteFromWaitingList', () => {
  it('refuses a full day unless staff accept going over capacity, whatever the deadline; the family is told', async () => {
    expect(await promote(noe)).toEqual({ outcome: 'full', capacity: 1, taken: 1 });
    expect(await promote(noe, { overCapacity: true })).toEqual({ outcome: 'promoted', overCapacity: true });
    expect((await app.db.booking.findFirstOrThrow({ where: { childId: noe } })).state).toBe('booked');
    const event = await app.db.domainEvent.findFirstOrThrow();
    expect(event.type).toBe('waiting_list.promoted');
    expect(JSON.parse(event.payload)).toMatchObject({ firstName: 'Noé', serviceCode: 'evening', date: THU });
    const audit = await app.db.auditEvent.findFirstOrThrow({ where: { actorType: 'staff' } });
    expect(audit.action).toBe('waiting_list.promoted_by_staff.over_capacity');
    expect(JSON.parse(audit.after!)).toEqual([{ childId: noe, serviceCode: 'evening', state: 'booked', dates: [THU] }]);
  });

  it('promotes without a flag once a place is free', async () => {
    await app.db.booking.updateMany({ where: { childId: lea }, data: { state: 'cancelled' } });
    expect(await promote(noe)).toEqual({ outcome: 'promoted', overCapacity: false });
  });

  it('says when the child is not waiting, and refuses an unknown child or service or a closed day', async () => {
    expect(await promote(lea)).toEqual({ outcome: 'not_waiting' });
    expect(await promote(ChildId(9999))).toMatchObject({ outcome: 'refused', reason: { code: 'UNKNOWN_CHILD' } });
    expect(await promote(noe, { serviceCode: 'piscine' })).toMatchObject({ outcome: 'refused', reason: { code: 'UNKNOWN_SERVICE' } });
    expect(await promote(noe, { date: '2026-12-25' })).toMatchObject({ outcome: 'refused', reason: { code: 'CLOSED_DAY' } });
  });
});
