/**
 * The Telegram bot (grammY): links a chat to a guardian with an activation
 * code, then carries the conversation. Built apart from started, so tests
 * run it unchanged against a local Bot API stand-in (`apiRoot`).
 *
 * Each update is handled once, in one write transaction: its update_id is
 * recorded there with the changes it makes, and its replies are queued in
 * the outbox there too (`ctx.out`), never sent from inside the handler; the
 * outbox loop sends them once the transaction has committed. Updates of one
 * chat are handled one after the other, in order (sequentialize); those of
 * different chats at the same time (grammY's runner, see runBot.ts).
 */
import { Bot, GrammyError, HttpError, InlineKeyboard, type Context } from 'grammy';
import { sequentialize } from '@grammyjs/runner';
import type { Update, UserFromGetMe } from 'grammy/types';
import { autoRetry } from '@grammyjs/auto-retry';
import type { App } from '../app.js';
import { redeemActivationCode } from '../core/activation/redeemActivationCode.js';
import { handleButton, handleMessage, helpReply, upcomingBookings, type ConversationDeps, type Reply } from '../core/conversation/converse.js';
import type { GuardianRecord } from '../core/ports.js';
import type { Clock } from '../core/time.js';
import { loadChatContext, primedConversation } from '../db/chatContext.js';
import { telegramSender } from '../core/activation/access.js';
import type { OutboxDraft } from '../db/outboxStore.js';
import { TelegramUpdateStore } from '../db/telegramUpdateStore.js';
import { RateLimiter } from './rateLimiter.js';
import { splitMessage } from './splitMessage.js';
import { redactingLog } from '../core/privacy/redact.js';

export interface BotOptions {
  app: App;
  clock: Clock;
  token: string;
  /** The Bot API server (TELEGRAM_API_ROOT), without a trailing slash. */
  apiRoot: string;
  /** Known bot identity (tests); otherwise asked with getMe at init. */
  botInfo?: UserFromGetMe;
  log?: (line: string) => void;
  /** Told when an update's replies are in the outbox (the sender then goes at once). */
  onQueued?: () => void;
}

/**
 * What a handler answers, collected during its transaction: messages and
 * edits become outbox rows in that transaction; the answer to a button press
 * is given once it has committed.
 */
export class Outgoing {
  drafts: OutboxDraft[] = [];
  callbackAnswer: { text?: string } | undefined;
  constructor(private readonly chatId: string | null) {}
  /** A message in this chat (the last part of a long one carries the buttons). */
  say(text: string, markup?: InlineKeyboard): void {
    if (this.chatId === null) return;
    const parts = splitMessage(text);
    parts.forEach((part, i) => {
      const buttons = i === parts.length - 1 && markup ? { reply_markup: { inline_keyboard: markup.inline_keyboard } } : {};
      this.drafts.push({ channel: 'telegram', recipient: this.chatId!, body: part, payload: buttons, kind: 'reply' });
    });
  }
  /** Replaces bot message `messageId` (a new message if it can no longer be edited). */
  edit(messageId: number, text: string, markup?: InlineKeyboard): void {
    if (this.chatId === null) return;
    const buttons = markup ? { reply_markup: { inline_keyboard: markup.inline_keyboard } } : {};
    this.drafts.push({ channel: 'telegram', recipient: this.chatId, body: text, payload: { editMessageId: messageId, ...buttons }, kind: 'reply' });
  }
  answer(text?: string): void {
    this.callbackAnswer = text ? { text } : {};
  }
}

export type BotContext = Context & { out: Outgoing };

/** The chat an update belongs to (its replies go there), if any. */
export function chatOf(update: Update): string | null {
  const id = (update.message ?? update.edited_message)?.chat.id ?? update.callback_query?.message?.chat.id ?? update.callback_query?.from.id;
  return id === undefined ? null : String(id);
}

/** The bot's command menu: short, in French. */
export const COMMANDS = [
  { command: 'reservations', description: 'Mes réservations (cette semaine et la suivante)' },
  { command: 'aide', description: 'Ce que je sais faire, avec des exemples' },
];

export function unlinkedText(organisation: string): string {
  return `Bonjour ! Ce service est réservé aux familles inscrites auprès du ${organisation}. Demandez votre code d’activation à l’accueil du CCAS, puis envoyez ici « /start » suivi du code (ou ouvrez le lien reçu par email).`;
}

export { REDELIVERY_WINDOW_MS } from '../db/telegramUpdateStore.js';

const APOLOGY = 'Désolé, un problème technique m’a empêché de traiter votre message. Réessayez dans un instant ; si cela continue, contactez le CCAS.';

/** Builds the bot with its handlers; runBot runs it (long polling through grammY's runner, or a webhook). */
export function buildBot(opts: BotOptions): Bot<BotContext> {
  const { app, clock } = opts;
  const log = redactingLog(opts.log ?? ((line: string) => console.error(line)));
  const bot = new Bot<BotContext>(opts.token, { client: { apiRoot: opts.apiRoot }, ...(opts.botInfo ? { botInfo: opts.botInfo } : {}) });
  bot.api.config.use(autoRetry({ maxRetryAttempts: 3, maxDelaySeconds: 30 }));
  const clockMs = () => clock.now().getTime();
  const perChat = new RateLimiter(20, 60_000, clockMs);
  const wrongCodes = new RateLimiter(5, 60 * 60_000, clockMs);
  const organisation = app.town.config.organisation;
  const updates = new TelegramUpdateStore(app.db);

  // One chat's updates in order; other chats' meanwhile.
  bot.use(sequentialize((ctx) => chatOf(ctx.update) ?? undefined));

  // Each update once, in one transaction with what it changes and the replies it queues.
  bot.use(async (ctx, next) => {
    const updateId = ctx.update.update_id;
    const chatId = chatOf(ctx.update);
    const now = clock.now();
    ctx.out = new Outgoing(chatId);
    let fresh: boolean;
    try {
      fresh = await updates.handleOnce(updateId, chatId, now, async () => {
        await next();
        return ctx.out.drafts;
      });
    } catch (error) {
      const e = error instanceof Error ? (error.stack ?? error.message) : String(error);
      log(`telegram update ${updateId}: ${e}`);
      // Nothing of it was kept (the transaction rolled back): the update is
      // recorded as handled with an apology, so it is not tried again and again.
      ctx.out = new Outgoing(chatId);
      ctx.out.say(APOLOGY);
      if (ctx.callbackQuery) ctx.out.answer();
      fresh = await updates.handleOnce(updateId, chatId, now, async () => ctx.out.drafts);
    }
    if (!fresh) return;
    if (ctx.out.drafts.length > 0) opts.onQueued?.();
    if (ctx.out.callbackAnswer) {
      await ctx.answerCallbackQuery(ctx.out.callbackAnswer).catch((error: unknown) => log(`telegram update ${updateId}: answerCallbackQuery (${error instanceof Error ? error.message : String(error)})`));
    }
  });

  /**
   * The active guardian an update speaks for, and the conversation's stores
   * primed with what was read about them (one read per update: the guardian,
   * their family and their conversation state); null for a chat linked to no
   * active guardian.
   */
  const senderOf = async (ctx: BotContext): Promise<{ guardian: GuardianRecord; deps: ConversationDeps } | null> => {
    const chatId = ctx.chat?.id;
    if (chatId === undefined) return null;
    const context = await loadChatContext(app.db, String(chatId));
    const guardian = await telegramSender({ guardians: { byTelegramChat: async () => context?.guardian ?? null } }, String(chatId));
    return guardian && context ? { guardian, deps: primedConversation(app.conversation, context) } : null;
  };

  const send = (ctx: BotContext, r: Reply) => ctx.out.say(r.text, r.buttons.length > 0 ? keyboard(r) : undefined);

  bot.command('start', async (ctx) => {
    const code = ctx.match.trim();
    const chatId = String(ctx.chat.id);
    if (!code) {
      const sender = await senderOf(ctx);
      if (!sender) return void ctx.out.say(unlinkedText(organisation));
      const { guardian } = sender;
      const help = await helpReply(sender.deps, guardian);
      const relink =
        guardian.language === 'en'
          ? 'This chat is already linked to your family. To link another phone, ask the CCAS for a new code.'
          : 'Cette conversation est déjà reliée à votre famille. Pour relier un autre téléphone, demandez un nouveau code au CCAS.';
      return void ctx.out.say(`${relink}\n\n${help.text}`);
    }
    if (!wrongCodes.peek(chatId)) {
      return void ctx.out.say('Trop de codes erronés depuis cette conversation. Réessayez dans une heure, ou demandez un nouveau code au CCAS.');
    }
    const result = await redeemActivationCode({ activation: app.activation }, { code, chatId, now: clock.now() });
    if (!result.ok) {
      wrongCodes.take(chatId);
      const why = {
        unknown: 'Ce code n’est pas reconnu. Vérifiez-le (8 caractères, sans O ni I) ou demandez-en un nouveau au CCAS.',
        used: 'Ce code a déjà servi. Si vous changez de téléphone, demandez un nouveau code au CCAS.',
        expired: 'Ce code a expiré (il était valable 30 jours). Demandez-en un nouveau au CCAS.',
      }[result.why];
      return void ctx.out.say(why);
    }
    const help = await helpReply(app.conversation, result.guardian);
    ctx.out.say(`Bienvenue ${result.guardian.name} ! Votre compte Telegram est maintenant relié au Portail Famille.\n\n${help.text}`);
  });

  bot.command(['aide', 'help'], async (ctx) => {
    const sender = await senderOf(ctx);
    if (!sender) return void ctx.out.say(unlinkedText(organisation));
    send(ctx, await helpReply(sender.deps, sender.guardian));
  });

  bot.command('reservations', async (ctx) => {
    const sender = await senderOf(ctx);
    if (!sender) return void ctx.out.say(unlinkedText(organisation));
    send(ctx, await upcomingBookings(sender.deps, { guardian: sender.guardian, channel: 'telegram', now: clock.now() }));
  });

  bot.on('message', async (ctx) => {
    const sender = await senderOf(ctx);
    if (!sender) return void ctx.out.say(unlinkedText(organisation));
    const { guardian } = sender;
    if (!perChat.take(String(ctx.chat.id))) {
      if (perChat.justExceeded(String(ctx.chat.id))) ctx.out.say('Vous envoyez beaucoup de messages : attendez une minute avant le suivant.');
      return;
    }
    const text = ctx.message.text ?? ctx.message.caption;
    if (!text) {
      return void ctx.out.say(guardian.language === 'en' ? 'I can only read text messages: please write your request.' : 'Je ne lis que les messages écrits : écrivez-moi votre demande.');
    }
    const r = await handleMessage(sender.deps, { guardian, channel: 'telegram', text, now: clock.now() });
    send(ctx, r);
  });

  bot.on('callback_query:data', async (ctx) => {
    const sender = await senderOf(ctx);
    if (!sender) {
      ctx.out.answer('Demandez votre code d’activation au CCAS.');
      return;
    }
    ctx.out.answer();
    const r = await handleButton(sender.deps, { guardian: sender.guardian, channel: 'telegram', data: ctx.callbackQuery.data, now: clock.now() });
    const [first, ...rest] = splitMessage(r.text);
    const markup = r.buttons.length > 0 ? keyboard(r) : undefined;
    const messageId = ctx.callbackQuery.message?.message_id;
    // The pressed message shows the answer (a new message if it is too old to edit).
    if (messageId !== undefined) ctx.out.edit(messageId, first!, rest.length === 0 ? markup : undefined);
    else ctx.out.say(first!, rest.length === 0 ? markup : undefined);
    if (rest.length > 0) ctx.out.say(rest.join('\n'), markup);
  });

  bot.on('callback_query', (ctx) => ctx.out.answer());

  bot.catch((err) => {
    const e = err.error;
    const what = e instanceof GrammyError ? `Bot API: ${e.description}` : e instanceof HttpError ? `network: ${e.message}` : String(e instanceof Error ? e.stack : e);
    log(`telegram update ${err.ctx.update.update_id}: ${what}`);
  });

  return bot;
}

/** The inline keyboard of a reply: rows of buttons carrying short callback data. */
function keyboard(r: Reply): InlineKeyboard {
  const kb = new InlineKeyboard();
  r.buttons.forEach((row, i) => {
    if (i > 0) kb.row();
    for (const b of row) kb.text(b.label, b.data);
  });
  return kb;
}
