import { afterEach, describe, expect, it } from 'vitest';
import { chat, type Chat } from './support.js';

/** Tuesday 1 December 2026, 18:30 in Paris. */
const now = new Date('2026-12-01T17:30:00Z');
const later = (minutes: number) => new Date(now.getTime() + minutes * 60_000);
let c: Chat;
afterEach(() => c.dispose());

describe('a booking with no service word, on days where only one service runs, is that service', () => {
  it.each([
    ['fr', 'inscrivez Tom le mercredi 9 décembre', ['Tom wednesday 2026-12-09 booked']],
    ['fr', 'Tom sera là mercredi 9 et mercredi 16 décembre, merci de l’inscrire', ['Tom wednesday 2026-12-09 booked', 'Tom wednesday 2026-12-16 booked']],
    ['en', 'OK please book Tom for Wednesday the 9th', ['Tom wednesday 2026-12-09 booked']],
    ['en', 'can you sign Léa up for next Wednesday?', ['Léa wednesday 2026-12-09 booked']],
  ] as const)('%s "%s"', async (lang, text, states) => {
    c = await chat(['Léa', 'Tom'], now, lang);
    await c.say(text, later(1));
    expect(await c.states()).toEqual([...states]);
  });

  it('after a refusal, "ok alors inscrivez-le le mercredi 16" books the Wednesday club', async () => {
    c = await chat(['Tom'], now);
    await c.say('Tom peut-il aller à la garderie du matin mercredi 9 décembre ?');
    const r = await c.say('ok alors inscrivez-le le mercredi 16 décembre', later(1));
    expect(r.kind).toBe('applied');
    expect(await c.states()).toEqual(['Tom wednesday 2026-12-16 booked']);
  });

  it('still asks which service on days several services run, or when the days mix services', async () => {
    c = await chat(['Léa', 'Tom'], now);
    const r = await c.say('inscrivez Tom jeudi 10 décembre');
    expect(r.kind).toBe('question');
    const mixed = await c.say('inscrivez Léa mercredi 9 et jeudi 10 décembre', later(1));
    expect(mixed.kind).toBe('question');
    expect(await c.states()).toEqual([]);
  });
});
