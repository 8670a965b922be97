/**
 * Several `npm start` processes on one PostgreSQL database, behind one
 * address: each serves the dashboard and Telegram's webhook; one of them at a
 * time sends the outbox (the same lease elects the mailbox reader), and
 * another takes over when it dies.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webhookSecret } from '../src/bot/runBot.js';
import { sharedPostgres } from './support/app.js';
import { startBotApiStandIn } from './support/botApiStandIn.js';
import { POSTGRES_MISSING, requirePostgres } from './support/postgres.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const SECRET = 'a-test-app-secret-0123456789';
const TOKEN = '123456:TEST-token';
const update = (id: number, chat: number, text: string) => ({
  update_id: id,
  message: { message_id: id, date: 1_764_000_000, chat: { id: chat, type: 'private', first_name: 'Parent' }, from: { id: chat, is_bot: false, first_name: 'Parent' }, text },
});

function npmStart(env: Record<string, string>) {
  const child = spawn('npm', ['start'], { cwd: ROOT, detached: true, env: { ...process.env, PORT: '0', HOST: '127.0.0.1', ...env } });
  const state = { out: '' };
  child.stdout.on('data', (b: Buffer) => (state.out += b.toString()));
  child.stderr.on('data', (b: Buffer) => (state.out += b.toString()));
  const closed = new Promise<void>((resolve) => child.on('close', () => resolve()));
  const waitFor = async (pattern: RegExp, ms = 45_000) => {
    const until = Date.now() + ms;
    while (!pattern.test(state.out) && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
    const m = pattern.exec(state.out);
    if (!m) throw new Error(`not seen: ${pattern}\n${state.out}`);
    return m;
  };
  return {
    state,
    waitFor,
    kill(signal: NodeJS.Signals) {
      try {
        process.kill(-child.pid!, signal);
      } catch {
        /* already gone */
      }
      return closed;
    },
  };
}

const pgBin = requirePostgres();
describe.skipIf(!pgBin)(pgBin ? 'two npm start processes on one PostgreSQL database' : `two npm start processes (skipped: ${POSTGRES_MISSING})`, () => {
  let url: string;
  let db: pg.Client;
  beforeAll(async () => {
    url = await (await sharedPostgres()).createDatabase();
  });
  afterAll(async () => {
    await db?.end();
  });

  it('both serve the dashboard and the webhook; one sends the outbox, and the other takes over when it is killed', async () => {
    const tg = await startBotApiStandIn({ token: TOKEN });
    const env = { DATABASE_URL: url, APP_SECRET: SECRET, TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: `${tg.apiRoot}/`, TELEGRAM_WEBHOOK_URL: 'https://portail.example.fr/telegram/hook' };
    const a = npmStart(env);
    const b = npmStart(env);
    try {
      const servers = [a, b];
      const addresses: string[] = [];
      const holders: string[] = [];
      for (const s of servers) {
        addresses.push((await s.waitFor(/Tableau de bord : (http:\/\/\S+)/))[1]!);
        holders.push((await s.waitFor(/Processus : (\S+)/))[1]!);
        await s.waitFor(/Telegram : @\S+ \(webhook/);
      }
      for (const address of addresses) {
        expect((await fetch(new URL('/connexion', address))).status).toBe(200);
      }
      // Telegram may deliver to either process (and, retrying, to both): each update is answered once.
      const headers = { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': webhookSecret(SECRET, TOKEN) };
      for (const [i, address] of addresses.entries()) {
        const res = await fetch(new URL('/telegram/hook', address), { method: 'POST', headers, body: JSON.stringify(update(10 + i, 80 + i, 'bonjour')) });
        expect(res.status).toBe(200);
      }
      for (const chat of [80, 81]) expect((await tg.waitForMessage(chat, /CCAS/)).text).toMatch(/^Bonjour/);
      for (const address of addresses) await fetch(new URL('/telegram/hook', address), { method: 'POST', headers, body: JSON.stringify(update(20, 90, 'bonjour')) });
      await tg.waitForMessage(90, /CCAS/);
      await new Promise((r) => setTimeout(r, 1_000));
      expect(tg.calls.filter((c) => c.method === 'sendMessage' && String((c.payload as { chat_id?: unknown }).chat_id) === '90')).toHaveLength(1);

      db = new pg.Client({ connectionString: url });
      await db.connect();
      const leaseRows = async () => (await db.query<{ name: string; holder: string }>(`SELECT name, holder FROM "Lease" WHERE "expiresAt" > now() ORDER BY name`)).rows;
      const leader = async () => (await leaseRows()).find((r) => r.name === 'leader:outbox')?.holder;
      // Both run; exactly one sends the outbox.
      const rows = await leaseRows();
      expect(rows.filter((r) => r.name.startsWith('instance:')).map((r) => r.holder).sort()).toEqual([...holders].sort());
      const first = await leader();
      expect(holders).toContain(first);

      // The leader dies without a word (SIGKILL): the other takes the outbox over, at once since they share a
      // host (its pid is gone: src/db/lease.ts reapDead), else once its lease expires.
      const killed = holders.indexOf(first!);
      const startedAt = Date.now();
      await servers[killed]!.kill('SIGKILL');
      const survivor = holders[1 - killed]!;
      let now = await leader();
      while (now !== survivor && Date.now() - startedAt < 40_000) {
        await new Promise((r) => setTimeout(r, 250));
        now = await leader();
      }
      expect(now).toBe(survivor);
      console.log(`outbox lease taken over ${((Date.now() - startedAt) / 1000).toFixed(1)} s after the leader was killed`);
      // The survivor still serves.
      expect((await fetch(new URL('/connexion', addresses[1 - killed]!))).status).toBe(200);
    } finally {
      await Promise.all([a.kill('SIGTERM'), b.kill('SIGTERM')]);
      await tg.close();
    }
  }, 150_000);
});
