/**
 * The Telegram bot (grammY): links a chat to a guardian with an activation
 * code, then carries the conversation. Built apart from started, so tests
 * run it unchanged against a local Bot API stand-in (`apiRoot`).
 */
import { Bot, GrammyError, HttpError, InlineKeyboard, type Context } from 'grammy';
import type { UserFromGetMe } from 'grammy/types';
import { autoRetry } from '@grammyjs/auto-retry';
import type { App } from '../app.js';
import { redeemActivationCode } from '../core/activation/redeemActivationCode.js';
import { handleButton, handleMessage, helpReply, upcomingBookings, type Reply } from '../core/conversation/converse.js';
import type { GuardianRecord } from '../core/ports.js';
import type { Clock } from '../core/time.js';
import { toGuardian } from '../db/familyStore.js';
import { writeTransaction } from '../db/transaction.js';
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
}

/** The bot's command menu: short, in French. */
export const COMMANDS = [
  { command: 'reservations', description: 'Mes réservations (cette semaine et la suivante)' },
  { command: 'aide', description: 'Ce que je sais faire, avec des exemples' },
];

export function unlinkedText(organisation: string): string {
  return `Bonjour ! Ce service est réservé aux familles inscrites auprès du ${organisation}. Demandez votre code d’activation à l’accueil du CCAS, puis envoyez ici « /start » suivi du code (ou ouvrez le lien reçu par email).`;
}

/** How long an update_id stays "already handled" (Telegram redelivers for at most 24 hours). */
export const REDELIVERY_WINDOW_MS = 48 * 3600_000;

const APOLOGY = 'Désolé, un problème technique m’a empêché de traiter votre message. Réessayez dans un instant ; si cela continue, contactez le CCAS.';

/** Builds the bot with its handlers; `bot.start()` (long polling) or a webhook runs it. */
export function buildBot(opts: BotOptions): Bot {
  const { app, clock } = opts;
  const log = redactingLog(opts.log ?? ((line: string) => console.error(line)));
  const bot = new Bot(opts.token, { client: { apiRoot: opts.apiRoot }, ...(opts.botInfo ? { botInfo: opts.botInfo } : {}) });
  bot.api.config.use(autoRetry({ maxRetryAttempts: 3, maxDelaySeconds: 30 }));
  const perChat = new RateLimiter(20, 60_000);
  const wrongCodes = new RateLimiter(5, 60 * 60_000);
  const organisation = app.town.config.organisation;

  // Each update once, however often Telegram delivers it. Telegram keeps an
  // update at most 24 hours, and after a week without updates it picks the
  // next update_id at random (a new bot token restarts them too): a row older
  // than REDELIVERY_WINDOW_MS is an old update whose id came round again, not
  // a redelivery, so it is claimed afresh instead of silently dropping the message.
  bot.use(async (ctx, next) => {
    const externalId = String(ctx.update.update_id);
    const now = clock.now();
    // A write outside a transaction could land in another request's open one
    // (one SQLite connection): every write goes through writeTransaction.
    const fresh = await writeTransaction(app.db, async (tx) => {
      const seen = await tx.inboundMessage.findUnique({ where: { channel_externalId: { channel: 'telegram', externalId } } });
      if (!seen) {
        await tx.inboundMessage.create({ data: { channel: 'telegram', externalId, receivedAt: now } });
        return true;
      }
      if (seen.receivedAt.getTime() >= now.getTime() - REDELIVERY_WINDOW_MS) return false; // already handled
      await tx.inboundMessage.update({ where: { id: seen.id }, data: { receivedAt: now, guardianId: null } });
      return true;
    });
    if (!fresh) return;
    await next();
  });

  const guardianOf = async (ctx: Context): Promise<GuardianRecord | null> => {
    const chatId = ctx.chat?.id;
    if (chatId === undefined) return null;
    const row = await app.db.guardian.findUnique({ where: { telegramChatId: String(chatId) } });
    return row ? toGuardian(row) : null;
  };

  const send = async (ctx: Context, r: Reply) => {
    const parts = splitMessage(r.text);
    for (let i = 0; i < parts.length; i++) {
      const last = i === parts.length - 1;
      await ctx.reply(parts[i]!, last && r.buttons.length > 0 ? { reply_markup: keyboard(r) } : {});
    }
  };

  bot.command('start', async (ctx) => {
    const code = ctx.match.trim();
    const chatId = String(ctx.chat.id);
    if (!code) {
      const guardian = await guardianOf(ctx);
      if (!guardian) return void (await ctx.reply(unlinkedText(organisation)));
      const help = await helpReply(app.conversation, guardian);
      const relink =
        guardian.language === 'en'
          ? 'This chat is already linked to your family. To link another phone, ask the CCAS for a new code.'
          : 'Cette conversation est déjà reliée à votre famille. Pour relier un autre téléphone, demandez un nouveau code au CCAS.';
      return void (await ctx.reply(`${relink}\n\n${help.text}`));
    }
    if (!wrongCodes.peek(chatId)) {
      return void (await ctx.reply('Trop de codes erronés depuis cette conversation. Réessayez dans une heure, ou demandez un nouveau code au CCAS.'));
    }
    const result = await redeemActivationCode({ activation: app.activation }, { code, chatId, now: clock.now() });
    if (!result.ok) {
      wrongCodes.take(chatId);
      const why = {
        unknown: 'Ce code n’est pas reconnu. Vérifiez-le (8 caractères, sans O ni I) ou demandez-en un nouveau au CCAS.',
        used: 'Ce code a déjà servi. Si vous changez de téléphone, demandez un nouveau code au CCAS.',
        expired: 'Ce code a expiré (il était valable 30 jours). Demandez-en un nouveau au CCAS.',
      }[result.why];
      return void (await ctx.reply(why));
    }
    const help = await helpReply(app.conversation, result.guardian);
    await ctx.reply(`Bienvenue ${result.guardian.name} ! Votre compte Telegram est maintenant relié au Portail Famille.\n\n${help.text}`);
  });

  bot.command(['aide', 'help'], async (ctx) => {
    const guardian = await guardianOf(ctx);
    if (!guardian) return void (await ctx.reply(unlinkedText(organisation)));
    await send(ctx, await helpReply(app.conversation, guardian));
  });

  bot.command('reservations', async (ctx) => {
    const guardian = await guardianOf(ctx);
    if (!guardian) return void (await ctx.reply(unlinkedText(organisation)));
    await send(ctx, await upcomingBookings(app.conversation, { guardian, channel: 'telegram', now: clock.now() }));
  });

  bot.on('message', async (ctx) => {
    const guardian = await guardianOf(ctx);
    if (!guardian) return void (await ctx.reply(unlinkedText(organisation)));
    if (!perChat.take(String(ctx.chat.id))) {
      if (perChat.justExceeded(String(ctx.chat.id))) await ctx.reply('Vous envoyez beaucoup de messages : attendez une minute avant le suivant.');
      return;
    }
    const text = ctx.message.text ?? ctx.message.caption;
    if (!text) {
      return void (await ctx.reply(guardian.language === 'en' ? 'I can only read text messages: please write your request.' : 'Je ne lis que les messages écrits : écrivez-moi votre demande.'));
    }
    const r = await handleMessage(app.conversation, { guardian, channel: 'telegram', text, now: clock.now() });
    await send(ctx, r);
  });

  bot.on('callback_query:data', async (ctx) => {
    const guardian = await guardianOf(ctx);
    if (!guardian) {
      await ctx.answerCallbackQuery({ text: 'Demandez votre code d’activation au CCAS.' });
      return;
    }
    await ctx.answerCallbackQuery();
    const r = await handleButton(app.conversation, { guardian, channel: 'telegram', data: ctx.callbackQuery.data, now: clock.now() });
    const [first, ...rest] = splitMessage(r.text);
    const markup = rest.length === 0 && r.buttons.length > 0 ? { reply_markup: keyboard(r) } : {};
    try {
      await ctx.editMessageText(first!, markup);
    } catch (error) {
      // The message may be too old to edit: say it in a new one.
      if (!(error instanceof GrammyError)) throw error;
      await ctx.reply(first!, markup);
    }
    for (let i = 0; i < rest.length; i++) {
      await ctx.reply(rest[i]!, i === rest.length - 1 && r.buttons.length > 0 ? { reply_markup: keyboard(r) } : {});
    }
  });

  bot.on('callback_query', (ctx) => ctx.answerCallbackQuery());

  bot.catch(async (err) => {
    const e = err.error;
    const what = e instanceof GrammyError ? `Bot API: ${e.description}` : e instanceof HttpError ? `network: ${e.message}` : String(e instanceof Error ? e.stack : e);
    log(`telegram update ${err.ctx.update.update_id}: ${what}`);
    try {
      if (err.ctx.callbackQuery) await err.ctx.answerCallbackQuery().catch(() => {});
      if (err.ctx.chat) await err.ctx.reply(APOLOGY);
    } catch {
      // Nothing more can be done for this update.
    }
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
