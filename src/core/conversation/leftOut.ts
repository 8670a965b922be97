/**
 * A range that crosses holidays books the school days and says which days
 * were left out and why: "ℹ️ Vacances de Noël, du samedi 19 décembre au
 * dimanche 3 janvier : pas de service, ces jours ne sont pas compris."
 */
import { closedReason } from '../reasons.js';
import { addDays, type IsoDate } from '../time.js';
import type { Session } from './session.js';
import type { Planned } from './state.js';
import { reasonText } from './texts.js';

/** One line per holiday period or closed day inside the plan's ranges on which a named service would otherwise run. */
export function leftOutLines(s: Session, actions: readonly Planned[]): string[] {
  const holidays = new Map<string, { from: IsoDate; to: IsoDate }>();
  const days = new Map<string, IsoDate[]>();
  for (const a of actions) {
    const dates = [...(a.dates ?? [])].sort();
    if (dates.length < 2) continue;
    const services = (a.services?.length ? a.services : s.town.serviceList.map((x) => x.code)).map((c) => s.town.service(c)).filter((x) => x !== undefined);
    for (let d = addDays(dates[0]!, 1); d < dates[dates.length - 1]!; d = addDays(d, 1)) {
      for (const service of services) {
        const status = s.town.calendar.status(service, d);
        if (status.open || status.reason.code === 'NOT_RUNNING_WEEKDAY') continue;
        if (status.reason.code === 'SCHOOL_HOLIDAY') {
          holidays.set(status.reason.name, { from: status.reason.from, to: status.reason.to });
        } else {
          const why = reasonText(closedReason(status.reason), { town: s.town.config, lang: s.lang, service: s.serviceName(service.code) });
          days.set(why, [...new Set([...(days.get(why) ?? []), d])]);
        }
        break;
      }
    }
  }
  return [
    ...[...holidays].map(([name, p]) => s.words.leftOutHoliday(name, s.words.date(p.from), s.words.date(p.to))),
    ...[...days].map(([why, ds]) => s.words.leftOutDays(s.words.dates(ds), why)),
  ];
}
