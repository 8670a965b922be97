// The staff pages as pure functions: data in, HTML out, no database, no
// clock. What staff must read is there, escaped; empty lists say so.
import { describe, expect, it } from 'vitest';
import { loadTownConfig } from '../../../src/config/town.js';
import type { HeadcountRow } from '../../../src/core/bookings/countHeadcount.js';
import { ChildId, FamilyId, GuardianId } from '../../../src/core/ids.js';
import type { FamilyRecord } from '../../../src/core/ports.js';
import { isoDate } from '../../../src/core/time.js';
import { Town } from '../../../src/core/town.js';
import { activityPage } from '../../../src/staff-web/views/activity.js';
import { familyPage, familySearchPage } from '../../../src/staff-web/views/families.js';
import { dayPage, homePage, kitchenForecastCsv, monthPage } from '../../../src/staff-web/views/headcounts.js';
import { rollCallPage } from '../../../src/staff-web/views/rollCall.js';
import { pickPage } from '../../../src/staff-web/views/tryIt.js';
import { waitingListPage } from '../../../src/staff-web/views/waitingList.js';
import { html } from '../../../src/staff-web/html.js';

const town = new Town(loadTownConfig());
const EVIL = '<script>alert("x")</script>';
const TUESDAY = isoDate('2026-12-01');
const MONDAY = isoDate('2026-12-07');
const CLOSED = isoDate('2026-12-08');

const family: FamilyRecord = {
  id: FamilyId(7),
  reference: 'F-<b>7</b>',
  guardians: [{ id: GuardianId(70), familyId: FamilyId(7), name: EVIL, email: 'evil@example.fr', phone: null, language: 'fr', telegramChatId: null, accessState: 'inactive' }],
  children: [{ id: ChildId(71), familyId: FamilyId(7), firstName: EVIL, lastName: 'Nom', birthDate: isoDate('2018-01-01'), school: '<i>École</i>', className: 'CE1', mealType: 'standard', pai: true }],
};

const month = (closures: { date: typeof CLOSED; serviceCode: string | null; reason: string }[] = []) => ({
  month: '2026-12',
  from: isoDate('2026-12-01'),
  to: isoDate('2026-12-31'),
  rows: [],
  calendar: town.calendar.withClosures(closures),
  day: TUESDAY,
});

const noKitchen = (date: typeof TUESDAY) => ({ date, services: [] });

describe('a hostile family name', () => {
  it('is escaped on the family page, in the search results and in "try it", never run as markup', () => {
    const page = familyPage(town, { family, bookings: month(), csrf: 'token' });
    const search = familySearchPage({ q: EVIL, total: 1, hits: [{ id: 7, reference: family.reference, guardians: [{ name: EVIL, email: null, phone: null }], children: [{ firstName: EVIL, lastName: 'Nom', className: 'CE1' }] }] });
    const tryIt = pickPage({ q: EVIL, found: { hits: [], total: 0 }, famille: '', family: null, guardian: null, csrf: 'token' });
    for (const out of [page.body.value, search.value, tryIt.value]) {
      expect(out).not.toContain('<script>');
      expect(out).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    }
    expect(page.title).toBe('Famille F-<b>7</b>');
    expect(page.body.value).toContain('<h1>Famille F-&lt;b&gt;7&lt;/b&gt;</h1>');
    expect(page.body.value).toContain('&lt;i&gt;École&lt;/i&gt;');
    expect(search.value).toContain('1 famille trouvée pour « &lt;script&gt;');
    expect(tryIt.value).toContain('Aucune famille ne correspond à « &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; ».');
  });
});

describe('a closed day', () => {
  const closure = { date: CLOSED, serviceCode: 'evening', reason: 'grève <du personnel>' };

  it('shows its reason on the day page, the month and the home page', () => {
    const day = dayPage(town, { date: CLOSED, rows: [], byClass: [], closures: [closure], toCall: [], supervision: html``, kitchen: noKitchen(CLOSED) });
    const line = '<li><strong>Fermé</strong> mardi 8 décembre 2026 — Garderie du soir — motif : grève &lt;du personnel&gt;</li>';
    expect(day.body.value).toContain(line);
    expect(monthPage(town, { month: '2026-12', from: isoDate('2026-12-01'), to: isoDate('2026-12-31'), rows: [], closures: [closure] }).body.value).toContain(line);
    const home = homePage(town, { today: TUESDAY, tomorrow: isoDate('2026-12-02'), weekend: false, monday: isoDate('2026-11-30'), week: [], near: [], next: null, closures: [closure], kitchens: { today: noKitchen(TUESDAY), tomorrow: noKitchen(isoDate('2026-12-02')), next: null } });
    expect(home.body.value).toContain(line);
  });

  it('is marked with its reason in the family’s month calendar', () => {
    const page = familyPage(town, { family, bookings: month([{ date: CLOSED, serviceCode: null, reason: 'grève' }]), csrf: 'token' });
    expect(page.body.value).toMatch(/<td class="off"><span class="day">8<\/span> <span class="muted">fermé \(grève\)<\/span>/);
  });
});

describe('empty lists', () => {
  it('say so instead of showing an empty table', () => {
    const day = dayPage(town, { date: TUESDAY, rows: [], byClass: [], closures: [], toCall: [], supervision: html``, kitchen: noKitchen(TUESDAY) }).body.value;
    expect(day).toContain('<p>Aucun service ce jour-là.</p>');
    expect(day).toContain('<p>Aucun enfant inscrit ce jour-là.</p>');
    expect(day).toContain('<p>Pas de repas le mardi 1er décembre 2026.</p>');
    expect(day).not.toContain('<table');

    const waiting = waitingListPage(town, { date: MONDAY, only: null, from: MONDAY, rows: [], counts: new Map(), csrf: 'token' }).body.value;
    expect(waiting).toContain('<p>Aucune liste d’attente cette semaine.</p>');

    const roll = rollCallPage(town, { code: 'canteen', date: TUESDAY, school: '', className: '', summary: [], rows: [], summaryOnly: false, meal: true, closures: [], csrf: 'token' });
    expect(roll.title).toBe('Liste d’appel — Restauration scolaire — mardi 1er décembre 2026');
    expect(roll.body.value).toContain('<p><strong>Total : 0 inscrit — pointés : 0 présent, 0 absent.</strong></p>');
    expect(roll.body.value).toContain('<p>Aucun enfant inscrit.</p>');

    const activity = activityPage(town, { query: '', from: TUESDAY, to: null, before: null, exact: null, found: [], maxFamilies: 20, rows: [], names: { children: new Map(), guardians: new Map(), staff: new Map(), families: new Map() }, more: false }).value;
    expect(activity).toContain('<p>Aucune activité sur cette période.</p>');
    expect(activity).not.toContain('Plus ancien');
  });
});

describe('the kitchen', () => {
  it('counts the meals of each diet per day and service, with a total, in its forecast', () => {
    const csv = kitchenForecastCsv(town, [
      { date: TUESDAY, serviceCode: 'canteen', mealType: 'standard', count: 40 },
      { date: TUESDAY, serviceCode: 'canteen', mealType: 'vegetarien', count: 5 },
      { date: isoDate('2026-12-02'), serviceCode: 'wednesday', mealType: 'sans_porc', count: 3 },
    ]);
    const lines = csv.replace(/^\uFEFF/, '').trim().split(/\r?\n/);
    expect(lines[0]).toBe('Date;Service;Standard;Sans porc;Végétarien;Total');
    expect(lines[1]).toBe('01/12/2026;Restauration scolaire;40;0;5;45');
    expect(lines[2]).toMatch(/^02\/12\/2026;Accueil de loisirs du mercredi;0;3;0;3$/);
  });

  it('lists the day’s services on the home page as rows with their waiting lists linked', () => {
    const near: HeadcountRow[] = [{ date: TUESDAY, serviceCode: 'evening', booked: 80, absent: 2, capacity: 80, waiting: 3 }];
    const home = homePage(town, { today: TUESDAY, tomorrow: isoDate('2026-12-02'), weekend: false, monday: isoDate('2026-11-30'), week: near, near, next: null, closures: [], kitchens: { today: noKitchen(TUESDAY), tomorrow: noKitchen(isoDate('2026-12-02')), next: null } }).body.value;
    expect(home).toContain('<tr class="full"><th scope="row">Garderie du soir</th><td class="num">80</td><td class="num">80</td><td class="num">2</td><td class="num"><a href="/attente?date=2026-12-01">3</a></td>');
  });
});
