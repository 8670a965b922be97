import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keepLease, liveHolders, releaseLease, tryLease } from '../../src/db/lease.js';
import { PROVIDERS, testApp, type TestApp } from '../support/app.js';

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
});
