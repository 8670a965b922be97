import { describe, expect, it } from 'vitest';
import { isActivatedSender, notificationChannel, telegramSender } from '../../../src/core/activation/access.js';
import { FamilyId, GuardianId } from '../../../src/core/ids.js';
import type { GuardianRecord } from '../../../src/core/ports.js';

const guardian = (over: Partial<GuardianRecord>): GuardianRecord => ({
  id: GuardianId(1), familyId: FamilyId(1), name: 'Claire', email: 'claire@example.fr', phone: null, language: 'fr', telegramChatId: null, accessState: 'active', ...over,
});

describe('who may act, and where a family hears', () => {
  it('acts only for an active guardian', () => {
    expect(isActivatedSender(guardian({}))).toBe(true);
    expect(isActivatedSender(guardian({ accessState: 'code_sent' }))).toBe(false);
    expect(isActivatedSender(guardian({ accessState: 'inactive' }))).toBe(false);
  });

  it('speaks for the active guardian whose chat it is, for nobody else', async () => {
    const rows = new Map([
      ['10', guardian({ telegramChatId: '10' })],
      ['11', guardian({ telegramChatId: '11', accessState: 'inactive' })],
    ]);
    const guardians = { byTelegramChat: async (chat: string) => rows.get(chat) ?? null };
    expect((await telegramSender({ guardians }, '10'))?.telegramChatId).toBe('10');
    expect(await telegramSender({ guardians }, '11')).toBeNull();
    expect(await telegramSender({ guardians }, '12')).toBeNull();
  });

  it('tells a family on Telegram once linked, else by email, else not at all', () => {
    expect(notificationChannel(guardian({ telegramChatId: '10' }))).toEqual({ channel: 'telegram', recipient: '10' });
    expect(notificationChannel(guardian({}))).toEqual({ channel: 'email', recipient: 'claire@example.fr' });
    expect(notificationChannel(guardian({ email: null }))).toBeNull();
  });
});
