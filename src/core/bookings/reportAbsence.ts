import { isBeforeDeadline } from '../deadlines.js';
import { slotKey, type Actor, type Channel } from '../model.js';
import type { BookingStore } from '../ports.js';
import type { IsoDate } from '../time.js';
import type { Town } from '../town.js';
import { Changes } from './changes.js';
import type { AbsenceOutcome, Promotion } from './outcomes.js';
import { forEachSlot, loadSlots, type SlotRequest } from './slots.js';

export interface AbsenceInput extends SlotRequest {
  actor: Actor;
  channel: Channel;
  now: Date;
  /** What the parent said ("malade", "rendez-vous médical"…). */
  reason: string;
}

/**
 * Reports a child absent: possible at any time up to the end of the day
 * itself, whatever the deadlines. While cancelling is still allowed the
 * booking is simply cancelled (nothing to pay, the place goes to the
 * waiting list); after that it is kept, marked absent with the reason, for
 * staff to mark justified or not. Guardians cannot report a past day; staff can.
 */
export async function reportAbsence(
  deps: { store: BookingStore; town: Town },
  input: AbsenceInput,
): Promise<{ items: AbsenceOutcome[]; promotions: Promotion[] }> {
  const { town } = deps;
  const today = town.today(input.now);
  return deps.store.write(async (tx) => {
    const loaded = await loadSlots(tx, town, input);
    const items: AbsenceOutcome[] = [];
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
        if (date < today && input.actor.type !== 'staff') {
          items.push({ ...slot, outcome: 'refused', reason: { code: 'DAY_PASSED', date } });
          return;
        }
        if (row.state === 'absent') {
          items.push({ ...slot, outcome: 'already_absent' });
          return;
        }
        if (row.state === 'waiting') {
          changes.change(slot, row.id, 'waiting', { state: 'cancelled' });
          items.push({ ...slot, outcome: 'left_waiting_list' });
          return;
        }
        if (isBeforeDeadline(service.cancellation, date, input.now, loaded.calendar, town.timeZone)) {
          changes.change(slot, row.id, 'booked', { state: 'cancelled' }, { reason: input.reason });
          items.push({ ...slot, outcome: 'cancelled' });
        } else {
          changes.change(slot, row.id, 'booked', { state: 'absent', reason: input.reason, justified: null }, { reason: input.reason });
          items.push({ ...slot, outcome: 'absent' });
        }
      },
      (childId, serviceCode, date, reason) => items.push({ childId, serviceCode, date, outcome: 'refused', reason }),
    );
    const promotions = await changes.commit(tx, { town, calendar: loaded.calendar, children: loaded.children }, input, 'booking.absence');
    return { items, promotions };
  });
}
