/**
 * Prepared statements kept for reuse on SQLite's one connection.
 *
 * Prisma's better-sqlite3 adapter prepares every query afresh
 * (`prepare(sql).bind(args)` then `run()` or `raw().all()`), and SQLite's
 * compiling of a statement often costs more than running it: about 200 µs
 * for the query that reads a Telegram sender's family and state, against
 * tens of µs to run it. Every message runs the same dozen statements, so
 * the connection keeps the last STATEMENTS compiled ones, by their SQL, and
 * hands the adapter a fresh binding of the kept statement each time.
 *
 * better-sqlite3 runs each statement to completion synchronously and the
 * adapter never iterates, so one kept statement is never used twice at
 * once. SQLite itself recompiles a kept statement whose tables changed.
 */
import type Database from 'better-sqlite3';
import type { SqlDriverAdapter, SqlDriverAdapterFactory } from '@prisma/driver-adapter-utils';

/** How many compiled statements are kept (the bot's and the booking core's are a few dozen). */
const STATEMENTS = 256;

type Params = unknown[];

/** What the adapter uses of a statement, over a kept one. */
class Binding {
  private params: Params = [];
  private rawRows = false;
  constructor(private readonly statement: Database.Statement) {}
  get reader(): boolean {
    return this.statement.reader;
  }
  bind(...params: Params): this {
    this.params = params;
    return this;
  }
  raw(on = true): this {
    this.rawRows = on;
    return this;
  }
  columns(): Database.ColumnDefinition[] {
    return this.statement.columns();
  }
  run(...params: Params): Database.RunResult {
    return this.statement.run(...(params.length > 0 ? params : this.params));
  }
  all(...params: Params): unknown[] {
    return this.statement.raw(this.rawRows).all(...(params.length > 0 ? params : this.params));
  }
  get(...params: Params): unknown {
    return this.statement.raw(this.rawRows).get(...(params.length > 0 ? params : this.params));
  }
}

/** Makes `db.prepare` reuse compiled statements (least recently used ones dropped). */
export function keepStatements(db: Database.Database, max = STATEMENTS): void {
  const kept = new Map<string, Database.Statement>();
  const prepare = db.prepare.bind(db);
  db.prepare = ((sql: string) => {
    let statement = kept.get(sql);
    if (statement) {
      kept.delete(sql);
    } else {
      statement = prepare(sql);
      if (kept.size >= max) kept.delete(kept.keys().next().value!);
    }
    kept.set(sql, statement);
    return new Binding(statement);
  }) as unknown as typeof db.prepare;
}

/**
 * The adapter factory, with each connection it opens keeping its statements;
 * `onConnect` is given each such connection.
 */
export function withKeptStatements(factory: SqlDriverAdapterFactory, onConnect?: (connection: Database.Database) => void): SqlDriverAdapterFactory {
  const keep = (adapter: SqlDriverAdapter) => {
    const client = (adapter as unknown as { client?: Database.Database }).client;
    // An adapter version that no longer exposes its connection simply runs without the cache
    // (and the stores' statements go through Prisma).
    if (client && typeof client.prepare === 'function') {
      keepStatements(client);
      onConnect?.(client);
    }
    return adapter;
  };
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => keep(await factory.connect()),
  };
}
