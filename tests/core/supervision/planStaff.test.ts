import { describe, expect, it } from 'vitest';
import { loadTownConfig } from '../../../src/config/town.js';
import { StaffId } from '../../../src/core/ids.js';
import { planStaff, type StaffPlanStore } from '../../../src/core/supervision/planStaff.js';
import { isoDate, type IsoDate } from '../../../src/core/time.js';
import { Town } from '../../../src/core/town.js';

/** An in-memory store, for the rule alone (the Prisma one is tested on both databases in tests/db). */
function memoryPlans(): StaffPlanStore & { rows: Map<string, number> } {
  const rows = new Map<string, number>();
  return {
    rows,
    async plannedOn(date: IsoDate) {
      return new Map([...rows].filter(([k]) => k.startsWith(`${date}|`)).map(([k, v]) => [k.split('|')[1]!, v]));
    },
    async set(date, code, adults) {
      const before = rows.get(`${date}|${code}`) ?? null;
      rows.set(`${date}|${code}`, adults);
      return { before };
    },
  };
}

describe('planning the adults of a service on a day', () => {
  const town = new Town(loadTownConfig());
  const actor = { type: 'staff' as const, id: StaffId(1) };
  const input = { date: isoDate('2026-12-03'), serviceCode: 'evening', adults: 4, actor, channel: 'web' as const, now: new Date('2026-12-01T08:00:00Z') };

  it('records a whole number from 0 to 200 and says what it replaced', async () => {
    const plans = memoryPlans();
    expect(await planStaff({ plans, town }, input)).toEqual({ ok: true, before: null });
    expect(await planStaff({ plans, town }, { ...input, adults: 0 })).toEqual({ ok: true, before: 4 });
    expect(await planStaff({ plans, town }, { ...input, adults: 200 })).toEqual({ ok: true, before: 0 });
    expect(await plans.plannedOn(input.date)).toEqual(new Map([['evening', 200]]));
  });

  it.each([
    [{ adults: 201 }, 'INVALID_ADULTS'],
    [{ adults: -1 }, 'INVALID_ADULTS'],
    [{ adults: 2.5 }, 'INVALID_ADULTS'],
    [{ serviceCode: 'nap' }, 'UNKNOWN_SERVICE'],
    [{ date: isoDate('2026-12-02') }, 'NOT_RUNNING'], // a Wednesday: no evening care
    [{ date: isoDate('2026-12-25') }, 'NOT_RUNNING'], // holidays
  ])('refuses %o: %s, and records nothing', async (change, why) => {
    const plans = memoryPlans();
    expect(await planStaff({ plans, town }, { ...input, ...change })).toEqual({ ok: false, why });
    expect(plans.rows.size).toBe(0);
  });
});
