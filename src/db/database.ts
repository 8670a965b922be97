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

/**
 * The database holds families' data: its folder, when created here, is the
 * owner's only (0700), and the file is created 0600 (SQLite gives its -wal
 * and -shm files the same mode). An existing file readable by others is
 * tightened to 0600.
 */
function createPrivately(file: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  fs.closeSync(fs.openSync(file, 'a', 0o600));
  const mode = fs.statSync(file).mode & 0o777;
  if (mode & 0o077) fs.chmodSync(file, mode & 0o700);
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
