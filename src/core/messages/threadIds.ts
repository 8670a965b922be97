/**
 * The Message-IDs of the assistant's own emails: random, and signed with the
 * app secret for the guardian they are written to, so a reply that carries
 * one in In-Reply-To or References comes from a thread the assistant started
 * with that guardian. Nothing is stored: the signature is checked again.
 *
 *   <pf.3q2Yx1b9KcQ8dA.9f3c0a1b2d4e5f60718293a4@mairie.fr>
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { GuardianId } from '../ids.js';

const PATTERN = /^<?pf\.([A-Za-z0-9_-]{16,32})\.([0-9a-f]{32})@[^>\s]+>?$/;

function signature(secret: string, guardianId: GuardianId, nonce: string): string {
  return createHmac('sha256', secret).update(`thread:${guardianId}:${nonce}`).digest('hex').slice(0, 32);
}

/** A new Message-ID for an email to `guardianId`; `nonce` is random (base64url, 16 characters or more). */
export function threadMessageId(secret: string, guardianId: GuardianId, nonce: string, domain: string): string {
  return `<pf.${nonce}.${signature(secret, guardianId, nonce)}@${domain}>`;
}

/** Whether one of `ids` is a Message-ID the assistant wrote to `guardianId`. */
export function inThreadWith(ids: readonly string[], secret: string, guardianId: GuardianId): boolean {
  return ids.some((id) => {
    const m = PATTERN.exec(id.trim());
    if (!m) return false;
    const expected = Buffer.from(signature(secret, guardianId, m[1]!));
    const given = Buffer.from(m[2]!);
    return expected.length === given.length && timingSafeEqual(expected, given);
  });
}
