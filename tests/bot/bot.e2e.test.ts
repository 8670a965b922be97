/**
 * The real bot (runBot, long polling; one test in webhook mode) against the
 * local Bot API stand-in, on a real SQLite app: linking, the conversation
 * with its buttons, Telegram's delivery quirks (duplicates, 429, restarts)
 * and the notifications of the outbox loop.
 */
import { buildStaffWeb } from '../../src/staff-web/buildStaffWeb.js';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { issueActivationCodes } from '../../src/core/activation/issueActivationCodes.js';
import type { FamilyRecord, GuardianRecord } from '../../src/core/ports.js';
import type { TownConfig } from '../../src/core/config.js';
import { runBot, webhookSecret, type RunningBot } from '../../src/bot/runBot.js';
import { addFamily, testApp, type TestApp } from '../support/app.js';
import { startBotApiStandIn, type ApiCall, type BotApiStandIn, type Message, type Update } from '../support/botApiStandIn.js';

/** Tuesday 1 December 2026, 18:30 in Paris. */
const TUESDAY_EVENING = new Date('2026-12-01T17:30:00Z');
const SECRET = 'test-app-secret';

let current: Date;
const clock = { now: () => current };
const at = (iso: string) => { current = new Date(iso); };
const later = (minutes: number) => { current = new Date(current.getTime() + minutes * 60_000); };

let app: TestApp;
let tg: BotApiStandIn;
let running: RunningBot | undefined;
let web: FastifyInstance | undefined;
let logs: string[];

let live = false;

async function setUp(tweak?: (config: TownConfig) => void) {
  if (live) await tearDown();
  app = await testApp(tweak);
  tg = await startBotApiStandIn();
  live = true;
}
async function tearDown() {
  if (!live) return;
  live = false;
  await running?.stop();
  running = undefined;
  await tg.close();
  await web?.close();
  web = undefined;
  await app.dispose();
}
const start = async (extra: { webhookUrl?: string; web?: FastifyInstance } = {}) => {
  running = await runBot({ app, clock, token: tg.token, apiRoot: tg.apiRoot, secret: SECRET, log: (l) => logs.push(l), outboxEveryMs: 50, ...extra });
  return running;
};

beforeEach(async () => {
  current = TUESDAY_EVENING;
  logs = [];
  await setUp();
});
afterEach(tearDown);

// ——— helpers ———

const isReply = (c: ApiCall, chatId: number, methods: RegExp) =>
  methods.test(c.method) && c.response?.ok === true && (c.response.result as Message).chat.id === chatId;

/** The first successful sendMessage/editMessageText in `chatId` received after call number `mark`, matching `match`. */
async function replyAfter(mark: number, chatId: number, match?: RegExp, methods = /^(sendMessage|editMessageText)$/, timeoutMs = 5000): Promise<Message> {
  const call = await tg.waitFor((c) => tg.calls.indexOf(c) >= mark && isReply(c, chatId, methods) && (!match || match.test((c.response as { result: Message }).result.text)), timeoutMs);
  return (call.response as { result: Message }).result;
}

/** Sends `text` from `chatId`; resolves the bot's next message there (matching `match` if given). */
async function say(chatId: number, text: string, match?: RegExp): Promise<Message> {
  const mark = tg.calls.length;
  tg.sendText(chatId, text);
  return replyAfter(mark, chatId, match, /^sendMessage$/);
}

/** Presses the button labelled `label` of bot message `message`; resolves the edited (or new) message. */
async function press(chatId: number, message: Message, label: string, match?: RegExp): Promise<{ reply: Message; queryId: string }> {
  const button = message.reply_markup?.inline_keyboard.flat().find((b) => b.text === label);
  if (!button?.callback_data) throw new Error(`no button ${label} on ${JSON.stringify(message)}`);
  const mark = tg.calls.length;
  const id = tg.pressButton(chatId, message.message_id, button.callback_data);
  await handled(id);
  const reply = await replyAfter(mark, chatId, match);
  return { reply, queryId: queryIdOf(id) };
}
const queryIds = new Map<number, string>();
const queryIdOf = (updateId: number) => queryIds.get(updateId) ?? '';

/**
 * Resolves once update `updateId` has been fully handled: recorded as
 * handled (in the transaction of its changes) and its replies out of the
 * outbox. Also records the callback query id of a button press.
 */
async function handled(updateId: number, timeoutMs = 5000): Promise<void> {
  const delivered = await tg.waitFor((c) => c.method === 'getUpdates' && c.response?.ok === true && (c.response.result as Update[]).some((u) => u.update_id === updateId), timeoutMs);
  const update = (delivered.response as { result: Update[] }).result.find((u) => u.update_id === updateId)!;
  if (update.callback_query) queryIds.set(updateId, update.callback_query.id);
  await vi.waitFor(
    async () => {
      const row = await app.db.telegramUpdate.findUnique({ where: { updateId } });
      expect(row?.handledAt).toBeTruthy();
      expect(await app.db.outbox.count({ where: { channel: 'telegram', sentAt: null, attempts: 0 } })).toBe(0);
      if (update.callback_query) expect(tg.calls.some((c) => c.method === 'answerCallbackQuery' && c.payload.callback_query_id === update.callback_query!.id && c.response)).toBe(true);
    },
    { timeout: timeoutMs, interval: 20 },
  );
}

let nextUpdate = 7000;
/** A raw text update (for redeliveries and the webhook), with a bot_command entity when it starts with one. */
const textUpdate = (chatId: number, text: string, updateId = ++nextUpdate): Update => {
  const command = /^\/[A-Za-z0-9_]+/.exec(text);
  return {
    update_id: updateId,
    message: {
      message_id: updateId, date: Math.floor(Date.now() / 1000), chat: { id: chatId, type: 'private', first_name: 'Parent' },
      from: { id: chatId, is_bot: false, first_name: 'Parent', language_code: 'fr' }, text,
      ...(command ? { entities: [{ type: 'bot_command', offset: 0, length: command[0].length }] } : {}),
    },
  };
};

const labels = (m: Message) => m.reply_markup?.inline_keyboard.map((row) => row.map((b) => b.text)) ?? [];
const sentTo = (chatId: number) => tg.calls.filter((c) => isReply(c, chatId, /^sendMessage$/));
const failedCalls = () => tg.calls.filter((c) => c.response && !c.response.ok && c.method !== 'getUpdates');
const states = async () =>
  (await app.db.booking.findMany({ include: { child: true }, orderBy: [{ date: 'asc' }, { child: { firstName: 'asc' } }, { serviceCode: 'asc' }] })).map(
    (b) => `${b.child.firstName} ${b.serviceCode} ${b.date} ${b.state}`,
  );
const guardianRow = (g: GuardianRecord) => app.db.guardian.findUniqueOrThrow({ where: { id: g.id as number } });

/** Issues a fresh activation code for family `reference` (one guardian): the plain code. */
async function codeFor(reference: string, now = clock.now()): Promise<string> {
  const issued = await issueActivationCodes({ families: app.families, activation: app.activation, random: app.random }, { reference, now, actor: { type: 'system' }, channel: 'admin' });
  if (!issued.ok) throw new Error(issued.why);
  return issued.codes[0]!.code;
}

/** A family whose guardian has linked chat `chatId` through /start CODE. */
async function linkedFamily(reference: string, children: string[], chatId: number): Promise<{ family: FamilyRecord; guardian: GuardianRecord }> {
  const family = await addFamily(app, reference, children);
  const code = await codeFor(reference);
  await say(chatId, `/start ${code}`, /^Bienvenue/);
  return { family, guardian: family.guardians[0]! };
}

// ——— tests ———

describe('linking a chat with an activation code', () => {
  it('links the chat on /start with a valid code and welcomes the guardian', async () => {
    await start();
    const family = await addFamily(app, 'F-0001', ['Léa', 'Tom']);
    const code = await codeFor('F-0001');
    const welcome = await say(101, `/start ${code}`);
    expect(welcome.text).toMatch(/^Bienvenue Parent F-0001 ! Votre compte Telegram est maintenant relié au Portail Famille\./);
    expect(welcome.reply_markup).toBeUndefined();
    const row = await guardianRow(family.guardians[0]!);
    expect(row.telegramChatId).toBe('101');
    expect(row.accessState).toBe('active');
  });

  it('answers /start alone in a linked chat with a reminder and help, without buttons, changing nothing', async () => {
    await start();
    const { guardian } = await linkedFamily('F-0001', ['Léa'], 102);
    const r = await say(102, '/start');
    expect(r.text).toMatch(/^Cette conversation est déjà reliée à votre famille\. Pour relier un autre téléphone, demandez un nouveau code au CCAS\./);
    expect(r.reply_markup).toBeUndefined();
    expect((await guardianRow(guardian)).telegramChatId).toBe('102');
  });

  it('explains a wrong code in French and links nothing', async () => {
    await start();
    const family = await addFamily(app, 'F-0001', ['Léa']);
    await codeFor('F-0001');
    const r = await say(102, '/start ZZZZZZZZ');
    expect(r.text).toBe('Ce code n’est pas reconnu. Vérifiez-le (8 caractères, sans O ni I) ou demandez-en un nouveau au CCAS.');
    const malformed = await say(102, '/start 0000');
    expect(malformed.text).toMatch(/^Ce code n’est pas reconnu/);
    expect((await guardianRow(family.guardians[0]!)).telegramChatId).toBeNull();
    expect(await app.db.guardian.count({ where: { telegramChatId: { not: null } } })).toBe(0);
  });

  it('explains a code already used in French and does not move the chat', async () => {
    await start();
    const family = await addFamily(app, 'F-0001', ['Léa']);
    const code = await codeFor('F-0001');
    await say(103, `/start ${code}`, /^Bienvenue/);
    const r = await say(104, `/start ${code}`);
    expect(r.text).toBe('Ce code a déjà servi. Si vous changez de téléphone, demandez un nouveau code au CCAS.');
    expect((await guardianRow(family.guardians[0]!)).telegramChatId).toBe('103');
    expect(await app.db.guardian.count({ where: { telegramChatId: '104' } })).toBe(0);
  });

  it('explains an expired code in French and links nothing', async () => {
    await start();
    const family = await addFamily(app, 'F-0001', ['Léa']);
    const code = await codeFor('F-0001');
    later(31 * 24 * 60); // 31 days: codes are valid 30
    const r = await say(105, `/start ${code}`);
    expect(r.text).toBe('Ce code a expiré (il était valable 30 jours). Demandez-en un nouveau au CCAS.');
    const row = await guardianRow(family.guardians[0]!);
    expect(row.telegramChatId).toBeNull();
    expect(row.accessState).not.toBe('active');
  });
});

describe('a chat that is not linked', () => {
  for (const text of ['Léa mange à la cantine jeudi', '/start']) {
    it(`gets exactly one short French message without buttons, and nothing changes (${JSON.stringify(text)})`, async () => {
      await start();
      await addFamily(app, 'F-0001', ['Léa']);
      const snapshot = async () => ({
        bookings: await app.db.booking.count(),
        linked: await app.db.guardian.count({ where: { telegramChatId: { not: null } } }),
        conversations: await app.db.guardian.findMany({ select: { accessState: true } }),
      });
      const before = await snapshot();
      const id = tg.sendText(201, text);
      await handled(id);
      const messages = sentTo(201);
      expect(messages).toHaveLength(1);
      const m = (messages[0]!.response as { result: Message }).result;
      expect(m.text).toMatch(/code d’activation/);
      expect(m.text).toMatch(/CCAS/);
      expect(m.text.length).toBeLessThan(300);
      expect(m.reply_markup).toBeUndefined();
      expect(messages[0]!.payload.reply_markup).toBeUndefined();
      expect(await snapshot()).toEqual(before);
    });
  }
});

describe('the conversation through buttons', () => {
  it('confirms a booking with what changed and a "Défaire" button; pressing it edits the message to the undone result', async () => {
    await start();
    await linkedFamily('F-0001', ['Léa', 'Tom'], 301);
    const r = await say(301, 'Léa mange à la cantine jeudi');
    expect(r.text).toBe('✅ Léa : cantine réservée le jeudi 3 décembre');
    expect(labels(r)).toEqual([['Défaire']]);
    expect(await states()).toEqual(['Léa canteen 2026-12-03 booked']);
    later(5);
    const { reply, queryId } = await press(301, r, 'Défaire');
    expect(reply.message_id).toBe(r.message_id);
    expect(reply.text).toContain('↩️ Défait :');
    expect(reply.text).toContain('cantine annulée le jeudi 3 décembre');
    expect(tg.calls.some((c) => c.method === 'editMessageText' && c.response?.ok)).toBe(true);
    expect(tg.calls.some((c) => c.method === 'answerCallbackQuery' && c.payload.callback_query_id === queryId && c.response?.ok)).toBe(true);
    expect(await states()).toEqual(['Léa canteen 2026-12-03 cancelled']);
  });

  it('asks which child with buttons and edits the question into the outcome', async () => {
    await start();
    await linkedFamily('F-0001', ['Léa', 'Tom'], 302);
    const q = await say(302, 'cantine jeudi');
    expect(q.text).toMatch(/^Pour quel enfant \?/);
    expect(labels(q)[0]).toEqual(['Léa', 'Tom', 'Tous']);
    expect(await states()).toEqual([]);
    const { reply } = await press(302, q, 'Tom');
    expect(reply.message_id).toBe(q.message_id);
    expect(reply.text).toBe('✅ Tom : cantine réservée le jeudi 3 décembre');
    expect(tg.sent(302).find((m) => m.message_id === q.message_id)!.text).toBe(reply.text);
    expect(await states()).toEqual(['Tom canteen 2026-12-03 booked']);
  });

  it('summarises a large request (16 changes) and applies it once "Confirmer" is pressed', async () => {
    await start();
    await linkedFamily('F-0001', ['Léa', 'Tom'], 303);
    const q = await say(303, 'Léa et Tom mangent à la cantine du 4 au 15 janvier');
    expect(q.text).toMatch(/^Cela fait 16 changements/);
    expect(labels(q)[0]).toEqual(['Confirmer', 'Laisser tomber']);
    expect(JSON.stringify(q.reply_markup)).not.toContain('Annuler');
    expect(await app.db.booking.count()).toBe(0);
    const { reply } = await press(303, q, 'Confirmer');
    expect(reply.text).toContain('✅ Léa : cantine réservée 8 jours, du lundi 4 janvier au vendredi 15 janvier');
    expect(reply.text).toContain('✅ Tom : cantine réservée 8 jours, du lundi 4 janvier au vendredi 15 janvier');
    expect(await app.db.booking.count({ where: { state: 'booked', date: { gte: '2027-01-04', lte: '2027-01-15' } } })).toBe(16);
  });

  it('refuses a cancellation after the deadline and names the deadline', async () => {
    await start();
    await linkedFamily('F-0001', ['Léa'], 304);
    await say(304, 'Léa mange à la cantine jeudi', /^✅/);
    at('2026-12-02T09:30:00Z'); // Wednesday 10:30 in Paris
    const r = await say(304, 'annule la cantine de Léa jeudi');
    expect(r.text).toContain('trop tard');
    expect(r.text).toContain('10:00');
    expect(await states()).toEqual(['Léa canteen 2026-12-03 booked']);
  });

  it('lists the bookings on /reservations', async () => {
    await start();
    await linkedFamily('F-0001', ['Léa', 'Tom'], 305);
    await say(305, 'Léa mange à la cantine jeudi et vendredi', /^✅/);
    await say(305, 'Tom à la garderie du soir jeudi', /^✅/);
    const r = await say(305, '/reservations');
    expect(r.text).toMatch(/^Réservations \(/);
    expect(r.text).toContain('• Jeudi 3 décembre — ');
    expect(r.text).toMatch(/Jeudi 3 décembre — .*Léa : cantine/);
    expect(r.text).toMatch(/Jeudi 3 décembre — .*Tom : garderie du soir/);
    expect(r.text).toMatch(/Vendredi 4 décembre — Léa : cantine/);
  });
});

describe('capacity and the waiting list', () => {
  beforeEach(async () => {
    await setUp((c) => { c.services.find((s) => s.code === 'canteen')!.capacity = 1; });
  });

  it('puts the second family on the waiting list when the service is full', async () => {
    await start();
    await linkedFamily('F-0001', ['Léa'], 401);
    await linkedFamily('F-0002', ['Zoé'], 402);
    expect((await say(401, 'Léa mange à la cantine jeudi')).text).toBe('✅ Léa : cantine réservée le jeudi 3 décembre');
    const r = await say(402, 'Zoé mange à la cantine jeudi');
    expect(r.text).toContain('liste d’attente');
    expect(await states()).toEqual(['Léa canteen 2026-12-03 booked', 'Zoé canteen 2026-12-03 waiting']);
  });

  it('promotes the waiting family when a place is freed, and tells its chat through the outbox', async () => {
    await start();
    await linkedFamily('F-0001', ['Léa'], 403);
    await linkedFamily('F-0002', ['Zoé'], 404);
    await say(403, 'Léa mange à la cantine jeudi', /^✅/);
    await say(404, 'Zoé mange à la cantine jeudi', /liste d’attente/);
    const mark = tg.calls.length;
    const cancelled = await say(403, 'annule la cantine de Léa jeudi');
    expect(cancelled.text).toContain('cantine annulée le jeudi 3 décembre');
    const note = await replyAfter(mark, 404, /Une place s’est libérée/, /^sendMessage$/, 5000);
    expect(note.text).toContain('Zoé');
    expect(await states()).toEqual(['Léa canteen 2026-12-03 cancelled', 'Zoé canteen 2026-12-03 booked']);
    // The outbox row is marked sent just after the Bot API accepted it.
    await vi.waitFor(async () => {
      // (Replies go through the outbox too: only the notification is looked at.)
      const outbox = await app.db.outbox.findMany({ where: { channel: 'telegram', body: { contains: 'Une place' } } });
      expect(outbox).toHaveLength(1);
      expect(outbox[0]).toMatchObject({ recipient: '404' });
      expect(outbox[0]!.sentAt).not.toBeNull();
    }, { timeout: 2000, interval: 20 });
    expect(sentTo(404).filter((c) => /Une place s’est libérée/.test((c.response as { result: Message }).result.text))).toHaveLength(1);
  });
});

describe('Telegram’s delivery', () => {
  it('handles an update delivered twice only once (one reply, one booking)', async () => {
    await start();
    await linkedFamily('F-0001', ['Léa'], 501);
    const update = textUpdate(501, 'Léa mange à la cantine jeudi', 1000);
    const before = sentTo(501).length;
    tg.queueUpdate(update);
    tg.queueUpdate(update); // Telegram delivers it again
    await handled(tg.sendText(501, '/aide')); // updates are handled in order: both copies are behind us
    const deliveries = tg.calls.filter((c) => c.method === 'getUpdates' && c.response?.ok === true).flatMap((c) => (c.response as { result: Update[] }).result).filter((u) => u.update_id === 1000);
    expect(deliveries).toHaveLength(2);
    const replies = sentTo(501).slice(before).map((c) => (c.response as { result: Message }).result.text);
    expect(replies.filter((t) => t.startsWith('✅'))).toEqual(['✅ Léa : cantine réservée le jeudi 3 décembre']);
    expect(replies).toHaveLength(2); // the booking, then /aide
    expect(await states()).toEqual(['Léa canteen 2026-12-03 booked']);
    expect(await app.db.telegramUpdate.count({ where: { updateId: 1000, handledAt: { not: null } } })).toBe(1);
  });

  it('handles an update whose id comes round again days later (Telegram restarts update ids after a quiet week)', async () => {
    await start();
    await linkedFamily('F-0001', ['Léa'], 506);
    tg.queueUpdate(textUpdate(506, 'Léa mange à la cantine jeudi', 3000));
    await handled(3000);
    expect(await states()).toEqual(['Léa canteen 2026-12-03 booked']);
    later(8 * 24 * 60); // Wednesday 9 December
    const mark = tg.calls.length;
    tg.queueUpdate(textUpdate(506, 'Léa mange à la cantine vendredi', 3000));
    const r = await replyAfter(mark, 506, undefined, /^sendMessage$/);
    expect(r.text).toBe('✅ Léa : cantine réservée le vendredi 11 décembre');
    expect(await states()).toEqual(['Léa canteen 2026-12-03 booked', 'Léa canteen 2026-12-11 booked']);
  });

  it('answers a 5,000-character message and an emoji-only one within Telegram’s limits, without a crash', async () => {
    await start();
    await linkedFamily('F-0001', ['Léa', 'Tom'], 502);
    const long = 'Bonjour, je voudrais savoir si Léa peut manger à la cantine, merci beaucoup. '.repeat(70).slice(0, 5000);
    expect(long).toHaveLength(5000);
    const a = await say(502, long);
    expect(a.text.length).toBeGreaterThan(0);
    expect(a.text.length).toBeLessThanOrEqual(4096);
    const b = await say(502, '🦄🦄🦄');
    expect(b.text).toContain('je n’ai pas compris');
    const c = await say(502, '👍');
    expect(c.text.length).toBeGreaterThan(0);
    expect(failedCalls()).toEqual([]);
    expect(logs.filter((l) => l.startsWith('telegram update'))).toEqual([]);
    expect(tg.sent(502).some((m) => m.text.startsWith('Désolé, un problème technique'))).toBe(false);
  });

  it('answers every button press, including one on a question that expired', async () => {
    await start();
    await linkedFamily('F-0001', ['Léa', 'Tom'], 503);
    const pressed: string[] = [];
    const q1 = await say(503, 'cantine jeudi', /^Pour quel enfant/);
    const done = await press(503, q1, 'Léa', /^✅/);
    pressed.push(done.queryId);
    const undone = await press(503, done.reply, 'Défaire', /Défait/);
    pressed.push(undone.queryId);
    const q2 = await say(503, 'cantine vendredi', /^Pour quel enfant/);
    later(31);
    const expired = await press(503, q2, 'Tom');
    pressed.push(expired.queryId);
    expect(expired.reply.text).toContain('expiré');
    await tg.waitFor((c) => c.method === 'answerCallbackQuery' && c.payload.callback_query_id === pressed.at(-1));
    const answered = tg.calls.filter((c) => c.method === 'answerCallbackQuery' && c.response?.ok).map((c) => String(c.payload.callback_query_id));
    expect(answered).toEqual(pressed);
    expect(await states()).toEqual(['Léa canteen 2026-12-03 cancelled']);
  });

  it('completes a question answered after a restart of the bot', async () => {
    await start();
    await linkedFamily('F-0001', ['Léa', 'Tom'], 504);
    const q = await say(504, 'cantine jeudi', /^Pour quel enfant/);
    await running!.stop();
    running = undefined;
    later(2);
    await start();
    const { reply, queryId } = await press(504, q, 'Tous');
    expect(reply.message_id).toBe(q.message_id);
    expect(reply.text).toContain('✅ Léa : cantine réservée le jeudi 3 décembre');
    expect(reply.text).toContain('✅ Tom : cantine réservée le jeudi 3 décembre');
    expect(tg.calls.some((c) => c.method === 'answerCallbackQuery' && c.payload.callback_query_id === queryId && c.response?.ok)).toBe(true);
    expect(await states()).toEqual(['Léa canteen 2026-12-03 booked', 'Tom canteen 2026-12-03 booked']);
  });

  it('retries a sendMessage refused with 429 and the reply arrives', async () => {
    await start();
    await linkedFamily('F-0001', ['Léa'], 505);
    tg.failNext('sendMessage', { error_code: 429, description: 'Too Many Requests: retry after 1', parameters: { retry_after: 1 } });
    const mark = tg.calls.length;
    tg.sendText(505, 'Léa mange à la cantine jeudi');
    const r = await replyAfter(mark, 505, undefined, /^sendMessage$/, 8000);
    expect(r.text).toBe('✅ Léa : cantine réservée le jeudi 3 décembre');
    const attempts = tg.calls.slice(mark).filter((c) => c.method === 'sendMessage');
    expect(attempts.map((c) => (c.response?.ok ? 200 : c.response && 'error_code' in c.response ? c.response.error_code : 0))).toEqual([429, 200]);
    expect(attempts[1]!.at - attempts[0]!.at).toBeGreaterThanOrEqual(900);
    expect(await states()).toEqual(['Léa canteen 2026-12-03 booked']);
    expect(tg.sent(505).some((m) => m.text.startsWith('Désolé'))).toBe(false);
  }, 15_000);
});

describe('webhook mode', () => {
  const HOOK = '/telegram/hook';
  it('serves updates on the staff web with the secret token, refuses a wrong one, and registers the webhook with it', async () => {
    // The very fastify app npm start serves the dashboard with: its sign-in
    // and CSRF hooks must leave the webhook alone.
    web = buildStaffWeb({ app, clock, secret: SECRET });
    await start({ webhookUrl: `http://127.0.0.1${HOOK}`, web });
    const secretToken = webhookSecret(SECRET, tg.token);
    const setWebhook = tg.calls.find((c) => c.method === 'setWebhook');
    expect(setWebhook?.payload).toMatchObject({ url: `http://127.0.0.1${HOOK}`, secret_token: secretToken });
    expect(tg.calls.some((c) => c.method === 'getUpdates')).toBe(false);

    const family = await addFamily(app, 'F-0001', ['Léa']);
    const code = await codeFor('F-0001');
    const ok = await web.inject({ method: 'POST', url: HOOK, headers: { 'x-telegram-bot-api-secret-token': secretToken }, payload: textUpdate(601, `/start ${code}`) });
    expect(ok.statusCode).toBe(200);
    expect((await tg.waitForMessage(601, /^Bienvenue/)).text).toContain('Portail Famille');
    expect((await guardianRow(family.guardians[0]!)).telegramChatId).toBe('601');

    const booked = await web.inject({ method: 'POST', url: HOOK, headers: { 'x-telegram-bot-api-secret-token': secretToken }, payload: textUpdate(601, 'Léa mange à la cantine jeudi') });
    expect(booked.statusCode).toBe(200);
    expect((await tg.waitForMessage(601, /^✅/)).text).toBe('✅ Léa : cantine réservée le jeudi 3 décembre');

    const sendsBefore = tg.calls.filter((c) => c.method === 'sendMessage').length;
    const wrong = await web.inject({ method: 'POST', url: HOOK, headers: { 'x-telegram-bot-api-secret-token': 'not-the-secret' }, payload: textUpdate(601, 'Léa mange à la cantine vendredi') });
    expect(wrong.statusCode).toBe(401);
    const missing = await web.inject({ method: 'POST', url: HOOK, payload: textUpdate(601, 'Léa mange à la cantine vendredi') });
    expect(missing.statusCode).toBe(401);
    await new Promise((r) => setTimeout(r, 200));
    expect(tg.calls.filter((c) => c.method === 'sendMessage')).toHaveLength(sendsBefore);
    expect(await states()).toEqual(['Léa canteen 2026-12-03 booked']);
  });
});
