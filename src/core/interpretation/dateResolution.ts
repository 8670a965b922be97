/**
 * Date resolution: the days a clause's date items cover, for the services
 * it names. "lundi" said on a Monday is today only while a service has not
 * started; ranges, weeks and months expand to the days a named service
 * runs (holidays and public holidays skipped); exceptions are removed.
 */
import { addDays, daysBetween, isoWeekday, type IsoDate } from '../time.js';
import type { ClosedReason } from '../calendar.js';
import { anyServiceRuns, forEachDay, lastOfMonth, mondayOf, servicesFor, todayStillOpen, weekdayOnOrAfter, ymd, type DateContext } from './calendarDays.js';
import type { DateItem, DayRef } from './dateGrammar.js';

/** The shift of "lundi en huit": a week after the coming Monday. */
export const EN_HUIT = 8;

/**
 * The next occurrence of a weekday: today while a named service has not
 * started, else the coming one; "prochain"/"next" is that day of next
 * week, "en huit"/"d'après" a week later still, "dernier"/"last" looks back.
 */
export function resolveWeekday(ctx: DateContext, services: readonly string[] | null, wd: number, shift: number): IsoDate {
  const { today } = ctx;
  if (shift < 0) {
    const back = (isoWeekday(today) - wd + 7) % 7 || 7;
    return addDays(today, -back);
  }
  if (shift === EN_HUIT) {
    let d = weekdayOnOrAfter(today, wd);
    if (d === today && !todayStillOpen(ctx, services)) d = addDays(d, 7);
    return addDays(d, 7);
  }
  if (shift >= 1) {
    // "mercredi prochain", "next Wednesday": that day of next week ("lundi prochain" said on Sunday is tomorrow).
    const d = weekdayOnOrAfter(addDays(mondayOf(today), 7), wd);
    return shift >= 2 ? addDays(d, 7) : d;
  }
  let d = weekdayOnOrAfter(today, wd);
  if (d === today && !todayStillOpen(ctx, services)) d = addDays(d, 7);
  return d;
}

/** The days a clause covers, with what was dropped on the way. */
export interface DateResolution {
  /** Sorted days on which a named service runs; null when the clause names no day. */
  dates: IsoDate[] | null;
  /** Days named one by one but dropped because no named service runs then. */
  dropped: IsoDate[];
  /** A recurrence or a "from" without an end (runs to the end of the school year). */
  openEnded: boolean;
  /** Days of the period the calendar closes (holidays, public holidays, bridges, closures), grouped, with why. */
  leftOut: LeftOut[];
}

/** Days left out of a period, from `from` to `to`, and why (the calendar's reason). */
export interface LeftOut {
  from: IsoDate;
  to: IsoDate;
  reason: ClosedReason;
}

const LEFT_OUT_CODES: ReadonlySet<string> = new Set(['SCHOOL_HOLIDAY', 'PUBLIC_HOLIDAY', 'BRIDGE_DAY', 'CLOSURE']);

function sameReason(a: ClosedReason, b: ClosedReason): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * The days a clause's date items cover: single days and weekdays as they
 * resolve; ranges, weeks and months expanded; a recurrence kept to its
 * scope (a month, a week, "jusqu'aux vacances", else the rest of the school
 * year); exceptions removed; expansions keep only today and later; finally
 * only days on which one of `services` (any when null) runs.
 */
export function resolveDates(items: readonly DateItem[], ctx: DateContext, services: readonly string[] | null): DateResolution {
  const { today } = ctx;
  const lastDay = ctx.calendar.calendar.lastDay;
  const named = new Set<IsoDate>();
  const spans: { from: IsoDate; to: IsoDate; scope: string; loose?: boolean }[] = [];
  const weekdays: { wd: number; shift: number; following?: boolean; start: number; generic?: boolean }[] = [];
  // The days given in full, where each was said: "demain et lundi" said on a Monday is next Monday.
  const namedBefore: { start: number; date: IsoDate }[] = [];
  const excludedWd = new Set<number>();
  const excludedDates = new Set<IsoDate>();
  let every = null as Set<number> | 'all' | null;
  let from = null as IsoDate | null;
  let until = null as IsoDate | null;
  const untilRefs: DayRef[] = [];
  const fromRefs: DayRef[] = [];
  const ranges: { from: DayRef; to: DayRef }[] = [];
  let openEnded = false;
  let any = false;
  const anchors: IsoDate[] = [];
  const frames = new Set<IsoDate>();
  let everyOther = false;

  const placeRef = (ref: DayRef, after: IsoDate | null): IsoDate => {
    if (ref.kind === 'date') return ref.date;
    if (ref.kind === 'end') {
      const base = after ?? today;
      if (ref.unit === 'week') return addDays(mondayOf(base), 6);
      const [y, m] = ymd(base);
      return lastOfMonth(y, m);
    }
    if (after !== null) {
      const d = weekdayOnOrAfter(after, ref.wd);
      return ref.shift >= 2 ? addDays(d, 7) : d;
    }
    return resolveWeekday(ctx, services, ref.wd, ref.shift);
  };

  for (const it of items) {
    switch (it.kind) {
      case 'dates':
        any = true;
        for (const d of it.dates) {
          named.add(d);
          namedBefore.push({ start: it.start, date: d });
        }
        break;
      case 'weekday':
        any = true;
        weekdays.push({ wd: it.wd, shift: it.shift, start: it.start, ...(it.following ? { following: true } : {}), ...(it.generic ? { generic: true } : {}) });
        break;
      case 'range':
        any = true;
        ranges.push(it);
        break;
      case 'span':
        any = true;
        spans.push({ from: it.from, to: it.to, scope: it.scope, ...(it.loose ? { loose: true } : {}) });
        break;
      case 'from': {
        any = true;
        fromRefs.push(it.ref);
        const d = placeRef(it.ref, null);
        from = from === null || d > from ? d : from;
        break;
      }
      case 'until':
        any = true;
        untilRefs.push(it.ref);
        break;
      case 'every':
        any = true;
        if (it.step === 2) everyOther = true;
        if (it.weekdays === null) every = 'all';
        else if (every !== 'all') {
          every ??= new Set<number>();
          for (const wd of it.weekdays) every.add(wd);
        }
        break;
      case 'nextN': {
        any = true;
        let d = resolveWeekday(ctx, services, it.wd, 0);
        for (let k = 0; k < it.count; k++, d = addDays(d, 7)) named.add(d);
        break;
      }
      case 'except':
        for (const wd of it.weekdays) excludedWd.add(wd);
        for (const d of it.dates) excludedDates.add(d);
        break;
      case 'anaphor':
        break;
      case 'anchor':
        any = true;
        anchors.push(it.date);
        if (it.frame) frames.add(it.date);
        break;
    }
  }
  if (!any) return { dates: null, dropped: [], openEnded: false, leftOut: [] };
  // "le mardi et le vendredi de chaque semaine": the weekdays said, every week.
  if (every !== null && every !== 'all' && every.size === 0) {
    // (with no weekday said, "every week until Easter" is every day of it)
    if (weekdays.length === 0) every = 'all';
    else {
      for (const w of weekdays) every.add(w.wd);
      weekdays.length = 0;
    }
  }
  // "cantine à la rentrée toute la semaine", said during the holidays, or "pour la rentrée de la
  // Toussaint … toute la semaine" said before them: the week said is the rentrée's, not the week
  // it is said in.
  if (anchors.length > 0) {
    for (const sp of spans) {
      if (sp.scope !== 'week') continue;
      const a = anchors.find((x) => x > sp.to);
      if (a === undefined) continue;
      let runs = false;
      for (let d = sp.from; d <= sp.to && !runs; d = addDays(d, 1)) runs = anyServiceRuns(ctx, services, d);
      if (runs && !sp.loose) continue;
      sp.from = a;
      sp.to = addDays(mondayOf(a), 6);
      anchors.splice(anchors.indexOf(a), 1);
    }
  }
  // "à la reprise après Noël : lundi et mardi": the weekdays of the week from that day; "tous les
  // lundis après les vacances": from that day on; "à la rentrée" alone: that day.
  for (const a of anchors) {
    if (every !== null) {
      // "les lundis de janvier" beside "la rentrée de janvier": the month says it all.
      if (spans.length === 0 && ranges.length === 0) from = from === null || a > from ? a : from;
    }
    else if (weekdays.length > 0) spans.push({ from: a, to: addDays(a, 6), scope: 'anchor' });
    // "après les vacances de printemps … jusqu'à la fin de l'année": from that day to the end said.
    else if (untilRefs.length > 0 || fromRefs.length > 0) from = from === null || a > from ? a : from;
    // ("À la rentrée, … le mardi 27 et le jeudi 29": days given in full beside it; the return only says when they are.)
    else if (frames.has(a) && [...named].some((d) => d >= a)) continue;
    else named.add(a);
  }
  // "cette semaine à partir de mardi", "la semaine prochaine jusqu'à mercredi", "en avril jusqu'au
  // 9": a start or an end that falls inside the week or month named bounds it, it opens no period
  // of its own. A weekday is placed in that week when the week is still to come.
  const periods = spans.filter((sp) => sp.scope === 'week' || sp.scope === 'month');
  if (periods.length > 0 && fromRefs.length + untilRefs.length > 0) {
    const place = (r: DayRef, p: { from: IsoDate }, end: boolean): IsoDate =>
      r.kind === 'weekday' && r.shift === 0 && p.from > today ? weekdayOnOrAfter(p.from, r.wd) : r.kind === 'end' ? placeRef(r, p.from) : end && r.kind === 'weekday' ? placeRef(r, addDays(today, 1)) : placeRef(r, null);
    const bounded = periods.map((p) => {
      let a = p.from;
      let b = p.to;
      let inside = true;
      for (const r of fromRefs) {
        const d = place(r, p, false);
        if (d > p.to) inside = false;
        else if (d > a) a = d;
      }
      for (const r of untilRefs) {
        const d = place(r, p, true);
        if (d < p.from) inside = false;
        else if (d < b) b = d;
      }
      return { p, a, b, inside };
    });
    if (bounded.every((x) => x.inside)) {
      for (const x of bounded) {
        x.p.from = x.a;
        x.p.to = x.b;
      }
      from = null;
      untilRefs.length = 0;
    }
  }
  for (const ref of untilRefs) {
    // "jusqu'à vendredi": the coming Friday; "jusqu'à la fin du mois": of the period's start.
    let d = placeRef(ref, ref.kind === 'weekday' ? addDays(today, 1) : ref.kind === 'end' ? from : null);
    // "à partir du 1/3 … jusqu'au 12": a day of the month before the start is that day of the start's month, or the next.
    if (from !== null && ref.kind === 'date' && d < from) d = sameDayOnOrAfter(d, from);
    until = until === null || d < until ? d : until;
  }

  if (from !== null || until !== null) {
    if (until === null) openEnded = true;
    spans.push({ from: from ?? today, to: until ?? lastDay, scope: from === null ? 'open' : 'openFrom' });
  }
  // A range of weekdays inside a week named beside it ("Mon-Wed next week", "du lundi au
  // mercredi de la semaine du 7 juin") runs inside that week; any other range stands alone.
  const weeks = spans.filter((sp) => sp.scope === 'week');
  const placeRange = (r: { from: DayRef; to: DayRef }, within: { from: IsoDate } | null): void => {
    const a = within && r.from.kind === 'weekday' ? weekdayOnOrAfter(within.from, r.from.wd) : placeRef(r.from, null);
    let b = placeRef(r.to, a);
    if (r.to.kind === 'weekday' && r.from.kind === 'weekday' && b === a) b = addDays(b, 7);
    spans.push(a <= b ? { from: a, to: b, scope: 'range' } : { from: b, to: a, scope: 'range' });
  };
  const weekdayRanges = ranges.filter((r) => r.from.kind === 'weekday' && r.to.kind === 'weekday');
  if (weeks.length > 0 && weekdayRanges.length > 0 && weekdays.length === 0 && every === null) {
    for (const w of weeks) spans.splice(spans.indexOf(w), 1);
    for (const r of ranges) for (const w of r.from.kind === 'weekday' ? weeks : [null]) placeRange(r, w);
  } else {
    for (const r of ranges) placeRange(r, null);
  }

  const out = new Set<IsoDate>();
  const explicit = new Set<IsoDate>(named);
  const todayOk = todayStillOpen(ctx, services);
  // Expansions keep today and later; today itself only while a named service has not started
  // ("cette semaine" said on Tuesday evening starts on Wednesday), unless the day was given.
  const expand = (s: { from: IsoDate; to: IsoDate; scope: string }, keep: (d: IsoDate, weekday: number) => boolean): void => {
    const clamped = s.scope === 'openFrom' ? s.from === today : s.from <= today && s.scope !== 'range';
    let start = s.from < today ? today : s.from;
    if (clamped && start === today && !todayOk) start = addDays(today, 1);
    if (start > s.to || daysBetween(start, s.to) > 400) return;
    forEachDay(start, s.to, (d, wd) => {
      if (keep(d, wd)) out.add(d);
    });
  };

  if (every !== null) {
    const set = every;
    const scope = spans.length > 0 ? spans : [{ from: today, to: lastDay, scope: 'open' }];
    if (spans.length === 0) openEnded = true;
    const before = new Set(out);
    for (const s of scope) {
      expand(s, (_, wd) => set === 'all' || set.has(wd));
    }
    if (everyOther) {
      // "un jeudi sur deux": the first of those days, then every other week (calendar weeks).
      const days = [...out].filter((d) => !before.has(d)).sort();
      const first = days[0];
      for (const d of days) if (first !== undefined && Math.floor(daysBetween(first, d) / 7) % 2 === 1) out.delete(d);
    }
    for (const w of weekdays) out.add(resolveWeekday(ctx, services, w.wd, w.shift));
  } else if (
    weekdays.length > 0 &&
    spans.length > 0 &&
    // ("le lundi et le jeudi, de la rentrée jusqu'à Noël": weekdays said generically beside a range of dates are those weekdays in it.)
    spans.every((s) => s.scope !== 'holiday' && (s.scope !== 'range' || (weekdays.every((w) => w.shift === 0 && !w.following && w.generic) && daysBetween(s.from, s.to) >= 7)))
  ) {
    // "lundi et mardi de la semaine prochaine", "Tuesday next week", "désormais le lundi":
    // weekdays inside the week, month or open period named.
    const set = new Set(weekdays.map((w) => w.wd));
    for (const s of spans) expand(s, (_, wd) => set.has(wd));
  } else {
    const placed: IsoDate[] = [];
    for (const w of weekdays) {
      // "lundi prochain et le lundi suivant": a week after the same weekday named before it.
      const before = w.following ? placed.filter((p) => isoWeekday(p) === w.wd).pop() : undefined;
      let d = before !== undefined ? addDays(before, 7) : resolveWeekday(ctx, services, w.wd, w.shift);
      // "jeudi et vendredi, et lundi" said on a Monday: after later days, the weekday that would be today continues the sequence.
      const later = [ctx.laterSaid ?? null, ...placed].some((p) => p !== null && p > today) || namedBefore.some((n) => n.start < w.start && n.date > today);
      if (d === today && w.shift === 0 && !w.following && later) d = addDays(d, 7);
      placed.push(d);
      out.add(d);
      explicit.add(d);
    }
    for (const s of spans) {
      if (s.scope === 'range') {
        // A named range keeps its days from today on (today included: it was named).
        const start = s.from < today ? today : s.from;
        if (start <= s.to && daysBetween(start, s.to) <= 400) forEachDay(start, s.to, (d) => out.add(d));
      } else expand(s, () => true);
    }
  }
  for (const d of named) out.add(d);

  const dropped: IsoDate[] = [];
  const dates: IsoDate[] = [];
  const leftOut: LeftOut[] = [];
  const namedServices = servicesFor(ctx, services);
  for (const d of [...out].sort()) {
    if (excludedDates.has(d) || excludedWd.has(isoWeekday(d))) continue;
    if (anyServiceRuns(ctx, services, d)) {
      dates.push(d);
      continue;
    }
    if (explicit.has(d)) dropped.push(d);
    // Why a day of the period is left out, when the calendar closes it (not a weekend or a day the service never runs).
    const status = namedServices.length > 0 ? ctx.calendar.status(namedServices[0]!, d) : null;
    if (!status || status.open || !LEFT_OUT_CODES.has(status.reason.code)) continue;
    const last = leftOut[leftOut.length - 1];
    if (last && sameReason(last.reason, status.reason) && daysBetween(last.to, d) <= 4) last.to = d;
    else leftOut.push({ from: d, to: d, reason: status.reason });
  }
  return { dates, dropped, openEnded, leftOut };
}

/** The first date on or after `from` with the day of the month of `day` (`day` itself when none within two months). */
function sameDayOnOrAfter(day: IsoDate, from: IsoDate): IsoDate {
  const dom = Number(day.slice(8, 10));
  let y = Number(from.slice(0, 4));
  let m = Number(from.slice(5, 7));
  for (let k = 0; k < 3; k++) {
    const candidate = `${y}-${String(m).padStart(2, '0')}-${String(dom).padStart(2, '0')}` as IsoDate;
    if (candidate >= from && Number(candidate.slice(8, 10)) === dom && isRealDate(y, m, dom)) return candidate;
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
  }
  return day;
}

function isRealDate(y: number, m: number, d: number): boolean {
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}
