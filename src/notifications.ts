/**
 * What the core records for families to hear about (a waiting-list place
 * granted) goes to the outbox, one message per guardian and channel; the
 * outbox senders deliver it, retrying until the channel accepts.
 */
import type { App } from './app.js';
import { promotionText, staffCancellationText } from './core/conversation/outcomeLines.js';
import type { IsoDate } from './core/time.js';
import { writeTransaction } from './db/transaction.js';

/** Turns undispatched domain events into outbox messages, in one transaction each. */
export async function dispatchEvents(app: App, now: Date): Promise<number> {
  const events = await app.db.domainEvent.findMany({ where: { dispatchedAt: null }, orderBy: { id: 'asc' }, take: 100 });
  for (const event of events) {
    const payload = JSON.parse(event.payload) as { firstName: string; serviceCode: string; date: IsoDate; dates: IsoDate[] };
    const guardians = event.familyId ? await app.db.guardian.findMany({ where: { familyId: event.familyId } }) : [];
    await writeTransaction(app.db, async (tx) => {
      const claimed = await tx.domainEvent.updateMany({ where: { id: event.id, dispatchedAt: null }, data: { dispatchedAt: now } });
      if (claimed.count === 0) return;
      for (const g of guardians) {
        const lang = g.language === 'en' ? 'en' : 'fr';
        const body =
          event.type === 'booking.cancelled_by_staff' ? staffCancellationText(payload, app.town.config, lang) : promotionText(payload, app.town.config, lang);
        if (g.telegramChatId) {
          await tx.outbox.create({ data: { channel: 'telegram', recipient: g.telegramChatId, body, payload: JSON.stringify({ kind: event.type, eventId: event.id }), createdAt: now, nextAttemptAt: now } });
        } else if (g.email && g.accessState === 'active') {
          const subject =
            event.type === 'booking.cancelled_by_staff'
              ? lang === 'en' ? 'A booking was cancelled' : 'Une réservation a été annulée'
              : lang === 'en' ? 'A place opened up' : 'Une place s’est libérée';
          await tx.outbox.create({ data: { channel: 'email', recipient: g.email, subject, body, payload: JSON.stringify({ kind: event.type, eventId: event.id }), createdAt: now, nextAttemptAt: now } });
        }
      }
    });
  }
  return events.length;
}

/** Delay before the next try of a message that failed `attempts` times: 10 s, 20 s, 40 s… up to an hour. */
export function retryDelayMs(attempts: number): number {
  return Math.min(10_000 * 2 ** Math.max(0, attempts - 1), 3_600_000);
}

/** After this many failures a message is given up (kept, with its last error, for staff to see). */
export const MAX_ATTEMPTS = 12;

/**
 * Sends the due outbox messages of one channel with `send`; a failure is
 * retried later with a growing delay.
 */
export async function sendDue(app: App, channel: string, now: Date, send: (recipient: string, body: string, subject: string | null, payload: string | null) => Promise<void>): Promise<number> {
  const due = await app.db.outbox.findMany({
    where: { channel, sentAt: null, nextAttemptAt: { lte: now }, attempts: { lt: MAX_ATTEMPTS } },
    orderBy: { id: 'asc' },
    take: 20,
  });
  let sent = 0;
  for (const m of due) {
    try {
      await send(m.recipient, m.body, m.subject, m.payload);
      await writeTransaction(app.db, (tx) => tx.outbox.update({ where: { id: m.id }, data: { sentAt: new Date(), attempts: m.attempts + 1, lastError: null } }));
      sent++;
    } catch (error) {
      const attempts = m.attempts + 1;
      await writeTransaction(app.db, (tx) =>
        tx.outbox.update({
          where: { id: m.id },
          data: { attempts, lastError: String(error instanceof Error ? error.message : error).slice(0, 500), nextAttemptAt: new Date(now.getTime() + retryDelayMs(attempts)) },
        }),
      );
    }
  }
  return sent;
}
