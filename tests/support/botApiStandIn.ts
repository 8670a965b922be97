/**
 * A local stand-in for the Telegram Bot API, for end-to-end tests of the real
 * bot: point grammY at `apiRoot` (`new Bot(token, { client: { apiRoot } })`,
 * i.e. TELEGRAM_API_ROOT) and drive the conversation from the test side with
 * `sendText` / `pressButton`, then read what the bot did with `waitFor*`,
 * `sent` and `calls`.
 *
 * It serves `POST|GET {apiRoot}/bot{token}/{method}` (JSON, urlencoded or query
 * parameters; no multipart, so no file uploads) and answers like Telegram:
 * `{ ok: true, result }` or `{ ok: false, error_code, description, parameters? }`
 * with the HTTP status equal to error_code. It enforces the limits a bot is
 * most likely to break: text 1..4096 (UTF-16 code units, after parsing and
 * trimming), callback_data 1..64 UTF-8 bytes, well-formed HTML (only Telegram's
 * tags; bare `<` and `&` refused — stricter than Telegram on `&`, as its docs
 * demand) and MarkdownV2 (inline formatting, code, pre and links; every other
 * reserved character must be escaped; `>` blockquotes are not supported).
 * Only private chats exist; any numeric chat_id is a private chat with the user
 * of that id. Only one getUpdates may be pending: a newer one ends the older
 * with 409, as Telegram does.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface User { id: number; is_bot: boolean; first_name: string; last_name?: string; username?: string; language_code?: string; [k: string]: unknown }
export interface MessageEntity { type: string; offset: number; length: number; url?: string; language?: string }
export interface InlineKeyboardMarkup { inline_keyboard: Array<Array<{ text: string; callback_data?: string; [k: string]: unknown }>> }
export interface Message {
  message_id: number; date: number; edit_date?: number;
  chat: { id: number; type: 'private'; first_name: string };
  from: User; text: string; entities?: MessageEntity[]; reply_markup?: InlineKeyboardMarkup;
}
export interface CallbackQuery { id: string; from: User; message: Message; chat_instance: string; data: string }
export interface Update { update_id: number; message?: Message; callback_query?: CallbackQuery; [k: string]: unknown }
export interface ApiError { error_code: number; description: string; parameters?: { retry_after?: number; migrate_to_chat_id?: number } }
export type ApiResponse = { ok: true; result: unknown } | ({ ok: false } & ApiError);
/** One request received; `response` is set once answered (at once, except for a long poll). */
export interface ApiCall { method: string; payload: Record<string, unknown>; at: number; response?: ApiResponse }

/** What getMe returns (the fields of grammY's UserFromGetMe, so it can be passed as `botInfo`). */
export interface BotInfo extends User {
  is_bot: true; username: string; can_join_groups: boolean; can_read_all_group_messages: boolean; supports_inline_queries: boolean;
  can_connect_to_business: boolean; has_main_web_app: boolean; has_topics_enabled: boolean; allows_users_to_create_topics: boolean;
  can_manage_bots: boolean; supports_join_request_queries: boolean;
}

export interface BotApiStandIn {
  apiRoot: string; token: string; botInfo: BotInfo;
  /** Every request received, in order (wrong-token ones included). */
  calls: ApiCall[];
  /** Queues a private text message from `chatId`; returns its update_id. */
  sendText(chatId: number, text: string, from?: Partial<User>): number;
  /** Queues a press on a button of bot message `messageId`; throws if no current button carries `data`. */
  pressButton(chatId: number, messageId: number, data: string, from?: Partial<User>): number;
  /** Queues a raw update; an id already used is allowed (Telegram redelivery) and is delivered once whatever the offset. */
  queueUpdate(update: Update): number;
  /** Messages the bot sent, in order, as they are now (after edits); copies. */
  sent(chatId?: number): Message[];
  /** First call (already received or later) matching `predicate`; rejects after `timeoutMs` listing the methods seen. */
  waitFor(predicate: (call: ApiCall) => boolean, timeoutMs?: number): Promise<ApiCall>;
  /** First successful sendMessage/editMessageText in `chatId` whose text matches (whole text if a string); its result. */
  waitForMessage(chatId: number, match?: RegExp | string, timeoutMs?: number): Promise<Message>;
  /** The next call of `method` fails once with this error (several calls queue several failures). */
  failNext(method: string, error: ApiError): void;
  /** Updates not yet confirmed by a getUpdates offset. */
  pendingUpdates(): number;
  /** Ends pending long polls with an empty result, then stops the server. */
  close(): Promise<void>;
}

const NOT_MODIFIED = 'message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message';
class Failure extends Error { constructor(readonly error: ApiError) { super(error.description); } }
const bad = (description: string): never => { throw new Failure({ error_code: 400, description: `Bad Request: ${description}` }); };
const cantParse = (what: string): never => bad(`can't parse entities: ${what}`);
const byteOffset = (s: string, i: number) => Buffer.byteLength(s.slice(0, i));
const now = () => Math.floor(Date.now() / 1000);
/** JSON with sorted keys, to compare markups whatever their key order. */
const canonical = (v: unknown): string => JSON.stringify(v, (_k, x: unknown) => (x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => a.localeCompare(b))) : x));
const toInt = (v: unknown): number | undefined => (typeof v === 'number' ? v : typeof v === 'string' && /^-?\d+$/.test(v) ? Number(v) : undefined);
const toObject = (v: unknown): unknown => { if (typeof v !== 'string') return v; try { return JSON.parse(v); } catch { return bad('can\'t parse reply keyboard markup JSON object'); } };

interface Parsed { text: string; entities: MessageEntity[] }
const HTML_TAGS: Record<string, string> = { b: 'bold', strong: 'bold', i: 'italic', em: 'italic', u: 'underline', ins: 'underline', s: 'strikethrough', strike: 'strikethrough', del: 'strikethrough', 'tg-spoiler': 'spoiler', span: 'spoiler', a: 'text_link', code: 'code', pre: 'pre', blockquote: 'blockquote' };
const HTML_ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"' };

/** Telegram's HTML parse mode: supported tags, properly nested and closed; only &lt; &gt; &amp; &quot; and numeric entities. */
function parseHtml(src: string): Parsed {
  let text = '';
  const entities: MessageEntity[] = [];
  const open: Array<{ name: string; entity: MessageEntity }> = [];
  const decode = (s: string) => s.replace(/&(lt|gt|amp|quot);/g, (_m, n: string) => HTML_ENTITIES[n]!);
  for (let i = 0; i < src.length;) {
    const c = src[i]!;
    if (c === '&') {
      const m = /^&(?:(lt|gt|amp|quot)|#(\d{1,7})|#x([0-9a-f]{1,6}));/i.exec(src.slice(i, i + 12));
      if (!m) cantParse(`Character '&' must be written &amp; at byte offset ${byteOffset(src, i)}`);
      text += m![1] ? HTML_ENTITIES[m![1].toLowerCase()]! : String.fromCodePoint(Number.parseInt(m![2] ?? m![3]!, m![2] ? 10 : 16));
      i += m![0].length;
    } else if (c !== '<') {
      text += c;
      i += 1;
    } else {
      const end = src.indexOf('>', i);
      if (end < 0) cantParse(`Unclosed start tag at byte offset ${byteOffset(src, i)}`);
      const inner = src.slice(i + 1, end);
      if (inner.startsWith('/')) {
        const name = inner.slice(1).trim().toLowerCase();
        const top = open.pop();
        if (!top) cantParse(`Unexpected end tag at byte offset ${byteOffset(src, i)}`);
        if (top!.name !== name) cantParse(`Unmatched end tag at byte offset ${byteOffset(src, i)}, expected "</${top!.name}>", found "</${name}>"`);
        const entity = top!.entity;
        entity.length = text.length - entity.offset;
        const parent = open.at(-1);
        if (name === 'code' && parent?.name === 'pre') { if (entity.language) parent.entity.language = entity.language; }
        else if (entity.length > 0 && (entity.type !== 'text_link' || entity.url)) entities.push(entity);
      } else {
        const name = (/^[^\s/]*/.exec(inner)![0]).toLowerCase();
        const type = HTML_TAGS[name];
        if (!type) cantParse(`Unsupported start tag "${name}" at byte offset ${byteOffset(src, i)}`);
        const attrs: Record<string, string> = {};
        for (const a of inner.slice(name.length).matchAll(/([\w-]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"']+)))?/g)) attrs[a[1]!.toLowerCase()] = decode(a[2] ?? a[3] ?? a[4] ?? '');
        if (name === 'span' && attrs.class !== 'tg-spoiler') cantParse(`Tag "span" must have class "tg-spoiler" at byte offset ${byteOffset(src, i)}`);
        const entity: MessageEntity = { type: name === 'blockquote' && 'expandable' in attrs ? 'expandable_blockquote' : type!, offset: text.length, length: 0 };
        if (name === 'a' && attrs.href) entity.url = attrs.href;
        if (name === 'code' && attrs.class?.startsWith('language-')) entity.language = attrs.class.slice('language-'.length);
        open.push({ name, entity });
      }
      i = end + 1;
    }
  }
  if (open.length) cantParse(`Can't find end tag corresponding to start tag "${open.at(-1)!.name}"`);
  return { text, entities };
}

const MD_RESERVED = '_*[]()~`>#+-=|{}.!\\';
const MD_TYPES: Record<string, string> = { '*': 'bold', _: 'italic', __: 'underline', '~': 'strikethrough', '||': 'spoiler', '[': 'text_link' };

/** MarkdownV2: *bold* _italic_ __underline__ ~strike~ ||spoiler|| `code` ```pre``` [text](url); other reserved characters must be escaped. */
function parseMarkdownV2(src: string): Parsed {
  let text = '';
  const entities: MessageEntity[] = [];
  const open: Array<{ marker: string; offset: number; at: number }> = [];
  const findEnd = (marker: string, from: number) => { for (let j = from; j < src.length; j++) { if (src[j] === '\\') j++; else if (src.startsWith(marker, j)) return j; } return -1; };
  for (let i = 0; i < src.length;) {
    const c = src[i]!;
    if (c === '\\') {
      if (i + 1 >= src.length) cantParse(`Character '\\' is reserved and must be escaped with the preceding '\\'`);
      text += src[i + 1];
      i += 2;
    } else if (c === '`') {
      const marker = src.startsWith('```', i) ? '```' : '`';
      const end = findEnd(marker, i + marker.length);
      if (end < 0) cantParse(`Can't find end of ${marker === '`' ? 'Code' : 'Pre'} entity at byte offset ${byteOffset(src, i)}`);
      let body = src.slice(i + marker.length, end);
      const entity: MessageEntity = { type: marker === '`' ? 'code' : 'pre', offset: text.length, length: 0 };
      const lang = marker === '```' ? /^([\w+-]+)?\n/.exec(body) : null;
      if (lang) { if (lang[1]) entity.language = lang[1]; body = body.slice(lang[0].length); }
      body = body.replace(/\\([\s\S])/g, '$1');
      entity.length = body.length;
      if (body.length) entities.push(entity);
      text += body;
      i = end + marker.length;
    } else if (c === ']' && open.at(-1)?.marker === '[') {
      const start = open.pop()!;
      if (src[i + 1] !== '(') cantParse(`Character ']' is reserved and must be escaped with the preceding '\\'`);
      const close = findEnd(')', i + 2);
      if (close < 0) cantParse(`Can't find end of a URL at byte offset ${byteOffset(src, i + 1)}`);
      const url = src.slice(i + 2, close).replace(/\\([)\\])/g, '$1');
      if (text.length > start.offset) entities.push({ type: 'text_link', offset: start.offset, length: text.length - start.offset, url });
      i = close + 1;
    } else {
      const marker = ['__', '||', '*', '_', '~', '['].find((m) => src.startsWith(m, i));
      if (!marker) {
        if (MD_RESERVED.includes(c)) cantParse(`Character '${c}' is reserved and must be escaped with the preceding '\\'`);
        text += c;
        i += 1;
        continue;
      }
      const k = marker === '[' ? -1 : open.map((o) => o.marker).lastIndexOf(marker);
      if (k < 0) open.push({ marker, offset: text.length, at: i });
      else {
        const [o] = open.splice(k, 1);
        if (text.length > o!.offset) entities.push({ type: MD_TYPES[marker]!, offset: o!.offset, length: text.length - o!.offset });
      }
      i += marker.length;
    }
  }
  const unclosed = open.at(-1);
  if (unclosed) cantParse(`Can't find end of ${MD_TYPES[unclosed.marker]} entity at byte offset ${byteOffset(src, unclosed.at)}`);
  return { text, entities };
}

/** Text and entities as Telegram stores them: parsed, trimmed, checked for 1..4096 characters. */
function messageText(payload: Record<string, unknown>): Parsed {
  const raw = typeof payload.text === 'string' ? payload.text : typeof payload.text === 'number' ? String(payload.text) : '';
  const mode = payload.parse_mode;
  let { text, entities } = mode === 'HTML' ? parseHtml(raw) : mode === 'MarkdownV2' ? parseMarkdownV2(raw)
    : mode === undefined || mode === '' ? { text: raw, entities: (toObject(payload.entities) as MessageEntity[] | undefined) ?? [] } : bad(`unsupported parse_mode${mode === 'Markdown' ? ' (the stand-in does not support legacy Markdown)' : ''}`);
  const lead = text.length - text.trimStart().length;
  text = text.trim();
  if (text.length === 0) bad('message text is empty');
  if (text.length > 4096) bad('message is too long');
  entities = entities
    .map((e) => { const from = Math.max(0, e.offset - lead); return { ...e, offset: from, length: Math.min(text.length, e.offset + e.length - lead) - from }; })
    .filter((e) => e.length > 0)
    .sort((a, b) => a.offset - b.offset || b.length - a.length);
  return { text, entities };
}

/** The inline keyboard of `reply_markup` (undefined for none or another kind of keyboard), checked like Telegram. */
function inlineMarkup(value: unknown): InlineKeyboardMarkup | undefined {
  const markup = toObject(value) as { inline_keyboard?: unknown } | undefined;
  if (!markup || markup.inline_keyboard === undefined) return undefined;
  const rows = markup.inline_keyboard;
  if (!Array.isArray(rows) || rows.some((r) => !Array.isArray(r))) return bad('field "inline_keyboard" of the InlineKeyboardMarkup must be an Array of Arrays');
  for (const button of rows.flat() as Array<Record<string, unknown>>) {
    if (typeof button?.text !== 'string') bad("can't parse inline keyboard button: Field \"text\" must be of type String");
    const data = button.callback_data;
    if (data !== undefined && (typeof data !== 'string' || Buffer.byteLength(data) < 1 || Buffer.byteLength(data) > 64)) bad('BUTTON_DATA_INVALID');
    if (Object.keys(button).length < 2) bad("can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard");
  }
  return JSON.parse(canonical({ inline_keyboard: rows })) as InlineKeyboardMarkup;
}

export async function startBotApiStandIn(opts: { token?: string; username?: string } = {}): Promise<BotApiStandIn> {
  const token = opts.token ?? '123456789:TEST-stand-in-token';
  const botInfo: BotInfo = {
    id: Number(token.split(':')[0]) || 123456789, is_bot: true, first_name: 'Portail Famille', username: opts.username ?? 'portail_famille_test_bot',
    can_join_groups: true, can_read_all_group_messages: false, supports_inline_queries: false, can_connect_to_business: false, has_main_web_app: false,
    has_topics_enabled: false, allows_users_to_create_topics: false, can_manage_bots: false, supports_join_request_queries: false,
  };
  const botUser: User = { id: botInfo.id, is_bot: true, first_name: botInfo.first_name, username: botInfo.username }; // as in Message.from
  const calls: ApiCall[] = [];
  const queue: Array<{ update: Update; redelivery: boolean }> = [];
  const chats = new Map<number, { nextMessageId: number; firstName: string }>();
  const botMessages: Message[] = [];
  const openQueries = new Set<string>();
  const failures = new Map<string, ApiError[]>();
  const watchers = new Set<(call: ApiCall) => void>();
  let poll: { offset: number | undefined; limit: number; answer: (r: ApiResponse) => void; timer: NodeJS.Timeout } | undefined;
  let webhookUrl = '';
  let closing = false;
  let commands: unknown[] = [];
  let lastUpdateId = 0;
  let queryCounter = 0;

  const chat = (id: number) => { let c = chats.get(id); if (!c) chats.set(id, (c = { nextMessageId: 1, firstName: 'Parent' })); return c; };
  const user = (chatId: number, from?: Partial<User>): User => ({ id: chatId, is_bot: false, first_name: chat(chatId).firstName, language_code: 'fr', ...from });
  const findMessage = (payload: Record<string, unknown>) => {
    if (payload.inline_message_id !== undefined) bad('inline messages are not supported by the stand-in');
    const chatId = toInt(payload.chat_id), id = toInt(payload.message_id);
    return botMessages.find((m) => m.chat.id === chatId && m.message_id === id) ?? bad('message to edit not found');
  };
  const notify = (call: ApiCall) => { for (const w of [...watchers]) w(call); };

  /** Confirms updates below `offset` (negative: keeps only the last -offset); returns those to deliver now. */
  function take(offset: number | undefined, limit: number): Update[] {
    if (offset !== undefined && offset < 0) queue.splice(0, Math.max(0, queue.length + offset));
    else if (offset !== undefined) for (let k = queue.length - 1; k >= 0; k--) if (queue[k]!.update.update_id < offset && !queue[k]!.redelivery) queue.splice(k, 1);
    const batch = queue.slice(0, limit);
    for (const entry of batch) entry.redelivery = false; // delivered: the next offset confirms it
    return batch.map((e) => structuredClone(e.update));
  }
  function queueUpdate(update: Update): number {
    queue.push({ update: structuredClone(update), redelivery: update.update_id <= lastUpdateId });
    lastUpdateId = Math.max(lastUpdateId, update.update_id);
    if (poll) { const p = poll; const updates = take(p.offset, p.limit); if (updates.length) p.answer({ ok: true, result: updates }); }
    return update.update_id;
  }

  /** Answers every method but getUpdates; throws a Failure for an error. */
  function dispatch(method: string, p: Record<string, unknown>): unknown {
    switch (method) {
      case 'getme': return botInfo;
      case 'logout': case 'close': return true;
      case 'deletewebhook': webhookUrl = ''; if (p.drop_pending_updates === true || p.drop_pending_updates === 'true') queue.length = 0; return true;
      case 'setwebhook': webhookUrl = String(p.url ?? ''); return true;
      case 'getwebhookinfo': return { url: webhookUrl, has_custom_certificate: false, pending_update_count: queue.length };
      case 'setmycommands': {
        const list = toObject(p.commands);
        if (!Array.isArray(list)) return bad('field "commands" must be an Array');
        for (const c of list as Array<{ command?: unknown; description?: unknown }>) {
          if (typeof c.command !== 'string' || !/^\/?[a-z0-9_]{1,32}$/.test(c.command)) bad('BOT_COMMAND_INVALID');
          if (typeof c.description !== 'string' || c.description.length < 1 || c.description.length > 256) bad('BOT_COMMAND_DESCRIPTION_INVALID');
        }
        commands = list;
        return true;
      }
      case 'getmycommands': return commands;
      case 'deletemycommands': commands = []; return true;
      case 'sendchataction': return toInt(p.chat_id) === undefined ? bad('chat not found') : true;
      case 'sendmessage': {
        const chatId = toInt(p.chat_id) ?? bad('chat not found');
        const { text, entities } = messageText(p);
        const markup = inlineMarkup(p.reply_markup);
        const message: Message = { message_id: chat(chatId).nextMessageId++, from: botUser, chat: { id: chatId, type: 'private', first_name: chat(chatId).firstName }, date: now(), text };
        if (entities.length) message.entities = entities;
        if (markup) message.reply_markup = markup;
        botMessages.push(message);
        return structuredClone(message);
      }
      case 'editmessagetext': case 'editmessagereplymarkup': {
        const message = findMessage(p);
        const next = method === 'editmessagetext' ? messageText(p) : { text: message.text, entities: message.entities ?? [] };
        const markup = inlineMarkup(p.reply_markup);
        if (next.text === message.text && canonical(next.entities) === canonical(message.entities ?? []) && canonical(markup) === canonical(message.reply_markup)) bad(NOT_MODIFIED);
        Object.assign(message, { text: next.text, entities: next.entities, reply_markup: markup, edit_date: now() });
        if (!next.entities.length) delete message.entities;
        if (!markup) delete message.reply_markup;
        return structuredClone(message);
      }
      case 'answercallbackquery': {
        const id = String(p.callback_query_id ?? '');
        if (!openQueries.delete(id)) bad('query is too old and response timeout expired or query ID is invalid');
        return true;
      }
      default: throw new Failure({ error_code: 404, description: 'Not Found: method not found' });
    }
  }

  async function readPayload(req: http.IncomingMessage, url: URL): Promise<Record<string, unknown>> {
    const payload: Record<string, unknown> = Object.fromEntries(url.searchParams);
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const type = req.headers['content-type'] ?? '';
    if (body === '') return payload;
    if (type.includes('application/json')) {
      try { return { ...payload, ...(JSON.parse(body) as Record<string, unknown>) }; } catch { return bad("can't parse JSON encoded request"); }
    }
    if (type.includes('multipart/form-data')) bad('multipart/form-data (file uploads) is not supported by the stand-in');
    return { ...payload, ...Object.fromEntries(new URLSearchParams(body)) };
  }

  const server = http.createServer((req, res) => void handle(req, res));
  async function handle(req: http.IncomingMessage, res: http.ServerResponse) {
    const respond = (r: ApiResponse) => {
      if (res.writableEnded) return;
      res.writeHead(r.ok ? 200 : r.error_code, { 'content-type': 'application/json', ...(closing ? { connection: 'close' } : {}) });
      res.end(JSON.stringify(r));
    };
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const route = /^\/bot([^/]*)\/([A-Za-z]+)$/.exec(url.pathname);
    if (!route) return respond({ ok: false, error_code: 404, description: 'Not Found' });
    const call: ApiCall = { method: route[2]!, payload: {}, at: Date.now() };
    const finish = (r: ApiResponse) => { call.response = r; respond(r); };
    try {
      call.payload = await readPayload(req, url).finally(() => calls.push(call));
      const method = call.method.toLowerCase();
      if (route[1] !== token) throw new Failure({ error_code: 401, description: 'Unauthorized' });
      const failure = failures.get(method)?.shift();
      if (failure) throw new Failure(failure);
      if (method !== 'getupdates') return finish({ ok: true, result: dispatch(method, call.payload) });
      if (webhookUrl) throw new Failure({ error_code: 409, description: "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first" });
      poll?.answer({ ok: false, error_code: 409, description: 'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running' });
      const offset = toInt(call.payload.offset), limit = Math.min(100, Math.max(1, toInt(call.payload.limit) ?? 100)), timeout = toInt(call.payload.timeout) ?? 0;
      const updates = take(offset, limit);
      if (updates.length || timeout <= 0 || closing) return finish({ ok: true, result: updates });
      const mine = {
        offset, limit,
        answer: (r: ApiResponse) => { clearTimeout(mine.timer); if (poll === mine) poll = undefined; finish(r); },
        timer: setTimeout(() => mine.answer({ ok: true, result: [] }), timeout * 1000),
      };
      poll = mine;
      res.on('close', () => { if (poll === mine) { clearTimeout(mine.timer); poll = undefined; } }); // the client gave up
    } catch (error) {
      finish(error instanceof Failure ? { ok: false, ...error.error } : { ok: false, error_code: 500, description: `Internal Server Error: ${String(error)}` });
    } finally {
      notify(call);
    }
  }
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', () => resolve()));
  const apiRoot = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  function waitFor(predicate: (call: ApiCall) => boolean, timeoutMs = 5000): Promise<ApiCall> {
    const found = calls.find(predicate);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const watcher = (call: ApiCall) => { if (predicate(call)) { watchers.delete(watcher); clearTimeout(timer); resolve(call); } };
      const timer = setTimeout(() => {
        watchers.delete(watcher);
        const seen = calls.map((c) => `${c.method}${c.response && !c.response.ok ? ` (${c.response.description})` : ''}`)
          .reduce<string[]>((acc, s) => { const last = acc.at(-1); const m = last && /^(.*?)(?: ×(\d+))?$/.exec(last); if (m && m[1] === s) acc[acc.length - 1] = `${s} ×${Number(m[2] ?? 1) + 1}`; else acc.push(s); return acc; }, []);
        reject(new Error(`Bot API stand-in: no matching call within ${timeoutMs} ms. Calls seen: ${seen.join(', ') || 'none'}`));
      }, timeoutMs);
      watchers.add(watcher);
    });
  }

  return {
    apiRoot, token, botInfo, calls, queueUpdate, waitFor,
    sendText(chatId, text, from) {
      if (from?.first_name) chat(chatId).firstName = from.first_name;
      const sender = user(chatId, from);
      const message: Message = { message_id: chat(chatId).nextMessageId++, from: sender, chat: { id: chatId, type: 'private', first_name: chat(chatId).firstName }, date: now(), text };
      const command = /^\/[A-Za-z0-9_]+(@\w+)?/.exec(text);
      if (command) message.entities = [{ type: 'bot_command', offset: 0, length: command[0].length }];
      return queueUpdate({ update_id: lastUpdateId + 1, message });
    },
    pressButton(chatId, messageId, data, from) {
      const message = botMessages.find((m) => m.chat.id === chatId && m.message_id === messageId);
      if (!message) throw new Error(`pressButton: the bot sent no message ${messageId} in chat ${chatId}`);
      if (!message.reply_markup?.inline_keyboard.flat().some((b) => b.callback_data === data)) throw new Error(`pressButton: message ${messageId} in chat ${chatId} has no button with callback_data ${JSON.stringify(data)}`);
      const id = `${botInfo.id}${String(++queryCounter).padStart(6, '0')}`;
      openQueries.add(id);
      return queueUpdate({ update_id: lastUpdateId + 1, callback_query: { id, from: user(chatId, from), message: structuredClone(message), chat_instance: `-${chatId}`, data } });
    },
    sent: (chatId) => structuredClone(botMessages.filter((m) => chatId === undefined || m.chat.id === chatId)),
    async waitForMessage(chatId, match, timeoutMs) {
      const call = await waitFor((c) => {
        if (!/^(sendMessage|editMessageText)$/i.test(c.method) || !c.response?.ok) return false;
        const m = c.response.result as Message;
        return m.chat.id === chatId && (match === undefined || (typeof match === 'string' ? m.text === match : match.test(m.text)));
      }, timeoutMs);
      return (call.response as { result: Message }).result;
    },
    failNext(method, error) {
      const key = method.toLowerCase();
      failures.set(key, [...(failures.get(key) ?? []), error]);
    },
    pendingUpdates: () => queue.length,
    async close() {
      closing = true;
      poll?.answer({ ok: true, result: [] });
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      setTimeout(() => server.closeAllConnections(), 200).unref();
      await closed;
    },
  };
}
