import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bookChildren } from '../../src/core/bookings/bookChildren.js';
import { importFamilies } from '../../src/core/families/importFamilies.js';
import { parseFamiliesCsv } from '../../src/core/families/parseFamiliesCsv.js';
import { GuardianId, type ChildId } from '../../src/core/ids.js';
import { isoDate, type IsoDate } from '../../src/core/time.js';
import { addFamily, CSV_HEADER } from '../support/app.js';
import { harness, NOW, type Browser, type Harness } from './support.js';

let h: Harness;
let agent: Browser;
let familyId: number;
let guardianId: number;
let evilId: number;

const EVIL = '<script>alert("x")</script>';

beforeAll(async () => {
  h = await harness();
  await h.addStaff('agent@mairie.fr');
  const martin = await addFamily(h.app, 'F-0001', ['Léa', 'Tom']);
  familyId = martin.id;
  guardianId = martin.guardians[0]!.id;
  // A family whose every field holds markup.
  const csv = [CSV_HEADER, `F-EVIL;${EVIL};evil@example.fr;0612345678;${EVIL};<b>Nom</b>;2018-01-01;<i>École</i>;<u>CE1</u>;standard;oui`].join('\n');
  const parsed = parseFamiliesCsv(csv, '2026-11-28' as IsoDate);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  await importFamilies({ families: h.app.families }, { families: parsed.families, actor: { type: 'system' }, channel: 'admin', now: NOW });
  const evil = (await h.app.families.byReference('F-EVIL'))!;
  evilId = evil.id;
  await bookChildren(
    { store: h.app.store, town: h.app.town },
    { actor: { type: 'guardian', id: GuardianId(evil.guardians[0]!.id) }, channel: 'telegram', now: new Date('2026-11-27T08:00:00Z'), childIds: [evil.children[0]!.id as ChildId, ...martin.children.map((c) => c.id)], serviceCodes: ['canteen', 'evening'], dates: [isoDate('2026-12-01'), isoDate('2026-12-03')] },
  );
  agent = h.browser();
  await agent.signIn('agent@mairie.fr');
});
afterAll(() => h.dispose());

const pages = () => [
  '/',
  '/effectifs',
  '/effectifs?mois=2026-12',
  '/effectifs.csv?du=2026-12-01&au=2026-12-04',
  '/jour/2026-12-01',
  '/appel/canteen/2026-12-01',
  '/appel/canteen/2026-12-01.csv',
  '/familles',
  '/familles?q=lea',
  `/familles/${familyId}`,
  `/familles/${evilId}`,
  `/familles/${familyId}/modifier`,
  `/familles/${evilId}/modifier`,
  '/familles/nouvelle',
  '/familles/import',
  '/attente',
  '/calendrier',
  '/activite',
  `/activite?famille=F-EVIL`,
  '/essai',
  `/essai?famille=F-0001&responsable=${guardianId}`,
  `/essai?famille=F-EVIL`,
  '/mot-de-passe',
];

describe('every page', () => {
  it('answers 200 to a signed-in agent', async () => {
    for (const url of pages()) {
      const res = await agent.get(url);
      expect(res.statusCode, url).toBe(200);
    }
  });

  it('redirects to the sign-in page (302) when nobody is signed in, and shows nothing', async () => {
    const anonymous = h.browser();
    for (const url of pages()) {
      const res = await anonymous.get(url);
      expect(res.statusCode, url).toBe(302);
      expect(res.headers.location, url).toMatch(/^\/connexion/);
      expect(res.body, url).not.toContain('F-0001');
    }
    const post = await anonymous.post('/calendrier/fermetures', { date: '2026-12-03', motif: 'x' });
    expect(post.statusCode).toBe(302);
    expect(await h.app.db.closure.count()).toBe(0);
  });

  it('escapes every value: a family named <script> shows as text everywhere', async () => {
    // CSV downloads hold the values as they are (they are not HTML).
    for (const url of [...pages().filter((u) => !u.includes('.csv')), '/familles?q=script', '/appel/evening/2026-12-01', '/jour/2026-12-03']) {
      const res = await agent.get(url);
      expect(res.body, url).not.toContain('<script>alert');
      expect(res.body, url).not.toContain('<b>Nom</b>');
      expect(res.body, url).not.toContain('<i>École</i>');
    }
    expect((await agent.get(`/familles/${evilId}`)).body).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect((await agent.get('/familles?q=script')).body).toContain('&lt;script&gt;');
    expect((await agent.get('/appel/canteen/2026-12-01')).body).toContain('&lt;b&gt;Nom&lt;/b&gt;');
  });

  it('is French, with landmarks, a skip link, labelled fields and the print style sheet', async () => {
    const res = await agent.get(`/familles/${familyId}`);
    expect(res.body).toContain('<html lang="fr">');
    expect(res.body).toMatch(/<header class="site" role="banner">/);
    expect(res.body).toContain('<nav class="main" id="nav-main" aria-label="Navigation principale">');
    expect(res.body).toContain('<main id="contenu"');
    expect(res.body).toContain('href="#contenu"');
    for (const id of [...res.body.matchAll(/<input type="(?:text|date|email|tel|password|search)" id="([^"]+)"/g)].map((m) => m[1])) {
      expect(res.body, id).toContain(`for="${id}"`);
    }
    const css = await agent.get('/static/app.css');
    expect(css.body).toContain('@media print');
    expect(res.headers['content-security-policy']).toContain("default-src 'none'");
  });

  it('answers an unknown page with a French 404', async () => {
    const res = await agent.get('/nulle-part');
    expect(res.statusCode).toBe(404);
    expect(res.body).toContain('Page introuvable');
    expect((await agent.get('/familles/999999')).statusCode).toBe(404);
    expect((await agent.get('/jour/2026-02-30')).statusCode).toBe(404);
  });

  it('refuses input no page sends with a French 400 or 404 page, never a 500 (each route has its schema)', async () => {
    // A JSON body with a nested value where the sign-in form has text.
    const json = await h.web.inject({ method: 'POST', url: '/connexion', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ _csrf: 'x', email: { $ne: null }, password: 'p' }) });
    expect(json.statusCode).toBe(400);
    expect(json.body).toContain('Demande refusée');
    expect(json.body).toContain('« email »');
    // A query field far longer than any link of ours.
    const long = await agent.get(`/familles?q=${'a'.repeat(3_000)}`);
    expect(long.statusCode).toBe(400);
    expect(long.body).toContain('« q »');
    // A path naming nothing: the page does not exist.
    for (const url of ['/jour/demain', '/familles/abc', '/appel/cantine%20scolaire/2026-12-03', '/appel/canteen/2026-12-03.pdf']) {
      const res = await agent.get(url);
      expect(res.statusCode, url).toBe(404);
      expect(res.body, url).toContain('Page introuvable');
    }
    // A posted form whose field is an object, by a signed-in agent, with its token: refused, nothing done.
    const closures = await h.app.db.closure.count();
    const res = await h.web.inject({
      method: 'POST',
      url: '/calendrier/fermetures',
      headers: { cookie: [...agent.cookies].map(([k, v]) => `${k}=${v}`).join('; '), 'content-type': 'application/json' },
      payload: JSON.stringify({ _csrf: agent.csrf, date: '2026-12-03', service: '', motif: { toString: 1 } }),
    });
    expect(res.statusCode).toBe(400);
    expect(await h.app.db.closure.count()).toBe(closures);
  });

  it('leaves /health open for monitoring', async () => {
    expect((await h.web.inject({ method: 'GET', url: '/health' })).json()).toEqual({ ok: true });
  });

  it('answers 503 on /health when the database does not answer', async () => {
    const other = await harness();
    try {
      await other.app.db.$disconnect();
      const db = other.app.db as unknown as { $queryRawUnsafe: () => Promise<never> };
      db.$queryRawUnsafe = () => Promise.reject(new Error('database is gone'));
      const res = await other.web.inject({ method: 'GET', url: '/health' });
      expect(res.statusCode).toBe(503);
      expect(res.json()).toEqual({ ok: false, error: 'database' });
    } finally {
      await other.dispose().catch(() => undefined);
    }
  });
});
