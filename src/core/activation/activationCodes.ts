/**
 * Activation codes: 8 characters from an alphabet without look-alikes (no
 * 0/O, 1/I/L), so they can be read aloud at the desk and typed on a phone,
 * and travel unchanged in a Telegram deep link. Only a keyed hash of them is
 * stored (HMAC-SHA256 with the app secret): a copy of the database alone does
 * not let anyone try the 31^8 codes offline.
 */
import { createHash, createHmac } from 'node:crypto';

export const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const CODE_LENGTH = 8;
export const CODE_VALIDITY_DAYS = 30;

/** A source of random bytes (crypto.randomBytes in production). */
export type RandomBytes = (n: number) => Uint8Array;

/** Draws a code uniformly from the alphabet (rejection sampling, no modulo bias). */
export function generateCode(random: RandomBytes): string {
  let code = '';
  const limit = 256 - (256 % CODE_ALPHABET.length);
  while (code.length < CODE_LENGTH) {
    for (const b of random(CODE_LENGTH * 2)) {
      if (b < limit && code.length < CODE_LENGTH) code += CODE_ALPHABET[b % CODE_ALPHABET.length];
    }
  }
  return code;
}

/** What a person may have typed for a code: case, spaces and dashes do not matter. */
export function normalizeCode(typed: string): string {
  return typed.replace(/[\s-]/g, '').toUpperCase();
}

/** What is stored for a code: HMAC-SHA256 of the normalized code, keyed by the app secret, hex. */
export function hashCode(key: string, code: string): string {
  return createHmac('sha256', `activation-code:${key}`).update(normalizeCode(code)).digest('hex');
}

/** The unkeyed SHA-256 that codes issued before keyed hashing were stored as (still redeemable until they expire). */
export function legacyHashCode(code: string): string {
  return createHash('sha256').update(normalizeCode(code)).digest('hex');
}

/** Whether what was typed can be a code at all (before any look-up). */
export function wellFormedCode(typed: string): boolean {
  const code = normalizeCode(typed);
  return code.length === CODE_LENGTH && [...code].every((c) => CODE_ALPHABET.includes(c));
}
