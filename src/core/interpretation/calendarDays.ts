/**
 * Calendar arithmetic for the date grammar and its resolution: day
 * indexes and ISO dates, weeks and months, a month-and-day or a day number
 * read forward from today, the next school holidays and the rentrée, and
 * whether a service runs on a day (school calendar and town closures).
 */
import type { SchoolCalendar } from '../calendar.js';
import type { TownConfig } from '../config.js';
import { addDays, daysBetween, isIsoDate, isoWeekday, type IsoDate } from '../time.js';
import { serviceStart } from './services.js';

/** The calendar facts date resolution needs: today's town date and wall-clock minutes. */
export interface DateContext {
  today: IsoDate;
  /** Minutes after midnight, town time. */
  minutes: number;
  calendar: SchoolCalendar;
  config: TownConfig;
  /** The latest day the message named before this clause: a weekday that would be today, said after it, is next week's. */
  laterSaid?: IsoDate | null;
}

/** A day given by number, with what the text says of its month, year and weekday. */
export interface PartialDate {
  day: number;
  month?: number;
  year?: number;
  wd?: number;
}

const DAY_MS = 86_400_000;
const isoByIndex = new Map<number, IsoDate>();

/** Days since 1970-01-01 (for fast iteration over long spans). */
export function dayIndex(date: IsoDate): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / DAY_MS;
}

export function dateOfIndex(index: number): IsoDate {
  let d = isoByIndex.get(index);
  if (d === undefined) {
    d = new Date(index * DAY_MS).toISOString().slice(0, 10) as IsoDate;
    if (isoByIndex.size < 50_000) isoByIndex.set(index, d);
  }
  return d;
}

/** ISO weekday of a day index (1970-01-01 was a Thursday). */
export function weekdayOfIndex(index: number): number {
  return ((((index + 3) % 7) + 7) % 7) + 1;
}

/** Calls `fn` for every day from `from` to `to` included, with its ISO weekday. */
export function forEachDay(from: IsoDate, to: IsoDate, fn: (date: IsoDate, weekday: number) => void): void {
  const end = dayIndex(to);
  for (let i = dayIndex(from); i <= end; i++) fn(dateOfIndex(i), weekdayOfIndex(i));
}

export function ymd(date: IsoDate): [number, number, number] {
  return [Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10))];
}

export function makeDate(y: number, m: number, d: number): IsoDate | null {
  // The grammar asks for the same few dates over and over (a day number tries up to 14 months).
  const memoizable = Number.isInteger(y) && Number.isInteger(m) && Number.isInteger(d) && y >= 0 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= 31;
  const key = y * 10_000 + m * 100 + d;
  if (memoizable) {
    const known = madeDates.get(key);
    if (known !== undefined) return known;
  }
  const s = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  const date = isIsoDate(s) ? s : null;
  if (memoizable) {
    if (madeDates.size >= 50_000) madeDates.clear();
    madeDates.set(key, date);
  }
  return date;
}

/** `makeDate` answers for years 0–9999 and days and months in range, by y·10⁴ + m·10² + d. */
const madeDates = new Map<number, IsoDate | null>();

export function lastOfMonth(y: number, m: number): IsoDate {
  const next = m === 12 ? makeDate(y + 1, 1, 1)! : makeDate(y, m + 1, 1)!;
  return addDays(next, -1);
}

/** The date of weekday `wd` on or after `date`. */
export function weekdayOnOrAfter(date: IsoDate, wd: number): IsoDate {
  return addDays(date, (wd - isoWeekday(date) + 7) % 7);
}

/** The Monday of the week containing `date`. */
export function mondayOf(date: IsoDate): IsoDate {
  return addDays(date, 1 - isoWeekday(date));
}

/**
 * The date a month and day name, read forward from today: this year, or
 * next year once the day has passed. A day a few days back (at most 7, or
 * whose stated weekday only fits the past date) stays in the past, for
 * absences reported late.
 */
export function resolveMonthDay(today: IsoDate, month: number, day: number, wd?: number): IsoDate | null {
  const [ty] = ymd(today);
  const thisYear = makeDate(ty, month, day);
  const nextYear = makeDate(ty + 1, month, day);
  if (thisYear && thisYear >= today) {
    if (wd !== undefined && isoWeekday(thisYear) !== wd && nextYear && isoWeekday(nextYear) === wd && daysBetween(today, thisYear) > 300) return nextYear;
    return thisYear;
  }
  if (thisYear) {
    const back = daysBetween(thisYear, today);
    if (wd !== undefined && isoWeekday(thisYear) === wd && (!nextYear || isoWeekday(nextYear) !== wd) && back <= 31) return thisYear;
    if (back <= 7 && (wd === undefined || isoWeekday(thisYear) === wd)) return thisYear;
  }
  return nextYear ?? thisYear;
}

/**
 * The date a day number alone names ("le 14", "vendredi 5"): the first such
 * day from today on, in this month or a later one; with a weekday, the
 * first month where that day falls on it.
 */
export function resolveDayOnly(today: IsoDate, day: number, wd?: number): IsoDate | null {
  const key = `${today}|${day}|${wd ?? ''}`;
  let found = dayOnlyMemo.get(key);
  if (found === undefined) {
    found = readDayOnly(today, day, wd);
    if (dayOnlyMemo.size >= 20_000) dayOnlyMemo.clear();
    dayOnlyMemo.set(key, found);
  }
  return found;
}

/** `resolveDayOnly` answers: a long message names the same day numbers many times. */
const dayOnlyMemo = new Map<string, IsoDate | null>();

function readDayOnly(today: IsoDate, day: number, wd?: number): IsoDate | null {
  let [y, m] = ymd(today);
  let fallback: IsoDate | null = null;
  for (let k = 0; k < 14; k++) {
    const d = makeDate(y, m, day);
    if (d && d >= today) {
      if (wd === undefined || isoWeekday(d) === wd) return d;
      fallback ??= d;
    }
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
  }
  return fallback;
}

export function resolvePartial(today: IsoDate, p: PartialDate): IsoDate | null {
  if (p.month !== undefined) {
    if (p.year !== undefined) return makeDate(p.year, p.month, p.day);
    return resolveMonthDay(today, p.month, p.day, p.wd);
  }
  return resolveDayOnly(today, p.day, p.wd);
}

/** The next school holidays (or those matching a name such as "printemps", "February") starting after today. */
export function holidaysAfter(ctx: DateContext, month: number | null): { from: IsoDate; to: IsoDate } | undefined {
  const all = [...ctx.calendar.calendar.holidays].sort((a, b) => (a.from < b.from ? -1 : 1));
  const upcoming = all.filter((h) => h.from > ctx.today);
  if (month !== null) {
    const named = upcoming.find((h) => ymd(h.from)[1] === month || ymd(h.to)[1] === month);
    if (named) return named;
  }
  return upcoming[0];
}

/** The first school day after the current or next school holidays ("la rentrée"). */
export function rentree(ctx: DateContext): IsoDate | null {
  const h = ctx.calendar.holidayOn(ctx.today) ?? ctx.calendar.nextHolidays(ctx.today);
  return h ? addDays(h.to, 1) : null;
}

/** The services that a clause's days must be checked against: the named ones, or every service. */
export function servicesFor(ctx: DateContext, services: readonly string[] | null): TownConfig['services'] {
  return services === null ? ctx.config.services : ctx.config.services.filter((s) => services.includes(s.code));
}

/**
 * Whether a service runs on a day, memoised per calendar (a calendar never
 * changes; one with other closures is another object): a year-long
 * recurrence asks about hundreds of days.
 */
const runsMemo = new WeakMap<SchoolCalendar, WeakMap<object, Map<IsoDate, boolean>>>();

function runs(ctx: DateContext, service: TownConfig['services'][number], date: IsoDate): boolean {
  let byService = runsMemo.get(ctx.calendar);
  if (!byService) runsMemo.set(ctx.calendar, (byService = new WeakMap()));
  let memo = byService.get(service);
  if (!memo) byService.set(service, (memo = new Map()));
  let r = memo.get(date);
  if (r === undefined) {
    if (memo.size > 20_000) memo.clear();
    r = ctx.calendar.runs(service, date);
    memo.set(date, r);
  }
  return r;
}

/** Whether one of `services` (every service when null) runs on `date`. */
export function anyServiceRuns(ctx: DateContext, services: readonly string[] | null, date: IsoDate): boolean {
  for (const s of ctx.config.services) {
    if (services !== null && !services.includes(s.code)) continue;
    if (runs(ctx, s, date)) return true;
  }
  return false;
}

/**
 * Whether today still counts for a weekday said today: some named service
 * (any service when none is named) runs today and has not started yet.
 */
export function todayStillOpen(ctx: DateContext, services: readonly string[] | null): boolean {
  let memo = stillOpenMemo.get(ctx);
  if (!memo) stillOpenMemo.set(ctx, (memo = new Map()));
  const key = services === null ? '*' : services.join(',');
  let open = memo.get(key);
  if (open === undefined) {
    open = false;
    for (const s of servicesFor(ctx, services)) if (runs(ctx, s, ctx.today) && serviceStart(s) > ctx.minutes) open = true;
    memo.set(key, open);
  }
  return open;
}

/** `todayStillOpen` per date context (one per message) and services named. */
const stillOpenMemo = new WeakMap<DateContext, Map<string, boolean>>();
