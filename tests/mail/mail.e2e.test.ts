/**
 * The email channel end to end (DESIGN.md, "contract — email"): the real
 * MailWorker reads a private dovecot over IMAP (IDLE), processInbound acts
 * on a real SQLite app, and the replies leave the outbox over SMTP
 * (smtpSender + sendEmailOutbox, run every 50 ms here as `npm start` runs
 * it) to a local smtp-server. Messages are APPENDed to INBOX as the raw
 * RFC 5322 text that Gmail, Outlook, an auto-responder or a mailer daemon
 * would deliver. The clock is pinned to Tuesday 1 December 2026, 18:30 in
 * Paris. Each test gets a fresh dovecot, receiver and database.
 *
 * Skipped with a stated reason when dovecot-imapd is missing (a failure
 * with CI=true); the `admin activate` test needs no dovecot and always runs.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { issueActivationCodes } from '../../src/core/activation/issueActivationCodes.js';
import { MailWorker, type MailWorkerOptions } from '../../src/mail/mailWorker.js';
import type { InboundOutcome } from '../../src/mail/processInbound.js';
import { replyAddress } from '../../src/mail/replyAddress.js';
import { sendEmailOutbox, smtpSender } from '../../src/mail/sendMail.js';
import { addFamily, testApp, type TestApp } from '../support/app.js';
import { DOVECOT_MISSING, requireDovecot, startDovecot, type Dovecot } from '../support/dovecot.js';
import { startSmtpReceiver, type Received, type SmtpReceiver } from '../support/smtpReceiver.js';

const dovecotBin = requireDovecot();

const ROOT = path.resolve(import.meta.dirname, '../..');
/** Tuesday 1 December 2026, 18:30 in Paris: Thursday's canteen and Friday's care are still open. */
const NOW = new Date('2026-12-01T17:30:00Z');
const SECRET = 'e2e-secret-0123456789abcdef';
const FROM = 'Portail Famille <inscriptions@mairie.fr>';
const AUTHSERV = 'mx.mairie.fr';
const PARENT = 'parent-f-0001@example.fr';
const PARENT_FROM = `Parent F-0001 <${PARENT}>`;
const DATE = 'Tue, 1 Dec 2026 18:29:41 +0100';

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

async function within<T>(what: string, ms: number, p: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([p, new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error(`${what}: not within ${ms} ms`)), ms); })]);
  } finally {
    clearTimeout(timer);
  }
}

// ---- raw messages, as the senders' servers deliver them ----

let seq = 0;
/** A Message-ID in the style of the given client. */
function newMessageId(style: 'gmail' | 'outlook' | 'plain' = 'plain'): string {
  seq++;
  const rnd = `${Date.now().toString(36)}${seq}${Math.random().toString(36).slice(2, 10)}`;
  if (style === 'gmail') return `<CAFk${rnd}+Qx=w@mail.gmail.com>`;
  if (style === 'outlook') return `<PR3P194MB${rnd.toUpperCase()}@PR3P194MB0842.EURP194.PROD.OUTLOOK.COM>`;
  return `<${rnd}@example.fr>`;
}

/** Quoted-printable (RFC 2045), UTF-8, CRLF line ends, lines of at most 76 characters. */
function qp(text: string): string {
  return text
    .split(/\r?\n/)
    .map((line) => {
      let out = '';
      let col = 0;
      const bytes = [...Buffer.from(line, 'utf8')];
      bytes.forEach((b, i) => {
        const last = i === bytes.length - 1;
        const plain = (b >= 33 && b <= 126 && b !== 61) || (b === 32 && !last);
        const piece = plain ? String.fromCharCode(b) : `=${b.toString(16).toUpperCase().padStart(2, '0')}`;
        if (col + piece.length > 75) {
          out += '=\r\n';
          col = 0;
        }
        out += piece;
        col += piece.length;
      });
      return out;
    })
    .join('\r\n');
}

/** An RFC 2047 encoded word, as mail clients write a subject with accents. */
const encodedWord = (s: string) => `=?UTF-8?B?${Buffer.from(s, 'utf8').toString('base64')}?=`;

/** The headers the town's receiving server adds in front of every delivered message. */
function delivery(from: string, auth = `${AUTHSERV}; dkim=pass header.d=example.fr header.s=s2026 header.b=Qx1Ab2Cd; spf=pass (mx.mairie.fr: domain of ${from} designates 192.0.2.25 as permitted sender) smtp.mailfrom=${from}; dmarc=pass (p=QUARANTINE sp=QUARANTINE dis=NONE) header.from=example.fr`): string[] {
  return [
    `Return-Path: <${from}>`,
    'Delivered-To: inscriptions@mairie.fr',
    `Received: from mail-out.example.fr (mail-out.example.fr [192.0.2.25])\r\n\tby ${AUTHSERV} (Postfix) with ESMTPS id 4Qm8Zt1x2Kz9sVb\r\n\tfor <inscriptions@mairie.fr>; Tue,  1 Dec 2026 18:29:43 +0100 (CET)`,
    `Authentication-Results: ${auth}`,
  ];
}

function lines(...parts: (string | string[])[]): string {
  return parts.flat().join('\r\n');
}

/** A plain text message, the way Thunderbird or a phone sends it. */
function plainMessage(o: { messageId: string; body: string; subject?: string; from?: string; envelopeFrom?: string; to?: string; extra?: string[]; auth?: string }): string {
  const envelopeFrom = o.envelopeFrom ?? PARENT;
  return lines(
    o.auth === undefined ? delivery(envelopeFrom) : delivery(envelopeFrom, o.auth),
    `From: ${o.from ?? PARENT_FROM}`,
    `To: ${o.to ?? 'Portail Famille <inscriptions@mairie.fr>'}`,
    `Subject: ${o.subject ?? 'Cantine'}`,
    `Date: ${DATE}`,
    `Message-ID: ${o.messageId}`,
    ...(o.extra ?? []),
    'User-Agent: Mozilla Thunderbird',
    'Content-Language: fr',
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=UTF-8; format=flowed',
    'Content-Transfer-Encoding: quoted-printable',
    '',
    qp(o.body),
    '',
  );
}

const quote = (text: string) => text.replace(/\n+$/, '').split('\n').map((l) => (l ? `> ${l}` : '>')).join('\n');
const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const addressOf = (m: Received, field: 'replyTo' | 'to' | 'from') => m.parsed[field] && !Array.isArray(m.parsed[field]) ? m.parsed[field]!.value[0]!.address! : '';
const referencesOf = (m: Received) => (m.parsed.references === undefined ? [] : Array.isArray(m.parsed.references) ? m.parsed.references : [m.parsed.references]);

/** Gmail's answer, in French, to the assistant's email `to`: new text, then the wrapped "Le … a écrit :" line and "> " quotes. */
function gmailReply(to: Received, text: string, messageId: string): string {
  const replyTo = addressOf(to, 'replyTo');
  const attribution = `Le mar. 1 déc. 2026 à 18:30, Portail Famille <${replyTo}> a écrit :`;
  // Gmail wraps the attribution line in two when it is long
  const wrapped = attribution.replace(' a écrit :', '\na écrit :');
  const plain = `${text}\n\n${wrapped}\n\n${quote(to.parsed.text ?? '')}\n`;
  const html = `<div dir="ltr">${escapeHtml(text)}</div><br><div class="gmail_quote"><div dir="ltr" class="gmail_attr">${escapeHtml(attribution)}<br></div><blockquote class="gmail_quote" style="margin:0px 0px 0px 0.8ex;border-left:1px solid rgb(204,204,204);padding-left:1ex">${to.parsed.html || escapeHtml(to.parsed.text ?? '')}</blockquote></div>`;
  const boundary = '0000000000004b2f1a0611c3e9d2';
  return lines(
    delivery(PARENT),
    'MIME-Version: 1.0',
    `References: ${[...referencesOf(to), to.parsed.messageId].join(' ')}`,
    `In-Reply-To: ${to.parsed.messageId}`,
    `From: ${PARENT_FROM}`,
    `Date: ${DATE}`,
    `Message-ID: ${messageId}`,
    `Subject: ${to.parsed.subject}`,
    `To: Portail Famille <${replyTo}>`,
    `Content-Type: multipart/alternative; boundary="${boundary}"`,
    '',
    `--${boundary}`,
    'Content-Type: text/plain; charset="UTF-8"',
    'Content-Transfer-Encoding: quoted-printable',
    '',
    qp(plain),
    `--${boundary}`,
    'Content-Type: text/html; charset="UTF-8"',
    'Content-Transfer-Encoding: quoted-printable',
    '',
    qp(html),
    `--${boundary}--`,
    '',
  );
}

/** Outlook's answer, in French: new text and signature, then "De : … Envoyé : … À : … Objet : …" and the message, unquoted. */
function outlookReply(to: Received, text: string, messageId: string): string {
  const replyTo = addressOf(to, 'replyTo');
  const header = [`De : Portail Famille <${replyTo}>`, 'Envoyé : mardi 1 décembre 2026 18:30', `À : ${PARENT_FROM}`, `Objet : ${to.parsed.subject}`];
  const plain = [text, '', 'Cordialement,', 'Parent F-0001', '', '________________________________', ...header, '', to.parsed.text ?? ''].join('\n');
  const html = `<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"></head><body><div style="font-family: Aptos, sans-serif; font-size: 12pt;">${escapeHtml(text)}</div><div>Cordialement,<br>Parent F-0001</div><hr style="display:inline-block;width:98%" tabindex="-1"><div id="divRplyFwdMsg" dir="ltr"><font face="Calibri, sans-serif" style="font-size:11pt"><b>De :</b> Portail Famille &lt;${replyTo}&gt;<br><b>Envoyé :</b> mardi 1 décembre 2026 18:30<br><b>À :</b> ${escapeHtml(PARENT_FROM)}<br><b>Objet :</b> ${escapeHtml(to.parsed.subject ?? '')}</font><div>&nbsp;</div></div>${to.parsed.html ?? ''}</body></html>`;
  const boundary = '_000_PR3P194MB0842A1B2C3D4E5F6PR3P194MB0842EURP_';
  return lines(
    delivery(PARENT),
    `From: ${PARENT_FROM}`,
    `To: Portail Famille <${replyTo}>`,
    `Subject: RE: ${(to.parsed.subject ?? '').replace(/^Re: /, '')}`,
    `Thread-Topic: ${(to.parsed.subject ?? '').replace(/^Re: /, '')}`,
    'Thread-Index: AQHbQ2x1k0Xb7y3nT0mYc1qS2m4b9w==',
    `Date: ${DATE}`,
    `Message-ID: ${messageId}`,
    `References: ${[...referencesOf(to), to.parsed.messageId].join(' ')}`,
    `In-Reply-To: ${to.parsed.messageId}`,
    'Accept-Language: fr-FR, en-US',
    'Content-Language: fr-FR',
    'X-MS-Has-Attach:',
    'X-MS-TNEF-Correlator:',
    `Content-Type: multipart/alternative;\r\n\tboundary="${boundary}"`,
    'MIME-Version: 1.0',
    '',
    `--${boundary}`,
    'Content-Type: text/plain; charset="utf-8"',
    'Content-Transfer-Encoding: base64',
    '',
    Buffer.from(plain.replace(/\n/g, '\r\n'), 'utf8').toString('base64').replace(/(.{76})/g, '$1\r\n'),
    '',
    `--${boundary}`,
    'Content-Type: text/html; charset="utf-8"',
    'Content-Transfer-Encoding: base64',
    '',
    Buffer.from(html, 'utf8').toString('base64').replace(/(.{76})/g, '$1\r\n'),
    '',
    `--${boundary}--`,
    '',
  );
}

// ---- the end-to-end suite ----

describe.skipIf(!dovecotBin)(dovecotBin ? 'email end to end (dovecot, MailWorker, SQLite, SMTP)' : `email end to end (skipped: ${DOVECOT_MISSING})`, () => {
  let app: TestApp;
  let dovecot: Dovecot;
  let smtp: SmtpReceiver;
  let sender: ReturnType<typeof smtpSender>;
  let now: Date;
  let logs: string[];
  let handled: { uid: number; outcome: InboundOutcome }[];
  let workers: MailWorker[];
  let stopOutbox: (() => Promise<void>) | undefined;
  const clock = { now: () => now };

  beforeEach(async () => {
    now = NOW;
    logs = [];
    handled = [];
    workers = [];
    app = await testApp();
    await addFamily(app, 'F-0001', ['Léa', 'Tom']);
    await issueActivationCodes({ families: app.families, activation: app.activation, random: app.random }, { reference: 'F-0001', now, actor: { type: 'system' }, channel: 'admin' });
    await app.db.outbox.deleteMany();
    const started = await startDovecot();
    if (!started) throw new Error(DOVECOT_MISSING);
    dovecot = started;
    smtp = await startSmtpReceiver();
    sender = smtpSender(smtp.url, FROM, app.secret);
    stopOutbox = outboxLoop();
  });

  afterEach(async () => {
    const problems: unknown[] = [];
    const attempt = async (p: () => Promise<unknown>) => { try { await p(); } catch (e) { problems.push(e); } };
    for (const w of workers) await attempt(() => within('worker.stop()', 10_000, w.stop()));
    await attempt(async () => stopOutbox?.());
    sender?.close();
    await attempt(() => smtp.stop());
    await attempt(() => dovecot.stop());
    await attempt(() => app.dispose());
    if (problems.length) throw problems[0];
  });

  /** Sends what is due in the outbox every 50 ms, at the pinned time, as the running app does. */
  function outboxLoop(): () => Promise<void> {
    let stopped = false;
    const running = (async () => {
      while (!stopped) {
        try {
          await sendEmailOutbox(app, sender.send, now);
        } catch (error) {
          logs.push(`outbox loop: ${(error as Error).message}`);
        }
        await sleep(50);
      }
    })();
    return async () => {
      stopped = true;
      await running;
    };
  }

  function startWorker(extra: Partial<MailWorkerOptions> = {}): MailWorker {
    const worker = new MailWorker({
      app,
      clock,
      mailFrom: FROM,
      authservId: AUTHSERV,
      secret: SECRET,
      imapUrl: dovecot.url,
      log: (line) => logs.push(line),
      onHandled: (uid, outcome) => handled.push({ uid, outcome }),
      ...extra,
    });
    worker.start();
    workers.push(worker);
    return worker;
  }

  const diagnostics = () => `\n--- worker log ---\n${logs.join('\n')}\n--- dovecot log ---\n${dovecot.log()}`;

  async function until(what: string, cond: () => boolean | Promise<boolean>, ms = 10_000): Promise<void> {
    const deadline = Date.now() + ms;
    while (!(await cond())) {
      if (Date.now() > deadline) throw new Error(`${what}: not within ${ms} ms${diagnostics()}`);
      await sleep(25);
    }
  }

  /** APPENDs a raw message to INBOX; returns its UID. */
  async function append(raw: string | Buffer): Promise<number> {
    await dovecot.append(raw);
    return (await dovecot.list()).at(-1)!.uid;
  }

  async function flagsOf(uid: number): Promise<string[]> {
    const m = (await dovecot.list()).find((x) => x.uid === uid);
    if (!m) throw new Error(`no message UID ${uid} in INBOX`);
    return m.flags;
  }

  async function waitHandled(uid: number, ms = 10_000): Promise<InboundOutcome> {
    await until(`message UID ${uid} handled`, () => handled.some((h) => h.uid === uid), ms);
    return handled.find((h) => h.uid === uid)!.outcome;
  }

  const replyTo = (messageId: string, ms = 8_000) =>
    smtp.waitFor((m) => m.parsed.inReplyTo === messageId, ms).catch((e: Error) => {
      throw new Error(`${e.message}${diagnostics()}`);
    });
  const repliesTo = (messageId: string) => smtp.messages.filter((m) => m.parsed.inReplyTo === messageId);
  const outbox = () => app.db.outbox.findMany({ where: { channel: 'email' }, orderBy: { id: 'asc' } });
  const guardianId = async () => (await app.db.guardian.findFirstOrThrow({ where: { email: PARENT } })).id;
  async function bookings(): Promise<string[]> {
    const rows = await app.db.booking.findMany({ include: { child: true }, orderBy: [{ date: 'asc' }, { childId: 'asc' }, { serviceCode: 'asc' }] });
    return rows.map((b) => `${b.child.firstName} ${b.serviceCode} ${b.date} ${b.state}`);
  }
  /** Lets the outbox loop run a few more times, so a reply that should not exist would have had its chance to go out. */
  const settle = () => sleep(300);

  it('a plain request: booked, answered over SMTP in the thread (auto-replied, text and HTML), flagged \\Seen', async () => {
    startWorker();
    const id = newMessageId();
    const uid = await append(plainMessage({ messageId: id, subject: encodedWord('Réservation cantine'), body: 'Bonjour,\n\nLéa mange à la cantine jeudi.\n\nMerci beaucoup,\nClaire' }));

    const reply = await replyTo(id);
    expect(reply.envelope).toEqual({ mailFrom: 'inscriptions@mairie.fr', rcptTo: [PARENT] });
    expect(addressOf(reply, 'to')).toBe(PARENT);
    expect(addressOf(reply, 'from')).toBe('inscriptions@mairie.fr');
    expect(reply.parsed.subject).toBe('Re: Réservation cantine');
    expect(reply.parsed.inReplyTo).toBe(id);
    expect(referencesOf(reply)).toEqual([id]);
    expect(reply.parsed.headers.get('auto-submitted')).toBe('auto-replied');
    expect(addressOf(reply, 'replyTo')).toBe(replyAddress(FROM, SECRET, await guardianId()));
    expect(reply.parsed.text).toContain('✅ Léa : cantine réservée le jeudi 3 décembre');
    expect(reply.parsed.html).toContain('cantine réservée le jeudi 3 décembre');
    expect(reply.raw.toString('latin1')).toMatch(/Content-Type: multipart\/alternative/i);

    expect(await waitHandled(uid)).toMatchObject({ outcome: 'acted' });
    expect(await bookings()).toEqual(['Léa canteen 2026-12-03 booked']);
    expect(await flagsOf(uid)).toEqual(['\\Seen']);
    const [row] = await outbox();
    expect(row).toMatchObject({ recipient: PARENT, attempts: 1, lastError: null });
    expect(row!.sentAt).not.toBeNull();
    // the idempotency key is the Message-ID and the sender
    expect(await app.db.inboundMessage.count({ where: { channel: 'email', externalId: `${id} from ${PARENT}`, status: 'acted' } })).toBe(1);
  });

  it('a Gmail reply in French ("2", then "Le … a écrit :" and "> " quotes) answers the question and completes the request', async () => {
    startWorker();
    const first = newMessageId('gmail');
    await append(plainMessage({ messageId: first, subject: 'Cantine jeudi', body: 'cantine jeudi' }));
    const question = await replyTo(first);
    expect(question.parsed.text).toContain('Pour quel enfant ?');
    expect(question.parsed.text).toContain('Répondez 1 pour « Léa », 2 pour « Tom »');
    expect(await bookings()).toEqual([]);

    const answer = newMessageId('gmail');
    const uid = await append(gmailReply(question, '2', answer));
    const done = await replyTo(answer);
    expect(done.parsed.subject).toBe('Re: Cantine jeudi');
    expect(referencesOf(done)).toEqual([first, question.parsed.messageId, answer]);
    expect(done.parsed.text).toContain('✅ Tom : cantine réservée le jeudi 3 décembre');
    expect(await bookings()).toEqual(['Tom canteen 2026-12-03 booked']);
    await waitHandled(uid);
    expect(await flagsOf(uid)).toEqual(['\\Seen']);
  });

  it('an Outlook reply in French ("pareil pour Tom", signature, "De : … Envoyé : … À : … Objet : …") repeats the request for Tom', async () => {
    startWorker();
    const first = newMessageId('outlook');
    await append(plainMessage({ messageId: first, body: 'Bonjour,\nLéa mange à la cantine jeudi.\nMerci' }));
    const confirmation = await replyTo(first);
    expect(confirmation.parsed.text).toContain('✅ Léa : cantine réservée le jeudi 3 décembre');

    const answer = newMessageId('outlook');
    const uid = await append(outlookReply(confirmation, 'pareil pour Tom', answer));
    const done = await replyTo(answer);
    expect(done.parsed.subject).toBe('Re: Cantine');
    expect(done.parsed.text).toContain('✅ Tom : cantine réservée le jeudi 3 décembre');
    // The quoted confirmation (with its "Répondez DEFAIRE") was not read as a request: Léa keeps her meal.
    expect(await bookings()).toEqual(['Léa canteen 2026-12-03 booked', 'Tom canteen 2026-12-03 booked']);
    await waitHandled(uid);
    expect(await flagsOf(uid)).toEqual(['\\Seen']);
  });

  it('an HTML-only message is read and answered', async () => {
    startWorker();
    const id = newMessageId();
    const html = '<html><head><meta charset="utf-8"></head><body><div dir="ltr">Bonjour,<br><br>Tom va &agrave; la garderie du soir vendredi.<br><br>Bonne soir&eacute;e,<br>Claire</div></body></html>';
    const uid = await append(lines(
      delivery(PARENT),
      `From: ${PARENT_FROM}`,
      'To: inscriptions@mairie.fr',
      'Subject: Garderie',
      `Date: ${DATE}`,
      `Message-ID: ${id}`,
      'MIME-Version: 1.0',
      'Content-Type: text/html; charset="UTF-8"',
      'Content-Transfer-Encoding: quoted-printable',
      '',
      qp(html),
      '',
    ));
    const reply = await replyTo(id);
    expect(reply.parsed.text).toMatch(/✅ Tom : garderie du soir réservée le vendredi 4 décembre/);
    expect(await bookings()).toEqual(['Tom evening 2026-12-04 booked']);
    await waitHandled(uid);
    expect(await flagsOf(uid)).toEqual(['\\Seen']);
  });

  it('a spoofed sender (dmarc=fail at the town’s server) is not acted on, not answered, but flagged \\Seen', async () => {
    startWorker();
    const id = newMessageId();
    const uid = await append(plainMessage({
      messageId: id,
      body: 'Annulez la cantine de Léa et Tom jeudi, et inscrivez Tom à la garderie du soir vendredi.',
      envelopeFrom: 'bounce@spammer.example',
      auth: `${AUTHSERV}; dkim=none (message not signed) header.d=none; spf=fail (mx.mairie.fr: domain of bounce@spammer.example does not designate 203.0.113.9 as permitted sender) smtp.mailfrom=bounce@spammer.example; dmarc=fail (p=REJECT sp=REJECT dis=NONE) header.from=example.fr`,
    }));
    expect(await waitHandled(uid)).toEqual({ outcome: 'ignored', why: 'authentication failed' });
    expect(await flagsOf(uid)).toEqual(['\\Seen']);
    await settle();
    expect(await outbox()).toEqual([]);
    expect(smtp.messages).toEqual([]);
    expect(await bookings()).toEqual([]);
  });

  it('an unknown sender gets one short answer; a second message the same day gets none', async () => {
    startWorker();
    const stranger = 'Jean Inconnu <jean.inconnu@example.org>';
    const first = newMessageId();
    const uid1 = await append(plainMessage({ messageId: first, from: stranger, envelopeFrom: 'jean.inconnu@example.org', body: 'Bonjour, Léa mange à la cantine jeudi.' }));
    const answer = await replyTo(first);
    expect(answer.envelope.rcptTo).toEqual(['jean.inconnu@example.org']);
    expect(answer.parsed.subject).toBe('Re: Cantine');
    expect(answer.parsed.text).toContain('présentez-vous à l’accueil du CCAS');
    expect(answer.parsed.text!.length).toBeLessThan(600);
    expect(answer.parsed.headers.get('auto-submitted')).toBe('auto-replied');

    now = new Date(NOW.getTime() + 2 * 3_600_000);
    const second = newMessageId();
    const uid2 = await append(plainMessage({ messageId: second, from: stranger, envelopeFrom: 'jean.inconnu@example.org', subject: 'Re: Cantine', body: 'Et Tom vendredi ?', extra: [`In-Reply-To: ${answer.parsed.messageId}`] }));
    expect(await waitHandled(uid2)).toEqual({ outcome: 'ignored', why: 'unknown sender, already answered today' });
    await settle();
    expect(smtp.messages.filter((m) => m.envelope.rcptTo.includes('jean.inconnu@example.org'))).toHaveLength(1);
    expect(await outbox()).toHaveLength(1);
    expect(await bookings()).toEqual([]);
    expect(await flagsOf(uid1)).toEqual(['\\Seen']);
    expect(await flagsOf(uid2)).toEqual(['\\Seen']);
  });

  it('an auto-reply and a bounce are never answered, and both are flagged \\Seen', async () => {
    startWorker();
    const autoId = newMessageId('outlook');
    const uidAuto = await append(lines(
      delivery(PARENT),
      `From: ${PARENT_FROM}`,
      'To: Portail Famille <inscriptions@mairie.fr>',
      `Subject: ${encodedWord('Réponse automatique : Re: Cantine')}`,
      `Date: ${DATE}`,
      `Message-ID: ${autoId}`,
      'Auto-Submitted: auto-replied',
      'X-Auto-Response-Suppress: All',
      'Content-Type: text/plain; charset="utf-8"',
      'Content-Transfer-Encoding: quoted-printable',
      'MIME-Version: 1.0',
      '',
      qp('Bonjour,\n\nJe suis absente jusqu’au lundi 7 décembre inclus. Léa mange à la cantine jeudi, merci de noter.\n\nClaire'),
      '',
    ));
    const bounceId = newMessageId();
    const boundary = '4Qm9Bk0Zx7z9sVc.1764610183/mail-out.example.fr';
    const uidBounce = await append(lines(
      'Return-Path: <>',
      'Delivered-To: inscriptions@mairie.fr',
      `Received: by mail-out.example.fr (Postfix)\r\n\tid 4Qm9Bk0Zx7z9sVc; Tue,  1 Dec 2026 18:29:43 +0100 (CET)`,
      `Authentication-Results: ${AUTHSERV}; spf=none smtp.helo=mail-out.example.fr; dmarc=none`,
      `Date: ${DATE}`,
      'From: MAILER-DAEMON@mail-out.example.fr (Mail Delivery System)',
      'Subject: Undelivered Mail Returned to Sender',
      'To: inscriptions@mairie.fr',
      'Auto-Submitted: auto-replied',
      'MIME-Version: 1.0',
      `Content-Type: multipart/report; report-type=delivery-status;\r\n\tboundary="${boundary}"`,
      'Content-Transfer-Encoding: 8bit',
      `Message-Id: ${bounceId}`,
      '',
      'This is a MIME-encapsulated message.',
      '',
      `--${boundary}`,
      'Content-Description: Notification',
      'Content-Type: text/plain; charset=utf-8',
      'Content-Transfer-Encoding: 8bit',
      '',
      'This is the mail system at host mail-out.example.fr.',
      '',
      'I\'m sorry to have to inform you that your message could not',
      'be delivered to one or more recipients.',
      '',
      '<ancienne-adresse@example.fr>: host mx.example.fr[192.0.2.30] said: 550 5.1.1',
      '    <ancienne-adresse@example.fr>: Recipient address rejected: User unknown',
      '',
      `--${boundary}`,
      'Content-Description: Delivery report',
      'Content-Type: message/delivery-status',
      '',
      'Reporting-MTA: dns; mail-out.example.fr',
      'Arrival-Date: Tue,  1 Dec 2026 18:29:40 +0100 (CET)',
      '',
      'Final-Recipient: rfc822; ancienne-adresse@example.fr',
      'Action: failed',
      'Status: 5.1.1',
      'Diagnostic-Code: smtp; 550 5.1.1 <ancienne-adresse@example.fr>: Recipient address rejected: User unknown',
      '',
      `--${boundary}`,
      'Content-Description: Undelivered Message',
      'Content-Type: message/rfc822',
      'Content-Transfer-Encoding: 8bit',
      '',
      'From: Portail Famille <inscriptions@mairie.fr>',
      'To: ancienne-adresse@example.fr',
      'Subject: Re: Cantine',
      'Auto-Submitted: auto-replied',
      '',
      '✅ Léa : cantine réservée le jeudi 3 décembre',
      '',
      `--${boundary}--`,
      '',
    ));
    expect(await waitHandled(uidAuto)).toMatchObject({ outcome: 'ignored' });
    expect(await waitHandled(uidBounce)).toMatchObject({ outcome: 'ignored' });
    expect(await flagsOf(uidAuto)).toEqual(['\\Seen']);
    expect(await flagsOf(uidBounce)).toEqual(['\\Seen']);
    await settle();
    expect(await outbox()).toEqual([]);
    expect(smtp.messages).toEqual([]);
    expect(await bookings()).toEqual([]);
  });

  it('a malformed MIME message followed by a valid one: the valid one is answered, both are flagged', async () => {
    startWorker();
    const broken = newMessageId();
    const valid = newMessageId();
    // Declares a boundary it never uses, a base64 part that is not base64, an unterminated encoded word, raw 8-bit bytes.
    const uidBroken = await append(Buffer.from(lines(
      delivery(PARENT),
      `From: ${PARENT_FROM}`,
      'To: inscriptions@mairie.fr',
      'Subject: =?utf-8?B?UsOpc2VydmF0aW9u',
      `Date: ${DATE}`,
      `Message-ID: ${broken}`,
      'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary="----=_Part_1_declared"',
      '',
      '------=_Part_2_other',
      'Content-Type: text/plain; charset=utf-8',
      'Content-Transfer-Encoding: base64',
      '',
      '@@@ ceci n\'est pas du base64 !!! ***',
      '------=_Part_2_other',
      'Content-Type: application/octet-stream',
      '',
      '\u00ff\u00fe\u0000\u0001 tronqu\u00e9',
    ), 'latin1'));
    const uidValid = await append(plainMessage({ messageId: valid, body: 'Tom mange à la cantine vendredi.' }));

    const reply = await replyTo(valid);
    expect(reply.parsed.text).toContain('✅ Tom : cantine réservée le vendredi 4 décembre');
    // A person's message that cannot be read: taken once, and answered with how to write a request.
    expect(await waitHandled(uidBroken)).toMatchObject({ outcome: 'acted' });
    expect((await replyTo(broken)).parsed.text).toContain('je n’ai pas compris');
    await waitHandled(uidValid);
    expect(await flagsOf(uidBroken)).toEqual(['\\Seen']);
    expect(await flagsOf(uidValid)).toEqual(['\\Seen']);
    expect(await bookings()).toEqual(['Tom canteen 2026-12-04 booked']);
    expect(await app.db.inboundMessage.count()).toBe(2);
  });

  it('reconnects after the IMAP server restarts: a message appended after the restart is handled', async () => {
    startWorker();
    const before = newMessageId();
    const uid1 = await append(plainMessage({ messageId: before, body: 'Léa mange à la cantine jeudi.' }));
    await waitHandled(uid1);

    await dovecot.restart();
    const after = newMessageId();
    const uid2 = await append(plainMessage({ messageId: after, body: 'Tom mange à la cantine vendredi.' }));
    const reply = await replyTo(after, 15_000);
    expect(reply.parsed.text).toContain('✅ Tom : cantine réservée le vendredi 4 décembre');
    await waitHandled(uid2, 15_000);
    expect(await flagsOf(uid2)).toEqual(['\\Seen']);
    expect(logs.some((l) => /reconnexion IMAP/.test(l))).toBe(true);
    expect(await bookings()).toEqual(['Léa canteen 2026-12-03 booked', 'Tom canteen 2026-12-04 booked']);
  });

  it('with the SMTP server down the reply waits in the outbox (attempts, lastError), and goes out exactly once after the retry delay', async () => {
    await smtp.stop();
    startWorker();
    const id = newMessageId();
    const uid = await append(plainMessage({ messageId: id, body: 'Léa mange à la cantine jeudi.' }));
    await waitHandled(uid);
    // the request was taken and flagged, its reply stored, whatever SMTP does
    expect(await flagsOf(uid)).toEqual(['\\Seen']);
    expect(await bookings()).toEqual(['Léa canteen 2026-12-03 booked']);
    await until('a failed send attempt', async () => ((await outbox())[0]?.attempts ?? 0) > 0);
    const [failed] = await outbox();
    expect(failed).toMatchObject({ attempts: 1, sentAt: null });
    expect(failed!.lastError).toMatch(/ECONNREFUSED|connect/i);
    expect(failed!.nextAttemptAt.getTime()).toBeGreaterThan(now.getTime());

    await smtp.start();
    await settle();
    // not due yet: the clock has not moved
    expect(smtp.messages).toEqual([]);
    expect((await outbox())[0]!.attempts).toBe(1);

    now = new Date(failed!.nextAttemptAt.getTime() + 1_000);
    const reply = await replyTo(id);
    expect(reply.parsed.text).toContain('✅ Léa : cantine réservée le jeudi 3 décembre');
    await settle();
    expect(repliesTo(id)).toHaveLength(1);
    const [sent] = await outbox();
    expect(sent).toMatchObject({ attempts: 2, lastError: null });
    expect(sent!.sentAt).not.toBeNull();
  });

  it('a crash after commit, before \\Seen: a new worker flags the message, and there is still exactly one reply and one booking', async () => {
    let crashes = 0;
    const first = startWorker({
      afterCommit: () => {
        crashes++;
        throw new Error('injected crash after commit');
      },
    });
    const id = newMessageId();
    const uid = await append(plainMessage({ messageId: id, body: 'Léa mange à la cantine jeudi.' }));
    await until('the injected crash', () => crashes > 0);
    await within('first worker stop()', 5_000, first.stop());
    expect(await flagsOf(uid)).toEqual([]);
    expect(await app.db.inboundMessage.count()).toBe(1);
    expect(await outbox()).toHaveLength(1);

    startWorker();
    expect(await waitHandled(uid)).toEqual({ outcome: 'duplicate' });
    expect(await flagsOf(uid)).toEqual(['\\Seen']);
    await replyTo(id);
    await settle();
    expect(repliesTo(id)).toHaveLength(1);
    expect(await outbox()).toHaveLength(1);
    expect(await bookings()).toEqual(['Léa canteen 2026-12-03 booked']);
  });

  it('a crash before commit (a fault inside the transaction): nothing is recorded, the message stays unseen, and the next drain handles it exactly once', async () => {
    let faults = 1;
    const faultyClock = {
      now: () => {
        if (faults > 0) {
          faults--;
          throw new Error('injected fault inside the transaction');
        }
        return now;
      },
    };
    const first = startWorker({ clock: faultyClock });
    const id = newMessageId();
    const uid = await append(plainMessage({ messageId: id, body: 'Léa mange à la cantine jeudi.' }));
    await until('the failed attempt is logged', () => logs.some((l) => l.includes(`UID ${uid}`) && l.includes('injected fault')));
    expect(await app.db.inboundMessage.count()).toBe(0);
    expect(await outbox()).toEqual([]);
    expect(await bookings()).toEqual([]);
    expect(await flagsOf(uid)).toEqual([]);

    // The failure does not hold up the next message (the failed one waits its turn, not in a tight loop).
    const other = newMessageId();
    const uid2 = await append(plainMessage({ messageId: other, body: 'Tom mange à la cantine vendredi.' }));
    await waitHandled(uid2);
    expect(await flagsOf(uid)).toEqual([]);

    // The next drain (here, the worker started again) takes it, once.
    await within('first worker stop()', 5_000, first.stop());
    startWorker();
    expect(await waitHandled(uid)).toMatchObject({ outcome: 'acted' });
    expect(await flagsOf(uid)).toEqual(['\\Seen']);
    await replyTo(id);
    await settle();
    expect(repliesTo(id)).toHaveLength(1);
    expect(handled.filter((h) => h.uid === uid)).toHaveLength(1);
    expect(await app.db.inboundMessage.count()).toBe(2);
    expect(await bookings()).toEqual(['Léa canteen 2026-12-03 booked', 'Tom canteen 2026-12-04 booked']);
  });

  it('stop() called twice at once (SIGTERM to a process group) finishes the message in hand, resolves, and logs out', async () => {
    let stopping: Promise<unknown> | undefined;
    let worker: MailWorker | undefined;
    worker = startWorker({
      afterCommit: async () => {
        stopping ??= Promise.all([worker!.stop(), worker!.stop()]);
        await sleep(100);
      },
    });
    const id = newMessageId();
    const uid = await append(plainMessage({ messageId: id, body: 'Léa mange à la cantine jeudi.' }));
    await until('stop() called', () => stopping !== undefined);
    await within('both stop() calls', 5_000, stopping!);
    await within('a third stop()', 1_000, worker.stop());

    expect(handled.map((h) => h.uid)).toEqual([uid]);
    expect(await flagsOf(uid)).toEqual(['\\Seen']);
    await replyTo(id);
    // every IMAP session, the worker's included, ended with LOGOUT
    await until('dovecot logs every session out', () => {
      const log = dovecot.log();
      return (log.match(/Login: user=<inscriptions>/g) ?? []).length === (log.match(/Disconnected: Logged out/g) ?? []).length;
    }, 3_000);
    expect(dovecot.log()).not.toMatch(/Disconnected: (Connection closed|Disconnected in IDLE)/);
    expect(logs.filter((l) => /reconnexion|IMAP/.test(l))).toEqual([]);

    // stopped means stopped: a new message is left for the next start
    const later = await append(plainMessage({ messageId: newMessageId(), body: 'Tom mange à la cantine vendredi.' }));
    await sleep(500);
    expect(await flagsOf(later)).toEqual([]);
  });

  // ---- attacks through the real mailbox (issue 10): the figures are printed with the test ----

  it('attack — forged requests from a registered address: none acted on; the unproven ones are put to the registered address to confirm, dmarc=fail is not answered', { timeout: 60_000 }, async () => {
    startWorker();
    const ATTACKER = 'mallory@attacker.example';
    const request = 'Annulez la cantine de Léa et Tom jeudi, et inscrivez Tom à la garderie du soir vendredi.';
    const forgeries: { name: string; raw: string; answered: boolean }[] = [
      { name: 'no Authentication-Results', raw: lines(delivery(ATTACKER).filter((l) => !l.startsWith('Authentication-Results')), `From: ${PARENT_FROM}`, 'To: inscriptions@mairie.fr', 'Subject: Cantine', `Date: ${DATE}`, `Message-ID: ${newMessageId()}`, 'Content-Type: text/plain; charset=utf-8', '', request, ''), answered: true },
      { name: 'dmarc=none', raw: plainMessage({ messageId: newMessageId(), body: request, envelopeFrom: ATTACKER, auth: `${AUTHSERV}; spf=pass smtp.mailfrom=${ATTACKER}; dkim=none; dmarc=none header.from=example.fr` }), answered: true },
      { name: 'spf=softfail', raw: plainMessage({ messageId: newMessageId(), body: request, auth: `${AUTHSERV}; spf=softfail smtp.mailfrom=${PARENT}; dkim=none; dmarc=temperror header.from=example.fr` }), answered: true },
      { name: 'dmarc=pass by an untrusted server', raw: plainMessage({ messageId: newMessageId(), body: request, envelopeFrom: ATTACKER, auth: `mx.attacker.example; dkim=pass header.d=example.fr; dmarc=pass header.from=example.fr` }), answered: true },
      { name: 'our authserv-id, written below the server’s own header', raw: plainMessage({ messageId: newMessageId(), body: request, envelopeFrom: ATTACKER, auth: `${AUTHSERV}; spf=pass smtp.mailfrom=${ATTACKER}; dmarc=none\r\nAuthentication-Results: ${AUTHSERV}; dmarc=pass header.from=example.fr` }), answered: true },
      { name: 'two From addresses', raw: plainMessage({ messageId: newMessageId(), body: request, from: `${PARENT_FROM}, Mallory <${ATTACKER}>` }), answered: true },
      { name: 'Sender and Reply-To of the attacker', raw: plainMessage({ messageId: newMessageId(), body: request, extra: [`Sender: ${ATTACKER}`, `Reply-To: ${ATTACKER}`] }), answered: true },
      { name: 'a forged thread Message-ID', raw: plainMessage({ messageId: newMessageId(), body: request, auth: `${AUTHSERV}; dmarc=none`, extra: ['In-Reply-To: <pf.AAAAAAAAAAAAAAAA.0123456789abcdef0123456789abcdef@mairie.fr>'] }), answered: true },
      { name: 'dmarc=fail', raw: plainMessage({ messageId: newMessageId(), body: request, envelopeFrom: ATTACKER, auth: `${AUTHSERV}; spf=fail smtp.mailfrom=${ATTACKER}; dmarc=fail (p=REJECT) header.from=example.fr` }), answered: false },
    ];
    const uids: number[] = [];
    for (const f of forgeries) uids.push(await append(f.raw));
    for (const uid of uids) await waitHandled(uid);
    await settle();
    const acted = handled.filter((h) => h.outcome.outcome === 'acted').length;
    const changed = (await bookings()).length;
    // One confirmation request each, up to the loop limit of the day: a flood of forgeries does not flood the parent.
    const { LOOP_LIMIT } = await import('../../src/core/messages/receiveEmail.js');
    const expectedAnswers = Math.min(LOOP_LIMIT, forgeries.filter((f) => f.answered).length);
    await until('the confirmation requests go out', () => smtp.messages.length >= expectedAnswers);
    await settle();
    const toAttacker = smtp.messages.filter((m) => m.envelope.rcptTo.some((r) => r !== PARENT)).length;
    const why = handled.map((h) => ('why' in h.outcome ? h.outcome.why : h.outcome.outcome)).join(', ');
    console.log(`[attack] forged requests: ${forgeries.length}; acted on: ${acted}; bookings changed: ${changed}; confirmation requests to the registered address: ${smtp.messages.length}; mails to any other address: ${toAttacker} (${why})`);
    expect(handled.filter((h) => 'why' in h.outcome && h.outcome.why === 'authentication failed')).toHaveLength(1);
    expect(acted).toBe(0);
    expect(changed).toBe(0);
    expect(toAttacker).toBe(0);
    expect(smtp.messages).toHaveLength(expectedAnswers);
    for (const m of smtp.messages) expect(m.parsed.text).toContain('Je n’ai pas pu vérifier que ce message vient bien de vous');
    for (const uid of uids) expect(await flagsOf(uid)).toEqual(['\\Seen']);

    // The guardian replies to one of those emails (Gmail, no verdict needed: our thread proves it): applied.
    const ask = smtp.messages[0]!;
    const answer = newMessageId('gmail');
    const raw = gmailReply(ask, 'Oui', answer).replace(/^Authentication-Results: .*$/m, `Authentication-Results: ${AUTHSERV}; dmarc=none`);
    await append(raw);
    const done = await replyTo(answer);
    expect(done.parsed.text).toContain('✅ Tom : garderie du soir réservée le vendredi 4 décembre');
    expect(await bookings()).toEqual(['Tom evening 2026-12-04 booked']);
    expect(await app.db.inboundMessage.count({ where: { status: 'acted' } })).toBe(1);
  });

  it('attack — automatic mail without and with headers: none answered, none acted on; the headerless out-of-office cancels nothing', { timeout: 60_000 }, async () => {
    startWorker();
    const booked = newMessageId();
    await append(plainMessage({ messageId: booked, body: 'Léa et Tom mangent à la cantine du 7 au 10 décembre.' }));
    await replyTo(booked);
    const before = await bookings();
    expect(before).toHaveLength(6);
    const sentBefore = smtp.messages.length;
    const auto = (subject: string, body: string, extra: string[] = [], from = PARENT_FROM) => plainMessage({ messageId: newMessageId('outlook'), subject, body, extra, from });
    const machines = [
      auto(encodedWord('Réponse automatique : absente du 7 au 10 décembre'), 'Bonjour,\n\nJe suis absente du 7 au 10 décembre.\n\nClaire'),
      auto('Re: Cantine', 'Je suis absente du 7 au 10 décembre, avec un accès limité à mes mails. Je lirai votre message à mon retour.'),
      auto(encodedWord('Message d’absence'), 'Absente jusqu’au 10 décembre.'),
      auto('Absence du bureau', 'Annulez tout, je reviens le 11.'),
      auto('Automatic reply: Cantine', 'I am out of the office until 10 December.'),
      auto('Out of Office', 'Cancel everything for Léa and Tom from 7 to 10 December.'),
      auto('Autoreply: Cantine', 'Thank you for your message.'),
      auto('Re: Cantine', 'I am out of the office with limited access to email.'),
      auto('Cantine', 'Annule la cantine de Léa et Tom du 7 au 10 décembre.', ['Auto-Submitted: auto-replied']),
      auto('Cantine', 'Annule la cantine de Léa et Tom du 7 au 10 décembre.', ['X-Autoreply: yes']),
      auto('Cantine', 'Annule la cantine de Léa et Tom du 7 au 10 décembre.', ['X-Autorespond: yes']),
      auto('Cantine', 'Annule la cantine de Léa et Tom du 7 au 10 décembre.', ['Precedence: bulk']),
      auto('Cantine', 'Annule la cantine de Léa et Tom du 7 au 10 décembre.', ['Precedence: junk']),
      auto('Cantine', 'Annule la cantine de Léa et Tom du 7 au 10 décembre.', ['List-Id: <parents.example.fr>']),
      auto('Cantine', 'Annule la cantine de Léa et Tom du 7 au 10 décembre.', ['List-Unsubscribe: <mailto:u@example.fr>']),
      auto('Cantine', 'Annule la cantine de Léa et Tom du 7 au 10 décembre.', ['X-Auto-Response-Suppress: OOF']),
      auto('Cantine', 'Annule la cantine de Léa et Tom du 7 au 10 décembre.', ['X-Loop: inscriptions@mairie.fr']),
      auto('Undelivered Mail Returned to Sender', 'Annule la cantine de Léa et Tom du 7 au 10 décembre.', [], 'MAILER-DAEMON@mail-out.example.fr'),
      auto('Delivery Status Notification', 'Annule la cantine du 7 au 10 décembre.', [], 'postmaster@example.fr'),
      auto('Re: Cantine', 'Annule la cantine de Léa et Tom du 7 au 10 décembre.', [], FROM),
      lines(['Return-Path: <>', ...delivery(PARENT).slice(1)], `From: ${PARENT_FROM}`, 'To: inscriptions@mairie.fr', 'Subject: Cantine', `Date: ${DATE}`, `Message-ID: ${newMessageId()}`, 'Content-Type: text/plain; charset=utf-8', '', 'Annule la cantine de Léa et Tom du 7 au 10 décembre.', ''),
      lines(delivery(PARENT), `From: ${PARENT_FROM}`, 'To: inscriptions@mairie.fr', 'Subject: Rapport', `Date: ${DATE}`, `Message-ID: ${newMessageId()}`, 'Content-Type: multipart/report; report-type=delivery-status; boundary="r"', '', '--r', 'Content-Type: text/plain', '', 'Annule la cantine de Léa et Tom du 7 au 10 décembre.', '--r--', ''),
    ];
    const uids: number[] = [];
    for (const m of machines) uids.push(await append(m));
    for (const uid of uids) await waitHandled(uid);
    await settle();
    await settle();
    const answered = smtp.messages.length - sentBefore;
    const acted = handled.filter((h) => uids.includes(h.uid) && h.outcome.outcome !== 'ignored').length;
    const after = await bookings();
    console.log(`[attack] automatic messages: ${machines.length}; answered: ${answered}; acted on: ${acted}; bookings changed: ${before.filter((b, i) => after[i] !== b).length}`);
    expect(answered).toBe(0);
    expect(acted).toBe(0);
    expect(after).toEqual(before);
    for (const uid of uids) expect(await flagsOf(uid)).toEqual(['\\Seen']);
    // every one of them left a trace for staff
    expect(await app.db.auditEvent.count({ where: { action: 'email.not_acted' } })).toBe(machines.length);
  });

  it('attack — a headerless auto-responder answering each of our emails in the thread: the loop stops at the limit', { timeout: 90_000 }, async () => {
    startWorker();
    let last: Received | undefined;
    let answers = 0;
    const ROUNDS = 8;
    for (let round = 0; round < ROUNDS; round++) {
      const id = newMessageId();
      const body = `Merci pour votre message. Il a bien été reçu et sera traité dans les meilleurs délais. (réf. ${round})`;
      const extra = last ? [`In-Reply-To: ${last.parsed.messageId}`, `References: ${last.parsed.messageId}`] : [];
      const uid = await append(plainMessage({ messageId: id, subject: last ? (last.parsed.subject ?? 'Re: Cantine') : 'Cantine', body, extra }));
      await waitHandled(uid);
      await settle();
      const reply = repliesTo(id)[0];
      if (reply) {
        answers++;
        last = reply;
      }
    }
    const { LOOP_LIMIT } = await import('../../src/core/messages/receiveEmail.js');
    console.log(`[attack] auto-responder rounds: ${ROUNDS}; answered: ${answers}; limit: ${LOOP_LIMIT}; loops past the limit: ${Math.max(0, answers - LOOP_LIMIT)}`);
    expect(answers).toBeLessThanOrEqual(LOOP_LIMIT);
    // our own mail says it is ours (X-Loop) and carries a Message-ID signed for the guardian
    expect(last!.parsed.headers.get('x-loop')).toBe('inscriptions@mairie.fr');
    expect(last!.parsed.messageId).toMatch(/^<pf\.[A-Za-z0-9_-]{16}\.[0-9a-f]{32}@mairie\.fr>$/);
    expect(answers).toBeGreaterThan(0);
    expect(await bookings()).toEqual([]);
  });
});

// ---- admin activate, as staff run it, with SMTP set ----

describe('admin activate with SMTP_URL: the welcome email goes out at once', () => {
  let app: TestApp;
  let smtp: SmtpReceiver;

  beforeEach(async () => {
    app = await testApp();
    await addFamily(app, 'F-0001', ['Léa', 'Tom']);
    smtp = await startSmtpReceiver();
  });
  afterEach(async () => {
    await smtp.stop();
    await app.dispose();
  });

  it('sends the welcome email with the code and the t.me link', { timeout: 60_000 }, async () => {
    const env: NodeJS.ProcessEnv = { ...process.env };
    for (const name of ['TELEGRAM_BOT_TOKEN', 'TELEGRAM_API_ROOT', 'TELEGRAM_WEBHOOK_URL', 'IMAP_URL', 'TOWN_CONFIG', 'MAIL_AUTHSERV_ID']) delete env[name];
    Object.assign(env, {
      DATABASE_URL: `file:${path.join(app.dir, 'test.db')}`,
      SMTP_URL: smtp.url,
      MAIL_FROM: FROM,
      APP_SECRET: SECRET,
      TELEGRAM_BOT_USERNAME: 'portail_test_bot',
    });
    const run = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve, reject) => {
      execFile('npm', ['run', '--silent', 'admin', '--', 'activate', 'F-0001'], { cwd: ROOT, env, timeout: 50_000 }, (error, stdout, stderr) => {
        const code = error ? error.code : 0;
        if (typeof code !== 'number') reject(error);
        else resolve({ code, stdout, stderr });
      });
    });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const [email, code, link] = run.stdout.trim().split('\t');
    expect(email).toBe(PARENT);
    expect(code).toMatch(/^[A-Z0-9]{8}$/);
    expect(link).toBe(`https://t.me/portail_test_bot?start=${code}`);

    const welcome = await smtp.waitFor((m) => m.envelope.rcptTo.includes(PARENT), 5_000);
    expect(welcome.parsed.subject).toMatch(/^Votre accès au Portail Famille/);
    expect(welcome.parsed.text).toContain(`Votre code d’activation : ${code}`);
    expect(welcome.parsed.text).toContain(`https://t.me/portail_test_bot?start=${code}`);
    expect(addressOf(welcome, 'from')).toBe('inscriptions@mairie.fr');
    expect(addressOf(welcome, 'replyTo')).toBe(replyAddress(FROM, SECRET, (await app.db.guardian.findFirstOrThrow({ where: { email: PARENT } })).id));
    expect(welcome.parsed.headers.get('auto-submitted')).toBe('auto-replied');
    expect(smtp.messages).toHaveLength(1);
    const rows = await app.db.outbox.findMany({ where: { channel: 'email' } });
    expect(rows).toHaveLength(1);
    expect(rows[0]!.sentAt).not.toBeNull();
  });
});
