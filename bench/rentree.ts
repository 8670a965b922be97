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

/** Bytes of audit JSON (before + after) per booking request, and the audit table's share of the file. */
function auditFigures(file: string): { requests: number; bytesPerRequest: number; auditBytes: number; fileBytes: number } {
  const db = new Database(file, { readonly: true });
  try {
    const r = db.prepare(`SELECT count(*) AS n, coalesce(sum(length("before")) + sum(length("after")), 0) AS bytes FROM "AuditEvent" WHERE "action" LIKE 'booking.%'`).get() as { n: number; bytes: number };
    let auditBytes = 0;
    try {
      auditBytes = (db.prepare(`SELECT sum("pgsize") AS b FROM "dbstat" WHERE "name" LIKE '%AuditEvent%'`).get() as { b: number | null }).b ?? 0;
    } catch {
      // dbstat is compiled into better-sqlite3; without it the share is not printed.
    }
    return { requests: r.n, bytesPerRequest: r.n ? r.bytes / r.n : 0, auditBytes, fileBytes: fs.statSync(file).size + (fs.existsSync(`${file}-wal`) ? fs.statSync(`${file}-wal`).size : 0) };
  } finally {
    db.close();
  }
}

export async function runRentreeBench(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'portail-bench-'));
  try {
    const { app, families } = await rentreeApp(dir);
    // A staff bulk registration (100 families a request) runs on a second database.
    const bulkDir = fs.mkdtempSync(path.join(dir, 'bulk-'));
    const bulk = await rentreeApp(bulkDir);
    const days = schoolDays(app);
    const now = new Date('2026-08-20T08:00:00Z');

    const slots = (fams: typeof families) => fams.flatMap((f) => days.flatMap((day) => f.children.flatMap((c) => ['canteen', 'evening'].map((s) => [c, s, day] as const))));

    // Baselines: the same rows as raw prepared inserts into a database of the
    // same schema (so with its indexes and DayCount triggers), in one
    // transaction per family (the shape of the core's requests) and once in
    // a single transaction (the floor).
    const rawDatabase = (file: string) => {
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
      return { raw, insertAll };
    };
    const rawOne = (() => {
      // In a block of its own: the 400,000 rows must not stay on the heap while the core runs.
      const one = rawDatabase('raw-one.db');
      const all = slots(families);
      const started = process.hrtime.bigint();
      one.insertAll(all);
      const elapsed = ms(started);
      one.raw.close();
      return { rows: all.length, elapsed };
    })();
    let t: bigint;

    // The per-family baseline and the two core loads run interleaved, a
    // hundred families at a time, so that a busy machine slows them alike.
    const each = rawDatabase('raw-each.db');
    const rawEach = { rows: 0, elapsed: 0 };
    const perFamily = { booked: 0, elapsed: 0 };
    const perHundred = { booked: 0, elapsed: 0 };
    const book = async (a: App, childIds: ChildId[]) => {
      const out = await bookChildren(
        { store: a.store, town: a.town },
        { actor: { type: 'staff', id: StaffId(1) }, channel: 'admin', now, childIds, serviceCodes: ['canteen', 'evening'], dates: days },
      );
      return out.filter((o) => o.outcome === 'booked' || o.outcome === 'waiting_list').length;
    };
    for (let i = 0; i < families.length; i += 100) {
      const chunk = families.slice(i, i + 100);
      t = process.hrtime.bigint();
      for (const f of chunk) {
        const r = slots([f]);
        each.insertAll(r);
        rawEach.rows += r.length;
      }
      rawEach.elapsed += ms(t);
      t = process.hrtime.bigint();
      for (const f of chunk) perFamily.booked += await book(app, f.children);
      perFamily.elapsed += ms(t);
      t = process.hrtime.bigint();
      perHundred.booked += await book(bulk.app, bulk.families.slice(i, i + 100).flatMap((f) => f.children));
      perHundred.elapsed += ms(t);
    }
    each.raw.close();
    await bulk.app.close();

    const rate = (n: number, elapsed: number) => Math.round(n / (elapsed / 1000));
    const line = (label: string, n: number, elapsed: number) =>
      console.log(`  ${label.padEnd(48)}: ${n} rows in ${elapsed.toFixed(0).padStart(6)} ms = ${String(rate(n, elapsed)).padStart(7)} /s`);
    console.log(`rentrée load: ${families.length} families, ${families.reduce((n, f) => n + f.children.length, 0)} children, ${days.length} school days, canteen + evening`);
    line('raw inserts, a transaction per family (baseline)', rawEach.rows, rawEach.elapsed);
    line('raw inserts, one transaction for all', rawOne.rows, rawOne.elapsed);
    line('core, a request per family', perFamily.booked, perFamily.elapsed);
    line('core, 100 families a request', perHundred.booked, perHundred.elapsed);
    console.log(`  core per family vs baseline : ${(perFamily.elapsed / rawEach.elapsed).toFixed(2)}x the time (target: under 2x)`);
    console.log(`  core 100 a request vs baseline : ${(perHundred.elapsed / rawEach.elapsed).toFixed(2)}x the time`);
    const audit = auditFigures(app.dbFile);
    const mb = (b: number) => `${(b / 1e6).toFixed(1)} MB`;
    console.log(
      `  audit: ${audit.requests} booking events, ${Math.round(audit.bytesPerRequest)} bytes of JSON a request; audit table and indexes ${mb(audit.auditBytes)} of a ${mb(audit.fileBytes)} database`,
    );

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
