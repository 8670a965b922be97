import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backupDatabase, BackupError, nightlyBackup, nightlyBackupName, restoreDatabase } from '../../src/db/backup.js';
import { openDatabase } from '../../src/db/database.js';
import { instanceLeaseName, keepLease } from '../../src/db/lease.js';
import { addFamily, freshDatabaseUrl, PROVIDERS, testApp, type TestApp } from '../support/app.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** The writer process: commits bookings one by one, printing each once committed. */
function writer(url: string, stopFile: string, childIds: number[]) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'tests/support/writeBookings.ts', url, stopFile, ...childIds.map(String)], { cwd: ROOT });
  const committed: string[] = [];
  let buffer = '';
  let err = '';
  let readyResolve: () => void;
  const ready = new Promise<void>((r) => (readyResolve = r));
  child.stdout.on('data', (b: Buffer) => {
    buffer += b.toString();
    const lines = buffer.split('\n');
    buffer = lines.pop()!;
    for (const line of lines) {
      if (line === 'ready') readyResolve();
      const m = /^committed (\d+) (\S+)$/.exec(line);
      if (m) committed.push(`${m[1]}|${m[2]}`);
    }
  });
  child.stderr.on('data', (b: Buffer) => (err += b.toString()));
  const done = new Promise<void>((resolve, reject) => child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`writer exited ${code}: ${err}`)))));
  return { ready, done, committed };
}

async function bookingKeys(url: string): Promise<{ keys: string[]; countsMatch: boolean }> {
  const opened = await openDatabase(url);
  try {
    const rows = await opened.prisma.booking.findMany({ where: { state: 'booked' }, orderBy: { id: 'asc' } });
    const counts = await opened.prisma.dayCount.findMany();
    const perDay = new Map<string, number>();
    for (const r of rows) perDay.set(`${r.serviceCode}|${r.date}`, (perDay.get(`${r.serviceCode}|${r.date}`) ?? 0) + 1);
    const countsMatch = counts.every((c) => c.booked === (perDay.get(`${c.serviceCode}|${c.date}`) ?? 0));
    return { keys: rows.map((r) => `${r.childId}|${r.date}`), countsMatch };
  } finally {
    await opened.close();
  }
}

describe.each(PROVIDERS)('backup and restore on %s', (provider) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await testApp(undefined, provider);
  });
  afterAll(() => app.dispose());

  it('takes a backup under write load that restores every booking committed before it, and no half of a transaction', async () => {
    const fam = await addFamily(app, 'F-0700', ['Ana', 'Bob', 'Cid']);
    const ids = fam.children.map((c) => c.id as number);
    const stopFile = path.join(app.dir, 'stop');
    const w = writer(app.databaseUrl, stopFile, ids);
    await w.ready;
    while (w.committed.length < 30) await new Promise((r) => setTimeout(r, 20));
    const before = [...w.committed];
    const file = path.join(app.dir, provider === 'sqlite' ? 'backup.db' : 'backup.pgdump');
    expect(await backupDatabase(app.databaseUrl, file)).toBe(file);
    const duringOrAfter = w.committed.length;
    // The writer goes on after the backup (on a loaded machine it may not have committed during it).
    const until = Date.now() + 20_000;
    while (w.committed.length <= before.length && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
    fs.writeFileSync(stopFile, '');
    await w.done;
    expect(w.committed.length).toBeGreaterThan(before.length); // the writer went on writing while and after the backup was taken

    const target = await freshDatabaseUrl(provider, path.join(app.dir, 'restored'));
    if (provider === 'sqlite') fs.mkdirSync(path.join(app.dir, 'restored'));
    await restoreDatabase(target, file);
    const restored = await bookingKeys(target);
    // Every booking committed before the backup began is there…
    for (const key of before) expect(restored.keys).toContain(key);
    // …and what is there is exactly the first N commits of the writer: a snapshot, no gap.
    expect(restored.keys.length).toBeLessThanOrEqual(w.committed.length);
    expect([...restored.keys].sort()).toEqual(w.committed.slice(0, restored.keys.length).sort());
    expect(restored.keys.length).toBeGreaterThanOrEqual(before.length);
    expect(restored.countsMatch).toBe(true);
    console.log(`${provider}: ${before.length} bookings committed before the backup, ${duringOrAfter} once it returned, ${restored.keys.length} in it, ${w.committed.length} in all`);
  }, 120_000);

  it('refuses to restore while a process holds its instance lease on the database, then restores once it has stopped', async () => {
    const file = path.join(app.dir, provider === 'sqlite' ? 'refuse.db' : 'refuse.pgdump');
    await backupDatabase(app.databaseUrl, file);
    const running = keepLease(app.db, instanceLeaseName('test-host:1234:abcd'), { holder: 'test-host:1234:abcd' });
    await running.ready;
    expect(running.held()).toBe(true);
    await expect(restoreDatabase(app.databaseUrl, file)).rejects.toThrow(/Restauration refusée.*test-host:1234:abcd/);
    await running.stop();
    if (provider === 'sqlite') await app.close(); // our own connection must not outlive the swap
    await expect(restoreDatabase(app.databaseUrl, file)).resolves.toMatchObject({ migrated: [] });
  }, 60_000);

  it('refuses a file that is not one of our backups, and leaves the database as it was', async () => {
    const junk = path.join(app.dir, 'junk');
    fs.writeFileSync(junk, 'not a database at all');
    await expect(restoreDatabase(app.databaseUrl, junk)).rejects.toThrow(BackupError);
    await expect(restoreDatabase(app.databaseUrl, path.join(app.dir, 'missing'))).rejects.toThrow(/introuvable/);
    const opened = await openDatabase(app.databaseUrl);
    try {
      expect(await opened.prisma.family.count()).toBeGreaterThan(0);
    } finally {
      await opened.close();
    }
  });

  it('keeps one dated backup a day and only the newest BACKUP_KEEP of them', async () => {
    const dir = path.join(app.dir, 'nightly');
    const days = ['2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04'];
    for (const today of days) expect(await nightlyBackup({ databaseUrl: app.databaseUrl, dir, keep: 2, today })).toBe(path.join(dir, nightlyBackupName(provider, today)));
    expect(await nightlyBackup({ databaseUrl: app.databaseUrl, dir, keep: 2, today: '2026-12-04' })).toBeNull();
    expect(fs.readdirSync(dir).sort()).toEqual(days.slice(2).map((d) => nightlyBackupName(provider, d)));
  }, 60_000);
});
