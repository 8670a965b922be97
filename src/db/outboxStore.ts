/**
 * The outbox on Prisma: messages queued in the transaction that decided
 * them, then claimed by one sender at a time before being sent.
 *
 * A claim is one UPDATE … WHERE the row is unsent and unclaimed (or its
 * claim expired, or its holder is known dead): atomic on SQLite and on
 * PostgreSQL (the WHERE is checked again under the row lock), so two
 * senders, in one process or in several, never both get a row. The claim
 * names its holder (a process, see lease.ts) and lasts `claimedUntil`.
 */
import { randomBytes } from 'node:crypto';
import { sqliteTimestamp } from './audit.js';
import { providerOf, type Db } from './database.js';
import { sqliteExecute, writeTransaction, type Tx } from './transaction.js';

/** A message to queue. */
export interface OutboxDraft {
  channel: 'email' | 'telegram';
  recipient: string;
  body: string;
  subject?: string | null;
  /** Channel-specific JSON (HTML part, headers, buttons, the message to edit). */
  payload?: Record<string, unknown> | null;
  kind: string;
  guardianId?: number | null;
  /** Sealed secret (see src/outbox/seal.ts), cleared once sent. */
  sealed?: string | null;
}

/** A claimed message. */
export interface OutboxMessage {
  id: number;
  channel: string;
  recipient: string;
  subject: string | null;
  body: string;
  payload: string | null;
  kind: string | null;
  guardianId: number | null;
  attempts: number;
  /** Sends begun; `tries - attempts` never finished (crashes): they may have gone out. */
  tries: number;
  sealed: string | null;
}

/** Queues messages in `tx` (the transaction that decided them) or in one of their own. */
export async function enqueue(db: Db | Tx, drafts: readonly OutboxDraft[], now: Date): Promise<void> {
  if (drafts.length === 0) return;
  const data = drafts.map((d) => ({
    channel: d.channel,
    recipient: d.recipient,
    subject: d.subject ?? null,
    body: d.body,
    payload: d.payload ? JSON.stringify({ kind: d.kind, ...d.payload }) : JSON.stringify({ kind: d.kind }),
    kind: d.kind,
    guardianId: d.guardianId ?? null,
    sealed: d.sealed ?? null,
    createdAt: now,
    nextAttemptAt: now,
  }));
  // createMany keeps the order of ids (one chat's messages go out in that order).
  if ('$transaction' in db) await writeTransaction(db as Db, (tx) => insertOutbox(tx, data));
  else await insertOutbox(db as Tx, data);
}

type OutboxRow = { channel: string; recipient: string; subject: string | null; body: string; payload: string; kind: string; guardianId: number | null; sealed: string | null; createdAt: Date; nextAttemptAt: Date };

/**
 * On SQLite the rows travel as one JSON argument that SQLite unpacks, in
 * order (Prisma's createMany costs several times the insert: every reply
 * passes here).
 */
async function insertOutbox(tx: Tx, data: OutboxRow[]): Promise<void> {
  if (providerOf(tx) === 'postgresql') {
    await tx.outbox.createMany({ data });
    return;
  }
  const rows = data.map((d) => [d.channel, d.recipient, d.subject, d.body, d.payload, d.kind, d.guardianId, d.sealed, sqliteTimestamp(d.createdAt), sqliteTimestamp(d.nextAttemptAt)]);
  await sqliteExecute(tx, 
    `INSERT INTO "Outbox" ("channel", "recipient", "subject", "body", "payload", "kind", "guardianId", "sealed", "createdAt", "nextAttemptAt")
     SELECT value->>0, value->>1, value->>2, value->>3, value->>4, value->>5, value->>6, value->>7, value->>8, value->>9 FROM json_each(?) ORDER BY key`,
    JSON.stringify(rows),
  );
}

/** How a sender claims: who it is, for how long, and which holders are known to be gone. */
export interface ClaimOptions {
  /** The claiming process (lease.ts `PROCESS_HOLDER`). */
  holder: string;
  leaseMs: number;
  limit: number;
  maxAttempts: number;
  /** Holders whose claims may be taken at once (their process died). */
  deadHolders?: readonly string[];
}

const claimable = (now: Date, dead: readonly string[]) => ({
  OR: [{ claimedUntil: null }, { claimedUntil: { lt: now } }, ...dead.map((h) => ({ claimToken: { startsWith: `${h}/` } }))],
});

export class PrismaOutboxStore {
  constructor(private readonly db: Db) {}

  /** Claims up to `limit` due messages of `channel`, oldest first; returns those this claim got. */
  async claimDue(channel: string, now: Date, o: ClaimOptions): Promise<{ token: string; messages: OutboxMessage[] }> {
    const token = `${o.holder}/${randomBytes(6).toString('base64url')}`;
    const dead = o.deadHolders ?? [];
    const due = { channel, sentAt: null, nextAttemptAt: { lte: now }, attempts: { lt: o.maxAttempts } };
    const candidates = await this.db.outbox.findMany({ where: { ...due, ...claimable(now, dead) }, orderBy: { id: 'asc' }, take: o.limit, select: { id: true } });
    if (candidates.length === 0) return { token, messages: [] };
    const ids = candidates.map((c) => c.id);
    const claimedUntil = new Date(now.getTime() + o.leaseMs);
    await writeTransaction(this.db, (tx) => tx.outbox.updateMany({ where: { id: { in: ids }, ...due, ...claimable(now, dead) }, data: { claimToken: token, claimedUntil } }));
    const messages = await this.db.outbox.findMany({
      where: { id: { in: ids }, claimToken: token },
      orderBy: { id: 'asc' },
      select: { id: true, channel: true, recipient: true, subject: true, body: true, payload: true, kind: true, guardianId: true, attempts: true, tries: true, sealed: true },
    });
    return { token, messages };
  }

  /**
   * For senders that send all they claim at once: claims the oldest due
   * message of each recipient (up to `limit` recipients) and records its send
   * as begun in the same UPDATE. Messages whose sends were interrupted twice
   * are given up instead (see giveUpInDoubt), in the same transaction.
   * `more`: other messages were due besides those claimed (a recipient's
   * next ones, or more recipients than `limit`).
   *
   * The due messages are read inside the write transaction, so what it
   * claims is what it read: no second read of the claimed rows.
   */
  async claimHeads(channel: string, now: Date, o: ClaimOptions & { whyInDoubt: string }): Promise<{ token: string; messages: OutboxMessage[]; givenUp: number; more: boolean }> {
    const token = `${o.holder}/${randomBytes(6).toString('base64url')}`;
    const dead = o.deadHolders ?? [];
    const due = { channel, sentAt: null, nextAttemptAt: { lte: now }, attempts: { lt: o.maxAttempts } };
    const select = { id: true, channel: true, recipient: true, subject: true, body: true, payload: true, kind: true, guardianId: true, attempts: true, tries: true, sealed: true } as const;
    // Nothing due (most passes of the timer): no write transaction.
    if (!(await this.db.outbox.findFirst({ where: { ...due, ...claimable(now, dead) }, select: { id: true } }))) return { token, messages: [], givenUp: 0, more: false };
    return writeTransaction(this.db, async (tx) => {
      const candidates = await tx.outbox.findMany({ where: { ...due, ...claimable(now, dead) }, orderBy: { id: 'asc' }, take: o.limit * 4, select });
      const heads = new Map<string, (typeof candidates)[number]>();
      for (const c of candidates) if (!heads.has(c.recipient) && heads.size < o.limit) heads.set(c.recipient, c);
      const more = candidates.length > heads.size;
      if (heads.size === 0) return { token, messages: [], givenUp: 0, more: false };
      const inDoubt = [...heads.values()].filter((c) => c.tries - c.attempts >= 2).map((c) => c.id);
      const claim = [...heads.values()].filter((c) => c.tries - c.attempts < 2);
      const ids = claim.map((c) => c.id);
      const claimedUntil = new Date(now.getTime() + o.leaseMs);
      const g = inDoubt.length
        ? await tx.outbox.updateMany({ where: { id: { in: inDoubt }, ...due, ...claimable(now, dead) }, data: { sentAt: now, lastError: o.whyInDoubt, claimToken: null, claimedUntil: null, sealed: null } })
        : { count: 0 };
      const claimed = ids.length ? await tx.outbox.updateMany({ where: { id: { in: ids }, ...due, ...claimable(now, dead) }, data: { claimToken: token, claimedUntil, tries: { increment: 1 } } }) : { count: 0 };
      // Under the write lock every row read is claimed; were one not, the claim's own rows are read back.
      const messages =
        claimed.count === ids.length
          ? claim.map((c) => ({ ...c, tries: c.tries + 1 }))
          : await tx.outbox.findMany({ where: { id: { in: ids }, claimToken: token }, orderBy: { id: 'asc' }, select });
      return { token, messages, givenUp: g.count, more };
    });
  }

  /** Records messages as sent, in one transaction; returns how many this claim still held. */
  async markSentMany(ids: readonly number[], token: string, now: Date): Promise<number> {
    if (ids.length === 0) return 0;
    const r = await writeTransaction(this.db, (tx) =>
      tx.outbox.updateMany({ where: { id: { in: [...ids] }, claimToken: token }, data: { sentAt: now, attempts: { increment: 1 }, lastError: null, claimToken: null, claimedUntil: null, sealed: null } }),
    );
    return r.count;
  }

  /** Records that sending `id` begins (committed before the send): false if the claim was lost. */
  async beginSend(id: number, token: string): Promise<boolean> {
    const r = await writeTransaction(this.db, (tx) => tx.outbox.updateMany({ where: { id, claimToken: token }, data: { tries: { increment: 1 } } }));
    return r.count === 1;
  }

  /**
   * Gives up a message whose sends were interrupted twice (it may have gone
   * out twice already): recorded as sent, with why, never sent a third time.
   */
  async giveUpInDoubt(id: number, token: string, now: Date, why: string): Promise<void> {
    await writeTransaction(this.db, (tx) =>
      tx.outbox.updateMany({ where: { id, claimToken: token }, data: { sentAt: now, lastError: why, claimToken: null, claimedUntil: null, sealed: null } }),
    );
  }

  /** Records a message as sent (and forgets its sealed secret); false if the claim was lost meanwhile. */
  async markSent(id: number, token: string, now: Date): Promise<boolean> {
    const r = await writeTransaction(this.db, (tx) =>
      tx.outbox.updateMany({ where: { id, claimToken: token }, data: { sentAt: now, attempts: { increment: 1 }, lastError: null, claimToken: null, claimedUntil: null, sealed: null } }),
    );
    return r.count === 1;
  }

  /** Records a failure: tried again at `retryAt`. */
  async markFailed(id: number, token: string, error: string, retryAt: Date): Promise<void> {
    await writeTransaction(this.db, (tx) =>
      tx.outbox.updateMany({ where: { id, claimToken: token }, data: { attempts: { increment: 1 }, lastError: error.slice(0, 500), nextAttemptAt: retryAt, claimToken: null, claimedUntil: null } }),
    );
  }

  /** Gives back claimed messages that were not tried (they keep their place). */
  async release(ids: readonly number[], token: string): Promise<void> {
    if (ids.length === 0) return;
    await writeTransaction(this.db, (tx) => tx.outbox.updateMany({ where: { id: { in: [...ids] }, claimToken: token }, data: { claimToken: null, claimedUntil: null } }));
  }

  /** Frees the claims of holders known to be gone (a process that was killed). */
  async releaseHolders(holders: readonly string[]): Promise<number> {
    if (holders.length === 0) return 0;
    const r = await writeTransaction(this.db, (tx) =>
      tx.outbox.updateMany({ where: { sentAt: null, OR: holders.map((h) => ({ claimToken: { startsWith: `${h}/` } })) }, data: { claimToken: null, claimedUntil: null } }),
    );
    return r.count;
  }

  /** Unsent messages of a kind (e.g. welcome emails still waiting). */
  countWaiting(channel: string, kind: string, guardianIds?: readonly number[]): Promise<number> {
    return this.db.outbox.count({ where: { channel, kind, sentAt: null, ...(guardianIds ? { guardianId: { in: [...guardianIds] } } : {}) } });
  }
}

/** Random part of a token. */
export const randomToken = (bytes = 6) => randomBytes(bytes).toString('base64url');
