/**
 * The staff web's pages on the rentrée data set (1,000 families, canteen and
 * evening care booked every school day of the year, long waiting lists), or
 * with `BENCH_SCALE=city` at city scale (6,700 families, 10,000 children,
 * 2.8 million bookings, 2 million audit events, written straight into the
 * database file):
 * each main page requested 30 times through `app.inject` by a signed-in
 * agent, p50 and p99 and the mean CPU time a request, beside the same
 * figures for /health (fastify's own floor, measured in the same run). The
 * target is under 100 ms a page.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { hash } from '@node-rs/argon2';
import type { FastifyInstance } from 'fastify';
import { bookChildren } from '../src/core/bookings/bookChildren.js';
import { StaffId, type ChildId } from '../src/core/ids.js';
import { buildStaffWeb } from '../src/staff-web/buildStaffWeb.js';
import Database from 'better-sqlite3';
import { buildApp, type App } from '../src/app.js';
import { loadTownConfig } from '../src/config/town.js';
import { closeDay } from '../src/core/closures/closeDay.js';
import { isoDate } from '../src/core/time.js';
import { rentreeApp } from './rentree.js';

const CITY = { families: 6_700, children: 10_000, audit: 2_000_000 };
const CLASSES = ['PS', 'MS', 'GS', 'CP', 'CE1', 'CE2', 'CM1', 'CM2'];
const SCHOOLS = ['Jules Ferry', 'Pasteur', 'Victor Hugo', 'Jean Moulin', 'Les Tilleuls', 'Marie Curie', 'Louise Michel', 'Saint-Exupéry', 'Prévert', 'Condorcet', 'La Fontaine', 'Montessori'];

/** A city's families, children, a year of canteen and evening care, waiting lists and an audit log, as raw inserts. */
async function cityApp(dir: string): Promise<{ app: App; families: { id: number; children: ChildId[] }[] }> {
  const url = `file:${path.join(dir, 'city.db')}`;
  const config = loadTownConfig();
  for (const s of config.services) s.capacity = 10_000;
  // Building the data takes minutes: BENCH_CITY_DB=FILE keeps it (built once, copied for each run).
  const kept = process.env.BENCH_CITY_DB;
  if (kept && fs.existsSync(kept)) {
    fs.copyFileSync(kept, path.join(dir, 'city.db'));
    return openCity(url, config);
  }
  const first = await buildApp({ databaseUrl: url, town: config });
  const { firstDay, lastDay } = first.town.config.calendar;
  const days = first.town.calendar.serviceDays(first.town.service('canteen')!, firstDay, lastDay);
  const wednesdays = first.town.calendar.serviceDays(first.town.service('wednesday')!, firstDay, lastDay);
  await first.close();
  const raw = new Database(path.join(dir, 'city.db'));
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = OFF');
  const stamp = '2026-08-20T08:00:00.000+00:00';
  raw.transaction(() => {
    const fam = raw.prepare(`INSERT INTO "Family" ("id","reference","createdAt","updatedAt") VALUES (?,?,?,?)`);
    const gua = raw.prepare(`INSERT INTO "Guardian" ("familyId","name","email","phone","language","accessState","telegramChatId","createdAt","updatedAt") VALUES (?,?,?,?,'fr',?,?,?,?)`);
    const chi = raw.prepare(`INSERT INTO "Child" ("id","familyId","firstName","lastName","birthDate","school","className","mealType","pai","createdAt","updatedAt") VALUES (?,?,?,?,?,?,?,?,?,?,?)`);
    let child = 0;
    for (let f = 1; f <= CITY.families; f++) {
      fam.run(f, `F-${String(f).padStart(5, '0')}`, stamp, stamp);
      gua.run(f, `Parent${f} Nom${f}`, f % 9 === 0 ? null : `parent${f}@example.fr`, `06${String(f).padStart(8, '0')}`, f % 3 === 0 ? 'active' : 'inactive', f % 3 === 0 ? String(100_000 + f) : null, stamp, stamp);
      if (f % 2 === 0) gua.run(f, `Second${f} Nom${f}`, `second${f}@example.fr`, `07${String(f).padStart(8, '0')}`, 'inactive', null, stamp, stamp);
      const kids = f <= CITY.children - CITY.families ? 2 : 1;
      for (let k = 0; k < kids; k++) {
        child++;
        chi.run(child, f, ['Léa', 'Tom', 'Noé', 'Inès', 'Jules', 'Zoé'][child % 6]!, `Nom${f}`, '2018-05-04', SCHOOLS[f % SCHOOLS.length]!, CLASSES[child % CLASSES.length]!, ['standard', 'sans_porc', 'vegetarien'][child % 3]!, child % 23 === 0 ? 1 : 0, stamp, stamp);
      }
    }
  })();
  const book = raw.prepare(`INSERT INTO "Booking" ("childId","serviceCode","date","state","waitingSince","channel","changedBy","createdAt","updatedAt") VALUES (?,?,?,?,?,'admin','staff:1',?,?)`);
  for (const day of days) {
    raw.transaction(() => {
      for (let c = 1; c <= CITY.children; c++) {
        book.run(c, 'canteen', day, 'booked', null, stamp, stamp);
        if (c % 7 !== 0) book.run(c, 'evening', day, c % 50 === 1 ? 'waiting' : 'booked', c % 50 === 1 ? stamp : null, stamp, stamp);
      }
    })();
  }
  raw.transaction(() => {
    for (const day of wednesdays) for (let c = 1; c <= CITY.children; c += 4) book.run(c, 'wednesday', day, 'booked', null, stamp, stamp);
  })();
  const audit = raw.prepare(`INSERT INTO "AuditEvent" ("at","actorType","actorId","channel","action","familyId","before","after") VALUES (?,?,?,?,?,?,?,?)`);
  const t0 = Date.parse('2026-08-20T08:00:00Z');
  raw.transaction(() => {
    for (let i = 0; i < CITY.audit; i++) {
      const f = (i % CITY.families) + 1;
      audit.run(new Date(t0 + i * 4_000).toISOString().replace('Z', '+00:00'), 'guardian', f, 'telegram', 'booking.book', f, '[]', JSON.stringify([{ childId: f, serviceCode: 'canteen', date: days[i % days.length], state: 'booked' }]));
    }
  })();
  raw.pragma('optimize');
  raw.pragma('wal_checkpoint(TRUNCATE)');
  raw.close();
  if (kept) fs.copyFileSync(path.join(dir, 'city.db'), kept);
  return openCity(url, config);
}

async function openCity(url: string, config: ReturnType<typeof loadTownConfig>): Promise<{ app: App; families: { id: number; children: ChildId[] }[] }> {
  const app = await buildApp({ databaseUrl: url, town: config });
  const rows = await app.db.family.findMany({ include: { children: { select: { id: true } } }, orderBy: { id: 'asc' } });
  return { app, families: rows.map((f) => ({ id: f.id, children: f.children.map((c) => c.id as ChildId) })) };
}

const REPEATS = 30;
/** Thursday 3 December 2026, 09:00 in Paris. */
const NOW = new Date('2026-12-03T08:00:00Z');

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Signs in like a browser; returns the cookie and the CSRF token. */
async function signIn(web: FastifyInstance, email: string, password: string): Promise<{ cookie: string; csrf: string }> {
  const token = (body: string) => /name="_csrf" value="([^"]*)"/.exec(body)![1]!;
  const cookieOf = (set: string | string[] | undefined) => String(Array.isArray(set) ? set.find((c) => c.startsWith('pf_session=')) : set).split(';')[0]!;
  const page = await web.inject({ method: 'GET', url: '/connexion' });
  const anonymous = cookieOf(page.headers['set-cookie']);
  const res = await web.inject({
    method: 'POST',
    url: '/connexion',
    headers: { cookie: anonymous, 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ _csrf: token(page.body), email, password }).toString(),
  });
  const cookie = cookieOf(res.headers['set-cookie']);
  const home = await web.inject({ method: 'GET', url: '/', headers: { cookie } });
  if (home.statusCode !== 200) throw new Error(`sign-in failed: ${home.statusCode}`);
  return { cookie, csrf: token(home.body) };
}

export async function runStaffWebBench(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'portail-bench-web-'));
  try {
    const city = process.env.BENCH_SCALE === 'city';
    const t0 = Date.now();
    const { app, families } = city ? await cityApp(dir) : await rentreeApp(dir);
    const { firstDay, lastDay } = app.town.config.calendar;
    const days = app.town.calendar.serviceDays(app.town.service('canteen')!, firstDay, lastDay);
    for (let i = 0; i < (city ? 0 : families.length); i += 100) {
      await bookChildren(
        { store: app.store, town: app.town },
        { actor: { type: 'staff', id: StaffId(1) }, channel: 'admin', now: new Date('2026-08-20T08:00:00Z'), childIds: families.slice(i, i + 100).flatMap((f) => f.children) as ChildId[], serviceCodes: ['canteen', 'evening'], dates: days },
      );
    }
    const bookings = await app.db.booking.count();
    console.log(`data: ${families.length} families, ${bookings} bookings, ${await app.db.auditEvent.count()} audit events (loaded in ${((Date.now() - t0) / 1000).toFixed(1)} s)`);

    await app.db.staffUser.create({ data: { email: 'bench@mairie.fr', passwordHash: await hash('bench password'), mustChangePassword: false } });
    const web = buildStaffWeb({ app, clock: { now: () => NOW }, secret: 'the staff web bench secret' });
    await web.ready();
    const { cookie, csrf } = await signIn(web, 'bench@mairie.fr', 'bench password');
    const family = families[0]!;
    const reference = (await app.db.family.findUniqueOrThrow({ where: { id: family.id } })).reference;
    const guardian = (await app.db.guardian.findFirstOrThrow({ where: { familyId: family.id } })).id;

    type Req = { method: 'GET' | 'POST'; url: string; form?: Record<string, string> };
    const pages: [string, Req][] = [
      ['/health (baseline)', { method: 'GET', url: '/health' }],
      ['home: today, tomorrow, kitchen, week', { method: 'GET', url: '/' }],
      ['month headcounts', { method: 'GET', url: '/effectifs?mois=2026-12' }],
      ['day by school and class', { method: 'GET', url: '/jour/2026-12-03' }],
      [city ? 'roll call (canteen, 10,000 children)' : 'roll call (canteen, 220 children)', { method: 'GET', url: '/appel/canteen/2026-12-03' }],
      ['roll call, one school', { method: 'GET', url: `/appel/canteen/2026-12-03?ecole=${encodeURIComponent('Pasteur')}` }],
      ['roll call CSV', { method: 'GET', url: '/appel/canteen/2026-12-03.csv' }],
      ['families, search', { method: 'GET', url: city ? '/familles?q=nom12' : '/familles?q=famille12' }],
      ['families, search by phone', { method: 'GET', url: '/familles?q=0600000123' }],
      ['families, all', { method: 'GET', url: '/familles' }],
      ['family page (a year booked)', { method: 'GET', url: `/familles/${family.id}?mois=2026-12` }],
      ['waiting lists of the week', { method: 'GET', url: '/attente?date=2026-12-03' }],
      ['calendar', { method: 'GET', url: '/calendrier' }],
      ['activity log', { method: 'GET', url: '/activite' }],
      ['activity of a family', { method: 'GET', url: `/activite?famille=${reference}` }],
      ['activity of a month', { method: 'GET', url: '/activite?du=2026-11-01&au=2026-11-30' }],
      ['try it: the form', { method: 'GET', url: `/essai?famille=${reference}` }],
      ['try it: a dry run', { method: 'POST', url: '/essai', form: { _csrf: csrf, famille: reference, responsable: String(guardian), message: 'Léa mange à la cantine vendredi 11 décembre' } }],
    ];
    const measure = async (req: Req) => {
      const run = () =>
        web.inject({
          method: req.method,
          url: req.url,
          headers: { cookie, ...(req.form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
          ...(req.form ? { payload: new URLSearchParams(req.form).toString() } : {}),
        });
      for (let i = 0; i < 3; i++) {
        const res = await run();
        if (res.statusCode !== 200) throw new Error(`${req.url}: ${res.statusCode}`);
      }
      const samples: number[] = [];
      let bytes = 0;
      // CPU time (this process, its GC threads included): steadier than wall time on a shared machine.
      const cpu = process.cpuUsage();
      for (let i = 0; i < REPEATS; i++) {
        const t = process.hrtime.bigint();
        const res = await run();
        samples.push(Number(process.hrtime.bigint() - t) / 1e6);
        bytes = res.rawPayload.length;
      }
      const used = process.cpuUsage(cpu);
      samples.sort((a, b) => a - b);
      return { p50: percentile(samples, 50), p99: percentile(samples, 99), bytes, cpu: (used.user + used.system) / 1000 / REPEATS };
    };
    const baseline = await measure(pages[0]![1]);
    console.log(`  ${'page'.padEnd(38)} ${'p50 ms'.padStart(8)} ${'p99 ms'.padStart(8)} ${'CPU ms'.padStart(8)} ${'KB'.padStart(6)}  vs /health p50`);
    let worst = 0;
    // BENCH_PAGES=TEXT measures only the pages whose name holds TEXT (and /health), e.g. BENCH_PAGES=CSV.
    const only = process.env.BENCH_PAGES;
    for (const [name, req] of pages) {
      if (only && !name.startsWith('/health') && !name.includes(only)) continue;
      const m = name.startsWith('/health') ? baseline : await measure(req);
      if (!name.startsWith('/health')) worst = Math.max(worst, m.p99);
      console.log(`  ${name.padEnd(38)} ${m.p50.toFixed(2).padStart(8)} ${m.p99.toFixed(2).padStart(8)} ${m.cpu.toFixed(2).padStart(8)} ${(m.bytes / 1024).toFixed(0).padStart(6)}  ${(m.p50 / baseline.p50).toFixed(0).padStart(5)}x`);
    }
    console.log(`  slowest page p99: ${worst.toFixed(1)} ms (target: under 100 ms)`);

    // Closing a whole day, while a parent keeps booking another day: how long the closure takes, and the longest a write waits.
    const closing = isoDate('2026-12-10');
    const before = await app.db.booking.count({ where: { date: closing, state: { in: ['booked', 'absent', 'waiting'] } } });
    let stop = false;
    const waits: number[] = [];
    const writer = (async () => {
      const child = families[families.length - 1]!.children[0]!;
      for (let i = 0; !stop; i++) {
        const t = process.hrtime.bigint();
        await app.db.setting.upsert({ where: { key: 'bench-writer' }, create: { key: 'bench-writer', value: String(i) }, update: { value: String(i) } });
        waits.push(Number(process.hrtime.bigint() - t) / 1e6);
        void child;
        await new Promise((r) => setTimeout(r, 20));
      }
    })();
    const tc = Date.now();
    const { PrismaClosureStore } = await import('../src/db/staffWebStores.js');
    const out = await closeDay(
      { store: app.store, town: app.town, closures: new PrismaClosureStore(app.db, async () => 'bench') },
      { date: closing, serviceCode: null, reason: 'grève', actor: { type: 'staff', id: StaffId(1) }, channel: 'web', now: NOW },
    );
    const closeMs = Date.now() - tc;
    stop = true;
    await writer;
    waits.sort((a, b) => a - b);
    console.log(`  closing a day: ${before} bookings, ${out.ok ? out.families.length : 0} families, ${(closeMs / 1000).toFixed(1)} s; a concurrent write waited at most ${waits[waits.length - 1]!.toFixed(0)} ms (p50 ${percentile(waits, 50).toFixed(1)} ms, ${waits.length} writes)`);
    await web.close();
    await app.close();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
