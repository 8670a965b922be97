/**
 * Corrections and follow-ups in a later message that a second held-out set showed missed:
 * the child corrected in any wording, and a new day after a refusal.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { chat, type Chat } from './support.js';

/** Tuesday 1 December 2026, 18:30 in Paris. */
const now = new Date('2026-12-01T17:30:00Z');
const later = (minutes: number) => new Date(now.getTime() + minutes * 60_000);
let c: Chat;
afterEach(() => c.dispose());

describe('a correction of the child in a later message moves the last change to the other child', () => {
  it.each([
    'oups, c’était pour Tom et pas pour Léa',
    'pardon c’était pour Tom, pas Léa',
    'désolée, c’est pour Tom, pas pour Léa',
  ])('"%s"', async (text) => {
    c = await chat(['Léa', 'Tom'], now);
    await c.say('garderie du soir jeudi 3 décembre pour Léa');
    const r = await c.say(text, later(1));
    expect(r.kind).toBe('applied');
    expect(r.text).toContain('✅ Léa : garderie du soir annulée le jeudi 3 décembre');
    expect(r.text).toContain('✅ Tom : garderie du soir réservée le jeudi 3 décembre');
    expect(await c.states()).toEqual(['Léa evening 2026-12-03 cancelled', 'Tom evening 2026-12-03 booked']);
  });

  it('in English', async () => {
    c = await chat(['Léa', 'Tom'], now, 'en');
    await c.say('Léa lunch on Thursday 3 December');
    const r = await c.say('sorry, it was for Tom, not Léa', later(1));
    expect(r.text).toContain('Léa: school lunch cancelled on Thursday 3 December');
    expect(r.text).toContain('Tom: school lunch booked on Thursday 3 December');
  });
});
