import type { DayStatus } from '../calendar.js';
import type { ServiceConfig } from '../config.js';
import { deadlineFor } from '../deadlines.js';
import type { IsoDate } from '../time.js';
import { dayKey, slotKey, type Actor, type Channel } from '../model.js';
import type { BookingStore } from '../ports.js';
import { Changes } from './changes.js';
import { closedReason } from '../reasons.js';
import type { Town } from '../town.js';
import type { BookOutcome } from './outcomes.js';
import { forEachSlot, loadSlots, type SlotRequest } from './slots.js';

const BOOKED = { state: 'booked' } as const;

export interface BookInput extends SlotRequest {
  actor: Actor;
  channel: Channel;
  now: Date;
  /** Staff only: book even after the booking deadline (recorded as such). */
  overrideDeadline?: boolean;
}

/**
 * Books children on services and days. A day the service does not run, or
 * whose booking deadline has passed, is refused with the reason; a full day
 * puts the child on its waiting list. Capacity is checked inside one write
 * transaction, so concurrent requests can never exceed it.
 */
export async function bookChildren(deps: { store: BookingStore; town: Town }, input: BookInput): Promise<BookOutcome[]> {
  const { town } = deps;
  return deps.store.write(async (tx) => {
    const loaded = await loadSlots(tx, town, input);
    const out: BookOutcome[] = [];
    const changes = new Changes();
    if (loaded.dates.length === 0) return out;
    const counts = loaded.dayCounts ?? await tx.dayCounts({
      serviceCodes: loaded.services.map((s) => s.code),
      from: loaded.dates[0]!,
      to: loaded.dates[loaded.dates.length - 1]!,
    });
    const taken = new Map<string, number>();
    const waiting = new Map<string, number>();
    for (const [key, c] of counts) {
      taken.set(key, (c.booked ?? 0) + (c.absent ?? 0));
      waiting.set(key, c.waiting ?? 0);
    }
    // Whether a day is open, and its deadline, are the same for every child: worked out once.
    const days = new Map<string, { status: DayStatus; deadline: Date | null; key: string }>();
    const dayRules = (service: ServiceConfig, date: IsoDate) => {
      const key = dayKey(service.code, date);
      let day = days.get(key);
      if (!day) {
        const status = loaded.calendar.status(service, date);
        day = { status, deadline: status.open ? deadlineFor(service.booking, date, loaded.calendar, town.timeZone) : null, key };
        days.set(key, day);
      }
      return day;
    };
    const hasRows = loaded.existing.size > 0;
    forEachSlot(
      input,
      loaded,
      (child, service, date) => {
        const childId = child.id;
        const serviceCode = service.code;
        const { status, deadline, key } = dayRules(service, date);
        if (!status.open) {
          out.push({ childId, serviceCode, date, outcome: 'refused', reason: closedReason(status.reason) });
          return;
        }
        const row = hasRows ? loaded.existing.get(slotKey(childId, serviceCode, date)) : undefined;
        const slot = { childId, serviceCode, date };
        if (row?.state === 'booked') {
          out.push({ childId, serviceCode, date, outcome: 'already_booked' });
          return;
        }
        if (row?.state === 'waiting') {
          // Rank among those waiting: counted by the store in order.
          out.push({ childId, serviceCode, date, outcome: 'already_waiting', rank: 0 });
          return;
        }
        if (row?.state === 'absent') {
          // The child comes after all: the place is still theirs, whatever the
          // deadline (the meal was ordered anyway).
          changes.change(slot, row.id, 'absent', { state: 'booked' });
          out.push({ childId, serviceCode, date, outcome: 'booked' });
          return;
        }
        if (!input.overrideDeadline && (deadline === null || input.now.getTime() >= deadline.getTime())) {
          out.push({ childId, serviceCode, date, outcome: 'refused', reason: { code: 'DEADLINE_PASSED', change: 'booking', deadline: deadline ?? input.now } });
          return;
        }
        const used = taken.get(key) ?? 0;
        if (used < service.capacity) {
          taken.set(key, used + 1);
          changes.change(slot, row?.id, row?.state ?? null, BOOKED);
          out.push({ childId, serviceCode, date, outcome: 'booked' });
        } else {
          const rank = (waiting.get(key) ?? 0) + 1;
          waiting.set(key, rank);
          changes.change(slot, row?.id, row?.state ?? null, { state: 'waiting', since: input.now });
          out.push({ childId, serviceCode, date, outcome: 'waiting_list', rank });
        }
      },
      (childId, serviceCode, date, reason) => out.push({ childId, serviceCode, date, outcome: 'refused', reason }),
    );
    // Ranks of children already waiting.
    for (const o of out) {
      if (o.outcome === 'already_waiting') {
        const list = await tx.waitingList(o.serviceCode, o.date);
        o.rank = list.findIndex((r) => r.childId === o.childId) + 1;
      }
    }
    await changes.commit(tx, { town, calendar: loaded.calendar, children: loaded.children }, input, 'booking.book');
    return out;
  });
}
