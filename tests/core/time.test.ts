import { describe, expect, it } from 'vitest';
import { addDays, eachDate, isIsoDate, isoWeekday, zonedDate, zonedInstant, isoDate } from '../../src/core/time.js';

describe('calendar dates', () => {
  it.each([
    ['2026-12-02', true],
    ['2027-02-29', false],
    ['2028-02-29', true],
    ['2026-13-01', false],
    ['2026-1-01', false],
    ['02/12/2026', false],
  ])('%s is a date: %s', (value, ok) => expect(isIsoDate(value)).toBe(ok));

  it('steps across months, years and daylight-saving changes by whole days', () => {
    expect(addDays(isoDate('2026-12-31'), 1)).toBe('2027-01-01');
    expect(addDays(isoDate('2027-03-27'), 2)).toBe('2027-03-29');
    expect(eachDate(isoDate('2026-10-24'), isoDate('2026-10-26'))).toEqual(['2026-10-24', '2026-10-25', '2026-10-26']);
    expect(isoWeekday(isoDate('2026-11-30'))).toBe(1);
    expect(isoWeekday(isoDate('2026-12-06'))).toBe(7);
  });

  it('ends at 9999-12-31: a range ending there is whole, and a step past it throws instead of writing "+010000-01"', () => {
    // eachDate stepped to '+010000-01' <= '9999-12-31', again and again, until the process died.
    expect(eachDate(isoDate('9999-12-30'), isoDate('9999-12-31'))).toEqual(['9999-12-30', '9999-12-31']);
    expect(eachDate(isoDate('2026-12-03'), isoDate('2026-12-02'))).toEqual([]);
    expect(() => addDays(isoDate('9999-12-31'), 1)).toThrow(RangeError);
    expect(() => addDays(isoDate('0000-01-01'), -1)).toThrow(RangeError);
    expect(addDays(isoDate('0100-01-01'), -1)).toBe('0099-12-31');
  });
});

describe('Paris time, whatever the process time zone', () => {
  it('gives the Paris date just after midnight, when UTC is still the day before', () => {
    expect(process.env.TZ).toBe('UTC');
    expect(zonedDate(new Date('2026-12-01T23:30:00Z'), 'Europe/Paris')).toBe('2026-12-02');
    expect(zonedDate(new Date('2026-07-01T22:30:00Z'), 'Europe/Paris')).toBe('2026-07-02');
  });

  it.each([
    ['2026-12-02', '10:00', '2026-12-02T09:00:00.000Z'],
    ['2026-07-02', '10:00', '2026-07-02T08:00:00.000Z'],
    ['2027-03-28', '01:59', '2027-03-28T00:59:00.000Z'],
    ['2027-03-28', '03:00', '2027-03-28T01:00:00.000Z'],
    ['2026-10-25', '02:30', '2026-10-25T00:30:00.000Z'],
    ['2026-10-25', '03:00', '2026-10-25T02:00:00.000Z'],
  ])('%s %s in Paris is %s', (date, time, utc) => {
    expect(zonedInstant(isoDate(date), time, 'Europe/Paris').toISOString()).toBe(utc);
  });
});
