/**
 * Prisma's schema engine, in its WebAssembly build, driven through a driver
 * adapter (better-sqlite3 for SQLite, pg for PostgreSQL): it diffs schemas
 * and migration folders with no native binary and no download. It is an internal Prisma API, so its
 * version is pinned in package.json to the one matching the prisma CLI, and
 * tests/db/migrations.test.ts exercises it. Used by development tooling and
 * tests only: the application applies migrations itself (migrate.ts).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import * as bg from '@prisma/schema-engine-wasm/schema_engine_bg';
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import {
  bindMigrationAwareSqlAdapterFactory,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
  type SqlQuery,
} from '@prisma/driver-adapter-utils';

type Engine = Awaited<ReturnType<typeof bg.SchemaEngine.new>>;
type MigrationList = Parameters<Engine['applyMigrations']>[0]['migrationsList'];

interface WasmApi {
  compile(bytes: Uint8Array): Promise<object>;
  instantiate(module: object, imports: object): Promise<{ exports: Record<string, unknown> }>;
}

let loaded: Promise<void> | undefined;

function loadWasm(): Promise<void> {
  loaded ??= (async () => {
    const wasmUrl = new URL('schema_engine_bg.wasm', import.meta.resolve('@prisma/schema-engine-wasm/schema_engine_bg'));
    // Node has WebAssembly; the DOM-free type library used here does not declare it.
    const wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;
    const module = await wasm.compile(fs.readFileSync(wasmUrl));
    const instance = await wasm.instantiate(module, { './schema_engine_bg.js': bg });
    bg.__wbg_set_wasm(instance.exports as never);
    (instance.exports as { __wbindgen_start: () => void }).__wbindgen_start();
  })();
  return loaded;
}

const noFilters = { externalTables: [], externalEnums: [] };

/** Reads a migrations folder in Prisma's layout into the engine's input shape. */
export function readMigrationList(migrationsDir: string): MigrationList {
  const dirs = fs.existsSync(migrationsDir)
    ? fs.readdirSync(migrationsDir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort()
    : [];
  const lockPath = path.join(migrationsDir, 'migration_lock.toml');
  return {
    baseDir: migrationsDir,
    lockfile: { path: 'migration_lock.toml', content: fs.existsSync(lockPath) ? fs.readFileSync(lockPath, 'utf8') : null },
    shadowDbInitScript: '',
    migrationDirectories: dirs.map((name) => ({
      path: name,
      migrationFile: {
        path: 'migration.sql',
        content: { tag: 'ok', value: fs.readFileSync(path.join(migrationsDir, name, 'migration.sql'), 'utf8') },
      },
    })),
  };
}

export interface SchemaEngineSession {
  /** SQL that takes a database built by `migrationsDir` to what `schemaPath` describes ('' when they agree). */
  diffMigrationsToSchema(migrationsDir: string, schemaPath: string): Promise<string>;
  /** Lists the migrations Prisma itself would still apply to the database. */
  pendingMigrations(migrationsDir: string): Promise<string[]>;
  /** Applies the migrations as Prisma itself would (`migrate deploy`); returns their names. */
  applyMigrations(migrationsDir: string): Promise<string[]>;
  close(): void;
}

/**
 * The pg adapter's `executeScript` splits the script at every `;`, which
 * breaks a function body (`$$ … ; … $$`, our DayCount triggers): the whole
 * script goes to PostgreSQL as one simple query instead, which runs
 * multi-statement scripts itself. (Reads the adapter's pool and error
 * mapping: internal, pinned with the adapter and tested.)
 */
function wholeScript(adapter: SqlDriverAdapter): (script: string) => Promise<void> {
  const inner = adapter as unknown as { client: { query(sql: string): Promise<unknown> }; onError(e: unknown): never };
  return async (script) => {
    try {
      await inner.client.query(script);
    } catch (error) {
      inner.onError(error);
    }
  };
}

/**
 * The engine replays a whole migration file on the shadow database through
 * `executeRaw`, which better-sqlite3 limits to one statement; hand such
 * multi-statement scripts to `executeScript` instead.
 */
function scriptTolerant(factory: SqlMigrationAwareDriverAdapterFactory): SqlMigrationAwareDriverAdapterFactory {
  const wrap = (adapter: SqlDriverAdapter): SqlDriverAdapter =>
    new Proxy(adapter, {
      get(target, prop, receiver) {
        if (prop === 'executeScript' && target.provider === 'postgres') return wholeScript(target);
        if (prop !== 'executeRaw') return Reflect.get(target, prop, receiver);
        return async (query: SqlQuery) => {
          try {
            return await target.executeRaw(query);
          } catch (error) {
            if (error instanceof RangeError && /more than one statement/.test(error.message) && query.args.length === 0) {
              await target.executeScript(query.sql);
              return 0;
            }
            throw error;
          }
        };
      },
    });
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => wrap(await factory.connect()),
    connectToShadowDb: async () => wrap(await factory.connectToShadowDb()),
  };
}

const PG_CHAR = 18;
const PG_TEXT = 25;

type QueryCallback = (err: Error | null, res: unknown) => void;

/** A pg client whose results describe "char" columns as text (see pgFactory). */
class CharAsText extends pg.Client {
  override query(...args: unknown[]): never {
    const fix = (res: unknown) => {
      for (const r of Array.isArray(res) ? res : [res]) {
        for (const f of (r as { fields?: { dataTypeID: number }[] } | undefined)?.fields ?? []) if (f.dataTypeID === PG_CHAR) f.dataTypeID = PG_TEXT;
      }
      return res;
    };
    const last = args.length - 1;
    if (typeof args[last] === 'function') {
      const cb = args[last] as QueryCallback;
      args[last] = (err: Error | null, res: unknown) => cb(err, res && fix(res));
      return (super.query as (...a: unknown[]) => never)(...args);
    }
    const out = (super.query as (...a: unknown[]) => unknown)(...args);
    return (out instanceof Promise ? out.then(fix) : out) as never;
  }
}

/**
 * The pg adapter for the engine, with its own shadow database: created for
 * each diff and dropped once its pool is closed (the adapter's own drops it
 * while its pool still holds a connection, which PostgreSQL refuses). The
 * URL is passed as separate settings, so that the shadow pool's database
 * name is not overridden by a connection string. The engine's catalogue
 * queries read columns of PostgreSQL's one-byte "char" type, which the
 * adapter does not map: their values arrive as strings already, and
 * `CharAsText` announces them as text.
 */
function pgFactory(databaseUrl: string): SqlMigrationAwareDriverAdapterFactory {
  const u = new URL(databaseUrl);
  const settings = {
    Client: CharAsText,
    host: decodeURIComponent(u.hostname),
    port: u.port ? Number(u.port) : 5432,
    user: decodeURIComponent(u.username),
    password: u.password ? decodeURIComponent(u.password) : undefined,
  };
  const main = new PrismaPg(new pg.Pool({ ...settings, database: decodeURIComponent(u.pathname.slice(1)) }), { disposeExternalPool: true });
  return {
    provider: main.provider,
    adapterName: main.adapterName,
    connect: () => main.connect(),
    async connectToShadowDb() {
      const name = `prisma_migrate_shadow_db_${crypto.randomUUID().replace(/-/g, '')}`;
      const admin = new pg.Client({ ...settings, database: decodeURIComponent(u.pathname.slice(1)) });
      await admin.connect();
      await admin.query(`CREATE DATABASE "${name}"`);
      const shadow = await new PrismaPg(new pg.Pool({ ...settings, database: name }), { disposeExternalPool: true }).connect();
      return new Proxy(shadow, {
        get(target, prop, receiver) {
          if (prop !== 'dispose') return Reflect.get(target, prop, receiver);
          return async () => {
            await target.dispose();
            try {
              await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
            } finally {
              await admin.end();
            }
          };
        },
      });
    },
  };
}

/**
 * Starts the schema engine on a database: a SQLite file path (the shadow
 * database for migration diffs is an in-memory one), or a postgresql:// URL
 * (the shadow database is created beside it, so its user needs CREATEDB).
 */
export async function openSchemaEngine(database: string, schemaPath: string): Promise<SchemaEngineSession> {
  await loadWasm();
  const schema = fs.readFileSync(schemaPath, 'utf8');
  const adapter = /^postgres(ql)?:\/\//.test(database) ? pgFactory(database) : new PrismaBetterSqlite3({ url: `file:${database}` });
  const factory = bindMigrationAwareSqlAdapterFactory(scriptTolerant(adapter));
  const engine = await bg.SchemaEngine.new({ datamodels: [[path.basename(schemaPath), schema]] }, () => {}, factory);
  return {
    async diffMigrationsToSchema(migrationsDir, schemaFile) {
      const content = fs.readFileSync(schemaFile, 'utf8');
      const result = await engine.diff({
        from: { tag: 'migrations', ...readMigrationList(migrationsDir) },
        to: { tag: 'schemaDatamodel', files: [{ path: path.basename(schemaFile), content }] },
        script: true,
        exitCode: null,
        filters: noFilters,
      } as never);
      const sql = result.stdout ?? '';
      return /^\s*-- This is an empty migration\.\s*$/.test(sql) ? '' : sql.trim();
    },
    async pendingMigrations(migrationsDir) {
      let out;
      try {
        out = await engine.diagnoseMigrationHistory({
        migrationsList: readMigrationList(migrationsDir),
        optInToShadowDatabase: false,
        filters: noFilters,
        } as never);
      } catch (error) {
        // P1014: no _prisma_migrations table yet, so every migration is pending.
        if ((error as { code?: string }).code === 'P1014') return readMigrationList(migrationsDir).migrationDirectories.map((d) => d.path);
        throw error;
      }
      const history = (out as { history: { diagnostic: string; unappliedMigrationNames?: string[] } | null }).history;
      if (!history) return [];
      if (history.diagnostic === 'databaseIsBehind') return history.unappliedMigrationNames ?? [];
      throw new Error(`migration history: ${JSON.stringify(history)}`);
    },
    async applyMigrations(migrationsDir) {
      const out = await engine.applyMigrations({ migrationsList: readMigrationList(migrationsDir), filters: noFilters } as never);
      return (out as { appliedMigrationNames: string[] }).appliedMigrationNames;
    },
    close() {
      engine.free();
    },
  };
}
