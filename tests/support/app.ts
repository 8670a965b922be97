/** Builds the real application on a fresh SQLite file in a temporary folder. */
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

export interface TestApp extends App {
  dir: string;
  /** Closes the database and removes the folder. */
  dispose(): Promise<void>;
}

/** A temporary folder for one test file. */
export function tempDir(prefix = 'portail-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** The application on a new database, with the town's configuration (changed by `tweak` if given). */
export async function testApp(tweak?: (config: TownConfig) => void): Promise<TestApp> {
  const dir = tempDir();
  const config = loadTownConfig();
  tweak?.(config);
  const app = await buildApp({ databaseUrl: `file:${path.join(dir, 'test.db')}`, town: config });
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
