import { afterEach, beforeEach, expect, it } from 'vitest';
import { bookChildren } from '../../src/core/bookings/bookChildren.js';
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

const book = (childId: number, codes: string[], dates: string[]) =>
  bookChildren({ store: h.app.store, town: h.app.town }, { actor: { type: 'guardian', id: GuardianId(1) }, channel: 'telegram', now: new Date('2026-11-27T08:00:00Z'), childIds: [childId as never], serviceCodes: codes, dates: dates.map(isoDate) });

it('a closure names the families no channel reaches, with their phones, and keeps that list on the day’s page', async () => {
  const reached = await addFamily(h.app, 'F-0001', ['Léa']);
  const unreachable = await addFamily(h.app, 'F-0002', ['Noé']);
  await h.app.db.guardian.updateMany({ where: { familyId: unreachable.id }, data: { email: null, phone: '0611223344' } });
  await h.app.db.guardian.updateMany({ where: { familyId: reached.id }, data: { telegramChatId: '777', accessState: 'active' } });
  await book(reached.children[0]!.id, ['canteen', 'evening', 'morning'], ['2026-12-03']);
  await book(unreachable.children[0]!.id, ['canteen'], ['2026-12-03']);

  const res = await agent.post('/calendrier/fermetures', { date: '2026-12-03', service: '', motif: 'grève' });
  const day = await agent.get(res.headers.location!);
  expect(day.body).toContain('1 famille(s) prévenue(s) par Telegram ou par email.');
  expect(day.body).toContain('1 famille(s) sans Telegram ni email, à appeler');
  expect(day.body).toContain('F-0002 — Parent F-0002 (0611223344)');
  // Still there later, without the one-time message.
  const again = await agent.get('/jour/2026-12-03');
  expect(again.body).toContain('Familles à appeler (1)');
  expect(again.body).toContain('<a href="tel:0611223344">0611223344</a>');
  expect(again.body).not.toContain('F-0001</a> —');

  // Three services of one child: one Telegram message, nothing for the family without a channel.
  await dispatchEvents(h.app, h.clock.now());
  const out = await h.app.db.outbox.findMany();
  expect(out.map((m) => `${m.channel} ${m.recipient}`)).toEqual(['telegram 777']);
  expect(out[0]!.body).toContain('motif : grève');
});

it('"Donner la place" queues the notice it announces, by email for a guardian not yet activated', async () => {
  h.app.town.service('evening')!.capacity = 1;
  const a = await addFamily(h.app, 'F-0001', ['Léa']);
  const b = await addFamily(h.app, 'F-0002', ['Noé']);
  await book(a.children[0]!.id, ['evening'], ['2026-12-03']);
  await book(b.children[0]!.id, ['evening'], ['2026-12-03']);
  await agent.get('/attente?date=2026-12-03');
  const res = await agent.post('/attente/promouvoir', { enfant: String(b.children[0]!.id), service: 'evening', date: '2026-12-03', retour: '/attente?date=2026-12-03', depasser: '1' });
  const page = await agent.get(res.headers.location!);
  expect(page.body).toContain('Noé NomF-0002 a maintenant sa place (Garderie du soir, jeudi 3 décembre 2026), au-delà de la capacité. La famille en est prévenue (Telegram ou email).');
  await dispatchEvents(h.app, h.clock.now());
  const out = await h.app.db.outbox.findMany();
  expect(out.map((m) => `${m.channel} ${m.recipient} ${m.subject}`)).toEqual(['email parent-f-0002@example.fr Une place s’est libérée']);
  expect(out[0]!.body).toContain('Noé : garderie du soir le jeudi 3 décembre');
});

it('shows the outbox: waiting, sent and given-up messages with their error, and sends a given-up one again', async () => {
  const now = h.clock.now();
  await h.app.db.outbox.createMany({
    data: [
      { channel: 'email', recipient: 'a@example.fr', subject: 'Fermeture', body: 'attente', nextAttemptAt: now, createdAt: now },
      { channel: 'telegram', recipient: '42', body: 'parti', nextAttemptAt: now, createdAt: now, sentAt: now, attempts: 1 },
      { channel: 'email', recipient: 'b@example.fr', body: 'échoué', nextAttemptAt: now, createdAt: now, attempts: 12, lastError: '550 mailbox unavailable' },
    ],
  });
  const waiting = await agent.get('/messages');
  expect(waiting.body).toContain('En attente (1)');
  expect(waiting.body).toContain('Envoyés (1)');
  expect(waiting.body).toContain('a@example.fr');
  const failed = await agent.get('/messages?etat=echec');
  expect(failed.body).toContain('Erreur : 550 mailbox unavailable');
  const id = (await h.app.db.outbox.findFirstOrThrow({ where: { recipient: 'b@example.fr' } })).id;
  const res = await agent.post(`/messages/${id}/relancer`, {});
  expect((await agent.get(res.headers.location!)).body).toContain('Le message repart');
  expect(await h.app.db.outbox.findUniqueOrThrow({ where: { id } })).toMatchObject({ attempts: 0, sentAt: null });
});
