import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { tempDir } from './support/app.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const dir = tempDir();
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

it('npm start migrates a new database, serves the dashboard, and stops cleanly when its process group gets SIGTERM twice', async () => {
  const dbFile = path.join(dir, 'sub', 'portail.db');
  const child = spawn('npm', ['start'], {
    cwd: ROOT,
    detached: true,
    env: { ...process.env, DATABASE_URL: `file:${dbFile}`, PORT: '0', HOST: '127.0.0.1' },
  });
  let out = '';
  child.stdout.on('data', (b: Buffer) => (out += b.toString()));
  child.stderr.on('data', (b: Buffer) => (out += b.toString()));
  const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) => child.on('close', (code, signal) => resolve({ code, signal })));

  const deadline = Date.now() + 30_000;
  while (!/Tableau de bord : (http:\/\/\S+)/.test(out) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  const url = /Tableau de bord : (http:\/\/\S+)/.exec(out)?.[1];
  expect(url, out).toBeDefined();
  expect(out).toContain('staff-add');
  expect(fs.existsSync(dbFile)).toBe(true);

  // The dashboard asks staff to sign in first.
  const home = await fetch(url!, { redirect: 'manual' });
  expect(home.status).toBe(302);
  expect(home.headers.get('location')).toMatch(/\/connexion/);
  const signIn = await fetch(new URL('/connexion', url!));
  expect(signIn.status).toBe(200);
  expect(await signIn.text()).toContain('<form');

  process.kill(-child.pid!, 'SIGTERM');
  process.kill(-child.pid!, 'SIGTERM');
  const { code, signal } = await exited;
  // 'close' waits for every process holding the output (npm, sh, tsx, node) to end.
  // The server shuts down cleanly; npm, which got the signal too, then re-raises it on itself.
  expect(out).toContain('Arrêté proprement.');
  expect(out).not.toContain('Arrêt forcé');
  expect(code === 0 || signal === 'SIGTERM', `${code} ${signal}`).toBe(true);
}, 60_000);
