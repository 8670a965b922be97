import { afterEach, beforeEach, expect, it } from 'vitest';
import { bookChildren } from '../../src/core/bookings/bookChildren.js';
import { importFamilies } from '../../src/core/families/importFamilies.js';
import { GuardianId } from '../../src/core/ids.js';
import { isoDate } from '../../src/core/time.js';
import { addFamily } from '../support/app.js';
import { harness, type Browser, type Harness } from './support.js';

let h: Harness;
let agent: Browser;
const THU = isoDate('2026-12-03');

beforeEach(async () => {
  h = await harness();
  await h.addStaff('agent@mairie.fr');
  agent = h.browser();
  await agent.signIn('agent@mairie.fr');
});
afterEach(() => h.dispose());

const book = (childIds: number[], codes: string[]) =>
  bookChildren({ store: h.app.store, town: h.app.town }, { actor: { type: 'guardian', id: GuardianId(1) }, channel: 'telegram', now: new Date('2026-11-27T08:00:00Z'), childIds: childIds as never[], serviceCodes: codes, dates: [THU] });

it('a roll call of 1,200 families answers, page and CSV; the page lists schools and classes with their numbers, each one opens', async () => {
  h.app.town.service('canteen')!.capacity = 5_000;
  const families = Array.from({ length: 1_200 }, (_, i) => ({
    reference: `F-${String(i + 1).padStart(5, '0')}`,
    guardians: [{ name: `Parent ${i}`, email: null, phone: `06${String(i).padStart(8, '0')}` }],
    children: [{ firstName: 'Léa', lastName: `Nom${i}`, birthDate: isoDate('2018-05-04'), school: i % 2 ? 'Jules Ferry' : 'jules ferry', className: ['CM2', 'PS', 'CP', 'GS'][i % 4]!, mealType: 'standard' as const, pai: false }],
  }));
  await importFamilies({ families: h.app.families }, { families, actor: { type: 'system' }, channel: 'admin', now: new Date('2026-11-20T08:00:00Z') });
  const ids = (await h.app.db.child.findMany({ select: { id: true } })).map((c) => c.id);
  for (let i = 0; i < ids.length; i += 400) await book(ids.slice(i, i + 400), ['canteen']);

  const page = await agent.get(`/appel/canteen/${THU}`);
  expect(page.statusCode).toBe(200);
  expect(page.body).toContain('1200 enfants ce jour-là');
  // "jules ferry" and "Jules Ferry" are one school; classes in school order.
  expect(page.body.match(/<h2><a href="\/appel\/canteen\/2026-12-03\?ecole=/g)).toHaveLength(1);
  const order = ['PS', 'GS', 'CP', 'CM2'].map((c) => page.body.indexOf(`>${c}</a> — 300 inscrits`));
  expect(order.every((x, i) => x > 0 && (i === 0 || x > order[i - 1]!))).toBe(true);
  const csv = await agent.get(`/appel/canteen/${THU}.csv`);
  expect(csv.statusCode).toBe(200);
  expect(csv.body.trimEnd().split('\r\n')).toHaveLength(1_201);
  const one = await agent.get(`/appel/canteen/${THU}?ecole=${encodeURIComponent('JULES FERRY')}&classe=ps`);
  expect(one.statusCode).toBe(200);
  expect(one.body).toContain('Total : 300 inscrits');
  expect(one.body.match(/<tr id="r\d+">/g)).toHaveLength(300);
}, 120_000);

it('ticks attendance on the roll call: kept on the booking, audited, counted', async () => {
  const f = await addFamily(h.app, 'F-0001', ['Léa', 'Tom']);
  await book(f.children.map((c) => c.id), ['canteen']);
  const page = await agent.get(`/appel/canteen/${THU}`);
  const booking = await h.app.db.booking.findFirstOrThrow({ where: { childId: f.children[0]!.id, serviceCode: 'canteen', date: THU } });
  expect(page.body).toContain(`<tr id="r${booking.id}">`);
  const res = await agent.post(`/appel/canteen/${THU}/presence`, { reservation: String(booking.id), presence: 'present', retour: `/appel/canteen/${THU}` });
  expect(res.headers.location).toBe(`/appel/canteen/${THU}#r${booking.id}`);
  expect(await h.app.db.booking.findUniqueOrThrow({ where: { id: booking.id } })).toMatchObject({ attendance: 'present' });
  expect((await agent.get(`/appel/canteen/${THU}`)).body).toContain('Total : 2 inscrits — pointés : 1 présent, 0 absent.');
  expect(await h.app.db.auditEvent.count({ where: { action: 'attendance.mark' } })).toBe(1);
  // A cancelled booking cannot be ticked.
  await h.app.db.booking.update({ where: { id: booking.id }, data: { state: 'cancelled' } });
  const refused = await agent.post(`/appel/canteen/${THU}/presence`, { reservation: String(booking.id), presence: 'absent', retour: `/appel/canteen/${THU}` });
  expect((await agent.get(refused.headers.location!)).body).toContain('Cette réservation n’existe plus ou a été annulée.');
});

it('shows the PAI allergies and protocol on the roll call and the kitchen counts; the Wednesday club has its meals', async () => {
  const f = await addFamily(h.app, 'F-0001', ['Léa']);
  await h.app.db.child.update({ where: { id: f.children[0]!.id }, data: { pai: true, paiAllergens: 'arachide', paiProtocol: 'trousse dans le bureau' } });
  await book([f.children[0]!.id], ['canteen']);
  const roll = await agent.get(`/appel/canteen/${THU}`);
  expect(roll.body).toContain('allergies : <strong>arachide</strong>');
  expect(roll.body).toContain('trousse dans le bureau');
  const day = await agent.get(`/jour/${THU}`);
  expect(day.body).toContain('allergies : <strong>arachide</strong>');
  await bookChildren({ store: h.app.store, town: h.app.town }, { actor: { type: 'guardian', id: GuardianId(1) }, channel: 'telegram', now: new Date('2026-11-20T08:00:00Z'), childIds: [f.children[0]!.id], serviceCodes: ['wednesday'], dates: [isoDate('2026-12-09')] });
  expect((await agent.get('/jour/2026-12-09')).body).toMatch(/Repas — Centre de loisirs|Repas — Accueil de loisirs|Repas — [^<]*mercredi 9 décembre 2026/);
});

it('finds a family’s activity by a name, accents aside', async () => {
  await addFamily(h.app, 'F-0001', ['Léo']);
  await addFamily(h.app, 'F-0002', ['Noé']);
  const res = await agent.get('/activite?famille=leo');
  expect(res.body).toContain('Activité de 1 famille');
  expect(res.body).toContain('F-0001</a>');
  expect((await agent.get('/familles?q=LEO')).body).toContain('1 famille trouvée');
});

it('charts the month’s occupancy per service against capacity, and exports the kitchen’s week by diet', async () => {
  const f = await addFamily(h.app, 'F-0001', ['Léa', 'Tom']);
  await book(f.children.map((c) => c.id), ['canteen']);
  const month = await agent.get('/effectifs?mois=2026-12');
  expect(month.body).toContain('Occupation par service');
  expect(month.body).toMatch(/<span class="bar" role="img" aria-label="2 inscrits sur 220 places"><span class="w0"><\/span><\/span><span class="num">2 \/ 220<\/span>/);
  expect((await agent.get('/static/app.css')).body).toContain('.bar span.w50{width:50%}');
  const csv = await agent.get('/cuisine.csv?du=2026-11-30&au=2026-12-06');
  const lines = csv.body.replace(/^\uFEFF/, '').trimEnd().split('\r\n');
  expect(lines[0]).toBe('Date;Service;Standard;Sans porc;Végétarien;Total');
  expect(lines).toContain('03/12/2026;Restauration scolaire;2;0;0;2');
});

it('keeps the schools as a list: spellings outside it are shown, and an import names its unknown schools', async () => {
  await addFamily(h.app, 'F-0001', ['Léa']);
  await agent.get('/ecoles');
  await agent.post('/ecoles', { ecoles: 'Pasteur\njules ferry\nJULES FERRY\n' });
  const page = await agent.get('/ecoles');
  expect(page.body).toContain('<li>Pasteur</li>');
  expect(page.body).toMatch(/<td>Jules Ferry<\/td><td class="num">1<\/td><td>oui<\/td>/);
  await agent.get('/familles/import');
  const csv = ['famille;responsable;email;telephone;enfant;nom;naissance;ecole;classe;regime;pai', 'F-0009;Anne Roux;anne@example.fr;0611111111;Zoé;Roux;2018-01-01;Ecole Inconnue;CP;standard;non'].join('\n');
  const preview = await agent.upload('/familles/import', {}, { field: 'fichier', name: 'f.csv', content: csv });
  expect(preview.body).toContain('École(s) inconnue(s) de la liste des écoles : Ecole Inconnue.');
});
