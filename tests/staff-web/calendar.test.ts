import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bookChildren } from '../../src/core/bookings/bookChildren.js';
import { listBookings } from '../../src/core/bookings/listBookings.js';
import { GuardianId } from '../../src/core/ids.js';
import { isoDate } from '../../src/core/time.js';
import { dispatchEvents } from '../../src/notifications.js';
import { addFamily } from '../support/app.js';
import { harness, type Browser, type Harness } from './support.js';

let h: Harness;
let agent: Browser;

beforeEach(async () => {
  h = await harness();
  await h.addStaff('agent@mairie.fr');
  agent = h.browser();
  await agent.signIn('agent@mairie.fr');
  await agent.get('/calendrier');
});
afterEach(() => h.dispose());

describe('the calendar', () => {
  it('shows the configuration’s holidays and public holidays, read-only', async () => {
    const page = await agent.get('/calendrier');
    expect(page.body).toContain('Calendrier 2026-2027');
    expect(page.body).toMatch(/<th scope="row">Vacances de Noël<\/th><td>samedi 19 décembre 2026<\/td><td>dimanche 3 janvier 2027<\/td>/);
    expect(page.body).toContain('<td>vendredi 25 décembre 2026</td><td>Noël</td>');
  });

  it('closing a day cancels its bookings and waiting places by staff, tells the families, and shows the closure; reopening removes it', async () => {
    h.app.town.service('evening')!.capacity = 1;
    const a = await addFamily(h.app, 'F-0001', ['Léa']);
    const b = await addFamily(h.app, 'F-0002', ['Noé']);
    const book = (childId: number, codes: string[], dates: string[]) =>
      bookChildren({ store: h.app.store, town: h.app.town }, { actor: { type: 'guardian', id: GuardianId(1) }, channel: 'telegram', now: new Date('2026-11-27T08:00:00Z'), childIds: [childId as never], serviceCodes: codes, dates: dates.map(isoDate) });
    await book(a.children[0]!.id, ['canteen', 'evening'], ['2026-12-03', '2026-12-04']);
    await book(b.children[0]!.id, ['canteen', 'evening'], ['2026-12-03']);
    expect(await h.app.db.booking.count({ where: { state: 'waiting' } })).toBe(1);

    const res = await agent.post('/calendrier/fermetures', { date: '2026-12-03', service: '', motif: 'grève' });
    expect(res.statusCode).toBe(303);
    // The confirmation lands on the day's page: who hears of it, who to call, and the closure with its reason.
    expect(res.headers.location).toBe('/jour/2026-12-03');
    const day = await agent.get('/jour/2026-12-03');
    expect(day.body).toContain('Fermeture ajoutée : tous les services, jeudi 3 décembre 2026.');
    expect(day.body).toContain('3 réservation(s) annulée(s) et 1 place(s) en liste d’attente retirée(s), pour 2 famille(s).');
    expect(day.body).toContain('2 famille(s) prévenue(s) par Telegram ou par email.');
    expect(day.body).toMatch(/<strong>Fermé<\/strong> jeudi 3 décembre 2026 — tous les services — motif : grève/);
    const page = await agent.get('/calendrier');
    expect(page.body).toMatch(/<td>jeudi 3 décembre 2026<\/td><td>Tous les services<\/td><td>grève<\/td><td>agent@mairie\.fr, le /);

    const rows = await listBookings({ store: h.app.store }, {});
    expect(rows.filter((r) => r.date === '2026-12-03').map((r) => r.state)).toEqual(['cancelled', 'cancelled', 'cancelled', 'cancelled']);
    expect(rows.filter((r) => r.date === '2026-12-04').map((r) => r.state)).toEqual(['booked', 'booked']);
    const audit = await h.app.db.auditEvent.findMany({ where: { actorType: 'staff' }, orderBy: { id: 'asc' } });
    expect(audit.map((e) => e.action)).toEqual(['closure.add', 'booking.cancel.override', 'booking.cancel.override']);

    // Each family hears of it once, by email although not yet activated, with the reason.
    await dispatchEvents(h.app, h.clock.now());
    const mail = await h.app.db.outbox.findMany({ orderBy: { recipient: 'asc' } });
    expect(mail.map((m) => `${m.channel} ${m.recipient}`)).toEqual(['email parent-f-0001@example.fr', 'email parent-f-0002@example.fr']);
    expect(mail[0]!.body).toBe('ℹ️ Le service enfance est fermé le jeudi 3 décembre (motif : grève).\n• Léa : cantine et garderie du soir — réservation annulée.\nPour toute question, contactez le CCAS.');
    expect(mail[1]!.body).toContain('• Noé : retiré(e) de la liste d’attente (garderie du soir).');

    // Booking that day is now refused with the reason.
    const refused = await book(a.children[0]!.id, ['canteen'], ['2026-12-03']);
    expect(refused[0]).toMatchObject({ outcome: 'refused', reason: { code: 'CLOSED_DAY', closed: { code: 'CLOSURE', reason: 'grève' } } });

    const reopened = await agent.post('/calendrier/fermetures/supprimer', { date: '2026-12-03', service: '' });
    expect((await agent.get(reopened.headers.location!)).body).toContain('Jour rouvert : tous les services, jeudi 3 décembre 2026.');
    expect(await h.app.db.closure.count()).toBe(0);
    expect((await book(a.children[0]!.id, ['canteen'], ['2026-12-03']))[0]!.outcome).toBe('booked');
  });

  it('closes one service only, and refuses a day that does not run anyway or has no reason', async () => {
    const a = await addFamily(h.app, 'F-0001', ['Léa']);
    await bookChildren({ store: h.app.store, town: h.app.town }, { actor: { type: 'guardian', id: GuardianId(1) }, channel: 'telegram', now: new Date('2026-11-27T08:00:00Z'), childIds: [a.children[0]!.id], serviceCodes: ['canteen', 'evening'], dates: [isoDate('2026-12-03')] });
    await agent.post('/calendrier/fermetures', { date: '2026-12-03', service: 'evening', motif: 'formation' });
    expect((await listBookings({ store: h.app.store }, {})).map((r) => `${r.serviceCode} ${r.state}`)).toEqual(['canteen booked', 'evening cancelled']);
    const holiday = await agent.post('/calendrier/fermetures', { date: '2026-12-25', service: '', motif: 'x' });
    expect((await agent.get(holiday.headers.location!)).body).toContain('Ce service ne fonctionne pas ce jour-là');
    const noReason = await agent.post('/calendrier/fermetures', { date: '2026-12-04', service: '', motif: ' ' });
    expect((await agent.get(noReason.headers.location!)).body).toContain('Indiquez le motif');
    expect(await h.app.db.closure.count()).toBe(1);
  });
});
