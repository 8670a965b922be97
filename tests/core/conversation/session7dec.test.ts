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

describe('undo in the parent’s words', () => {
  it('"revenez en arrière" undoes the last change', async () => {
    c = await chat(['Iris', 'Malo'], now);
    expect((await c.say('Malo mange à la cantine jeudi')).kind).toBe('applied');
    const r = await c.say('Ah non attendez, revenez en arrière svp');
    expect(r.kind).toBe('undone');
    expect(await c.states()).toEqual(['Malo canteen 2026-12-03 cancelled']);
  });

  it('still works at the last minute of the window', async () => {
    c = await chat(['Iris', 'Malo'], now);
    const first = await c.say('Iris mange à la cantine jeudi');
    const r = await c.press(first, 'Défaire', new Date(now.getTime() + 15 * 60_000));
    expect(r.kind).toBe('undone');
  });
});

describe('an email answer opening on a greeting', () => {
  it('"Bonjour,\\n\\nLes deux" answers "Pour quel enfant ?"', async () => {
    c = await chat(['Iris', 'Malo'], now);
    expect((await c.say('Pourriez-vous réserver la cantine pour jeudi ?')).kind).toBe('question');
    const r = await c.say('Bonjour,\n\nLes deux, s’il vous plaît.\n\nSophie');
    expect(r.kind).toBe('applied');
    expect(await c.states()).toEqual(['Iris canteen 2026-12-03 booked', 'Malo canteen 2026-12-03 booked']);
  });
});

describe('another day after a refusal in a one-child family', () => {
  it('takes the refused request’s service', async () => {
    c = await chat(['Zélie'], new Date('2026-12-02T13:00:00Z'));
    expect((await c.say('Merci d’inscrire Zélie à la cantine demain')).kind).toBe('refused');
    const r = await c.say('Tant pis. Alors pour le vendredi 4, merci de l’inscrire si c’est encore possible.');
    expect(r.kind).toBe('applied');
    expect(await c.states()).toEqual(['Zélie canteen 2026-12-04 booked']);
  });
});

describe('"please make sure X is booked"', () => {
  it('asks for the booking, and says when it is already so', async () => {
    c = await chat(['Iris', 'Malo'], now, 'en');
    const r = await c.say('Could you please make sure Iris is booked into the Wednesday club on the 9th?');
    expect(r.kind).toBe('applied');
    expect((await c.say('Could you please make sure Iris is booked into the Wednesday club on the 9th?')).kind).toBe('unchanged');
  });
});
