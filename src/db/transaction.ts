/**
 * One write transaction at a time, and nested ones joined: a channel can
 * wrap the handling of a whole message (its booking changes, the reply in
 * the outbox, the message marked as taken) in one transaction, while each
 * store still opens its own when called alone.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { markProvider, providerOf, sqliteConnection, type Db } from './database.js';
import type { Prisma } from '../generated/prisma/client.js';

export type Tx = Prisma.TransactionClient;

const ambient = new AsyncLocalStorage<{ tx: Tx; owner: object }>();

/** Client members that stay the client's own; every other one is read from the current transaction. */
const OWN = new Set<PropertyKey>(['$transaction', '$connect', '$disconnect', '$on', '$extends', '$use', 'then']);

/**
 * The client, made to run its queries in the current write transaction of
 * this client when there is one: a store that reads through `db` inside a
 * channel's transaction sees that transaction's own writes. SQLite (one
 * connection) always did; on PostgreSQL `db` is a pool, whose other
 * connections see only what is committed. openDatabase wraps every client.
 */
export function transactionAware<T extends object>(db: T): T {
  const proxy: T = new Proxy(db, {
    get(target, prop) {
      const current = ambient.getStore();
      const source = current && current.owner === proxy && !OWN.has(prop) ? (current.tx as object) : target;
      const value = Reflect.get(source, prop, source);
      return typeof value === 'function' ? value.bind(source) : value;
    },
  });
  return proxy;
}

/** pg_advisory_xact_lock key of the write lock on PostgreSQL ("portail"). */
export const WRITE_LOCK_KEY = 7_061_727_400;

/**
 * Takes the database's write lock first thing, so two writers (even in two
 * processes) never interleave a read of the counts with a write: the second
 * waits until the first commits. On SQLite, any write takes the file's
 * write lock (busy timeout); on PostgreSQL, a transaction-scoped advisory
 * lock that every write transaction takes, released at commit or rollback,
 * after which the next writer's reads (read committed) see what was
 * committed.
 */
async function takeWriteLock(tx: Tx, db: Db): Promise<void> {
  if (providerOf(db) === 'postgresql') {
    await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${WRITE_LOCK_KEY})`);
  } else {
    await sqliteExecute(tx, `INSERT OR REPLACE INTO "Setting" ("key", "value") VALUES ('write-lock', '')`);
  }
}

/** Runs `fn` in the current write transaction, or in a new one (write lock taken first). */
export function writeTransaction<T>(db: Db, fn: (tx: Tx) => Promise<T>): Promise<T> {
  const current = ambient.getStore();
  if (current) return fn(current.tx);
  return db.$transaction(
    async (tx) => {
      markProvider(tx, providerOf(db));
      return ambient.run({ tx, owner: db }, async () => {
        await takeWriteLock(tx, db);
        return fn(tx);
      });
    },
    { maxWait: 30_000, timeout: 120_000 },
  );
}

/**
 * SQLite: the connection itself, when `client` is the current write
 * transaction (or the client it runs on): that transaction holds SQLite's
 * one connection from BEGIN to COMMIT, so a statement run on it directly is
 * part of the transaction, as through Prisma, at a tenth of the cost.
 */
function ownConnection(client: object) {
  const current = ambient.getStore();
  if (!current || (client !== current.tx && client !== current.owner)) return undefined;
  return sqliteConnection(current.owner);
}

/**
 * Runs a raw SQLite statement of the stores (`$executeRawUnsafe`): directly
 * on the connection inside a write transaction, through Prisma otherwise.
 * Arguments are strings, numbers or null. Returns the rows changed.
 */
export async function sqliteExecute(client: Tx | Db, sql: string, ...args: (string | number | null)[]): Promise<number> {
  const connection = ownConnection(client);
  if (connection) return connection.prepare(sql).run(...args).changes;
  return client.$executeRawUnsafe(sql, ...args);
}

/** A raw SQLite query of the stores (`$queryRawUnsafe`), likewise; its columns should be text (JSON): integers would come back as BigInt directly. */
export async function sqliteQuery<T>(client: Tx | Db, sql: string, ...args: (string | number | null)[]): Promise<T[]> {
  const connection = ownConnection(client);
  if (connection) return connection.prepare(sql).all(...args) as T[];
  return client.$queryRawUnsafe<T[]>(sql, ...args);
}
