/**
 * Telegram updates, each handled once across crashes.
 *
 * Long polling: an update is stored (with its JSON) as soon as getUpdates
 * returns it, before the next getUpdates confirms it to Telegram, so one
 * fetched just before a crash is still there to handle at the next start.
 * Handling: the update is marked handled in the SAME transaction as the
 * changes it makes and the replies it queues in the outbox; a redelivered
 * update that was handled is skipped, one that was not is handled.
 *
 * Telegram keeps an update at most 24 hours, and after a week without
 * updates it picks the next update_id at random (a new bot token restarts
 * them too): a row older than REDELIVERY_WINDOW_MS is an old update whose id
 * came round again, not a redelivery, so it is taken afresh.
 *
 * update_id is a number here (Telegram's ids fit in 52 bits, a safe JS
 * integer) and a BIGINT in the database (64 bits on both providers).
 */
import { sqliteTimestamp } from './audit.js';
import { providerOf, type Db } from './database.js';
import { enqueue, type OutboxDraft } from './outboxStore.js';
import { sqliteExecute, writeTransaction, type Tx } from './transaction.js';

/** How long an update_id stays "already handled". */
export const REDELIVERY_WINDOW_MS = 48 * 3600_000;

export interface RawUpdate {
  update_id: number;
}

export class TelegramUpdateStore {
  constructor(private readonly db: Db) {}

  /** Stores fetched updates not seen yet (an old row whose id came round again is replaced). */
  async receive(updates: readonly RawUpdate[], chatOf: (u: RawUpdate) => string | null, now: Date): Promise<void> {
    if (updates.length === 0) return;
    const ids = updates.map((u) => BigInt(u.update_id));
    const stale = new Date(now.getTime() - REDELIVERY_WINDOW_MS);
    await writeTransaction(this.db, async (tx) => {
      if (providerOf(tx) === 'sqlite') {
        // One statement (a batch comes with every getUpdates): a new id is
        // inserted, a row older than the window taken afresh, any other kept.
        const rows = updates.map((u) => [u.update_id, chatOf(u), JSON.stringify(u)]);
        await sqliteExecute(tx, 
          `INSERT INTO "TelegramUpdate" ("updateId", "chatId", "payload", "receivedAt", "handledAt")
           SELECT value->>0, value->>1, value->>2, ?, NULL FROM json_each(?) WHERE true ORDER BY key
           ON CONFLICT ("updateId") DO UPDATE SET "chatId" = excluded."chatId", "payload" = excluded."payload", "receivedAt" = excluded."receivedAt", "handledAt" = NULL
           WHERE "TelegramUpdate"."receivedAt" < ?`,
          sqliteTimestamp(now),
          JSON.stringify(rows),
          sqliteTimestamp(stale),
        );
        return;
      }
      // Keyed by the id as a string: bigint keys never equal number ones.
      const known = new Map((await tx.telegramUpdate.findMany({ where: { updateId: { in: ids } }, select: { updateId: true, receivedAt: true } })).map((r) => [String(r.updateId), r.receivedAt]));
      const fresh: { updateId: bigint; chatId: string | null; payload: string; receivedAt: Date; handledAt: null }[] = [];
      for (const u of updates) {
        const key = String(u.update_id);
        const updateId = BigInt(u.update_id);
        const at = known.get(key);
        if (at && at.getTime() >= stale.getTime()) continue;
        const data = { chatId: chatOf(u), payload: JSON.stringify(u), receivedAt: now, handledAt: null };
        if (at) await tx.telegramUpdate.update({ where: { updateId }, data });
        else fresh.push({ updateId, ...data });
        known.set(key, now);
      }
      if (fresh.length > 0) await tx.telegramUpdate.createMany({ data: fresh });
    });
  }

  /** Updates stored and not handled (a crash came first), oldest first. */
  async pending(): Promise<RawUpdate[]> {
    const rows = await this.db.telegramUpdate.findMany({ where: { handledAt: null, payload: { not: null } }, orderBy: { updateId: 'asc' } });
    return rows.map((r) => JSON.parse(r.payload!) as RawUpdate);
  }

  /**
   * Handles update `updateId` once: in one write transaction, skips it if it
   * was handled already, else runs `handle` (whose writes join this
   * transaction), queues the replies it returns and marks the update
   * handled. Returns false for an update already handled.
   */
  async handleOnce(id: number, chatId: string | null, now: Date, handle: () => Promise<OutboxDraft[]>): Promise<boolean> {
    const updateId = BigInt(id);
    const stale = new Date(now.getTime() - REDELIVERY_WINDOW_MS);
    return writeTransaction(this.db, async (tx) => {
      // Marked handled first, in this transaction (kept only if the handler
      // succeeds); an update handled within the window is not marked again.
      if (!(await markHandled(tx, updateId, chatId, now, stale))) return false;
      const replies = await handle();
      await enqueue(tx, replies, now);
      return true;
    });
  }

  /** Forgets updates older than the redelivery window. */
  async prune(now: Date): Promise<number> {
    const before = new Date(now.getTime() - REDELIVERY_WINDOW_MS);
    const r = await writeTransaction(this.db, (tx) => tx.telegramUpdate.deleteMany({ where: { receivedAt: { lt: before }, NOT: { handledAt: null } } }));
    return r.count;
  }
}

/**
 * Marks update `updateId` handled, in `tx`: a new id inserted, an unhandled
 * row marked, an old row whose id came round again taken afresh. False if it
 * was handled within the window (nothing written).
 */
async function markHandled(tx: Tx, updateId: bigint, chatId: string | null, now: Date, stale: Date): Promise<boolean> {
  if (providerOf(tx) === 'sqlite') {
    // One statement for every case.
    const marked = await sqliteExecute(tx, 
      `INSERT INTO "TelegramUpdate" ("updateId", "chatId", "payload", "receivedAt", "handledAt") VALUES (?, ?, NULL, ?, ?)
       ON CONFLICT ("updateId") DO UPDATE SET "chatId" = excluded."chatId", "payload" = NULL, "handledAt" = excluded."handledAt",
         "receivedAt" = CASE WHEN "TelegramUpdate"."receivedAt" < ? THEN excluded."receivedAt" ELSE "TelegramUpdate"."receivedAt" END
       WHERE "TelegramUpdate"."handledAt" IS NULL OR "TelegramUpdate"."receivedAt" < ?`,
      Number(updateId), // a safe integer: Telegram ids use 52 bits
      chatId,
      sqliteTimestamp(now),
      sqliteTimestamp(now),
      sqliteTimestamp(stale),
      sqliteTimestamp(stale),
    );
    return marked > 0;
  }
  const data = { chatId, payload: null, handledAt: now };
  // The usual case, an update stored on receipt and not handled yet: one UPDATE.
  const marked = await tx.telegramUpdate.updateMany({ where: { updateId, handledAt: null, receivedAt: { gte: stale } }, data });
  if (marked.count > 0) return true;
  const row = await tx.telegramUpdate.findFirst({ where: { updateId }, select: { receivedAt: true, handledAt: true } });
  if (row?.handledAt && row.receivedAt.getTime() >= stale.getTime()) return false;
  // Not stored (a webhook update), or an old row whose id came round again.
  await tx.telegramUpdate.upsert({ where: { updateId }, create: { updateId, receivedAt: now, ...data }, update: { receivedAt: now, ...data } });
  return true;
}
