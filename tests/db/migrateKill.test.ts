/**
 * A SIGKILL in the middle of a migration loses nothing and leaves the
 * database usable: each migration runs in one transaction with its record
 * in _prisma_migrations, so after the kill the database is as it was before
 * that migration (its data whole, the migration not recorded), and the next
 * start applies it again from the beginning. The migration used here is a
 * long one added to a copy of the real folder (SQLite: a large insert;
 * PostgreSQL: a pause), after a schema change it would roll back.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { loadTownConfig } from '../../src/config/town.js';
import { sqlitePath } from '../../src/db/database.js';
import { MIGRATIONS_DIR, POSTGRES_MIGRATIONS_DIR } from '../../src/db/migrate.js';
import { addFamily, freshDatabaseUrl, PROVIDERS, tempDir } from '../support/app.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const EXTRA = '29991231000000_long_one';
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

const LONG = {
  sqlite: `ALTER TABLE "Family" ADD COLUMN "note" TEXT;\nUPDATE "Family" SET "note" = 'x';\nCREATE TABLE "Filler" ("n" INTEGER NOT NULL);\nINSERT INTO "Filler" WITH RECURSIVE c(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM c WHERE n < 200000000) SELECT n FROM c;\n`,
  postgresql: `ALTER TABLE "Family" ADD COLUMN "note" TEXT;\nUPDATE "Family" SET "note" = 'x';\nSELECT pg_sleep(4);\n`,
};

function migrator(provider: string, url: string, dir: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'tests/support/migrateChild.ts', provider, url, dir], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', () => {});
  return { child, done: new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal, stdout }))) };
}

describe.each(PROVIDERS)('a SIGKILL during a migration on %s', (provider) => {
  it('leaves the database as before that migration, usable, and the migration is applied again at the next start', async () => {
    const dir = tempDir('portail-migrate-kill-');
    dirs.push(dir);
    const url = await freshDatabaseUrl(provider, dir);
    const town = loadTownConfig();
    let app = await buildApp({ databaseUrl: url, town });
    await addFamily(app, 'F-0001', ['Léa', 'Tom']);
    await app.close();

    const folder = path.join(dir, 'migrations');
    fs.cpSync(provider === 'sqlite' ? MIGRATIONS_DIR : POSTGRES_MIGRATIONS_DIR, folder, { recursive: true });
    fs.mkdirSync(path.join(folder, EXTRA));
    fs.writeFileSync(path.join(folder, EXTRA, 'migration.sql'), LONG[provider]);

    const probe = provider === 'postgresql' ? new pg.Client({ connectionString: url }) : null;
    await probe?.connect();
    /** Whether the migrator is inside the long migration now. */
    const inside = async () => {
      if (probe) return (await probe.query(`SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND query LIKE '%pg_sleep(4)%' AND state = 'active'`)).rows.length > 0;
      const raw = new Database(sqlitePath(url), { timeout: 0 });
      try {
        raw.exec('BEGIN IMMEDIATE');
        raw.exec('ROLLBACK');
        return false;
      } catch (error) {
        if ((error as { code?: string }).code === 'SQLITE_BUSY') return true;
        throw error;
      } finally {
        raw.close();
      }
    };
    try {
      const run = migrator(provider, url, folder);
      let seen = 0;
      const started = Date.now();
      while (seen < 3 && Date.now() - started < 60_000) {
        seen = (await inside()) ? seen + 1 : 0;
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(seen).toBe(3);
      run.child.kill('SIGKILL');
      expect((await run.done).signal).toBe('SIGKILL');

      // As before the migration: no new column, nothing recorded, every row there.
      if (probe) {
        // The server ends the dead client's transaction once its statement returns.
        const deadline = Date.now() + 30_000;
        while ((await probe.query(`SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND xact_start IS NOT NULL`)).rows.length > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
        const columns = await probe.query(`SELECT column_name FROM information_schema.columns WHERE table_name = 'Family'`);
        expect(columns.rows.map((r) => r.column_name)).not.toContain('note');
        expect((await probe.query(`SELECT count(*)::int AS n FROM "_prisma_migrations" WHERE migration_name = $1`, [EXTRA])).rows[0].n).toBe(0);
      } else {
        const raw = new Database(sqlitePath(url));
        try {
          expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
          expect((raw.prepare('PRAGMA table_info("Family")').all() as { name: string }[]).map((c) => c.name)).not.toContain('note');
          expect(raw.prepare("SELECT 1 FROM sqlite_master WHERE name = 'Filler'").get()).toBeUndefined();
          expect(raw.prepare('SELECT count(*) AS n FROM _prisma_migrations WHERE migration_name = ?').get(EXTRA)).toEqual({ n: 0 });
        } finally {
          raw.close();
        }
      }
    } finally {
      await probe?.end();
    }

    // The real start-up opens it, with its data, and writes.
    app = await buildApp({ databaseUrl: url, town });
    try {
      expect(await app.db.child.count()).toBe(2);
      await addFamily(app, 'F-0002', ['Noé']);
      expect(await app.db.family.count()).toBe(2);
    } finally {
      await app.close();
    }

    // The next start applies the migration again, whole (here made short).
    fs.writeFileSync(path.join(folder, EXTRA, 'migration.sql'), LONG[provider].replace(/INSERT INTO "Filler"[^\n]*\n/, '').replace('SELECT pg_sleep(4);\n', ''));
    const again = await migrator(provider, url, folder).done;
    expect(again).toMatchObject({ code: 0 });
    expect(again.stdout.trim()).toBe(EXTRA);
  }, 180_000);
});
