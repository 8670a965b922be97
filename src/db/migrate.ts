/**
 * Applies the SQL migrations of prisma/migrations to a SQLite database, in
 * order, each once, and records them in `_prisma_migrations` exactly as
 * `prisma migrate deploy` does (same table, same checksum), so either tool
 * can take over from the other. Runs at every start and before every admin
 * command; applying nothing costs one query.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';

/** Where the project's migrations live. */
export const MIGRATIONS_DIR = path.resolve(import.meta.dirname, '../../prisma/migrations');

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
  const applied = new Map(
    (
      db.prepare('SELECT migration_name, checksum, finished_at, rolled_back_at FROM _prisma_migrations').all() as {
        migration_name: string;
        checksum: string;
        finished_at: string | null;
        rolled_back_at: string | null;
      }[]
    )
      .filter((r) => r.rolled_back_at === null)
      .map((r) => [r.migration_name, r]),
  );
  const done: string[] = [];
  for (const m of migrations) {
    const row = applied.get(m.name);
    if (row) {
      if (row.finished_at === null) {
        throw new MigrationError(`migration ${m.name} failed earlier and must be resolved by hand`, m.name);
      }
      if (row.checksum !== m.checksum) {
        throw new MigrationError(`migration ${m.name} was changed after it was applied`, m.name);
      }
      continue;
    }
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
