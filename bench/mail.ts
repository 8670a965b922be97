/**
 * The email channel end to end on loopback: N requests (BENCH_MAIL_N, 200)
 * from 50 activated families (2 children each) are APPENDed to a private
 * dovecot's INBOX in a burst; the real MailWorker (IMAP IDLE, processInbound
 * on SQLite) takes them, and the outbox goes out over SMTP (smtpSender +
 * sendEmailOutbox, polled every 50 ms) to a local smtp-server. Figures:
 * messages per second from the first append to the last reply received,
 * and p50/p99 per message from its append to its reply's arrival.
 *
 * Baseline, same run, same N messages, a fresh dovecot: a bare imapflow
 * loop (IDLE, search unseen, fetch the source, flag \Seen; no parsing, no
 * database, no reply), timed from append to \Seen. The ratio is what the
 * application adds on top of IMAP itself.
 *
 * Skipped, with the reason printed, when dovecot-imapd is not installed.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ImapFlow } from 'imapflow';
import { buildApp, type App } from '../src/app.js';
import { loadTownConfig } from '../src/config/town.js';
import { issueActivationCodes } from '../src/core/activation/issueActivationCodes.js';
import { importFamilies } from '../src/core/families/importFamilies.js';
import type { FamilyImport } from '../src/core/families/parseFamiliesCsv.js';
import { isoDate } from '../src/core/time.js';
import { MailWorker } from '../src/mail/mailWorker.js';
import { sendEmailOutbox, smtpSender } from '../src/mail/sendMail.js';
import { DOVECOT_MISSING, dovecotBinary, startDovecot, type Dovecot } from '../tests/support/dovecot.js';
import { startSmtpReceiver } from '../tests/support/smtpReceiver.js';

const N = Number(process.env.BENCH_MAIL_N ?? 200);
const FAMILIES = 50;
/** Tuesday 1 December 2026, 18:30 in Paris: the week's bookings are open. */
const NOW = new Date('2026-12-01T17:30:00Z');
const FROM = 'Portail Famille <inscriptions@mairie.fr>';
const OUTBOX_EVERY_MS = 50;
const TIMEOUT_MS = 120_000;

/** What the families write, in turn (every text names a child, so nothing waits for a question). */
const MIX = [
  'Bonjour,\nLéa mange à la cantine jeudi.\nMerci',
  'Tom à la garderie du soir vendredi',
  'Annulez la cantine de Léa jeudi, merci.',
  'Qu’est-ce que Léa a cette semaine ?',
  'Tom mange à la cantine lundi',
  'Léa et Tom mangent à la cantine mardi prochain',
  'annule la garderie du soir de Tom vendredi',
  'Tom a quoi la semaine prochaine ?',
];

interface Stats { sent: number; done: number; perSecond: number; p50: number; p99: number; max: number }

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, Math.max(0, ms)));

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

function stats(sent: number, latencies: number[], t0: number, last: number): Stats {
  const sorted = [...latencies].sort((a, b) => a - b);
  return { sent, done: latencies.length, perSecond: latencies.length / ((last - t0) / 1000), p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted.at(-1) ?? Number.NaN };
}

const email = (i: number) => `bench${i + 1}@example.fr`;

function families(): FamilyImport[] {
  return Array.from({ length: FAMILIES }, (_, i) => ({
    reference: `M-${String(i + 1).padStart(3, '0')}`,
    guardians: [{ name: `Parent ${i + 1}`, email: email(i), phone: null }],
    children: ['Léa', 'Tom'].map((n) => ({ firstName: n, lastName: `Famille${i + 1}`, birthDate: isoDate('2018-05-04'), school: 'Jules Ferry', className: 'CE1', mealType: 'standard' as const, pai: false })),
  }));
}

/** The app on a fresh database, every family activated (a code issued). */
async function benchApp(dir: string): Promise<App> {
  const app = await buildApp({ databaseUrl: `file:${path.join(dir, 'mail.db')}`, town: loadTownConfig() });
  const list = families();
  await importFamilies({ families: app.families }, { families: list, actor: { type: 'system' }, channel: 'admin', now: new Date('2026-11-28T10:00:00Z') });
  for (const f of list) {
    const issued = await issueActivationCodes({ families: app.families, activation: app.activation, random: app.random }, { reference: f.reference, now: NOW, actor: { type: 'system' }, channel: 'admin' });
    if (!issued.ok) throw new Error(issued.why);
  }
  return app;
}

/** Message n of the run: from family n mod 50, a request from the mix, quoted-printable free (8bit). */
function rawMessage(run: string, n: number): { id: string; raw: string } {
  const from = email(n % FAMILIES);
  const id = `<bench-${run}-${n}.${Date.now().toString(36)}@example.fr>`;
  const body = MIX[Math.floor(n / FAMILIES) % MIX.length]!;
  const raw = [
    `Return-Path: <${from}>`,
    'Delivered-To: inscriptions@mairie.fr',
    `Received: from mail-out.example.fr (mail-out.example.fr [192.0.2.25])\r\n\tby mx.mairie.fr (Postfix) with ESMTPS; Tue,  1 Dec 2026 18:29:43 +0100 (CET)`,
    `Authentication-Results: mx.mairie.fr; dkim=pass header.d=example.fr; spf=pass smtp.mailfrom=${from}; dmarc=pass header.from=example.fr`,
    `From: Parent ${(n % FAMILIES) + 1} <${from}>`,
    'To: Portail Famille <inscriptions@mairie.fr>',
    `Subject: Demande ${n}`,
    'Date: Tue, 1 Dec 2026 18:29:41 +0100',
    `Message-ID: ${id}`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=UTF-8',
    'Content-Transfer-Encoding: 8bit',
    '',
    body.replace(/\n/g, '\r\n'),
    '',
  ].join('\r\n');
  return { id, raw };
}

function imapClient(d: Dovecot, idle: boolean): ImapFlow {
  const c = new ImapFlow({
    host: d.host, port: d.port, secure: false, doSTARTTLS: false,
    auth: { user: d.user, pass: d.password },
    logger: false, ...(idle ? { autoIdleDelay: 500 } : { disableAutoIdle: true }),
    connectionTimeout: 5000, greetingTimeout: 5000, socketTimeout: 60_000,
  });
  c.on('error', () => { /* surfaced by the pending command */ });
  return c;
}

/**
 * Appends `count` messages from one session, as fast as dovecot takes them;
 * `appended(uid, id, t)` is called when each is in the mailbox.
 */
async function appendAll(d: Dovecot, run: string, count: number, appended: (uid: number, id: string, t: number) => void): Promise<number> {
  const c = imapClient(d, false);
  await c.connect();
  const t0 = Date.now();
  try {
    for (let n = 0; n < count; n++) {
      const { id, raw } = rawMessage(run, n);
      const res = await c.append('INBOX', raw, []);
      if (!res || !res.uid) throw new Error('APPEND returned no UID (UIDPLUS expected from dovecot)');
      appended(res.uid, id, Date.now());
    }
  } finally {
    await c.logout().catch(() => c.close());
  }
  return t0;
}

/** The baseline: IDLE, search unseen, fetch each source, flag it \Seen; nothing else. */
async function baseline(): Promise<Stats> {
  const d = await startDovecot();
  if (!d) throw new Error(DOVECOT_MISSING);
  const c = imapClient(d, true);
  const appendedAt = new Map<number, number>();
  const seenAt = new Map<number, number>();
  let stop = false;
  let newMail = false;
  let wake: (() => void) | undefined;
  try {
    await c.connect();
    c.on('exists', () => { newMail = true; wake?.(); });
    await c.mailboxOpen('INBOX');
    const loop = (async () => {
      while (!stop) {
        newMail = false;
        const lock = await c.getMailboxLock('INBOX');
        try {
          const uids = (await c.search({ seen: false }, { uid: true })) || [];
          for (const uid of uids) {
            const m = await c.fetchOne(String(uid), { source: true }, { uid: true });
            if (!m || !m.source) continue;
            await c.messageFlagsAdd(String(uid), ['\\Seen'], { uid: true });
            seenAt.set(uid, Date.now());
          }
        } finally {
          lock.release();
        }
        if (newMail || stop) continue;
        await new Promise<void>((resolve) => {
          const timer = setTimeout(done, 1_000);
          function done() { clearTimeout(timer); resolve(); }
          wake = done;
        });
      }
    })();
    await sleep(1_000); // connected and idling
    const t0 = await appendAll(d, 'base', N, (uid, _id, t) => appendedAt.set(uid, t));
    const deadline = Date.now() + TIMEOUT_MS;
    while (seenAt.size < N && Date.now() < deadline) await sleep(10);
    stop = true;
    wake?.();
    await loop;
    const latencies = [...seenAt].map(([uid, t]) => t - appendedAt.get(uid)!);
    return stats(N, latencies, t0, Math.max(...seenAt.values()));
  } finally {
    await c.logout().catch(() => c.close());
    await d.stop();
  }
}

/** The real thing: MailWorker → processInbound → outbox → SMTP → receiver. */
async function endToEnd(app: App): Promise<Stats & { errors: string[]; outboxLeft: number; handledPerSecond: number }> {
  const d = await startDovecot();
  if (!d) throw new Error(DOVECOT_MISSING);
  const smtp = await startSmtpReceiver();
  const sender = smtpSender(smtp.url, FROM);
  const errors: string[] = [];
  const clock = { now: () => NOW };
  const handledAt: number[] = [];
  const worker = new MailWorker({ app, clock, mailFrom: FROM, authservId: 'mx.mairie.fr', secret: 'bench-secret', imapUrl: d.url, log: (l) => errors.push(l), onHandled: () => handledAt.push(Date.now()) });
  let stopOutbox = false;
  const outbox = (async () => {
    while (!stopOutbox) {
      let sent = 0;
      try {
        sent = await sendEmailOutbox(app, sender.send, NOW);
      } catch (e) {
        errors.push(`outbox: ${(e as Error).message}`);
      }
      if (sent === 0) await sleep(OUTBOX_EVERY_MS);
    }
  })();
  const appendedAt = new Map<string, number>();
  /** Latency of each reply received so far (the receiver stamps each message as it accepts it). */
  const replies = () => smtp.messages.flatMap((m) => {
    const sentAt = m.parsed.inReplyTo ? appendedAt.get(m.parsed.inReplyTo) : undefined;
    return sentAt === undefined ? [] : [{ latency: m.receivedAt.getTime() - sentAt, at: m.receivedAt.getTime() }];
  });
  try {
    worker.start();
    // warm-up: one request through the whole chain (connects, JIT, first SQLite pages)
    const warm = rawMessage('warm', 0);
    await d.append(warm.raw);
    await smtp.waitFor((m) => m.parsed.inReplyTo === warm.id, 30_000);
    await sleep(700); // idling again
    handledAt.length = 0;
    const t0 = await appendAll(d, 'real', N, (_uid, id, t) => appendedAt.set(id, t));
    const deadline = Date.now() + TIMEOUT_MS;
    while (replies().length < N && Date.now() < deadline) await sleep(10);
    const got = replies();
    const outboxLeft = await app.db.outbox.count({ where: { channel: 'email', sentAt: null } });
    const handledPerSecond = handledAt.length / ((Math.max(...handledAt) - t0) / 1000);
    return { ...stats(N, got.map((r) => r.latency), t0, Math.max(...got.map((r) => r.at))), errors, outboxLeft, handledPerSecond };
  } finally {
    await worker.stop();
    stopOutbox = true;
    await outbox;
    sender.close();
    await smtp.stop();
    await d.stop();
  }
}

/** The SMTP leg alone: ms per message through smtpSender to the receiver, one after the other, as sendDue sends them. */
async function smtpLeg(count = 20): Promise<number> {
  const smtp = await startSmtpReceiver();
  const sender = smtpSender(smtp.url, FROM);
  try {
    await sender.send('warm@example.fr', 'warm-up', 'warm-up', null);
    const t0 = performance.now();
    for (let i = 0; i < count; i++) await sender.send(`p${i}@example.fr`, 'Bonjour', 'Re: Demande', JSON.stringify({ kind: 'reply', html: '<p>Bonjour</p>' }));
    return (performance.now() - t0) / count;
  } finally {
    sender.close();
    await smtp.stop();
  }
}

export async function runMailBench(): Promise<void> {
  if (!dovecotBinary()) {
    console.log(`mail bench skipped: ${DOVECOT_MISSING}`);
    return;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'portail-bench-mail-'));
  const app = await benchApp(dir);
  try {
    const base = await baseline();
    const real = await endToEnd(app);
    const smtpMs = await smtpLeg();
    const f = (x: number, d = 1) => x.toFixed(d);
    const line = (label: string, s: Stats, what: string) =>
      `  ${label.padEnd(34)} ${String(s.done).padStart(4)}/${s.sent} ${what}  ${f(s.perSecond).padStart(7)} msgs/s   p50 ${f(s.p50, 1).padStart(7)} ms   p99 ${f(s.p99, 1).padStart(7)} ms   max ${f(s.max, 0)} ms`;
    console.log(`mail bench: ${N} requests from ${FAMILIES} activated families (2 children), appended in a burst to dovecot on loopback; SQLite; replies over SMTP (outbox polled every ${OUTBOX_EVERY_MS} ms, as npm start does every 250 ms)`);
    console.log(line('end to end (MailWorker → SMTP)', real, 'replied'));
    console.log(line('baseline (imapflow fetch + \\Seen)', base, 'flagged'));
    console.log(`  of which the worker alone (append → \\Seen, reply stored): ${f(real.handledPerSecond)} msgs/s`);
    console.log(`  SMTP leg alone (smtpSender, one pooled connection, in turn): ${f(smtpMs)} ms a message, so at most ${f(1000 / smtpMs)} replies/s`);
    console.log(`  end to end / baseline: throughput ×${f(real.perSecond / base.perSecond, 2)}, p50 ×${f(real.p50 / base.p50)}, p99 ×${f(real.p99 / base.p99)}`);
    if (real.done < N || real.outboxLeft > 0 || real.errors.length > 0) {
      console.log(`  WARNING: ${N - real.done} replies missing, ${real.outboxLeft} left in the outbox, ${real.errors.length} worker/outbox errors${real.errors.length ? `: ${real.errors.slice(0, 3).join(' | ')}` : ''}`);
    }
  } finally {
    await app.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
