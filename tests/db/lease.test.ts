import { spawnSync } from 'node:child_process';
import os from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminLeaseName, instanceLeaseName, keepLease, liveHolders, PROCESS_HOLDER, reapDead, releaseLease, serviceRunning, tryLease } from '../../src/db/lease.js';
import { enqueue, PrismaOutboxStore } from '../../src/db/outboxStore.js';
import { PROVIDERS, testApp, type TestApp } from '../support/app.js';

/** A holder name for a process of this host that has exited. */
function deadHolder(): string {
  const child = spawnSync(process.execPath, ['-e', 'console.log(process.pid)'], { encoding: 'utf8' });
  return `${os.hostname()}:${child.stdout.trim()}:dead`;
}

describe.each(PROVIDERS)('leases on %s', (provider) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await testApp(undefined, provider);
  });
  afterAll(() => app.dispose());

  const t0 = new Date('2026-12-01T08:00:00Z');
  const at = (ms: number) => new Date(t0.getTime() + ms);

  it('gives a free lease to one holder, keeps it from others until it expires, then lets another take it over', async () => {
    expect(await tryLease(app.db, 'leader:test', 'a', 15_000, t0)).toBe(true);
    expect(await tryLease(app.db, 'leader:test', 'b', 15_000, at(1_000))).toBe(false);
    expect(await tryLease(app.db, 'leader:test', 'a', 15_000, at(5_000))).toBe(true); // renewed: now until 20 s
    expect(await tryLease(app.db, 'leader:test', 'b', 15_000, at(16_000))).toBe(false);
    expect(await tryLease(app.db, 'leader:test', 'b', 15_000, at(20_001))).toBe(true); // a stopped renewing: taken over
    expect(await tryLease(app.db, 'leader:test', 'a', 15_000, at(21_000))).toBe(false);
    await releaseLease(app.db, 'leader:test', 'b');
    expect(await tryLease(app.db, 'leader:test', 'a', 15_000, at(22_000))).toBe(true);
  });

  it('gives a contested lease to exactly one of many holders trying at the same instant', async () => {
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => tryLease(app.db, 'leader:race', `h${i}`, 15_000, t0)));
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it('keeps a lease in the background, tells when it is gained and lost, and gives it up when stopped', async () => {
    const changes: string[] = [];
    const a = keepLease(app.db, 'leader:kept', { holder: 'a', ttlMs: 600, renewMs: 100, onChange: (held) => changes.push(`a:${held}`) });
    await a.ready;
    const b = keepLease(app.db, 'leader:kept', { holder: 'b', ttlMs: 600, renewMs: 100, onChange: (held) => changes.push(`b:${held}`) });
    await b.ready;
    await new Promise((r) => setTimeout(r, 800)); // a keeps renewing: b never gets it
    expect([a.held(), b.held()]).toEqual([true, false]);
    expect((await liveHolders(app.db, 'leader:kept', new Date())).map((h) => h.holder)).toEqual(['a']);
    await a.stop(); // released: b takes it at its next try, without waiting for the expiry
    for (let i = 0; i < 50 && !b.held(); i++) await new Promise((r) => setTimeout(r, 50));
    expect(b.held()).toBe(true);
    await b.stop();
    expect(changes).toEqual(['a:true', 'a:false', 'b:true', 'b:false']);
    expect(await liveHolders(app.db, 'leader:kept', new Date())).toEqual([]);
  });

  it('tells admin commands whether a service runs: a live instance lease of a live process, not an expired one nor a killed one', async () => {
    await app.db.lease.deleteMany();
    const now = new Date();
    expect(await serviceRunning(app.db, now)).toBe(false);
    const killed = deadHolder();
    await tryLease(app.db, instanceLeaseName(killed), killed, 15_000, now); // SIGKILLed a moment ago, on this host
    await tryLease(app.db, instanceLeaseName('elsewhere:1:ab'), 'elsewhere:1:ab', 15_000, new Date(now.getTime() - 20_000)); // expired
    await tryLease(app.db, adminLeaseName(), PROCESS_HOLDER, 60_000, now); // an admin command is not a service
    expect(await serviceRunning(app.db, now)).toBe(false);
    await tryLease(app.db, instanceLeaseName(), PROCESS_HOLDER, 15_000, now);
    expect(await serviceRunning(app.db, now)).toBe(true);
    await releaseLease(app.db, instanceLeaseName(), PROCESS_HOLDER);
    expect(await serviceRunning(app.db, now)).toBe(false);
  });

  it('reaps the processes that are gone: their rows (job leases too, so another takes them at once) and their outbox claims, and no live one', async () => {
    await app.db.lease.deleteMany();
    const now = new Date();
    const killed = deadHolder();
    const remote = 'elsewhere:1:ab';
    await tryLease(app.db, instanceLeaseName(killed), killed, 15_000, now);
    await tryLease(app.db, 'leader:outbox', killed, 15_000, now);
    await tryLease(app.db, instanceLeaseName(remote), remote, 15_000, new Date(now.getTime() - 20_000)); // stopped renewing on another host
    await tryLease(app.db, instanceLeaseName('elsewhere:2:cd'), 'elsewhere:2:cd', 15_000, now); // alive on another host
    await tryLease(app.db, instanceLeaseName(), PROCESS_HOLDER, 15_000, now);
    await tryLease(app.db, 'leader:mail', PROCESS_HOLDER, 15_000, now);
    await enqueue(app.db, [{ channel: 'email', recipient: 'a@example.org', body: 'x', kind: 'reply' }], now);
    const outbox = new PrismaOutboxStore(app.db);
    const claim = await outbox.claimDue('email', now, { holder: killed, leaseMs: 300_000, limit: 10, maxAttempts: 12 });
    expect(claim.messages).toHaveLength(1);

    expect((await reapDead(app.db, now)).sort()).toEqual([killed, remote].sort());
    expect((await app.db.lease.findMany()).map((r) => `${r.name}=${r.holder}`).sort()).toEqual(
      [`instance:${PROCESS_HOLDER}=${PROCESS_HOLDER}`, 'instance:elsewhere:2:cd=elsewhere:2:cd', `leader:mail=${PROCESS_HOLDER}`].sort(),
    );
    expect(await outbox.releaseHolders([killed, remote])).toBe(1);
    expect(await tryLease(app.db, 'leader:outbox', PROCESS_HOLDER, 15_000, now)).toBe(true); // taken over without waiting for the expiry
    expect((await outbox.claimDue('email', now, { holder: PROCESS_HOLDER, leaseMs: 300_000, limit: 10, maxAttempts: 12 })).messages).toHaveLength(1);
    expect(await reapDead(app.db, now)).toEqual([]);
  });
});
