import type { App } from '../app.js';
import type { GuardianRecord } from '../core/ports.js';
import { welcomeEmail } from '../core/replies/welcomeEmail.js';
import { replyAddress } from '../mail/replyAddress.js';

/**
 * Puts the welcome email of each guardian with an address in the outbox;
 * the mail worker sends it when SMTP is configured (until then it waits there).
 */
export async function queueWelcomeEmails(
  app: App,
  codes: { guardian: GuardianRecord; code: string; expiresAt: Date }[],
  botUsername: string | null,
  now: Date,
  sender: { from: string; secret: string },
): Promise<void> {
  const rows = codes
    .filter((c) => c.guardian.email)
    .map(({ guardian, code, expiresAt }) => {
      const mail = welcomeEmail({ town: app.town.config, guardianName: guardian.name, code, expiresAt, botUsername });
      return { channel: 'email', recipient: guardian.email!, subject: mail.subject, body: mail.text, payload: JSON.stringify({ kind: 'welcome', guardianId: guardian.id, replyTo: replyAddress(sender.from, sender.secret, guardian.id) }), createdAt: now, nextAttemptAt: now };
    });
  if (rows.length > 0) await app.db.outbox.createMany({ data: rows });
}
