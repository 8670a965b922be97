import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startNightlyRetention } from '../src/nightlyRetention.js';
import { addFamily, testApp, type TestApp } from './support/app.js';

let app: TestApp;
beforeEach(async () => {
  app = await testApp();
});
afterEach(() => app.dispose());

describe('the nightly retention of npm start', () => {
  it('runs once soon after start, then at runAt on the town clock, and says what it removed without naming anyone', async () => {
    const family = await addFamily(app, 'F-0001', ['Léa']);
    const now = new Date('2026-12-01T12:00:00Z');
    const long = new Date(now.getTime() - 400 * 86_400_000);
    await app.db.inboundMessage.create({ data: { channel: 'email', externalId: '<m1@example.fr>', guardianId: family.guardians[0]!.id, receivedAt: long } });
    await app.db.conversation.create({ data: { guardianId: family.guardians[0]!.id, state: '{}', updatedAt: long } });
    const lines: string[] = [];
    const retention = startNightlyRetention({ app, clock: { now: () => now }, log: (l) => lines.push(l), firstRunAfterMs: 20 });
    try {
      await expect.poll(() => app.db.inboundMessage.count(), { timeout: 5_000 }).toBe(0);
      expect(await app.db.conversation.count()).toBe(0);
      await expect.poll(() => retention.nextRunAt.toISOString()).toBe('2026-12-02T02:30:00.000Z');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^Conservation : 1 message\(s\) reçu\(s\), 0 compteur\(s\) d’adresse, 1 conversation\(s\)/);
      expect(lines[0]).not.toMatch(/@|Léa|F-0001/);
      // Asked again the same night: nothing left, nothing said.
      expect(Object.values(await retention.runNow()).every((n) => n === 0)).toBe(true);
      expect(lines).toHaveLength(1);
    } finally {
      retention.stop();
    }
  });
});
