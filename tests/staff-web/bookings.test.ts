import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bookChildren } from '../../src/core/bookings/bookChildren.js';
import { listBookings } from '../../src/core/bookings/listBookings.js';
import { reportAbsence } from '../../src/core/bookings/reportAbsence.js';
import { GuardianId } from '../../src/core/ids.js';
import type { FamilyRecord } from '../../src/core/ports.js';
import { isoDate } from '../../src/core/time.js';
import { addFamily } from '../support/app.js';
import { harness, type Browser, type Harness } from './support.js';

let h: Harness;
let agent: Browser;
let martin: FamilyRecord;

/** Tuesday 1 December 2026, 09:00 in Paris: the canteen of Wednesday… none; of Thursday 3, still open until Wednesday 10:00. */
beforeEach(async () => {
  h = await harness();
  await h.addStaff('agent@mairie.fr');
  agent = h.browser();
  await agent.signIn('agent@mairie.fr');
  martin = await addFamily(h.app, 'F-0001', ['Léa', 'Tom']);
  await agent.get(`/familles/${martin.id}`);
});
afterEach(() => h.dispose());

const states = async () => (await listBookings({ store: h.app.store }, { familyId: martin.id })).map((b) => `${b.firstName} ${b.serviceCode} ${b.date} ${b.state}`);

describe('staff bookings', () => {
  it('books children for services on a range of days, weekdays chosen, and says what happened', async () => {
    const lea = String(martin.children[0]!.id);
    const res = await agent.post(`/familles/${martin.id}/reservations`, { enfant: lea, service: ['canteen', 'evening'], du: '2026-12-03', au: '2026-12-08', jour: ['1', '4'], action: 'reserver' });
    expect(res.statusCode).toBe(303);
    expect(await states()).toEqual([
      'Léa canteen 2026-12-03 booked',
      'Léa evening 2026-12-03 booked',
      'Léa canteen 2026-12-07 booked',
      'Léa evening 2026-12-07 booked',
    ]);
    const page = await agent.get(res.headers.location!);
    expect(page.body).toContain('Demande appliquée :');
    expect(page.body).toContain('Léa : cantine réservée le jeudi 3 décembre et le lundi 7 décembre');
    const audit = await h.app.db.auditEvent.findFirstOrThrow({ where: { action: 'booking.book' } });
    expect(audit).toMatchObject({ actorType: 'staff', channel: 'web', familyId: martin.id });
  });

  it('refuses after the deadline unless the agent overrides it, and the override shows in the activity log', async () => {
    const lea = String(martin.children[0]!.id);
    // Today (Tuesday 1st) closed for booking on Monday at 10:00.
    const refused = await agent.post(`/familles/${martin.id}/reservations`, { enfant: lea, service: 'canteen', du: '2026-12-01', au: '2026-12-01', action: 'reserver' });
    const page = await agent.get(refused.headers.location!);
    expect(page.body).toContain('Rien n’a changé :');
    expect(page.body).toContain('trop tard : les réservations fermaient le lundi 30 novembre à 10:00');
    expect(await states()).toEqual([]);

    await agent.post(`/familles/${martin.id}/reservations`, { enfant: lea, service: 'canteen', du: '2026-12-01', au: '2026-12-01', action: 'reserver', derogation: '1' });
    expect(await states()).toEqual(['Léa canteen 2026-12-01 booked']);
    const cancelRefused = await agent.post(`/familles/${martin.id}/reservations`, { enfant: lea, service: 'canteen', du: '2026-12-01', au: '2026-12-01', action: 'annuler' });
    expect((await agent.get(cancelRefused.headers.location!)).body).toContain('trop tard : les annulations fermaient');
    await agent.post(`/familles/${martin.id}/reservations`, { enfant: lea, service: 'canteen', du: '2026-12-01', au: '2026-12-01', action: 'annuler', derogation: '1' });
    expect(await states()).toEqual(['Léa canteen 2026-12-01 cancelled']);

    const actions = (await h.app.db.auditEvent.findMany({ where: { actorType: 'staff' }, orderBy: { id: 'asc' } })).map((a) => a.action);
    expect(actions).toEqual(['booking.book.override', 'booking.cancel.override']);
    const activity = await agent.get('/activite?famille=F-0001');
    expect(activity.body).toContain('Réservation — hors délai (dérogation)');
    expect(activity.body).toContain('Annulation — hors délai (dérogation)');
    expect(activity.body).toContain('Agent agent@mairie.fr');
    expect(activity.body).toContain('Léa NomF-0001 — Cantine — réservé : mar. 01/12');
  });

  it('reports an absence and lets staff mark it justified, unjustified or undecided', async () => {
    const lea = martin.children[0]!.id;
    await bookChildren({ store: h.app.store, town: h.app.town }, { actor: { type: 'guardian', id: GuardianId(martin.guardians[0]!.id) }, channel: 'telegram', now: new Date('2026-11-27T08:00:00Z'), childIds: [lea], serviceCodes: ['canteen'], dates: [isoDate('2026-12-01')] });
    await reportAbsence({ store: h.app.store, town: h.app.town }, { actor: { type: 'guardian', id: GuardianId(martin.guardians[0]!.id) }, channel: 'telegram', now: h.clock.now(), childIds: [lea], serviceCodes: ['canteen'], dates: [isoDate('2026-12-01')], reason: 'fièvre' });
    const page = await agent.get(`/familles/${martin.id}?mois=2026-12`);
    expect(page.body).toMatch(/<td>mar\. 01\/12<\/td><td>Léa<\/td><td>Cantine<\/td><td>fièvre<\/td><td>à décider<\/td>/);
    const res = await agent.post(`/familles/${martin.id}/absences`, { enfant: String(lea), service: 'canteen', date: '2026-12-01', mois: '2026-12', justifiee: 'oui' });
    expect(res.headers.location).toBe(`/familles/${martin.id}?mois=2026-12`);
    const after = await agent.get(res.headers.location!);
    expect(after.body).toContain('Léa, cantine, mardi 1er décembre 2026 : absence justifiée.');
    expect(after.body).toMatch(/<td>fièvre<\/td><td>justifiée<\/td>/);
    const row = await h.app.db.booking.findFirstOrThrow({ where: { childId: lea } });
    expect(row.absenceJustified).toBe(true);
    await agent.post(`/familles/${martin.id}/absences`, { enfant: String(lea), service: 'canteen', date: '2026-12-01', justifiee: 'non' });
    expect((await h.app.db.booking.findFirstOrThrow({ where: { childId: lea } })).absenceJustified).toBe(false);
    await agent.post(`/familles/${martin.id}/absences`, { enfant: String(lea), service: 'canteen', date: '2026-12-01', justifiee: '' });
    expect((await h.app.db.booking.findFirstOrThrow({ where: { childId: lea } })).absenceJustified).toBe(null);
  });

  it('says what is missing and does nothing', async () => {
    const res = await agent.post(`/familles/${martin.id}/reservations`, { du: '2026-12-03', au: '2026-12-01', action: 'reserver' });
    const page = await agent.get(res.headers.location!);
    expect(page.body).toContain('Cochez au moins un enfant.');
    expect(page.body).toContain('Cochez au moins un service.');
    expect(page.body).toContain('Indiquez des dates valides');
    expect(await h.app.db.booking.count()).toBe(0);
  });
});

describe('waiting lists', () => {
  it('lists the waiting children in order and lets staff give a place, beyond capacity only when asked; the family is told', async () => {
    h.app.town.service('evening')!.capacity = 1;
    const noe = await addFamily(h.app, 'F-0002', ['Noé']);
    const [lea, tom] = martin.children.map((c) => c.id);
    const book = (childId: number, at: string) =>
      bookChildren({ store: h.app.store, town: h.app.town }, { actor: { type: 'guardian', id: GuardianId(1) }, channel: 'telegram', now: new Date(at), childIds: [childId as never], serviceCodes: ['evening'], dates: [isoDate('2026-12-03')] });
    await book(lea!, '2026-11-30T08:00:00Z');
    await book(noe.children[0]!.id, '2026-11-30T09:00:00Z');
    await book(tom!, '2026-11-30T10:00:00Z');
    const page = await agent.get('/attente?date=2026-12-03');
    expect(page.body).toContain('Garderie du soir — jeudi 3 décembre 2026');
    const order = [...page.body.matchAll(/<td class="num">(\d)<\/td><td><a href="\/familles\/\d+">([^<]+)<\/a>/g)].map((m) => `${m[1]} ${m[2]}`);
    expect(order).toEqual(['1 Noé NomF-0002', '2 Tom NomF-0001']);
    expect(page.body).toContain('au-delà de la capacité');

    const full = await agent.post('/attente/promouvoir', { enfant: String(tom), service: 'evening', date: '2026-12-03', retour: '/attente?date=2026-12-03' });
    expect((await agent.get(full.headers.location!)).body).toContain('Complet (1 inscrit(s) pour 1 place(s))');
    expect(await h.app.db.booking.count({ where: { state: 'waiting' } })).toBe(2);

    const ok = await agent.post('/attente/promouvoir', { enfant: String(tom), service: 'evening', date: '2026-12-03', depasser: '1', retour: '/attente?date=2026-12-03' });
    expect((await agent.get(ok.headers.location!)).body).toContain('Tom NomF-0001 a maintenant sa place (Garderie du soir, jeudi 3 décembre 2026), au-delà de la capacité.');
    expect((await h.app.db.booking.findFirstOrThrow({ where: { childId: tom, serviceCode: 'evening' } })).state).toBe('booked');
    const event = await h.app.db.domainEvent.findFirstOrThrow({ where: { type: 'waiting_list.promoted' } });
    expect(event.familyId).toBe(martin.id);
    const audit = await h.app.db.auditEvent.findFirstOrThrow({ where: { action: { startsWith: 'waiting_list.promoted_by_staff' } } });
    expect(audit).toMatchObject({ action: 'waiting_list.promoted_by_staff.over_capacity', actorType: 'staff', channel: 'web' });
    const again = await agent.post('/attente/promouvoir', { enfant: String(tom), service: 'evening', date: '2026-12-03', depasser: '1' });
    expect((await agent.get(again.headers.location!)).body).toContain('n’est plus sur la liste d’attente');
  });
});
