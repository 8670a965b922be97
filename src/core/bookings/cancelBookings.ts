import { deadlineFor, isBeforeDeadline } from '../deadlines.js';
import { slotKey, type Actor, type Channel, type ChildRecord } from '../model.js';
import type { BookingStore, DomainEvent } from '../ports.js';
import type { ChildId } from '../ids.js';
import type { IsoDate } from '../time.js';
import type { Town } from '../town.js';
import { Changes } from './changes.js';
import type { CancelOutcome, Promotion } from './outcomes.js';
import { forEachSlot, loadSlots, type SlotRequest } from './slots.js';

/**
 * One event per child and service cancelled by staff, with its days (the
 * waiting-list places removed too) and the reason staff gave; the
 * notifications group them per family.
 */
function staffCancellations(items: CancelOutcome[], children: Map<ChildId, ChildRecord>, at: Date, reason: string | undefined): DomainEvent[] {
  const groups = new Map<string, { child: ChildRecord; serviceCode: string; dates: IsoDate[]; waiting: IsoDate[] }>();
  for (const i of items) {
    const child = children.get(i.childId);
    if ((i.outcome !== 'cancelled' && i.outcome !== 'left_waiting_list') || !child) continue;
    const key = `${i.childId}|${i.serviceCode}`;
    const g = groups.get(key) ?? { child, serviceCode: i.serviceCode, dates: [], waiting: [] };
    (i.outcome === 'cancelled' ? g.dates : g.waiting).push(i.date);
    groups.set(key, g);
  }
  return [...groups.values()].map((g) => ({
    type: 'booking.cancelled_by_staff' as const,
    familyId: g.child.familyId,
    at,
    payload: { childId: g.child.id, firstName: g.child.firstName, serviceCode: g.serviceCode, dates: g.dates, ...(g.waiting.length ? { waiting: g.waiting } : {}), ...(reason ? { reason } : {}) },
  }));
}

export interface CancelInput extends SlotRequest {
  actor: Actor;
  channel: Channel;
  now: Date;
  /** Staff only: cancel even after the cancellation deadline (recorded as such). */
  overrideDeadline?: boolean;
  /** Staff only: the reason the family is told. */
  reason?: string;
  /** Staff only: the caller tells the families itself (a closure tells each family once). */
  silent?: boolean;
}

/**
 * Cancels bookings (and waiting-list places). After the cancellation
 * deadline a booking is kept and the refusal carries the deadline; a
 * service whose rule is `never` cannot be cancelled at all (an absence can
 * still be reported). Each freed place goes to the first waiting child.
 * With `serviceCodes: null` only the days' actual bookings are reported.
 */
export async function cancelBookings(
  deps: { store: BookingStore; town: Town },
  input: CancelInput,
): Promise<{ items: CancelOutcome[]; promotions: Promotion[] }> {
  const { town } = deps;
  return deps.store.write(async (tx) => {
    const loaded = await loadSlots(tx, town, input);
    const items: CancelOutcome[] = [];
    const changes = new Changes();
    forEachSlot(
      input,
      loaded,
      (child, service, date) => {
        const slot = { childId: child.id, serviceCode: service.code, date };
        const row = loaded.existing.get(slotKey(child.id, service.code, date));
        if (!row || row.state === 'cancelled') {
          if (input.serviceCodes !== null) items.push({ ...slot, outcome: 'not_booked' });
          return;
        }
        if (row.state === 'waiting') {
          changes.change(slot, row.id, 'waiting', { state: 'cancelled' });
          items.push({ ...slot, outcome: 'left_waiting_list' });
          return;
        }
        if (!input.overrideDeadline) {
          if (service.cancellation.kind === 'never') {
            items.push({ ...slot, outcome: 'refused', reason: { code: 'CANCELLATION_NOT_ALLOWED' } });
            return;
          }
          if (!isBeforeDeadline(service.cancellation, date, input.now, loaded.calendar, town.timeZone)) {
            const deadline = deadlineFor(service.cancellation, date, loaded.calendar, town.timeZone)!;
            items.push({ ...slot, outcome: 'refused', reason: { code: 'DEADLINE_PASSED', change: 'cancellation', deadline } });
            return;
          }
        }
        changes.change(slot, row.id, row.state, { state: 'cancelled' });
        items.push({ ...slot, outcome: 'cancelled' });
      },
      (childId, serviceCode, date, reason) => items.push({ childId, serviceCode, date, outcome: 'refused', reason }),
    );
    const promotions = await changes.commit(tx, { town, calendar: loaded.calendar, children: loaded.children }, input, 'booking.cancel');
    if (input.actor.type === 'staff' && !input.silent && changes.writes.length > 0) await tx.publish(staffCancellations(items, loaded.children, input.now, input.reason));
    return { items, promotions };
  });
}
