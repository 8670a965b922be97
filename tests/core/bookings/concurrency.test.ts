import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bookChildren } from '../../../src/core/bookings/bookChildren.js';
import { GuardianId } from '../../../src/core/ids.js';
import { isoDate } from '../../../src/core/time.js';
import { addFamily, PROVIDERS, testApp, type TestApp } from '../../support/app.js';

const ROOT = path.resolve(import.meta.dirname, '../../..');

function booker(url: string, childId: number, goFile: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'tests/support/bookInProcess.ts', url, String(childId), '2026-12-03', goFile, '5'], { cwd: ROOT });
  let out = '';
  child.stdout.on('data', (b: Buffer) => (out += b.toString()));
  let err = '';
  child.stderr.on('data', (b: Buffer) => (err += b.toString()));
  const ready = new Promise<void>((resolve, reject) => {
    const timer = setInterval(() => {
      if (out.includes('ready')) {
        clearInterval(timer);
        resolve();
      }
    }, 5);
    child.on('exit', (code) => {
      clearInterval(timer);
      if (!out.includes('ready')) reject(new Error(`booker exited ${code}: ${err}`));
    });
  });
  const done = new Promise<{ outcome: string }>((resolve, reject) =>
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out.trim().split('\n').pop()!)) : reject(new Error(`booker exited ${code}: ${err}`)))),
  );
  return { ready, done };
}

describe.each(PROVIDERS)('on %s', (provider) => {
let app: TestApp;

beforeAll(async () => {
  app = await testApp((c) => {
    c.services.find((s) => s.code === 'canteen')!.capacity = 5;
  }, provider);
});
afterAll(() => app.dispose());

it('gives the last place to exactly one of two processes booking at the same instant', async () => {
  const fam = await addFamily(app, 'F-0100', ['A', 'B', 'C', 'D', 'E', 'F']);
  const ids = fam.children.map((c) => c.id);
  // Four of five places taken; two processes race for the fifth.
  await bookChildren(
    { store: app.store, town: app.town },
    { actor: { type: 'guardian', id: GuardianId(1) }, channel: 'telegram', now: new Date('2026-12-01T17:30:00Z'), childIds: ids.slice(0, 4), serviceCodes: ['canteen'], dates: [isoDate('2026-12-03')] },
  );
  const url = app.databaseUrl;
  const goFile = path.join(app.dir, 'go');
  const a = booker(url, ids[4]!, goFile);
  const b = booker(url, ids[5]!, goFile);
  await Promise.all([a.ready, b.ready]);
  fs.writeFileSync(goFile, '');
  const outcomes = (await Promise.all([a.done, b.done])).map((o) => o.outcome).sort();
  expect(outcomes).toEqual(['booked', 'waiting_list']);
  expect(await app.db.booking.count({ where: { serviceCode: 'canteen', date: '2026-12-03', state: 'booked' } })).toBe(5);
}, 60_000);
});
