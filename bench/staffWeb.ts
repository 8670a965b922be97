/**
 * The staff web's pages on the rentrée data set (1,000 families, canteen and
 * evening care booked every school day of the year, long waiting lists):
 * each main page requested 30 times through `app.inject` by a signed-in
 * agent, p50 and p99, beside the same figures for /health (fastify's own
 * floor, measured in the same run). The target is under 100 ms a page.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { hash } from '@node-rs/argon2';
import type { FastifyInstance } from 'fastify';
import { bookChildren } from '../src/core/bookings/bookChildren.js';
import { StaffId, type ChildId } from '../src/core/ids.js';
import { buildStaffWeb } from '../src/staff-web/buildStaffWeb.js';
import { rentreeApp } from './rentree.js';

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
    const { app, families } = await rentreeApp(dir);
    const { firstDay, lastDay } = app.town.config.calendar;
    const days = app.town.calendar.serviceDays(app.town.service('canteen')!, firstDay, lastDay);
    const t0 = Date.now();
    for (let i = 0; i < families.length; i += 100) {
      await bookChildren(
        { store: app.store, town: app.town },
        { actor: { type: 'staff', id: StaffId(1) }, channel: 'admin', now: new Date('2026-08-20T08:00:00Z'), childIds: families.slice(i, i + 100).flatMap((f) => f.children) as ChildId[], serviceCodes: ['canteen', 'evening'], dates: days },
      );
    }
    const bookings = await app.db.booking.count();
    console.log(`data: ${families.length} families, ${bookings} bookings (loaded in ${((Date.now() - t0) / 1000).toFixed(1)} s)`);

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
      ['roll call (canteen, 220 children)', { method: 'GET', url: '/appel/canteen/2026-12-03' }],
      ['roll call CSV', { method: 'GET', url: '/appel/canteen/2026-12-03.csv' }],
      ['families, search', { method: 'GET', url: '/familles?q=famille12' }],
      ['family page (a year booked)', { method: 'GET', url: `/familles/${family.id}?mois=2026-12` }],
      ['waiting lists of the week', { method: 'GET', url: '/attente?date=2026-12-03' }],
      ['calendar', { method: 'GET', url: '/calendrier' }],
      ['activity log', { method: 'GET', url: '/activite' }],
      ['activity of a family', { method: 'GET', url: `/activite?famille=${reference}` }],
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
      for (let i = 0; i < REPEATS; i++) {
        const t = process.hrtime.bigint();
        const res = await run();
        samples.push(Number(process.hrtime.bigint() - t) / 1e6);
        bytes = res.rawPayload.length;
      }
      samples.sort((a, b) => a - b);
      return { p50: percentile(samples, 50), p99: percentile(samples, 99), bytes };
    };
    const baseline = await measure(pages[0]![1]);
    console.log(`  ${'page'.padEnd(38)} ${'p50 ms'.padStart(8)} ${'p99 ms'.padStart(8)} ${'KB'.padStart(6)}  vs /health p50`);
    let worst = 0;
    for (const [name, req] of pages) {
      const m = name.startsWith('/health') ? baseline : await measure(req);
      if (!name.startsWith('/health')) worst = Math.max(worst, m.p99);
      console.log(`  ${name.padEnd(38)} ${m.p50.toFixed(2).padStart(8)} ${m.p99.toFixed(2).padStart(8)} ${(m.bytes / 1024).toFixed(0).padStart(6)}  ${(m.p50 / baseline.p50).toFixed(0).padStart(5)}x`);
    }
    console.log(`  slowest page p99: ${worst.toFixed(1)} ms (target: under 100 ms)`);
    await web.close();
    await app.close();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
