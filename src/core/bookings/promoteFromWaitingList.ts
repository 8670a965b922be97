import type { ChildId, StaffId } from '../ids.js';
import { dayKey, slotKey, type Channel } from '../model.js';
import { closedReason, type Reason } from '../reasons.js';
import type { BookingStore } from '../ports.js';
import type { IsoDate } from '../time.js';
import type { Town } from '../town.js';
import { Changes } from './changes.js';
import { loadSlots } from './slots.js';

export type PromoteOutcome =
  | { outcome: 'promoted'; overCapacity: boolean }
  /** The child is not (or no longer) on that day's waiting list. */
  | { outcome: 'not_waiting' }
  /** Every place is taken: staff must say they accept going over capacity. */
  | { outcome: 'full'; capacity: number; taken: number }
  | { outcome: 'refused'; reason: Reason };

/**
 * Staff give a waiting child a place, whatever the booking deadline (the
 * waiting list is theirs to decide once it has passed), and, only when they
 * say so, beyond the capacity. Not on a day the service does not run. The
 * family hears of it like any waiting-list promotion.
 */
export async function promoteFromWaitingList(
  deps: { store: BookingStore; town: Town },
  input: { childId: ChildId; serviceCode: string; date: IsoDate; actor: { type: 'staff'; id: StaffId }; channel: Channel; now: Date; overCapacity?: boolean },
): Promise<PromoteOutcome> {
  const service = deps.town.service(input.serviceCode);
  if (!service) return { outcome: 'refused', reason: { code: 'UNKNOWN_SERVICE', serviceCode: input.serviceCode } };
  return deps.store.write(async (tx) => {
    const loaded = await loadSlots(tx, deps.town, { childIds: [input.childId], serviceCodes: [service.code], dates: [input.date] });
    const child = loaded.children.get(input.childId);
    if (!child) return { outcome: 'refused', reason: { code: 'UNKNOWN_CHILD', childId: input.childId } };
    const status = loaded.calendar.status(service, input.date);
    if (!status.open) return { outcome: 'refused', reason: closedReason(status.reason) };
    const row = loaded.existing.get(slotKey(child.id, service.code, input.date));
    if (row?.state !== 'waiting') return { outcome: 'not_waiting' };
    const counts = (await tx.dayCounts({ serviceCodes: [service.code], from: input.date, to: input.date })).get(dayKey(service.code, input.date)) ?? {};
    const taken = (counts.booked ?? 0) + (counts.absent ?? 0);
    const overCapacity = taken >= service.capacity;
    if (overCapacity && !input.overCapacity) return { outcome: 'full', capacity: service.capacity, taken };
    const changes = new Changes();
    changes.change({ childId: child.id, serviceCode: service.code, date: input.date }, row.id, 'waiting', { state: 'booked' });
    await changes.commit(tx, { town: deps.town, calendar: loaded.calendar, children: loaded.children }, input, overCapacity ? 'waiting_list.promoted_by_staff.over_capacity' : 'waiting_list.promoted_by_staff');
    await tx.publish([{ type: 'waiting_list.promoted', familyId: child.familyId, at: input.now, payload: { childId: child.id, firstName: child.firstName, serviceCode: service.code, date: input.date } }]);
    return { outcome: 'promoted', overCapacity };
  });
}
