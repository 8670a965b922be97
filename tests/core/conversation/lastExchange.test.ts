/**
 * What a message reads against the last exchange, whatever its outcome: a pronoun for the one child
 * a list or a refusal was about ("Ajoutez-lui aussi la cantine jeudi"), and a correction of a
 * request that changed nothing, which makes the new request only (nothing is turned round).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { chat, type Chat } from './support.js';

/** Tuesday 1 December 2026, 18:30 in Paris. */
const now = new Date('2026-12-01T17:30:00Z');
let c: Chat;
afterEach(() => c.dispose());

describe('a pronoun after a list or a refusal', () => {
  it('"ajoutez-lui" after a list of one child’s bookings is that child', async () => {
    c = await chat(['Camille', 'Paul'], now);
    await c.say('Camille mange à la cantine lundi');
    expect((await c.say('Qu’est-ce que Camille a de réservé la semaine prochaine ?')).kind).toBe('list');
    const r = await c.say('Ajoutez-lui aussi la cantine jeudi');
    expect(r.kind).toBe('applied');
    expect(r.text).toContain('Camille : cantine réservée le jeudi 3 décembre');
    expect(await c.states()).toEqual(['Camille canteen 2026-12-03 booked', 'Camille canteen 2026-12-07 booked']);
  });

  it('"inscrivez-la" after a refusal for one child is that child', async () => {
    c = await chat(['Anaïs', 'Eliott'], now);
    // Wednesday 2 December's club closed on Monday at 18:00.
    expect((await c.say('Pouvez-vous inscrire Anaïs au centre de loisirs demain ?')).kind).toBe('refused');
    const r = await c.say('D’accord. Alors inscrivez-la pour le mercredi 9 décembre');
    expect(r.kind).toBe('applied');
    expect(await c.states()).toEqual(['Anaïs wednesday 2026-12-09 booked']);
  });

  it('a pronoun after an exchange about two children still asks which child', async () => {
    c = await chat(['Léa', 'Tom'], now);
    await c.say('Léa et Tom mangent à la cantine lundi');
    const r = await c.say('Inscrivez-la aussi jeudi');
    expect(r.kind).toBe('question');
  });
});

describe('a correction of a request that changed nothing', () => {
  it('makes the new request and never books what the first one cancelled', async () => {
    c = await chat(['Clément', 'Jeanne'], now);
    await c.say('Jeanne reste à la garderie du soir jeudi');
    const first = await c.say('annule la garderie du soir de Clément jeudi');
    expect(first.kind).toBe('unchanged');
    const r = await c.say('ah pardon c’était pour Jeanne');
    expect(r.kind).toBe('applied');
    expect(r.text).toContain('Jeanne');
    expect(await c.states()).toEqual(['Jeanne evening 2026-12-03 cancelled']);
  });
});

describe('terse corrections and follow-ups of the last change', () => {
  it('"non pardon c’était vendredi" moves the booking just made', async () => {
    c = await chat(['Prune', 'Basile'], now);
    await c.say('inscris Prune a la cantine jeudi');
    const r = await c.say('non pardon c’était vendredi');
    expect(r.kind).toBe('applied');
    expect(await c.states()).toEqual(['Prune canteen 2026-12-03 cancelled', 'Prune canteen 2026-12-04 booked']);
  });

  it('"wrong kid, it’s Tom" gives the booking to the other child', async () => {
    c = await chat(['Sophie', 'Tom'], now, 'en');
    await c.say('Please book Sophie for after-school care on Thursday');
    const r = await c.say("wrong kid, it's Tom");
    expect(r.kind).toBe('applied');
    expect(r.text).toContain('Tom');
    expect(await c.states()).toEqual(['Sophie evening 2026-12-03 cancelled', 'Tom evening 2026-12-03 booked']);
  });

  it('"et les jeudis aussi" after a recurrence adds those weekdays over the same period', async () => {
    c = await chat(['Gabin', 'Lou'], now);
    await c.say('Gabin garderie du soir tous les mardis jusqu’aux vacances');
    const r = await c.say('et les jeudis aussi');
    expect(r.kind).toBe('applied');
    // (From the first day of that period, Tuesday 8 December, to the end of the week of its last.)
    expect(await c.states()).toEqual([
      'Gabin evening 2026-12-08 booked',
      'Gabin evening 2026-12-10 booked',
      'Gabin evening 2026-12-15 booked',
      'Gabin evening 2026-12-17 booked',
    ]);
  });

  it('"annulez au moins celle de vendredi" after a refused cancellation is for the same child and service', async () => {
    c = await chat(['Zélie', 'Tom'], now);
    await c.say('Tom mange à la cantine jeudi et vendredi', new Date('2026-11-30T08:00:00Z'));
    // Wednesday's canteen does not run; Thursday's closes on Wednesday at 10:00: at 18:30 on Tuesday, Wednesday's request is refused.
    const refused = await c.say('annule la cantine de Tom demain');
    expect(refused.kind).not.toBe('applied');
    const r = await c.say('bon alors annulez au moins celle de vendredi');
    expect(r.kind).toBe('applied');
    expect(await c.states()).toEqual(['Tom canteen 2026-12-03 booked', 'Tom canteen 2026-12-04 cancelled']);
  });

  it('"ah mince, ok tant pis" after a refusal is acknowledged', async () => {
    c = await chat(['Camille', 'Arthur'], now);
    await c.say('Arthur garderie demain matin stp', new Date('2026-12-01T19:30:00Z'));
    const r = await c.say('ah mince, ok tant pis', new Date('2026-12-01T19:31:00Z'));
    expect(r.kind).toBe('polite');
  });
});

describe('an answer in a longer email', () => {
  it('takes the child named in a short sentence of it ("C’est bien pour Ambre.") as the answer to "which child"', async () => {
    c = await chat(['Ambre'], now);
    const q = await c.say("Bonjour,\n\nMerci d'inscrire Lina à la garderie du soir le vendredi 4 décembre.\n\nCordialement,\nMme Petit");
    expect(q.kind).toBe('question');
    const r = await c.say("Pardon, je pensais à ma nièce qui est chez nous cette semaine. C'est bien pour Ambre.\n\nMme Petit");
    expect(r.kind).toBe('applied');
    expect(await c.states()).toEqual(['Ambre evening 2026-12-04 booked']);
  });
});

describe('after an undo', () => {
  it('"en fait juste Oscar" makes the undone request again for Oscar only', async () => {
    c = await chat(['Nina', 'Oscar'], now);
    const first = await c.say('Nina et Oscar centre de loisirs mercredi 9');
    await c.press(first, 'Défaire');
    const r = await c.say('en fait juste Oscar');
    expect(r.kind).toBe('applied');
    expect(await c.states()).toEqual(['Nina wednesday 2026-12-09 cancelled', 'Oscar wednesday 2026-12-09 booked']);
  });

  it('reads no follow-up against the undone request ("et vendredi aussi" books nothing of it)', async () => {
    c = await chat(['Nina', 'Oscar'], now);
    const first = await c.say('Nina cantine jeudi');
    await c.press(first, 'Défaire');
    const r = await c.say('et vendredi aussi');
    expect(r.kind).not.toBe('applied');
    expect(await c.states()).toEqual(['Nina canteen 2026-12-03 cancelled']);
  });
});

describe('a day answered by email', () => {
  it('reads the first line of the reply, not the signature under it', async () => {
    c = await chat(['Ambre', 'Noé'], now);
    expect((await c.say("Bonjour,\n\nPourriez-vous inscrire Ambre à la cantine s'il vous plaît ?\n\nMerci d'avance,\nClaire Martin")).kind).toBe('question');
    const r = await c.say('Jeudi.\n\nClaire');
    expect(r.kind).toBe('applied');
    expect(await c.states()).toEqual(['Ambre canteen 2026-12-03 booked']);
  });
});
