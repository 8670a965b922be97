import { afterEach, describe, expect, it } from 'vitest';
import { chat, type Chat } from './support.js';

/** Tuesday 1 December 2026, 18:30 in Paris. */
const now = new Date('2026-12-01T17:30:00Z');
const later = (minutes: number) => new Date(now.getTime() + minutes * 60_000);
let c: Chat;
afterEach(() => c.dispose());

describe('follow-ups are read against the last exchange', () => {
  it('"et le mardi suivant aussi" after "lundi 14" is Tuesday 15, same child and service', async () => {
    c = await chat(['Léa', 'Tom'], now);
    await c.say('Léa mange à la cantine le lundi 14');
    const r = await c.say('et le mardi suivant aussi', later(1));
    expect(r.text).toBe('✅ Léa : cantine réservée le mardi 15 décembre');
    expect(await c.states()).toEqual(['Léa canteen 2026-12-14 booked', 'Léa canteen 2026-12-15 booked']);
  });

  it('"the Friday too" after Thursday the 10th is Friday the 11th, never the week before', async () => {
    c = await chat(['Léa', 'Tom'], now, 'en');
    await c.say('Tom has lunch at school on Thursday 10 December');
    const r = await c.say('the Friday too', later(1));
    expect(r.text).toBe('✅ Tom: school lunch booked on Friday 11 December');
  });

  it('"sa sœur aussi" is the other child', async () => {
    c = await chat(['Léa', 'Tom'], now);
    await c.say('Tom va à la garderie du soir jeudi');
    const r = await c.say('sa sœur aussi', later(1));
    expect(r.text).toBe('✅ Léa : garderie du soir réservée le jeudi 3 décembre');
  });

  it('"pareil pour Tom" repeats the last request for Tom', async () => {
    c = await chat(['Léa', 'Tom'], now);
    await c.say('annule la cantine de Léa vendredi');
    await c.say('Léa et Tom mangent à la cantine vendredi');
    const r = await c.say('pareil pour Tom', later(1));
    expect(r.text).toBe('☑️ Tom : cantine déjà réservée le vendredi 4 décembre');
  });
});

describe('corrections and undo in words', () => {
  it('"je me suis trompée, c’est jeudi pas vendredi" moves the last change: Friday undone, Thursday booked, one reply', async () => {
    c = await chat(['Léa', 'Tom'], now);
    await c.say('Léa mange à la cantine vendredi 11 décembre');
    const r = await c.say('je me suis trompée, c’est jeudi pas vendredi', later(2));
    expect(r.kind).toBe('applied');
    expect(r.text).toBe(['✏️ Corrigé :', '✅ Léa : cantine annulée le vendredi 11 décembre', '✅ Léa : cantine réservée le jeudi 10 décembre'].join('\n'));
    expect(await c.states()).toEqual(['Léa canteen 2026-12-10 booked', 'Léa canteen 2026-12-11 cancelled']);
    // The correction itself can be undone: back to Friday.
    const undone = await c.say('annulez ce que je viens de faire', later(3));
    expect(undone.kind).toBe('undone');
    expect(await c.states()).toEqual(['Léa canteen 2026-12-10 cancelled', 'Léa canteen 2026-12-11 booked']);
  });

  it('"non, c’est jeudi, pas vendredi" is a correction too; a new request saying "au lieu de" is not', async () => {
    c = await chat(['Léa', 'Tom'], now);
    await c.say('Léa mange à la cantine vendredi 11 décembre');
    const r = await c.say('non, c’est jeudi, pas vendredi', later(1));
    expect(r.text).toContain('✏️ Corrigé :');
    expect(await c.states()).toEqual(['Léa canteen 2026-12-10 booked', 'Léa canteen 2026-12-11 cancelled']);
    await c.say('Tom va à la garderie du soir jeudi 10 décembre au lieu de rester à l’étude', later(2));
    expect(await c.states()).toEqual(['Léa canteen 2026-12-10 booked', 'Tom evening 2026-12-10 booked', 'Léa canteen 2026-12-11 cancelled']);
  });

  it('"oublie pas …" is no undo', async () => {
    c = await chat(['Léa', 'Tom'], now);
    await c.say('Léa mange à la cantine jeudi');
    await c.say('oublie pas que Tom mange à la cantine vendredi', later(1));
    expect(await c.states()).toContain('Léa canteen 2026-12-03 booked');
  });

  it('a correction naming the other child moves the booking to that child', async () => {
    c = await chat(['Léa', 'Tom'], now);
    await c.say('Léa mange à la cantine jeudi');
    const r = await c.say('pardon, je me suis trompé : c’est Tom, pas Léa', later(1));
    expect(r.text).toContain('✅ Léa : cantine annulée le jeudi 3 décembre');
    expect(r.text).toContain('✅ Tom : cantine réservée le jeudi 3 décembre');
  });

  it.each(['oubliez ma demande', 'annulez ce que je viens de faire'])('"%s" undoes the last change while it can be undone', async (text) => {
    c = await chat(['Léa', 'Tom'], now);
    await c.say('Léa mange à la cantine jeudi');
    const r = await c.say(text, later(5));
    expect(r.text).toBe('↩️ Défait :\n✅ Léa : cantine annulée le jeudi 3 décembre');
    expect(await c.states()).toEqual(['Léa canteen 2026-12-03 cancelled']);
  });

  it.each(['oubliez ma demande', 'Oubliez ma demande, sa grand-mère pourra la garder finalement.'])('"%s" after the undo window turns the last change round by a new request, deadlines checked', async (text) => {
    c = await chat(['Léa', 'Tom'], now);
    await c.say('Léa mange à la cantine vendredi');
    const late = await c.say(text, later(45));
    expect(late.kind).toBe('undone');
    expect(late.text).toBe('↩️ Défait :\n✅ Léa : cantine annulée le vendredi 4 décembre');
    expect(await c.states()).toEqual(['Léa canteen 2026-12-04 cancelled']);
    // Nothing left to forget after that.
    const again = await c.say(text, later(46));
    expect(again.text).toBe('Il n’y a pas de changement récent à défaire.');
  });

  it('"oubliez ma demande" the next morning, past the deadline, says the day cannot be changed', async () => {
    c = await chat(['Léa', 'Tom'], now);
    await c.say('Léa mange à la cantine jeudi');
    const late = await c.say('oubliez ma demande', later(16 * 60 + 30));
    expect(late.kind).toBe('refused');
    expect(await c.states()).toEqual(['Léa canteen 2026-12-03 booked']);
  });

  it('"oubliez ma demande" while a question waits drops the question', async () => {
    c = await chat(['Léa', 'Tom'], now);
    await c.say('Léa mange à la cantine jeudi');
    await c.say('cantine vendredi');
    const r = await c.say('oubliez ma demande');
    expect(r.kind).toBe('dropped');
    expect(await c.states()).toEqual(['Léa canteen 2026-12-03 booked']);
  });
});

describe('"the week after too": the last exchange\'s days moved by a week', () => {
  it.each([
    ['et la semaine suivante aussi'],
    ['pareil la semaine d’après'],
    ['la semaine d’après aussi svp'],
    ['et la semaine qui suit, pareil'],
  ])('"%s" after Monday 7 and Tuesday 8 is Monday 14 and Tuesday 15, same child and service', async (text) => {
    c = await chat(['Léa', 'Tom'], now);
    await c.say('Léa mange à la cantine lundi 7 et mardi 8 décembre');
    await c.say(text, later(1));
    expect(await c.states()).toEqual(['Léa canteen 2026-12-07 booked', 'Léa canteen 2026-12-08 booked', 'Léa canteen 2026-12-14 booked', 'Léa canteen 2026-12-15 booked']);
  });

  it('"the week after too" in English, and for the Wednesday club', async () => {
    c = await chat(['Léa', 'Tom'], now, 'en');
    await c.say('Tom goes to the Wednesday club on Wednesday 9 December');
    const r = await c.say('the week after too please', later(1));
    expect(r.text).toBe('✅ Tom: Wednesday club booked on Wednesday 16 December');
    expect(await c.states()).toEqual(['Tom wednesday 2026-12-09 booked', 'Tom wednesday 2026-12-16 booked']);
  });

  it('"and the following week" after a cancellation cancels the week after', async () => {
    c = await chat(['Léa', 'Tom'], now, 'en');
    await c.say('Tom has lunch at school on Thursday 3 and Friday 4 December');
    await c.say('Tom has lunch at school on Thursday 10 and Friday 11 December', later(1));
    await c.say('cancel Tom’s lunch on Thursday 3 and Friday 4 December', later(2));
    await c.say('and the following week too', later(3));
    expect(await c.states()).toEqual(['Tom canteen 2026-12-03 cancelled', 'Tom canteen 2026-12-04 cancelled', 'Tom canteen 2026-12-10 cancelled', 'Tom canteen 2026-12-11 cancelled']);
  });
});

describe('a request right after a list of bookings', () => {
  it('"annule la cantine alors" after "qu’a Léa jeudi ?" cancels the canteen of the child and day listed', async () => {
    c = await chat(['Léa', 'Tom'], now);
    await c.say('Léa et Tom mangent à la cantine jeudi');
    const listed = await c.say('qu’est-ce que Léa a jeudi ?', later(1));
    expect(listed.kind).toBe('list');
    const r = await c.say('annule la cantine alors', later(2));
    expect(r.kind).toBe('applied');
    expect(await c.states()).toEqual(['Léa canteen 2026-12-03 cancelled', 'Tom canteen 2026-12-03 booked']);
  });

  it('after a list, words without an intent of their own, or a booking, take nothing from it', async () => {
    c = await chat(['Léa', 'Tom'], now);
    await c.say('Léa mange à la cantine jeudi');
    await c.say('qu’est-ce que Léa a jeudi ?', later(1));
    const asked = await c.say('et Tom ?', later(2));
    expect(asked.kind).not.toBe('applied');
    const booking = await c.say('inscris à la garderie du soir alors', later(3));
    expect(booking.kind).toBe('question');
    expect(await c.states()).toEqual(['Léa canteen 2026-12-03 booked']);
  });
});

describe('a sibling told of is no follow-up', () => {
  it('"ah oui c’est sa sœur qui y va, merci" after a cancellation changes nothing of the sister', async () => {
    c = await chat(['Olive', 'Jules'], now);
    await c.say('Olive mange à la cantine jeudi');
    await c.say('Jules ne mangera pas à la cantine jeudi', later(1));
    const r = await c.say('ah oui c est sa soeur qui y va. bon ben merci', later(2));
    expect(r.kind).not.toBe('applied');
    expect(await c.states()).toEqual(['Olive canteen 2026-12-03 booked']);
  });
});

describe('the last exchange the next morning', () => {
  it('"sa sœur aussi" the next morning, under the evening\'s booking, books the sister', async () => {
    c = await chat(['Inès', 'Chloé'], now);
    await c.say('Ines garderie du matin lundi');
    const r = await c.say('sa soeur aussi', later(13 * 60));
    expect(r.kind).toBe('applied');
    expect(await c.states()).toEqual(['Inès morning 2026-12-07 booked', 'Chloé morning 2026-12-07 booked']);
  });

  it('two days later it follows nothing', async () => {
    c = await chat(['Inès', 'Chloé'], now);
    await c.say('Ines garderie du matin lundi');
    const r = await c.say('sa soeur aussi', later(48 * 60));
    expect(r.kind).not.toBe('applied');
    expect(await c.states()).toEqual(['Inès morning 2026-12-07 booked']);
  });
});
