// Books one child for the canteen in its own process, for the cross-process
// capacity test: prints "ready", waits until the go-file exists, books, and
// prints the outcome as JSON.
//   tsx tests/support/bookInProcess.ts DATABASE_URL CHILD_ID DATE GO_FILE
import fs from 'node:fs';
import { buildApp } from '../../src/app.js';
import { loadTownConfig } from '../../src/config/town.js';
import { bookChildren } from '../../src/core/bookings/bookChildren.js';
import { ChildId, GuardianId } from '../../src/core/ids.js';
import { isoDate } from '../../src/core/time.js';

const [url, childId, date, goFile, capacity] = process.argv.slice(2) as [string, string, string, string, string];
const config = loadTownConfig();
config.services.find((s) => s.code === 'canteen')!.capacity = Number(capacity);
const app = await buildApp({ databaseUrl: url, town: config });
process.stdout.write('ready\n');
while (!fs.existsSync(goFile)) await new Promise((r) => setTimeout(r, 2));
const out = await bookChildren(
  { store: app.store, town: app.town },
  { actor: { type: 'guardian', id: GuardianId(1) }, channel: 'telegram', now: new Date('2026-12-01T17:30:00Z'), childIds: [ChildId(Number(childId))], serviceCodes: ['canteen'], dates: [isoDate(date)] },
);
process.stdout.write(`${JSON.stringify(out[0])}\n`);
await app.close();
