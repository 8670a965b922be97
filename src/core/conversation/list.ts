/** What is booked: for some children, some services and some days (the coming fortnight when no day is said). */
import { listBookings } from '../bookings/listBookings.js';
import { ChildId } from '../ids.js';
import { closedReason } from '../reasons.js';
import { addDays, isoWeekday, type IsoDate } from '../time.js';
import type { Session } from './session.js';
import { reasonText } from './texts.js';
import { reply, type Reply } from './types.js';

export interface ListQuery {
  childIds: number[] | null;
  services: string[] | null;
  dates: readonly IsoDate[] | null;
  /** Days named on which the named services do not run: said so, never answered with another service. */
  dropped?: readonly IsoDate[];
}

export async function list(s: Session, q: ListQuery): Promise<Reply> {
  const words = s.words;
  const notes = notRunning(s, q);
  const dates = q.dates?.length ? q.dates : null;
  if (!dates && notes.length > 0) return reply(s.lang, 'list', notes.join('\n'));
  const today = s.town.today(s.now);
  const from = dates ? dates[0]! : today;
  const to = dates ? dates[dates.length - 1]! : addDays(today, 14 - isoWeekday(today));
  const ids = q.childIds ?? s.allChildIds();
  const rows = (await listBookings({ store: s.deps.store }, { childIds: ids.map(ChildId), from, to })).filter(
    (r) => r.state !== 'cancelled' && (!dates || dates.includes(r.date)) && (!q.services || q.services.includes(r.serviceCode)),
  );
  const span = words.span(from, to);
  // "est-ce que Tom est inscrit jeudi ?": the answer names Tom.
  const who = q.childIds?.length && s.children.length > 1 ? q.childIds.map(s.childName) : null;
  if (rows.length === 0) return reply(s.lang, 'list', [...notes, words.listEmpty(span, who)].join('\n'));
  const lines = [...notes, words.listHead(span, who)];
  const byDate = new Map<string, string[]>();
  for (const r of rows) {
    const state = r.state === 'absent' ? 'absent' : r.state === 'waiting' ? 'waiting' : 'booked';
    byDate.set(r.date, [...(byDate.get(r.date) ?? []), words.listItem(r.firstName, s.serviceName(r.serviceCode), state)]);
  }
  for (const [date, items] of byDate) lines.push(words.listLine(words.date(date as IsoDate), items.join(', ')));
  return reply(s.lang, 'list', lines.join('\n'));
}

/** "Pas de garderie du matin le mercredi": one line per named service and day it does not run. */
function notRunning(s: Session, q: ListQuery): string[] {
  if (!q.services?.length || !q.dropped?.length) return [];
  const lines = new Set<string>();
  for (const code of q.services) {
    const service = s.town.service(code);
    if (!service) continue;
    for (const d of q.dropped) {
      const status = s.town.calendar.status(service, d);
      if (status.open) continue;
      const reason = closedReason(status.reason);
      lines.add(
        reason.code === 'SERVICE_NOT_RUNNING'
          ? s.words.serviceNotRunning(s.serviceName(code), reason.weekday, service.weekdays)
          : s.words.closedDay(s.serviceName(code), s.words.date(d), reasonText(reason, { town: s.town.config, lang: s.lang, service: s.serviceName(code) })),
      );
    }
  }
  return [...lines];
}
