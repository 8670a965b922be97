import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { tempDir } from './support/app.js';
import { startBotApiStandIn } from './support/botApiStandIn.js';
import { webhookSecret } from '../src/bot/runBot.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const dir = tempDir();
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

it('npm start migrates a new database, serves the dashboard, and stops cleanly when its process group gets SIGTERM twice', async () => {
  const dbFile = path.join(dir, 'sub', 'portail.db');
  const child = spawn('npm', ['start'], {
    cwd: ROOT,
    detached: true,
    env: { ...process.env, DATABASE_URL: `file:${dbFile}`, PORT: '0', HOST: '127.0.0.1' },
  });
  let out = '';
  child.stdout.on('data', (b: Buffer) => (out += b.toString()));
  child.stderr.on('data', (b: Buffer) => (out += b.toString()));
  const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) => child.on('close', (code, signal) => resolve({ code, signal })));

  const deadline = Date.now() + 30_000;
  while (!/Tableau de bord : (http:\/\/\S+)/.test(out) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  const url = /Tableau de bord : (http:\/\/\S+)/.exec(out)?.[1];
  expect(url, out).toBeDefined();
  expect(out).toContain('staff-add');
  expect(fs.existsSync(dbFile)).toBe(true);

  // The dashboard asks staff to sign in first.
  const home = await fetch(url!, { redirect: 'manual' });
  expect(home.status).toBe(302);
  expect(home.headers.get('location')).toMatch(/\/connexion/);
  const signIn = await fetch(new URL('/connexion', url!));
  expect(signIn.status).toBe(200);
  expect(await signIn.text()).toContain('<form');

  process.kill(-child.pid!, 'SIGTERM');
  process.kill(-child.pid!, 'SIGTERM');
  const { code, signal } = await exited;
  // 'close' waits for every process holding the output (npm, sh, tsx, node) to end.
  // The server shuts down cleanly; npm, which got the signal too, then re-raises it on itself.
  expect(out).toContain('Arrêté proprement.');
  expect(out).not.toContain('Arrêt forcé');
  expect(code === 0 || signal === 'SIGTERM', `${code} ${signal}`).toBe(true);
}, 60_000);

/** Starts `npm start` with `env`; returns its output so far, the dashboard URL once printed, and a stop. */
async function npmStart(env: Record<string, string>) {
  const child = spawn('npm', ['start'], { cwd: ROOT, detached: true, env: { ...process.env, PORT: '0', HOST: '127.0.0.1', ...env } });
  const state = { out: '' };
  child.stdout.on('data', (b: Buffer) => (state.out += b.toString()));
  child.stderr.on('data', (b: Buffer) => (state.out += b.toString()));
  const closed = new Promise<void>((resolve) => child.on('close', () => resolve()));
  const waitFor = async (pattern: RegExp, ms = 30_000) => {
    const until = Date.now() + ms;
    while (!pattern.test(state.out) && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
    const m = pattern.exec(state.out);
    if (!m) throw new Error(`not seen: ${pattern}\n${state.out}`);
    return m;
  };
  const url = (await waitFor(/Tableau de bord : (http:\/\/\S+)/))[1]!;
  return {
    state,
    url,
    waitFor,
    async stop() {
      process.kill(-child.pid!, 'SIGTERM');
      await closed;
    },
  };
}

const SECRET = 'a-test-app-secret-0123456789';
const TOKEN = '123456:TEST-token';
const update = (id: number, text: string) => ({
  update_id: id,
  message: { message_id: id, date: 1_764_000_000, chat: { id: 77, type: 'private', first_name: 'Parent' }, from: { id: 77, is_bot: false, first_name: 'Parent' }, text },
});

it('in webhook mode, serves Telegram on the dashboard’s own address, the secret header checked', async () => {
  const tg = await startBotApiStandIn({ token: TOKEN });
  const server = await npmStart({
    DATABASE_URL: `file:${path.join(dir, 'webhook.db')}`,
    APP_SECRET: SECRET,
    TELEGRAM_BOT_TOKEN: TOKEN,
    TELEGRAM_API_ROOT: `${tg.apiRoot}/`,
    TELEGRAM_WEBHOOK_URL: 'https://portail.example.fr/telegram/hook',
  });
  try {
    await server.waitFor(/Telegram : @\S+ \(webhook/);
    expect(tg.calls.find((c) => c.method === 'setWebhook')?.payload).toMatchObject({ url: 'https://portail.example.fr/telegram/hook', secret_token: webhookSecret(SECRET, TOKEN) });
    const hook = new URL('/telegram/hook', server.url);
    const refused = await fetch(hook, { method: 'POST', headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': 'wrong' }, body: JSON.stringify(update(1, 'bonjour')) });
    expect(refused.status).toBe(401);
    const ok = await fetch(hook, { method: 'POST', headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': webhookSecret(SECRET, TOKEN) }, body: JSON.stringify(update(2, 'bonjour')) });
    expect(ok.status).toBe(200);
    // An unlinked chat: one short French message on how to get a code.
    expect((await tg.waitForMessage(77, /CCAS/)).text).toMatch(/^Bonjour ! Ce service est réservé aux familles/);
  } finally {
    await server.stop();
    await tg.close();
  }
}, 60_000);

it('keeps the dashboard up when Telegram cannot be reached, and asks Telegram to retry its webhook calls meanwhile', async () => {
  const server = await npmStart({
    DATABASE_URL: `file:${path.join(dir, 'down.db')}`,
    APP_SECRET: SECRET,
    TELEGRAM_BOT_TOKEN: TOKEN,
    TELEGRAM_API_ROOT: 'http://127.0.0.1:9', // nothing listens there
    TELEGRAM_WEBHOOK_URL: 'https://portail.example.fr/telegram/hook',
  });
  try {
    await server.waitFor(/Telegram : connexion au Bot API…/);
    await server.waitFor(/Envoi des emails :/);
    expect((await fetch(new URL('/connexion', server.url))).status).toBe(200);
    const hook = await fetch(new URL('/telegram/hook', server.url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(update(3, 'bonjour')) });
    expect(hook.status).toBe(503);
  } finally {
    await server.stop();
  }
}, 60_000);
