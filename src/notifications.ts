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

// Sending lives in src/outbox (claims, one sender at a time); re-exported for existing callers.
export { MAX_ATTEMPTS, retryDelayMs, sendDue } from './outbox/sendDue.js';
