// The day page's supervision section and its form: the adults the
// children need under the town's ratios, beside the adults staff plan.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bookChildren } from '../../src/core/bookings/bookChildren.js';
import { GuardianId } from '../../src/core/ids.js';
import { isoDate } from '../../src/core/time.js';
import { addFamily } from '../support/app.js';
import { harness, type Browser, type Harness } from './support.js';

const THU = isoDate('2026-12-03');
let h: Harness;
let agent: Browser;

/** 12 children under six and 20 of six and over, booked for the evening on Thursday (and 4 older in the morning). */
async function bookEvening(): Promise<void> {
  const ids: number[] = [];
  for (let i = 0; i < 8; i++) ids.push(...(await addFamily(h.app, `F-07${String(i).padStart(2, '0')}`, ['Léa', 'Tom', 'Ana', 'Noé'])).children.map((c) => c.id));
  await h.app.db.child.updateMany({ where: { id: { in: ids.slice(0, 12) } }, data: { birthDate: '2021-01-15' } });
  const book = (childIds: number[], code: string) =>
    bookChildren({ store: h.app.store, town: h.app.town }, { actor: { type: 'guardian', id: GuardianId(1) }, channel: 'telegram', now: new Date('2026-11-27T08:00:00Z'), childIds: childIds as never[], serviceCodes: [code], dates: [THU] });
  await book(ids, 'evening');
  await book(ids.slice(12, 16), 'morning');
}
const planned = () => h.app.db.staffPlan.findMany({ orderBy: { serviceCode: 'asc' }, select: { date: true, serviceCode: true, adults: true } });
const section = (body: string) => body.slice(body.indexOf('<h2 id="encadrement">'), body.indexOf('<h2>Par école et par classe</h2>'));

beforeEach(async () => {
  h = await harness();
  await h.addStaff('agent@mairie.fr', { role: 'agent' });
  await h.addStaff('admin@mairie.fr');
  agent = h.browser();
  await agent.signIn('agent@mairie.fr');
});
afterEach(() => h.dispose());

describe('the day page', () => {
  it('shows per service the children by age group and the adults needed, with the rule in words; the canteen has no ratios', async () => {
    await bookEvening();
    const page = await agent.get(`/jour/${THU}`);
    expect(page.statusCode).toBe(200);
    const s = section(page.body);
    expect(s).toContain('<th scope="row" data-label="Service">Garderie du soir</th>');
    expect(s).toMatch(/data-label="Moins de 6 ans">12</);
    expect(s).toMatch(/data-label="6 ans et plus">20</);
    // 12 ÷ 10 + 20 ÷ 14 = 2,63 → 3 adults at the ordinary ratios.
    expect(s).toContain('<strong>3</strong> <span class="muted">(12 ÷ 10 + 20 ÷ 14 = 2,63 → 3 ; 1 adulte pour 10 enfants de moins de 6 ans, pour 14 de 6 ans et plus)</span>');
    expect(s).toContain('<strong>1</strong> <span class="muted">(4 ÷ 14 = 0,29 → 1');
    expect(s).toContain('Adultes prévus pas encore saisis : Garderie du matin, Garderie du soir.');
    expect(s).toContain('on additionne les parts et on arrondit à l’adulte supérieur');
    expect(s).toContain('à vérifier par la commune');
    expect(s).toContain('Sans taux d’encadrement dans ce fichier : Restauration scolaire');
    // No PEDT in the town file: no PEDT column.
    expect(s).not.toContain('avec le PEDT');
    expect(s).toContain(`<form method="post" action="/jour/${THU}/encadrement"`);
  });

  it('counts those ticked present once the roll call is taken', async () => {
    await bookEvening();
    const absent = await h.app.db.booking.findMany({ where: { serviceCode: 'evening', date: THU, child: { birthDate: '2021-01-15' } }, orderBy: { id: 'asc' }, take: 6 });
    await agent.get(`/appel/evening/${THU}`);
    for (const b of absent) await agent.post(`/appel/evening/${THU}/presence`, { reservation: String(b.id), presence: 'absent', retour: `/appel/evening/${THU}` });
    const s = section((await agent.get(`/jour/${THU}`)).body);
    expect(s).toContain('selon l’appel');
    expect(s).toMatch(/data-label="Moins de 6 ans">6</);
    expect(s).toContain('6 ÷ 10 + 20 ÷ 14 = 2,03 → 3');
  });

  it('with a PEDT, shows both needs and compares the planned adults with the PEDT’s', async () => {
    h.app.town.config.supervision!.pedt = true;
    await bookEvening();
    await agent.get(`/jour/${THU}`);
    await agent.post(`/jour/${THU}/encadrement`, { service: 'evening', adultes: '2' });
    const s = section((await agent.get(`/jour/${THU}`)).body);
    expect(s).toContain('Adultes requis avec le PEDT');
    expect(s).toContain('<strong>2</strong> <span class="muted">(12 ÷ 14 + 20 ÷ 18 = 1,97 → 2 ; 1 adulte pour 14 enfants de moins de 6 ans, pour 18 de 6 ans et plus)</span>');
    expect(s).not.toContain('Encadrement insuffisant');
    expect(s).toContain('comparé aux taux du PEDT');
  });
});

describe('the adults planned', () => {
  it('an agent enters them: stored, audited, shown, with a warning while fewer than needed', async () => {
    await bookEvening();
    await agent.get(`/jour/${THU}`);
    const res = await agent.post(`/jour/${THU}/encadrement`, { service: 'evening', adultes: ' 2 ' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/jour/${THU}#encadrement`);
    expect(await planned()).toEqual([{ date: THU, serviceCode: 'evening', adults: 2 }]);
    let page = await agent.get(`/jour/${THU}`);
    expect(page.body).toContain('Encadrement enregistré : Garderie du soir, jeudi 3 décembre 2026 — 2 adultes prévus.');
    expect(section(page.body)).toContain('<strong>Garderie du soir : il manque 1 adulte</strong> — 2 prévus, 3 requis (taux ordinaires).');
    expect(section(page.body)).toContain('<strong class="state-absent">2 (il en manque 1)</strong>');
    expect(section(page.body)).toContain('value="2" required');

    await agent.post(`/jour/${THU}/encadrement`, { service: 'evening', adultes: '3' });
    page = await agent.get(`/jour/${THU}`);
    expect(page.body).toContain('3 adultes prévus (au lieu de 2).');
    expect(section(page.body)).not.toContain('Encadrement insuffisant');
    expect(section(page.body)).toContain('Adultes prévus pas encore saisis : Garderie du matin.');

    const audit = await h.app.db.auditEvent.findMany({ where: { action: 'staff_plan.set' }, orderBy: { id: 'asc' } });
    expect(audit.map((a) => [a.actorType, a.channel, a.before && JSON.parse(a.before).adults, JSON.parse(a.after!).adults])).toEqual([
      ['staff', 'web', null, 2],
      ['staff', 'web', 2, 3],
    ]);
    const activity = await agent.get('/activite');
    expect(activity.body).toContain('Encadrement prévu (adultes) saisi');
  });

  it('an administrateur may too; signed out, nothing is written', async () => {
    const admin = h.browser();
    await admin.signIn('admin@mairie.fr');
    await admin.get(`/jour/${THU}`);
    expect((await admin.post(`/jour/${THU}/encadrement`, { service: 'morning', adultes: '0' })).headers.location).toBe(`/jour/${THU}#encadrement`);
    expect(await planned()).toEqual([{ date: THU, serviceCode: 'morning', adults: 0 }]);
    const stranger = h.browser();
    await stranger.get('/connexion');
    const res = await stranger.post(`/jour/${THU}/encadrement`, { service: 'morning', adultes: '5' });
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toMatch(/^\/connexion/);
    expect(await planned()).toEqual([{ date: THU, serviceCode: 'morning', adults: 0 }]);
  });

  it('refuses a form without the session’s CSRF token, writing nothing', async () => {
    await agent.get(`/jour/${THU}`);
    for (const token of ['', 'not-the-token']) {
      const res = await agent.post(`/jour/${THU}/encadrement`, { _csrf: token, service: 'evening', adultes: '4' });
      expect(res.statusCode).toBe(403);
      expect(res.body).toContain('Ce formulaire n’est plus valable');
    }
    expect(await planned()).toEqual([]);
  });

  it.each([
    ['abc', 'nombre d’adultes prévus « abc » invalide. Indiquez un nombre entier de 0 à 200.'],
    ['201', '« 201 » invalide'],
    ['-1', '« -1 » invalide'],
    ['2.5', '« 2.5 » invalide'],
    ['1e2', '« 1e2 » invalide'],
    ['', 'nombre d’adultes prévus invalide. Indiquez un nombre entier de 0 à 200.'],
  ])('refuses « %s » with a clear French error, writing nothing', async (value, message) => {
    await agent.get(`/jour/${THU}`);
    const res = await agent.post(`/jour/${THU}/encadrement`, { service: 'evening', adultes: value });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/jour/${THU}#encadrement`);
    const page = await agent.get(`/jour/${THU}`);
    expect(page.body).toContain('<div class="flash error" role="alert"><p><strong>Rien n’a été enregistré : ');
    expect(page.body).toContain(message);
    expect(await planned()).toEqual([]);
  });

  it('refuses an unknown service, a day the service does not run, and a date that is not one', async () => {
    await agent.get(`/jour/${THU}`);
    await agent.post(`/jour/${THU}/encadrement`, { service: 'sieste', adultes: '2' });
    expect((await agent.get(`/jour/${THU}`)).body).toContain('Rien n’a été enregistré : service inconnu.');
    await agent.post('/jour/2026-12-02/encadrement', { service: 'evening', adultes: '2' });
    expect((await agent.get('/jour/2026-12-02')).body).toContain('Rien n’a été enregistré : ce service ne fonctionne pas ce jour-là.');
    expect((await agent.post('/jour/2026-13-45/encadrement', { service: 'evening', adultes: '2' })).statusCode).toBe(404);
    expect(await planned()).toEqual([]);
  });
});
