import { afterEach, expect, it } from 'vitest';
import { addStaffAccount } from '../../src/core/staff/staffAccounts.js';
import { PrismaStaffAccounts } from '../../src/db/staffAccountStore.js';
import { harness, PASSWORD, type Harness } from './support.js';

let h: Harness;
afterEach(() => h.dispose());

const signInPage = async (web: Harness['web'], ip: string, forwarded?: string) => {
  const page = await web.inject({ method: 'GET', url: '/connexion', remoteAddress: ip, headers: forwarded ? { 'x-forwarded-for': forwarded } : {} });
  const cookie = String(page.headers['set-cookie']).split(';')[0]!;
  return { cookie, csrf: /name="_csrf" value="([^"]*)"/.exec(page.body)![1]! };
};
const attempt = async (web: Harness['web'], email: string, password: string, ip: string, forwarded?: string) => {
  const { cookie, csrf } = await signInPage(web, ip, forwarded);
  return web.inject({
    method: 'POST',
    url: '/connexion',
    remoteAddress: ip,
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded', ...(forwarded ? { 'x-forwarded-for': forwarded } : {}) },
    payload: new URLSearchParams({ _csrf: csrf, email, password }).toString(),
  });
};

it('the first account of a database is an administrateur, later ones agents unless a role is given', async () => {
  h = await harness();
  const deps = { accounts: new PrismaStaffAccounts(h.app.db), random: h.app.random, hashPassword: async (p: string) => `hash:${p}` };
  const by = { actor: { type: 'system' as const }, channel: 'admin' as const, now: new Date() };
  expect(await addStaffAccount(deps, { email: 'premier@mairie.fr', ...by })).toMatchObject({ ok: true, role: 'administrateur', existed: false });
  expect(await addStaffAccount(deps, { email: 'second@mairie.fr', ...by })).toMatchObject({ ok: true, role: 'agent' });
  expect(await addStaffAccount(deps, { email: 'trois@mairie.fr', role: 'administrateur', ...by })).toMatchObject({ ok: true, role: 'administrateur' });
  // A password reset keeps the role.
  expect(await addStaffAccount(deps, { email: 'second@mairie.fr', ...by })).toMatchObject({ ok: true, role: 'agent', existed: true });
});

it('an agent works on families and lists but cannot close a day nor manage accounts; an administrateur can', async () => {
  h = await harness();
  await h.addStaff('admin@mairie.fr');
  await h.addStaff('agent@mairie.fr', { role: 'agent' });
  const agent = h.browser();
  await agent.signIn('agent@mairie.fr');
  expect((await agent.get('/familles')).statusCode).toBe(200);
  const calendar = await agent.get('/calendrier');
  expect(calendar.body).toContain('réservé aux administrateurs');
  expect(calendar.body).not.toContain('action="/calendrier/fermetures"');
  expect((await agent.post('/calendrier/fermetures', { date: '2026-12-03', service: '', motif: 'grève' })).statusCode).toBe(403);
  expect(await h.app.db.closure.count()).toBe(0);
  expect((await agent.get('/agents')).statusCode).toBe(403);
  expect((await agent.get('/')).body).not.toContain('href="/agents"');

  const admin = h.browser();
  await admin.signIn('admin@mairie.fr');
  expect((await admin.get('/')).body).toContain('href="/agents"');
  await admin.get('/agents');
  const created = await admin.post('/agents', { email: 'Nouvelle@Mairie.fr', role: 'agent' });
  expect(created.body).toMatch(/<p class="code">[A-Za-z0-9]{16}<\/p>/);
  expect(await h.app.db.staffUser.findUnique({ where: { email: 'nouvelle@mairie.fr' } })).toMatchObject({ role: 'agent', mustChangePassword: true });
  // Ending the agent's sessions signs it out at once.
  const agentId = (await h.app.db.staffUser.findUniqueOrThrow({ where: { email: 'agent@mairie.fr' } })).id;
  await admin.post(`/agents/${agentId}`, { action: 'sessions', role: 'agent' });
  expect((await agent.get('/familles')).headers.location).toMatch(/^\/connexion/);
  // Disabling the account forbids signing in again.
  await admin.post(`/agents/${agentId}`, { action: 'disable', role: 'agent' });
  expect((await h.browser().signIn('agent@mairie.fr')).statusCode).toBe(401);
});

it('signing out holds after a restart, and a session ends after two idle hours', async () => {
  h = await harness();
  await h.addStaff('agent@mairie.fr');
  const b = h.browser();
  await b.signIn('agent@mairie.fr');
  const cookie = b.cookies.get('pf_session')!;
  await b.get('/');
  await b.post('/deconnexion', {});
  const restarted = await h.restart();
  const replay = await restarted.inject({ method: 'GET', url: '/familles', headers: { cookie: `pf_session=${cookie}` } });
  expect(replay.statusCode).toBe(302);
  expect(replay.headers.location).toMatch(/^\/connexion/);

  const c = h.browser();
  await c.signIn('agent@mairie.fr');
  expect((await c.get('/')).statusCode).toBe(200);
  h.clock.set(new Date(h.clock.now().getTime() + 2 * 3_600_000 + 1_000));
  expect((await c.get('/')).headers.location).toBe('/connexion');
});

it('throttles one account attacked from many addresses, and one address spraying many accounts, across restarts', async () => {
  h = await harness({ trustProxy: true });
  await h.addStaff('agent@mairie.fr');
  for (let i = 0; i < 5; i++) expect((await attempt(h.web, 'agent@mairie.fr', 'mauvais', '127.0.0.1', `203.0.113.${i}`)).statusCode).toBe(401);
  const restarted = await h.restart();
  const blocked = await attempt(restarted, 'agent@mairie.fr', PASSWORD, '127.0.0.1', '198.51.100.7');
  expect(blocked.statusCode).toBe(429);
  expect(blocked.body).toContain('Trop de tentatives');

  // Spraying: 30 wrong guesses on 30 accounts from one client, then that client is refused (others are not).
  for (let i = 0; i < 30; i++) await attempt(h.web, `inconnu${i}@mairie.fr`, 'mauvais', '127.0.0.1', '192.0.2.50');
  expect((await attempt(h.web, 'autre@mairie.fr', 'mauvais', '127.0.0.1', '192.0.2.50')).statusCode).toBe(429);
  expect((await attempt(h.web, 'autre@mairie.fr', 'mauvais', '127.0.0.1', '192.0.2.51')).statusCode).toBe(401);
});

it('guesses sent at once count each other: 40 side by side on one account, 80 on as many accounts from one client', async () => {
  h = await harness();
  await h.addStaff('agent@mairie.fr');
  const guesses = await Promise.all(Array.from({ length: 40 }, (_, i) => attempt(h.web, 'agent@mairie.fr', `mauvais${i}`, `10.2.0.${i + 1}`)));
  // Checking the limit first and writing the failure after let 7 to 14 of these through.
  expect(guesses.filter((r) => r.statusCode === 401)).toHaveLength(5);
  expect(guesses.filter((r) => r.statusCode === 429)).toHaveLength(35);
  expect((await attempt(h.web, 'agent@mairie.fr', PASSWORD, '10.2.1.1')).statusCode).toBe(429);

  const spray = await Promise.all(Array.from({ length: 80 }, (_, i) => attempt(h.web, `inconnu${i}@mairie.fr`, 'mauvais', '10.3.0.1')));
  expect(spray.filter((r) => r.statusCode === 401).length).toBeLessThanOrEqual(30);
  expect(spray.filter((r) => r.statusCode === 401).length).toBeGreaterThan(0);
  expect(spray.every((r) => r.statusCode === 401 || r.statusCode === 429)).toBe(true);
});

it('a right password takes back its own attempt: signing in again and again from one office address never locks it', async () => {
  h = await harness();
  await h.addStaff('agent@mairie.fr');
  for (let i = 0; i < 35; i++) expect((await attempt(h.web, 'agent@mairie.fr', PASSWORD, '10.4.0.1')).statusCode).toBe(303);
});

it('without trustProxy, X-Forwarded-For is not believed: the address is the connection’s', async () => {
  h = await harness();
  await h.addStaff('agent@mairie.fr');
  for (let i = 0; i < 30; i++) await attempt(h.web, `x${i}@mairie.fr`, 'mauvais', '10.1.1.1', `203.0.113.${i}`);
  expect((await attempt(h.web, 'y@mairie.fr', 'mauvais', '10.1.1.1', '203.0.113.200')).statusCode).toBe(429);
});

it.each(['//evil.example/', '/\\evil.example', '/%09/evil.example/', '/%2F/evil.example', 'https://evil.example/', 'javascript:alert(1)', '/\t/evil.example', '%2F%2Fevil.example', '/%5Cevil.example', '/\u3002evil.example', '/caf\u00e9', '/a\r\nX-Evil: 1'])(
  'after sign-in, goes to a local path only (not %s)',
  async (suite) => {
    h = await harness();
    await h.addStaff('agent@mairie.fr');
    const b = h.browser();
    await b.get('/connexion');
    const res = await b.post('/connexion', { email: 'agent@mairie.fr', password: PASSWORD, suite });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/');
  },
);
