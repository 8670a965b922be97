import { isBeforeDeadline } from '../deadlines.js';
import { slotKey, type Actor, type Channel } from '../model.js';
import type { BookingStore, BookingWrite } from '../ports.js';
import type { IsoDate } from '../time.js';
import type { Town } from '../town.js';
import { auditEntries, type AuditItem } from './bookChildren.js';
import type { AbsenceOutcome, Promotion } from './outcomes.js';
import { noteFreed, promoteWaiting } from './promote.js';
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
    const writes: BookingWrite[] = [];
    const before: AuditItem[] = [];
    const after: AuditItem[] = [];
    const freed = new Map<string, { serviceCode: string; date: IsoDate; places: number }>();
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
          writes.push({ id: row.id, ...slot, state: { state: 'cancelled' } });
          before.push({ ...slot, state: 'waiting' });
          after.push({ ...slot, state: 'cancelled' });
          items.push({ ...slot, outcome: 'left_waiting_list' });
          return;
        }
        before.push({ ...slot, state: 'booked' });
        if (isBeforeDeadline(service.cancellation, date, input.now, loaded.calendar, town.timeZone)) {
          writes.push({ id: row.id, ...slot, state: { state: 'cancelled' } });
          after.push({ ...slot, state: 'cancelled', reason: input.reason });
          items.push({ ...slot, outcome: 'cancelled' });
          noteFreed(freed, service.code, date);
        } else {
          writes.push({ id: row.id, ...slot, state: { state: 'absent', reason: input.reason, justified: null } });
          after.push({ ...slot, state: 'absent', reason: input.reason });
          items.push({ ...slot, outcome: 'absent' });
        }
      },
      (childId, serviceCode, date, reason) => items.push({ childId, serviceCode, date, outcome: 'refused', reason }),
    );
    let promotions: Promotion[] = [];
    if (writes.length > 0) {
      await tx.save(writes, { channel: input.channel, actor: input.actor, at: input.now });
      await tx.audit(auditEntries(input, loaded.children, before, after, 'booking.absence'));
      promotions = await promoteWaiting(tx, town, loaded.calendar, freed, input.now);
    }
    return { items, promotions };
  });
}
