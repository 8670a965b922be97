import type { SchoolCalendar } from '../calendar.js';
import { isBeforeDeadline } from '../deadlines.js';
import { dayKey, type Actor } from '../model.js';
import type { BookingTx, BookingWrite } from '../ports.js';
import type { IsoDate } from '../time.js';
import type { Town } from '../town.js';
import type { Promotion } from './outcomes.js';

/**
 * Gives places freed on (service, day) pairs to the first children of their
 * waiting lists, while that day can still be booked (after the booking
 * deadline the list stays for staff to decide). Each promotion is published
 * as an event for the channels to announce.
 */
export async function promoteWaiting(
  tx: BookingTx,
  town: Town,
  calendar: SchoolCalendar,
  freed: Map<string, { serviceCode: string; date: IsoDate; places: number }>,
  now: Date,
): Promise<Promotion[]> {
  const promotions: Promotion[] = [];
  const writes: BookingWrite[] = [];
  for (const { serviceCode, date, places } of freed.values()) {
    const service = town.service(serviceCode);
    if (!service || !isBeforeDeadline(service.booking, date, now, calendar, town.timeZone)) continue;
    const counts = (await tx.dayCounts({ serviceCodes: [serviceCode], from: date, to: date })).get(dayKey(serviceCode, date)) ?? {};
    const free = Math.min(places, service.capacity - (counts.booked ?? 0) - (counts.absent ?? 0));
    if (free <= 0 || !counts.waiting) continue;
    const list = (await tx.waitingList(serviceCode, date)).slice(0, free);
    if (list.length === 0) continue;
    const children = new Map((await tx.children(list.map((r) => r.childId))).map((c) => [c.id, c]));
    for (const row of list) {
      const child = children.get(row.childId);
      if (!child) continue;
      writes.push({ id: row.id, childId: row.childId, serviceCode, date, state: { state: 'booked' } });
      promotions.push({ childId: child.id, familyId: child.familyId, firstName: child.firstName, serviceCode, date });
    }
  }
  if (writes.length > 0) {
    const system: Actor = { type: 'system' };
    await tx.save(writes, { channel: 'system', actor: system, at: now });
    await tx.audit(
      promotions.map((p) => ({
        at: now,
        actor: system,
        channel: 'system' as const,
        action: 'waiting_list.promoted',
        familyId: p.familyId,
        before: [{ childId: p.childId, serviceCode: p.serviceCode, date: p.date, state: 'waiting' }],
        after: [{ childId: p.childId, serviceCode: p.serviceCode, date: p.date, state: 'booked' }],
      })),
    );
    await tx.publish(
      promotions.map((p) => ({
        type: 'waiting_list.promoted' as const,
        familyId: p.familyId,
        at: now,
        payload: { childId: p.childId, firstName: p.firstName, serviceCode: p.serviceCode, date: p.date },
      })),
    );
  }
  return promotions;
}

/** Adds one freed place on (service, day). */
export function noteFreed(freed: Map<string, { serviceCode: string; date: IsoDate; places: number }>, serviceCode: string, date: IsoDate): void {
  const key = dayKey(serviceCode, date);
  const entry = freed.get(key) ?? { serviceCode, date, places: 0 };
  entry.places += 1;
  freed.set(key, entry);
}
