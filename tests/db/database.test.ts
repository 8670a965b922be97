/**
 * Opening the database a second time in one process (the dashboard's
 * sandbox does, for "try it" and the import preview) must leave the first
 * connection's locks alone. It used to open and close the file with fs,
 * which drops every POSIX lock the process holds on it, SQLite's shared lock
 * included: another process's SQLite (the sqlite3 shell, Python's sqlite3)
 * closing the file then believed itself the last one, checkpointed and
 * deleted the -wal the server was still writing to, and all the server
 * wrote after that was gone at its next restart (seen with the dashboard:
 * sign-outs and sign-ins after "Essayer" forgotten).
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/database.js';
import { tempDir } from '../support/app.js';

let dir: string;
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

/** The POSIX locks this process holds on `file`, from Linux's /proc/locks ("… READ PID MAJ:MIN:INODE START END"). */
function locksHeld(file: string): string[] {
  const inode = fs.statSync(file).ino;
  return fs
    .readFileSync('/proc/locks', 'utf8')
    .split('\n')
    .filter((l) => l.includes(' POSIX ') && l.includes(` ${process.pid} `) && l.includes(`:${inode} `))
    // Without the line's own number, which changes as other locks come and go.
    .map((l) => l.replace(/^\d+:\s*/, ''));
}

it('a second opening in the process keeps the first one’s shared lock on the file, so no other process takes our -wal away', async () => {
  dir = tempDir('portail-second-');
  const file = path.join(dir, 'portail.db');
  const first = await openDatabase(`file:${file}`);
  try {
    await first.prisma.setting.create({ data: { key: 'before', value: '1' } });
    const held = locksHeld(file);
    expect(held.length).toBeGreaterThan(0);
    const second = await openDatabase(`file:${file}`);
    try {
      expect(locksHeld(file)).toEqual(held);
      await first.prisma.setting.create({ data: { key: 'after', value: '2' } });
      expect(await second.prisma.setting.count()).toBe(2);
    } finally {
      await second.close();
    }
    expect(locksHeld(file)).toEqual(held);
  } finally {
    await first.close();
  }
  const again = await openDatabase(`file:${file}`);
  try {
    expect(await again.prisma.setting.count()).toBe(2);
  } finally {
    await again.close();
  }
});
