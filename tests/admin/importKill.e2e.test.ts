/**
 * A SIGKILL in the middle of `admin -- import-families` of a large CSV loses
 * nothing and leaves the database usable: the import is one write
 * transaction, so the database afterwards holds exactly what it held before
 * (not one family of the file), and the same import run again completes.
 * The kill lands inside that transaction: on SQLite while the importer holds
 * the write lock (another connection's BEGIN IMMEDIATE is refused), on
 * PostgreSQL while its transaction is open (pg_stat_activity).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { loadTownConfig } from '../../src/config/town.js';
import { sqlitePath } from '../../src/db/database.js';
import { addFamily, CSV_HEADER, freshDatabaseUrl, PROVIDERS, tempDir } from '../support/app.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const FAMILIES = 1_500;
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

function bigCsv(file: string): void {
  const lines = [CSV_HEADER];
  for (let i = 0; i < FAMILIES; i++) {
    const n = String(i).padStart(5, '0');
    lines.push(`I-${n};Parent ${n};parent.${n}@example.fr;06${String(i).padStart(8, '0')};Enfant${n};Nom${n};2018-03-14;Jules Ferry;CE1;standard;non`);
  }
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
}

function importer(databaseUrl: string, file: string): { child: ChildProcess; done: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string }> } {
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: databaseUrl };
  for (const name of ['TELEGRAM_BOT_TOKEN', 'SMTP_URL', 'IMAP_URL', 'TOWN_CONFIG', 'APP_SECRET']) delete env[name];
  const child = spawn(process.execPath, ['scripts/launch.mjs', 'src/admin/cli.ts', 'import-families', file], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  child.stdout!.on('data', (d) => (stdout += d));
  child.stderr!.on('data', () => {});
  return { child, done: new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal, stdout }))) };
}

/** Whether another process holds a write transaction open on the database now. */
async function writerInside(databaseUrl: string, probe: pg.Client | null): Promise<boolean> {
  if (probe) {
    const { rows } = await probe.query(
      `SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND xact_start < now() - interval '300 milliseconds' AND query NOT ILIKE '%pg_advisory_lock%'`,
    );
    return rows.length > 0;
  }
  const db = new Database(sqlitePath(databaseUrl), { timeout: 0 });
  try {
    db.exec('BEGIN IMMEDIATE');
    db.exec('ROLLBACK');
    return false;
  } catch (error) {
    if ((error as { code?: string }).code === 'SQLITE_BUSY') return true;
    throw error;
  } finally {
    db.close();
  }
}

describe.each(PROVIDERS)('a SIGKILL during a large import on %s', (provider) => {
  it('loses nothing: the database keeps what it had, not a part of the file, and the same import then completes', async () => {
    const dir = tempDir('portail-import-kill-');
    dirs.push(dir);
    const url = await freshDatabaseUrl(provider, dir);
    const town = loadTownConfig();
    let app = await buildApp({ databaseUrl: url, town });
    await addFamily(app, 'F-0001', ['Léa']);
    const counts = async () => ({ families: await app.db.family.count(), guardians: await app.db.guardian.count(), children: await app.db.child.count(), audit: await app.db.auditEvent.count() });
    const before = await counts();
    await app.close();
    const csv = path.join(dir, 'big.csv');
    bigCsv(csv);

    const probe = provider === 'postgresql' ? new pg.Client({ connectionString: url }) : null;
    await probe?.connect();
    try {
      const run = importer(url, csv);
      // Inside the import's transaction for a while (past the start-up's short writes), then killed.
      let inside = 0;
      const started = Date.now();
      while (inside < 4 && Date.now() - started < 120_000) {
        inside = (await writerInside(url, probe)) ? inside + 1 : 0;
        await new Promise((r) => setTimeout(r, 150));
      }
      expect(inside).toBe(4);
      run.child.kill('SIGKILL');
      const killed = await run.done;
      expect(killed.signal).toBe('SIGKILL');
      expect(killed.stdout).toBe(''); // it never reached its summary
    } finally {
      await probe?.end();
    }

    // Usable at once: sound, and exactly as before.
    if (provider === 'sqlite') {
      const raw = new Database(sqlitePath(url));
      expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
      raw.close();
    }
    app = await buildApp({ databaseUrl: url, town });
    try {
      expect(await counts()).toEqual(before);
      expect(await app.db.family.count({ where: { reference: { startsWith: 'I-' } } })).toBe(0);
    } finally {
      await app.close();
    }

    const again = await importer(url, csv).done;
    expect(again.code).toBe(0);
    expect(again.stdout).toContain(`familles créées ${FAMILIES}`);
    app = await buildApp({ databaseUrl: url, town });
    try {
      expect(await counts()).toMatchObject({ families: before.families + FAMILIES, guardians: before.guardians + FAMILIES, children: before.children + FAMILIES });
    } finally {
      await app.close();
    }
  }, 300_000);
});
