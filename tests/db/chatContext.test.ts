import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { emptyState, type ConversationState } from '../../src/core/conversation/state.js';
import { loadChatContext, primedConversation } from '../../src/db/chatContext.js';
import { addFamily, PROVIDERS, testApp, type TestApp } from '../support/app.js';

describe.each(PROVIDERS)('a Telegram sender read once per update, on %s', (provider) => {
  let app: TestApp;
  beforeEach(async () => {
    app = await testApp(undefined, provider);
  });
  afterEach(() => app.dispose());

  async function linked(chatId: string) {
    const f = await addFamily(app, 'F-0001', ['Léa', 'Tom']);
    await app.db.guardian.update({ where: { id: f.guardians[0]!.id }, data: { telegramChatId: chatId, accessState: 'active', language: 'en' } });
    await app.db.child.update({ where: { id: f.children[1]!.id }, data: { pai: true } });
    return f;
  }

  it('reads the guardian, the family exactly as the family store does, and the saved state', async () => {
    const f = await linked('4242');
    await addFamily(app, 'F-0002', ['Noé']);
    expect(await loadChatContext(app.db, '9999')).toBeNull();
    const context = (await loadChatContext(app.db, '4242'))!;
    expect(context.guardian).toEqual({ ...f.guardians[0], telegramChatId: '4242', accessState: 'active', language: 'en' });
    expect(context.family).toEqual(await app.families.byId(f.id));
    expect(context.family!.children.map((c) => [c.firstName, c.pai])).toEqual([['Léa', false], ['Tom', true]]);
    expect(context.conversation).toBeNull();
    const state: ConversationState = { ...emptyState(), last: { actions: [], at: '2026-12-01T10:00:00.000Z' } };
    await app.conversations.save(context.guardian.id, state, new Date('2026-12-01T10:00:00Z'));
    expect(JSON.parse((await loadChatContext(app.db, '4242'))!.conversation!)).toEqual(state);
  });

  it('gives the conversation what was read, and writes the state back only when it changed', async () => {
    const f = await linked('4242');
    const context = (await loadChatContext(app.db, '4242'))!;
    const deps = primedConversation(app.conversation, context);
    expect(await deps.families.byId(f.id)).toBe(context.family);
    const gid = context.guardian.id;
    // No state saved, none written for an unchanged empty one.
    expect(await deps.conversations.load(gid)).toBeNull();
    await deps.conversations.save(gid, emptyState(), new Date('2026-12-01T10:00:00Z'));
    expect(await app.db.conversation.count()).toBe(0);
    // A changed one is written; the same again is not.
    const state: ConversationState = { ...emptyState(), last: { actions: [], at: '2026-12-01T10:00:00.000Z' } };
    await deps.conversations.save(gid, state, new Date('2026-12-01T10:00:00Z'));
    await deps.conversations.save(gid, structuredClone(state), new Date('2026-12-01T11:00:00Z'));
    const row = await app.db.conversation.findFirst({ where: { guardianId: gid } });
    expect(JSON.parse(row!.state)).toEqual(state);
    expect(row!.updatedAt).toEqual(new Date('2026-12-01T10:00:00Z'));
    // A later load reads the store itself.
    expect(await deps.conversations.load(gid)).toEqual(state);
  });
});
