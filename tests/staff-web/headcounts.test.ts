import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bookChildren } from '../../src/core/bookings/bookChildren.js';
import { countHeadcount } from '../../src/core/bookings/countHeadcount.js';
import { reportAbsence } from '../../src/core/bookings/reportAbsence.js';
import { importFamilies } from '../../src/core/families/importFamilies.js';
import { parseFamiliesCsv } from '../../src/core/families/parseFamiliesCsv.js';
import { GuardianId, type ChildId } from '../../src/core/ids.js';
import { isoDate, type IsoDate } from '../../src/core/time.js';
import { CSV_HEADER } from '../support/app.js';
import { harness, type Browser, type Harness } from './support.js';

let h: Harness;
let agent: Browser;

/** Wednesday 2 December 2026, 09:00 in Paris: tomorrow is Thursday 3. */
const WED = new Date('2026-12-02T08:00:00Z');
const THU = isoDate('2026-12-03');

const CSV = [
  CSV_HEADER,
  'F-0001;Claire Martin;claire@example.fr;0611111111;Léa;Martin;2018-03-14;Jules Ferry;CE1;standard;non',
  'F-0001;Claire Martin;claire@example.fr;0611111111;Tom;Martin;2020-09-02;Jules Ferry;GS;sans_porc;oui',
  'F-0002;Paul Durand;paul@example.fr;0622222222;Noé;Durand;2017-05-05;Pasteur;CM1;vegetarien;non',
  'F-0003;Anne Petit;anne@example.fr;+33633333333;Inès;Petit;2017-06-06;Pasteur;CM1;standard;oui',
].join('\n');

beforeAll(async () => {
  h = await harness();
  h.clock.set(WED);
  const parsed = parseFamiliesCsv(CSV, '2026-11-28' as IsoDate);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  await importFamilies({ families: h.app.families }, { families: parsed.families, actor: { type: 'system' }, channel: 'admin', now: WED });
  // Evening care holds two: the third child waits.
  h.app.town.service('evening')!.capacity = 2;
  const children = await h.app.db.child.findMany({ orderBy: { id: 'asc' } });
  const ids = children.map((c) => c.id as ChildId);
  const book = (childIds: ChildId[], codes: string[]) =>
    bookChildren({ store: h.app.store, town: h.app.town }, { actor: { type: 'guardian', id: GuardianId(1) }, channel: 'telegram', now: WED, childIds, serviceCodes: codes, dates: [THU] });
  await book(ids, ['canteen']);
  await book(ids.slice(0, 3), ['evening']);
  // Noé is ill after the cancellation deadline: an absence, kept.
  await reportAbsence({ store: h.app.store, town: h.app.town }, { actor: { type: 'guardian', id: GuardianId(2) }, channel: 'telegram', now: new Date('2026-12-02T10:00:00Z'), childIds: [ids[2]!], serviceCodes: ['canteen'], dates: [THU], reason: 'malade' });
  await h.addStaff('agent@mairie.fr');
  agent = h.browser();
  await agent.signIn('agent@mairie.fr');
});
afterAll(() => h.dispose());

/** The cells of the table row whose header is `label`. */
function row(page: string, label: string): string[] {
  const m = new RegExp(`<th scope="row">${label}</th>(.*?)</tr>`, 's').exec(page);
  if (!m) throw new Error(`no row ${label}`);
  return [...m[1]!.matchAll(/<td[^>]*>(.*?)<\/td>/gs)].map((c) => c[1]!.replace(/<[^>]+>/g, '').trim());
}

describe('headcounts', () => {
  it('shows tomorrow’s numbers per service exactly as the core counts them', async () => {
    const core = await countHeadcount({ store: h.app.store, town: h.app.town }, { from: THU, to: THU });
    const home = await agent.get('/');
    expect(home.body).toContain('Demain — jeudi 3 décembre 2026');
    const tomorrow = home.body.slice(home.body.indexOf('id="demain"'));
    const canteen = core.find((r) => r.serviceCode === 'canteen')!;
    const evening = core.find((r) => r.serviceCode === 'evening')!;
    expect([canteen.booked, canteen.absent, canteen.waiting]).toEqual([4, 1, 0]);
    expect([evening.booked, evening.capacity, evening.waiting]).toEqual([2, 2, 1]);
    expect(row(tomorrow, 'Restauration scolaire').slice(0, 4)).toEqual(['4', '220', '1', '0']);
    expect(row(tomorrow, 'Garderie du soir').slice(0, 4)).toEqual(['2', '2', '0', '1']);
    expect(row(tomorrow, 'Garderie du matin').slice(0, 4)).toEqual(['0', '60', '0', '0']);
    // Today is a Wednesday: only the Wednesday club runs.
    const today = home.body.slice(home.body.indexOf('id="aujourdhui"'), home.body.indexOf('id="demain"'));
    expect(today).toContain('Accueil de loisirs du mercredi');
    expect(today).not.toContain('Restauration scolaire');
  });

  it('gives the kitchen its meals by type, absent children aside, and names the children with a PAI', async () => {
    const day = await agent.get(`/jour/${THU}`);
    expect(row(day.body, 'Standard')).toEqual(['2', '0']);
    expect(row(day.body, 'Sans porc')).toEqual(['1', '0']);
    expect(row(day.body, 'Végétarien')).toEqual(['0', '1']);
    expect(row(day.body, 'Total')).toEqual(['3', '1']);
    const pai = day.body.slice(day.body.indexOf('Enfants avec un PAI'));
    expect(pai).toContain('Tom Martin');
    expect(pai).toContain('Inès Petit');
    expect(pai).not.toContain('Léa Martin');
  });

  it('counts per school and class', async () => {
    const day = await agent.get(`/jour/${THU}`);
    const table = day.body.slice(day.body.indexOf('Inscrits par école et par classe'));
    expect(table).toMatch(/<td>Pasteur<\/td><th scope="row">CM1<\/th><td class="num">2 <span class="muted">\(1 abs\.\)<\/span><\/td>/);
    expect(table).toMatch(/<td>Jules Ferry<\/td><th scope="row">CE1<\/th><td class="num">1<\/td><td class="num">0<\/td><td class="num">1<\/td><\/tr>/);
  });

  it('shows the week and the month', async () => {
    const home = await agent.get('/');
    expect(home.body).toContain('Semaine du lundi 30 novembre 2026');
    expect(home.body).toContain('4 / 220');
    const month = await agent.get('/effectifs?mois=2026-12');
    expect(month.body).toContain('Effectifs de décembre 2026');
    expect(month.body).toMatch(/2 \/ 2 <span class="muted">.*?<\/span>|2 \/ 2 <span class="state-waiting">\+1 en attente<\/span>/);
  });

  it('prints a roll call per service and day: children, class, guardian phone, absences marked; navigation hidden in print', async () => {
    const page = await agent.get(`/appel/canteen/${THU}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Liste d’appel — Restauration scolaire — jeudi 3 décembre 2026');
    expect(page.body).toContain('Total : 4 inscrits, 1 absence signalée — pointés : 0 présent, 0 absent.');
    expect(page.body).toMatch(/<td data-label="Nom">Durand<\/td><td data-label="Prénom">Noé<\/td><td data-label="Classe">CM1<\/td><td data-label="Régime">Végétarien<\/td><td data-label="PAI"><\/td><td data-label="Téléphone"><a href="tel:0622222222">0622222222<\/a><\/td><td data-label="Remarque"><span class="state-absent">Absence signalée : malade<\/span>/);
    expect(page.body.indexOf('<h2>Jules Ferry')).toBeLessThan(page.body.indexOf('<h2>Pasteur'));
    expect(page.body).toContain('data-print');
    const css = (await agent.get('/static/app.css')).body;
    expect(css).toMatch(/@media print\{\s*header\.site,nav,footer,\.no-print,form,\.skip,\.flash/);
  });

  it('exports the roll call as CSV for Excel: UTF-8 with a BOM, ; separated', async () => {
    const res = await agent.get(`/appel/canteen/${THU}.csv`);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="appel-canteen-2026-12-03.csv"');
    expect(res.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const lines = res.body.replace(/^\uFEFF/, '').trimEnd().split('\r\n');
    expect(lines[0]).toBe('Date;Service;École;Classe;Nom;Prénom;Régime;PAI;Allergies (PAI);Protocole (PAI);Téléphones;État;Présence;Famille');
    expect(lines).toHaveLength(5);
    expect(lines).toContain('03/12/2026;Restauration scolaire;Pasteur;CM1;Petit;Inès;Standard;oui;;;+33 6 33 33 33 33;réservé;;F-0003');
    expect(lines).toContain('03/12/2026;Restauration scolaire;Pasteur;CM1;Durand;Noé;Végétarien;non;;;06 22 22 22 22;absent (à décider);;F-0002');
  });

  it('writes the roll call CSV exactly, free text quoted, the same when a name holds a separator of its packed form', async () => {
    const ines = await h.app.db.child.findFirstOrThrow({ where: { firstName: 'Inès' } });
    const before = { lastName: ines.lastName, paiAllergens: ines.paiAllergens, paiProtocol: ines.paiProtocol };
    await h.app.db.child.update({ where: { id: ines.id }, data: { paiAllergens: 'arachides; "fruits à coque"', paiProtocol: '=trousse en classe' } });
    const booking = await h.app.db.booking.findFirstOrThrow({ where: { childId: ines.id, serviceCode: 'canteen', date: THU } });
    await h.app.db.booking.update({ where: { id: booking.id }, data: { attendance: 'present' } });
    try {
      const lines = async () => (await agent.get(`/appel/canteen/${THU}.csv`)).body.replace(/^\uFEFF/, '').trimEnd().split('\r\n');
      const packed = await lines();
      expect(packed).toHaveLength(5);
      expect(packed).toContain(`03/12/2026;Restauration scolaire;Pasteur;CM1;Petit;Inès;Standard;oui;"arachides; ""fruits à coque""";'=trousse en classe;+33 6 33 33 33 33;réservé;présent;F-0003`);
      // A unit separator in a name (the database allows it): the rows are read one by one, the file is the same but for that name.
      await h.app.db.child.update({ where: { id: ines.id }, data: { lastName: 'Pe\u001ftit' } });
      const byRows = await lines();
      expect(byRows).toEqual(packed.map((l) => l.replace(';Petit;', ';Pe\u001ftit;')));
    } finally {
      await h.app.db.child.update({ where: { id: ines.id }, data: before });
      await h.app.db.booking.update({ where: { id: booking.id }, data: { attendance: null } });
    }
  });

  it('exports headcounts over a period as CSV', async () => {
    const res = await agent.get(`/effectifs.csv?du=2026-12-03&au=2026-12-03`);
    const lines = res.body.replace(/^\uFEFF/, '').trimEnd().split('\r\n');
    expect(lines).toEqual([
      'Date;Service;Inscrits;dont absents;Capacité;Liste d’attente',
      '03/12/2026;Restauration scolaire;4;1;220;0',
      '03/12/2026;Garderie du matin;0;0;60;0',
      '03/12/2026;Garderie du soir;2;0;2;1',
    ]);
    expect((await agent.get('/effectifs.csv?du=2026-12-03&au=2026-01-01')).statusCode).toBe(400);
  });
});
