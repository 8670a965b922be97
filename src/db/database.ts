/**
 * Opens the database a DATABASE_URL names: applies pending migrations, then
 * returns a Prisma client on a driver adapter (no engine binary):
 * better-sqlite3 for `file:PATH`, pg for `postgresql://…`. Both clients are
 * generated from the same models (see src/db/README.md), so the stores use
 * one type, `Db`, and ask `providerOf(db)` where their SQL differs.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '../generated/prisma/client.js';
import { PrismaClient as PrismaPgClient } from '../generated/prisma-pg/client.js';
import { applyMigrations, applyPostgresMigrations } from './migrate.js';
import { providerOf as urlProvider, redactUrl, type Provider } from './provider.js';
import { withKeptStatements } from './statementCache.js';
import { transactionAware } from './transaction.js';

export type Db = PrismaClient;
export type { Provider };

/** The file a `file:PATH` URL names, resolved against the working directory. */
export function sqlitePath(databaseUrl: string): string {
  if (!databaseUrl.startsWith('file:')) {
    throw new Error(`DATABASE_URL must be file:PATH for SQLite (got ${databaseUrl})`);
  }
  const p = databaseUrl.slice('file:'.length).replace(/^\/\/(?=\/)/, '');
  if (!p) throw new Error('DATABASE_URL names no file');
  return path.resolve(p);
}

/**
 * The database holds families' data: its folder, when created here, is the
 * owner's only (0700), and the file is created 0600 (SQLite gives its -wal
 * and -shm files the same mode). An existing file readable by others is
 * tightened to 0600.
 */
function createPrivately(file: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  // Only when missing: closing any descriptor of the file drops every POSIX lock this process holds on
  // it, SQLite's included, when this process already has it open (the dashboard's sandbox connection).
  // Another process's SQLite then believed itself alone, deleted the -wal the server was writing
  // to, and all the server wrote after it was lost at the next restart.
  if (!fs.existsSync(file)) fs.closeSync(fs.openSync(file, 'a', 0o600));
  const mode = fs.statSync(file).mode & 0o777;
  if (mode & 0o077) fs.chmodSync(file, mode & 0o700);
}

/** SQLite page cache, in KiB (256 MB). */
const CACHE_KIB = 262_144;

/** Busy timeout: how long a writer waits for another process's write to finish. */
const BUSY_TIMEOUT_MS = 10_000;

const providers = new WeakMap<object, Provider>();

/** SQLite clients' one connection, kept by statementCache.ts. */
const connections = new WeakMap<object, Database.Database>();

/** The SQLite connection under client `db`, when known (see sqliteExecute in transaction.ts). */
export function sqliteConnection(db: object): Database.Database | undefined {
  return connections.get(db);
}

/** The provider of a client opened by openDatabase (SQLite for any other). */
export function providerOf(db: object): Provider {
  return providers.get(db) ?? 'sqlite';
}

/** A transaction client speaks its database's SQL: writeTransaction marks it. */
export function markProvider(client: object, provider: Provider): void {
  providers.set(client, provider);
}

export interface OpenedDatabase {
  prisma: Db;
  provider: Provider;
  /** The URL it was opened with. */
  url: string;
  /** For people: the SQLite file, or the PostgreSQL URL without its password. */
  file: string;
  /** Migrations applied by this opening. */
  migrated: string[];
  close(): Promise<void>;
}

/** Creates the file if needed (SQLite), migrates the database, and connects Prisma to it. */
export async function openDatabase(databaseUrl: string): Promise<OpenedDatabase> {
  return urlProvider(databaseUrl) === 'postgresql' ? openPostgres(databaseUrl) : openSqlite(databaseUrl);
}

async function openSqlite(databaseUrl: string): Promise<OpenedDatabase> {
  const file = sqlitePath(databaseUrl);
  createPrivately(file);
  const raw = new Database(file, { timeout: BUSY_TIMEOUT_MS });
  let migrated: string[];
  try {
    raw.pragma('journal_mode = WAL');
    raw.pragma('synchronous = NORMAL');
    migrated = applyMigrations(raw);
  } finally {
    raw.close();
  }
  // Compiled statements are kept: each message runs the same few (statementCache.ts).
  let connection: Database.Database | undefined;
  const adapter = withKeptStatements(new PrismaBetterSqlite3({ url: `file:${file}`, timeout: BUSY_TIMEOUT_MS }), (c) => (connection = c));
  const prisma = transactionAware(new PrismaClient({ adapter }));
  await prisma.$connect();
  // WAL makes NORMAL durable enough (a power cut may lose the last commit,
  // never corrupt). The page cache (taken only as pages are read) holds a
  // city's working set: its children, families and guardians, the weeks of
  // bookings staff look at and their index (a city's whole file is about
  // 1 GB with 2.8 million bookings and 2 million audit events).
  await prisma.$executeRawUnsafe('PRAGMA synchronous = NORMAL');
  await prisma.$executeRawUnsafe(`PRAGMA cache_size = -${CACHE_KIB}`);
  providers.set(prisma, 'sqlite');
  if (connection) connections.set(prisma, connection);
  return { prisma, provider: 'sqlite', url: `file:${file}`, file, migrated, close: () => prisma.$disconnect() };
}

async function openPostgres(databaseUrl: string): Promise<OpenedDatabase> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  let migrated: string[];
  try {
    migrated = await applyPostgresMigrations(client);
  } finally {
    await client.end();
  }
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });
  // The two generated clients have the same models and API; only their
  // query compiler (SQL dialect) differs.
  const prisma = transactionAware(new PrismaPgClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) }) as unknown as Db);
  await prisma.$connect();
  providers.set(prisma, 'postgresql');
  return { prisma, provider: 'postgresql', url: databaseUrl, file: redactUrl(databaseUrl), migrated, close: () => prisma.$disconnect() };
}
