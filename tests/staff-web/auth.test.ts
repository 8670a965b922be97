import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { harness, PASSWORD, type Harness } from './support.js';

let h: Harness;

beforeEach(async () => {
  h = await harness();
});
afterEach(() => h.dispose());

describe('signing in', () => {
  it('signs an agent in with the right password, in an HttpOnly SameSite=Lax cookie, and shows who is signed in', async () => {
    await h.addStaff('agent@mairie.fr');
    const b = h.browser();
    const page = await b.get('/connexion');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Connexion des agents');
    const res = await b.post('/connexion', { email: 'Agent@Mairie.fr ', password: PASSWORD });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/');
    const cookie = String(res.headers['set-cookie']);
    // The attributes, in any order (@fastify/cookie writes them).
    expect(cookie).toMatch(/^pf_session=[^;]+;/);
    expect(cookie.split('; ')).toEqual(expect.arrayContaining(['Path=/', 'HttpOnly', 'SameSite=Lax']));
    expect(cookie).not.toContain('Secure');
    const home = await b.get('/');
    expect(home.statusCode).toBe(200);
    expect(home.body).toContain('agent@mairie.fr');
    expect(home.body).toContain('Se déconnecter');
  });

  it('marks the cookie Secure behind an HTTPS proxy (X-Forwarded-Proto: https)', async () => {
    await h.addStaff('agent@mairie.fr');
    const b = h.browser();
    await b.get('/connexion', { 'x-forwarded-proto': 'https' });
    const res = await b.post('/connexion', { email: 'agent@mairie.fr', password: PASSWORD }, { 'x-forwarded-proto': 'https' });
    const cookie = String(res.headers['set-cookie']);
    expect(cookie.split('; ')).toEqual(expect.arrayContaining(['HttpOnly', 'SameSite=Lax', 'Secure']));
    expect(cookie).toMatch(/; Max-Age=\d+;/);
  });

  it('goes back to the page asked for before signing in, and never to another site', async () => {
    await h.addStaff('agent@mairie.fr');
    const b = h.browser();
    const first = await b.get('/familles?q=martin');
    expect(first.statusCode).toBe(302);
    expect(first.headers.location).toBe(`/connexion?suite=${encodeURIComponent('/familles?q=martin')}`);
    await b.get(first.headers.location!);
    const res = await b.post('/connexion', { email: 'agent@mairie.fr', password: PASSWORD, suite: '/familles?q=martin' });
    expect(res.headers.location).toBe('/familles?q=martin');
    const other = h.browser();
    await other.get('/connexion');
    const evil = await other.post('/connexion', { email: 'agent@mairie.fr', password: PASSWORD, suite: '//evil.example/' });
    expect(evil.headers.location).toBe('/');
  });

  it('refuses a wrong password or an unknown email with the same French message', async () => {
    await h.addStaff('agent@mairie.fr');
    const b = h.browser();
    const wrong = await b.signIn('agent@mairie.fr', 'pas le bon');
    expect(wrong.statusCode).toBe(401);
    expect(wrong.body).toContain('Adresse email ou mot de passe incorrect.');
    const unknown = await b.signIn('personne@mairie.fr', PASSWORD);
    expect(unknown.statusCode).toBe(401);
    expect(unknown.body).toContain('Adresse email ou mot de passe incorrect.');
    expect((await b.get('/')).statusCode).toBe(302);
  });

  it('says how to create the first account when there is none', async () => {
    const page = await h.browser().get('/connexion');
    expect(page.body).toContain('npm run admin -- staff-add');
  });
});

describe('rate limit', () => {
  it('refuses a sixth attempt within 15 minutes after five failures for the same email and address, even with the right password', async () => {
    await h.addStaff('agent@mairie.fr');
    const b = h.browser();
    for (let i = 0; i < 5; i++) expect((await b.signIn('agent@mairie.fr', `faux ${i}`)).statusCode).toBe(401);
    const blocked = await b.signIn('agent@mairie.fr', PASSWORD);
    expect(blocked.statusCode).toBe(429);
    expect(blocked.body).toMatch(/Trop de tentatives de connexion pour ce compte : réessayez dans 15 minutes\./);
    // Another account from the same address is not blocked.
    await h.addStaff('autre@mairie.fr');
    expect((await b.signIn('autre@mairie.fr', PASSWORD)).statusCode).toBe(303);
    // Fifteen minutes after the first failure, the account can sign in again.
    h.clock.set(new Date(h.clock.now().getTime() + 15 * 60_000 + 1_000));
    expect((await h.browser().signIn('agent@mairie.fr', PASSWORD)).statusCode).toBe(303);
  });
});

describe('CSRF', () => {
  it('refuses a form posted without the session’s token, or with another one, with a French 403 page, and changes nothing', async () => {
    await h.addStaff('agent@mairie.fr');
    const b = h.browser();
    await b.signIn('agent@mairie.fr');
    await b.get('/calendrier');
    const none = await b.post('/calendrier/fermetures', { _csrf: '', date: '2026-12-03', service: '', motif: 'grève' });
    expect(none.statusCode).toBe(403);
    expect(none.body).toContain('Action refusée');
    expect(none.body).toContain('Rechargez la page');
    const forged = await b.post('/calendrier/fermetures', { _csrf: 'x'.repeat(32), date: '2026-12-03', service: '', motif: 'grève' });
    expect(forged.statusCode).toBe(403);
    // Another agent's token is not this session's.
    await h.addStaff('autre@mairie.fr');
    const other = h.browser();
    await other.signIn('autre@mairie.fr');
    await other.get('/calendrier');
    expect((await b.post('/calendrier/fermetures', { _csrf: other.csrf, date: '2026-12-03', service: '', motif: 'grève' })).statusCode).toBe(403);
    expect(await h.app.db.closure.count()).toBe(0);
    expect((await b.post('/calendrier/fermetures', { date: '2026-12-03', service: '', motif: 'grève' })).statusCode).toBe(303);
    expect(await h.app.db.closure.count()).toBe(1);
  });

  it('protects the sign-in form too: no session cookie, no sign-in', async () => {
    await h.addStaff('agent@mairie.fr');
    const b = h.browser();
    const res = await b.post('/connexion', { _csrf: 'anything', email: 'agent@mairie.fr', password: PASSWORD });
    expect(res.statusCode).toBe(403);
  });

  it('refuses a multipart upload without the token', async () => {
    await h.addStaff('agent@mairie.fr');
    const b = h.browser();
    await b.signIn('agent@mairie.fr');
    b.csrf = 'wrong';
    const res = await b.upload('/familles/import', {}, { field: 'fichier', name: 'f.csv', content: 'x' });
    expect(res.statusCode).toBe(403);
  });
});

describe('forced password change', () => {
  it('sends a new account to the password page until it has chosen its own, then ends the sessions of the old password', async () => {
    await h.addStaff('nouveau@mairie.fr', { mustChangePassword: true });
    const b = h.browser();
    const res = await b.signIn('nouveau@mairie.fr');
    expect(res.headers.location).toBe('/mot-de-passe');
    const elsewhere = h.browser();
    await elsewhere.signIn('nouveau@mairie.fr');
    for (const url of ['/', '/familles', '/activite']) {
      const page = await b.get(url);
      expect(page.statusCode).toBe(302);
      expect(page.headers.location).toBe('/mot-de-passe');
    }
    const form = await b.get('/mot-de-passe');
    expect(form.body).toContain('Choisissez votre mot de passe');
    const mismatch = await b.post('/mot-de-passe', { current: PASSWORD, next: 'un nouveau mot de passe', confirmation: 'un autre mot de passe' });
    expect(mismatch.statusCode).toBe(400);
    expect(mismatch.body).toContain('Les deux saisies du nouveau mot de passe sont différentes.');
    const short = await b.post('/mot-de-passe', { current: PASSWORD, next: 'court', confirmation: 'court' });
    expect(short.body).toContain('au moins 12 caractères');
    const wrong = await b.post('/mot-de-passe', { current: 'pas le bon', next: 'un nouveau mot de passe', confirmation: 'un nouveau mot de passe' });
    expect(wrong.body).toContain('Le mot de passe actuel est incorrect.');
    const ok = await b.post('/mot-de-passe', { current: PASSWORD, next: 'un nouveau mot de passe', confirmation: 'un nouveau mot de passe' });
    expect(ok.statusCode).toBe(303);
    expect(ok.headers.location).toBe('/');
    const home = await b.get('/');
    expect(home.statusCode).toBe(200);
    expect(home.body).toContain('Mot de passe enregistré.');
    expect((await h.app.db.staffUser.findUniqueOrThrow({ where: { email: 'nouveau@mairie.fr' } })).mustChangePassword).toBe(false);
    // The session opened with the old password is over.
    expect((await elsewhere.get('/')).statusCode).toBe(302);
    expect((await h.browser().signIn('nouveau@mairie.fr', 'un nouveau mot de passe')).headers.location).toBe('/');
    const audit = await h.app.db.auditEvent.findFirst({ where: { action: 'staff.password_change' } });
    expect(audit?.channel).toBe('web');
  });
});

describe('signing out', () => {
  it('ends the session: the next page asks to sign in again, and the old cookie no longer works', async () => {
    await h.addStaff('agent@mairie.fr');
    const b = h.browser();
    await b.signIn('agent@mairie.fr');
    await b.get('/');
    const oldCookie = b.cookies.get('pf_session')!;
    const out = await b.post('/deconnexion', {});
    expect(out.statusCode).toBe(303);
    expect(out.headers.location).toBe('/connexion');
    const login = await b.get('/connexion');
    expect(login.body).toContain('Vous êtes déconnecté.');
    expect((await b.get('/')).statusCode).toBe(302);
    const replay = await h.web.inject({ method: 'GET', url: '/', headers: { cookie: `pf_session=${oldCookie}` } });
    expect(replay.statusCode).toBe(302);
  });

  it('refuses a session cookie whose signature was tampered with', async () => {
    await h.addStaff('agent@mairie.fr');
    const b = h.browser();
    await b.signIn('agent@mairie.fr');
    const [body, mac] = b.cookies.get('pf_session')!.split('.') as [string, string];
    const forged = Buffer.from(JSON.stringify(['nonce', h.clock.now().getTime(), 1, 'x'])).toString('base64url');
    expect((await h.web.inject({ method: 'GET', url: '/', headers: { cookie: `pf_session=${forged}.${mac}` } })).statusCode).toBe(302);
    expect((await h.web.inject({ method: 'GET', url: '/', headers: { cookie: `pf_session=${body}.${mac}` } })).statusCode).toBe(200);
  });
});
