import type { Actor, Channel } from './model.js';
import type { StaffStore } from './ports.js';
import type { RandomBytes } from './activation/activationCodes.js';

const PASSWORD_ALPHABET = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/**
 * Creates a staff account (or resets its password) with a one-time password
 * of 16 characters, to be changed at first sign-in.
 */
export async function addStaffUser(
  deps: { staff: StaffStore; random: RandomBytes; hashPassword: (p: string) => Promise<string> },
  email: string,
  by: { actor: Actor; channel: Channel; now: Date },
): Promise<{ ok: true; password: string; existed: boolean } | { ok: false; why: 'INVALID_EMAIL' }> {
  const normalized = email.trim().toLowerCase();
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(normalized)) return { ok: false, why: 'INVALID_EMAIL' };
  let password = '';
  const limit = 256 - (256 % PASSWORD_ALPHABET.length);
  while (password.length < 16) {
    for (const b of deps.random(32)) if (b < limit && password.length < 16) password += PASSWORD_ALPHABET[b % PASSWORD_ALPHABET.length];
  }
  const { existed } = await deps.staff.upsert(normalized, await deps.hashPassword(password), by);
  return { ok: true, password, existed };
}
