import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { issueActivationCodes } from '../../src/core/activation/issueActivationCodes.js';
import { processInbound, type MailOptions } from '../../src/mail/processInbound.js';
import { replyAddress } from '../../src/mail/replyAddress.js';
import { addFamily, testApp, type TestApp } from '../support/app.js';

let app: TestApp;
let now = new Date('2026-12-01T17:30:00Z');
let opts: MailOptions;
const SECRET = 'test-secret-0123456789';
const FROM = 'Portail Famille <inscriptions@mairie.fr>';
const PARENT = 'parent-f-0001@example.fr';

let seq = 0;
function mail(body: string, headers: Record<string, string> = {}): Buffer {
  seq++;
  const all = { From: `Claire <${PARENT}>`, To: 'inscriptions@mairie.fr', Subject: 'Cantine', 'Message-ID': `<m${seq}@example.fr>`, 'Content-Type': 'text/plain; charset=utf-8', 'Content-Transfer-Encoding': '8bit', ...headers };
  return Buffer.from(`${Object.entries(all).map(([k, v]) => `${k}: ${v}`).join('\r\n')}\r\n\r\n${body.replace(/\n/g, '\r\n')}`);
}
const outbox = () => app.db.outbox.findMany({ where: { channel: 'email' }, orderBy: { id: 'asc' } });

beforeEach(async () => {
  now = new Date('2026-12-01T17:30:00Z');
  app = await testApp();
  opts = { app, clock: { now: () => now }, mailFrom: FROM, authservId: 'mx.mairie.fr', secret: SECRET };
  await addFamily(app, 'F-0001', ['Léa', 'Tom']);
  await issueActivationCodes({ families: app.families, activation: app.activation, random: app.random }, { reference: 'F-0001', now, actor: { type: 'system' }, channel: 'admin' });
  await app.db.outbox.deleteMany();
});
afterEach(() => app.dispose());

describe('a message from an activated guardian', () => {
  it('is acted on, and the reply waits in the outbox, in the thread, with a signed Reply-To', async () => {
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
    expect(payload.html).toContain('cantine réservée');
    const guardian = await app.db.guardian.findFirst({ where: { email: PARENT } });
    expect(guardian?.accessState).toBe('active');
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

  it('asks for a shorter message over 2,000 characters of new text', async () => {
    const outcome = await processInbound(opts, mail(`Léa mange à la cantine jeudi. ${'bla '.repeat(600)}`));
    expect(outcome).toEqual({ outcome: 'answered', why: 'too_long' });
    expect((await outbox())[0]!.body).toContain('trop long');
    expect(await app.db.booking.count()).toBe(0);
  });
});

describe('messages not acted on', () => {
  it('never acts on a dmarc=fail, and does not answer it', async () => {
    const outcome = await processInbound(opts, mail('Annule tout pour Léa', { 'Authentication-Results': 'mx.mairie.fr; spf=fail; dkim=none; dmarc=fail header.from=example.fr' }));
    expect(outcome).toEqual({ outcome: 'ignored', why: 'authentication failed' });
    expect(await outbox()).toHaveLength(0);
  });

  it('never answers automatic mail', async () => {
    const outcome = await processInbound(opts, mail('Je suis absente jusqu’au 5.', { 'Auto-Submitted': 'auto-replied' }));
    expect(outcome.outcome).toBe('ignored');
    expect(await outbox()).toHaveLength(0);
  });

  it('answers an unknown sender once a day, how to register, and acts on nothing', async () => {
    const stranger = { From: 'someone@else.example' };
    expect((await processInbound(opts, mail('Léa mange jeudi', stranger))).outcome).toBe('answered');
    expect((await processInbound(opts, mail('Léa mange vendredi', stranger))).outcome).toBe('ignored');
    now = new Date(now.getTime() + 25 * 3_600_000);
    expect((await processInbound(opts, mail('Léa mange lundi', stranger))).outcome).toBe('answered');
    const sent = await outbox();
    expect(sent).toHaveLength(2);
    expect(sent[0]!.body).toContain('présentez-vous à l’accueil du CCAS');
    expect(await app.db.booking.count()).toBe(0);
  });

  it('treats a guardian whose family was never activated as unknown', async () => {
    await addFamily(app, 'F-0002', ['Noé']);
    const outcome = await processInbound(opts, mail('Noé mange jeudi', { From: 'parent-f-0002@example.fr' }));
    expect(outcome).toEqual({ outcome: 'answered', why: 'unknown_sender' });
  });
});
