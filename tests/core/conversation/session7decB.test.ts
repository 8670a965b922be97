/**
 * Conversation readings of the evening of 7 December: "ce jour-là" beside a day of its own is that
 * day, never every day of the last change; "that day" after a list of bookings is the day listed;
 * thanks as they are texted ("thx", "mrc") get the polite answer.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { chat, type Chat } from './support.js';

/** Tuesday 1 December 2026, 18:30 in Paris. */
const now = new Date('2026-12-01T17:30:00Z');
let c: Chat;
afterEach(() => c.dispose());

describe('"ce jour-là" in a later message', () => {
  it('is the day said beside it', async () => {
    c = await chat(['Iris', 'Malo'], now);
    expect((await c.say('Iris et Malo à la cantine jeudi 10, vendredi 11 et lundi 14 svp')).kind).toBe('applied');
    const r = await c.say('Malo a une sortie scolaire le vendredi 11, merci d’annuler sa cantine ce jour-là.', new Date('2026-12-02T07:00:00Z'));
    expect(r.kind).toBe('applied');
    expect(await c.states()).toEqual([
      'Iris canteen 2026-12-10 booked',
      'Malo canteen 2026-12-10 booked',
      'Iris canteen 2026-12-11 booked',
      'Malo canteen 2026-12-11 cancelled',
      'Iris canteen 2026-12-14 booked',
      'Malo canteen 2026-12-14 booked',
    ]);
  });
});

describe('"that day" after a list', () => {
  it('is the day listed', async () => {
    c = await chat(['Iris', 'Malo'], now, 'en');
    expect((await c.say('Malo lunch on Friday 11 please')).kind).toBe('applied');
    expect((await c.say('Is Malo booked for lunch on Friday 11?')).kind).toBe('list');
    const r = await c.say('great, book Iris for lunch that day too');
    expect(r.kind).toBe('applied');
    expect(await c.states()).toEqual(['Iris canteen 2026-12-11 booked', 'Malo canteen 2026-12-11 booked']);
  });
});

describe('thanks as they are texted', () => {
  it('gets the polite answer', async () => {
    c = await chat(['Iris', 'Malo'], now);
    expect((await c.say('Iris cantine jeudi 10')).kind).toBe('applied');
    for (const text of ['thx 👍', 'mrc !', 'tks']) expect((await c.say(text)).kind).toBe('polite');
  });
});

describe('a question just after a change', () => {
  it('is answered, never read as the change again for the child it names', async () => {
    c = await chat(['Iris', 'Malo'], now, 'en');
    expect((await c.say('Please book Iris into breakfast club on Thursday')).kind).toBe('applied');
    const r = await c.say('And what is Malo booked for this week?');
    expect(r.kind).toBe('list');
    expect(await c.states()).toEqual(['Iris morning 2026-12-03 booked']);
  });
});

describe('"which child?" answered at the end of a longer message', () => {
  it('takes the name after the emoji or the "donc"', async () => {
    c = await chat(['Iris', 'Malo'], now);
    expect((await c.say('inscris Zélie à la cantine jeudi')).kind).toBe('question');
    const r = await c.say('oups c’est la cousine de Malo qui voulait venir 🙈 donc juste Malo');
    expect(r.kind).toBe('applied');
    expect(await c.states()).toEqual(['Malo canteen 2026-12-03 booked']);
  });
});

describe('a change waiting for a yes', () => {
  it('is amended by days alone with a word that corrects, its request kept', async () => {
    c = await chat(['Iris'], now);
    const big = await c.say('inscrivez Iris à la cantine tous les jours jusqu’aux vacances de février svp');
    expect(big.kind).toBe('confirm');
    const r = await c.say('non attendez, seulement jusqu’au vendredi 11 décembre');
    expect(r.kind).toBe('applied');
    expect(await c.states()).toEqual(['2026-12-03', '2026-12-04', '2026-12-07', '2026-12-08', '2026-12-10', '2026-12-11'].map((d) => `Iris canteen ${d} booked`));
  });
});

describe('set 25: answers and follow-ups', () => {
  it('"et le lendemain aussi" is the day after the last change', async () => {
    c = await chat(['Iris', 'Malo'], now);
    expect((await c.say('Malo à la cantine jeudi 10 svp')).kind).toBe('applied');
    const r = await c.say('et le lendemain aussi stp');
    expect(r.kind).toBe('applied');
    expect(await c.states()).toEqual(['Malo canteen 2026-12-10 booked', 'Malo canteen 2026-12-11 booked']);
  });

  it('"which child?" is answered by the child with its reason beside it, never a new request', async () => {
    c = await chat(['Iris', 'Malo'], now);
    expect((await c.say('Malo et Iris à la cantine vendredi 11')).kind).toBe('applied');
    expect((await c.say('un des deux ne mangera pas à la cantine vendredi 11')).kind).toBe('question');
    const r = await c.say('c’est iris, elle a rdv chez le dentiste à 11h');
    expect(r.kind).toBe('applied');
    expect(await c.states()).toEqual(['Iris canteen 2026-12-11 cancelled', 'Malo canteen 2026-12-11 booked']);
  });

  it('"which service?" is answered with "ce jour-là" beside the service', async () => {
    c = await chat(['Iris', 'Malo'], now);
    expect((await c.say('pouvez-vous inscrire Malo le jeudi 10 ?')).kind).toBe('question');
    const r = await c.say('c’est pour la garderie du soir, je finis tard ce jour-là');
    expect(r.kind).toBe('applied');
    expect(await c.states()).toEqual(['Malo evening 2026-12-10 booked']);
  });
});

describe('set 26: corrections and amendments', () => {
  it('"je voulais dire mercredi de la semaine prochaine" moves the last change to that week', async () => {
    c = await chat(['Iris'], new Date('2026-12-07T09:00:00Z'));
    expect((await c.say('Iris au centre de loisirs mercredi')).kind).toBe('applied');
    const r = await c.say('ah non pardon, je voulais dire mercredi de la semaine prochaine');
    expect(r.kind).toBe('applied');
    expect(await c.states()).toEqual(['Iris wednesday 2026-12-09 cancelled', 'Iris wednesday 2026-12-16 booked']);
  });

  it('a change waiting for a yes is kept to the services said after "seulement", whatever reason follows', async () => {
    c = await chat(['Iris'], now);
    expect((await c.say('inscrivez Iris à la garderie du matin et du soir tous les jours jusqu’aux vacances de Noël')).kind).toBe('confirm');
    const r = await c.say('Attendez, seulement le matin finalement, le soir sa tante la récupère');
    expect(r.kind).toBe('applied');
    expect(await c.states()).toEqual(['2026-12-03', '2026-12-04', '2026-12-07', '2026-12-08', '2026-12-10', '2026-12-11', '2026-12-14', '2026-12-15', '2026-12-17', '2026-12-18'].map((d) => `Iris morning ${d} booked`));
  });

  it('"le surlendemain aussi" is two days after the last change', async () => {
    c = await chat(['Iris', 'Malo'], now);
    expect((await c.say('Malo garderie du soir mardi 8 svp')).kind).toBe('applied');
    expect((await c.say('Le surlendemain aussi s’il vous plaît, même chose.')).kind).toBe('applied');
    expect(await c.states()).toEqual(['Malo evening 2026-12-08 booked', 'Malo evening 2026-12-10 booked']);
  });

  it('"je voulais dire Malo" answers "which child?", whatever the remark after it', async () => {
    c = await chat(['Iris', 'Malo'], now);
    expect((await c.say('inscrivez Zélie à la garderie du matin jeudi 10')).kind).toBe('question');
    const r = await c.say('pardon, je voulais dire Malo ! Zélie c’est sa copine qui dort à la maison ce week-end');
    expect(r.kind).toBe('applied');
    expect(await c.states()).toEqual(['Malo morning 2026-12-10 booked']);
  });
});
