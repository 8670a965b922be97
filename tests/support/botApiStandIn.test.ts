/**
 * The Bot API stand-in behaves like Telegram where the bot can tell: driven
 * first with plain fetch calls, then by a real grammY bot in long polling.
 */
import { autoRetry } from '@grammyjs/auto-retry';
import { Bot, InlineKeyboard } from 'grammy';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startBotApiStandIn, type BotApiStandIn, type Message, type Update } from './botApiStandIn.js';

let tg: BotApiStandIn;
beforeEach(async () => { tg = await startBotApiStandIn(); });
afterEach(async () => { await tg.close(); });

/** POSTs a JSON payload to the stand-in; resolves the HTTP status and the decoded body. */
async function call(method: string, payload: Record<string, unknown> = {}, token = tg.token) {
  const response = await fetch(`${tg.apiRoot}/bot${token}/${method}`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(payload), signal: AbortSignal.timeout(8000),
  });
  return { status: response.status, body: (await response.json()) as { ok: boolean; result?: any; error_code?: number; description?: string; parameters?: { retry_after?: number } } };
}
const sendMessage = (text: string, extra: Record<string, unknown> = {}) => call('sendMessage', { chat_id: 42, text, ...extra });
const keyboard = (data: string) => ({ inline_keyboard: [[{ text: 'Oui', callback_data: data }]] });

describe('the stand-in, over plain HTTP', { timeout: 5000 }, () => {
  it('listens on 127.0.0.1 and answers getMe, wrong tokens, unknown methods, forms and query strings', async () => {
    expect(tg.apiRoot).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(await call('getMe')).toEqual({ status: 200, body: { ok: true, result: tg.botInfo } });
    expect(tg.botInfo).toMatchObject({ is_bot: true, username: expect.any(String), can_join_groups: true, supports_inline_queries: false });
    expect(await call('getMe', {}, '1:wrong')).toEqual({ status: 401, body: { ok: false, error_code: 401, description: 'Unauthorized' } });
    expect(await call('sendSticker')).toEqual({ status: 404, body: { ok: false, error_code: 404, description: 'Not Found: method not found' } });
    const form = await fetch(`${tg.apiRoot}/bot${tg.token}/sendMessage`, { method: 'POST', body: new URLSearchParams({ chat_id: '7', text: 'form', reply_markup: JSON.stringify(keyboard('a')) }) });
    expect(await form.json()).toMatchObject({ ok: true, result: { chat: { id: 7, type: 'private' }, text: 'form', reply_markup: keyboard('a') } });
    const query = await fetch(`${tg.apiRoot}/bot${tg.token}/sendMessage?chat_id=7&text=query`);
    expect(await query.json()).toMatchObject({ ok: true, result: { message_id: 2, text: 'query', from: { id: tg.botInfo.id, is_bot: true } } });
    expect(tg.calls.map((c) => c.method)).toEqual(['getMe', 'getMe', 'sendSticker', 'sendMessage', 'sendMessage']);
  });

  it('holds a long poll until sendText queues an update; the offset confirms it', async () => {
    const started = Date.now();
    const poll = call('getUpdates', { timeout: 5 });
    await tg.waitFor((c) => c.method === 'getUpdates');
    const id = tg.sendText(42, '/start abc');
    const { body } = await poll;
    expect(Date.now() - started).toBeLessThan(1000);
    expect(body.result).toEqual([{ update_id: id, message: expect.objectContaining({
      message_id: 1, text: '/start abc', chat: { id: 42, type: 'private', first_name: 'Parent' },
      from: expect.objectContaining({ id: 42, is_bot: false, first_name: 'Parent' }),
      entities: [{ type: 'bot_command', offset: 0, length: 6 }],
    }) }]);
    expect(tg.pendingUpdates()).toBe(1);
    expect((await call('getUpdates')).body.result).toHaveLength(1); // not confirmed yet: delivered again
    expect((await call('getUpdates', { offset: id + 1 })).body.result).toEqual([]);
    expect(tg.pendingUpdates()).toBe(0);
    // A short timeout ends with an empty list.
    expect((await call('getUpdates', { offset: id + 1, timeout: 1 })).body.result).toEqual([]);
  });

  it('redelivers an update already delivered and confirmed, once', async () => {
    const id = tg.sendText(42, 'bonjour');
    const [update] = (await call('getUpdates')).body.result as Update[];
    expect((await call('getUpdates', { offset: id + 1 })).body.result).toEqual([]);
    tg.queueUpdate(update!);
    expect((await call('getUpdates', { offset: id + 1 })).body.result).toEqual([update]);
    expect((await call('getUpdates', { offset: id + 1 })).body.result).toEqual([]);
    expect(tg.sendText(42, 'encore')).toBe(id + 1);
  });

  it('honours limit, ends an older long poll with 409, and refuses getUpdates while a webhook is set', async () => {
    for (const text of ['a', 'b', 'c']) tg.sendText(1, text);
    expect((await call('getUpdates', { limit: 2 })).body.result.map((u: Update) => u.message?.text)).toEqual(['a', 'b']);
    await call('getUpdates', { offset: 4 });
    const older = call('getUpdates', { offset: 4, timeout: 5 });
    await tg.waitFor((c) => c.method === 'getUpdates' && c.response === undefined);
    const newer = call('getUpdates', { offset: 4, timeout: 1 });
    expect((await older).body).toMatchObject({ ok: false, error_code: 409, description: expect.stringMatching(/^Conflict: terminated by other getUpdates request/) });
    await newer;
    await call('setWebhook', { url: 'https://example.org/hook' });
    expect((await call('getWebhookInfo')).body.result).toMatchObject({ url: 'https://example.org/hook' });
    expect((await call('getUpdates')).body.error_code).toBe(409);
    await call('deleteWebhook');
    expect((await call('getUpdates')).body.ok).toBe(true);
  });

  it('stores commands', async () => {
    const commands = [{ command: 'start', description: 'Commencer' }];
    expect((await call('setMyCommands', { commands })).body.result).toBe(true);
    expect((await call('getMyCommands')).body.result).toEqual(commands);
    expect((await call('setMyCommands', { commands: [{ command: 'Réserver', description: 'x' }] })).body.description).toBe('Bad Request: BOT_COMMAND_INVALID');
    await call('deleteMyCommands');
    expect((await call('getMyCommands')).body.result).toEqual([]);
  });

  it('refuses texts out of 1..4096 characters, counted after parsing', async () => {
    expect((await sendMessage('x'.repeat(4097))).body).toEqual({ ok: false, error_code: 400, description: 'Bad Request: message is too long' });
    expect((await sendMessage('x'.repeat(4096))).body.ok).toBe(true);
    expect((await sendMessage(`<b>${'&lt;'.repeat(4096)}</b>`, { parse_mode: 'HTML' })).body.result.text).toBe('<'.repeat(4096));
    expect((await sendMessage(`<b>${'x'.repeat(4097)}</b>`, { parse_mode: 'HTML' })).body.description).toBe('Bad Request: message is too long');
    expect((await sendMessage('')).body.description).toBe('Bad Request: message text is empty');
    expect((await sendMessage('<b> </b>', { parse_mode: 'HTML' })).body.description).toBe('Bad Request: message text is empty');
    expect((await call('sendMessage', { chat_id: 42 })).body.description).toBe('Bad Request: message text is empty');
  });

  it('refuses callback data out of 1..64 UTF-8 bytes', async () => {
    expect((await sendMessage('ok', { reply_markup: keyboard('x'.repeat(64)) })).body.ok).toBe(true);
    for (const data of ['x'.repeat(65), 'é'.repeat(33), '']) {
      expect((await sendMessage('ko', { reply_markup: keyboard(data) })).body).toEqual({ ok: false, error_code: 400, description: 'Bad Request: BUTTON_DATA_INVALID' });
    }
    expect(tg.sent(42)).toHaveLength(1);
  });

  it("parses Telegram's HTML and refuses anything else", async () => {
    const ok = await sendMessage('<b>Lundi</b> &amp; <i>mardi</i> : <a href="https://x.org/?a=1&amp;b=2">lien</a> &#8364; <span class="tg-spoiler">s</span> <pre><code class="language-ts">x</code></pre>', { parse_mode: 'HTML' });
    expect(ok.body.result).toMatchObject({
      text: 'Lundi & mardi : lien € s x',
      entities: [
        { type: 'bold', offset: 0, length: 5 }, { type: 'italic', offset: 8, length: 5 },
        { type: 'text_link', offset: 16, length: 4, url: 'https://x.org/?a=1&b=2' }, { type: 'spoiler', offset: 23, length: 1 },
        { type: 'pre', offset: 25, length: 1, language: 'ts' },
      ],
    });
    for (const bad of ['1 < 2', 'a & b', '<b>gras', '<b><i>x</b></i>', '<div>x</div>', 'x</b>', '<span>x</span>', 'ligne<br/>']) {
      const { status, body } = await sendMessage(bad, { parse_mode: 'HTML' });
      expect([bad, status, body.description]).toEqual([bad, 400, expect.stringMatching(/^Bad Request: can't parse entities: /)]);
    }
    expect((await sendMessage('<b>gras', { parse_mode: 'HTML' })).body.description).toBe(`Bad Request: can't parse entities: Can't find end tag corresponding to start tag "b"`);
    expect((await sendMessage('<u>1 < 2</u>')).body.result.text).toBe('<u>1 < 2</u>'); // no parse_mode: plain text
  });

  it('parses MarkdownV2 and refuses unescaped reserved characters', async () => {
    const ok = await sendMessage('*Lundi* _3_ __u__ ~s~ \\- `a.b` [lien](https://x.org) fin\\.', { parse_mode: 'MarkdownV2' });
    expect(ok.body.result).toMatchObject({ text: 'Lundi 3 u s - a.b lien fin.', entities: [
      { type: 'bold', offset: 0, length: 5 }, { type: 'italic', offset: 6, length: 1 }, { type: 'underline', offset: 8, length: 1 },
      { type: 'strikethrough', offset: 10, length: 1 }, { type: 'code', offset: 14, length: 3 }, { type: 'text_link', offset: 18, length: 4, url: 'https://x.org' },
    ] });
    expect((await sendMessage('Fin.', { parse_mode: 'MarkdownV2' })).body.description).toBe("Bad Request: can't parse entities: Character '.' is reserved and must be escaped with the preceding '\\'");
    expect((await sendMessage('*gras', { parse_mode: 'MarkdownV2' })).body.description).toMatch(/^Bad Request: can't parse entities: Can't find end of bold entity/);
  });

  it('edits messages and answers callback queries from pressButton', async () => {
    const sent = (await sendMessage('Réserver ?', { reply_markup: keyboard('book') })).body.result as Message;
    expect(() => tg.pressButton(42, sent.message_id, 'other')).toThrow(/no button with callback_data "other"/);
    const updateId = tg.pressButton(42, sent.message_id, 'book');
    const [update] = (await call('getUpdates')).body.result as Update[];
    expect(update).toMatchObject({ update_id: updateId, callback_query: { from: { id: 42 }, message: { message_id: sent.message_id, text: 'Réserver ?' }, chat_instance: expect.any(String), data: 'book' } });
    const queryId = update!.callback_query!.id;
    expect((await call('answerCallbackQuery', { callback_query_id: queryId, text: 'OK' })).body).toEqual({ ok: true, result: true });
    expect((await call('answerCallbackQuery', { callback_query_id: queryId })).body.description).toBe('Bad Request: query is too old and response timeout expired or query ID is invalid');
    const edit = { chat_id: 42, message_id: sent.message_id, text: 'Réservé.' };
    expect((await call('editMessageText', edit)).body.result).toMatchObject({ message_id: sent.message_id, text: 'Réservé.', edit_date: expect.any(Number) });
    expect((await call('editMessageText', edit)).body.description).toMatch(/^Bad Request: message is not modified: /);
    expect((await call('editMessageText', { ...edit, message_id: 99 })).body.description).toBe('Bad Request: message to edit not found');
    expect((await call('editMessageReplyMarkup', { chat_id: 42, message_id: sent.message_id, reply_markup: keyboard('undo') })).body.ok).toBe(true);
    expect((await call('editMessageReplyMarkup', { chat_id: 42, message_id: sent.message_id, reply_markup: keyboard('undo') })).body.description).toMatch(/not modified/);
    expect(tg.sent(42)).toEqual([expect.objectContaining({ text: 'Réservé.', reply_markup: keyboard('undo') })]);
    expect(() => tg.pressButton(42, sent.message_id, 'book')).toThrow(/no button/); // the keyboard changed
  });

  it('fails the next call of a method once on request', async () => {
    tg.failNext('sendMessage', { error_code: 429, description: 'Too Many Requests: retry after 1', parameters: { retry_after: 1 } });
    expect(await sendMessage('a')).toEqual({ status: 429, body: { ok: false, error_code: 429, description: 'Too Many Requests: retry after 1', parameters: { retry_after: 1 } } });
    expect((await sendMessage('a')).body.ok).toBe(true);
  });

  it('waitFor and waitForMessage resolve on past or later calls, and time out listing what came', async () => {
    await sendMessage('premier');
    expect((await tg.waitForMessage(42, /prem/)).text).toBe('premier');
    const later = tg.waitForMessage(42, 'second');
    await sendMessage('second');
    expect((await later).message_id).toBe(2);
    await sendMessage('');
    await expect(tg.waitFor((c) => c.method === 'editMessageText', 100)).rejects.toThrow('no matching call within 100 ms. Calls seen: sendMessage ×2, sendMessage (Bad Request: message text is empty)');
  });

  it('close() ends a pending long poll at once', async () => {
    const started = Date.now();
    const poll = call('getUpdates', { timeout: 30 });
    await tg.waitFor((c) => c.method === 'getUpdates');
    await tg.close();
    expect((await poll).body).toEqual({ ok: true, result: [] });
    expect(Date.now() - started).toBeLessThan(1000);
  });
});

describe('the stand-in, driven by a real grammY bot', { timeout: 8000 }, () => {
  let bot: Bot | undefined;
  let running: Promise<void> | undefined;
  afterEach(async () => { await bot?.stop(); await running; bot = undefined; });

  /** A bot that greets /start with a button, confirms on a press, and echoes any other text. */
  function startBot(options: { botInfo?: boolean; retry?: boolean } = {}) {
    bot = new Bot(tg.token, { client: { apiRoot: tg.apiRoot }, ...(options.botInfo ? { botInfo: tg.botInfo } : {}) });
    if (options.retry) bot.api.config.use(autoRetry());
    bot.command('start', (ctx) => ctx.reply('Bonjour <b>Parent</b> !', { parse_mode: 'HTML', reply_markup: new InlineKeyboard().text('Réserver', 'book') }));
    bot.callbackQuery('book', async (ctx) => { await ctx.answerCallbackQuery('OK'); await ctx.editMessageText('Réservé.'); });
    bot.on('message:text', (ctx) => ctx.reply(`Reçu : ${ctx.message.text}`));
    running = bot.start({ timeout: 10 });
    return bot;
  }

  it('starts with getMe and deleteWebhook, replies, and handles a button press', async () => {
    startBot();
    await tg.waitFor((c) => c.method === 'getUpdates');
    expect(tg.calls.slice(0, 3).map((c) => c.method).sort()).toEqual(['deleteWebhook', 'getMe', 'getUpdates']);
    tg.sendText(7, '/start', { first_name: 'Alice' });
    const greeting = await tg.waitForMessage(7, /^Bonjour Parent/);
    expect(greeting).toMatchObject({ chat: { first_name: 'Alice' }, entities: [{ type: 'bold', offset: 8, length: 6 }], reply_markup: { inline_keyboard: [[{ text: 'Réserver', callback_data: 'book' }]] } });
    tg.pressButton(7, greeting.message_id, 'book');
    await tg.waitForMessage(7, 'Réservé.');
    expect((await tg.waitFor((c) => c.method === 'answerCallbackQuery')).response).toEqual({ ok: true, result: true });
    expect(tg.sent(7)).toEqual([expect.not.objectContaining({ reply_markup: expect.anything() })]);
    expect(tg.sent(7)[0]!.text).toBe('Réservé.');
    await tg.waitFor((c) => c.method === 'getUpdates' && tg.pendingUpdates() === 0); // confirmed by the next poll
  });

  it('handles a redelivered update a second time (grammY does not deduplicate)', async () => {
    startBot({ botInfo: true });
    const id = tg.sendText(7, 'une fois');
    await tg.waitForMessage(7, 'Reçu : une fois');
    const delivered = tg.calls.flatMap((c) => (c.method === 'getUpdates' && c.response?.ok ? (c.response.result as Update[]) : []));
    const update = delivered.find((u) => u.update_id === id);
    expect(update?.update_id).toBe(id);
    tg.queueUpdate(update!);
    await tg.waitFor((c) => c.method === 'sendMessage' && tg.sent(7).length === 2);
    expect(tg.sent(7).map((m) => m.text)).toEqual(['Reçu : une fois', 'Reçu : une fois']);
    expect(tg.calls.some((c) => c.method === 'getMe')).toBe(false); // botInfo given: no getMe
  });

  it('retries a 429 with @grammyjs/auto-retry until sendMessage succeeds', async () => {
    tg.failNext('sendMessage', { error_code: 429, description: 'Too Many Requests: retry after 1', parameters: { retry_after: 1 } });
    startBot({ botInfo: true, retry: true });
    tg.sendText(7, 'vite');
    const reply = await tg.waitForMessage(7, 'Reçu : vite', 4000);
    const attempts = tg.calls.filter((c) => c.method === 'sendMessage');
    expect(attempts.map((c) => c.response?.ok)).toEqual([false, true]);
    expect(attempts[1]!.at - attempts[0]!.at).toBeGreaterThanOrEqual(950);
    expect(reply.message_id).toBe(2);
  });

  it('bot.stop() returns promptly during a long poll, and close() after it too', async () => {
    startBot({ botInfo: true });
    await tg.waitFor((c) => c.method === 'getUpdates' && c.response === undefined);
    const started = Date.now();
    await bot!.stop();
    await running;
    await tg.close();
    expect(Date.now() - started).toBeLessThan(1000);
    expect(tg.calls.at(-1)).toMatchObject({ method: 'getUpdates', payload: { limit: 1 } }); // grammY confirms its offset on stop
  });
});
