import type { ActivationStore } from '../ports.js';
import { CODE_ALPHABET, CODE_LENGTH, hashCode, normalizeCode } from './activationCodes.js';

/**
 * Links a chat to the guardian who owns `code`, if it is valid: known,
 * unused, unexpired. A chat belongs to one guardian; a new valid code moves it.
 */
export async function redeemActivationCode(deps: { activation: ActivationStore }, input: { code: string; chatId: string; now: Date }) {
  const code = normalizeCode(input.code);
  const wellFormed = code.length === CODE_LENGTH && [...code].every((c) => CODE_ALPHABET.includes(c));
  if (!wellFormed) return { ok: false as const, why: 'unknown' as const };
  return deps.activation.redeem(hashCode(code), input.chatId, input.now);
}
