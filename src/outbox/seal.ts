/**
 * Secrets an outbox message needs only when it is sent (the code in a
 * welcome email): sealed with AES-256-GCM under a key derived from the app
 * secret, so the database alone does not reveal them, and cleared once the
 * message is sent. The message body holds SEALED_MARK where the secret goes.
 */
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

/** What the stored body shows in place of the secret (also after sending). */
export const SEALED_MARK = '••••••••';

const keyOf = (secret: string) => createHmac('sha256', secret).update('outbox-seal').digest();

export function seal(secret: string, plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyOf(secret), iv);
  const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), data.toString('base64url')].join('.');
}

/** The secret back; throws if it was sealed under another app secret or altered. */
export function unseal(secret: string, sealed: string): string {
  const [v, iv, tag, data] = sealed.split('.');
  if (v !== 'v1' || !iv || !tag || data === undefined) throw new Error('sealed secret: unknown format');
  const decipher = createDecipheriv('aes-256-gcm', keyOf(secret), Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
}

/** `text` with the secret in place of every SEALED_MARK. */
export function fill(text: string, secretValue: string): string {
  return text.split(SEALED_MARK).join(secretValue);
}

/** `text` with SEALED_MARK in place of every occurrence of the secret. */
export function mask(text: string, secretValue: string): string {
  return text.split(secretValue).join(SEALED_MARK);
}
