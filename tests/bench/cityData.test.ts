import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { buildCityData } from '../../bench/cityData.js';
import { buildApp } from '../../src/app.js';
import { loadTownConfig } from '../../src/config/town.js';
import { countHeadcount } from '../../src/core/bookings/countHeadcount.js';
import { isoDate } from '../../src/core/time.js';
import { tempDir } from '../support/app.js';

const dir = tempDir();
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('the city-scale data builder (a tenth of the city here)', () => {
  it('writes families, children and a school year of bookings into the real schema, with the day counts the triggers would keep', async () => {
    const file = path.join(dir, 'city.db');
    const data = buildCityData(file, { families: 670, children: 1_000 });
    expect(data).toMatchObject({ families: 670, children: 1_000 });
    expect(data.bookings).toBeGreaterThan(250_000);
    expect(data.bookings).toBeLessThan(310_000);
    const db = new Database(file, { readonly: true });
    try {
      expect((db.prepare('SELECT count(*) AS n FROM "Booking"').get() as { n: number }).n).toBe(data.bookings);
      expect((db.prepare(`SELECT count(*) AS n FROM "sqlite_master" WHERE "type" = 'trigger' AND "name" LIKE 'Booking_count_%'`).get() as { n: number }).n).toBe(3);
      const recount = db.prepare(
        `SELECT count(*) AS n FROM (SELECT "serviceCode", "date", sum("state" = 'booked') AS b, sum("state" = 'absent') AS a FROM "Booking" GROUP BY 1, 2) r
         JOIN "DayCount" d USING ("serviceCode", "date") WHERE d."booked" <> r.b OR d."absent" <> r.a`,
      ).get() as { n: number };
      expect(recount.n).toBe(0);
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    } finally {
      db.close();
    }
    // The application opens it as it is (migrations already applied) and counts from it.
    const app = await buildApp({ databaseUrl: `file:${file}`, town: loadTownConfig() });
    try {
      const rows = await countHeadcount({ store: app.store, town: app.town }, { from: isoDate('2026-12-03'), to: isoDate('2026-12-03') });
      expect(rows.find((r) => r.serviceCode === 'canteen')!.booked).toBeGreaterThan(800);
      expect(await app.db.family.count()).toBe(670);
    } finally {
      await app.close();
    }
  }, 120_000);
});
