/** The outbox as staff see it: its three lists (waiting, given up, sent), a page of one, and a retry. */
import type { Db } from '../../db/database.js';
import { MAX_ATTEMPTS } from '../../notifications.js';

/** The three lists, with what each reads in the outbox. */
export const OUTBOX_STATES = {
  attente: { label: 'En attente', where: { sentAt: null, attempts: { lt: MAX_ATTEMPTS } } },
  echec: { label: 'Abandonnés (échec)', where: { sentAt: null, attempts: { gte: MAX_ATTEMPTS } } },
  envoye: { label: 'Envoyés', where: { sentAt: { not: null } } },
} as const;
export type OutboxState = keyof typeof OUTBOX_STATES;

/** How many messages each list holds. */
export async function outboxCounts(db: Db): Promise<Record<OutboxState, number>> {
  const keys = Object.keys(OUTBOX_STATES) as OutboxState[];
  return Object.fromEntries(await Promise.all(keys.map(async (k) => [k, await db.outbox.count({ where: OUTBOX_STATES[k].where })] as const))) as Record<OutboxState, number>;
}

/** A page of one list, newest first: `take` messages older than the message `before` (null: the newest). */
export function outboxMessages(db: Db, state: OutboxState, before: number | null, take: number) {
  return db.outbox.findMany({ where: { ...OUTBOX_STATES[state].where, ...(before ? { id: { lt: before } } : {}) }, orderBy: { id: 'desc' }, take });
}

/** Puts a message given up back in the queue, now; false when it is not given up (sent, or still trying). */
export async function retryGivenUp(db: Db, id: number, now: Date): Promise<boolean> {
  const done = await db.outbox.updateMany({ where: { id, sentAt: null, attempts: { gte: MAX_ATTEMPTS } }, data: { attempts: 0, nextAttemptAt: now } });
  return done.count > 0;
}
