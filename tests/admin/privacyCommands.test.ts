/**
 * The personal-data admin commands: export-family REF [FILE], erase-family
 * REF, apply-retention. Run in-process through `runAdmin` (the same code
 * `npm run --silent admin --` runs), plus once through npm for stdout.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAdmin } from '../../src/admin/cli.js';
import { buildApp } from '../../src/app.js';
import { loadTownConfig } from '../../src/config/town.js';
import { addFamily, tempDir } from '../support/app.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
let dir: string;
let db: string;

async function admin(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runAdmin(args, { out: (l) => out.push(l), err: (l) => err.push(l) }, { DATABASE_URL: `file:${db}` });
  return { code, out, err };
}

beforeAll(async () => {
  dir = tempDir();
  db = path.join(dir, 'admin.db');
  const app = await buildApp({ databaseUrl: `file:${db}`, town: loadTownConfig() });
  await addFamily(app, 'F-0001', ['Léa', 'Tom']);
  await addFamily(app, 'F-0002', ['Noé']);
  await app.close();
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('export-family, erase-family, apply-retention', () => {
  it('prints one JSON document on stdout through npm', async () => {
    const stdout = await new Promise<string>((resolve, reject) =>
      execFile('npm', ['run', '--silent', 'admin', '--', 'export-family', 'F-0002'], { cwd: ROOT, env: { ...process.env, DATABASE_URL: `file:${db}` }, timeout: 55_000 }, (e, out) =>
        e ? reject(e) : resolve(out),
      ),
    );
    const doc = JSON.parse(stdout);
    expect(doc).toMatchObject({ format: 'portail-famille/family-export', reference: 'F-0002', children: [{ firstName: 'Noé' }] });
  }, 60_000);

  it('writes the document to FILE, readable by its owner only, and refuses an unknown family', async () => {
    const file = path.join(dir, 'f1.json');
    expect(await admin(['export-family', 'F-0001', file])).toEqual({ code: 0, out: [file], err: [] });
    const doc = JSON.parse(fs.readFileSync(file, 'utf8'));
    expect(doc.guardians[0].email).toBe('parent-f-0001@example.fr');
    expect(fs.statSync(file).mode & 0o077).toBe(0);
    expect(await admin(['export-family', 'F-9999'])).toEqual({ code: 1, out: [], err: ['Famille inconnue : F-9999'] });
    expect((await admin(['export-family'])).code).toBe(2);
  });

  it('erases a family, after which it is unknown, and applies the retention on demand', async () => {
    const erased = await admin(['erase-family', 'F-0001']);
    expect(erased.code).toBe(0);
    expect(erased.out[0]).toMatch(/^Famille F-0001 effacée : 1 responsable\(s\) et leurs accès supprimés, 2 enfant\(s\) anonymisé\(s\)/);
    expect(await admin(['bookings', 'F-0001'])).toMatchObject({ code: 1, err: ['Famille inconnue : F-0001'] });
    expect(await admin(['erase-family', 'F-0001'])).toMatchObject({ code: 1 });
    const retention = await admin(['apply-retention']);
    expect(retention).toMatchObject({ code: 0, err: [] });
    expect(retention.out[0]).toMatch(/^Conservation appliquée : 0 message\(s\) reçu\(s\)/);
  });
});
