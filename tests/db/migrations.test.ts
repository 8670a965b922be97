import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import pg from 'pg';
import { applyMigrations, applyPostgresMigrations, MigrationError, MIGRATIONS_DIR, POSTGRES_MIGRATIONS_DIR, readMigrations } from '../../src/db/migrate.js';
import { PRISMA_FILES } from '../../src/db/provider.js';
import { openSchemaEngine, type SchemaEngineSession } from '../../src/db/schemaEngine.js';
import { derivePostgresSchema } from '../../scripts/postgresSchema.mjs';
import { sharedPostgres, tempDir } from '../support/app.js';
import { POSTGRES_MISSING, requirePostgres, type PostgresCluster } from '../support/postgres.js';

const SCHEMA = path.resolve(import.meta.dirname, '../../prisma/schema.prisma');
/** The migration that folded ServiceLease into Lease. */
const FOLD_LEASES = '20261202010458_fold_leases';
const migrationNames = fs
  .readdirSync(MIGRATIONS_DIR, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();

let dir: string;
let db: Database.Database;

beforeEach(() => {
  dir = tempDir('portail-migrations-');
  db = new Database(path.join(dir, 'test.db'));
});

afterEach(() => {
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

interface MigrationRow {
  id: string;
  checksum: string;
  finished_at: string | null;
  migration_name: string;
  logs: string | null;
  rolled_back_at: string | null;
  started_at: string;
  applied_steps_count: number;
}

/** The models of schema.prisma and their scalar fields (relation fields left out). */
function schemaModels(): Map<string, string[]> {
  const text = fs.readFileSync(SCHEMA, 'utf8');
  const blocks = [...text.matchAll(/^model (\w+) \{\n([\s\S]*?)^\}/gm)];
  const models = new Set(blocks.map((b) => b[1]!));
  const scalars = new Set(['String', 'Int', 'BigInt', 'Float', 'Decimal', 'Boolean', 'DateTime', 'Json', 'Bytes']);
  return new Map(
    blocks.map(([, name, body]) => [
      name!,
      body!
        .split('\n')
        .map((l) => /^\s+(\w+)\s+(\w+)(\?|\[\])?/.exec(l))
        .filter((m): m is RegExpExecArray => m !== null && !models.has(m[2]!) && scalars.has(m[2]!))
        .map((m) => m[1]!),
    ]),
  );
}

describe('applyMigrations', () => {
  it('applies every migration on a fresh database, and none the second time', () => {
    expect(migrationNames.length).toBeGreaterThan(0);
    expect(applyMigrations(db)).toEqual(migrationNames);
    expect(applyMigrations(db)).toEqual([]);
    expect(db.prepare('SELECT COUNT(*) AS n FROM _prisma_migrations').get()).toEqual({ n: migrationNames.length });
  });

  it('records each migration as Prisma does: sha256 of the file, finished, one step', () => {
    const before = Date.now();
    applyMigrations(db);
    const rows = db.prepare('SELECT * FROM _prisma_migrations ORDER BY migration_name').all() as MigrationRow[];

    expect(rows.map((r) => r.migration_name)).toEqual(migrationNames);
    for (const row of rows) {
      const sql = fs.readFileSync(path.join(MIGRATIONS_DIR, row.migration_name, 'migration.sql'));
      expect(row.checksum).toBe(crypto.createHash('sha256').update(sql).digest('hex'));
      expect(row.finished_at).not.toBeNull();
      expect(new Date(row.finished_at!).getTime()).toBeGreaterThanOrEqual(before - 1000);
      expect(row.rolled_back_at).toBeNull();
      expect(row.applied_steps_count).toBe(1);
      expect(row.id).toMatch(/^[0-9a-f-]{36}$/);
    }
    expect(readMigrations().map((m) => m.checksum)).toEqual(rows.map((r) => r.checksum));
  });

  it('creates a table for every model of schema.prisma, with every scalar field as a column', () => {
    applyMigrations(db);
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((t) => t.name);
    const models = schemaModels();

    expect(models.size).toBeGreaterThanOrEqual(10);
    for (const [model, fields] of models) {
      expect(tables, `table ${model}`).toContain(model);
      const columns = (db.prepare(`PRAGMA table_info("${model}")`).all() as { name: string }[]).map((c) => c.name);
      expect(columns.sort(), `columns of ${model}`).toEqual([...fields].sort());
    }
  });

  it('refuses a migration edited after it was applied', () => {
    const copy = path.join(dir, 'migrations');
    fs.cpSync(MIGRATIONS_DIR, copy, { recursive: true });
    applyMigrations(db, copy);
    const edited = path.join(copy, migrationNames[0]!, 'migration.sql');
    fs.appendFileSync(edited, '\n-- edited afterwards\n');

    expect(() => applyMigrations(db, copy)).toThrow(MigrationError);
    expect(() => applyMigrations(db, copy)).toThrow(expect.objectContaining({ migration: migrationNames[0] }));
  });

  it('refuses a database whose history has a migration that never finished', () => {
    applyMigrations(db);
    db.prepare('UPDATE _prisma_migrations SET finished_at = NULL WHERE migration_name = ?').run(migrationNames[0]);
    expect(() => applyMigrations(db)).toThrow(MigrationError);
  });

  it('folds ServiceLease into Lease (service: rows become instance: ones, admin: rows stay), and TelegramUpdate keeps ids past 32 bits', () => {
    const before = path.join(dir, 'before');
    fs.mkdirSync(before);
    for (const name of migrationNames.filter((n) => n < FOLD_LEASES)) fs.cpSync(path.join(MIGRATIONS_DIR, name), path.join(before, name), { recursive: true });
    applyMigrations(db, before);
    const soon = '2026-12-02T08:00:15.000Z';
    const insert = db.prepare('INSERT INTO "ServiceLease" (name, holder, heartbeatAt, expiresAt) VALUES (?, ?, ?, ?)');
    insert.run('service:h1:10:ab', 'h1:10:ab', '2026-12-02T08:00:00.000Z', soon);
    insert.run('admin:h2:20:cd', 'h2:20:cd', '2026-12-02T08:00:00.000Z', soon);
    db.prepare('INSERT INTO "Lease" (name, holder, expiresAt) VALUES (?, ?, ?)').run('leader:outbox', 'h1:10:ab', soon);
    db.prepare('INSERT INTO "TelegramUpdate" (updateId, receivedAt) VALUES (?, ?)').run(7, soon);

    expect(applyMigrations(db).filter((n) => n < FOLD_LEASES)).toEqual([]);
    expect(db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'ServiceLease'").get()).toBeUndefined();
    expect(db.prepare('SELECT name, holder, expiresAt FROM "Lease" ORDER BY name').all()).toEqual([
      { name: 'admin:h2:20:cd', holder: 'h2:20:cd', expiresAt: soon },
      { name: 'instance:h1:10:ab', holder: 'h1:10:ab', expiresAt: soon },
      { name: 'leader:outbox', holder: 'h1:10:ab', expiresAt: soon },
    ]);
    const big = 2n ** 52n - 1n;
    db.prepare('INSERT INTO "TelegramUpdate" (updateId, receivedAt) VALUES (?, ?)').run(big, soon);
    expect(db.prepare('SELECT updateId FROM "TelegramUpdate" ORDER BY updateId').safeIntegers().all()).toEqual([{ updateId: 7n }, { updateId: big }]);
  });

  it('applies only the new migration of a folder that grew', () => {
    const copy = path.join(dir, 'migrations');
    fs.cpSync(MIGRATIONS_DIR, copy, { recursive: true });
    applyMigrations(db, copy);
    fs.mkdirSync(path.join(copy, '29991231000000_extra'));
    fs.writeFileSync(path.join(copy, '29991231000000_extra', 'migration.sql'), 'ALTER TABLE "Family" ADD COLUMN "note" TEXT;\n');

    expect(applyMigrations(db, copy)).toEqual(['29991231000000_extra']);
    expect((db.prepare('PRAGMA table_info("Family")').all() as { name: string }[]).map((c) => c.name)).toContain('note');
  });
});

describe('Prisma’s schema engine agrees with the migrations', () => {
  let engineDir: string;
  let engine: SchemaEngineSession;

  beforeAll(async () => {
    engineDir = tempDir('portail-engine-');
    const file = path.join(engineDir, 'engine.db');
    const raw = new Database(file);
    applyMigrations(raw);
    raw.close();
    engine = await openSchemaEngine(file, SCHEMA);
  });

  afterAll(() => {
    engine?.close();
    fs.rmSync(engineDir, { recursive: true, force: true });
  });

  it('finds nothing between the migrations and schema.prisma: they describe the same database', async () => {
    expect(await engine.diffMigrationsToSchema('prisma/migrations', 'prisma/schema.prisma')).toBe('');
  });

  it('finds the SQL for a field added to a copy of schema.prisma, so the check above can fail', async () => {
    const changed = path.join(engineDir, 'schema.prisma');
    const text = fs.readFileSync(SCHEMA, 'utf8');
    const withField = text.replace(/^(model Family \{\n)/m, '$1  nickname String?\n');
    expect(withField).not.toBe(text);
    fs.writeFileSync(changed, withField);

    const sql = await engine.diffMigrationsToSchema(MIGRATIONS_DIR, changed);

    expect(sql).toMatch(/ALTER TABLE "Family" ADD COLUMN "nickname" TEXT/);
  });

  it('sees the history our migrator wrote as its own: nothing pending', async () => {
    expect(await engine.pendingMigrations(MIGRATIONS_DIR)).toEqual([]);
  });

  it('lists every migration as pending on a database never migrated', async () => {
    const fresh = await openSchemaEngine(path.join(engineDir, 'never-migrated.db'), SCHEMA);
    try {
      expect(await fresh.pendingMigrations(MIGRATIONS_DIR)).toEqual(fs.readdirSync(MIGRATIONS_DIR).filter((n) => /^\d+_/.test(n)).sort());
    } finally {
      fresh.close();
    }
  });

  it('lists a migration our migrator has not applied yet', async () => {
    const copy = path.join(engineDir, 'migrations');
    fs.cpSync(MIGRATIONS_DIR, copy, { recursive: true });
    fs.mkdirSync(path.join(copy, '29991231000000_extra'));
    fs.writeFileSync(path.join(copy, '29991231000000_extra', 'migration.sql'), 'ALTER TABLE "Family" ADD COLUMN "note" TEXT;\n');

    expect(await engine.pendingMigrations(copy)).toEqual(['29991231000000_extra']);
  });
});

describe('prisma/postgresql/schema.prisma', () => {
  it('is derived from prisma/schema.prisma: the same models, for PostgreSQL (npm run generate rewrites it)', () => {
    const derived = derivePostgresSchema(fs.readFileSync(SCHEMA, 'utf8'));
    expect(fs.readFileSync(PRISMA_FILES.postgresql.schema, 'utf8')).toBe(derived);
    expect(derived).toMatch(/provider = "postgresql"/);
    expect(derived).not.toMatch(/"sqlite"/);
  });
});

const pgBin = requirePostgres();
describe.skipIf(!pgBin)(pgBin ? 'on PostgreSQL' : `on PostgreSQL (skipped: ${POSTGRES_MISSING})`, () => {
  const PG_SCHEMA = PRISMA_FILES.postgresql.schema;
  const pgNames = fs
    .readdirSync(POSTGRES_MIGRATIONS_DIR, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
  let cluster: PostgresCluster;
  let url: string;
  let client: pg.Client;

  beforeAll(async () => {
    cluster = await sharedPostgres();
  });
  beforeEach(async () => {
    url = await cluster.createDatabase();
    client = new pg.Client({ connectionString: url });
    await client.connect();
  });
  afterEach(async () => {
    await client.end();
  });

  it('applies every migration on a fresh database, and none the second time, recorded as Prisma does', async () => {
    expect(pgNames.length).toBeGreaterThan(0);
    expect(await applyPostgresMigrations(client)).toEqual(pgNames);
    expect(await applyPostgresMigrations(client)).toEqual([]);
    const { rows } = await client.query('SELECT * FROM "_prisma_migrations" ORDER BY migration_name');
    expect(rows.map((r) => r.migration_name)).toEqual(pgNames);
    for (const row of rows) {
      const sql = fs.readFileSync(path.join(POSTGRES_MIGRATIONS_DIR, row.migration_name, 'migration.sql'));
      expect(row.checksum).toBe(crypto.createHash('sha256').update(sql).digest('hex'));
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.rolled_back_at).toBeNull();
      expect(row.applied_steps_count).toBe(1);
    }
  });

  it('folds ServiceLease into Lease (service: rows become instance: ones, admin: rows stay), and TelegramUpdate keeps ids past 32 bits', async () => {
    const before = path.join(tempDir('portail-pg-migrations-'), 'before');
    fs.mkdirSync(before);
    for (const name of pgNames.filter((n) => n < FOLD_LEASES)) fs.cpSync(path.join(POSTGRES_MIGRATIONS_DIR, name), path.join(before, name), { recursive: true });
    await applyPostgresMigrations(client, before);
    const soon = new Date('2026-12-02T08:00:15.000Z');
    const at = new Date('2026-12-02T08:00:00.000Z');
    await client.query('INSERT INTO "ServiceLease" (name, holder, "heartbeatAt", "expiresAt") VALUES ($1, $2, $3, $4), ($5, $6, $3, $4)', ['service:h1:10:ab', 'h1:10:ab', at, soon, 'admin:h2:20:cd', 'h2:20:cd']);
    await client.query('INSERT INTO "Lease" (name, holder, "expiresAt") VALUES ($1, $2, $3)', ['leader:outbox', 'h1:10:ab', soon]);

    expect((await applyPostgresMigrations(client)).filter((n) => n < FOLD_LEASES)).toEqual([]);
    expect((await client.query(`SELECT to_regclass('"ServiceLease"')::text AS t`)).rows[0].t).toBeNull();
    expect((await client.query('SELECT name, holder, "expiresAt" FROM "Lease" ORDER BY name')).rows).toEqual([
      { name: 'admin:h2:20:cd', holder: 'h2:20:cd', expiresAt: soon },
      { name: 'instance:h1:10:ab', holder: 'h1:10:ab', expiresAt: soon },
      { name: 'leader:outbox', holder: 'h1:10:ab', expiresAt: soon },
    ]);
    const big = String(2n ** 52n - 1n);
    await client.query('INSERT INTO "TelegramUpdate" ("updateId", "receivedAt") VALUES ($1, $2)', [big, soon]);
    expect((await client.query('SELECT "updateId"::text AS id FROM "TelegramUpdate"')).rows).toEqual([{ id: big }]);
  });

  it('lets two processes start at once: one applies, the other waits and finds nothing to do', async () => {
    const other = new pg.Client({ connectionString: url });
    await other.connect();
    try {
      const [a, b] = await Promise.all([applyPostgresMigrations(client), applyPostgresMigrations(other)]);
      expect([...a, ...b]).toEqual(pgNames);
    } finally {
      await other.end();
    }
  });

  it('creates a table for every model of schema.prisma, with every scalar field as a column, and the DayCount triggers', async () => {
    await applyPostgresMigrations(client);
    for (const [model, fields] of schemaModels()) {
      const { rows } = await client.query('SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1', [model]);
      expect(rows.map((r) => r.column_name).sort(), `columns of ${model}`).toEqual([...fields].sort());
    }
    const { rows } = await client.query(`SELECT DISTINCT trigger_name FROM information_schema.triggers WHERE event_object_table = 'Booking' ORDER BY 1`);
    expect(rows.map((r) => r.trigger_name)).toEqual(['Booking_count_insert_delete', 'Booking_count_update']);
  });

  it('refuses a migration edited after it was applied', async () => {
    const copy = path.join(dir, 'pg-migrations');
    fs.cpSync(POSTGRES_MIGRATIONS_DIR, copy, { recursive: true });
    await applyPostgresMigrations(client, copy);
    fs.appendFileSync(path.join(copy, pgNames[0]!, 'migration.sql'), '\n-- edited afterwards\n');
    await expect(applyPostgresMigrations(client, copy)).rejects.toThrow(MigrationError);
  });

  it('leaves nothing of a migration that fails, and says which', async () => {
    const copy = path.join(dir, 'pg-migrations');
    fs.cpSync(POSTGRES_MIGRATIONS_DIR, copy, { recursive: true });
    fs.mkdirSync(path.join(copy, '29991231000000_broken'));
    fs.writeFileSync(path.join(copy, '29991231000000_broken', 'migration.sql'), 'ALTER TABLE "Family" ADD COLUMN "note" TEXT;\nALTER TABLE "Nope" ADD COLUMN "x" TEXT;\n');
    await expect(applyPostgresMigrations(client, copy)).rejects.toThrow(expect.objectContaining({ migration: '29991231000000_broken' }));
    const { rows } = await client.query(`SELECT 1 FROM information_schema.columns WHERE table_name = 'Family' AND column_name = 'note'`);
    expect(rows).toEqual([]);
    expect(await applyPostgresMigrations(client)).toEqual([]);
  });

  describe('Prisma’s schema engine (pg adapter) agrees with the PostgreSQL migrations', () => {
    let engine: SchemaEngineSession;
    beforeAll(async () => {
      const engineUrl = await cluster.createDatabase();
      const c = new pg.Client({ connectionString: engineUrl });
      await c.connect();
      await applyPostgresMigrations(c);
      await c.end();
      engine = await openSchemaEngine(engineUrl, PG_SCHEMA);
    });
    afterAll(() => engine?.close());

    it('finds nothing between prisma/postgresql/migrations and prisma/postgresql/schema.prisma', async () => {
      expect(await engine.diffMigrationsToSchema(POSTGRES_MIGRATIONS_DIR, PG_SCHEMA)).toBe('');
    });

    it('finds the SQL for a field added to a copy of the schema, so the check above can fail', async () => {
      const changed = path.join(dir, 'schema.prisma');
      fs.writeFileSync(changed, fs.readFileSync(PG_SCHEMA, 'utf8').replace(/^(model Family \{\n)/m, '$1  nickname String?\n'));
      expect(await engine.diffMigrationsToSchema(POSTGRES_MIGRATIONS_DIR, changed)).toMatch(/ALTER TABLE "Family" ADD COLUMN\s+"nickname" TEXT/);
    });

    it('sees the history our migrator wrote as its own: nothing pending', async () => {
      expect(await engine.pendingMigrations(POSTGRES_MIGRATIONS_DIR)).toEqual([]);
    });

    it('lists every migration as pending on a database never migrated', async () => {
      const fresh = await openSchemaEngine(await cluster.createDatabase(), PG_SCHEMA);
      try {
        expect(await fresh.pendingMigrations(POSTGRES_MIGRATIONS_DIR)).toEqual(pgNames);
      } finally {
        fresh.close();
      }
    });
  });
});
