/**
 * Builds the real application on a fresh database: a SQLite file in a
 * temporary folder, or (provider 'postgresql') a new database on this test
 * process's private PostgreSQL cluster (tests/support/postgres.ts).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildApp, type App } from '../../src/app.js';
import { loadTownConfig } from '../../src/config/town.js';
import type { TownConfig } from '../../src/core/config.js';
import { parseFamiliesCsv } from '../../src/core/families/parseFamiliesCsv.js';
import { importFamilies } from '../../src/core/families/importFamilies.js';
import type { FamilyRecord } from '../../src/core/ports.js';
import type { IsoDate } from '../../src/core/time.js';
import type { Provider } from '../../src/db/provider.js';
import { requirePostgres, startPostgres, type PostgresCluster } from './postgres.js';

/**
 * The providers the database tests run on: SQLite, and PostgreSQL when its
 * Debian package is installed (skipped with the reason otherwise; required
 * when CI=true). Use with describe.each(PROVIDERS).
 */
export const PROVIDERS: Provider[] = requirePostgres() ? ['sqlite', 'postgresql'] : ['sqlite'];

let cluster: Promise<PostgresCluster> | undefined;

/** This test process's PostgreSQL cluster, started on first use and stopped when the process exits. */
export function sharedPostgres(): Promise<PostgresCluster> {
  cluster ??= startPostgres();
  return cluster;
}

/** A fresh, empty database of `provider` in `dir`: its DATABASE_URL. */
export async function freshDatabaseUrl(provider: Provider, dir: string): Promise<string> {
  return provider === 'postgresql' ? (await sharedPostgres()).createDatabase() : `file:${path.join(dir, 'test.db')}`;
}

export interface TestApp extends App {
  dir: string;
  /** Closes the database and removes the folder. */
  dispose(): Promise<void>;
}

/** A temporary folder for one test file. */
export function tempDir(prefix = 'portail-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/**
 * The provider of test apps that name none: SQLite, or TEST_DATABASE_PROVIDER
 * (`TEST_DATABASE_PROVIDER=postgresql npx vitest run tests/bot` runs any
 * suite built on testApp against PostgreSQL).
 */
const defaultProvider: Provider = process.env.TEST_DATABASE_PROVIDER === 'postgresql' ? 'postgresql' : 'sqlite';

/** The application on a new database, with the town's configuration (changed by `tweak` if given). */
export async function testApp(tweak?: (config: TownConfig) => void, provider: Provider = defaultProvider): Promise<TestApp> {
  const dir = tempDir();
  const config = loadTownConfig();
  tweak?.(config);
  const app = await buildApp({ databaseUrl: await freshDatabaseUrl(provider, dir), town: config });
  return {
    ...app,
    dir,
    async dispose() {
      await app.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const CSV_HEADER = 'famille;responsable;email;telephone;enfant;nom;naissance;ecole;classe;regime;pai';

/**
 * Adds a family through the real import: `children` are first names (last
 * name = the reference's), one guardian guardian-REF@example.fr.
 */
export async function addFamily(app: App, reference: string, children: string[]): Promise<FamilyRecord> {
  const lines = children.map((c) => `${reference};Parent ${reference};parent-${reference.toLowerCase()}@example.fr;0612345678;${c};Nom${reference};2018-03-14;Jules Ferry;CE1;standard;non`);
  const parsed = parseFamiliesCsv([CSV_HEADER, ...lines].join('\n'), '2026-11-28' as IsoDate);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  await importFamilies({ families: app.families }, { families: parsed.families, actor: { type: 'system' }, channel: 'admin', now: new Date('2026-11-28T10:00:00Z') });
  return (await app.families.byReference(reference))!;
}
