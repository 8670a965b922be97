/**
 * The mail test harness itself: a private dovecot (IMAP) and a local SMTP
 * receiver behave like the real servers the email channel will talk to.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ImapFlow } from 'imapflow';
import nodemailer from 'nodemailer';
import { DOVECOT_MISSING, requireDovecot, startDovecot, type Dovecot } from './dovecot.js';
import { startSmtpReceiver, type SmtpReceiver } from './smtpReceiver.js';

const dovecotBin = requireDovecot();

function rawMessage(subject: string, body: string, messageId: string): string {
  return [
    'From: Parent Dupont <parent@example.org>',
    'To: inscriptions@mairie.example',
    `Subject: ${subject}`,
    `Message-ID: ${messageId}`,
    'Date: Tue, 03 Sep 2024 08:15:00 +0000',
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: 8bit',
    '',
    body,
    '',
  ].join('\r\n');
}

/** Resolves on the first `event` from `emitter`, rejects after `ms`. */
function nextEvent<T>(emitter: ImapFlow, event: string, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => { emitter.off(event, on); reject(new Error(`no '${event}' event within ${ms} ms`)); }, ms);
    const on = (value: T) => { clearTimeout(timer); resolve(value); };
    emitter.once(event, on);
  });
}

async function until(what: string, cond: () => boolean, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe.skipIf(!dovecotBin)(dovecotBin ? 'dovecot harness' : `dovecot harness (skipped: ${DOVECOT_MISSING})`, () => {
  let dovecot: Dovecot;
  const clients: ImapFlow[] = [];

  function client(): ImapFlow {
    const c = new ImapFlow({
      host: dovecot.host, port: dovecot.port, secure: false, doSTARTTLS: false,
      auth: { user: dovecot.user, pass: dovecot.password },
      logger: false, autoIdleDelay: 50,
      connectionTimeout: 3000, greetingTimeout: 3000, socketTimeout: 10_000,
    });
    c.on('error', () => { /* connection dropped by restart(): the test checks 'close' */ });
    clients.push(c);
    return c;
  }

  beforeAll(async () => {
    const started = await startDovecot();
    if (!started) throw new Error(DOVECOT_MISSING);
    dovecot = started;
  });
  afterEach(() => {
    for (const c of clients.splice(0)) c.close();
  });
  afterAll(async () => {
    await dovecot?.stop();
  });

  it('an APPEND from a second session wakes an IDLE client, which fetches the message and flags it \\Seen', async () => {
    expect(dovecot.url).toBe(`imap://inscriptions:${encodeURIComponent(dovecot.password)}@127.0.0.1:${dovecot.port}/INBOX`);
    const c = client();
    await c.connect();
    await c.mailboxOpen('INBOX');
    expect(c.mailbox && c.mailbox.exists).toBe(0);
    await until('imapflow enters IDLE', () => c.idling, 3000);

    const exists = nextEvent<{ path: string; count: number; prevCount: number }>(c, 'exists', 5000);
    await dovecot.append(rawMessage('Inscription cantine — Léa', 'Bonjour,\r\nje voudrais inscrire Léa.', '<m1@example.org>'));
    expect(await exists).toMatchObject({ path: 'INBOX', count: 1, prevCount: 0 });

    // collect first, act after: no command may run inside a fetch loop
    const uids: number[] = [];
    const subjects: string[] = [];
    for await (const m of c.fetch('1:*', { uid: true, envelope: true, source: true })) {
      uids.push(m.uid);
      subjects.push(m.envelope?.subject ?? '');
      expect(m.source?.toString('utf8')).toContain('je voudrais inscrire Léa.');
    }
    expect(subjects).toEqual(['Inscription cantine — Léa']);
    expect(await c.messageFlagsAdd(uids, ['\\Seen'], { uid: true })).toBe(true);
    await c.logout();

    expect(await dovecot.list()).toEqual([{ uid: uids[0], flags: ['\\Seen'], subject: 'Inscription cantine — Léa' }]);
  });

  it('append() keeps the flags it is given', async () => {
    await dovecot.append(rawMessage('Déjà lu', 'Texte.', '<m2@example.org>'), ['\\Seen', '\\Flagged']);
    const listed = await dovecot.list();
    expect(listed.map((m) => m.subject)).toEqual(['Inscription cantine — Léa', 'Déjà lu']);
    expect(listed[1]?.flags).toEqual(['\\Flagged', '\\Seen']);
  });

  it('restart() drops connected clients, and a new connection on the same port sees the same mailbox', async () => {
    const c = client();
    await c.connect();
    await c.mailboxOpen('INBOX');
    const closed = nextEvent<void>(c, 'close', 8000);
    const port = dovecot.port;
    await dovecot.restart();
    await closed;
    expect(dovecot.port).toBe(port);

    const again = client();
    await again.connect();
    const status = await again.status('INBOX', { messages: true, unseen: true });
    expect(status).toMatchObject({ messages: 2, unseen: 0 });
    await again.logout();
    expect((await dovecot.list()).map((m) => m.flags)).toEqual([['\\Seen'], ['\\Flagged', '\\Seen']]);
  });
});

describe('smtp receiver', () => {
  let smtp: SmtpReceiver;
  const transport = () => nodemailer.createTransport({
    host: '127.0.0.1', port: smtp.port, secure: false, ignoreTLS: true,
    connectionTimeout: 3000, greetingTimeout: 3000, socketTimeout: 5000,
  });

  beforeAll(async () => { smtp = await startSmtpReceiver(); });
  afterAll(async () => { await smtp?.stop(); });

  it('receives what nodemailer sends; mailparser reads subject, text and threading headers back intact', async () => {
    expect(smtp.url).toBe(`smtp://127.0.0.1:${smtp.port}`);
    const t = transport();
    const info = await t.sendMail({
      from: 'Mairie — Inscriptions <inscriptions@mairie.example>',
      to: 'parent@example.org',
      subject: 'Re: Inscription cantine — Léa',
      text: 'Bonjour,\n\nL’inscription de Léa à la cantine est enregistrée.\n\nLa mairie',
      inReplyTo: '<m1@example.org>',
      references: ['<m0@example.org>', '<m1@example.org>'],
      headers: { 'X-Portail-Famille': 'demande-42' },
    });
    t.close();
    expect(info.accepted).toEqual(['parent@example.org']);

    const got = await smtp.waitFor((m) => m.parsed.subject === 'Re: Inscription cantine — Léa', 3000);
    expect(got.envelope).toEqual({ mailFrom: 'inscriptions@mairie.example', rcptTo: ['parent@example.org'] });
    // mailparser ends the text with the body's final line break
    expect(got.parsed.text).toBe('Bonjour,\n\nL’inscription de Léa à la cantine est enregistrée.\n\nLa mairie\n');
    expect(got.parsed.inReplyTo).toBe('<m1@example.org>');
    expect(got.parsed.references).toEqual(['<m0@example.org>', '<m1@example.org>']);
    expect(got.parsed.messageId).toBe(info.messageId);
    expect(got.parsed.headers.get('x-portail-famille')).toBe('demande-42');
    expect(got.parsed.from?.value[0]).toEqual({ address: 'inscriptions@mairie.example', name: 'Mairie — Inscriptions' });
    expect(got.raw.toString('utf8')).toMatch(/^In-Reply-To: <m1@example\.org>\r?$/m);
  });

  it('stop() refuses connections; start() listens again on the same port', async () => {
    const port = smtp.port;
    await smtp.stop();
    const t = transport();
    await expect(t.sendMail({ from: 'a@mairie.example', to: 'b@example.org', subject: 'pendant la panne', text: 'x' }))
      .rejects.toMatchObject({ originalCode: 'ECONNREFUSED' });
    await smtp.start();
    expect(smtp.port).toBe(port);
    await t.sendMail({ from: 'a@mairie.example', to: 'b@example.org', subject: 'après la panne', text: 'x' });
    t.close();
    await smtp.waitFor((m) => m.parsed.subject === 'après la panne', 3000);
    expect(smtp.messages.some((m) => m.parsed.subject === 'pendant la panne')).toBe(false);
  });

  it('failNext(n) refuses the next n messages with a temporary error, then accepts again', async () => {
    smtp.failNext(1);
    const t = transport();
    const mail = { from: 'a@mairie.example', to: 'b@example.org', subject: 'nouvel essai', text: 'x' };
    await expect(t.sendMail(mail)).rejects.toMatchObject({ responseCode: 451 });
    expect(smtp.rejected).toBe(1);
    const before = smtp.messages.length;
    await t.sendMail(mail);
    t.close();
    expect(smtp.messages.length).toBe(before + 1);

    smtp.failNext(1, 452);
    const t2 = transport();
    await expect(t2.sendMail(mail)).rejects.toMatchObject({ responseCode: 452 });
    t2.close();
  });
});
