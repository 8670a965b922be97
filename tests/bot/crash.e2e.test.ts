/**
 * Crash injection on the real service: `npm start`'s program (node --import
 * tsx src/main.ts, long polling) against the Bot API stand-in, on a SQLite
 * file with ten linked families. A burst of 100 booking requests from ten
 * chats is sent ten at a time, and the process is SIGKILLed in the middle of
 * each round, then started again: ten SIGKILLs. Afterwards every request's
 * booking is there exactly once, every reply went out (at most twice, only
 * because of a crash), and a last round without a crash sends each reply
 * exactly once.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { loadTownConfig } from '../../src/config/town.js';
import { issueActivationCodes } from '../../src/core/activation/issueActivationCodes.js';
import { redeemActivationCode } from '../../src/core/activation/redeemActivationCode.js';
import type { TownConfig } from '../../src/core/config.js';
import { addDays, isoWeekday, zonedDate, type IsoDate } from '../../src/core/time.js';
import { addFamily, tempDir } from '../support/app.js';
import { startBotApiStandIn, type BotApiStandIn, type Message } from '../support/botApiStandIn.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const CHATS = Array.from({ length: 10 }, (_, i) => 9001 + i);
const ROUNDS = 10;
const KILLS = 10;

let dir: string;
let db: string;
let townFile: string;
let tg: BotApiStandIn;
let dates: IsoDate[];

/** The canteen days from the day after tomorrow on (Mon, Tue, Thu, Fri): always bookable. */
function canteenDays(count: number, town: TownConfig): IsoDate[] {
  let d = addDays(zonedDate(new Date(), town.timeZone), 2);
  const out: IsoDate[] = [];
  while (out.length < count) {
    if ([1, 2, 4, 5].includes(isoWeekday(d))) out.push(d);
    d = addDays(d, 1);
  }
  return out;
}
const french = (d: IsoDate) => `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}`;

beforeAll(async () => {
  dir = tempDir('portail-crash-');
  db = path.join(dir, 'crash.db');
  // The town with a school year around today and no holidays, so the test runs whatever the date.
  const town = loadTownConfig();
  const today = zonedDate(new Date(), town.timeZone);
  town.calendar.firstDay = addDays(today, -30);
  town.calendar.lastDay = addDays(today, 200);
  town.calendar.holidays = [];
  town.calendar.publicHolidays = [];
  town.calendar.bridges = [];
  townFile = path.join(dir, 'town.json');
  fs.writeFileSync(townFile, JSON.stringify(town));
  dates = canteenDays(ROUNDS + 2, town);

  const app = await buildApp({ databaseUrl: `file:${db}`, town, appSecret: 'crash-test-app-secret-0123' });
  try {
    for (const [i, chat] of CHATS.entries()) {
      const reference = `C-${String(i + 1).padStart(2, '0')}`;
      await addFamily(app, reference, ['Léa']);
      const issued = await issueActivationCodes({ families: app.families, activation: app.activation, random: app.random }, { reference, now: new Date(), actor: { type: 'system' }, channel: 'admin' });
      if (!issued.ok) throw new Error(issued.why);
      const linked = await redeemActivationCode({ activation: app.activation }, { code: issued.codes[0]!.code, chatId: String(chat), now: new Date() });
      if (!linked.ok) throw new Error(linked.why);
    }
  } finally {
    await app.close();
  }
  tg = await startBotApiStandIn();
});

afterAll(async () => {
  await tg?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Starts the service; resolves once it long-polls. */
async function startService(): Promise<{ child: ChildProcess; out: () => string; closed: Promise<void> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: ROOT,
    detached: true,
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      DATABASE_URL: `file:${db}`,
      TOWN_CONFIG: townFile,
      APP_SECRET: 'crash-test-app-secret-0123',
      TELEGRAM_BOT_TOKEN: tg.token,
      TELEGRAM_API_ROOT: tg.apiRoot,
      TELEGRAM_WEBHOOK_URL: '',
      IMAP_URL: '',
      SMTP_URL: '',
    },
  });
  let out = '';
  child.stdout!.on('data', (b: Buffer) => (out += b.toString()));
  child.stderr!.on('data', (b: Buffer) => (out += b.toString()));
  const closed = new Promise<void>((resolve) => child.on('close', () => resolve()));
  const until = Date.now() + 30_000;
  while (!/\(long polling\)/.test(out) && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
  if (!/\(long polling\)/.test(out)) throw new Error(`the service did not start:\n${out}`);
  return { child, out: () => out, closed };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const replyText = (date: IsoDate) => new RegExp(`^✅ Léa : cantine réservée le \\S+ ${Number(date.slice(8, 10))} `);
/** How many times each chat got the confirmation for `date`. */
const confirmations = (chat: number, date: IsoDate) =>
  tg.calls.filter((c) => c.method === 'sendMessage' && c.response?.ok === true && (c.response.result as Message).chat.id === chat && replyText(date).test((c.response.result as Message).text)).length;

it(`loses and doubles no request across ${KILLS} SIGKILLs during a burst of ${ROUNDS * CHATS.length} messages from ${CHATS.length} chats`, async () => {
  const kills: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const service = await startService();
    const mark = tg.calls.length;
    for (const chat of CHATS) tg.sendText(chat, `Léa mange à la cantine le ${french(dates[round]!)}`);
    // Killed in the middle of the round: once its updates were fetched (0 to 30 ms later), or once its first reply is out.
    const sentSince = () => tg.calls.slice(mark).filter((c) => c.method === 'sendMessage' && c.response?.ok === true).length;
    const fetched = () => tg.calls.slice(mark).some((c) => c.method === 'getUpdates' && c.response?.ok === true && (c.response.result as unknown[]).length > 0);
    const until = Date.now() + 30_000;
    while (!fetched() && Date.now() < until) await sleep(1);
    if (round % 2 === 0) await sleep((round % 4) * 15); // while its updates are being handled
    else while (sentSince() === 0 && Date.now() < until) await sleep(1); // while its replies are being sent
    process.kill(-service.child.pid!, 'SIGKILL');
    await service.closed;
    kills.push(sentSince());
  }
  expect(kills).toHaveLength(KILLS);
  // Most kills fell in the middle of a round (its updates fetched, not all its replies out).
  expect(kills.filter((n) => n < CHATS.length).length).toBeGreaterThanOrEqual(KILLS / 2);

  // A last start finishes what the crashes left, then a round without any crash.
  const service = await startService();
  try {
    const last = dates[ROUNDS]!;
    for (const chat of CHATS) tg.sendText(chat, `Léa mange à la cantine le ${french(last)}`);
    const until = Date.now() + 60_000;
    const allAnswered = () => CHATS.every((chat) => dates.slice(0, ROUNDS + 1).every((d) => confirmations(chat, d) >= 1));
    while (!allAnswered() && Date.now() < until) await sleep(100);
    await sleep(500); // anything sent twice would have gone by now

    const perReply = CHATS.flatMap((chat) => dates.slice(0, ROUNDS).map((d) => confirmations(chat, d)));
    const lost = perReply.filter((n) => n === 0).length;
    const twice = perReply.filter((n) => n === 2).length;
    console.log(`crash test: ${KILLS} SIGKILLs (replies of the round already out at each: ${kills.join(', ')} of ${CHATS.length}), ${perReply.length} requests: ${lost} replies lost, ${twice} sent twice, ${perReply.filter((n) => n > 2).length} more than twice`);
    expect(lost).toBe(0);
    expect(perReply.every((n) => n <= 2)).toBe(true);
    // Without a crash: each reply exactly once.
    expect(CHATS.map((chat) => confirmations(chat, last))).toEqual(CHATS.map(() => 1));
  } finally {
    process.kill(-service.child.pid!, 'SIGTERM');
    await service.closed;
  }

  // Every request applied exactly once: one booking per chat and date, one audit entry each, every update handled once.
  const town = JSON.parse(fs.readFileSync(townFile, 'utf8')) as TownConfig;
  const app = await buildApp({ databaseUrl: `file:${db}`, town, appSecret: 'crash-test-app-secret-0123' });
  try {
    const bookings = await app.db.booking.findMany({ include: { child: { include: { family: true } } } });
    const got = bookings.map((b) => `${b.child.family.reference} ${b.serviceCode} ${b.date} ${b.state}`).sort();
    const want = CHATS.flatMap((_, i) => dates.slice(0, ROUNDS + 1).map((d) => `C-${String(i + 1).padStart(2, '0')} canteen ${d} booked`)).sort();
    expect(got).toEqual(want);
    const audited = await app.db.auditEvent.findMany({ where: { actorType: 'guardian', NOT: { action: 'guardian.link_telegram' } } });
    console.log(`crash test: ${audited.length} audit entries by guardians for ${want.length} requests (${[...new Set(audited.map((a) => a.action))].join(', ')})`);
    expect(audited).toHaveLength(want.length);
    expect(await app.db.telegramUpdate.count({ where: { handledAt: null } })).toBe(0);
    expect(await app.db.telegramUpdate.count()).toBe(want.length);
    expect(await app.db.outbox.count({ where: { channel: 'telegram', sentAt: null } })).toBe(0);
  } finally {
    await app.close();
  }
}, 300_000);
