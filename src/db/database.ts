/**
 * Opens the SQLite database: applies pending migrations, then returns a
 * Prisma client on the better-sqlite3 driver adapter (no engine binary).
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaClient } from '../generated/prisma/client.js';
import { applyMigrations } from './migrate.js';

export type Db = PrismaClient;

/** The file a `file:PATH` URL names, resolved against the working directory. */
export function sqlitePath(databaseUrl: string): string {
  if (!databaseUrl.startsWith('file:')) {
    throw new Error(`DATABASE_URL must be file:PATH for SQLite (got ${databaseUrl})`);
  }
  const p = databaseUrl.slice('file:'.length).replace(/^\/\/(?=\/)/, '');
  if (!p) throw new Error('DATABASE_URL names no file');
  return path.resolve(p);
}

/** Busy timeout: how long a writer waits for another process's write to finish. */
const BUSY_TIMEOUT_MS = 10_000;

export interface OpenedDatabase {
  prisma: Db;
  file: string;
  /** Migrations applied by this opening. */
  migrated: string[];
  close(): Promise<void>;
}

/** Creates the file if needed, migrates it, and connects Prisma to it. */
export async function openDatabase(databaseUrl: string): Promise<OpenedDatabase> {
  const file = sqlitePath(databaseUrl);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const raw = new Database(file, { timeout: BUSY_TIMEOUT_MS });
  let migrated: string[];
  try {
    raw.pragma('journal_mode = WAL');
    raw.pragma('synchronous = NORMAL');
    migrated = applyMigrations(raw);
  } finally {
    raw.close();
  }
  const prisma = new PrismaClient({ adapter: new PrismaBetterSqlite3({ url: `file:${file}`, timeout: BUSY_TIMEOUT_MS }) });
  await prisma.$connect();
  // WAL makes NORMAL durable enough (a power cut may lose the last commit,
  // never corrupt); 32 MB of page cache holds a town's whole year of bookings.
  await prisma.$executeRawUnsafe('PRAGMA synchronous = NORMAL');
  await prisma.$executeRawUnsafe('PRAGMA cache_size = -32000');
  return {
    prisma,
    file,
    migrated,
    close: () => prisma.$disconnect(),
  };
}
