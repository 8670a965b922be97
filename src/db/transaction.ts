/**
 * One write transaction at a time, and nested ones joined: a channel can
 * wrap the handling of a whole message (its booking changes, the reply in
 * the outbox, the message marked as taken) in one transaction, while each
 * store still opens its own when called alone.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Db } from './database.js';
import type { Prisma } from '../generated/prisma/client.js';

export type Tx = Prisma.TransactionClient;

const ambient = new AsyncLocalStorage<Tx>();

/**
 * Takes SQLite's write lock first thing, so two writers (even in two
 * processes) never interleave a read of the counts with a write: the second
 * waits (busy timeout) until the first commits.
 */
async function takeWriteLock(tx: Tx): Promise<void> {
  await tx.$executeRawUnsafe(`INSERT OR REPLACE INTO "Setting" ("key", "value") VALUES ('write-lock', '')`);
}

/** Runs `fn` in the current write transaction, or in a new one (write lock taken first). */
export function writeTransaction<T>(db: Db, fn: (tx: Tx) => Promise<T>): Promise<T> {
  const current = ambient.getStore();
  if (current) return fn(current);
  return db.$transaction(
    async (tx) => {
      await takeWriteLock(tx);
      return ambient.run(tx, () => fn(tx));
    },
    { maxWait: 30_000, timeout: 120_000 },
  );
}
