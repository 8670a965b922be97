/**
 * Which services a message names, from the words parents use in French
 * and English, and how a vague care word is settled.
 */
import { describe, expect, it } from 'vitest';
import { read } from './support.js';

const NOW = '2027-01-12T19:00:00+01:00'; // Tuesday

function servicesOf(text: string): (string[] | null)[] {
  return read(text, NOW).actions.map((a) => a.services);
}

describe('canteen', () => {
  it.each([
    'Tom mangera à la cantine jeudi',
    'Tom mangera à la cantinne jeudi',
    'Tom mangera jeudi',
    'Tom déjeunera à l’école jeudi',
    'Réservez un repas pour Tom jeudi',
    'Tom restera le midi jeudi',
    'Tom ira à la restauration scolaire jeudi',
    'Tom ira à la cantoche jeudi',
    'Tom needs lunch on Thursday',
    'Tom will have school dinners on Thursday',
  ])('"%s"', (text) => {
    expect(servicesOf(text)).toEqual([['canteen']]);
  });
});

describe('morning care', () => {
  it.each([
    'Tom ira à la garderie du matin jeudi',
    'Tom ira à l’accueil du matin jeudi',
    'Tom ira au périscolaire du matin jeudi',
    'Tom ira à la garderie à 7h30 jeudi',
    'Tom ira à la garderie jeudi matin',
    'Tom needs breakfast club on Thursday',
    'Tom needs morning care on Thursday',
  ])('"%s"', (text) => {
    expect(servicesOf(text)).toEqual([['morning']]);
  });
});

describe('evening care', () => {
  it.each([
    'Tom restera à la garderie du soir jeudi',
    'Tom restera à l’accueil du soir jeudi',
    'Tom restera à l’étude jeudi',
    'Tom restera à la garderie jusqu’à 18h jeudi',
    'Tom restera à la garderie jeudi soir',
    'Tom needs after-school club on Thursday',
    'Tom will stay after school on Thursday',
  ])('"%s"', (text) => {
    expect(servicesOf(text)).toEqual([['evening']]);
  });
});

describe('Wednesday club', () => {
  it.each([
    'Tom ira au centre de loisirs mercredi',
    'Tom ira au centre aéré mercredi',
    'Tom ira à l’accueil de loisirs mercredi',
    'Tom ira à l’ALSH mercredi',
    'Tom ira au centre mercredi',
    'Inscrivez Tom au mercredi loisirs du 20',
    'Tom ira au club du mercredi le 20',
    'Please book Tom into Wednesday club on the 20th',
  ])('"%s"', (text) => {
    expect(servicesOf(text)).toEqual([['wednesday']]);
  });
});

describe('several services, vague words, none', () => {
  it.each([
    ['Tom mangera à la cantine et restera à la garderie du soir jeudi', [['canteen', 'evening']]],
    ['Tom ira à la garderie matin et soir jeudi', [['evening', 'morning']]],
    // A vague care word: both care services for a cancellation …
    ['Pas de garderie pour Tom jeudi', [['evening', 'morning']]],
    // … only the one that runs that day …
    ['Pas de garderie pour Tom mercredi', [['wednesday']]],
    // … and a question for a booking.
    ['Tom ira à la garderie jeudi', [null]],
    // Everything / absent: every service booked, not the list of codes.
    ['Annulez tout pour Tom jeudi', [null]],
    ['Tom sera absent jeudi', [null]],
    ['Tom est malade, il ne viendra pas jeudi', [null]],
    ['Please cancel everything for Tom on Thursday', [null]],
  ])('"%s" → %j', (text, expected) => {
    expect(servicesOf(text)).toEqual(expected);
  });

  it('flags a vague care word for the conversation layer', () => {
    const r = read('Tom ira à la garderie jeudi', NOW);
    expect(r.notes[0]!.missingServices).toBe(true);
    expect(r.notes[0]!.ambiguousServices).toEqual(['morning', 'evening']);
  });
});
