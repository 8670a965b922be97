/**
 * The assistant's Reply-To carries a token proving which guardian it wrote
 * to: `inscriptions+g12-3f9a0c1b2d4e@mairie.fr`. A reply that comes back to
 * that address with a valid token is from that guardian's thread, even when
 * the receiving server added no authentication results.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

function token(secret: string, guardianId: number): string {
  return createHmac('sha256', secret).update(`reply-to:${guardianId}`).digest('hex').slice(0, 16);
}

/** The bare address of a From header value ("Portail <a@b.fr>" → "a@b.fr"). */
export function bareAddress(from: string): string {
  return (/<([^>]+)>/.exec(from)?.[1] ?? from).trim();
}

/** The domain of our Message-IDs: MAIL_FROM's. */
export function messageIdDomain(mailFrom: string): string {
  const own = bareAddress(mailFrom).toLowerCase();
  return own.slice(own.lastIndexOf('@') + 1) || 'portail-famille.invalid';
}

/** The Reply-To address for mail to `guardianId`. */
export function replyAddress(mailFrom: string, secret: string, guardianId: number): string {
  const [local, domain] = bareAddress(mailFrom).split('@') as [string, string];
  return `${local}+g${guardianId}-${token(secret, guardianId)}@${domain}`;
}

/** The guardian a recipient address proves, or null (no token, or a forged one). */
export function guardianFromAddress(address: string, secret: string): number | null {
  const m = /\+g(\d+)-([0-9a-f]{16})@/i.exec(address);
  if (!m) return null;
  const id = Number(m[1]);
  const expected = Buffer.from(token(secret, id));
  const given = Buffer.from(m[2]!.toLowerCase());
  return expected.length === given.length && timingSafeEqual(expected, given) ? id : null;
}
