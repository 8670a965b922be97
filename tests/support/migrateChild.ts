/**
 * A process that applies the migrations of a folder to a database, as
 * `npm start` does at start-up (for tests that kill it in the middle):
 *   node --import tsx tests/support/migrateChild.ts sqlite|postgresql DATABASE_URL DIR
 */
import Database from 'better-sqlite3';
import pg from 'pg';
import { applyMigrations, applyPostgresMigrations } from '../../src/db/migrate.js';
import { sqlitePath } from '../../src/db/database.js';

const [provider, url, dir] = process.argv.slice(2) as [string, string, string];
if (provider === 'postgresql') {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  console.log((await applyPostgresMigrations(client, dir)).join('\n'));
  await client.end();
} else {
  const db = new Database(sqlitePath(url), { timeout: 10_000 });
  db.pragma('journal_mode = WAL');
  console.log(applyMigrations(db, dir).join('\n'));
  db.close();
}
