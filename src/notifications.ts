/**
 * What the core records for families to hear about (a closed day, bookings
 * staff cancelled, a waiting-list place given) goes to the outbox: one
 * message per family and staff action, to each guardian on the channel they
 * use — Telegram once linked, otherwise email whenever there is an address
 * (activated or not). The outbox senders deliver it, retrying until the
 * channel accepts.
 */
import type { App } from './app.js';
import { cancellationNotice, closureNotice, promotionNotice, type Notice } from './core/closures/notices.js';
import type { DomainEvent } from './core/ports.js';
import { writeTransaction } from './db/transaction.js';

type Payload<T extends DomainEvent['type']> = Extract<DomainEvent, { type: T }>['payload'];
type StoredEvent = { id: number; type: string; familyId: number | null; payload: string };

/** Families dispatched per write transaction. */
const FAMILIES_PER_TX = 300;

/** The message one family gets for its events of one action (one kind), in a language. */
function noticeFor(app: App, type: string, events: StoredEvent[], lang: 'fr' | 'en'): Notice | null {
  const payloads = events.map((e) => JSON.parse(e.payload) as unknown);
  const town = app.town.config;
  if (type === 'day.closed') {
    const p = payloads as Payload<'day.closed'>[];
    return closureNotice({ date: p[0]!.date, reason: p.map((x) => x.reason).join(' ; '), children: p.flatMap((x) => x.children) }, town, lang);
  }
  if (type === 'booking.cancelled_by_staff') return cancellationNotice(payloads as Payload<'booking.cancelled_by_staff'>[], town, lang);
  if (type === 'waiting_list.promoted') return promotionNotice(payloads as Payload<'waiting_list.promoted'>[], town, lang);
  return null;
}

/**
 * Turns undispatched domain events into outbox messages. The events of one
 * action share their instant: they are taken together and grouped per
 * family and kind, so a family hears once of a closure however many
 * children and services it had that day.
 */
export async function dispatchEvents(app: App, now: Date): Promise<number> {
  let dispatched = 0;
  for (let round = 0; round < 10; round++) {
    const first = await app.db.domainEvent.findFirst({ where: { dispatchedAt: null }, orderBy: { id: 'asc' }, select: { createdAt: true } });
    if (!first) break;
    const events = await app.db.domainEvent.findMany({ where: { dispatchedAt: null, createdAt: first.createdAt }, orderBy: { id: 'asc' }, take: 50_000, select: { id: true, type: true, familyId: true, payload: true } });
    const groups = new Map<string, { familyId: number | null; type: string; events: StoredEvent[] }>();
    for (const e of events) {
      const key = `${e.familyId}|${e.type}`;
      const g = groups.get(key) ?? { familyId: e.familyId, type: e.type, events: [] };
      g.events.push(e);
      groups.set(key, g);
    }
    const list = [...groups.values()];
    for (let i = 0; i < list.length; i += FAMILIES_PER_TX) {
      const chunk = list.slice(i, i + FAMILIES_PER_TX);
      const familyIds = [...new Set(chunk.map((g) => g.familyId).filter((id): id is number => id !== null))];
      const guardians = familyIds.length ? await app.db.guardian.findMany({ where: { familyId: { in: familyIds } }, select: { id: true, familyId: true, email: true, telegramChatId: true, language: true } }) : [];
      const ids = chunk.flatMap((g) => g.events.map((e) => e.id));
      const rows: { channel: string; recipient: string; subject: string | null; body: string; payload: string; kind: string; guardianId: number; createdAt: Date; nextAttemptAt: Date }[] = [];
      for (const g of chunk) {
        for (const guardian of guardians.filter((x) => x.familyId === g.familyId)) {
          const notice = noticeFor(app, g.type, g.events, guardian.language === 'en' ? 'en' : 'fr');
          if (!notice) continue;
          const payload = JSON.stringify({ kind: g.type, eventId: g.events[0]!.id, eventIds: g.events.map((e) => e.id) });
          if (guardian.telegramChatId) rows.push({ channel: 'telegram', recipient: guardian.telegramChatId, subject: null, body: notice.body, payload, kind: g.type, guardianId: guardian.id, createdAt: now, nextAttemptAt: now });
          else if (guardian.email) rows.push({ channel: 'email', recipient: guardian.email, subject: notice.subject, body: notice.body, payload, kind: g.type, guardianId: guardian.id, createdAt: now, nextAttemptAt: now });
        }
      }
      await writeTransaction(app.db, async (tx) => {
        // Claimed all together or not at all: another dispatcher may have taken them first.
        const claimed = await tx.domainEvent.updateMany({ where: { id: { in: ids }, dispatchedAt: null }, data: { dispatchedAt: now } });
        if (claimed.count !== ids.length) throw new ClaimedElsewhere();
        if (rows.length) await tx.outbox.createMany({ data: rows });
      }).catch((error: unknown) => {
        if (!(error instanceof ClaimedElsewhere)) throw error;
      });
      dispatched += ids.length;
    }
  }
  return dispatched;
}

class ClaimedElsewhere extends Error {}

// Sending lives in src/outbox (claims, one sender at a time); re-exported for existing callers.
export { MAX_ATTEMPTS, retryDelayMs, sendDue } from './outbox/sendDue.js';
