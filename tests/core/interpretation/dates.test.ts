/**
 * Date reading: relative days and the "today or the next one" policy,
 * ranges, weeks, months, recurrences, exceptions, numeric and English
 * dates, misspellings, holidays skipped, and the Paris calendar date of
 * `now` whatever the process time zone (the suite runs with TZ=UTC).
 */
import { describe, expect, it } from 'vitest';
import { datesOf } from './support.js';

const TUE_EVENING = '2027-01-12T19:00:00+01:00'; // Tuesday 12 January 2027
const THU_EVENING = '2027-01-14T20:00:00+01:00'; // Thursday 14 January 2027
const SUNDAY = '2027-01-10T11:00:00+01:00'; // Sunday 10 January 2027
const TUE_DEC = '2026-12-01T18:30:00+01:00'; // Tuesday 1 December 2026

describe('the process time zone never decides a date', () => {
  it('runs under TZ=UTC', () => {
    expect(new Date('2027-01-11T00:30:00+01:00').getUTCHours()).toBe(23);
    expect(new Date(2027, 0, 11).getTimezoneOffset()).toBe(0);
  });

  it.each([
    // 00:30 on Monday in Paris is still Sunday in UTC.
    ['Tom sera absent aujourd’hui', '2027-01-10T23:30:00Z', ['2027-01-11']],
    ['Tom sera absent demain', '2027-01-10T23:30:00Z', ['2027-01-12']],
    // 23:59 on Monday in Paris: tomorrow is Tuesday.
    ['Tom sera absent demain', '2027-01-11T22:59:00Z', ['2027-01-12']],
    // Midnight has passed in Paris (00:00 Tuesday) though UTC still reads Monday 23:00.
    ['Tom sera absent demain', '2027-01-11T23:00:00Z', ['2027-01-13']],
    ['Tom won’t be in today', '2027-01-11T23:15:00Z', ['2027-01-12']],
    // Summer time: 00:30 on Tuesday 30 March 2027 in Paris is 22:30 UTC on Monday.
    ['Tom sera absent aujourd’hui', '2027-03-29T22:30:00Z', ['2027-03-30']],
    // The night the clocks go forward (Sunday 28 March 2027).
    ['Tom sera absent mardi', '2027-03-28T00:30:00Z', ['2027-03-30']],
  ])('"%s" at %s (UTC) → %j', (text, now, dates) => {
    expect(datesOf(text, now)).toEqual(dates);
  });
});

describe('a weekday said on that same day', () => {
  it.each([
    ['Tom mangera à la cantine lundi', '2027-01-11T07:00:00+01:00', ['2027-01-11']],
    ['Tom mangera à la cantine lundi', '2027-01-11T12:00:00+01:00', ['2027-01-18']],
    ['Tom ira à la garderie du matin lundi', '2027-01-11T07:10:00+01:00', ['2027-01-11']],
    ['Tom ira à la garderie du matin lundi', '2027-01-11T07:45:00+01:00', ['2027-01-18']],
    ['Tom ira à la garderie du soir lundi', '2027-01-11T12:00:00+01:00', ['2027-01-11']],
    ['Tom ira à la garderie du soir lundi', '2027-01-11T17:00:00+01:00', ['2027-01-18']],
    // No service named: today while any service is still to come that day.
    ['Tom sera absent lundi', '2027-01-11T16:00:00+01:00', ['2027-01-11']],
    ['Tom sera absent lundi', '2027-01-11T16:45:00+01:00', ['2027-01-18']],
    ['Tom ira au centre de loisirs mercredi', '2027-01-13T06:30:00+01:00', ['2027-01-13']],
    ['Tom ira au centre de loisirs mercredi', '2027-01-13T09:00:00+01:00', ['2027-01-20']],
    // "prochain" / "next" is next week's day, even said on that day.
    ['Tom mangera à la cantine lundi prochain', '2027-01-11T07:00:00+01:00', ['2027-01-18']],
    ['Sam needs lunch next Monday', '2027-01-14T08:00:00+01:00', ['2027-01-18']],
  ])('"%s" at %s → %j', (text, now, dates) => {
    expect(datesOf(text, now)).toEqual(dates);
  });
});

describe('relative days', () => {
  it.each([
    ['Tom sera absent demain', TUE_EVENING, ['2027-01-13']],
    ['Tom mangera à la cantine après-demain', TUE_EVENING, ['2027-01-14']],
    ['Tom mangera à la cantine apres demain', TUE_EVENING, ['2027-01-14']],
    ['Tom will have lunch the day after tomorrow', TUE_EVENING, ['2027-01-14']],
    ['Tom mange à la cantine ce midi', '2027-01-11T08:00:00+01:00', ['2027-01-11']],
    ['Tom restera à la garderie ce soir', '2027-01-11T08:00:00+01:00', ['2027-01-11']],
    ['Tom sera absent aujourd’hui et demain', '2027-01-11T08:00:00+01:00', ['2027-01-11', '2027-01-12']],
    ['Tom ne viendra pas jeudi ni vendredi', TUE_EVENING, ['2027-01-14', '2027-01-15']],
    // "jeudi en huit": "le jeudi de la semaine suivante" (Wiktionnaire, Larousse).
    ['Tom ira au centre mercredi en huit', TUE_EVENING, ['2027-01-20']],
    ['Tom mangera à la cantine dans deux semaines', TUE_EVENING, ['2027-01-25', '2027-01-26', '2027-01-28', '2027-01-29']],
  ])('"%s" → %j', (text, now, dates) => {
    expect(datesOf(text, now)).toEqual(dates);
  });
});

describe('days given by number', () => {
  it.each([
    ['Tom mangera à la cantine le 14', TUE_DEC, ['2026-12-14']],
    ['Tom mangera à la cantine le 14/12', TUE_DEC, ['2026-12-14']],
    ['Tom mangera à la cantine le 14/12/2026', TUE_DEC, ['2026-12-14']],
    ['Tom mangera à la cantine le 2026-12-14', TUE_DEC, ['2026-12-14']],
    ['Tom mangera à la cantine le 14.12', TUE_DEC, ['2026-12-14']],
    ['Tom needs lunch on Dec 14th', TUE_DEC, ['2026-12-14']],
    ['Tom needs lunch on December 14', TUE_DEC, ['2026-12-14']],
    ['Tom needs lunch on the 14th of December', TUE_DEC, ['2026-12-14']],
    ['Tom mangera à la cantine le 1er février', TUE_EVENING, ['2027-02-01']],
    ['Tom mangera à la cantine le premier février', TUE_EVENING, ['2027-02-01']],
    // A passed day is next month's; a passed month is next year's.
    ['Tom mangera à la cantine le 5', '2026-12-10T18:00:00+01:00', ['2027-01-05']],
    ['Tom mangera à la cantine le 5 janvier', '2026-12-10T18:00:00+01:00', ['2027-01-05']],
    // "vendredi 5" is a day, not 5 o'clock; the weekday picks the month.
    ['Tom mangera à la cantine vendredi 5', '2027-02-01T18:00:00+01:00', ['2027-02-05']],
    ['Tom mangera à la cantine lundi 5', '2027-02-01T18:00:00+01:00', ['2027-04-05']],
    // Lists sharing one month.
    ['Tom mangera à la cantine les 4, 5 et 7 janvier', '2026-12-10T18:00:00+01:00', ['2027-01-04', '2027-01-05', '2027-01-07']],
    ['Tom mangera à la cantine le 18 et le 19', TUE_EVENING, ['2027-01-18', '2027-01-19']],
    ['Tom ira au centre les mercredis 20 et 27 janvier', TUE_EVENING, ['2027-01-20', '2027-01-27']],
    ['Tom needs lunch on the 18th and 19th of January', TUE_EVENING, ['2027-01-18', '2027-01-19']],
    ['Tom needs lunch on January 18th and 19th', TUE_EVENING, ['2027-01-18', '2027-01-19']],
    ['Tom needs lunch on Monday 18th and Tuesday 19th', TUE_EVENING, ['2027-01-18', '2027-01-19']],
    // A number that is not a day.
    ['Tom mangera à la cantine jeudi, il a 5 ans', TUE_EVENING, ['2027-01-14']],
  ])('"%s" → %j', (text, now, dates) => {
    expect(datesOf(text, now)).toEqual(dates);
  });
});

describe('ranges expand over the days the services run', () => {
  it.each([
    ['Tom mangera à la cantine du 7 au 11 décembre', TUE_DEC, ['2026-12-07', '2026-12-08', '2026-12-10', '2026-12-11']],
    ['Tom mangera à la cantine entre le 7 et le 11 décembre', TUE_DEC, ['2026-12-07', '2026-12-08', '2026-12-10', '2026-12-11']],
    ['Tom mangera à la cantine 7-11 décembre', TUE_DEC, ['2026-12-07', '2026-12-08', '2026-12-10', '2026-12-11']],
    ['Tom mangera à la cantine du lundi au vendredi', '2026-12-02T10:00:00+01:00', ['2026-12-07', '2026-12-08', '2026-12-10', '2026-12-11']],
    ['Tom will have lunch from Tuesday to Friday', '2027-01-11T18:00:00+01:00', ['2027-01-12', '2027-01-14', '2027-01-15']],
    ['Tom sera absent de mercredi à vendredi', '2027-01-11T18:00:00+01:00', ['2027-01-13', '2027-01-14', '2027-01-15']],
    // Across the Christmas holidays and the new year.
    ['Tom mangera à la cantine du 18 décembre au 8 janvier', '2026-12-17T20:00:00+01:00', ['2026-12-18', '2027-01-04', '2027-01-05', '2027-01-07', '2027-01-08']],
    // Public holidays and the Ascension bridge are skipped.
    ['Tom sera absent du 10 au 12 novembre', '2026-11-05T18:00:00+01:00', ['2026-11-10', '2026-11-12']],
    ['Tom mangera à la cantine du 3 au 7 mai', '2027-04-28T18:00:00+02:00', ['2027-05-03', '2027-05-04']],
    ['Tom sera absent jusqu’à vendredi', TUE_EVENING, ['2027-01-13', '2027-01-14', '2027-01-15']],
    ['Tom sera absent le reste de la semaine', TUE_EVENING, ['2027-01-13', '2027-01-14', '2027-01-15']],
    ['Sam won’t need breakfast club for the rest of the term', '2027-02-03T18:00:00+01:00', ['2027-02-04', '2027-02-05', '2027-02-08', '2027-02-09', '2027-02-11', '2027-02-12']],
    ['Tom mangera à la cantine à partir du 21 juin et jusqu’aux vacances', '2027-06-14T20:00:00+02:00', ['2027-06-21', '2027-06-22', '2027-06-24', '2027-06-25', '2027-06-28', '2027-06-29', '2027-07-01', '2027-07-02']],
  ])('"%s" → %j', (text, now, dates) => {
    expect(datesOf(text, now)).toEqual(dates);
  });
});

describe('weeks and months', () => {
  it.each([
    ['Tom mangera à la cantine la semaine prochaine', THU_EVENING, ['2027-01-18', '2027-01-19', '2027-01-21', '2027-01-22']],
    ['Tom needs lunch next week', THU_EVENING, ['2027-01-18', '2027-01-19', '2027-01-21', '2027-01-22']],
    // This week: from today on, and today only while a service is still to come.
    ['Tom mangera à la cantine cette semaine', TUE_EVENING, ['2027-01-14', '2027-01-15']],
    // "toute la semaine" said on a Sunday is the coming week.
    ['Tom sera absent toute la semaine sauf mercredi', SUNDAY, ['2027-01-11', '2027-01-12', '2027-01-14', '2027-01-15']],
    ['Tom sera absent la semaine du 25 janvier', TUE_EVENING, ['2027-01-25', '2027-01-26', '2027-01-27', '2027-01-28', '2027-01-29']],
    ['Tom mangera à la cantine lundi et mardi de la semaine prochaine', THU_EVENING, ['2027-01-18', '2027-01-19']],
    ['Book Tom for lunch Mon-Wed next week', THU_EVENING, ['2027-01-18', '2027-01-19']],
    ['Tom sera absent du lundi au mercredi de la semaine du 25 janvier', TUE_EVENING, ['2027-01-25', '2027-01-26', '2027-01-27']],
    ['Tom mangera à la cantine la première semaine de février', TUE_EVENING, ['2027-02-01', '2027-02-02', '2027-02-04', '2027-02-05']],
    // A week wholly in the holidays has no service day.
    ['Tom sera absent la semaine prochaine', '2026-12-17T20:00:00+01:00', null],
    ['Tom ira au centre de loisirs les mercredis de mars', '2027-02-20T10:00:00+01:00', ['2027-03-03', '2027-03-10', '2027-03-17', '2027-03-24', '2027-03-31']],
    // A month keeps only the days from today on.
    ['Tom ira au centre chaque mercredi de janvier', TUE_EVENING, ['2027-01-13', '2027-01-20', '2027-01-27']],
    ['Tom mangera à la cantine les lundis de janvier', '2026-12-10T18:00:00+01:00', ['2027-01-04', '2027-01-11', '2027-01-18', '2027-01-25']],
    ['Sam needs breakfast club every Tuesday in February', TUE_EVENING, ['2027-02-02', '2027-02-09']],
  ])('"%s" → %j', (text, now, dates) => {
    expect(datesOf(text, now)).toEqual(dates);
  });
});

describe('recurrences and "until the holidays"', () => {
  it.each([
    ['Tom mangera à la cantine tous les jeudis jusqu’aux vacances', TUE_EVENING, ['2027-01-14', '2027-01-21', '2027-01-28', '2027-02-04', '2027-02-11']],
    ['Tom mangera à la cantine les mardis et vendredis jusqu’aux vacances', '2027-01-28T18:00:00+01:00', ['2027-01-29', '2027-02-02', '2027-02-05', '2027-02-09', '2027-02-12']],
    ['Sam needs breakfast club every Tuesday until the February break', TUE_EVENING, ['2027-01-19', '2027-01-26', '2027-02-02', '2027-02-09']],
    ['Tom ira au centre tous les mercredis jusqu’aux vacances de printemps', '2027-03-10T18:00:00+01:00', ['2027-03-17', '2027-03-24', '2027-03-31', '2027-04-07']],
    // Said during the holidays, "jusqu'aux vacances" is the next holidays.
    ['Tom mangera à la cantine tous les vendredis jusqu’aux vacances', '2026-12-28T10:00:00+01:00', ['2027-01-08', '2027-01-15', '2027-01-22', '2027-01-29', '2027-02-05', '2027-02-12']],
    // A bridge day or a public holiday is skipped, it is not "the holidays".
    ['Tom mangera à la cantine tous les vendredis jusqu’aux vacances', '2027-04-28T18:00:00+02:00', ['2027-04-30', '2027-05-14', '2027-05-21', '2027-05-28', '2027-06-04', '2027-06-11', '2027-06-18', '2027-06-25', '2027-07-02']],
    ['Tom mangera à la cantine tous les jours jusqu’au 21 janvier', TUE_EVENING, ['2027-01-14', '2027-01-15', '2027-01-18', '2027-01-19', '2027-01-21']],
    ['Tom ira à la garderie du soir tous les lundis jusqu’au 25 janvier', '2026-12-17T20:00:00+01:00', ['2027-01-04', '2027-01-11', '2027-01-18', '2027-01-25']],
    ['Tom mangera à la cantine le lundi à partir du 1er mars jusqu’à la fin du mois', TUE_EVENING, ['2027-03-01', '2027-03-08', '2027-03-15', '2027-03-22']],
    ['Tom mangera à la cantine à la rentrée', '2026-12-28T10:00:00+01:00', ['2027-01-04']],
    ['Tom n’ira pas au centre de loisirs les deux prochains mercredis', TUE_EVENING, ['2027-01-13', '2027-01-20']],
    ['Désormais Tom mangera à la cantine le lundi et le jeudi', '2027-06-08T18:00:00+02:00', ['2027-06-10', '2027-06-14', '2027-06-17', '2027-06-21', '2027-06-24', '2027-06-28', '2027-07-01']],
    ['Pas de garderie du matin pour Tom jusqu’à nouvel ordre', '2027-06-22T18:00:00+02:00', ['2027-06-24', '2027-06-25', '2027-06-28', '2027-06-29', '2027-07-01', '2027-07-02']],
    ['Tom ira à la garderie du soir le jour de la rentrée', '2027-02-10T18:00:00+01:00', ['2027-03-01']],
  ])('"%s" → %j', (text, now, dates) => {
    expect(datesOf(text, now)).toEqual(dates);
  });
});

describe('exceptions', () => {
  it.each([
    ['Tom sera absent toute la semaine prochaine sauf mercredi', THU_EVENING, ['2027-01-18', '2027-01-19', '2027-01-21', '2027-01-22']],
    ['Tom ne mangera pas à la cantine la semaine prochaine sauf le jeudi', THU_EVENING, ['2027-01-18', '2027-01-19', '2027-01-22']],
    ['Tom mangera à la cantine du 18 au 22 janvier sauf le 19', TUE_EVENING, ['2027-01-18', '2027-01-21', '2027-01-22']],
    ['Tom needs lunch every day next week except Friday', THU_EVENING, ['2027-01-18', '2027-01-19', '2027-01-21']],
    ['Tom mangera à la cantine jeudi, pas vendredi', TUE_EVENING, ['2027-01-14']],
  ])('"%s" → %j', (text, now, dates) => {
    expect(datesOf(text, now)).toEqual(dates);
  });
});

describe('spelling: misspelt weekdays, capitals, SMS', () => {
  it.each([
    ['Tom ira au centre mecredi', TUE_EVENING, ['2027-01-13']],
    ['Tom mangera à la cantine vendredie', TUE_EVENING, ['2027-01-15']],
    ['TOM MANGERA A LA CANTINE JEUDI', TUE_EVENING, ['2027-01-14']],
    ['Tom needs lunch on Thrusday', TUE_EVENING, ['2027-01-14']],
    ['Tom goes to Wednesday club on wensday', TUE_EVENING, ['2027-01-13']],
    ['pa de cantine pr tom 2main', '2027-01-11T19:00:00+01:00', ['2027-01-12']],
    ['Tom: lunch Mon, Tue and Thu', TUE_EVENING, ['2027-01-14', '2027-01-18', '2027-01-19']],
  ])('"%s" → %j', (text, now, dates) => {
    expect(datesOf(text, now)).toEqual(dates);
  });
});

describe('days on which the named service does not run', () => {
  it.each([
    // The canteen does not run on Wednesdays, nor on Whit Monday.
    ['Tom mangera à la cantine mercredi', TUE_EVENING, null],
    ['Tom mangera à la cantine lundi 17 mai', TUE_EVENING, null],
    // No service named: any service counts (Wednesday has the Wednesday club).
    ['Tom sera absent mercredi', TUE_EVENING, ['2027-01-13']],
  ])('"%s" → %j', (text, now, dates) => {
    expect(datesOf(text, now)).toEqual(dates);
  });

  it('gives no dates at all when the message names none', () => {
    expect(datesOf('Tom mangera à la cantine', TUE_EVENING)).toBeNull();
  });
});
