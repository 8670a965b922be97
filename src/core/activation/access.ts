/**
 * Who may act through a channel, and where a guardian hears from us: the
 * rules the bot and the notifications follow, kept here so that no adapter
 * decides them.
 *
 * - A guardian becomes active by redeeming an activation code
 *   (redeemActivationCode; ActivationStore.redeem records it).
 * - On Telegram, the sender of an update is the guardian whose chat it is,
 *   and only an active guardian is acted for: a chat linked to a guardian
 *   whose access was withdrawn gets the "how to get a code" answer.
 * - A family hears on Telegram once a guardian's chat is linked, otherwise
 *   by email at the guardian's address.
 */
import type { GuardianRecord } from '../ports.js';

/** Finds guardians by what a channel knows of them. */
export interface GuardianDirectory {
  byTelegramChat(chatId: string): Promise<GuardianRecord | null>;
}

/** Whether this guardian may make requests (bookings, cancellations) through a channel. */
export function isActivatedSender(guardian: GuardianRecord): boolean {
  return guardian.accessState === 'active';
}

/** The guardian a Telegram chat speaks for, if they are active; null: the chat gets the "how to get a code" answer. */
export async function telegramSender(deps: { guardians: GuardianDirectory }, chatId: string): Promise<GuardianRecord | null> {
  const guardian = await deps.guardians.byTelegramChat(chatId);
  return guardian && isActivatedSender(guardian) ? guardian : null;
}

/** Where a guardian hears from us: their Telegram chat once linked, else their email address; null when neither. */
export function notificationChannel(guardian: GuardianRecord): { channel: 'telegram' | 'email'; recipient: string } | null {
  if (guardian.telegramChatId) return { channel: 'telegram', recipient: guardian.telegramChatId };
  if (guardian.email) return { channel: 'email', recipient: guardian.email };
  return null;
}
