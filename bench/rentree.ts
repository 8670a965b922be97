/**
 * The "rentrée" load: 1,000 families with 1.5 children each, booked for the
 * canteen and evening care on every school day of the year, once through
 * the core (one request per family, as parents or staff would make them)
 * and once as raw better-sqlite3 inserts of the same rows (the baseline);
 * then the time of a headcount for one day and for one month on that data.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { buildApp, type App } from '../src/app.js';
import { loadTownConfig } from '../src/config/town.js';
import { bookChildren } from '../src/core/bookings/bookChildren.js';
import { countHeadcount } from '../src/core/bookings/countHeadcount.js';
import { importFamilies } from '../src/core/families/importFamilies.js';
import type { FamilyImport } from '../src/core/families/parseFamiliesCsv.js';
import { StaffId, type ChildId } from '../src/core/ids.js';
import { applyMigrations } from '../src/db/migrate.js';
import { isoDate, type IsoDate } from '../src/core/time.js';

export const FAMILIES = Number(process.env.BENCH_FAMILIES ?? 1000);

/** 1,000 families; every other one has two children (1.5 on average). */
export function rentreeFamilies(count = FAMILIES): FamilyImport[] {
  return Array.from({ length: count }, (_, i) => {
    const ref = `F-${String(i + 1).padStart(4, '0')}`;
    const names = i % 2 === 0 ? ['Léa', 'Tom'] : ['Noé'];
    return {
      reference: ref,
      guardians: [{ name: `Parent ${i + 1}`, email: `parent${i + 1}@example.fr`, phone: null }],
      children: names.map((n) => ({ firstName: n, lastName: `Famille${i + 1}`, birthDate: isoDate('2018-05-04'), school: i % 3 ? 'Jules Ferry' : 'Pasteur', className: ['CP', 'CE1', 'CE2', 'CM1', 'CM2'][i % 5]!, mealType: 'standard', pai: i % 17 === 0 })),
    };
  });
}

/** Builds an app on a fresh database with the rentrée families imported. */
export async function rentreeApp(dir: string): Promise<{ app: App; families: { id: number; children: ChildId[] }[] }> {
  const app = await buildApp({ databaseUrl: `file:${path.join(dir, 'rentree.db')}`, town: loadTownConfig() });
  await importFamilies({ families: app.families }, { families: rentreeFamilies(), actor: { type: 'system' }, channel: 'admin', now: new Date('2026-08-20T08:00:00Z') });
  const rows = await app.db.family.findMany({ include: { children: { select: { id: true } } }, orderBy: { id: 'asc' } });
  return { app, families: rows.map((f) => ({ id: f.id, children: f.children.map((c) => c.id as ChildId) })) };
}

function schoolDays(app: App): IsoDate[] {
  const { firstDay, lastDay } = app.town.config.calendar;
  return app.town.calendar.serviceDays(app.town.service('canteen')!, firstDay, lastDay);
}

function ms(from: bigint): number {
  return Number(process.hrtime.bigint() - from) / 1e6;
}

export async function runRentreeBench(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'portail-bench-'));
  try {
    const { app, families } = await rentreeApp(dir);
    const days = schoolDays(app);
    const now = new Date('2026-08-20T08:00:00Z');

    const slots = (fams: typeof families) => fams.flatMap((f) => days.flatMap((day) => f.children.flatMap((c) => ['canteen', 'evening'].map((s) => [c, s, day] as const))));

    // Baselines: the same rows as raw prepared inserts into a database of the
    // same schema (so with its indexes and DayCount triggers), once in a
    // single transaction (the floor) and once in one transaction per family
    // (the shape of the core's requests).
    const rawInsert = (file: string, perFamily: boolean) => {
      const raw = new Database(path.join(dir, file));
      raw.pragma('journal_mode = WAL');
      raw.pragma('synchronous = NORMAL');
      raw.pragma('cache_size = -32000');
      applyMigrations(raw);
      const stamp = now.toISOString();
      raw.prepare(`INSERT INTO "Family" ("id","reference","updatedAt") VALUES (1,'F',?)`).run(stamp);
      const addChild = raw.prepare(`INSERT INTO "Child" ("id","familyId","firstName","lastName","birthDate","school","className","updatedAt") VALUES (?,1,'x',?,'2018-01-01','s','c',?)`);
      for (const f of families) for (const c of f.children) addChild.run(c, String(c), stamp);
      const insert = raw.prepare(
        `INSERT INTO "Booking" ("childId","serviceCode","date","state","channel","changedBy","createdAt","updatedAt") VALUES (?,?,?,'booked','admin','staff:1',?,?)`,
      );
      const insertAll = raw.transaction((rows: ReturnType<typeof slots>) => {
        for (const [c, s, day] of rows) insert.run(c, s, day, stamp, stamp);
      });
      const t = process.hrtime.bigint();
      let rows = 0;
      if (perFamily) {
        for (const f of families) {
          const r = slots([f]);
          insertAll(r);
          rows += r.length;
        }
      } else {
        const r = slots(families);
        insertAll(r);
        rows = r.length;
      }
      const elapsed = ms(t);
      raw.close();
      return { rows, elapsed };
    };
    const rawOne = rawInsert('raw-one.db', false);
    const rawEach = rawInsert('raw-each.db', true);

    // Through the core: one request per family, the whole year, both services.
    const core = async (a: App, groups: (typeof families)[]) => {
      let booked = 0;
      const t = process.hrtime.bigint();
      for (const group of groups) {
        const out = await bookChildren(
          { store: a.store, town: a.town },
          { actor: { type: 'staff', id: StaffId(1) }, channel: 'admin', now, childIds: group.flatMap((f) => f.children), serviceCodes: ['canteen', 'evening'], dates: days },
        );
        booked += out.filter((o) => o.outcome === 'booked' || o.outcome === 'waiting_list').length;
      }
      return { booked, elapsed: ms(t) };
    };
    const perFamily = await core(app, families.map((f) => [f]));
    // A staff bulk registration: 100 families a request, on a second database.
    const bulkDir = fs.mkdtempSync(path.join(dir, 'bulk-'));
    const bulk = await rentreeApp(bulkDir);
    const groups: (typeof families)[] = [];
    for (let i = 0; i < bulk.families.length; i += 100) groups.push(bulk.families.slice(i, i + 100));
    const perHundred = await core(bulk.app, groups);
    await bulk.app.close();

    const rate = (n: number, elapsed: number) => Math.round(n / (elapsed / 1000));
    const line = (label: string, n: number, elapsed: number) =>
      console.log(`  ${label.padEnd(48)}: ${n} rows in ${elapsed.toFixed(0).padStart(6)} ms = ${String(rate(n, elapsed)).padStart(7)} /s`);
    console.log(`rentrée load: ${families.length} families, ${families.reduce((n, f) => n + f.children.length, 0)} children, ${days.length} school days, canteen + evening`);
    line('raw inserts, a transaction per family (baseline)', rawEach.rows, rawEach.elapsed);
    line('raw inserts, one transaction for all', rawOne.rows, rawOne.elapsed);
    line('core, a request per family', perFamily.booked, perFamily.elapsed);
    line('core, 100 families a request', perHundred.booked, perHundred.elapsed);
    console.log(`  core per family vs baseline : ${(perFamily.elapsed / rawEach.elapsed).toFixed(2)}x the time`);
    console.log(`  core 100 a request vs baseline : ${(perHundred.elapsed / rawEach.elapsed).toFixed(2)}x the time`);

    // Headcounts on that data (capacity aside: the rentrée load books past it, so waiting lists are long too).
    const time = async (from: string, to: string, reps: number) => {
      await countHeadcount({ store: app.store, town: app.town }, { from: isoDate(from), to: isoDate(to) });
      const samples: number[] = [];
      for (let i = 0; i < reps; i++) {
        const t = process.hrtime.bigint();
        await countHeadcount({ store: app.store, town: app.town }, { from: isoDate(from), to: isoDate(to) });
        samples.push(ms(t));
      }
      samples.sort((a, b) => a - b);
      return { median: samples[Math.floor(samples.length / 2)]!, max: samples[samples.length - 1]! };
    };
    const day = await time('2026-12-03', '2026-12-03', 50);
    const month = await time('2026-12-01', '2026-12-31', 20);
    console.log(`  headcount, one day   : median ${day.median.toFixed(2)} ms (max ${day.max.toFixed(2)})`);
    console.log(`  headcount, one month : median ${month.median.toFixed(2)} ms (max ${month.max.toFixed(2)})`);
    await app.close();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
