import type { Env } from '../config/env.js';

/**
 * The bot's username for deep links: TELEGRAM_BOT_USERNAME, else asked from
 * the Bot API with getMe when a token is set; null when neither works.
 */
export async function botUsername(env: Env, warn: (line: string) => void): Promise<string | null> {
  if (env.TELEGRAM_BOT_USERNAME) return env.TELEGRAM_BOT_USERNAME;
  if (!env.TELEGRAM_BOT_TOKEN) return null;
  try {
    const response = await fetch(`${env.TELEGRAM_API_ROOT}/bot${env.TELEGRAM_BOT_TOKEN}/getMe`, { signal: AbortSignal.timeout(5_000) });
    const body = (await response.json()) as { ok?: boolean; result?: { username?: unknown } };
    if (body.ok && typeof body.result?.username === 'string') return body.result.username;
    warn('Le Bot API n’a pas donné le nom du bot (getMe) : liens Telegram omis.');
  } catch (e) {
    warn(`Bot API injoignable (getMe : ${(e as Error).message}) : liens Telegram omis.`);
  }
  return null;
}
