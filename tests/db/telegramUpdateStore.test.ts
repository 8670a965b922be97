import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TelegramUpdateStore, type RawUpdate } from '../../src/db/telegramUpdateStore.js';
import { PROVIDERS, testApp, type TestApp } from '../support/app.js';

describe.each(PROVIDERS)('Telegram update ids past 32 bits on %s', (provider) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await testApp(undefined, provider);
  });
  afterAll(() => app.dispose());

  // Telegram's update ids fit in 52 bits: both ends of what a 32-bit column could not hold.
  const ids = [2 ** 31 + 5, 2 ** 52 - 1];
  const now = new Date('2026-12-02T08:00:00Z');
  const chatOf = () => '42';

  it('stores, redelivers and handles each such update exactly once', async () => {
    const store = new TelegramUpdateStore(app.db);
    const updates: RawUpdate[] = ids.map((update_id) => ({ update_id }));
    await store.receive(updates, chatOf, now);
    await store.receive(updates, chatOf, new Date(now.getTime() + 1_000)); // fetched again before confirmed: not doubled
    expect(await app.db.telegramUpdate.count()).toBe(2);
    expect((await store.pending()).map((u) => u.update_id)).toEqual(ids);

    let runs = 0;
    const handle = async () => {
      runs++;
      return [{ channel: 'telegram' as const, recipient: '42', body: 'ok', kind: 'reply' }];
    };
    for (const id of ids) expect(await store.handleOnce(id, '42', now, handle)).toBe(true);
    for (const id of ids) expect(await store.handleOnce(id, '42', now, handle)).toBe(false); // redelivered after it was handled
    expect(runs).toBe(2);
    expect(await store.pending()).toEqual([]);
    expect(await app.db.outbox.count({ where: { channel: 'telegram' } })).toBe(2);
    expect((await app.db.telegramUpdate.findMany({ orderBy: { updateId: 'asc' } })).map((r) => r.updateId)).toEqual(ids.map(BigInt));
  });
});
