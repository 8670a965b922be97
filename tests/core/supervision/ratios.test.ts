import { describe, expect, it } from 'vitest';
import { loadTownConfig } from '../../../src/config/town.js';
import { parseTownConfig } from '../../../src/core/config.js';
import { adultsNeeded, countByAge, isCounted, isSixOrOlder, serviceRatios, supervisionNeed, type SupervisedChild } from '../../../src/core/supervision/ratios.js';
import { isoDate } from '../../../src/core/time.js';

const THU = isoDate('2026-12-03');
const PERI = { under6: 10, sixAndOver: 14 };
const PERI_PEDT = { under6: 14, sixAndOver: 18 };
const WED = { under6: 8, sixAndOver: 12 };
const WED_PEDT = { under6: 10, sixAndOver: 14 };
const booked = (birthDate: string, count = 1): SupervisedChild => ({ birthDate, state: 'booked', attendance: null, count });

describe('age on the day', () => {
  it.each([
    ['2020-12-03', '2026-12-03', true, 'on the 6th birthday itself'],
    ['2020-12-04', '2026-12-03', false, 'the day before the 6th birthday'],
    ['2020-12-02', '2026-12-03', true, 'the day after'],
    ['2021-01-01', '2026-12-31', false, 'five on New Year’s Eve'],
    ['2020-12-31', '2026-12-31', true, 'six on New Year’s Eve'],
    ['2020-02-29', '2026-02-28', false, 'born on 29 February: not yet six on 28 February of a common year'],
    ['2020-02-29', '2026-03-01', true, 'born on 29 February: six on 1 March of a common year'],
    ['2022-02-28', '2028-02-29', true, 'a leap day six years after a 28 February'],
    ['2027-01-01', '2026-12-03', false, 'not yet born'],
  ])('born %s, on %s: six or older is %s (%s)', (birth, day, six) => {
    expect(isSixOrOlder(birth, isoDate(day))).toBe(six);
  });

  it('has no age without a valid birth date (an erased child): counted under six, the stricter ratio, and said', () => {
    expect(isSixOrOlder('0000-01-01', THU)).toBeNull();
    expect(isSixOrOlder('', THU)).toBeNull();
    expect(countByAge([booked('0000-01-01'), booked('2018-03-14')], THU)).toEqual({ under6: 1, sixAndOver: 1, unknownAge: 1 });
  });

  it('moves a child from one group to the other on the birthday', () => {
    const kids = [booked('2020-12-03'), booked('2021-06-01'), booked('2015-01-01', 3)];
    expect(countByAge(kids, isoDate('2026-12-02'))).toEqual({ under6: 2, sixAndOver: 3, unknownAge: 0 });
    expect(countByAge(kids, THU)).toEqual({ under6: 1, sixAndOver: 4, unknownAge: 0 });
  });
});

describe('who counts', () => {
  it.each([
    ['booked', null, true, 'booked, roll call not taken: expected'],
    ['booked', 'present', true, 'ticked present'],
    ['booked', 'absent', false, 'ticked absent'],
    ['absent', null, false, 'absence reported'],
    ['absent', 'present', true, 'absence reported but came: ticked present'],
    ['waiting', null, false, 'on the waiting list'],
    ['cancelled', 'present', false, 'cancelled'],
  ] as [string, string | null, boolean, string][])('state %s, attendance %s: %s (%s)', (state, attendance, counted) => {
    expect(isCounted({ state, attendance })).toBe(counted);
  });
});

describe('adults needed: ceil(under6 / r1 + sixAndOver / r2)', () => {
  it.each([
    [0, 0, PERI, 0],
    [1, 0, PERI, 1],
    [10, 0, PERI, 1],
    [11, 0, PERI, 2],
    [0, 14, PERI, 1],
    [0, 15, PERI, 2],
    [10, 14, PERI, 2], // exactly 1 + 1: no floating-point 2.0000001
    [12, 20, PERI, 3], // 1.2 + 1.43 = 2.63
    [5, 7, PERI, 1], // 0.5 + 0.5 = 1 exactly
    [5, 8, PERI, 2], // 0.5 + 0.57
    [30, 42, PERI, 6],
    [14, 18, PERI_PEDT, 2],
    [15, 18, PERI_PEDT, 3],
    [8, 12, WED, 2],
    [9, 0, WED, 2],
    [10, 14, WED_PEDT, 2],
  ])('%i under six and %i older at %o: %i', (u, o, ratio, n) => {
    expect(adultsNeeded({ under6: u, sixAndOver: o }, ratio)).toBe(n);
  });

  it('needs fewer adults under a PEDT, and the applicable need is the PEDT’s only when the town has one', () => {
    const kids = [booked('2022-01-01', 12), booked('2018-01-01', 20)];
    const ratios = { ordinary: PERI, withPedt: PERI_PEDT };
    expect(supervisionNeed(kids, THU, ratios, false)).toEqual({ under6: 12, sixAndOver: 20, unknownAge: 0, ordinary: 3, withPedt: 2, applicable: 3 });
    expect(supervisionNeed(kids, THU, ratios, true)).toMatchObject({ ordinary: 3, withPedt: 2, applicable: 2 });
    // Wednesday: 1/8 and 1/12, with a PEDT 1/10 and 1/14.
    expect(supervisionNeed(kids, THU, { ordinary: WED, withPedt: WED_PEDT }, true)).toMatchObject({ ordinary: 4, withPedt: 3, applicable: 3 });
    expect(supervisionNeed(kids, THU, { ordinary: PERI, withPedt: null }, true)).toMatchObject({ withPedt: null, applicable: 3 });
  });

  it('counts the children present once the roll call is taken', () => {
    const kids: SupervisedChild[] = [
      { birthDate: '2022-01-01', state: 'booked', attendance: 'present', count: 9 },
      { birthDate: '2022-01-01', state: 'booked', attendance: 'absent', count: 3 },
      { birthDate: '2022-01-01', state: 'absent', attendance: 'present', count: 1 },
      { birthDate: '2018-01-01', state: 'absent', attendance: null, count: 4 },
    ];
    expect(supervisionNeed(kids, THU, { ordinary: PERI, withPedt: null }, false)).toEqual({ under6: 10, sixAndOver: 0, unknownAge: 0, ordinary: 1, withPedt: null, applicable: 1 });
  });
});

describe('the town file’s supervision section', () => {
  const town = () => structuredClone(loadTownConfig()) as unknown as { supervision: { pedt: boolean; services: Record<string, unknown>[] } };

  it('holds the R227-16 ratios: morning and evening 1/10 and 1/14 (PEDT 1/14 and 1/18), Wednesday 1/8 and 1/12 (PEDT 1/10 and 1/14), no canteen', () => {
    const s = loadTownConfig().supervision!;
    expect(s.pedt).toBe(false);
    expect(serviceRatios(s, 'morning')).toEqual({ code: 'morning', ordinary: PERI, withPedt: PERI_PEDT });
    expect(serviceRatios(s, 'evening')).toEqual({ code: 'evening', ordinary: PERI, withPedt: PERI_PEDT });
    expect(serviceRatios(s, 'wednesday')).toEqual({ code: 'wednesday', ordinary: WED, withPedt: WED_PEDT });
    expect(serviceRatios(s, 'canteen')).toBeNull();
  });

  it('is checked at load, each error naming its field', () => {
    const zero = town();
    (zero.supervision.services[0]!.ordinary as Record<string, unknown>).under6 = 0;
    expect(() => parseTownConfig(zero)).toThrow(/supervision\.services\.0\.ordinary\.under6/);
    const text = town();
    (text.supervision.services[2]!.withPedt as Record<string, unknown>).sixAndOver = '14';
    expect(() => parseTownConfig(text)).toThrow(/supervision\.services\.2\.withPedt\.sixAndOver/);
    const unknown = town();
    unknown.supervision.services.push({ code: 'nap', ordinary: PERI });
    expect(() => parseTownConfig(unknown)).toThrow(/supervision\.services\.3\.code: unknown service code nap/);
    const twice = town();
    twice.supervision.services.push({ code: 'morning', ordinary: PERI });
    expect(() => parseTownConfig(twice)).toThrow(/supervision\.services\.3\.code: service morning listed twice/);
    const pedt = town();
    pedt.supervision.pedt = true;
    delete pedt.supervision.services[1]!.withPedt;
    expect(() => parseTownConfig(pedt)).toThrow(/supervision\.services\.1\.withPedt: required when supervision\.pedt is true/);
    const noFlag = town() as unknown as { supervision: Record<string, unknown> };
    delete noFlag.supervision.pedt;
    expect(() => parseTownConfig(noFlag)).toThrow(/supervision\.pedt/);
  });

  it('is optional, and a PEDT town with its ratios loads; the canteen can be declared', () => {
    const none = town() as unknown as Record<string, unknown>;
    delete none.supervision;
    expect(parseTownConfig(none).supervision).toBeUndefined();
    const declared = town();
    declared.supervision.pedt = true;
    declared.supervision.services.push({ code: 'canteen', ordinary: PERI, withPedt: PERI_PEDT });
    expect(serviceRatios(parseTownConfig(declared).supervision, 'canteen')?.withPedt).toEqual(PERI_PEDT);
  });
});
