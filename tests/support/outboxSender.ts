// One outbox sender in its own process, for the race of senders: prints
// "ready", waits until the go-file exists, then sends the due email outbox
// (each message claimed first) pass after pass until a pass finds nothing,
// printing "sent BODY" for each message it sends; the HOLDER named "flaky"
// fails its first three sends. Its clock is the real one, moved on by 15 s
// whenever nothing is due yet (a failed message waits 10 s, then 20 s…), so
// the senders' clocks stay within a minute or two of each other, as
// machines' clocks do.
//   tsx tests/support/outboxSender.ts DATABASE_URL HOLDER GO_FILE
import fs from 'node:fs';
import { buildApp } from '../../src/app.js';
import { loadTownConfig } from '../../src/config/town.js';
import { sendDue } from '../../src/outbox/sendDue.js';

const [url, holder, goFile] = process.argv.slice(2) as [string, string, string];
const app = await buildApp({ databaseUrl: url, town: loadTownConfig(), appSecret: 'outbox-test-app-secret-0123' });
process.stdout.write('ready\n');
while (!fs.existsSync(goFile)) await new Promise((r) => setTimeout(r, 2));
let failures = 0;
let idle = 0;
let ahead = 0;
for (let pass = 0; idle < 3 && pass < 500; pass++) {
  const now = new Date(Date.now() + ahead);
  const sent = await sendDue(
    app,
    'email',
    now,
    async (_to, body) => {
      await new Promise((r) => setTimeout(r, 1 + (body.length % 3)));
      if (holder === 'flaky' && failures < 3) {
        failures++;
        throw new Error('451 try again later');
      }
      process.stdout.write(`sent ${body}\n`);
    },
    { holder, concurrency: 2, limit: 5 },
  );
  const left = await app.db.outbox.count({ where: { sentAt: null } });
  // Only a retry delay is waited out: messages another sender holds are its own
  // until it is done (moving on past their claims would fake a clock minutes ahead).
  const unclaimed = await app.db.outbox.count({ where: { sentAt: null, OR: [{ claimedUntil: null }, { claimedUntil: { lt: now } }] } });
  if (sent === 0 && unclaimed > 0) ahead += 15_000;
  else if (sent === 0 && left > 0) await new Promise((r) => setTimeout(r, 20));
  idle = sent === 0 && left === 0 ? idle + 1 : 0;
}
await app.close();
