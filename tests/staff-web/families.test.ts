import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bookChildren } from '../../src/core/bookings/bookChildren.js';
import { GuardianId } from '../../src/core/ids.js';
import { isoDate } from '../../src/core/time.js';
import { addFamily, CSV_HEADER } from '../support/app.js';
import { harness, type Browser, type Harness } from './support.js';

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/csv');

let h: Harness;
let agent: Browser;

beforeEach(async () => {
  h = await harness();
  await h.addStaff('agent@mairie.fr');
  agent = h.browser();
  await agent.signIn('agent@mairie.fr');
});
afterEach(() => h.dispose());

async function rowCounts() {
  return { families: await h.app.db.family.count(), guardians: await h.app.db.guardian.count(), children: await h.app.db.child.count(), audit: await h.app.db.auditEvent.count() };
}

describe('search', () => {
  it('finds a family by a guardian’s or a child’s name (accents and case aside), an email, a phone or its reference', async () => {
    await addFamily(h.app, 'F-0001', ['Léa', 'Tom']);
    await addFamily(h.app, 'F-0002', ['Noé']);
    const found = async (q: string) => [...(await agent.get(`/familles?q=${encodeURIComponent(q)}`)).body.matchAll(/<th scope="row"><a href="\/familles\/\d+">([^<]+)<\/a>/g)].map((m) => m[1]);
    expect(await found('LEA')).toEqual(['F-0001']);
    expect(await found('noe')).toEqual(['F-0002']);
    expect(await found('parent-f-0002@example.fr')).toEqual(['F-0002']);
    expect(await found('Parent F-0001')).toEqual(['F-0001']);
    expect(await found('06 12 34 56 78')).toEqual(['F-0001', 'F-0002']);
    expect(await found('personne')).toEqual([]);
    expect((await agent.get('/familles?q=personne')).body).toContain('0 famille trouvée pour « personne »');
    expect(await found('')).toEqual(['F-0001', 'F-0002']);
  });
});

describe('a family’s page', () => {
  it('shows guardians with their access, children with school, class, meal and PAI, and the month’s bookings as a calendar', async () => {
    const f = await addFamily(h.app, 'F-0001', ['Léa', 'Tom']);
    await h.app.db.guardian.update({ where: { id: f.guardians[0]!.id }, data: { accessState: 'active', telegramChatId: '42' } });
    await h.app.db.guardian.create({ data: { familyId: f.id, name: 'Marc Martin', email: 'marc@example.fr', accessState: 'code_sent' } });
    await h.app.db.guardian.create({ data: { familyId: f.id, name: 'Julie Martin', email: 'julie@example.fr', accessState: 'active' } });
    await h.app.db.guardian.create({ data: { familyId: f.id, name: 'Paul Martin' } });
    await bookChildren(
      { store: h.app.store, town: h.app.town },
      { actor: { type: 'guardian', id: GuardianId(f.guardians[0]!.id) }, channel: 'telegram', now: new Date('2026-11-27T08:00:00Z'), childIds: [f.children[0]!.id], serviceCodes: ['canteen'], dates: [isoDate('2026-12-03')] },
    );
    const page = await agent.get(`/familles/${f.id}?mois=2026-12`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<h1>Famille F-0001</h1>');
    const access = (name: string) => new RegExp(`<th scope="row">${name}</th>.*?<td>(lié à Telegram|code envoyé|actif par email|non activé)</td>`, 's').exec(page.body)?.[1];
    expect(access('Parent F-0001')).toBe('lié à Telegram');
    expect(access('Marc Martin')).toBe('code envoyé');
    expect(access('Julie Martin')).toBe('actif par email');
    expect(access('Paul Martin')).toBe('non activé');
    expect(page.body).toMatch(/<th scope="row">Léa NomF-0001<\/th><td>14\/03\/2018<\/td><td>Jules Ferry<\/td><td>CE1<\/td><td>Standard<\/td><td>non<\/td>/);
    expect(page.body).toContain('Réservations de décembre 2026');
    expect(page.body).toMatch(/<span class="day">3<\/span>\s*<ul><li class="state-booked">Léa : Cantine<\/li><\/ul>/);
    expect(page.body).toMatch(/<span class="day">21<\/span> <span class="muted">vacances<\/span>/);
  });
});

describe('adding and editing a family by hand', () => {
  it('shows every mistake next to its field and writes nothing, then creates the family once corrected', async () => {
    await agent.get('/familles/nouvelle');
    const before = await rowCounts();
    const bad = await agent.post('/familles', {
      reference: 'F-0100',
      g0_name: '',
      g0_email: 'pas-un-email',
      g0_phone: '12',
      c0_firstName: 'Léa',
      c0_lastName: 'Martin',
      c0_birthDate: '31/02/2018',
      c0_school: 'Jules Ferry',
      c0_className: 'CE1',
      c0_mealType: 'standard',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Rien n’a été enregistré : 4 erreurs à corriger.');
    expect(bad.body).toContain('le nom du responsable est obligatoire');
    expect(bad.body).toContain('email invalide « pas-un-email »');
    expect(bad.body).toContain('date de naissance invalide « 31/02/2018 »');
    expect(bad.body).toMatch(/id="g0_email-err">email invalide.*?<input type="email" id="g0_email" name="g0_email" value="pas-un-email" aria-invalid="true" aria-describedby="g0_email-err">/s);
    expect(await rowCounts()).toEqual(before);
    const ok = await agent.post('/familles', {
      reference: 'F-0100',
      g0_name: 'Claire Martin',
      g0_email: 'Claire@Example.fr',
      g0_phone: '06 12 34 56 78',
      c0_firstName: 'Léa',
      c0_lastName: 'Martin',
      c0_birthDate: '14/03/2018',
      c0_school: 'Jules Ferry',
      c0_className: 'CE1',
      c0_mealType: 'vegetarien',
      c0_pai: '1',
    });
    expect(ok.statusCode).toBe(303);
    const family = (await h.app.families.byReference('F-0100'))!;
    expect(ok.headers.location).toBe(`/familles/${family.id}`);
    expect(family.guardians).toMatchObject([{ name: 'Claire Martin', email: 'claire@example.fr', phone: '0612345678' }]);
    expect(family.children).toMatchObject([{ firstName: 'Léa', birthDate: '2018-03-14', mealType: 'vegetarien', pai: true }]);
    expect((await agent.get(ok.headers.location!)).body).toContain('Famille F-0100 créée.');
    // A reference taken is refused.
    const twice = await agent.post('/familles', { reference: 'F-0100', g0_name: 'X' });
    expect(twice.body).toContain('la référence F-0100 existe déjà');
  });

  it('edits a guardian and a child in place, adds a second guardian, and records what changed', async () => {
    const f = await addFamily(h.app, 'F-0001', ['Léa']);
    const form = await agent.get(`/familles/${f.id}/modifier`);
    expect(form.body).toContain('value="Parent F-0001"');
    const res = await agent.post(`/familles/${f.id}`, {
      g0_id: String(f.guardians[0]!.id),
      g0_name: 'Claire Martin',
      g0_email: f.guardians[0]!.email!,
      g0_phone: '',
      g1_name: 'Marc Martin',
      g1_email: 'marc@example.fr',
      g1_phone: '',
      c0_id: String(f.children[0]!.id),
      c0_firstName: 'Léa',
      c0_lastName: 'NomF-0001',
      c0_birthDate: '14/03/2018',
      c0_school: 'Pasteur',
      c0_className: 'CE2',
      c0_mealType: 'sans_porc',
    });
    expect(res.statusCode).toBe(303);
    const after = (await h.app.families.byId(f.id))!;
    expect(after.guardians.map((g) => g.name)).toEqual(['Claire Martin', 'Marc Martin']);
    expect(after.children[0]).toMatchObject({ id: f.children[0]!.id, school: 'Pasteur', className: 'CE2', mealType: 'sans_porc' });
    const activity = await agent.get(`/activite?famille=F-0001`);
    expect(activity.body).toContain('Famille modifiée');
    expect(activity.body).toContain('école : Pasteur');
  });
});

describe('CSV import', () => {
  it('shows every wrong line and writes nothing; then previews a good file, still writing nothing, and imports it once confirmed', async () => {
    await agent.get('/familles/import');
    const before = await rowCounts();
    const bad = await agent.upload('/familles/import', {}, { field: 'fichier', name: 'familles.csv', content: fs.readFileSync(path.join(FIXTURES, 'families-errors.csv')) });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('Rien n’a été importé.');
    expect(bad.body).toMatch(/<tr><td class="num">\d+<\/td><td>[^<]+<\/td><\/tr>/);
    expect(await rowCounts()).toEqual(before);

    const good = [CSV_HEADER, 'F-0001;Claire Martin;claire@example.fr;0612345678;Léa;Martin;2018-03-14;Jules Ferry;CE1;standard;non', 'F-0001;Claire Martin;claire@example.fr;0612345678;Tom;Martin;2020-09-02;Jules Ferry;GS;sans_porc;oui'].join('\n');
    const preview = await agent.upload('/familles/import', {}, { field: 'fichier', name: 'familles.csv', content: good });
    expect(preview.statusCode).toBe(200);
    expect(preview.body).toContain('Fichier valide (UTF-8) : 1 famille(s) sur 2 ligne(s). Rien n’est encore enregistré.');
    expect(preview.body).toContain('Familles : 1 créée(s), 0 mise(s) à jour, 0 inchangée(s).');
    expect(preview.body).toContain('Enfants : 2 créé(s), 0 mis à jour.');
    expect(await rowCounts()).toEqual(before);

    const csv = /<textarea name="csv" hidden aria-hidden="true">([\s\S]*?)<\/textarea>/.exec(preview.body)![1]!.replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
    const done = await agent.post('/familles/import/confirmer', { csv });
    expect(done.statusCode).toBe(303);
    expect((await agent.get('/familles')).body).toContain('Import terminé : 1 famille(s) lue(s).');
    expect(await h.app.db.child.count()).toBe(2);
    const audit = await h.app.db.auditEvent.findFirst({ where: { action: 'family.create' } });
    expect(audit).toMatchObject({ actorType: 'staff', channel: 'web' });
  });

  it('reads a file saved by Excel in Windows-1252', async () => {
    await agent.get('/familles/import');
    const latin1 = Buffer.from([CSV_HEADER, 'F-0009;Hélène Noël;h@example.fr;;Zoé;Noël;2018-03-14;Jules Ferry;CE1;végétarien;non'].join('\r\n'), 'latin1');
    const preview = await agent.upload('/familles/import', {}, { field: 'fichier', name: 'familles.csv', content: latin1 });
    expect(preview.body).toContain('Fichier valide (Windows-1252)');
    expect(preview.body).toContain('Hélène Noël');
  });
});
