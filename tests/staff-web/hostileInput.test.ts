/**
 * Input an attacker (or a stray link) sends that no page of ours does, over
 * real HTTP on loopback: Node itself refuses some of it in a response header
 * (fastify's `inject` does not), and some of it once looped forever and
 * brought the whole process down. Never a 5xx, and the server goes on.
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { addFamily } from '../support/app.js';
import { AGENT, PASSWORD, startLiveWeb, type LiveWeb } from './browserSupport.js';

let live: LiveWeb;
beforeEach(async () => {
  live = await startLiveWeb();
});
afterEach(() => live.close());

/** A cookie jar over fetch, reading each page's CSRF token. */
class Client {
  private cookies = new Map<string, string>();
  csrf = '';

  async send(method: string, path: string, body?: string, contentType = 'application/x-www-form-urlencoded') {
    const res = await fetch(live.url + path, {
      method,
      redirect: 'manual',
      headers: { cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '), ...(body === undefined ? {} : { 'content-type': contentType }) },
      body,
    });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const eq = pair!.indexOf('=');
      this.cookies.set(pair!.slice(0, eq), pair!.slice(eq + 1));
    }
    const text = await res.text();
    const m = /name="_csrf" value="([^"]*)"/.exec(text);
    if (m) this.csrf = m[1]!;
    return { status: res.status, location: res.headers.get('location'), text };
  }

  get(path: string) {
    return this.send('GET', path);
  }

  post(path: string, form: Record<string, string>) {
    return this.send('POST', path, new URLSearchParams({ _csrf: this.csrf, ...form }).toString());
  }

  async signIn(suite?: string) {
    await this.get(`/connexion${suite === undefined ? '' : `?suite=${encodeURIComponent(suite)}`}`);
    return this.post('/connexion', { email: AGENT, password: PASSWORD, ...(suite === undefined ? {} : { suite }) });
  }
}

it('a return path a Location header cannot carry goes to the page’s own fallback, never a 500', async () => {
  // A link to the sign-in page with a full-width dot: signing in used to answer 500.
  for (const suite of ['/\u3002evil.example', '/caf\u00e9', '/a\r\nSet-Cookie: x=1']) {
    const res = await new Client().signIn(suite);
    expect(res.status).toBe(303);
    expect(res.location).toBe('/');
  }
  const agent = new Client();
  await agent.signIn();
  await agent.get('/appel/canteen/2026-12-03');
  const tick = await agent.post('/appel/canteen/2026-12-03/presence', { reservation: '0', presence: 'present', retour: '/appel\u3002x' });
  expect(tick.status).toBe(303);
  expect(tick.location).toBe('/appel/canteen/2026-12-03');
  await agent.get('/attente');
  for (const retour of ['/attente\u3002x', '/attente\r\nX-Evil: 1', '/attente\u00e9']) {
    const res = await agent.post('/attente/promouvoir', { enfant: '', date: '', service: '', retour });
    expect(res.status).toBe(303);
    expect(res.location).toBe('/attente');
  }
  // Our own return paths still work, accented school names included (percent-encoded).
  const back = '/appel/canteen/2026-12-03?ecole=%C3%89cole+Pasteur';
  expect((await agent.post('/appel/canteen/2026-12-03/presence', { reservation: '0', presence: 'present', retour: back })).location).toBe(back);
});

it('dates at the end of the calendar: 9999-12-31 is no page, and no form of it loops (the process used to die)', async () => {
  const family = await addFamily(live.h.app, 'F-0001', ['Léa']);
  const agent = new Client();
  await agent.signIn();
  expect((await agent.get('/jour/9999-12-31')).status).toBe(404);
  expect((await agent.get('/appel/canteen/9999-12-31')).status).toBe(404);
  expect((await agent.get('/appel/canteen/9999-12-31.csv')).status).toBe(404);
  for (const path of [`/familles/${family.id}?mois=9999-12`, '/effectifs?mois=9999-12', '/attente?date=9999-12-31', '/jour?date=9999-12-31', '/effectifs.csv?du=9999-12-31&au=9999-12-31']) {
    expect((await agent.get(path)).status).toBeLessThan(400);
  }
  await agent.get(`/familles/${family.id}`);
  const child = String(family.children[0]!.id);
  const book = await agent.post(`/familles/${family.id}/reservations`, { action: 'reserver', enfant: child, service: 'canteen', du: '9999-12-31', au: '9999-12-31' });
  expect(book.status).toBe(303);
  const absence = await agent.post(`/familles/${family.id}/absences`, { enfant: child, service: 'canteen', date: '9999-12-31' });
  expect(absence.status).toBe(303);
  // Still serving.
  expect((await agent.get('/')).status).toBe(200);
  expect(await live.h.app.db.booking.count()).toBe(0);
});

it('an upload that is not the multipart it says is a 400, not a 500', async () => {
  const agent = new Client();
  await agent.signIn();
  await agent.get('/familles/import');
  const res = await agent.send('POST', '/familles/import', '--x\r\nbroken', 'multipart/form-data; boundary=x');
  expect(res.status).toBe(400);
  expect(res.text).toContain('Demande refusée');
  expect((await agent.get('/familles/import')).status).toBe(200);
});
