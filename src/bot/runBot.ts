/**
 * Runs the bot: long polling through grammY's runner by default (updates of
 * different chats handled at the same time, one chat's in order), or a
 * webhook served by the staff web's fastify when TELEGRAM_WEBHOOK_URL is set
 * (Telegram's secret-token header checked); plus the loop that sends the
 * Telegram outbox (replies and notifications).
 *
 * Long polling stores each batch of updates before the next getUpdates
 * confirms it to Telegram, and at start handles those a crash left stored
 * but unhandled: no update is lost, none handled twice (buildBot.ts).
 */
import { createHmac } from 'node:crypto';
import { GrammyError, webhookCallback, type Bot } from 'grammy';
import { run, type RunnerHandle } from '@grammyjs/runner';
import type { Update } from 'grammy/types';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { App } from '../app.js';
import type { Clock } from '../core/time.js';
import { dispatchEvents } from '../notifications.js';
import { sendDue } from '../outbox/sendDue.js';
import { TelegramUpdateStore } from '../db/telegramUpdateStore.js';
import { buildBot, chatOf, COMMANDS, type BotContext } from './buildBot.js';
import { redactingLog } from '../core/privacy/redact.js';

/** A fastify route handler. */
export type WebhookHandler = (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>;

export interface RunningBot {
  bot: Bot<BotContext>;
  /** In webhook mode: what serves Telegram's POSTs (already routed when `web` was given). */
  webhook?: WebhookHandler;
  stop(): Promise<void>;
}

export interface RunBotOptions {
  app: App;
  clock: Clock;
  token: string;
  apiRoot: string;
  /** Public URL of the webhook; unset: long polling. */
  webhookUrl?: string;
  /**
   * For webhook mode: a fastify app not listening yet, on which the route is
   * added. Without it, the caller routes `webhook` itself (npm start does, so
   * that the route exists even while Telegram cannot be reached).
   */
  web?: FastifyInstance;
  secret: string;
  log?: (line: string) => void;
  /** How often the outbox is looked at, in ms (replies are sent at once besides). */
  outboxEveryMs?: number;
  /** Whether this process turns domain events into notifications (npm start's own loop does it). */
  dispatch?: boolean;
}

/** The secret Telegram sends back in X-Telegram-Bot-Api-Secret-Token (1-256 of A-Z a-z 0-9 _ -). */
export function webhookSecret(secret: string, token: string): string {
  return createHmac('sha256', secret).update(`telegram-webhook:${token}`).digest('base64url');
}

/** Chats whose next message goes out at the same time (each chat's messages one after the other). */
const SEND_AT_ONCE = 50;

export async function runBot(opts: RunBotOptions): Promise<RunningBot> {
  const log = redactingLog(opts.log ?? ((line: string) => console.error(line)));
  const updates = new TelegramUpdateStore(opts.app.db);

  // The sender: one pass at a time; a kick during a pass makes one more pass.
  let busy: Promise<void> | undefined;
  let again = false;
  let dispatchDue = true;
  let prunedAt = 0;
  let stopped = false;
  const pass = async () => {
    const now = opts.clock.now();
    if (now.getTime() - prunedAt > 3_600_000) {
      prunedAt = now.getTime();
      await updates.prune(now); // update ids only need remembering while Telegram may redeliver them
    }
    // Notifications on the timer's passes only: a reply's pass goes straight to sending.
    if (dispatchDue && opts.dispatch !== false) {
      dispatchDue = false;
      await dispatchEvents(opts.app, now);
    }
    // Replies first come first; a pass takes what is due, and goes on while there is more
    // (a message queued meanwhile kicks another pass).
    let more = true;
    while (more && !stopped) {
      more = false;
      const sent = await sendDue(opts.app, 'telegram', opts.clock.now(), sendOne, { parallel: true, limit: SEND_AT_ONCE, log, onMore: () => (more = true) });
      if (sent === 0) break;
    }
  };
  const kick = () => {
    if (stopped) return;
    if (busy) {
      again = true;
      return;
    }
    busy = (async () => {
      do {
        again = false;
        try {
          await pass();
        } catch (error) {
          log(`Telegram : envoi des messages (${error instanceof Error ? error.message : String(error)})`);
        }
      } while (again && !stopped);
    })().finally(() => {
      busy = undefined;
    });
  };

  const bot = buildBot({ app: opts.app, clock: opts.clock, token: opts.token, apiRoot: opts.apiRoot, log, onQueued: kick });
  // Handlers still running (stop waits for them).
  let inFlight = 0;
  const handle = async (update: Update) => {
    inFlight++;
    try {
      await bot.handleUpdate(update);
    } finally {
      inFlight--;
    }
  };

  /** One outbox message to Telegram: a new message, or the edit of one (a new message if it cannot be edited). */
  async function sendOne(chatId: string, body: string, _subject: string | null, payloadJson: string | null): Promise<void> {
    const payload = (payloadJson ? JSON.parse(payloadJson) : {}) as { reply_markup?: { inline_keyboard: { text: string; callback_data: string }[][] }; editMessageId?: number };
    const markup = payload.reply_markup ? { reply_markup: payload.reply_markup } : {};
    if (payload.editMessageId !== undefined) {
      try {
        await bot.api.editMessageText(chatId, payload.editMessageId, body, markup);
        return;
      } catch (error) {
        // A refusal (too old, not modified) is answered with a new message; a network error or a 429/5xx is retried.
        if (!(error instanceof GrammyError) || error.error_code === 429 || error.error_code >= 500) throw error;
        if (/message is not modified/.test(error.description)) return;
      }
    }
    await bot.api.sendMessage(chatId, body, markup);
  }

  await bot.init();
  await bot.api.setMyCommands(COMMANDS);

  let runner: RunnerHandle | undefined;
  let webhook: WebhookHandler | undefined;
  if (opts.webhookUrl) {
    // Telegram redelivers a webhook update until it gets a 200: an update
    // interrupted by a crash comes back, and buildBot handles it once.
    const secretToken = webhookSecret(opts.secret, opts.token);
    webhook = webhookCallback(bot, 'fastify', { secretToken }) as WebhookHandler;
    if (opts.web) opts.web.post(new URL(opts.webhookUrl).pathname, webhook);
    await bot.api.setWebhook(opts.webhookUrl, { secret_token: secretToken });
  } else {
    await bot.api.deleteWebhook();
    // Recovery first, before any new update: the updates a crash left stored
    // but not handled, in order, then what is left to send (replies whose send
    // a crash interrupted among them), so that a crash soon after this start
    // does not interrupt their sending a second time.
    for (const update of await updates.pending()) await handle(update as Update);
    kick();
    while (busy) await busy;
    runner = run(
      {
        handleUpdate: handle,
        errorHandler: (error: unknown) => log(`Telegram : ${error instanceof Error ? error.message : String(error)}`),
        api: {
          // Stored before returning: the runner's next getUpdates confirms them to Telegram.
          getUpdates: async (args, signal) => {
            const batch = await bot.api.getUpdates(args, signal);
            await updates.receive(batch, chatOf, opts.clock.now());
            return batch;
          },
        },
      },
      { runner: { silent: true, retryInterval: 'exponential', maxRetryTime: 365 * 86_400_000 }, sink: { concurrency: 200 } },
    );
    log(`Telegram : @${bot.botInfo.username} à l’écoute (long polling).`);
  }

  const timer = setInterval(() => {
    dispatchDue = true;
    kick();
  }, opts.outboxEveryMs ?? 1_000);
  timer.unref();
  kick();

  return {
    bot,
    ...(webhook ? { webhook } : {}),
    async stop() {
      clearInterval(timer);
      if (runner?.isRunning()) await runner.stop();
      while (inFlight > 0) await new Promise((r) => setTimeout(r, 10));
      stopped = true;
      while (busy) await busy;
    },
  };
}
