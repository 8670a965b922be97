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
 * time and forgotten once sent. The examples name the family's own
 * children (given, or read from the database when not).
 */
export async function queueWelcomeEmails(
  app: App,
  codes: { guardian: GuardianRecord; code: string; expiresAt: Date; children?: readonly string[] }[],
  botUsername: string | null,
  now: Date,
  sender: { from: string; secret: string },
): Promise<void> {
  const mailed = codes.filter((c) => c.guardian.email);
  const unknown = [...new Set(mailed.filter((c) => !c.children).map((c) => c.guardian.familyId as number))];
  const names = new Map<number, string[]>();
  if (unknown.length) {
    // A batch of letters gives the names; a few hundred families at most are asked here, in one query.
    const rows = await app.db.child.findMany({ where: { familyId: { in: unknown } }, select: { familyId: true, firstName: true }, orderBy: { id: 'asc' } });
    for (const r of rows) names.set(r.familyId, [...(names.get(r.familyId) ?? []), r.firstName]);
  }
  const drafts = mailed
    .map(({ guardian, code, expiresAt, children }) => {
      const mail = welcomeEmail({ town: app.town.config, guardianName: guardian.name, code, expiresAt, botUsername, children: children ?? names.get(guardian.familyId as number) ?? [] });
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
