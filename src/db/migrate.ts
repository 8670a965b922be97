/**
 * Applies the SQL migrations of prisma/migrations to a SQLite database (and
 * those of prisma/postgresql/migrations to a PostgreSQL one), in order, each
 * once, and records them in `_prisma_migrations` exactly as
 * `prisma migrate deploy` does (same table, same checksum), so either tool
 * can take over from the other. Runs at every start and before every admin
 * command; applying nothing costs one query.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import type pg from 'pg';
import { PRISMA_FILES } from './provider.js';

/** Where the project's migrations live (SQLite). */
export const MIGRATIONS_DIR = PRISMA_FILES.sqlite.migrations;
/** Where the PostgreSQL migrations live. */
export const POSTGRES_MIGRATIONS_DIR = PRISMA_FILES.postgresql.migrations;

const CREATE_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    TEXT PRIMARY KEY NOT NULL,
    "checksum"              TEXT NOT NULL,
    "finished_at"           DATETIME,
    "migration_name"        TEXT NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        DATETIME,
    "started_at"            DATETIME NOT NULL DEFAULT current_timestamp,
    "applied_steps_count"   INTEGER UNSIGNED NOT NULL DEFAULT 0
)`;

// Prisma's own definition on PostgreSQL (schema engine, sql-migration-connector).
const CREATE_TABLE_PG = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

/** pg_advisory_lock key that one migrating process holds at a time ("portail" + 1). */
const MIGRATION_LOCK_KEY = 7_061_727_401;

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

/** The migrations of `dir`, sorted by name (their timestamp prefix). */
export function readMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(dir, d.name, 'migration.sql')))
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const sql = fs.readFileSync(path.join(dir, name, 'migration.sql'), 'utf8');
      return { name, sql, checksum: crypto.createHash('sha256').update(sql).digest('hex') };
    });
}

export class MigrationError extends Error {
  constructor(
    message: string,
    readonly migration: string,
  ) {
    super(message);
    this.name = 'MigrationError';
  }
}

/**
 * Applies the pending migrations of `dir` to `db`; returns the names applied.
 * Refuses to start on a database whose history has a failed migration or a
 * migration edited after it was applied.
 */
export function applyMigrations(db: Database.Database, dir = MIGRATIONS_DIR): string[] {
  db.exec(CREATE_TABLE);
  const migrations = readMigrations(dir);
  const applied = appliedRows(
      db.prepare('SELECT migration_name, checksum, finished_at, rolled_back_at FROM _prisma_migrations').all() as AppliedRow[],
  );
  const done: string[] = [];
  for (const m of pending(migrations, applied)) {
    const apply = db.transaction(() => {
      // Another process may have applied it while we waited for the write lock.
      const again = db.prepare('SELECT 1 FROM _prisma_migrations WHERE migration_name = ? AND rolled_back_at IS NULL').get(m.name);
      if (again) return false;
      const startedAt = new Date().toISOString();
      db.exec(m.sql);
      db.prepare(
        `INSERT INTO _prisma_migrations (id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count)
         VALUES (?, ?, ?, ?, NULL, NULL, ?, 1)`,
      ).run(crypto.randomUUID(), m.checksum, new Date().toISOString(), m.name, startedAt);
      return true;
    });
    if (apply.immediate()) done.push(m.name);
  }
  return done;
}

interface AppliedRow {
  migration_name: string;
  checksum: string;
  finished_at: string | Date | null;
  rolled_back_at: string | Date | null;
}

function appliedRows(rows: AppliedRow[]): Map<string, AppliedRow> {
  return new Map(rows.filter((r) => r.rolled_back_at === null).map((r) => [r.migration_name, r]));
}

/** The migrations still to apply; throws on a failed or edited one. */
function pending(migrations: Migration[], applied: Map<string, AppliedRow>): Migration[] {
  return migrations.filter((m) => {
    const row = applied.get(m.name);
    if (!row) return true;
    if (row.finished_at === null) {
      throw new MigrationError(`migration ${m.name} failed earlier and must be resolved by hand`, m.name);
    }
    if (row.checksum !== m.checksum) {
      throw new MigrationError(`migration ${m.name} was changed after it was applied`, m.name);
    }
    return false;
  });
}

/**
 * The same on PostgreSQL, through a pg client: each migration in its own
 * transaction (PostgreSQL's DDL is transactional, so a failed one leaves
 * nothing behind), under an advisory lock so that processes starting
 * together migrate one after the other.
 */
export async function applyPostgresMigrations(client: pg.ClientBase, dir = POSTGRES_MIGRATIONS_DIR): Promise<string[]> {
  await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
  try {
    await client.query(CREATE_TABLE_PG);
    const { rows } = await client.query<AppliedRow>('SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations"');
    const done: string[] = [];
    for (const m of pending(readMigrations(dir), appliedRows(rows))) {
      const startedAt = new Date();
      await client.query('BEGIN');
      try {
        await client.query(m.sql);
        await client.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count)
           VALUES ($1, $2, $3, $4, NULL, NULL, $5, 1)`,
          // Instants in milliseconds, as Prisma writes them (its engine cannot read now()'s microseconds back).
          [crypto.randomUUID(), m.checksum, new Date(), m.name, startedAt],
        );
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw new MigrationError(`migration ${m.name} failed: ${(error as Error).message}`, m.name);
      }
      done.push(m.name);
    }
    return done;
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
  }
}
