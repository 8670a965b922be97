/**
 * The welcome email and the notices carry our signed Message-IDs, as the
 * replies do: sent through the real SMTP sender to a real SMTP server, the
 * Message-ID each one went out with is read back, and a reply to it with no
 * authentication results at all is acted on as a reply in our thread (the
 * same mail without it only gets a "reply to confirm").
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { queueWelcomeEmails } from '../../src/admin/welcomeEmail.js';
import { issueActivationCodes } from '../../src/core/activation/issueActivationCodes.js';
import { bookChildren } from '../../src/core/bookings/bookChildren.js';
import { cancelBookings } from '../../src/core/bookings/cancelBookings.js';
import { GuardianId, StaffId } from '../../src/core/ids.js';
import { inThreadWith } from '../../src/core/messages/threadIds.js';
import { isoDate } from '../../src/core/time.js';
import { processInbound, type MailOptions } from '../../src/mail/processInbound.js';
import { outboxMessageId, sendEmailOutbox, smtpSender } from '../../src/mail/sendMail.js';
import { dispatchEvents } from '../../src/notifications.js';
import { addFamily, testApp, type TestApp } from '../support/app.js';
import { startSmtpReceiver, type SmtpReceiver } from '../support/smtpReceiver.js';

const NOW = new Date('2026-12-01T17:30:00Z');
const FROM = 'Portail Famille <inscriptions@mairie.fr>';
const PARENT = 'parent-f-0001@example.fr';

let app: TestApp;
let smtp: SmtpReceiver;
let sender: ReturnType<typeof smtpSender>;
let opts: MailOptions;
let seq = 0;

beforeEach(async () => {
  app = await testApp();
  smtp = await startSmtpReceiver();
  sender = smtpSender(smtp.url, FROM, app.secret);
  opts = { app, clock: { now: () => NOW }, mailFrom: FROM, authservId: 'mx.mairie.fr', secret: app.secret };
});
afterEach(async () => {
  sender.close();
  await smtp.stop();
  await app.dispose();
});

/** A parent's mail with no Authentication-Results: only our thread can prove who sent it. */
function unverified(body: string, headers: Record<string, string> = {}): Buffer {
  seq++;
  const all: Record<string, string> = { From: `Claire <${PARENT}>`, To: 'inscriptions@mairie.fr', Subject: 'Re: Portail Famille', 'Message-ID': `<p${seq}@example.fr>`, 'Content-Type': 'text/plain; charset=utf-8', ...headers };
  return Buffer.from(`${Object.entries(all).map(([k, v]) => `${k}: ${v}`).join('\r\n')}\r\n\r\n${body}\r\n`);
}

/** Sends the outbox to the SMTP server and returns the Message-ID the message of `kind` went out with. */
async function sentMessageId(kind: string): Promise<string> {
  await sendEmailOutbox(app, sender.send, NOW);
  const row = await app.db.outbox.findFirstOrThrow({ where: { kind }, orderBy: { id: 'desc' } });
  expect(row.sentAt).not.toBeNull();
  const received = await smtp.waitFor((m) => m.parsed.subject === row.subject);
  const id = received.parsed.messageId!;
  expect(id).toMatch(/^<pf\.[A-Za-z0-9_-]{22}\.[0-9a-f]{32}@mairie\.fr>$/);
  // Signed for this guardian, and derived from its outbox row: a resend after a crash carries the same one.
  expect(inThreadWith([id], app.secret, GuardianId(row.guardianId!))).toBe(true);
  expect(id).toBe(outboxMessageId(app.secret, row.guardianId!, row.id, FROM));
  return id;
}

it('signs the welcome email’s Message-ID, and a reply to it is acted on as ours', async () => {
  await addFamily(app, 'F-0001', ['Léa']);
  const issued = await issueActivationCodes({ families: app.families, activation: app.activation, random: app.random }, { reference: 'F-0001', now: NOW, actor: { type: 'system' }, channel: 'admin' });
  if (!issued.ok) throw new Error(issued.why);
  await app.db.outbox.deleteMany();
  await queueWelcomeEmails(app, issued.codes, 'portail_bot', NOW, { from: FROM, secret: app.secret });
  const welcome = await sentMessageId('welcome');

  // Without the thread, the same unauthenticated mail is not acted on.
  expect(await processInbound(opts, unverified('Léa mange à la cantine jeudi.'))).toEqual({ outcome: 'answered', why: 'unverified' });
  expect(await app.db.booking.count()).toBe(0);
  expect((await processInbound(opts, unverified('Léa mange à la cantine jeudi.', { 'In-Reply-To': welcome, References: welcome }))).outcome).toBe('acted');
  expect(await app.db.booking.count({ where: { state: 'booked', date: '2026-12-03' } })).toBe(1);
});

it('signs a notice’s Message-ID, and a reply to it is acted on as ours', async () => {
  const fam = await addFamily(app, 'F-0001', ['Léa']);
  const guardian = fam.guardians[0]!;
  await app.db.guardian.update({ where: { id: guardian.id }, data: { email: PARENT, accessState: 'active' } });
  const lea = fam.children[0]!.id;
  const dates = [isoDate('2026-12-04')];
  await bookChildren({ store: app.store, town: app.town }, { actor: { type: 'guardian', id: GuardianId(guardian.id) }, channel: 'email', now: NOW, childIds: [lea], serviceCodes: ['canteen'], dates });
  await cancelBookings({ store: app.store, town: app.town }, { actor: { type: 'staff', id: StaffId(1) }, channel: 'web', now: NOW, childIds: [lea], serviceCodes: ['canteen'], dates });
  expect(await dispatchEvents(app, NOW)).toBe(1);
  const notice = await sentMessageId('booking.cancelled_by_staff');

  expect(await processInbound(opts, unverified('Léa mange à la cantine lundi.'))).toEqual({ outcome: 'answered', why: 'unverified' });
  expect((await processInbound(opts, unverified('Léa mange à la cantine lundi.', { 'In-Reply-To': notice }))).outcome).toBe('acted');
  expect(await app.db.booking.count({ where: { state: 'booked', date: '2026-12-07' } })).toBe(1);
});
