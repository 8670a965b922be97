/** The database holds families' data: its file and the folder made for it are the owner's only. */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/database.js';
import { tempDir } from '../support/app.js';

let dir: string;
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const mode = (p: string) => fs.statSync(p).mode & 0o777;

it('creates the database file 0600 (its -wal and -shm too) in a new folder 0700', async () => {
  dir = tempDir('portail-private-');
  const file = path.join(dir, 'data', 'nested', 'portail.db');
  const opened = await openDatabase(`file:${file}`);
  try {
    await opened.prisma.setting.create({ data: { key: 'k', value: 'v' } });
    expect(mode(file)).toBe(0o600);
    expect(mode(path.dirname(file))).toBe(0o700);
    expect(mode(path.join(dir, 'data'))).toBe(0o700);
    for (const extra of ['-wal', '-shm']) if (fs.existsSync(file + extra)) expect(mode(file + extra)).toBe(0o600);
  } finally {
    await opened.close();
  }
});

it('tightens an existing database file that others could read, and leaves an existing folder alone', async () => {
  dir = tempDir('portail-private-');
  fs.chmodSync(dir, 0o755);
  const file = path.join(dir, 'old.db');
  fs.writeFileSync(file, '');
  fs.chmodSync(file, 0o644);
  const opened = await openDatabase(`file:${file}`);
  await opened.close();
  expect(mode(file)).toBe(0o600);
  expect(mode(dir)).toBe(0o755);
});
