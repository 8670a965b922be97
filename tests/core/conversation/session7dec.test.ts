/**
 * Conversation readings of 7 December: a correction closed by an apology ("ah non pas Léa, Tom !
 * désolée"); a smaller request while a big plan waits takes the plan's services; a pronoun after a
 * refusal ("inscrivez-le pour vendredi") takes the refused request's child and service; the child
 * answered in a clause of a longer sentence ("Il s'agit de Jules, pardon de ne pas l'avoir précisé").
 */
import { afterEach, describe, expect, it } from 'vitest';
import { chat, type Chat } from './support.js';

/** Tuesday 1 December 2026, 18:30 in Paris. */
const now = new Date('2026-12-01T17:30:00Z');
let c: Chat;
afterEach(() => c.dispose());

describe('a correction closed by an apology', () => {
  it('moves the booking to the child named instead', async () => {
    c = await chat(['Iris', 'Malo', 'Suzanne'], now);
    expect((await c.say('Iris au centre de loisirs mercredi 9')).kind).toBe('applied');
    const r = await c.say('oh non pas Iris, Malo ! pardon');
    expect(r.kind).toBe('applied');
    expect(await c.states()).toEqual(['Iris wednesday 2026-12-09 cancelled', 'Malo wednesday 2026-12-09 booked']);
  });
});

describe('a smaller request while a plan waits for confirmation', () => {
  it('is for the services of the plan', async () => {
    c = await chat(['Iris', 'Malo'], now);
    expect((await c.say('Inscrivez Iris et Malo à la garderie du matin tous les jours jusqu’aux vacances')).kind).toBe('confirm');
    const r = await c.say('finalement seulement Malo le vendredi 11');
    expect(r.kind).toBe('applied');
    expect(await c.states()).toEqual(['Malo morning 2026-12-11 booked']);
  });
});

describe('a pronoun after a refusal', () => {
  it('takes the child and the service of the refused request', async () => {
    c = await chat(['Iris', 'Malo'], new Date('2026-12-02T13:00:00Z'));
    // Thursday 3 December's canteen closed on Wednesday at 10:00.
    expect((await c.say('Pouvez-vous inscrire Malo à la cantine demain ?')).kind).toBe('refused');
    const r = await c.say('Tant pis. Alors inscrivez-le vendredi 4 et lundi 7 svp');
    expect(r.kind).toBe('applied');
    expect(await c.states()).toEqual(['Malo canteen 2026-12-04 booked', 'Malo canteen 2026-12-07 booked']);
  });
});

describe('the child named in a clause of the answer', () => {
  it('answers "Pour quel enfant ?"', async () => {
    c = await chat(['Iris', 'Malo'], now);
    expect((await c.say('je voudrais inscrire mon enfant à la garderie du soir jeudi')).kind).toBe('question');
    const r = await c.say('C’est pour Iris, excusez-moi de ne pas l’avoir précisé.');
    expect(r.kind).toBe('applied');
    expect(await c.states()).toEqual(['Iris evening 2026-12-03 booked']);
  });
});
