import type { App } from '../app.js';
import type { GuardianRecord } from '../core/ports.js';
import { welcomeEmail } from '../core/replies/welcomeEmail.js';
import { enqueue } from '../db/outboxStore.js';
import { replyAddress } from '../mail/replyAddress.js';
import { mask, seal } from '../outbox/seal.js';

/**
 * Puts the welcome email of each guardian with an address in the outbox;
 * the running service sends it when SMTP is configured (until then it waits
 * there). The code itself is never stored readable: the body keeps a mask in
 * its place and the code is sealed with the app secret, filled in at sending
 * time and forgotten once sent.
 */
export async function queueWelcomeEmails(
  app: App,
  codes: { guardian: GuardianRecord; code: string; expiresAt: Date }[],
  botUsername: string | null,
  now: Date,
  sender: { from: string; secret: string },
): Promise<void> {
  const drafts = codes
    .filter((c) => c.guardian.email)
    .map(({ guardian, code, expiresAt }) => {
      const mail = welcomeEmail({ town: app.town.config, guardianName: guardian.name, code, expiresAt, botUsername });
      return {
        channel: 'email' as const,
        recipient: guardian.email!,
        subject: mail.subject,
        body: mask(mail.text, code),
        payload: { guardianId: guardian.id, replyTo: replyAddress(sender.from, sender.secret, guardian.id) },
        kind: 'welcome',
        guardianId: guardian.id as number,
        sealed: seal(app.secret, code),
      };
    });
  await enqueue(app.db, drafts, now);
}
