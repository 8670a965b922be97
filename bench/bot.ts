/**
 * The Telegram bot end to end: updates go in through the local Bot API
 * stand-in (long polling), the real bot (runBot on a SQLite app with 50
 * linked families of 2 children) handles them, and the latency is the time
 * from `sendText` to the stand-in answering the matching `sendMessage`.
 * Messages are paced at 50 msg/s, then at 200 msg/s, for ~10 s each, from
 * 200 chats, a mix of small bookings, cancellations, lists and help.
 * Baseline, same run and same pacing: a trivial grammY bot replying "ok" to
 * every text (the stand-in round trip and grammY's own cost). Then a burst
 * (200 messages at once) gives the rate the bot sustains when saturated.
 * The real bot long-polls through grammY's runner: different chats'
 * updates handled at the same time, one chat's in order, each in one
 * transaction with its reply queued in the outbox and sent after commit.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Bot } from 'grammy';
import { buildApp, type App } from '../src/app.js';
import { runBot } from '../src/bot/runBot.js';
import { loadTownConfig } from '../src/config/town.js';
import { issueActivationCodes } from '../src/core/activation/issueActivationCodes.js';
import { redeemActivationCode } from '../src/core/activation/redeemActivationCode.js';
import { importFamilies } from '../src/core/families/importFamilies.js';
import type { FamilyImport } from '../src/core/families/parseFamiliesCsv.js';
import { isoDate } from '../src/core/time.js';
import { startBotApiStandIn, type ApiCall, type BotApiStandIn, type Message } from '../tests/support/botApiStandIn.js';

const FAMILIES = Number(process.env.BENCH_BOT_FAMILIES ?? 200);
const RATES = (process.env.BENCH_BOT_RATES ?? '50,200').split(',').map(Number); // messages per second
const SECONDS = Number(process.env.BENCH_BOT_SECONDS ?? 10);
const BURST = 200;
const FIRST_CHAT = 10_001;
/** Tuesday 1 December 2026, 18:30 in Paris: the week's bookings are open. */
const NOW = new Date('2026-12-01T17:30:00Z');

/** The mix one family sends, in turn (every text names a child, so nothing waits for a question). */
const MIX = [
  'Léa mange à la cantine jeudi',
  'Tom à la garderie du soir vendredi',
  'annule la cantine de Léa jeudi',
  'Qu’est-ce que Léa a cette semaine ?',
  'Tom mange à la cantine lundi',
  '/reservations',
  'annule la garderie du soir de Tom vendredi',
  'Léa et Tom mangent à la cantine mardi',
  '/aide',
  'Tom a quoi la semaine prochaine ?',
];

interface Stats { sent: number; answered: number; perSecond: number; p50: number; p99: number; max: number; /** CPU time of this process (bot, stand-in and driver) per message, ms. */ cpuMs: number }

function families(): FamilyImport[] {
  return Array.from({ length: FAMILIES }, (_, i) => ({
    reference: `B-${String(i + 1).padStart(3, '0')}`,
    guardians: [{ name: `Parent ${i + 1}`, email: `bench${i + 1}@example.fr`, phone: null }],
    children: ['Léa', 'Tom'].map((n) => ({ firstName: n, lastName: `Famille${i + 1}`, birthDate: isoDate('2018-05-04'), school: 'Jules Ferry', className: 'CE1', mealType: 'standard' as const, pai: false })),
  }));
}

/** The app on a fresh database, every family's guardian linked to chat FIRST_CHAT + i. */
async function benchApp(dir: string): Promise<App> {
  const app = await buildApp({ databaseUrl: `file:${path.join(dir, 'bot.db')}`, town: loadTownConfig() });
  const list = families();
  await importFamilies({ families: app.families }, { families: list, actor: { type: 'system' }, channel: 'admin', now: new Date('2026-11-28T10:00:00Z') });
  for (const [i, f] of list.entries()) {
    const issued = await issueActivationCodes({ families: app.families, activation: app.activation, random: app.random }, { reference: f.reference, now: NOW, actor: { type: 'system' }, channel: 'admin' });
    if (!issued.ok) throw new Error(issued.why);
    const linked = await redeemActivationCode({ activation: app.activation }, { code: issued.codes[0]!.code, chatId: String(FIRST_CHAT + i), now: NOW });
    if (!linked.ok) throw new Error(linked.why);
  }
  return app;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, ms)));

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/**
 * Sends `count` messages (message n from chat n mod FAMILIES) at `rate` a
 * second (all at once when rate is Infinity) and times each reply: from
 * sendText to the stand-in answering the chat's next sendMessage.
 */
async function drive(tg: BotApiStandIn, count: number, rate: number, text: (n: number) => string): Promise<Stats> {
  const pending = new Map<number, number[]>(); // chat → send times not yet answered
  const latencies: number[] = [];
  let lastReply = 0;
  let stopping = false;
  const marker = tg.calls.length;
  // A watcher on every call the stand-in finishes; it resolves (and so unregisters) once stopping.
  const watching = tg.waitFor((c: ApiCall) => {
    if (stopping) return true;
    if (c.method !== 'sendMessage' || c.response?.ok !== true || tg.calls.indexOf(c) < marker) return false;
    const t = performance.now();
    const queue = pending.get((c.response.result as Message).chat.id);
    const sentAt = queue?.shift();
    if (sentAt !== undefined) { latencies.push(t - sentAt); lastReply = t; }
    return false;
  }, 600_000);

  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  for (let n = 0; n < count; n++) {
    if (Number.isFinite(rate)) await sleep(t0 + (n * 1000) / rate - performance.now());
    const chat = FIRST_CHAT + (n % FAMILIES);
    const queue = pending.get(chat) ?? [];
    pending.set(chat, queue);
    queue.push(performance.now());
    tg.sendText(chat, text(n));
  }
  const deadline = performance.now() + 30_000;
  while (latencies.length < count && performance.now() < deadline) await sleep(20);
  stopping = true;
  await fetch(`${tg.apiRoot}/bot${tg.token}/getMe`).catch(() => {}); // wakes the watcher so it resolves
  await watching.catch(() => {});
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    sent: count,
    answered: latencies.length,
    perSecond: latencies.length / ((lastReply - t0) / 1000),
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    max: sorted.at(-1) ?? Number.NaN,
    cpuMs: (() => { const c = process.cpuUsage(cpu0); return (c.user + c.system) / 1000 / count; })(),
  };
}

const mixText = (n: number) => MIX[Math.floor(n / FAMILIES) % MIX.length]!;

/** The baseline: a grammY bot that answers "ok" to every text, same stand-in, same pacing. */
async function baseline(rate: number): Promise<Stats> {
  const tg = await startBotApiStandIn();
  const bot = new Bot(tg.token, { client: { apiRoot: tg.apiRoot }, botInfo: tg.botInfo });
  bot.on('message:text', (ctx) => ctx.reply('ok'));
  const polling = bot.start({ drop_pending_updates: false });
  try {
    await tg.waitFor((c) => c.method === 'getUpdates');
    await drive(tg, FAMILIES, Infinity, () => 'warm-up');
    return await drive(tg, Math.round(rate * SECONDS), rate, mixText);
  } finally {
    await bot.stop();
    await polling.catch(() => {});
    await tg.close();
  }
}

/** The real bot on the app: paced at each rate, then a burst (each chat stays under its limit of 20 messages a minute). */
async function realBot(app: App, clock: { now: () => Date }): Promise<{ paced: Stats[]; burst: Stats }> {
  const tg = await startBotApiStandIn();
  const running = await runBot({ app, clock, token: tg.token, apiRoot: tg.apiRoot, secret: 'bench-secret', log: () => {}, outboxEveryMs: 1_000 });
  try {
    await tg.waitFor((c) => c.method === 'getUpdates');
    await drive(tg, FAMILIES, Infinity, () => '/aide'); // warm-up: one message per chat
    const paced: Stats[] = [];
    for (const rate of RATES) paced.push(await drive(tg, Math.round(rate * SECONDS), rate, mixText));
    const burst = await drive(tg, BURST, Infinity, (n) => MIX[(n + 3) % MIX.length]!);
    return { paced, burst };
  } finally {
    await running.stop();
    await tg.close();
  }
}

export async function runBotBench(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'portail-bench-bot-'));
  const app = await benchApp(dir);
  const clock = { now: () => NOW };
  try {
    const bases: Stats[] = [];
    for (const rate of RATES) bases.push(await baseline(rate));
    const { paced, burst } = await realBot(app, clock);
    const f = (x: number, d = 1) => x.toFixed(d);
    const line = (label: string, s: Stats) =>
      `  ${label.padEnd(30)} ${String(s.answered).padStart(4)}/${s.sent} answered  ${f(s.perSecond).padStart(7)} msgs/s   p50 ${f(s.p50, 2).padStart(7)} ms   p99 ${f(s.p99, 2).padStart(7)} ms   max ${f(s.max, 1)} ms   CPU ${f(s.cpuMs, 2)} ms/msg`;
    console.log(`bot bench: ${FAMILIES} linked families × 2 children (one chat each), SQLite, long polling (grammY runner, per-chat order) through the Bot API stand-in; ${SECONDS} s at each rate (bookings, cancellations, lists, help)`);
    RATES.forEach((rate, i) => {
      const real = paced[i]!;
      const base = bases[i]!;
      console.log(line(`real bot (runBot), ${rate} msg/s`, real));
      console.log(line(`baseline (grammY echo), ${rate} msg/s`, base));
      console.log(`  real/baseline at ${rate} msg/s: p50 ×${f(real.p50 / base.p50)}, p99 ×${f(real.p99 / base.p99)}; added per message p50 ${f(real.p50 - base.p50, 2)} ms`);
      console.log(`  keeps up with ${rate} msg/s: ${real.answered === real.sent && real.perSecond >= 0.95 * rate ? 'yes' : 'NO'}${rate <= 50 ? `; p99 under 100 ms: ${real.p99 < 100 ? 'yes' : 'NO'}` : ''}`);
    });
    console.log(line(`real bot, burst of ${BURST}`, burst));
    console.log(`  saturated rate ≈ ${f(burst.perSecond, 0)} msg/s`);
  } finally {
    await app.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
