import type { ActivationStore } from '../ports.js';
import { normalizeCode, wellFormedCode } from './activationCodes.js';

/**
 * Links a chat to the guardian who owns `code`, if it is valid: known,
 * unused, unexpired. A chat belongs to one guardian; a new valid code moves it.
 * Redeeming is what makes a guardian active (ActivationStore.redeem).
 */
export async function redeemActivationCode(deps: { activation: ActivationStore }, input: { code: string; chatId: string; now: Date }) {
  if (!wellFormedCode(input.code)) return { ok: false as const, why: 'unknown' as const };
  return deps.activation.redeem(normalizeCode(input.code), input.chatId, input.now);
}
