import { expect, it } from 'vitest';
import { SchoolCalendar } from '../../../src/core/calendar.js';
import { interpret } from '../../../src/core/interpretation/index.js';
import { loadTownConfig } from '../../../src/config/town.js';

it('reads "lundi" said on a Monday as today until the service starts, from the town’s configured start time', () => {
  const config = loadTownConfig();
  const calendar = new SchoolCalendar(config.calendar);
  // Monday 7 December 2026, 12:00 in Paris: the canteen started at 11:30…
  const noon = new Date('2026-12-07T11:00:00Z');
  const read = () => interpret('Léa mange à la cantine lundi', { now: noon, children: ['Léa'], config, calendar }).actions[0]!.dates;
  expect(read()).toEqual(['2026-12-14']);
  // …unless the town says it starts at 12:30.
  config.services.find((s) => s.code === 'canteen')!.startsAt = '12:30';
  expect(read()).toEqual(['2026-12-07']);
});
