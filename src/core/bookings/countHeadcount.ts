import { dayKey } from '../model.js';
import type { BookingStore } from '../ports.js';
import { eachDate, type IsoDate } from '../time.js';
import type { Town } from '../town.js';

export interface HeadcountRow {
  date: IsoDate;
  serviceCode: string;
  /** Places taken: children booked, including those reported absent. */
  booked: number;
  /** Of `booked`, reported absent. */
  absent: number;
  capacity: number;
  waiting: number;
}

/**
 * Per day and per service running that day: places taken (absent children
 * keep theirs), absences, capacity and waiting list, in date order then the
 * configuration's service order.
 */
export async function countHeadcount(deps: { store: BookingStore; town: Town }, range: { from: IsoDate; to: IsoDate }): Promise<HeadcountRow[]> {
  const { town } = deps;
  const calendar = town.calendar.withClosures(await deps.store.closures(range.from, range.to));
  const counts = new Map<string, { booked: number; absent: number; waiting: number }>();
  for (const r of await deps.store.counts(range.from, range.to)) {
    if (r.state === 'cancelled') continue;
    const key = dayKey(r.serviceCode, r.date);
    const c = counts.get(key) ?? { booked: 0, absent: 0, waiting: 0 };
    if (r.state === 'booked') c.booked += r.count;
    else if (r.state === 'absent') c.absent += r.count;
    else c.waiting += r.count;
    counts.set(key, c);
  }
  const rows: HeadcountRow[] = [];
  for (const date of eachDate(range.from, range.to)) {
    for (const service of town.serviceList) {
      const c = counts.get(dayKey(service.code, date));
      // A closed day still shows when it somehow holds bookings, so nothing is hidden from staff.
      if (!calendar.runs(service, date) && !c) continue;
      rows.push({
        date,
        serviceCode: service.code,
        booked: (c?.booked ?? 0) + (c?.absent ?? 0),
        absent: c?.absent ?? 0,
        capacity: service.capacity,
        waiting: c?.waiting ?? 0,
      });
    }
  }
  return rows;
}
