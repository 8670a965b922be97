import { afterEach, describe, expect, it } from 'vitest';
import { chat, type Chat } from './support.js';

/** Tuesday 1 December 2026, 18:30 in Paris. */
const now = new Date('2026-12-01T17:30:00Z');
let c: Chat;
afterEach(() => c.dispose());

describe('a pending question takes only an answer', () => {
  it('while waiting for "Pour quel jour ?", an email cancelling a named day for a named child is a cancellation, not the answer', async () => {
    c = await chat(['Léa', 'Tom'], now);
    await c.say('Léa mange à la cantine jeudi');
    await c.say('Tom mange à la cantine le jeudi 10 décembre');
    const q = await c.say('Léa mangera à la cantine');
    expect(q.kind).toBe('question');
    expect(q.text).toMatch(/^Pour quel jour \?/);
    const r = await c.say('Bonjour,\n\nPouvez-vous annuler la cantine de Tom le jeudi 10 décembre ?\n\nMerci,\nClaire');
    expect(r.text.split('\n')[0]).toBe('(Je laisse de côté la question précédente.)');
    expect(r.text).toContain('✅ Tom : cantine annulée le jeudi 10 décembre');
    expect(await c.states()).toEqual(['Léa canteen 2026-12-03 booked', 'Tom canteen 2026-12-10 cancelled']);
    // The dropped question is gone: a day alone now asks which child, it does not book Léa.
    expect((await c.say('vendredi')).kind).toBe('question');
    expect(await c.states()).toEqual(['Léa canteen 2026-12-03 booked', 'Tom canteen 2026-12-10 cancelled']);
  });

  it('a child together with a day is a new request, not the answer to "which child"', async () => {
    c = await chat(['Léa', 'Tom'], now);
    await c.say('cantine jeudi');
    const r = await c.say('annule Tom vendredi');
    expect(r.text).toContain('(Je laisse de côté la question précédente.)');
    expect(await c.states()).toEqual([]);
  });

  it('a name with a typo answers "which child" ("maelle" for Maëlle)', async () => {
    c = await chat(['Maëlle', 'Tom'], now);
    await c.say('cantine jeudi');
    const r = await c.say('maelle');
    expect(r.text).toBe('✅ Maëlle : cantine réservée le jeudi 3 décembre');
    await c.say('garderie du soir vendredi');
    expect((await c.say('Tomm')).text).toBe('✅ Tom : garderie du soir réservée le vendredi 4 décembre');
  });

  it('a number, "les deux", a service word and a day alone answer their questions', async () => {
    c = await chat(['Léa', 'Tom'], now);
    await c.say('cantine jeudi');
    expect((await c.say('2')).text).toBe('✅ Tom : cantine réservée le jeudi 3 décembre');
    await c.say('Léa vendredi');
    expect((await c.say('cantine')).text).toBe('✅ Léa : cantine réservée le vendredi 4 décembre');
    await c.say('Léa mange à la cantine');
    expect((await c.say('lundi')).text).toBe('✅ Léa : cantine réservée le lundi 7 décembre');
    await c.say('garderie du matin lundi');
    const both = await c.say('les deux');
    expect(both.text).toContain('✅ Léa : garderie du matin réservée le lundi 7 décembre');
    expect(both.text).toContain('✅ Tom : garderie du matin réservée le lundi 7 décembre');
  });

  it('a day given to a cancellation cancels: an answer never turns a cancellation into a booking', async () => {
    c = await chat(['Léa'], now);
    await c.say('Léa mange à la cantine jeudi et vendredi');
    const q = await c.say('annulez la cantine de Léa');
    expect(q.text).toMatch(/^Pour quel jour \?/);
    const r = await c.say('jeudi');
    expect(r.text).toBe('✅ Léa : cantine annulée le jeudi 3 décembre');
    expect(await c.states()).toEqual(['Léa canteen 2026-12-03 cancelled', 'Léa canteen 2026-12-04 booked']);
  });

  it.each(['oui', 'd’accord', '👍', 'ok'])('"%s" confirms a large plan', async (yes) => {
    c = await chat(['Léa', 'Tom'], now);
    const q = await c.say('Léa et Tom mangent à la cantine du 4 au 15 janvier');
    expect(q.kind).toBe('confirm');
    expect((await c.say(yes)).kind).toBe('applied');
    expect((await c.states()).length).toBe(16);
  });

  it('"non" drops the question and nothing changes', async () => {
    c = await chat(['Léa', 'Tom'], now);
    await c.say('Léa et Tom mangent à la cantine du 4 au 15 janvier');
    const r = await c.say('non');
    expect(r.kind).toBe('dropped');
    expect(r.text).toBe('Entendu, rien n’a été modifié.');
    expect(await c.states()).toEqual([]);
  });

  it('"Non." first in a longer message that asks nothing drops the question', async () => {
    c = await chat(['Léa', 'Tom'], now);
    await c.say('Léa et Tom mangent à la cantine du 4 au 15 janvier');
    const r = await c.say('Non.\n\nJe dois d’abord en parler avec mon mari, je reviendrai vers vous.\n\nClaire');
    expect(r.kind).toBe('dropped');
    expect(await c.states()).toEqual([]);
    // A "non" that goes on with a request of its own is that request.
    await c.say('Léa et Tom mangent à la cantine du 4 au 15 janvier');
    const other = await c.say('Non. Annulez plutôt la cantine de Tom jeudi 10 décembre.');
    expect(other.kind).not.toBe('dropped');
  });

  it('thanks while a question waits get a polite word and the question keeps waiting', async () => {
    c = await chat(['Léa', 'Tom'], now);
    await c.say('cantine jeudi');
    expect((await c.say('merci')).kind).toBe('polite');
    expect((await c.say('Tom')).text).toBe('✅ Tom : cantine réservée le jeudi 3 décembre');
  });
});

describe('a bare day number answers "Pour quel jour ?"', () => {
  it('"15" is the next 15th', async () => {
    c = await chat(['Zoé'], new Date('2026-12-01T17:30:00Z'));
    const asked = await c.say('Bonjour, je voudrais inscrire Zoé à la cantine');
    expect(asked.kind).toBe('question');
    const r = await c.say('15', new Date('2026-12-01T17:32:00Z'));
    expect(r.text).toBe('✅ Zoé : cantine réservée le mardi 15 décembre');
  });
  it('"3" said on 1 December is Thursday 3', async () => {
    c = await chat(['Zoé'], new Date('2026-12-01T17:30:00Z'));
    await c.say('inscris Zoé à la garderie du soir');
    const r = await c.say('3', new Date('2026-12-01T17:31:00Z'));
    expect(r.text).toBe('✅ Zoé : garderie du soir réservée le jeudi 3 décembre');
  });
});
