/**
 * processInbound on a real SQLite app: the core's receiveEmail through the
 * Prisma mail store, raw messages as servers deliver them. The clock is
 * pinned to Tuesday 1 December 2026, 18:30 in Paris.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { issueActivationCodes } from '../../src/core/activation/issueActivationCodes.js';
import { GuardianId } from '../../src/core/ids.js';
import { LOOP_LIMIT, MAX_NEW_TEXT } from '../../src/core/messages/receiveEmail.js';
import { threadMessageId } from '../../src/core/messages/threadIds.js';
import { processInbound, type MailOptions } from '../../src/mail/processInbound.js';
import { replyAddress } from '../../src/mail/replyAddress.js';
import { addFamily, CSV_HEADER, testApp, type TestApp } from '../support/app.js';
import { parseFamiliesCsv } from '../../src/core/families/parseFamiliesCsv.js';
import { importFamilies } from '../../src/core/families/importFamilies.js';
import type { IsoDate } from '../../src/core/time.js';

let app: TestApp;
let now = new Date('2026-12-01T17:30:00Z');
let opts: MailOptions;
const SECRET = 'test-secret-0123456789';
const FROM = 'Portail Famille <inscriptions@mairie.fr>';
const PARENT = 'parent-f-0001@example.fr';
const PASS = 'mx.mairie.fr; spf=pass smtp.mailfrom=example.fr; dkim=pass header.d=example.fr; dmarc=pass (p=none) header.from=example.fr';

let seq = 0;
function mail(body: string, headers: Record<string, string> = {}): Buffer {
  seq++;
  const all: Record<string, string> = { 'Authentication-Results': PASS, From: `Claire <${PARENT}>`, To: 'inscriptions@mairie.fr', Subject: 'Cantine', 'Message-ID': `<m${seq}@example.fr>`, 'Content-Type': 'text/plain; charset=utf-8', 'Content-Transfer-Encoding': '8bit', ...headers };
  return Buffer.from(`${Object.entries(all).filter(([, v]) => v !== '').map(([k, v]) => `${k}: ${v}`).join('\r\n')}\r\n\r\n${body.replace(/\n/g, '\r\n')}`);
}
const outbox = () => app.db.outbox.findMany({ where: { channel: 'email' }, orderBy: { id: 'asc' } });
const bookings = async () => (await app.db.booking.findMany({ include: { child: true }, orderBy: [{ date: 'asc' }, { childId: 'asc' }] })).map((b) => `${b.child.firstName} ${b.serviceCode} ${b.date} ${b.state}`);
const guardianId = async (email = PARENT) => GuardianId((await app.db.guardian.findFirstOrThrow({ where: { email } })).id);

async function activate(reference: string) {
  await issueActivationCodes({ families: app.families, activation: app.activation, random: app.random }, { reference, now, actor: { type: 'system' }, channel: 'admin' });
}

beforeEach(async () => {
  now = new Date('2026-12-01T17:30:00Z');
  app = await testApp();
  opts = { app, clock: { now: () => now }, mailFrom: FROM, authservId: 'mx.mairie.fr', secret: SECRET };
  await addFamily(app, 'F-0001', ['Léa', 'Tom']);
  await activate('F-0001');
  await app.db.outbox.deleteMany();
});
afterEach(() => app.dispose());

describe('a message from an activated guardian', () => {
  it('is acted on, and the reply waits in the outbox, in the thread, with a signed Reply-To and our own signed Message-ID', async () => {
    const outcome = await processInbound(opts, mail('Bonjour,\nLéa mange à la cantine jeudi.\nMerci !\nClaire', { References: '<r0@mairie.fr>' }));
    expect(outcome.outcome).toBe('acted');
    expect(await app.db.booking.count({ where: { state: 'booked' } })).toBe(1);
    const [reply] = await outbox();
    expect(reply).toMatchObject({ recipient: PARENT, subject: 'Re: Cantine' });
    expect(reply!.body).toContain('✅ Léa : cantine réservée le jeudi 3 décembre');
    expect(reply!.body).toContain('Répondez DEFAIRE pour « Défaire » (dans les 15 minutes).');
    const payload = JSON.parse(reply!.payload!);
    expect(payload).toMatchObject({ kind: 'reply', inReplyTo: `<m${seq}@example.fr>`, references: ['<r0@mairie.fr>', `<m${seq}@example.fr>`] });
    expect(payload.replyTo).toBe(replyAddress(FROM, SECRET, 1));
    expect(payload.messageId).toMatch(/^<pf\.[A-Za-z0-9_-]{16}\.[0-9a-f]{32}@mairie\.fr>$/);
    expect(payload.html).toContain('cantine réservée');
    const guardian = await app.db.guardian.findFirst({ where: { email: PARENT } });
    expect(guardian?.accessState).toBe('active');
    expect(await app.db.inboundMessage.findFirst()).toMatchObject({ sender: PARENT, status: 'acted', reason: null });
  });

  it('is taken once, however often it is read', async () => {
    const source = mail('Léa mange à la cantine jeudi');
    expect((await processInbound(opts, source)).outcome).toBe('acted');
    expect((await processInbound(opts, source)).outcome).toBe('duplicate');
    expect(await outbox()).toHaveLength(1);
  });

  it('answers a question with words to reply, and the reply in the thread completes it', async () => {
    await processInbound(opts, mail('cantine jeudi'));
    const [question] = await outbox();
    expect(question!.body).toContain('Pour quel enfant ?');
    expect(question!.body).toContain('Répondez 1 pour « Léa », 2 pour « Tom », 3 pour « Tous » ou NON pour « Laisser tomber ».');
    await processInbound(opts, mail('2\n\nLe mar. 1 déc. 2026 à 18:30, Portail Famille a écrit :\n> Pour quel enfant ?'));
    const replies = await outbox();
    expect(replies[1]!.body).toContain('✅ Tom : cantine réservée le jeudi 3 décembre');
  });

  it(`reads the whole new text up to ${MAX_NEW_TEXT} characters, and asks for a shorter message beyond`, async () => {
    const long = `Léa mange à la cantine jeudi. ${'Nous sommes ravis de ce service, merci beaucoup à toute l’équipe du CCAS. '.repeat(40)}`;
    expect(long.length).toBeGreaterThan(2_000);
    expect((await processInbound(opts, mail(long))).outcome).toBe('acted');
    expect(await bookings()).toEqual(['Léa canteen 2026-12-03 booked']);
    const outcome = await processInbound(opts, mail(`Tom mange à la cantine jeudi. ${'bla '.repeat(MAX_NEW_TEXT / 4 + 10)}`));
    expect(outcome).toEqual({ outcome: 'answered', why: 'too_long' });
    expect((await outbox())[1]!.body).toContain('trop long');
    expect(await bookings()).toEqual(['Léa canteen 2026-12-03 booked']);
  });

  it('does not count an attachment (a 3 MB phone photo) towards the size limit', async () => {
    const photo = Buffer.alloc(3_000_000, 7).toString('base64').replace(/(.{76})/g, '$1\r\n');
    const outcome = await processInbound(opts, mail(
      ['--b1', 'Content-Type: text/plain; charset=utf-8', '', 'Tom mange à la cantine vendredi.', '--b1', 'Content-Type: image/jpeg; name="IMG_2041.jpg"', 'Content-Disposition: attachment; filename="IMG_2041.jpg"', 'Content-Transfer-Encoding: base64', '', photo, '--b1--', ''].join('\n'),
      { 'Content-Type': 'multipart/mixed; boundary="b1"' },
    ));
    expect(outcome.outcome).toBe('acted');
    expect(await bookings()).toEqual(['Tom canteen 2026-12-04 booked']);
  });

  it('answers a 1,000-part message instead of dropping it', async () => {
    const parts = ['--p', 'Content-Type: text/plain; charset=utf-8', '', 'Léa mange à la cantine jeudi.'];
    for (let i = 0; i < 999; i++) parts.push('--p', 'Content-Type: application/octet-stream', `Content-Disposition: attachment; filename="f${i}.bin"`, '', `x${i}`);
    parts.push('--p--', '');
    const started = Date.now();
    const outcome = await processInbound(opts, mail(parts.join('\n'), { 'Content-Type': 'multipart/mixed; boundary="p"' }));
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(outcome.outcome).toBe('acted');
    expect(await outbox()).toHaveLength(1);
  });

  it('answers a message that cannot be parsed with a short note when the sender is registered, and records it', async () => {
    // a NUL-laden header block mailparser rejects is rare; a source past the parser's bound is read from its header block only
    const { readInbound } = await import('../../src/mail/inbound.js');
    const raw = mail('Léa mange à la cantine jeudi.');
    const read = await readInbound(raw);
    const { receiveEmail } = await import('../../src/core/messages/receiveEmail.js');
    const { receiveDeps } = await import('../../src/mail/processInbound.js');
    const outcome = await receiveEmail(receiveDeps(opts), { ...read, unreadable: true, text: '' }, now, () => ({ text: '', html: '' }));
    expect(outcome).toEqual({ outcome: 'answered', why: 'unreadable' });
    expect((await outbox())[0]).toMatchObject({ recipient: PARENT });
    expect((await outbox())[0]!.body).toContain('Je n’ai pas pu lire votre message');
    expect(await app.db.inboundMessage.findFirst()).toMatchObject({ status: 'answered', reason: 'unreadable' });
    expect(await app.db.auditEvent.count({ where: { action: 'email.not_acted' } })).toBe(1);
  });
});

describe('messages not acted on', () => {
  it('never acts on a dmarc=fail, and does not answer it', async () => {
    const outcome = await processInbound(opts, mail('Annule tout pour Léa', { 'Authentication-Results': 'mx.mairie.fr; spf=fail; dkim=none; dmarc=fail header.from=example.fr' }));
    expect(outcome).toEqual({ outcome: 'ignored', why: 'authentication failed' });
    expect(await outbox()).toHaveLength(0);
    expect(await app.db.auditEvent.findFirst({ where: { action: 'email.not_acted' } })).toMatchObject({ channel: 'email' });
  });

  it('never answers automatic mail', async () => {
    const outcome = await processInbound(opts, mail('Je suis absente jusqu’au 5.', { 'Auto-Submitted': 'auto-replied' }));
    expect(outcome.outcome).toBe('ignored');
    expect(await outbox()).toHaveLength(0);
  });

  it('answers an unknown sender once a day (a real column, not the outbox JSON), how to register, and acts on nothing', async () => {
    const stranger = { From: 'someone@else.example' };
    expect((await processInbound(opts, mail('Léa mange jeudi', stranger))).outcome).toBe('answered');
    expect((await processInbound(opts, mail('Léa mange vendredi', stranger))).outcome).toBe('ignored');
    expect(await app.db.mailSenderDay.findFirst({ where: { address: 'someone@else.example' } })).toMatchObject({ day: '2026-12-01', answers: 1 });
    now = new Date(now.getTime() + 25 * 3_600_000);
    expect((await processInbound(opts, mail('Léa mange lundi', stranger))).outcome).toBe('answered');
    const sent = await outbox();
    expect(sent).toHaveLength(2);
    expect(sent[0]!.body).toContain('présentez-vous à l’accueil du CCAS');
    expect(JSON.parse(sent[0]!.payload!).messageId).toBeUndefined();
    expect(await app.db.booking.count()).toBe(0);
  });

  it('treats a guardian whose family was never activated as unknown', async () => {
    await addFamily(app, 'F-0002', ['Noé']);
    const outcome = await processInbound(opts, mail('Noé mange jeudi', { From: 'parent-f-0002@example.fr' }));
    expect(outcome).toEqual({ outcome: 'answered', why: 'unknown_sender' });
  });

  it('never answers our own address, nor mail carrying our X-Loop', async () => {
    expect(await processInbound(opts, mail('Léa mange jeudi', { From: FROM }))).toEqual({ outcome: 'ignored', why: 'own_address' });
    expect(await processInbound(opts, mail('Léa mange jeudi', { 'X-Loop': 'inscriptions@mairie.fr' }))).toEqual({ outcome: 'ignored', why: 'loop' });
    expect(await outbox()).toHaveLength(0);
    expect(await bookings()).toEqual([]);
  });
});

describe('forged senders: asked to confirm at the registered address, never acted on', () => {
  it.each([
    ['no Authentication-Results at all', { 'Authentication-Results': '' }],
    ['dmarc=none', { 'Authentication-Results': 'mx.mairie.fr; spf=none; dkim=none; dmarc=none header.from=example.fr' }],
    ['spf=softfail, dmarc=temperror', { 'Authentication-Results': 'mx.mairie.fr; spf=softfail smtp.mailfrom=example.fr; dmarc=temperror header.from=example.fr' }],
    ['a dmarc=pass written by another server', { 'Authentication-Results': 'mx.attacker.example; dmarc=pass header.from=example.fr' }],
    ['a dmarc=pass with our authserv-id below another server’s header', { 'Authentication-Results': 'mx.attacker.example; dkim=none\r\nAuthentication-Results: mx.mairie.fr; dmarc=pass header.from=example.fr' }],
    ['a dkim=pass for another domain', { 'Authentication-Results': 'mx.mairie.fr; dkim=pass header.d=attacker.example; spf=pass smtp.mailfrom=attacker.example; dmarc=none' }],
    ['the authserv-id only inside a comment', { 'Authentication-Results': 'mx.attacker.example (mx.mairie.fr); dmarc=pass header.from=example.fr' }],
    ['two From addresses', { From: `Claire <${PARENT}>, Mallory <mallory@attacker.example>` }],
    ['a Sender that differs, and the attacker’s Reply-To', { Sender: 'mallory@attacker.example', 'Reply-To': 'mallory@attacker.example' }],
    ['a forged thread (a Message-ID that looks like ours)', { 'Authentication-Results': '', 'In-Reply-To': '<pf.AAAAAAAAAAAAAAAA.0123456789abcdef0123456789abcdef@mairie.fr>' }],
  ])('%s', async (_name, headers) => {
    const outcome = await processInbound(opts, mail('Annulez la cantine de Léa et Tom jeudi.', headers));
    expect(outcome).toEqual({ outcome: 'answered', why: 'unverified' });
    expect(await bookings()).toEqual([]);
    const [ask] = await outbox();
    expect(ask!.recipient).toBe(PARENT);
    expect(ask!.body).toContain('Je n’ai pas pu vérifier que ce message vient bien de vous');
    expect(ask!.body).toContain('annuler cantine pour Léa et Tom');
    expect(ask!.body).toContain('Répondez OUI');
    expect(await app.db.inboundMessage.findFirst()).toMatchObject({ status: 'answered', reason: 'unverified' });
    expect(await app.db.guardian.findFirstOrThrow({ where: { email: PARENT } })).toMatchObject({ accessState: 'code_sent' });
  });

  it('a flood of forgeries with rotating From addresses puts at most the loop limit of questions to the parent', async () => {
    for (let i = 0; i < 10; i++) await processInbound(opts, mail('Annulez la cantine de Léa jeudi.', { From: `m${i}@attacker.example, Claire <${PARENT}>` }));
    expect(await outbox()).toHaveLength(LOOP_LIMIT);
    for (const m of await outbox()) expect(m.recipient).toBe(PARENT);
    expect(await bookings()).toEqual([]);
  });

  it('the guardian’s reply in our thread confirms and applies it; a forged OUI does not', async () => {
    await processInbound(opts, mail('Léa mange à la cantine jeudi.', { 'Authentication-Results': '' }));
    const [ask] = await outbox();
    const ourId = JSON.parse(ask!.payload!).messageId as string;
    // an attacker's "OUI" outside the thread only gets the question again
    expect((await processInbound(opts, mail('OUI', { 'Authentication-Results': '' }))).outcome).toBe('answered');
    expect(await bookings()).toEqual([]);
    const again = (await outbox())[1]!;
    // the guardian answers our email (no verdict from the server: the thread proves it)
    const outcome = await processInbound(opts, mail('Oui\n\nLe mar. 1 déc. 2026, Portail Famille a écrit :\n> ...', { 'Authentication-Results': '', 'In-Reply-To': JSON.parse(again.payload!).messageId, References: `${ourId} ${JSON.parse(again.payload!).messageId}` }));
    expect(outcome.outcome).toBe('acted');
    expect(await bookings()).toEqual(['Léa canteen 2026-12-03 booked']);
  });

  it('an unverified DEFAIRE undoes nothing', async () => {
    await processInbound(opts, mail('Léa mange à la cantine jeudi.'));
    expect(await bookings()).toEqual(['Léa canteen 2026-12-03 booked']);
    await processInbound(opts, mail('DEFAIRE', { 'Authentication-Results': '' }));
    expect(await bookings()).toEqual(['Léa canteen 2026-12-03 booked']);
    expect((await outbox())[1]!.body).toContain('rien n’a été défait');
  });

  it('a thread Message-ID of another guardian does not prove this one', async () => {
    await addFamily(app, 'F-0002', ['Noé']);
    await activate('F-0002');
    const other = threadMessageId(SECRET, await guardianId('parent-f-0002@example.fr'), 'AAAAAAAAAAAAAAAA', 'mairie.fr');
    const outcome = await processInbound(opts, mail('Annulez la cantine de Léa jeudi.', { 'Authentication-Results': '', 'In-Reply-To': other }));
    expect(outcome).toEqual({ outcome: 'answered', why: 'unverified' });
    const mine = threadMessageId(SECRET, await guardianId(), 'BBBBBBBBBBBBBBBB', 'mairie.fr');
    expect((await processInbound(opts, mail('Léa mange à la cantine jeudi.', { 'Authentication-Results': '', 'In-Reply-To': mine }))).outcome).toBe('acted');
  });

  it('acts on a dkim=pass aligned with the From domain (its parent domain signs)', async () => {
    const outcome = await processInbound(opts, mail('Léa mange à la cantine jeudi.', { From: 'Claire <parent-f-0001@example.fr>', 'Authentication-Results': 'mx.mairie.fr; dkim=pass (2048-bit key; unprotected) header.d="example.fr" header.i=@example.fr header.s=s1; spf=none' }));
    expect(outcome.outcome).toBe('acted');
  });
});

describe('identity without guesses', () => {
  async function shareAddress() {
    const lines = [`F-0002;Parent partagé;${PARENT};0612345678;Noé;NomF-0002;2018-03-14;Jules Ferry;CE1;standard;non`];
    const parsed = parseFamiliesCsv([CSV_HEADER, ...lines].join('\n'), '2026-11-28' as IsoDate);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    await importFamilies({ families: app.families }, { families: parsed.families, actor: { type: 'system' }, channel: 'admin', now });
    await activate('F-0002');
    await app.db.outbox.deleteMany();
  }

  it('an address registered for two families asks, tells staff, and books nothing', async () => {
    await shareAddress();
    const outcome = await processInbound(opts, mail('Noé et Léa mangent à la cantine jeudi.'));
    expect(outcome).toEqual({ outcome: 'answered', why: 'shared_address' });
    expect(await bookings()).toEqual([]);
    expect((await outbox())[0]!.body).toContain('enregistrée pour plusieurs familles');
    const trace = await app.db.auditEvent.findFirstOrThrow({ where: { action: 'email.not_acted' } });
    expect(trace.after).toContain('adresse partagée');
  });

  it('a reply in a thread we started with one of them is theirs', async () => {
    await shareAddress();
    const second = await app.db.guardian.findFirstOrThrow({ where: { email: PARENT, family: { reference: 'F-0002' } } });
    const ours = threadMessageId(SECRET, GuardianId(second.id), 'CCCCCCCCCCCCCCCC', 'mairie.fr');
    expect((await processInbound(opts, mail('Noé mange à la cantine jeudi.', { 'In-Reply-To': ours }))).outcome).toBe('acted');
    expect(await bookings()).toEqual(['Noé canteen 2026-12-03 booked']);
  });

  it('a message to the signed Reply-To we gave one of them (a welcome email answered) is theirs', async () => {
    await shareAddress();
    const second = await app.db.guardian.findFirstOrThrow({ where: { email: PARENT, family: { reference: 'F-0002' } } });
    expect((await processInbound(opts, mail('Noé mange à la cantine jeudi.', { To: replyAddress(FROM, SECRET, second.id) }))).outcome).toBe('acted');
    expect(await bookings()).toEqual(['Noé canteen 2026-12-03 booked']);
  });

  it('a second guardian reusing a Message-ID is processed (the key is the Message-ID and the sender)', async () => {
    await addFamily(app, 'F-0002', ['Noé']);
    await activate('F-0002');
    const id = '<same-id@example.fr>';
    expect((await processInbound(opts, mail('Léa mange à la cantine jeudi.', { 'Message-ID': id }))).outcome).toBe('acted');
    expect((await processInbound(opts, mail('Noé mange à la cantine jeudi.', { 'Message-ID': id, From: 'parent-f-0002@example.fr' }))).outcome).toBe('acted');
    expect(await bookings()).toEqual(['Léa canteen 2026-12-03 booked', 'Noé canteen 2026-12-03 booked']);
  });
});

describe('never answering a machine', () => {
  it('the out-of-office "Réponse automatique : absente du 7 au 10 décembre" with no header cancels nothing', async () => {
    await processInbound(opts, mail('Léa et Tom mangent à la cantine du 7 au 10 décembre.'));
    const booked = await bookings();
    expect(booked).toHaveLength(6);
    const outcome = await processInbound(opts, mail('Bonjour,\n\nJe suis absente du 7 au 10 décembre. Je lirai vos messages à mon retour.\n\nClaire', { Subject: 'Réponse automatique : absente du 7 au 10 décembre' }));
    expect(outcome).toEqual({ outcome: 'ignored', why: 'automatic' });
    const body = await processInbound(opts, mail('Bonjour,\n\nJe suis absente du 7 au 10 décembre inclus, avec un accès limité à mes mails.\n\nClaire', { Subject: 'Re: Cantine' }));
    expect(body).toEqual({ outcome: 'ignored', why: 'automatic_wording' });
    expect(await bookings()).toEqual(booked);
    expect(await outbox()).toHaveLength(1);
  });

  it(`stops answering a sender after ${LOOP_LIMIT} exchanges without a request, until the next day`, async () => {
    const robot = { 'Authentication-Results': '' };
    const outcomes = [];
    for (let i = 0; i < 8; i++) outcomes.push((await processInbound(opts, mail(`Merci pour votre message numéro ${i}, il a bien été transmis au service.`, robot))).outcome);
    expect(outcomes.filter((o) => o === 'answered' || o === 'acted')).toHaveLength(LOOP_LIMIT);
    expect(await outbox()).toHaveLength(LOOP_LIMIT);
    // a person's proven request still goes through, and starts the count again
    expect((await processInbound(opts, mail('Léa mange à la cantine jeudi.'))).outcome).toBe('acted');
    now = new Date(now.getTime() + 24 * 3_600_000);
    expect((await processInbound(opts, mail('Merci pour votre message.', robot))).outcome).toBe('answered');
  });
});
