/**
 * Each outgoing message is sent once. A race of several senders (each on its
 * own connection to one SQLite file) on one outbox sends every row once;
 * `admin activate` run beside the real service (`npm start`'s program, SMTP
 * to the tests' smtp-server) leaves its welcome emails to the service, which
 * sends each exactly once; with no service running, the command sends them
 * itself. The code is in the email, never readable in the database.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../../src/app.js';
import { loadTownConfig } from '../../src/config/town.js';
import { enqueue } from '../../src/db/outboxStore.js';
import { sendDue } from '../../src/outbox/sendDue.js';
import { SEALED_MARK } from '../../src/outbox/seal.js';
import { addFamily, tempDir } from '../support/app.js';
import { startSmtpReceiver, type SmtpReceiver } from '../support/smtpReceiver.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const SECRET = 'outbox-test-app-secret-0123';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let dir: string;
beforeAll(() => {
  dir = tempDir('portail-outbox-');
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('a race of senders on one outbox', () => {
  it('sends each of 60 messages once with 4 sender processes on one SQLite file, one of them failing now and then', async () => {
    const db = path.join(dir, 'race.db');
    const app = await buildApp({ databaseUrl: `file:${db}`, town: loadTownConfig(), appSecret: SECRET });
    const now = new Date();
    await enqueue(app.db, Array.from({ length: 60 }, (_, n) => ({ channel: 'email' as const, recipient: `parent${n % 7}@example.fr`, subject: `n${n}`, body: `message ${n}`, kind: 'reply' })), now);
    await app.close();
    const goFile = path.join(dir, 'race.go');
    const senders = ['a', 'b', 'c', 'flaky'].map((holder) => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'tests/support/outboxSender.ts', `file:${db}`, holder, goFile], { cwd: ROOT });
      let out = '';
      child.stdout.on('data', (b: Buffer) => (out += b.toString()));
      child.stderr.on('data', (b: Buffer) => (out += b.toString()));
      const done = new Promise<number | null>((resolve) => child.on('close', resolve));
      return { out: () => out, done };
    });
    const until = Date.now() + 90_000;
    while (!senders.every((s) => s.out().includes('ready')) && Date.now() < until) await sleep(20);
    fs.writeFileSync(goFile, '');
    const codes = await Promise.all(senders.map((s) => s.done));
    expect(codes, senders.map((s) => s.out()).join('\n')).toEqual([0, 0, 0, 0]);
    const sends = senders.flatMap((s) => s.out().split('\n').filter((l) => l.startsWith('sent ')).map((l) => l.slice(5)));
    const counts = new Map<string, number>();
    for (const b of sends) counts.set(b, (counts.get(b) ?? 0) + 1);
    console.log(`outbox race: 4 processes sent ${sends.length} messages for 60 rows (${senders.map((s) => s.out().split('\n').filter((l) => l.startsWith('sent ')).length).join(' + ')})`);
    expect(counts.size).toBe(60);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    const check = await buildApp({ databaseUrl: `file:${db}`, town: loadTownConfig(), appSecret: SECRET });
    try {
      const rows = await check.db.outbox.findMany();
      expect(rows.every((r) => r.sentAt !== null && r.claimToken === null && r.claimedUntil === null)).toBe(true);
      expect(rows.filter((r) => r.lastError === null).length).toBe(60);
    } finally {
      await check.close();
    }
  }, 180_000);

  it('takes back the claim of a sender that died before marking (sent at most twice), not that of a live one', async () => {
    const db = path.join(dir, 'lease.db');
    const app = await buildApp({ databaseUrl: `file:${db}`, town: loadTownConfig(), appSecret: SECRET });
    try {
      const now = new Date('2026-12-01T17:30:00Z');
      await enqueue(app.db, [{ channel: 'telegram', recipient: '1', body: 'hello', kind: 'reply' }], now);
      const sent: string[] = [];
      // Sender A sends, then "crashes" before marking: its claim stays.
      await expect(sendDue(app, 'telegram', now, async (_r, body) => { sent.push(`A ${body}`); throw Object.assign(new Error('crash'), { crash: true }); }, { holder: 'A' })).resolves.toBe(0);
      // (A failure is recorded as such; a real crash leaves the claim: put it back as a crash leaves it.)
      await app.db.outbox.updateMany({ data: { claimToken: 'A/x', claimedUntil: new Date(now.getTime() + 300_000), attempts: 0, lastError: null, nextAttemptAt: now } });
      // B, meanwhile, does not take a message A still holds...
      expect(await sendDue(app, 'telegram', new Date(now.getTime() + 1000), async (_r, body) => void sent.push(`B ${body}`), { holder: 'B' })).toBe(0);
      // ...but does once A's claim has expired: the message went out twice, never more.
      expect(await sendDue(app, 'telegram', new Date(now.getTime() + 301_000), async (_r, body) => void sent.push(`B ${body}`), { holder: 'B' })).toBe(1);
      expect(await sendDue(app, 'telegram', new Date(now.getTime() + 900_000), async (_r, body) => void sent.push(`C ${body}`), { holder: 'C' })).toBe(0);
      expect(sent).toEqual(['A hello', 'B hello']);
    } finally {
      await app.close();
    }
  });
});

/** Runs `admin ...args` as a staff member does (a child process); resolves its code and output. */
function admin(db: string, args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['--import', 'tsx', 'src/admin/cli.ts', ...args], { cwd: ROOT, env: { ...process.env, DATABASE_URL: `file:${db}`, APP_SECRET: SECRET, TELEGRAM_BOT_TOKEN: '', TELEGRAM_BOT_USERNAME: 'portail_test_bot', IMAP_URL: '', ...env }, timeout: 120_000 }, (error, stdout, stderr) => {
      const code = error ? error.code : 0;
      if (typeof code !== 'number') reject(error);
      else resolve({ code, stdout, stderr });
    });
  });
}

async function startService(db: string, smtp: SmtpReceiver): Promise<{ child: ChildProcess; closed: Promise<void> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: ROOT,
    detached: true,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATABASE_URL: `file:${db}`, APP_SECRET: SECRET, SMTP_URL: smtp.url, TELEGRAM_BOT_TOKEN: '', IMAP_URL: '' },
  });
  let out = '';
  child.stdout!.on('data', (b: Buffer) => (out += b.toString()));
  child.stderr!.on('data', (b: Buffer) => (out += b.toString()));
  const closed = new Promise<void>((resolve) => child.on('close', () => resolve()));
  const until = Date.now() + 60_000;
  while (!/Envoi des emails/.test(out) && Date.now() < until) await sleep(20);
  if (!/Envoi des emails/.test(out)) throw new Error(`the service did not start:\n${out}`);
  return { child, closed };
}

describe('admin activate beside the running service', () => {
  let smtp: SmtpReceiver;
  beforeAll(async () => {
    smtp = await startSmtpReceiver();
  });
  afterAll(async () => {
    await smtp.stop();
  });

  it('queues its welcome emails for the service, which sends each exactly once; alone, it sends them itself', async () => {
    const db = path.join(dir, 'activate.db');
    const app = await buildApp({ databaseUrl: `file:${db}`, town: loadTownConfig(), appSecret: SECRET });
    for (const ref of ['F-0001', 'F-0002', 'F-0003', 'F-0004']) await addFamily(app, ref, ['Léa']);
    await app.close();

    const service = await startService(db, smtp);
    let runs;
    try {
      // Three commands at once beside the service, one of them twice over (a new code replaces the first).
      runs = await Promise.all(['F-0001', 'F-0002', 'F-0003', 'F-0001'].map((ref) => admin(db, ['activate', ref], { SMTP_URL: smtp.url })));
      for (const r of runs) expect(r.code, r.stderr).toBe(0);
      const until = Date.now() + 30_000;
      while (smtp.messages.length < 4 && Date.now() < until) await sleep(50);
      await sleep(1_500); // a second copy would have come by now
    } finally {
      process.kill(-service.child.pid!, 'SIGTERM');
      await service.closed;
    }
    const codes = runs.map((r) => r.stdout.trim().split('\t')[1]!);
    const to = (m: (typeof smtp.messages)[number]) => m.envelope.rcptTo.join(',');
    expect(smtp.messages.map(to).sort()).toEqual(['parent-f-0001@example.fr', 'parent-f-0001@example.fr', 'parent-f-0002@example.fr', 'parent-f-0003@example.fr']);
    // Each email carries its own code, and each code went out once.
    for (const code of codes) expect(smtp.messages.filter((m) => m.parsed.text?.includes(code))).toHaveLength(1);

    // With no service running, the command sends its email itself, once.
    const alone = await admin(db, ['activate', 'F-0004'], { SMTP_URL: smtp.url });
    expect(alone.code, alone.stderr).toBe(0);
    const code4 = alone.stdout.trim().split('\t')[1]!;
    await sleep(200);
    expect(smtp.messages.filter((m) => to(m) === 'parent-f-0004@example.fr')).toHaveLength(1);
    expect(smtp.messages.find((m) => to(m) === 'parent-f-0004@example.fr')!.parsed.text).toContain(code4);

    // At rest: no code readable anywhere in the database file, the outbox keeps the masked email.
    const raw = fs.readFileSync(db);
    for (const code of [...codes, code4]) expect(raw.includes(Buffer.from(code))).toBe(false);
    const check = await buildApp({ databaseUrl: `file:${db}`, town: loadTownConfig(), appSecret: SECRET });
    try {
      const welcome = await check.db.outbox.findMany({ where: { kind: 'welcome' } });
      expect(welcome).toHaveLength(5);
      for (const w of welcome) {
        expect(w.sentAt).not.toBeNull();
        expect(w.sealed).toBeNull();
        expect(w.body).toContain(`Votre code d’activation : ${SEALED_MARK}`);
      }
    } finally {
      await check.close();
    }
  }, 240_000);
});
