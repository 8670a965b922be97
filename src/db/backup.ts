/**
 * Backups and restores of the live database (DESIGN.md, "contract —
 * commands": `admin -- backup FILE`, `admin -- restore FILE`), and the
 * nightly backups `npm start` keeps when BACKUP_DIR is set.
 *
 * SQLite: `VACUUM INTO` from a read-only connection, one read transaction,
 * so the copy is a consistent snapshot that includes what is still in the
 * `-wal` file, while the service goes on writing (WAL readers block no
 * writer). PostgreSQL: `pg_dump --format=custom` (a consistent snapshot by
 * design) and `pg_restore`, from Debian's postgresql-client.
 *
 * A restore checks the file first (SQLite: integrity_check, our migrations
 * table, no migration this version does not know; PostgreSQL: a custom-format
 * archive with our migrations table), refuses while a live process keeps an
 * `instance:` lease on the database (src/db/lease.ts: every `npm start` does),
 * then replaces the database and applies the pending migrations, so that an
 * older backup comes back at the current schema.
 */
import { execFile } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import pg from 'pg';
import { sqlitePath } from './database.js';
import { applyMigrations, applyPostgresMigrations, MIGRATIONS_DIR, POSTGRES_MIGRATIONS_DIR, readMigrations } from './migrate.js';
import { providerOf, type Provider } from './provider.js';
import { holderGone } from './lease.js';

const run = promisify(execFile);

/** A backup or restore that cannot be done; its message is for the operator (French). */
export class BackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupError';
  }
}

/**
 * The rows that say a process is running: the `instance:` leases of
 * src/db/lease.ts, and, on a database not yet migrated past fold_leases,
 * the `service:` rows of the ServiceLease table that was folded into Lease.
 */
const PRESENCE = [
  { table: 'Lease', prefix: 'instance:' },
  { table: 'ServiceLease', prefix: 'service:' },
];

/** Tables of leases, emptied in a restored copy: the processes that held them ran then, not now. */
const LEASE_TABLES = ['Lease', 'ServiceLease'];

// ---------- the PostgreSQL client tools ----------

/**
 * pg_dump or pg_restore: in PG_BIN when it is set (that folder only: the
 * operator chose that version), else on PATH, else the newest
 * /usr/lib/postgresql/N/bin; null when not installed.
 */
export function pgTool(tool: 'pg_dump' | 'pg_restore', env: NodeJS.ProcessEnv = process.env): string | null {
  if (env.PG_BIN) {
    const candidate = path.join(env.PG_BIN, tool);
    return isExecutable(candidate) ? candidate : null;
  }
  for (const dir of (env.PATH ?? '').split(path.delimiter).filter(Boolean)) {
    const candidate = path.join(dir, tool);
    if (isExecutable(candidate)) return candidate;
  }
  const base = '/usr/lib/postgresql';
  const versions = fs.existsSync(base) ? fs.readdirSync(base).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a)) : [];
  for (const v of versions) {
    const candidate = path.join(base, v, 'bin', tool);
    if (isExecutable(candidate)) return candidate;
  }
  return null;
}

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

function requireTool(tool: 'pg_dump' | 'pg_restore'): string {
  const found = pgTool(tool);
  if (!found) {
    const where = process.env.PG_BIN ? `dans PG_BIN (${process.env.PG_BIN})` : 'sur PATH ni dans /usr/lib/postgresql';
    throw new BackupError(
      `${tool} est introuvable ${where} : sur PostgreSQL, la sauvegarde et la restauration passent par pg_dump et pg_restore ` +
        `(format custom). Installez le client PostgreSQL (apt-get install postgresql-client) dans une version au moins égale à celle du serveur, ` +
        `ou indiquez son dossier dans PG_BIN. Rien n’a été écrit ni modifié.`,
    );
  }
  return found;
}

/** The URL without its password, and the password for PGPASSWORD (kept off the command line). */
function pgConnection(databaseUrl: string): { url: string; env: NodeJS.ProcessEnv } {
  const u = new URL(databaseUrl);
  const password = u.password ? decodeURIComponent(u.password) : undefined;
  u.password = '';
  return { url: u.toString(), env: { ...process.env, ...(password ? { PGPASSWORD: password } : {}) } };
}

function toolError(tool: string, error: unknown): BackupError {
  const e = error as { stderr?: string; message?: string };
  return new BackupError(`${tool} a échoué : ${(e.stderr || e.message || String(error)).trim()}`);
}

// ---------- backup ----------

/** Writes a consistent copy of the database to `file` (replaced if it exists); returns `file`. */
export async function backupDatabase(databaseUrl: string, file: string): Promise<string> {
  const target = path.resolve(file);
  if (!fs.existsSync(path.dirname(target))) throw new BackupError(`Dossier introuvable : ${path.dirname(target)}`);
  const tmp = path.join(path.dirname(target), `.${path.basename(target)}.${crypto.randomBytes(4).toString('hex')}.tmp`);
  try {
    // A backup holds every family's data: readable by its owner only, from its first byte
    // (VACUUM INTO and pg_dump write into this empty file and keep its mode).
    fs.closeSync(fs.openSync(tmp, 'wx', 0o600));
    if (providerOf(databaseUrl) === 'postgresql') {
      const { url, env } = pgConnection(databaseUrl);
      try {
        await run(requireTool('pg_dump'), ['--format=custom', '--no-owner', '--no-privileges', `--file=${tmp}`, `--dbname=${url}`], { env, maxBuffer: 16 * 1024 * 1024 });
      } catch (error) {
        throw error instanceof BackupError ? error : toolError('pg_dump', error);
      }
    } else {
      const source = sqlitePath(databaseUrl);
      if (!fs.existsSync(source)) throw new BackupError(`Base de données introuvable : ${source}`);
      const db = new Database(source, { readonly: true, fileMustExist: true, timeout: 10_000 });
      try {
        db.prepare('VACUUM INTO ?').run(tmp);
      } finally {
        db.close();
      }
    }
    fs.chmodSync(tmp, 0o600);
    const fd = fs.openSync(tmp, 'r');
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fs.renameSync(tmp, target);
    return file;
  } catch (error) {
    fs.rmSync(tmp, { force: true });
    if (error instanceof BackupError) throw error;
    throw new BackupError(`Sauvegarde impossible : ${(error as Error).message}`);
  }
}

// ---------- restore ----------

export interface RestoreResult {
  /** Migrations applied after the restore (the backup was older than this version). */
  migrated: string[];
  /** SQLite: where the database that was replaced is kept. */
  previous: string | null;
}

/** Checks `file`, then replaces the database with it. */
export async function restoreDatabase(databaseUrl: string, file: string, now = new Date()): Promise<RestoreResult> {
  if (!fs.existsSync(file)) throw new BackupError(`Fichier introuvable : ${file}`);
  return providerOf(databaseUrl) === 'postgresql' ? restorePostgres(databaseUrl, file, now) : restoreSqlite(databaseUrl, file, now);
}

function knownMigrationsCheck(provider: Provider, names: string[]): void {
  const known = new Set(readMigrations(provider === 'sqlite' ? MIGRATIONS_DIR : POSTGRES_MIGRATIONS_DIR).map((m) => m.name));
  const unknown = names.filter((n) => !known.has(n));
  if (unknown.length > 0) {
    throw new BackupError(`Cette sauvegarde vient d’une version plus récente de Portail Famille (migration inconnue : ${unknown.join(', ')}) : restaurez-la avec cette version-là.`);
  }
}

function refuseWhileRunning(all: { holder: string; expiresAt: Date }[], now: Date): void {
  // A process killed on this host no longer counts, without waiting for its lease to expire.
  const holders = all.filter((h) => !holderGone(h.holder, h.expiresAt, now));
  if (holders.length === 0) return;
  throw new BackupError(
    `Restauration refusée : la base est utilisée par ${holders.length} processus en cours (${holders.map((h) => h.holder).join(', ')}). ` +
      'Arrêtez le service (npm start) puis recommencez.',
  );
}

function sqliteTableExists(db: Database.Database, table: string): boolean {
  return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(table) !== undefined;
}

async function restoreSqlite(databaseUrl: string, file: string, now: Date): Promise<RestoreResult> {
  // 1. The file: a sound SQLite database of ours, from this version or an older one.
  let candidate: Database.Database;
  try {
    candidate = new Database(file, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw new BackupError(`${file} n’est pas une base SQLite lisible : ${(error as Error).message}`);
  }
  try {
    let integrity: string;
    try {
      integrity = (candidate.prepare('PRAGMA integrity_check').all() as { integrity_check: string }[]).map((r) => r.integrity_check).join('; ');
    } catch (error) {
      throw new BackupError(`${file} n’est pas une base SQLite : ${(error as Error).message}`);
    }
    if (integrity !== 'ok') throw new BackupError(`${file} est endommagé (integrity_check : ${integrity})`);
    if (!sqliteTableExists(candidate, '_prisma_migrations')) throw new BackupError(`${file} n’est pas une sauvegarde de Portail Famille (pas de table _prisma_migrations)`);
    const rows = candidate.prepare('SELECT migration_name, finished_at FROM _prisma_migrations WHERE rolled_back_at IS NULL').all() as { migration_name: string; finished_at: string | null }[];
    if (rows.some((r) => r.finished_at === null)) throw new BackupError(`${file} contient une migration inachevée`);
    knownMigrationsCheck('sqlite', rows.map((r) => r.migration_name));
  } finally {
    candidate.close();
  }

  // 2. Nobody on the live database.
  const target = sqlitePath(databaseUrl);
  let previous: string | null = null;
  fs.mkdirSync(path.dirname(target), { recursive: true });
  if (fs.existsSync(target)) {
    const live = new Database(target, { fileMustExist: true, timeout: 10_000 });
    try {
      const holders = PRESENCE.filter((p) => sqliteTableExists(live, p.table)).flatMap((p) =>
        (live.prepare(`SELECT holder, expiresAt FROM "${p.table}" WHERE name LIKE ?`).all(`${p.prefix}%`) as { holder: string; expiresAt: string | number }[])
          .map((h) => ({ holder: h.holder, expiresAt: new Date(h.expiresAt) }))
          .filter((h) => h.expiresAt.getTime() > now.getTime()),
      );
      refuseWhileRunning(holders, now);
      // Everything into the main file, so that it is whole once set aside.
      live.pragma('wal_checkpoint(TRUNCATE)');
    } finally {
      live.close();
    }
  }

  // 3. The copy beside the database, cleaned of the leases of the processes that ran then, then swapped in.
  const tmp = `${target}.restore-${crypto.randomBytes(4).toString('hex')}`;
  fs.copyFileSync(file, tmp);
  fs.chmodSync(tmp, 0o600); // the database is its owner's only, whatever the backup file's mode
  try {
    const copy = new Database(tmp);
    try {
      copy.pragma('journal_mode = WAL');
      for (const table of LEASE_TABLES) if (sqliteTableExists(copy, table)) copy.prepare(`DELETE FROM "${table}"`).run();
      copy.pragma('wal_checkpoint(TRUNCATE)');
    } finally {
      copy.close();
    }
    if (fs.existsSync(target)) {
      previous = `${target}.before-restore-${now.toISOString().replace(/\D/g, '').slice(0, 14)}`;
      fs.renameSync(target, previous);
    }
    for (const suffix of ['-wal', '-shm']) fs.rmSync(`${target}${suffix}`, { force: true });
    fs.renameSync(tmp, target);
  } finally {
    fs.rmSync(tmp, { force: true });
    for (const suffix of ['-wal', '-shm']) fs.rmSync(`${tmp}${suffix}`, { force: true });
  }

  // 4. Up to this version's schema.
  const db = new Database(target, { timeout: 10_000 });
  try {
    db.pragma('journal_mode = WAL');
    return { migrated: applyMigrations(db), previous };
  } finally {
    db.close();
  }
}

/** Migration names in a custom-format archive's _prisma_migrations data, or null without that table. */
async function archiveMigrations(pgRestore: string, file: string): Promise<string[] | null> {
  let list: string;
  try {
    list = (await run(pgRestore, ['--list', file], { maxBuffer: 64 * 1024 * 1024 })).stdout;
  } catch (error) {
    throw new BackupError(`${file} n’est pas une sauvegarde PostgreSQL au format custom (pg_dump -Fc) : ${((error as { stderr?: string }).stderr ?? '').trim()}`);
  }
  if (!/\bTABLE \S+ _prisma_migrations\b/.test(list)) return null;
  const data = (await run(pgRestore, ['--data-only', '--table=_prisma_migrations', '--file=-', file], { maxBuffer: 64 * 1024 * 1024 })).stdout;
  const lines = data.split('\n');
  const start = lines.findIndex((l) => /^COPY \S*_prisma_migrations \(/.test(l));
  if (start < 0) return [];
  const columns = /\(([^)]*)\)/.exec(lines[start]!)![1]!.split(',').map((c) => c.trim().replace(/"/g, ''));
  const nameAt = columns.indexOf('migration_name');
  const rolledAt = columns.indexOf('rolled_back_at');
  const names: string[] = [];
  for (const line of lines.slice(start + 1)) {
    if (line === '\\.') break;
    const f = line.split('\t');
    if (f[rolledAt] === '\\N') names.push(f[nameAt]!);
  }
  return names;
}

async function restorePostgres(databaseUrl: string, file: string, now: Date): Promise<RestoreResult> {
  const pgRestore = requireTool('pg_restore');
  const names = await archiveMigrations(pgRestore, file);
  if (names === null) throw new BackupError(`${file} n’est pas une sauvegarde de Portail Famille (pas de table _prisma_migrations)`);
  knownMigrationsCheck('postgresql', names);

  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const holders: { holder: string; expiresAt: Date }[] = [];
    for (const p of PRESENCE) {
      if (!(await client.query<{ t: string | null }>(`SELECT to_regclass('"${p.table}"')::text AS t`)).rows[0]?.t) continue;
      const { rows } = await client.query<{ holder: string; expiresAt: Date }>(`SELECT holder, "expiresAt" FROM "${p.table}" WHERE name LIKE $1 AND "expiresAt" > $2`, [`${p.prefix}%`, now]);
      holders.push(...rows);
    }
    refuseWhileRunning(holders, now);
    // Our objects go (tables, with their sequences and triggers, and the trigger functions), in one transaction.
    await client.query('BEGIN');
    try {
      const tables = await client.query<{ name: string }>(`SELECT quote_ident(tablename) AS name FROM pg_tables WHERE schemaname = current_schema() AND tableowner = current_user`);
      if (tables.rows.length > 0) await client.query(`DROP TABLE IF EXISTS ${tables.rows.map((r) => r.name).join(', ')} CASCADE`);
      const functions = await client.query<{ sig: string }>(
        `SELECT p.oid::regprocedure::text AS sig FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
         WHERE n.nspname = current_schema() AND pg_get_userbyid(p.proowner) = current_user`,
      );
      for (const f of functions.rows) await client.query(`DROP FUNCTION IF EXISTS ${f.sig} CASCADE`);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    }
  } finally {
    await client.end();
  }

  const { url, env } = pgConnection(databaseUrl);
  try {
    await run(pgRestore, ['--no-owner', '--no-privileges', '--single-transaction', '--exit-on-error', `--dbname=${url}`, file], { env, maxBuffer: 16 * 1024 * 1024 });
  } catch (error) {
    throw toolError('pg_restore', error);
  }

  const after = new pg.Client({ connectionString: databaseUrl });
  await after.connect();
  try {
    for (const table of LEASE_TABLES) {
      if ((await after.query<{ t: string | null }>(`SELECT to_regclass('"${table}"')::text AS t`)).rows[0]?.t) await after.query(`DELETE FROM "${table}"`);
    }
    return { migrated: await applyPostgresMigrations(after), previous: null };
  } finally {
    await after.end();
  }
}

// ---------- nightly backups ----------

/** The file of the nightly backup of `date` (YYYY-MM-DD). */
export function nightlyBackupName(provider: Provider, date: string): string {
  return `portail-${date}.${provider === 'sqlite' ? 'db' : 'pgdump'}`;
}

const NIGHTLY = /^portail-(\d{4}-\d{2}-\d{2})\.(db|pgdump)$/;

/**
 * Takes today's backup into `dir` unless it exists, then keeps the newest
 * `keep` dated backups and removes older ones. Returns the file written, or
 * null when today's was already there.
 */
export async function nightlyBackup(opts: { databaseUrl: string; dir: string; keep: number; today: string }): Promise<string | null> {
  fs.mkdirSync(opts.dir, { recursive: true, mode: 0o700 });
  const file = path.join(opts.dir, nightlyBackupName(providerOf(opts.databaseUrl), opts.today));
  let written: string | null = null;
  if (!fs.existsSync(file)) written = await backupDatabase(opts.databaseUrl, file);
  const dated = fs
    .readdirSync(opts.dir)
    .filter((f) => NIGHTLY.test(f))
    .sort()
    .reverse();
  for (const old of dated.slice(opts.keep)) fs.rmSync(path.join(opts.dir, old), { force: true });
  return written;
}
