/**
 * What an outsider with a copy of the files or of the logs could read, after
 * the real `admin -- activate` has sent its welcome emails over SMTP and
 * `admin -- backup` has copied the database: no activation code anywhere in
 * the database (its -wal and -shm too) nor in the backup (codes are kept as
 * keyed hashes, the welcome email's code sealed then forgotten once sent);
 * the database and the backup, which hold the families' addresses, readable
 * by their owner only; no address in clear in what the commands log.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { loadTownConfig } from '../../src/config/town.js';
import { addFamily, tempDir } from '../support/app.js';
import { startSmtpReceiver, type SmtpReceiver } from '../support/smtpReceiver.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const SECRET = 'secrets-at-rest-test-secret-0123456789';
let dir: string;
let smtp: SmtpReceiver;
beforeAll(async () => {
  dir = tempDir('portail-at-rest-');
  smtp = await startSmtpReceiver();
});
afterAll(async () => {
  await smtp.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

function admin(db: string, args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const childEnv = { ...process.env, DATABASE_URL: `file:${db}`, APP_SECRET: SECRET, TELEGRAM_BOT_TOKEN: '', TELEGRAM_BOT_USERNAME: 'portail_test_bot', IMAP_URL: '', SMTP_URL: '', ...env };
    execFile(process.execPath, ['scripts/launch.mjs', 'src/admin/cli.ts', ...args], { cwd: ROOT, env: childEnv, timeout: 120_000 }, (error, stdout, stderr) => {
      const code = error ? error.code : 0;
      if (typeof code !== 'number') reject(error);
      else resolve({ code, stdout, stderr });
    });
  });
}

const mode = (file: string) => fs.statSync(file).mode & 0o777;
/** An address in clear (a masked one reads "c***@example.fr"). */
const CLEAR_ADDRESS = /[A-Za-z0-9._%+-]+@example\.fr/;

it('keeps no activation code readable at rest, the database and its backup private, and no address in the logs', async () => {
  const db = path.join(dir, 'data', 'portail.db');
  const app = await buildApp({ databaseUrl: `file:${db}`, town: loadTownConfig(), appSecret: SECRET });
  try {
    await addFamily(app, 'F-0001', ['Léa', 'Tom']);
    await addFamily(app, 'F-0002', ['Noé']);
  } finally {
    await app.close();
  }

  const codes: string[] = [];
  const logs: string[] = [];
  for (const reference of ['F-0001', 'F-0002']) {
    // One of the sends is refused first (the command tells, and the next run sends it).
    if (reference === 'F-0002') smtp.failNext(1, 550);
    const run = await admin(db, ['activate', reference], { SMTP_URL: smtp.url });
    expect(run.code).toBe(0);
    logs.push(run.stderr);
    for (const line of run.stdout.trim().split('\n')) codes.push(line.split('\t')[1]!);
  }
  expect(codes).toHaveLength(2);
  expect(codes.every((c) => /^[A-Z0-9]{6,}$/.test(c.replace(/-/g, '')))).toBe(true);
  // The first welcome email went out with its code (the second was refused once, and waits).
  const first = await smtp.waitFor((m) => m.envelope.rcptTo.includes('parent-f-0001@example.fr'));
  expect(first.parsed.text).toContain(codes[0]);

  const backupDir = path.join(dir, 'backups');
  fs.mkdirSync(backupDir);
  const backup = path.join(backupDir, 'copie.db');
  const copied = await admin(db, ['backup', backup]);
  expect(copied).toMatchObject({ code: 0, stdout: `${backup}\n` });
  logs.push(copied.stderr);

  // Not one code in any file of the database or in the backup, as typed or without its dashes.
  const files = [db, `${db}-wal`, `${db}-shm`, backup].filter((f) => fs.existsSync(f));
  for (const file of files) {
    const bytes = fs.readFileSync(file);
    for (const code of codes) {
      expect(bytes.includes(Buffer.from(code)), `${code} in ${path.basename(file)}`).toBe(false);
      expect(bytes.includes(Buffer.from(code.replace(/-/g, ''))), `${code} in ${path.basename(file)}`).toBe(false);
    }
  }
  // The addresses are there (they are needed to write), in files only their owner can read.
  expect(fs.readFileSync(backup).includes(Buffer.from('parent-f-0001@example.fr'))).toBe(true);
  for (const file of files) expect(mode(file), path.basename(file)).toBe(0o600);
  expect(mode(path.dirname(db))).toBe(0o700);
  // The logs: no address in clear, no code.
  for (const log of logs) {
    expect(log).not.toMatch(CLEAR_ADDRESS);
    for (const code of codes) expect(log).not.toContain(code);
  }
}, 240_000);
