import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bookChildren } from '../../src/core/bookings/bookChildren.js';
import { GuardianId } from '../../src/core/ids.js';
import { isoDate } from '../../src/core/time.js';
import { writeTransaction } from '../../src/db/transaction.js';
import { addFamily, PROVIDERS, testApp, type TestApp } from '../support/app.js';


const request = (childId: number) => ({
  actor: { type: 'guardian' as const, id: GuardianId(1) },
  channel: 'email' as const,
  now: new Date('2026-12-01T17:30:00Z'),
  childIds: [childId as never],
  serviceCodes: ['canteen'],
  dates: [isoDate('2026-12-03')],
});

describe.each(PROVIDERS)('on %s', (provider) => {
let app: TestApp;
beforeAll(async () => {
  app = await testApp(undefined, provider);
});
afterAll(() => app.dispose());

it('joins the booking use cases to an outer transaction: all of it commits, or none of it', async () => {
  const fam = await addFamily(app, 'F-0400', ['Ana', 'Bob']);
  const [ana, bob] = fam.children.map((c) => c.id);
  await expect(
    writeTransaction(app.db, async (tx) => {
      await bookChildren({ store: app.store, town: app.town }, request(ana!));
      await tx.outbox.create({ data: { channel: 'email', recipient: 'x@example.fr', body: 'reply' } });
      throw new Error('crash before the message is marked as taken');
    }),
  ).rejects.toThrow('crash');
  expect(await app.db.booking.count()).toBe(0);
  expect(await app.db.outbox.count()).toBe(0);
  expect(await app.db.dayCount.count({ where: { booked: { gt: 0 } } })).toBe(0);

  await writeTransaction(app.db, async (tx) => {
    await bookChildren({ store: app.store, town: app.town }, request(bob!));
    await tx.outbox.create({ data: { channel: 'email', recipient: 'x@example.fr', body: 'reply' } });
  });
  expect(await app.db.booking.count()).toBe(1);
  expect(await app.db.outbox.count()).toBe(1);
});
});
