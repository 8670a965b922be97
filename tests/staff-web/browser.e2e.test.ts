/**
 * The staff dashboard in a real browser: headless Debian Chromium (driven by
 * playwright-core) against the real staff web listening on 127.0.0.1, on a
 * real SQLite test app, the clock pinned to Tuesday 1 December 2026, 09:00
 * in Paris (tomorrow is Wednesday 2: only the Wednesday club runs).
 *
 * One browser for the file, a fresh context (cookies, storage) per test.
 * Screenshots of the main pages go to test-output/screenshots/ (the folder is
 * printed once by the harness).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Cookie, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { bookChildren } from '../../src/core/bookings/bookChildren.js';
import { countHeadcount } from '../../src/core/bookings/countHeadcount.js';
import { reportAbsence } from '../../src/core/bookings/reportAbsence.js';
import { GuardianId } from '../../src/core/ids.js';
import type { FamilyRecord } from '../../src/core/ports.js';
import { isoDate } from '../../src/core/time.js';
import { CHROMIUM_MISSING, emulatePrint, launchBrowser, printToPdf, requireChromium, screenshot } from '../support/browser.js';
import { addFamily, CSV_HEADER } from '../support/app.js';
import { AGENT, dbSnapshot, newPage, PASSWORD, rowCounts, signIn, startLiveWeb, submit, WAIT, type LiveWeb } from './browserSupport.js';

const chromiumBin = requireChromium();

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/csv');
const TODAY = isoDate('2026-12-01');
const TOMORROW = isoDate('2026-12-02');
/** Long before every deadline of December: bookings made "by the family" through the core. */
const EARLY = new Date('2026-11-27T08:00:00Z');

const title = 'staff dashboard in headless Chromium';

describe.skipIf(!chromiumBin)(chromiumBin ? title : `${title} (skipped: ${CHROMIUM_MISSING})`, () => {
  let live: LiveWeb;
  let url = '';
  let browser: Browser | undefined;
  let context: BrowserContext | undefined;
  let page: Page;
  /** The agent's session cookie, from one sign-in through the form (the sign-in tests sign in themselves). */
  let agentSession: Cookie[] = [];

  const newContext = () => browser!.newContext({ locale: 'fr-FR', timezoneId: 'Europe/Paris', viewport: { width: 1200, height: 900 } });

  beforeAll(async () => {
    live = await startLiveWeb({ botUsername: 'ChatenoyBot' });
    url = live.url;
    // Headless Chromium draws <input type="date"> as mm/dd/yyyy whatever the context's locale: the screenshots show that, agents' browsers in French show jj/mm/aaaa.
    browser = await launchBrowser();
    const first = await newContext();
    try {
      const res = await signIn(await newPage(first), url);
      if (res.status() !== 303) throw new Error(`the agent could not sign in (${res.status()})`);
      agentSession = (await first.cookies()).filter((c) => c.name === 'pf_session');
      if (agentSession.length !== 1) throw new Error('no session cookie after signing in');
    } finally {
      await first.close();
    }
  });

  afterAll(async () => {
    await browser?.close();
    await live?.close();
  });

  beforeEach(async () => {
    context = await newContext();
    page = await newPage(context);
  });

  afterEach(async () => {
    await context?.close();
    context = undefined;
  });

  const h = () => live.h;
  /** This test's fresh context gets the signed-in agent's session. */
  const asAgent = () => context!.addCookies(agentSession);
  const bookAsFamily = (family: FamilyRecord, childIds: number[], serviceCodes: string[], dates: string[]) =>
    bookChildren(
      { store: h().app.store, town: h().app.town },
      { actor: { type: 'guardian', id: GuardianId(family.guardians[0]!.id) }, channel: 'telegram', now: EARLY, childIds: childIds as never[], serviceCodes, dates: dates.map(isoDate) },
    );
  /** The text of each cell of a table row (its header cell aside). */
  const cells = (row: ReturnType<Page['locator']>) => row.locator('td').allInnerTexts();

  it('signs in through the labelled form and lands on the home page with its headings', async () => {
    const res = await signIn(page, url);
    expect(res.status()).toBe(303);
    expect(page.url()).toBe(`${url}/`);
    expect(await page.title()).toBe('Effectifs — Portail Famille');
    expect(await page.getByRole('heading', { level: 1, name: 'Effectifs' }).isVisible()).toBe(true);
    expect(await page.getByRole('heading', { level: 2, name: 'Aujourd’hui — mardi 1er décembre 2026' }).isVisible()).toBe(true);
    expect(await page.getByRole('heading', { level: 2, name: 'Demain — mercredi 2 décembre 2026' }).isVisible()).toBe(true);
    expect(await page.getByRole('heading', { level: 2, name: 'Cuisine' }).isVisible()).toBe(true);
    expect(await page.getByRole('heading', { level: 2, name: 'Semaine du lundi 30 novembre 2026' }).isVisible()).toBe(true);
    const nav = page.getByRole('navigation', { name: 'Navigation principale' });
    expect(await nav.isVisible()).toBe(true);
    expect(await nav.getByRole('link', { name: 'Effectifs' }).getAttribute('aria-current')).toBe('page');
    expect(await page.getByText(AGENT).isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: 'Se déconnecter' }).isVisible()).toBe(true);
    await screenshot(page, 'staff-home');
  });

  it('refuses a wrong password with a French message, staying on the sign-in page', async () => {
    const res = await signIn(page, url, AGENT, 'pas le bon mot de passe');
    expect(res.status()).toBe(401);
    expect(new URL(page.url()).pathname).toBe('/connexion');
    expect(await page.getByRole('heading', { level: 1, name: 'Connexion des agents' }).isVisible()).toBe(true);
    const alert = page.getByRole('alert');
    expect(await alert.innerText()).toContain('Adresse email ou mot de passe incorrect.');
    // The email typed is kept, the password is not.
    expect(await page.getByLabel('Adresse email').inputValue()).toBe(AGENT);
    expect(await page.getByLabel('Mot de passe').inputValue()).toBe('');
    expect(await page.getByRole('navigation', { name: 'Navigation principale' }).count()).toBe(0);
    // Still signed out: the home page sends back to the sign-in page.
    await page.goto(`${url}/`);
    expect(new URL(page.url()).pathname).toBe('/connexion');
  });

  it('signs in with the keyboard only (Tab, typing, Enter); every form field has an accessible label', async () => {
    await page.goto(`${url}/connexion`);
    // The first Tab reaches the skip link.
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement && document.activeElement.textContent')).toBe('Aller au contenu');
    let focused = '';
    for (let i = 0; i < 10 && focused !== 'email'; i++) {
      await page.keyboard.press('Tab');
      focused = String(await page.evaluate('document.activeElement && document.activeElement.id'));
    }
    expect(focused).toBe('email');
    await page.keyboard.type(AGENT);
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement.id')).toBe('password');
    await page.keyboard.type(PASSWORD);
    const res = await submit(page, '/connexion', () => page.keyboard.press('Enter'));
    expect(res.status()).toBe(303);
    expect(page.url()).toBe(`${url}/`);
    expect(await page.getByRole('heading', { level: 1, name: 'Effectifs' }).isVisible()).toBe(true);

    // Labels found by their text name the right fields.
    const family = await addFamily(h().app, 'F-0301', ['Mathis']);
    await page.goto(`${url}/familles`);
    expect(await page.getByLabel(/^Rechercher/).getAttribute('id')).toBe('q');
    await page.goto(`${url}/familles/${family.id}`);
    expect(await page.getByLabel('Du', { exact: true }).getAttribute('name')).toBe('du');
    expect(await page.getByLabel('Au (inclus)').getAttribute('name')).toBe('au');
    expect(await page.getByLabel('Mathis').getAttribute('name')).toBe('enfant');
    expect(await page.getByLabel('Restauration scolaire').getAttribute('value')).toBe('canteen');
    expect(await page.getByLabel(/Passer outre le délai/).getAttribute('name')).toBe('derogation');
    await page.goto(`${url}/essai?famille=F-0301`);
    expect(await page.getByLabel('Message du parent').evaluate((el) => (el as unknown as { tagName: string }).tagName)).toBe('TEXTAREA');

    // No visible control without a label, on every page with forms.
    const unlabelled = `[...document.querySelectorAll('input, select, textarea')]
      .filter((el) => el.type !== 'hidden' && !el.hidden && el.getClientRects().length > 0)
      .filter((el) => el.labels.length === 0 && !el.getAttribute('aria-label') && !el.getAttribute('aria-labelledby'))
      .map((el) => el.outerHTML)`;
    for (const p of ['/', `/familles/${family.id}`, `/familles/${family.id}/modifier`, '/familles/import', '/familles', '/calendrier', '/activite', '/essai?famille=F-0301', `/appel/canteen/${TODAY}`]) {
      await page.goto(`${url}${p}`);
      expect(await page.evaluate(unlabelled), p).toEqual([]);
    }
  });

  it('refuses a form whose CSRF token was tampered with or removed, with a French 403 page, writing nothing', async () => {
    const family = await addFamily(h().app, 'F-0302', ['Garance']);
    await asAgent();
    await page.goto(`${url}/familles/${family.id}`);
    await page.getByLabel('Restauration scolaire').check();
    await page.getByLabel('Du', { exact: true }).fill('2026-12-03');
    await page.getByLabel('Au (inclus)').fill('2026-12-03');
    await page.evaluate(`document.querySelector('form[action$="/reservations"] input[name="_csrf"]').value = 'jeton-falsifie'`);
    const before = await rowCounts(h());
    const forged = await submit(page, '/reservations', () => page.getByRole('button', { name: 'Appliquer' }).click());
    expect(forged.status()).toBe(403);
    expect(await page.getByRole('heading', { level: 1, name: 'Action refusée' }).isVisible()).toBe(true);
    expect(await page.locator('main').innerText()).toContain('Ce formulaire n’est plus valable');
    expect(await page.title()).toBe('Action refusée — Portail Famille');

    // The closure form, its token removed (its confirmation accepted).
    await page.goto(`${url}/calendrier`);
    await page.getByLabel('Jour', { exact: true }).fill('2026-12-10');
    await page.getByLabel('Motif (dit aux familles)').fill('grève');
    await page.evaluate(`document.querySelector('form[action="/calendrier/fermetures"] input[name="_csrf"]').remove()`);
    page.once('dialog', (d) => void d.accept());
    const removed = await submit(page, '/calendrier/fermetures', () => page.getByRole('button', { name: 'Fermer ce jour' }).click());
    expect(removed.status()).toBe(403);
    expect(await page.getByRole('heading', { level: 1, name: 'Action refusée' }).isVisible()).toBe(true);
    expect(await page.getByRole('link', { name: 'Retour' }).getAttribute('href')).toBe('/');
    expect(await rowCounts(h())).toEqual(before);
  });

  it('searches a family by a child’s name and opens its page', async () => {
    await addFamily(h().app, 'F-0303', ['Capucine', 'Anatole']);
    await asAgent();
    await page.goto(`${url}/`);
    await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Familles' }).click();
    await page.waitForURL(`${url}/familles`, { timeout: WAIT.navigation });
    await page.getByLabel(/^Rechercher/).fill('capucine');
    await page.getByRole('button', { name: 'Rechercher', exact: true }).click();
    await page.waitForURL(`${url}/familles?q=capucine`, { timeout: WAIT.navigation });
    expect(await page.getByRole('status').innerText()).toBe('1 famille trouvée pour « capucine ».');
    const rows = page.getByRole('table', { name: 'Familles trouvées' }).locator('tbody tr');
    expect(await rows.count()).toBe(1);
    expect(await rows.first().innerText()).toContain('Capucine NomF-0303');
    await rows.first().getByRole('link', { name: 'F-0303' }).click();
    await page.waitForURL(/\/familles\/\d+$/, { timeout: WAIT.navigation });
    expect(await page.getByRole('heading', { level: 1, name: 'Famille F-0303' }).isVisible()).toBe(true);
    expect(await page.getByRole('rowheader', { name: 'Capucine NomF-0303' }).isVisible()).toBe(true);
    expect(await page.getByRole('rowheader', { name: 'Parent F-0303' }).isVisible()).toBe(true);
    expect(await page.getByRole('table', { name: 'Réservations de décembre 2026' }).isVisible()).toBe(true);
    await screenshot(page, 'staff-family');
  });

  it('activates a guardian and shows the printable letter with the code and the QR code', async () => {
    const family = await addFamily(h().app, 'F-0304', ['Léonie']);
    const guardian = family.guardians[0]!;
    await asAgent();
    await page.goto(`${url}/familles/${family.id}`);
    const res = await submit(page, `/responsables/${guardian.id}/code`, () => page.getByRole('button', { name: 'Émettre un code pour Parent F-0304' }).click());
    expect(res.status()).toBe(200);
    expect(await page.getByRole('heading', { level: 1, name: 'Votre accès au Portail Famille' }).isVisible()).toBe(true);
    const code = (await page.locator('.letter .code').innerText()).trim();
    expect(code).toMatch(/^[A-Z2-9]{8}$/);
    const link = `https://t.me/ChatenoyBot?start=${code}`;
    const qr = page.getByRole('img', { name: `Code QR du lien Telegram ${link}` });
    expect(await qr.isVisible()).toBe(true);
    const box = (await qr.boundingBox())!;
    expect(box.width).toBeGreaterThan(100);
    expect(Math.abs(box.width - box.height)).toBeLessThan(2);
    expect(await page.getByRole('link', { name: link }).isVisible()).toBe(true);
    expect(await page.getByRole('status').innerText()).toContain('Code émis pour Parent F-0304');
    expect(await h().app.db.activationCode.count({ where: { guardianId: guardian.id } })).toBe(1);
    expect((await h().app.families.byId(family.id))!.guardians[0]!.accessState).toBe('code_sent');
    await screenshot(page, 'staff-letter');

    // Printed, the letter keeps its code and QR code; the buttons, navigation and message go.
    await emulatePrint(page);
    expect(await page.locator('.letter .code').isVisible()).toBe(true);
    expect(await qr.isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: 'Imprimer la lettre' }).isVisible()).toBe(false);
    expect(await page.locator('header.site').isVisible()).toBe(false);
    expect(await page.getByRole('status').isVisible()).toBe(false);
    await screenshot(page, 'staff-letter-print');
  });

  it('imports a CSV: a wrong file shows its errors line by line and writes nothing; a good one is previewed, then imported once confirmed', async () => {
    await asAgent();
    await page.goto(`${url}/familles`);
    await page.getByRole('link', { name: 'Importer un fichier CSV' }).click();
    await page.waitForURL(`${url}/familles/import`, { timeout: WAIT.navigation });
    const before = await rowCounts(h());
    const fileField = () => page.getByLabel(/^Fichier CSV/);

    await fileField().setInputFiles(path.join(FIXTURES, 'families-errors.csv'));
    const bad = await submit(page, '/familles/import', () => page.getByRole('button', { name: 'Vérifier le fichier' }).click());
    expect(bad.status()).toBe(422);
    expect(await page.getByRole('alert').innerText()).toMatch(/Fichier refusé : \d+ erreurs?\. Rien n’a été importé\./);
    const errors = page.getByRole('table', { name: 'Erreurs, ligne par ligne' }).locator('tbody tr');
    expect(await errors.count()).toBeGreaterThan(1);
    for (const row of await errors.all()) {
      const [line, message] = await cells(row);
      expect(Number(line)).toBeGreaterThanOrEqual(2);
      expect(Number(line)).toBeLessThanOrEqual(4);
      expect(message!.length).toBeGreaterThan(0);
    }
    expect(await rowCounts(h())).toEqual(before);
    expect(await h().app.db.family.count({ where: { reference: { in: ['F-0002', 'F-0003'] } } })).toBe(0);

    const good = [
      CSV_HEADER,
      'F-0401;Claire Moreau;claire.moreau@example.fr;0611111111;Élise;Moreau;2018-03-14;Jules Ferry;CE1;standard;non',
      'F-0401;Claire Moreau;claire.moreau@example.fr;0611111111;Hugo;Moreau;2020-09-02;Jules Ferry;GS;sans_porc;oui',
      'F-0402;Karim Haddad;karim.haddad@example.fr;0622222222;Lina;Haddad;2017-05-05;Pasteur;CM1;vegetarien;non',
    ].join('\n');
    await fileField().setInputFiles({ name: 'familles.csv', mimeType: 'text/csv', buffer: Buffer.from(good, 'utf8') });
    const preview = await submit(page, '/familles/import', () => page.getByRole('button', { name: 'Vérifier le fichier' }).click());
    expect(preview.status()).toBe(200);
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Importer des familles : vérification');
    const summary = await page.getByRole('status').innerText();
    expect(summary).toContain('Fichier valide (UTF-8) : 2 famille(s) sur 3 ligne(s). Rien n’est encore enregistré.');
    expect(summary).toContain('Familles : 2 créée(s), 0 mise(s) à jour, 0 inchangée(s).');
    expect(summary).toContain('Enfants : 3 créé(s), 0 mis à jour.');
    const content = page.getByRole('table', { name: 'Contenu du fichier' });
    expect(await content.getByRole('rowheader', { name: 'F-0401 (nouvelle)' }).isVisible()).toBe(true);
    expect(await content.innerText()).toContain('Hugo Moreau, né(e) le 02/09/2020, Jules Ferry GS, Sans porc, PAI');
    expect(await rowCounts(h())).toEqual(before);
    await screenshot(page, 'staff-import-preview');

    const confirmed = await submit(page, '/familles/import/confirmer', () => page.getByRole('button', { name: 'Confirmer l’import' }).click());
    expect(confirmed.status()).toBe(303);
    expect(new URL(page.url()).pathname).toBe('/familles');
    expect(await page.getByRole('status').first().innerText()).toContain('Import terminé : 2 famille(s) lue(s).');
    const after = await rowCounts(h());
    expect(after.families - before.families).toBe(2);
    expect(after.guardians - before.guardians).toBe(2);
    expect(after.children - before.children).toBe(3);
    const f401 = (await h().app.families.byReference('F-0401'))!;
    expect(f401.children.map((c) => `${c.firstName} ${c.mealType} ${c.pai}`)).toEqual(['Élise standard false', 'Hugo sans_porc true']);
    const audit = await h().app.db.auditEvent.findFirstOrThrow({ where: { action: 'family.create', familyId: f401.id } });
    expect(audit).toMatchObject({ actorType: 'staff', channel: 'web' });
  });

  it('shows on the home page the headcounts of bookings made through the core for tomorrow', async () => {
    const a = await addFamily(h().app, 'F-0305', ['Jade', 'Noah']);
    const b = await addFamily(h().app, 'F-0306', ['Rose']);
    await asAgent();
    await page.goto(`${url}/`);
    const tomorrowSection = page.locator('section[aria-labelledby="demain"]');
    const wednesdayRow = () => tomorrowSection.getByRole('row', { name: /^Accueil de loisirs du mercredi/ });
    const shown = async () => (await cells(wednesdayRow())).slice(0, 4).map((c) => c.trim());
    const core = async () => {
      const row = (await countHeadcount({ store: h().app.store, town: h().app.town }, { from: TOMORROW, to: TOMORROW })).find((r) => r.serviceCode === 'wednesday')!;
      return [row.booked, row.capacity, row.absent, row.waiting].map(String);
    };
    const start = await core();
    expect(await shown()).toEqual(start);

    await bookAsFamily(a, a.children.map((c) => c.id), ['wednesday'], [TOMORROW]);
    await bookAsFamily(b, [b.children[0]!.id], ['wednesday'], [TOMORROW]);
    await reportAbsence(
      { store: h().app.store, town: h().app.town },
      { actor: { type: 'guardian', id: GuardianId(a.guardians[0]!.id) }, channel: 'telegram', now: h().clock.now(), childIds: [a.children[1]!.id], serviceCodes: ['wednesday'], dates: [TOMORROW], reason: 'malade' },
    );
    await page.reload({ waitUntil: 'load', timeout: WAIT.navigation });
    const expected = await core();
    expect(Number(expected[0]) - Number(start[0])).toBe(3);
    expect(Number(expected[2]) - Number(start[2])).toBe(1);
    expect(await shown()).toEqual(expected);
    expect(await tomorrowSection.getByRole('heading', { level: 2 }).innerText()).toBe('Demain — mercredi 2 décembre 2026');
    // Tomorrow is a Wednesday: the canteen does not run; the kitchen cooks for the Wednesday club.
    expect(await tomorrowSection.getByRole('row', { name: /^Restauration scolaire/ }).count()).toBe(0);
    const kitchen = await page.getByRole('region', { name: 'Cuisine demain' }).innerText();
    expect(kitchen).toContain('Repas — Centre de loisirs');
    expect(kitchen).not.toContain('Restauration scolaire');
    // The week's table agrees: "inscrits / capacité".
    const week = page.getByRole('table', { name: 'Inscrits / capacité par jour et par service' });
    expect(await week.getByRole('row', { name: /^Mer\. 02\/12/i }).innerText()).toContain(`${expected[0]} / ${expected[1]}`);
  });

  it('prints a roll call: navigation and buttons hidden, the list visible; and prints it to a PDF', async () => {
    const f = await addFamily(h().app, 'F-0307', ['Zélie', 'Basile']);
    await bookAsFamily(f, f.children.map((c) => c.id), ['canteen'], ['2026-12-03']);
    await asAgent();
    await page.goto(`${url}/appel/canteen/2026-12-03`);
    const heading = page.getByRole('heading', { level: 1, name: 'Liste d’appel — Restauration scolaire — jeudi 3 décembre 2026' });
    expect(await heading.isVisible()).toBe(true);
    const nav = page.getByRole('navigation', { name: 'Navigation principale' });
    const print = page.getByRole('button', { name: 'Imprimer', exact: true });
    const zelie = page.getByRole('row').filter({ hasText: 'Zélie' });
    expect(await nav.isVisible()).toBe(true);
    expect(await print.isVisible()).toBe(true);
    expect(await zelie.isVisible()).toBe(true);

    await emulatePrint(page);
    expect(await nav.isVisible()).toBe(false);
    expect(await print.isVisible()).toBe(false);
    expect(await page.locator('header.site').isVisible()).toBe(false);
    expect(await page.getByRole('link', { name: 'Télécharger (CSV)' }).isVisible()).toBe(false);
    expect(await heading.isVisible()).toBe(true);
    expect(await zelie.isVisible()).toBe(true);
    expect(await page.getByRole('row').filter({ hasText: 'Basile' }).isVisible()).toBe(true);
    expect(await zelie.innerText()).toMatch(/NomF-0307\s+Zélie\s+CE1\s+Standard/);
    await screenshot(page, 'staff-roll-call-print');

    const pdfFile = await printToPdf(page, 'staff-web/appel-canteen-2026-12-03.pdf');
    const pdf = fs.readFileSync(pdfFile);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.length).toBeGreaterThan(5_000);
    await page.emulateMedia({ media: 'screen' });
    expect(await nav.isVisible()).toBe(true);
  });

  it('overrides a deadline from the family page, and the activity log shows the override', async () => {
    const f = await addFamily(h().app, 'F-0308', ['Maël']);
    await asAgent();
    await page.goto(`${url}/familles/${f.id}`);
    const book = async (override: boolean) => {
      // One child: already ticked.
      expect(await page.getByLabel('Maël').isChecked()).toBe(true);
      await page.getByLabel('Restauration scolaire').check();
      await page.getByLabel('Du', { exact: true }).fill(TODAY);
      await page.getByLabel('Au (inclus)').fill(TODAY);
      expect(await page.getByLabel('Réserver', { exact: true }).isChecked()).toBe(true);
      if (override) await page.getByLabel(/Passer outre le délai/).check();
      const res = await submit(page, '/reservations', () => page.getByRole('button', { name: 'Appliquer' }).click());
      expect(res.status()).toBe(303);
      expect(new URL(page.url()).pathname).toBe(`/familles/${f.id}`);
    };
    // Today's canteen closed for booking on Monday at 10:00.
    await book(false);
    const refused = await page.getByRole('alert').innerText();
    expect(refused).toContain('Rien n’a changé :');
    expect(refused).toContain('trop tard');
    expect(await h().app.db.booking.count({ where: { childId: f.children[0]!.id } })).toBe(0);

    await book(true);
    expect(await page.getByRole('status').first().innerText()).toContain('Demande appliquée :');
    expect(await page.getByRole('table', { name: 'Réservations de décembre 2026' }).getByRole('cell', { name: /^1\s+Cantine/ }).isVisible()).toBe(true);
    const row = await h().app.db.booking.findFirstOrThrow({ where: { childId: f.children[0]!.id } });
    expect(`${row.serviceCode} ${row.date} ${row.state}`).toBe(`canteen ${TODAY} booked`);

    await page.getByRole('link', { name: 'Activité de la famille' }).click();
    await page.waitForURL(`${url}/activite?famille=F-0308`, { timeout: WAIT.navigation });
    expect(await page.getByRole('heading', { level: 1, name: 'Activité' }).isVisible()).toBe(true);
    const override = page.getByRole('table', { name: 'Journal d’activité' }).getByRole('row').filter({ hasText: 'Réservation — hors délai (dérogation)' });
    expect(await override.count()).toBe(1);
    const text = await override.innerText();
    expect(text).toContain(`Agent ${AGENT}`);
    expect(text).toContain('Maël NomF-0308 — Cantine — réservé : mar. 01/12');
    expect(text).toContain('F-0308');
    const audit = await h().app.db.auditEvent.findFirstOrThrow({ where: { familyId: f.id, actorType: 'staff' } });
    expect(audit).toMatchObject({ action: 'booking.book.override', channel: 'web' });
    await screenshot(page, 'staff-activity');
  });

  it('tries the assistant for a chosen family: shows the interpretation and the answer, and writes nothing', async () => {
    const f = await addFamily(h().app, 'F-0309', ['Léa', 'Tom']);
    await asAgent();
    await page.goto(`${url}/`);
    await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Essayer l’assistant' }).click();
    await page.waitForURL(`${url}/essai`, { timeout: WAIT.navigation });
    await page.getByLabel(/^Famille \(nom/).fill('Parent F-0309');
    await page.getByRole('button', { name: 'Chercher', exact: true }).click();
    await page.waitForURL(`${url}/essai?q=Parent+F-0309`, { timeout: WAIT.navigation });
    await page.getByRole('link', { name: 'Parent F-0309', exact: true }).click();
    await page.waitForURL(`${url}/essai?famille=F-0309`, { timeout: WAIT.navigation });
    await page.getByLabel('Message écrit par').selectOption(String(f.guardians[0]!.id));
    await page.getByLabel('Message du parent').fill('Léa mange à la cantine jeudi et vendredi');
    const before = await dbSnapshot(h());
    const res = await submit(page, '/essai', () => page.getByRole('button', { name: 'Commencer la conversation' }).click());
    expect(res.status()).toBe(200);
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Essai — Parent F-0309, famille F-0309');
    const understood = page.getByRole('table', { name: /^Ce que l’assistant comprend/ });
    expect(await cells(understood.getByRole('row', { name: /^Réserver/ }))).toEqual(['Léa', 'Cantine', 'jeu. 03/12, ven. 04/12', '']);
    expect(await page.locator('pre.reply').innerText()).toContain('✅ Léa : cantine réservée le jeudi 3 décembre et le vendredi 4 décembre');
    expect(await page.getByRole('heading', { level: 2, name: 'Changements faits dans le bac à sable' }).isVisible()).toBe(true);
    expect(await page.getByRole('table', { name: 'Changements' }).innerText()).toContain('Léa NomF-0309 — Cantine — réservé : jeu. 03/12, ven. 04/12');
    expect(await page.getByRole('button', { name: 'Appliquer pour de vrai' }).isVisible()).toBe(true);
    await screenshot(page, 'staff-try-it');
    const undone = await submit(page, '/essai/bouton', () => page.getByRole('button', { name: 'Défaire' }).click());
    expect(undone.status()).toBe(200);
    expect(await page.locator('pre.reply').last().innerText()).toContain('↩️ Défait :');
    expect(await dbSnapshot(h())).toBe(before);
    expect(await h().app.db.booking.count({ where: { childId: { in: f.children.map((c) => c.id) } } })).toBe(0);
  });
});
