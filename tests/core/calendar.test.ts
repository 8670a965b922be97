import { describe, expect, it } from 'vitest';
import { SchoolCalendar } from '../../src/core/calendar.js';
import { isoDate } from '../../src/core/time.js';
import { loadTownConfig } from '../../src/config/town.js';

const config = loadTownConfig();
const calendar = new SchoolCalendar(config.calendar);
const service = (code: string) => config.services.find((s) => s.code === code)!;

describe('which days a service runs', () => {
  it.each([
    ['canteen', '2026-12-03', null],
    ['canteen', '2026-12-02', 'NOT_RUNNING_WEEKDAY'],
    ['wednesday', '2026-12-02', null],
    ['canteen', '2026-12-05', 'NOT_RUNNING_WEEKDAY'],
    ['canteen', '2026-12-21', 'SCHOOL_HOLIDAY'],
    ['wednesday', '2026-11-11', 'PUBLIC_HOLIDAY'],
    ['canteen', '2027-03-29', 'PUBLIC_HOLIDAY'],
    ['canteen', '2027-05-07', 'BRIDGE_DAY'],
    ['canteen', '2026-08-31', 'OUTSIDE_SCHOOL_YEAR'],
    ['canteen', '2027-07-05', 'SCHOOL_HOLIDAY'],
    ['evening', '2027-07-02', null],
  ])('%s on %s: %s', (code, date, reason) => {
    const status = calendar.status(service(code), isoDate(date));
    expect(status.open ? null : status.reason.code).toBe(reason);
  });

  it('skips the Christmas holidays in a range that crosses them', () => {
    const days = calendar.serviceDays(service('canteen'), isoDate('2026-12-14'), isoDate('2027-01-08'));
    expect(days).toEqual([
      '2026-12-14', '2026-12-15', '2026-12-17', '2026-12-18',
      '2027-01-04', '2027-01-05', '2027-01-07', '2027-01-08',
    ]);
  });

  it('closes a day, or one service on a day, that staff close', () => {
    const closed = calendar.withClosures([
      { date: isoDate('2026-12-10'), serviceCode: null, reason: 'grève' },
      { date: isoDate('2026-12-11'), serviceCode: 'evening', reason: 'sortie scolaire' },
    ]);
    expect(closed.status(service('canteen'), isoDate('2026-12-10'))).toEqual({ open: false, reason: { code: 'CLOSURE', reason: 'grève' } });
    expect(closed.runs(service('evening'), isoDate('2026-12-11'))).toBe(false);
    expect(closed.runs(service('canteen'), isoDate('2026-12-11'))).toBe(true);
  });

  it('finds the next holidays for "jusqu’aux vacances"', () => {
    expect(calendar.nextHolidays(isoDate('2026-11-28'))?.from).toBe('2026-12-19');
    expect(calendar.holidayOn(isoDate('2027-02-20'))?.name).toBe('Vacances d\'hiver');
  });
});

describe('closures written in the town file', () => {
  it('close the day like those staff add, and stay when staff add more', () => {
    const withFileClosure = new SchoolCalendar({ ...config.calendar, closures: [{ date: isoDate('2026-12-11'), serviceCode: null, reason: 'journée pédagogique' }] });
    expect(withFileClosure.status(service('canteen'), isoDate('2026-12-11'))).toEqual({ open: false, reason: { code: 'CLOSURE', reason: 'journée pédagogique' } });
    const both = withFileClosure.withClosures([{ date: isoDate('2026-12-10'), serviceCode: 'canteen', reason: 'grève' }]);
    expect(both.runs(service('canteen'), isoDate('2026-12-11'))).toBe(false);
    expect(both.runs(service('canteen'), isoDate('2026-12-10'))).toBe(false);
    expect(both.isWorkingDay(isoDate('2026-12-11'))).toBe(false);
  });
});

describe('calendars with closures, reused between requests', () => {
  it('gives the same calendar for the same closures and never mixes the answers of different ones', () => {
    const strike = [{ date: isoDate('2026-12-03'), serviceCode: null, reason: 'grève' }];
    const a = calendar.withClosures(strike);
    expect(calendar.withClosures([...strike])).toBe(a);
    expect(a.status(service('canteen'), isoDate('2026-12-03'))).toEqual({ open: false, reason: { code: 'CLOSURE', reason: 'grève' } });
    const none = calendar.withClosures([]);
    expect(none).not.toBe(a);
    expect(none.status(service('canteen'), isoDate('2026-12-03'))).toEqual({ open: true });
    expect(calendar.withClosures([{ ...strike[0]!, reason: 'formation' }]).status(service('canteen'), isoDate('2026-12-03'))).toEqual({
      open: false,
      reason: { code: 'CLOSURE', reason: 'formation' },
    });
  });
});
