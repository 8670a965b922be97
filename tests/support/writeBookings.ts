// Commits bookings one transaction at a time until the stop file exists, for
// the backup-under-load test: each booking is a child on a school day,
// booked through the core, and its line "committed CHILD DATE" is printed
// only once its transaction has committed (days without canteen are skipped).
//   tsx tests/support/writeBookings.ts DATABASE_URL STOP_FILE CHILD_ID...
import fs from 'node:fs';
import { buildApp } from '../../src/app.js';
import { loadTownConfig } from '../../src/config/town.js';
import { bookChildren } from '../../src/core/bookings/bookChildren.js';
import { ChildId, GuardianId } from '../../src/core/ids.js';
import { addDays, isoDate, type IsoDate } from '../../src/core/time.js';

const [url, stopFile, ...children] = process.argv.slice(2) as [string, string, ...string[]];
const app = await buildApp({ databaseUrl: url, town: loadTownConfig() });
const now = new Date('2026-11-30T08:00:00Z');
const days: IsoDate[] = [];
for (let d = isoDate('2026-12-01'); days.length < 300; d = addDays(d, 1)) days.push(d);
process.stdout.write('ready\n');
let n = 0;
outer: for (const date of days) {
  for (const child of children) {
    if (fs.existsSync(stopFile)) break outer;
    const [out] = await bookChildren(
      { store: app.store, town: app.town },
      { actor: { type: 'guardian', id: GuardianId(1) }, channel: 'telegram', now, childIds: [ChildId(Number(child))], serviceCodes: ['canteen'], dates: [date] },
    );
    if (out?.outcome === 'refused') continue; // a day without canteen
    if (out?.outcome !== 'booked') throw new Error(`not booked: ${JSON.stringify(out)}`);
    process.stdout.write(`committed ${child} ${date}\n`);
    n++;
  }
}
process.stdout.write(`done ${n}\n`);
await app.close();
