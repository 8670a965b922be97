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
    'non pas Léa, Tom',
    'oups pas pour Léa, pour Tom',
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

  it('"no, not Léa, Tom" in English', async () => {
    c = await chat(['Léa', 'Tom'], now, 'en');
    await c.say('Léa lunch on Thursday 3 December');
    const r = await c.say('no, not Léa, Tom', later(1));
    expect(r.kind).toBe('applied');
    expect(await c.states()).toEqual(['Léa canteen 2026-12-03 cancelled', 'Tom canteen 2026-12-03 booked']);
  });
});

describe('after a refusal, a new day "à la place" takes the refused request', () => {
  /** Wednesday 2 December 2026, 11:30 in Paris: the canteen of Thursday 3 is past its deadline. */
  const wednesday = new Date('2026-12-02T10:30:00Z');
  const after = (minutes: number) => new Date(wednesday.getTime() + minutes * 60_000);

  it.each(['ok alors vendredi 4 à la place', 'bon, plutôt vendredi 4 alors', 'vendredi 4 à la place svp'])('"%s"', async (text) => {
    c = await chat(['Léa', 'Tom'], wednesday);
    const refused = await c.say('Léa mange à la cantine jeudi 3');
    expect(refused.kind).toBe('refused');
    const r = await c.say(text, after(1));
    expect(r.text).toBe('✅ Léa : cantine réservée le vendredi 4 décembre');
    expect(await c.states()).toEqual(['Léa canteen 2026-12-04 booked']);
  });

  it('"Ah oui c\'est un jour férié ! Alors le lundi 7 pour Léa" after a refusal for a holiday is the same request that day', async () => {
    c = await chat(['Léa', 'Tom'], wednesday);
    const refused = await c.say('Je voudrais inscrire Léa à la cantine le vendredi 25 décembre.');
    expect(refused.kind).toBe('refused');
    const r = await c.say("Ah oui c'est Noël ! Alors le lundi 7 décembre pour Léa, merci.", after(3));
    expect(r.kind).toBe('applied');
    expect(await c.states()).toEqual(['Léa canteen 2026-12-07 booked']);
  });

  it('a day alone long after a refusal is no longer read against it', async () => {
    c = await chat(['Léa', 'Tom'], wednesday);
    await c.say('Léa mange à la cantine jeudi 3');
    const r = await c.say('Léa lundi 7 décembre', after(5 * 60));
    expect(r.kind).toBe('question');
    expect(await c.states()).toEqual([]);
  });

  it('in English, for a cancellation', async () => {
    c = await chat(['Léa', 'Tom'], now, 'en');
    await c.say('Tom has lunch at school on Thursday 3 and Friday 4 December');
    const refused = await c.say('cancel Tom’s lunch on Thursday 3 December', after(1));
    expect(refused.kind).toBe('refused');
    const r = await c.say('ok, Friday 4 instead then', after(2));
    expect(r.text).toContain('Tom: school lunch cancelled on Friday 4 December');
  });

  it('after a change that was made, "à la place" moves it', async () => {
    c = await chat(['Léa', 'Tom'], wednesday);
    await c.say('Léa mange à la cantine vendredi 4');
    const r = await c.say('lundi 7 à la place', after(1));
    expect(r.text).toContain('✅ Léa : cantine annulée le vendredi 4 décembre');
    expect(r.text).toContain('✅ Léa : cantine réservée le lundi 7 décembre');
  });
});

describe('"plutôt" in a request of its own is no correction', () => {
  it('"Tom mangera plutôt à la cantine lundi" after a booking for Léa books Tom too', async () => {
    c = await chat(['Léa', 'Tom'], now);
    await c.say('Léa mange à la cantine vendredi 4');
    await c.say('Tom mangera plutôt à la cantine lundi 7', later(1));
    expect(await c.states()).toEqual(['Léa canteen 2026-12-04 booked', 'Tom canteen 2026-12-07 booked']);
  });
});
