/** A conversation on a real SQLite file: say, press, and the bookings as lines. */
import { handleButton, handleMessage } from '../../../src/core/conversation/converse.js';
import type { Reply } from '../../../src/core/conversation/types.js';
import type { FamilyRecord, GuardianRecord } from '../../../src/core/ports.js';
import { addFamily, testApp, type TestApp } from '../../support/app.js';

export interface Chat {
  app: TestApp;
  family: FamilyRecord;
  guardian: GuardianRecord;
  say(text: string, at?: Date): Promise<Reply>;
  press(r: Reply, label: string, at?: Date): Promise<Reply>;
  /** "Léa canteen 2026-12-03 booked", sorted by date, then service. */
  states(): Promise<string[]>;
  dispose(): Promise<void>;
}

export async function chat(children: string[], now: Date, language: 'fr' | 'en' = 'fr'): Promise<Chat> {
  const app = await testApp();
  const family = await addFamily(app, 'F-0001', children);
  if (language === 'en') await app.db.guardian.updateMany({ data: { language: 'en' } });
  const guardian = language === 'en' ? { ...family.guardians[0]!, language: 'en' as const } : family.guardians[0]!;
  return {
    app,
    family,
    guardian,
    say: (text, at = now) => handleMessage(app.conversation, { guardian, channel: 'telegram', text, now: at }) as Promise<Reply>,
    press: (r, label, at = now) => {
      const button = r.buttons.flat().find((b) => b.label === label);
      if (!button) throw new Error(`no button ${label} in ${JSON.stringify(r.buttons)}`);
      return handleButton(app.conversation, { guardian, channel: 'telegram', data: button.data, now: at }) as Promise<Reply>;
    },
    states: async () =>
      (await app.db.booking.findMany({ include: { child: true }, orderBy: [{ date: 'asc' }, { serviceCode: 'asc' }, { childId: 'asc' }] })).map(
        (b) => `${b.child.firstName} ${b.serviceCode} ${b.date} ${b.state}`,
      ),
    dispose: () => app.dispose(),
  };
}
