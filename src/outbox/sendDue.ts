/**
 * Sending the outbox: each due message is claimed (src/db/outboxStore.ts)
 * before it is sent, its send recorded as begun, then marked sent; a failure
 * is retried later with a growing delay. A crash between sending and marking
 * leaves the claim to expire (or to be taken back once the process is known
 * dead), and the message is sent again: twice at most, since a message whose
 * sends were interrupted twice is not sent a third time (it is kept, marked
 * with why, for staff to see). Without a crash, once.
 *
 * One recipient's messages go out one after the other, in the order they
 * were queued; different recipients' at the same time (`concurrency`).
 */
import type { App } from '../app.js';
import { PrismaOutboxStore, type OutboxMessage } from '../db/outboxStore.js';
import { PROCESS_HOLDER } from '../db/lease.js';
import { fill, unseal } from './seal.js';

/** This process, as its claims name it: the holder of its leases (src/db/lease.ts). */
export const PROCESS_ID = PROCESS_HOLDER;

/** Delay before the next try of a message that failed `attempts` times: 10 s, 20 s, 40 s… up to an hour. */
export function retryDelayMs(attempts: number): number {
  return Math.min(10_000 * 2 ** Math.max(0, attempts - 1), 3_600_000);
}

/** After this many failures a message is given up (kept, with its last error, for staff to see). */
export const MAX_ATTEMPTS = 12;

/**
 * How long a claim holds: far longer than one send can take (SMTP gives up
 * after 30 s, the Bot API client retries a 429 at most 3 times 30 s), so a
 * live sender never loses its claim to another.
 */
export const CLAIM_LEASE_MS = 5 * 60_000;

export type SendFn = (recipient: string, body: string, subject: string | null, payload: string | null, message: OutboxMessage) => Promise<void>;

export interface SendOptions {
  /** Recipients served at the same time (default 1: strictly one message after another). */
  concurrency?: number;
  /** Messages claimed at once (default 20). */
  limit?: number;
  holder?: string;
  leaseMs?: number;
  log?: (line: string) => void;
  /**
   * Send everything claimed at once: the oldest due message of each of up to
   * `limit` recipients, its send recorded as begun in the claim itself, all
   * marked sent in one transaction (Telegram: many chats, one message each).
   */
  parallel?: boolean;
  /** Parallel mode: told when a pass left other messages due (the caller then makes another pass at once). */
  onMore?: () => void;
}

const IN_DOUBT = 'envoi interrompu deux fois : peut-être déjà reçu deux fois, pas renvoyé';

/** Sends the due messages of one channel with `send`; returns how many went out. */
export async function sendDue(app: App, channel: string, now: Date, send: SendFn, o: SendOptions = {}): Promise<number> {
  const store = new PrismaOutboxStore(app.db);
  if (o.parallel) return sendHeads(app, store, channel, now, send, o);
  const { token, messages } = await store.claimDue(channel, now, {
    holder: o.holder ?? PROCESS_ID,
    leaseMs: o.leaseMs ?? CLAIM_LEASE_MS,
    limit: o.limit ?? 20,
    maxAttempts: MAX_ATTEMPTS,
  });
  if (messages.length === 0) return 0;
  const byRecipient = new Map<string, OutboxMessage[]>();
  for (const m of messages) byRecipient.set(m.recipient, [...(byRecipient.get(m.recipient) ?? []), m]);
  const queues = [...byRecipient.values()];
  let sent = 0;

  const sendQueue = async (queue: OutboxMessage[]) => {
    for (let i = 0; i < queue.length; i++) {
      const m = queue[i]!;
      // Sends begun and never finished (the process died in between) may have
      // gone out: after two of them, a third could make three copies.
      if (m.tries - m.attempts >= 2) {
        await store.giveUpInDoubt(m.id, token, now, IN_DOUBT);
        o.log?.(`outbox ${m.id} : two interrupted sends, not sent a third time`);
        continue;
      }
      if (!(await store.beginSend(m.id, token))) return;
      try {
        const body = m.sealed ? fill(m.body, unseal(app.secret, m.sealed)) : m.body;
        await send(m.recipient, body, m.subject, m.payload, m);
      } catch (error) {
        const attempts = m.attempts + 1;
        await store.markFailed(m.id, token, String(error instanceof Error ? error.message : error), new Date(now.getTime() + retryDelayMs(attempts)));
        // The recipient's later messages wait for this one, to keep their order.
        await store.release(queue.slice(i + 1).map((x) => x.id), token);
        return;
      }
      if (await store.markSent(m.id, token, now)) sent++;
      else o.log?.(`outbox ${m.id} : sent, but its claim had been taken over (lease too short?)`);
    }
  };

  const width = Math.max(1, o.concurrency ?? 1);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(width, queues.length) }, async () => {
      while (next < queues.length) await sendQueue(queues[next++]!);
    }),
  );
  return sent;
}

/** The parallel mode (SendOptions.parallel). */
async function sendHeads(app: App, store: PrismaOutboxStore, channel: string, now: Date, send: SendFn, o: SendOptions): Promise<number> {
  const { token, messages, givenUp, more } = await store.claimHeads(channel, now, {
    holder: o.holder ?? PROCESS_ID,
    leaseMs: o.leaseMs ?? CLAIM_LEASE_MS,
    limit: o.limit ?? 100,
    maxAttempts: MAX_ATTEMPTS,
    whyInDoubt: IN_DOUBT,
  });
  if (more) o.onMore?.();
  if (givenUp > 0) o.log?.(`outbox : ${givenUp} message(s) with two interrupted sends, not sent a third time`);
  const results = await Promise.allSettled(
    messages.map(async (m) => {
      const body = m.sealed ? fill(m.body, unseal(app.secret, m.sealed)) : m.body;
      await send(m.recipient, body, m.subject, m.payload, m);
    }),
  );
  const sentIds: number[] = [];
  for (const [i, r] of results.entries()) {
    const m = messages[i]!;
    if (r.status === 'fulfilled') sentIds.push(m.id);
    else await store.markFailed(m.id, token, String(r.reason instanceof Error ? r.reason.message : r.reason), new Date(now.getTime() + retryDelayMs(m.attempts + 1)));
  }
  const marked = await store.markSentMany(sentIds, token, now);
  if (marked < sentIds.length) o.log?.(`outbox : ${sentIds.length - marked} message(s) sent after their claim was taken over (lease too short?)`);
  // Given-up messages count as progress, so the caller's loop goes on.
  return marked + givenUp;
}
