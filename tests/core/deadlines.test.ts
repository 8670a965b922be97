import { describe, expect, it } from 'vitest';
import { SchoolCalendar } from '../../src/core/calendar.js';
import type { DeadlineRule } from '../../src/core/config.js';
import { deadlineFor, isBeforeDeadline } from '../../src/core/deadlines.js';
import { isoDate } from '../../src/core/time.js';
import { loadTownConfig } from '../../src/config/town.js';

const config = loadTownConfig();
const calendar = new SchoolCalendar(config.calendar);
const TZ = 'Europe/Paris';
const rule = (code: string) => config.services.find((s) => s.code === code)!.booking;
const deadline = (code: string, date: string, cal = calendar) => deadlineFor(rule(code), isoDate(date), cal, TZ)?.toISOString();

describe('the town’s default deadlines', () => {
  it.each([
    // canteen: 10:00 on the previous working day
    ['canteen', '2026-12-03', '2026-12-02T09:00:00.000Z', 'Thursday: Wednesday 10:00 (CET)'],
    ['canteen', '2026-12-07', '2026-12-04T09:00:00.000Z', 'Monday: the Friday before'],
    ['canteen', '2027-03-30', '2027-03-26T09:00:00.000Z', 'Tuesday after Easter Monday: the Friday before, still CET'],
    ['canteen', '2027-05-10', '2027-05-07T08:00:00.000Z', 'Monday after the Ascension bridge: the bridge Friday is a working day of the town hall'],
    ['canteen', '2026-10-26', '2026-10-23T08:00:00.000Z', 'before the October change: CEST'],
    ['canteen', '2026-10-27', '2026-10-26T09:00:00.000Z', 'after the October change: CET'],
    // morning and evening: 18:00 the calendar day before
    ['morning', '2026-12-07', '2026-12-06T17:00:00.000Z', 'Monday: Sunday 18:00'],
    ['evening', '2026-10-26', '2026-10-25T17:00:00.000Z', 'the evening of the October change (CET again)'],
    ['morning', '2027-03-29', '2027-03-28T16:00:00.000Z', 'the evening of the March change (CEST already)'],
    // Wednesday club: 18:00 on the Monday before
    ['wednesday', '2026-12-02', '2026-11-30T17:00:00.000Z', 'the Monday of the same week'],
    ['wednesday', '2027-03-31', '2027-03-26T17:00:00.000Z', 'Monday is Easter Monday: the previous working day'],
    ['wednesday', '2027-05-19', '2027-05-14T16:00:00.000Z', 'Monday is Whit Monday: the Friday before (CEST)'],
  ])('%s on %s closes at %s (%s)', (code, date, expected) => {
    expect(deadline(code, date)).toBe(expected);
  });

  it('refuses at 10:00 exactly and accepts at 09:59 the day before for the canteen', () => {
    const thursday = isoDate('2026-12-03');
    expect(isBeforeDeadline(rule('canteen'), thursday, new Date('2026-12-02T08:59:59.999Z'), calendar, TZ)).toBe(true);
    expect(isBeforeDeadline(rule('canteen'), thursday, new Date('2026-12-02T09:00:00.000Z'), calendar, TZ)).toBe(false);
  });

  it('moves a working-day deadline before a closure added by staff', () => {
    const closed = calendar.withClosures([{ date: isoDate('2026-12-04'), serviceCode: null, reason: 'grève' }]);
    expect(deadline('canteen', '2026-12-07', closed)).toBe('2026-12-03T09:00:00.000Z');
  });
});

describe('other deadline forms a town may configure', () => {
  const at = (r: DeadlineRule, date: string) => deadlineFor(r, isoDate(date), calendar, TZ)?.toISOString() ?? null;

  it('closes on Thursday 10:00 for the whole following week', () => {
    const thursdayBefore: DeadlineRule = { kind: 'weekdayBefore', weekday: 4, at: '10:00', weeksBefore: 1 };
    expect(at(thursdayBefore, '2026-12-07')).toBe('2026-12-03T09:00:00.000Z');
    expect(at(thursdayBefore, '2026-12-11')).toBe('2026-12-03T09:00:00.000Z');
  });

  it('counts calendar days when working days are not asked for', () => {
    const twoDays: DeadlineRule = { kind: 'daysBefore', days: 2, at: '12:00', workingDays: false };
    expect(at(twoDays, '2026-12-07')).toBe('2026-12-05T11:00:00.000Z');
  });

  it('counts only working days when asked: two working days before a Tuesday is the Friday', () => {
    const twoWorkingDays: DeadlineRule = { kind: 'daysBefore', days: 2, at: '12:00', workingDays: true };
    expect(at(twoWorkingDays, '2026-12-08')).toBe('2026-12-04T11:00:00.000Z');
  });

  it('never allows what is configured as never', () => {
    const never: DeadlineRule = { kind: 'never' };
    expect(at(never, '2026-12-07')).toBeNull();
    expect(isBeforeDeadline(never, isoDate('2027-06-01'), new Date('2026-12-01T00:00:00Z'), calendar, TZ)).toBe(false);
  });
});
