/**
 * "garderie" alone names the morning or the evening care: the question offers those two only,
 * a number or "soir" answers it, and a "garderie" the message or the clock settles asks nothing.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { chat, type Chat } from './support.js';

/** Tuesday 1 December 2026, 18:30 in Paris. */
const now = new Date('2026-12-01T17:30:00Z');
let c: Chat;
afterEach(() => c.dispose());

describe('"garderie" alone', () => {
  it('asks morning or evening care, nothing else', async () => {
    c = await chat(['Léa'], now);
    const q = await c.say('Léa ira à la garderie jeudi');
    expect(q.kind).toBe('question');
    const labels = (q.buttons ?? []).flat().map((b) => b.label);
    expect(labels).toContain('Garderie du matin');
    expect(labels).toContain('Garderie du soir');
    expect(labels.some((l) => /cantine|loisirs|mercredi/i.test(l))).toBe(false);
    expect(await c.states()).toEqual([]);
  });

  it('takes the number of the choice offered', async () => {
    c = await chat(['Léa'], now);
    await c.say('inscris Léa à la garderie jeudi');
    expect((await c.say('2')).text).toBe('✅ Léa : garderie du soir réservée le jeudi 3 décembre');
  });

  it('takes "soir" as the answer', async () => {
    c = await chat(['Léa'], now);
    await c.say('inscris Léa à la garderie jeudi');
    expect((await c.say('soir')).text).toBe('✅ Léa : garderie du soir réservée le jeudi 3 décembre');
  });

  it('asks nothing when the message gives the time', async () => {
    c = await chat(['Léa'], now);
    expect((await c.say('Léa restera à la garderie jeudi, je la récupère à 18h')).text).toBe('✅ Léa : garderie du soir réservée le jeudi 3 décembre');
  });
});
