/**
 * Deadlines: the instant after which a booking or a cancellation for a
 * service on a day is refused. Pure functions of the rule, the day and the
 * calendar; "is it still open" compares with an injected `now`.
 */
import type { SchoolCalendar } from './calendar.js';
import type { DeadlineRule } from './config.js';
import { addDays, isoWeekday, zonedInstant, type IsoDate } from './time.js';

/**
 * The instant `rule` closes for `date`, or null when the rule is `never`
 * (closed at all times).
 */
export function deadlineFor(rule: DeadlineRule, date: IsoDate, calendar: SchoolCalendar, timeZone: string): Date | null {
  // Pure, and asked for every child and every day of a request: memoised per calendar and rule.
  let byRule = known.get(calendar);
  if (!byRule) {
    byRule = new WeakMap();
    known.set(calendar, byRule);
  }
  let byDay = byRule.get(rule);
  if (!byDay) {
    byDay = new Map();
    byRule.set(rule, byDay);
  }
  const key = `${date}|${timeZone}`;
  let ms = byDay.get(key);
  if (ms === undefined) {
    ms = computeDeadline(rule, date, calendar, timeZone)?.getTime() ?? null;
    byDay.set(key, ms);
  }
  return ms === null ? null : new Date(ms);
}

const known = new WeakMap<SchoolCalendar, WeakMap<DeadlineRule, Map<string, number | null>>>();

function computeDeadline(rule: DeadlineRule, date: IsoDate, calendar: SchoolCalendar, timeZone: string): Date | null {
  switch (rule.kind) {
    case 'never':
      return null;
    case 'daysBefore': {
      let day = date;
      for (let i = 0; i < rule.days; i++) day = rule.workingDays ? calendar.previousWorkingDay(day) : addDays(day, -1);
      return zonedInstant(day, rule.at, timeZone);
    }
    case 'weekdayBefore': {
      const monday = addDays(date, 1 - isoWeekday(date));
      let day = addDays(monday, rule.weekday - 1 - 7 * rule.weeksBefore);
      // The weekday must come before the date itself ("the Monday before" a Monday is a week earlier).
      if (day >= date) day = addDays(day, -7);
      if (!calendar.isWorkingDay(day)) day = calendar.previousWorkingDay(day);
      return zonedInstant(day, rule.at, timeZone);
    }
  }
}

/** Whether `rule` still allows the change for `date` at `now`: strictly before the deadline. */
export function isBeforeDeadline(rule: DeadlineRule, date: IsoDate, now: Date, calendar: SchoolCalendar, timeZone: string): boolean {
  const deadline = deadlineFor(rule, date, calendar, timeZone);
  return deadline !== null && now.getTime() < deadline.getTime();
}
