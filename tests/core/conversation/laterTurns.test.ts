/**
 * Later turns read against the exchange before them, as the fourth and fifth held-out sets
 * showed they must be: a bare "non" right after a change asks whether to undo it (never a
 * guess), "oui" then undoes it; a cancellation naming no child of days just booked is of that
 * booking; "Léa non plus" is the same request; a short message that answers nothing while a
 * question waits asks it again; "mardi, pas lundi" moves the last change; "défais ça" undoes;
 * "et vendredi alors ?" is the same request for Friday.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { chat, type Chat } from './support.js';

/** Tuesday 1 December 2026, 18:30 in Paris. */
const now = new Date('2026-12-01T17:30:00Z');
const later = (minutes: number) => new Date(now.getTime() + minutes * 60_000);
let c: Chat;
afterEach(() => c.dispose());

describe('"non" after an applied change', () => {
  it('asks whether to undo it, with the undo button, and changes nothing yet', async () => {
    c = await chat(['Léa', 'Tom'], now);
    await c.say('Léa mange à la cantine jeudi 3 décembre');
    const r = await c.say('non', later(1));
    expect(r.kind).toBe('question');
    expect(r.text).toContain('défasse');
    expect(r.buttons.flat().map((b) => b.label)).toEqual(['Défaire']);
    expect(await c.states()).toEqual(['Léa canteen 2026-12-03 booked']);
  });

  it('"oui" then undoes it', async () => {
    c = await chat(['Léa', 'Tom'], now);
    await c.say('Léa mange à la cantine jeudi 3 décembre');
    await c.say('non', later(1));
    const r = await c.say('oui', later(2));
    expect(r.kind).toBe('undone');
    expect(r.text).toContain('Léa : cantine annulée le jeudi 3 décembre');
    expect(await c.states()).toEqual(['Léa canteen 2026-12-03 cancelled']);
  });

  it('"non" again keeps it', async () => {
    c = await chat(['Léa', 'Tom'], now);
    await c.say('Léa mange à la cantine jeudi 3 décembre');
    await c.say('non', later(1));
    const r = await c.say('non', later(2));
    expect(r.kind).toBe('unchanged');
    expect(r.text).toBe('Entendu, je ne change rien.');
    expect(await c.states()).toEqual(['Léa canteen 2026-12-03 booked']);
  });

  it('"non merci" is thanks, and a new request is new', async () => {
    c = await chat(['Léa', 'Tom'], now);
    await c.say('Léa mange à la cantine jeudi 3 décembre');
    expect((await c.say('non merci', later(1))).kind).toBe('polite');
    await c.say('non', later(2));
    const r = await c.say('Tom aussi', later(3));
    expect(r.kind).toBe('applied');
    expect(await c.states()).toEqual(['Léa canteen 2026-12-03 booked', 'Tom canteen 2026-12-03 booked']);
  });

  it('in English', async () => {
    c = await chat(['Léa', 'Tom'], now, 'en');
    await c.say('Léa has lunch on Thursday 3 December');
    const r = await c.say('no', later(1));
    expect(r.kind).toBe('question');
    expect(r.text).toContain('undo');
    expect((await c.say('yes', later(2))).kind).toBe('undone');
  });

  it('after the undo window, "non" changes nothing and says it did not understand as a change', async () => {
    c = await chat(['Léa', 'Tom'], now);
    await c.say('Léa mange à la cantine jeudi 3 décembre');
    const r = await c.say('non', later(20));
    expect(r.kind).not.toBe('undone');
    expect(await c.states()).toEqual(['Léa canteen 2026-12-03 booked']);
  });
});

describe('a cancellation of days just booked, naming no child, is of that booking', () => {
  it.each(['finalement non, pas vendredi', 'annule vendredi', 'en fait pas de cantine vendredi'])('"%s" after Tom’s canteen on Thursday and Friday', async (text) => {
    c = await chat(['Léa', 'Tom'], now);
    await c.say('Tom mange à la cantine jeudi 3 et vendredi 4 décembre');
    const r = await c.say(text, later(2));
    expect(r.kind).toBe('applied');
    expect(r.text).toContain('Tom : cantine annulée le vendredi 4 décembre');
    expect(await c.states()).toEqual(['Tom canteen 2026-12-03 booked', 'Tom canteen 2026-12-04 cancelled']);
  });

  it('a day the booking was not for still asks which child', async () => {
    c = await chat(['Léa', 'Tom'], now);
    await c.say('Tom mange à la cantine jeudi 3 et vendredi 4 décembre');
    const r = await c.say('annule lundi 7', later(2));
    expect(r.kind).toBe('question');
    expect(await c.states()).toEqual(['Tom canteen 2026-12-03 booked', 'Tom canteen 2026-12-04 booked']);
  });
});

describe('"non plus" follows up a cancellation', () => {
  it('"Léa non plus" cancels Léa’s canteen that day, and nothing else of hers', async () => {
    c = await chat(['Léa', 'Tom'], now);
    await c.say('Léa et Tom mangent à la cantine jeudi 3 décembre');
    await c.say('garderie du soir jeudi 3 décembre pour Léa');
    await c.say('Tom ne mangera pas à la cantine jeudi 3 décembre', later(20));
    const r = await c.say('Léa non plus', later(21));
    expect(r.kind).toBe('applied');
    expect(await c.states()).toEqual(['Léa canteen 2026-12-03 cancelled', 'Tom canteen 2026-12-03 cancelled', 'Léa evening 2026-12-03 booked']);
  });

  it('in English: "Léa neither"', async () => {
    c = await chat(['Léa', 'Tom'], now, 'en');
    await c.say('Léa and Tom have lunch on Thursday 3 December');
    await c.say('Léa needs the after-school club on Thursday 3 December');
    await c.say('Tom won’t have lunch on Thursday 3 December', later(20));
    const r = await c.say('Léa neither', later(21));
    expect(r.kind).toBe('applied');
    expect(await c.states()).toEqual(['Léa canteen 2026-12-03 cancelled', 'Tom canteen 2026-12-03 cancelled', 'Léa evening 2026-12-03 booked']);
  });
});

describe('answers that are no answer to the pending question', () => {
  it('"oui" to "Pour quel enfant ?" asks again, and the question still takes its answer', async () => {
    c = await chat(['Léa', 'Tom'], now);
    await c.say('cantine jeudi 3 décembre');
    const r = await c.say('oui', later(1));
    expect(r.kind).toBe('question');
    expect(r.text).toContain('J’ai encore besoin de votre réponse');
    expect(r.text).toContain('Pour quel enfant ?');
    expect((await c.say('Tom', later(2))).kind).toBe('applied');
    expect(await c.states()).toEqual(['Tom canteen 2026-12-03 booked']);
  });

  it('a week given as the day of a canteen booking is the canteen’s days of that week', async () => {
    c = await chat(['Léa', 'Tom'], now);
    await c.say('inscris Tom à la cantine');
    const r = await c.say('la semaine prochaine', later(1));
    expect(r.kind).toBe('applied');
    expect(r.text).not.toContain('⛔');
    expect(await c.states()).toEqual(['Tom canteen 2026-12-07 booked', 'Tom canteen 2026-12-08 booked', 'Tom canteen 2026-12-10 booked', 'Tom canteen 2026-12-11 booked']);
  });
});

describe('a day for another, in a later message, moves the last change', () => {
  it.each(['non pardon, mardi, pas lundi', 'mardi pas lundi', 'oops, Tuesday not Monday'])('"%s"', async (text) => {
    c = await chat(['Léa', 'Tom'], now);
    await c.say('Léa garderie du soir lundi 7 décembre');
    const r = await c.say(text, later(3));
    expect(r.kind).toBe('applied');
    expect(await c.states()).toEqual(['Léa evening 2026-12-07 cancelled', 'Léa evening 2026-12-08 booked']);
  });
});

describe('fifth held-out set: undo in words, "et vendredi alors ?"', () => {
  it.each(['oups non, défais ça', 'tu peux défaire ça stp'])('"%s" undoes the last change', async (text) => {
    c = await chat(['Léa', 'Tom'], now);
    await c.say('Tom garderie du soir jeudi 3 décembre');
    expect((await c.say(text, later(2))).kind).toBe('undone');
    expect(await c.states()).toEqual(['Tom evening 2026-12-03 cancelled']);
  });

  it('"et vendredi alors ?" after a refusal asks the same for Friday', async () => {
    // Wednesday 2 December, 11:00: tomorrow's canteen closed at 10:00.
    const wednesday = new Date('2026-12-02T10:00:00Z');
    c = await chat(['Léa', 'Tom'], wednesday);
    expect((await c.say('Léa cantine demain')).kind).toBe('refused');
    const r = await c.say('et vendredi alors ?', new Date(wednesday.getTime() + 60_000));
    expect(r.kind).toBe('applied');
    expect(await c.states()).toEqual(['Léa canteen 2026-12-04 booked']);
  });
});

describe('a short follow-up keeps the conversation’s language', () => {
  it('"Léa too" after an English request is answered in English', async () => {
    c = await chat(['Léa', 'Tom'], now, 'en');
    await c.say('Please book Tom for lunch on Thursday 3 December');
    const r = await c.say('Léa too', later(1));
    expect(r.kind).toBe('applied');
    expect(r.text).toBe('✅ Léa: school lunch booked on Thursday 3 December');
  });
  it('a message with no word of either language keeps it', async () => {
    c = await chat(['Léa', 'Tom'], now, 'en');
    await c.say('book lunch on Thursday 3 December');
    const r = await c.say('Léa', later(1));
    expect(r.text).toContain('Léa: school lunch booked on Thursday 3 December');
  });
});

describe('seventh held-out set: a family of one child', () => {
  it('"et vendredi ?" right after a booking books Friday too', async () => {
    c = await chat(['Hugo'], now);
    const first = await c.say('garderie du soir jeudi pour Hugo');
    expect(first.kind).toBe('applied');
    const r = await c.say('et vendredi ?', later(1));
    expect(r.kind).toBe('applied');
    expect(r.text).toContain('4');
    expect(await c.states()).toEqual(['Hugo evening 2026-12-03 booked', 'Hugo evening 2026-12-04 booked']);
  });
});

describe('eighth held-out set', () => {
  it('a correction after the undo window sets things right by new requests', async () => {
    c = await chat(['Rose', 'Inès'], now);
    await c.say('Rose cantine jeudi 10 décembre');
    await c.say('Inès cantine jeudi 10 décembre', later(1));
    await c.say('Rose ne mangera pas à la cantine jeudi 10 décembre', later(2));
    expect(await c.states()).toEqual(expect.arrayContaining(['Rose canteen 2026-12-10 cancelled', 'Inès canteen 2026-12-10 booked']));
    const r = await c.say("Pardon, erreur de ma part : c'est Inès qui ne mange pas jeudi, pas Rose.", later(20));
    expect(r.kind).toBe('applied');
    expect(r.text).toContain('Inès');
    const states = await c.states();
    expect(states).toContain('Rose canteen 2026-12-10 booked');
    expect(states).toContain('Inès canteen 2026-12-10 cancelled');
  });
  it('"and the Tuesday after that too" is the Tuesday of the week after', async () => {
    c = await chat(['Oliver', 'Lily'], now, 'en');
    await c.say('Book Lily for after school care on Tuesday 8 December');
    const r = await c.say('and the Tuesday after that too', later(2));
    expect(r.kind).toBe('applied');
    expect(await c.states()).toEqual(['Lily evening 2026-12-08 booked', 'Lily evening 2026-12-15 booked']);
  });
  it('"ok et le 4 janvier alors" after a day in the holidays books that day', async () => {
    c = await chat(['Hugo'], now);
    const first = await c.say('Hugo cantine le 22 décembre');
    expect(first.kind).toBe('refused');
    const r = await c.say('ok et le 4 janvier alors', later(2));
    expect(r.kind).toBe('applied');
    expect(await c.states()).toEqual(['Hugo canteen 2027-01-04 booked']);
  });
});

describe('a correction that keeps fewer children', () => {
  it('"ah non pas Ambre, juste Rose" undoes Ambre\'s part only, Rose\'s booking untouched', async () => {
    c = await chat(['Rose', 'Ambre'], now);
    await c.say('cantine jeudi 10 décembre pour les deux');
    const r = await c.say('ah non pas ambre, juste rose', later(2));
    expect(r.kind).toBe('applied');
    expect(r.text).toContain('Ambre');
    expect(await c.states()).toEqual(expect.arrayContaining(['Rose canteen 2026-12-10 booked', 'Ambre canteen 2026-12-10 cancelled']));
  });
  it('after the undo window it is set right by a cancellation for the child set aside', async () => {
    c = await chat(['Rose', 'Ambre'], now);
    await c.say('cantine jeudi 10 décembre pour les deux');
    const r = await c.say('oups, seulement pour Rose, pas Ambre', later(20));
    expect(r.kind).toBe('applied');
    expect(await c.states()).toEqual(expect.arrayContaining(['Rose canteen 2026-12-10 booked', 'Ambre canteen 2026-12-10 cancelled']));
  });
  it('a name that was not in the last change corrects nothing by narrowing', async () => {
    c = await chat(['Rose', 'Ambre', 'Lina'], now);
    await c.say('cantine jeudi 10 décembre pour Rose et Ambre');
    await c.say('pas Lina, juste Rose', later(2));
    expect(await c.states()).toEqual(expect.arrayContaining(['Rose canteen 2026-12-10 booked', 'Ambre canteen 2026-12-10 booked']));
  });
});

describe('"oups pas Tom, c\'est Léa" in a later message', () => {
  it('moves the last change from Tom to Léa', async () => {
    c = await chat(['Léa', 'Tom'], now);
    await c.say('Tom garderie du matin jeudi');
    const r = await c.say("oups pas Tom, c'est Léa", later(2));
    expect(r.kind).toBe('applied');
    expect(await c.states()).toEqual(expect.arrayContaining(['Tom morning 2026-12-03 cancelled', 'Léa morning 2026-12-03 booked']));
  });
});
