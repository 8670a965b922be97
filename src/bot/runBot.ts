/**
 * Runs the bot: long polling by default, or a webhook served by the staff
 * web's fastify when TELEGRAM_WEBHOOK_URL is set (Telegram's secret-token
 * header checked); plus the loop that delivers notifications from the outbox.
 */
import { createHmac } from 'node:crypto';
import { webhookCallback, type Bot } from 'grammy';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { App } from '../app.js';
import type { Clock } from '../core/time.js';
import { dispatchEvents, sendDue } from '../notifications.js';
import { buildBot, COMMANDS, REDELIVERY_WINDOW_MS } from './buildBot.js';
import { writeTransaction } from '../db/transaction.js';
import { redactingLog } from '../core/privacy/redact.js';

/** A fastify route handler. */
export type WebhookHandler = (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>;

export interface RunningBot {
  bot: Bot;
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
  /** How often the outbox is looked at, in ms. */
  outboxEveryMs?: number;
}

/** The secret Telegram sends back in X-Telegram-Bot-Api-Secret-Token (1-256 of A-Z a-z 0-9 _ -). */
export function webhookSecret(secret: string, token: string): string {
  return createHmac('sha256', secret).update(`telegram-webhook:${token}`).digest('base64url');
}

export async function runBot(opts: RunBotOptions): Promise<RunningBot> {
  const log = redactingLog(opts.log ?? ((line: string) => console.error(line)));
  const bot = buildBot({ app: opts.app, clock: opts.clock, token: opts.token, apiRoot: opts.apiRoot, log });
  await bot.init();
  await bot.api.setMyCommands(COMMANDS);

  let polling: Promise<void> | undefined;
  let webhook: WebhookHandler | undefined;
  if (opts.webhookUrl) {
    const secretToken = webhookSecret(opts.secret, opts.token);
    webhook = webhookCallback(bot, 'fastify', { secretToken }) as WebhookHandler;
    if (opts.web) opts.web.post(new URL(opts.webhookUrl).pathname, webhook);
    await bot.api.setWebhook(opts.webhookUrl, { secret_token: secretToken });
  } else {
    await bot.api.deleteWebhook();
    polling = bot.start({ drop_pending_updates: false, onStart: () => log(`Telegram : @${bot.botInfo.username} à l’écoute (long polling).`) });
    polling.catch((error: unknown) => log(`Telegram : arrêt du long polling (${error instanceof Error ? error.message : String(error)})`));
  }

  let busy = false;
  let prunedAt = 0;
  const tick = async () => {
    if (busy) return;
    busy = true;
    try {
      const now = opts.clock.now();
      if (now.getTime() - prunedAt > 3_600_000) {
        // Update ids only need remembering while Telegram may redeliver them.
        prunedAt = now.getTime();
        const before = new Date(now.getTime() - REDELIVERY_WINDOW_MS);
        await writeTransaction(opts.app.db, (tx) => tx.inboundMessage.deleteMany({ where: { channel: 'telegram', receivedAt: { lt: before } } }));
      }
      await dispatchEvents(opts.app, now);
      await sendDue(opts.app, 'telegram', now, async (chatId, body) => {
        await bot.api.sendMessage(chatId, body);
      });
    } catch (error) {
      log(`Telegram : envoi des notifications (${error instanceof Error ? error.message : String(error)})`);
    } finally {
      busy = false;
    }
  };
  const timer = setInterval(() => void tick(), opts.outboxEveryMs ?? 1_000);
  timer.unref();

  return {
    bot,
    ...(webhook ? { webhook } : {}),
    async stop() {
      clearInterval(timer);
      if (polling) {
        await bot.stop();
        await polling.catch(() => {});
      }
      while (busy) await new Promise((r) => setTimeout(r, 10));
    },
  };
}
