import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { tempDir } from '../support/app.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const dir = tempDir();
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

it('npm run demo builds a demo town on its own database, prints a staff account that signs in, and serves it', async () => {
  const child = spawn('npm', ['run', 'demo'], {
    cwd: ROOT,
    detached: true,
    env: { ...process.env, DEMO_DATABASE_URL: `file:${path.join(dir, 'demo.db')}`, PORT: '0', HOST: '127.0.0.1', TELEGRAM_BOT_TOKEN: '', IMAP_URL: '', SMTP_URL: '' },
  });
  let out = '';
  child.stdout.on('data', (b: Buffer) => (out += b.toString()));
  child.stderr.on('data', (b: Buffer) => (out += b.toString()));
  const exited = new Promise((resolve) => child.on('exit', resolve));
  try {
    const deadline = Date.now() + 60_000;
    while (!/Tableau de bord : (http:\/\/\S+)/.test(out) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    const url = /Tableau de bord : (http:\/\/\S+)\//.exec(out)?.[1];
    expect(url, out).toBeDefined();
    const email = /Compte agent : (\S+)/.exec(out)?.[1];
    const password = /Mot de passe : (\S+)/.exec(out)?.[1];
    expect(email && password, out).toBeTruthy();
    expect(fs.existsSync(path.join(dir, 'demo.db'))).toBe(true);

    const login = await fetch(`${url}/connexion`);
    const cookie = String(login.headers.get('set-cookie')).split(';')[0]!;
    const csrf = /name="_csrf" value="([^"]*)"/.exec(await login.text())![1]!;
    const signed = await fetch(`${url}/connexion`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: csrf, email: email!, password: password! }).toString(),
    });
    expect(signed.status).toBe(303);
    expect(signed.headers.get('location')).toBe('/');
    const session = String(signed.headers.get('set-cookie')).split(';')[0]!;
    const families = await (await fetch(`${url}/familles`, { headers: { cookie: session } })).text();
    expect(families).toContain('12 familles');
    const calendar = await (await fetch(`${url}/calendrier`, { headers: { cookie: session } })).text();
    expect(calendar).toContain('formation des animateurs');
    const activity = await (await fetch(`${url}/activite`, { headers: { cookie: session } })).text();
    expect(activity).toContain('Fermeture ajoutée');
  } finally {
    process.kill(-child.pid!, 'SIGTERM');
    await exited;
  }
}, 90_000);
