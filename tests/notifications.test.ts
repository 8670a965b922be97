import { afterEach, beforeEach, expect, it } from 'vitest';
import { bookChildren } from '../src/core/bookings/bookChildren.js';
import { cancelBookings } from '../src/core/bookings/cancelBookings.js';
import { GuardianId, StaffId } from '../src/core/ids.js';
import { isoDate } from '../src/core/time.js';
import { dispatchEvents, retryDelayMs, sendDue } from '../src/notifications.js';
import { addFamily, testApp, type TestApp } from './support/app.js';

let app: TestApp;
beforeEach(async () => {
  app = await testApp();
});
afterEach(() => app.dispose());

const NOW = new Date('2026-12-01T17:30:00Z');

it('tells a family on Telegram, through the outbox, when staff cancel its bookings', async () => {
  const fam = await addFamily(app, 'F-0500', ['Léa']);
  await app.db.guardian.update({ where: { id: fam.guardians[0]!.id }, data: { telegramChatId: '4242', accessState: 'active' } });
  const lea = fam.children[0]!.id;
  const dates = [isoDate('2026-12-03'), isoDate('2026-12-04')];
  await bookChildren({ store: app.store, town: app.town }, { actor: { type: 'guardian', id: GuardianId(1) }, channel: 'telegram', now: NOW, childIds: [lea], serviceCodes: ['canteen'], dates });
  await cancelBookings({ store: app.store, town: app.town }, { actor: { type: 'staff', id: StaffId(1) }, channel: 'web', now: NOW, childIds: [lea], serviceCodes: ['canteen'], dates });

  expect(await dispatchEvents(app, NOW)).toBe(1);
  expect(await dispatchEvents(app, NOW)).toBe(0);
  const [message] = await app.db.outbox.findMany();
  expect(message).toMatchObject({ channel: 'telegram', recipient: '4242' });
  expect(message!.body).toBe('ℹ️ Le service enfance a annulé :\n• Léa : cantine, réservation annulée le jeudi 3 décembre et le vendredi 4 décembre.\nPour toute question, contactez le CCAS.');
});

it('retries a message the channel refused, later and later, and sends it once it is accepted', async () => {
  await app.db.outbox.create({ data: { channel: 'telegram', recipient: '1', body: 'hello', nextAttemptAt: NOW } });
  let fail = true;
  const sent: string[] = [];
  const send = async (to: string, body: string) => {
    if (fail) throw new Error('429 Too Many Requests');
    sent.push(`${to}:${body}`);
  };
  expect(await sendDue(app, 'telegram', NOW, send)).toBe(0);
  const row = await app.db.outbox.findFirstOrThrow();
  expect(row).toMatchObject({ attempts: 1, sentAt: null, lastError: '429 Too Many Requests' });
  expect(row.nextAttemptAt.getTime()).toBe(NOW.getTime() + retryDelayMs(1));
  expect(await sendDue(app, 'telegram', new Date(NOW.getTime() + 1000), send)).toBe(0); // not due yet
  fail = false;
  expect(await sendDue(app, 'telegram', new Date(NOW.getTime() + retryDelayMs(1)), send)).toBe(1);
  expect(sent).toEqual(['1:hello']);
  expect(retryDelayMs(2)).toBeGreaterThan(retryDelayMs(1));
});
