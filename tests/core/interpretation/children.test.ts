/**
 * Which children a message is about: exact, accent- and case-free,
 * typo-tolerant (never towards a sibling or from an ordinary word), group
 * words, compound names, and references that need the family or the
 * previous request.
 */
import { describe, expect, it } from 'vitest';
import { fuzzyChild, indexChildren, osaDistance } from '../../../src/core/interpretation/index.js';
import { read } from './support.js';

const NOW = '2027-01-12T19:00:00+01:00'; // Tuesday

function childrenOf(text: string, family: string[]): (string[] | null)[] {
  return read(text, NOW, family).actions.map((a) => a.children);
}

describe('optimal-string-alignment distance', () => {
  it.each([
    ['lae', 'lea', 1],
    ['lae', 'leo', 2],
    ['lea', 'leo', 1],
    ['tomm', 'tom', 1],
    ['violete', 'violette', 1],
    ['louiss', 'louis', 1],
    ['louiss', 'louise', 1],
    ['abc', 'abc', 0],
    ['', 'abc', 3],
  ])('%s ↔ %s = %i', (a, b, d) => {
    expect(osaDistance(a, b)).toBe(d);
  });

  it('stops early above the budget', () => {
    expect(osaDistance('qsdfgh', 'louanne', 2)).toBe(3);
  });
});

describe('names as the family writes them, folded', () => {
  it.each([
    ['Léa mangera à la cantine jeudi', ['Léa', 'Tom'], ['Léa']],
    ['lea mangera à la cantine jeudi', ['Léa', 'Tom'], ['Léa']],
    ['LÉA MANGERA À LA CANTINE JEUDI', ['Léa', 'Tom'], ['Léa']],
    ['anais mangera à la cantine jeudi', ['Olive', 'Pierre', 'Anaïs'], ['Anaïs']],
    ['Gael et Lou-Anne mangeront à la cantine jeudi', ['Lou-Anne', 'Gaël'], ['Gaël', 'Lou-Anne']],
    ['Pierre, Olive et Anaïs mangeront à la cantine jeudi', ['Olive', 'Pierre', 'Anaïs'], ['Anaïs', 'Olive', 'Pierre']],
    // A name that is not in the family names nobody.
    ['Sam mangera à la cantine jeudi', ['Léa', 'Tom'], null],
  ])('"%s" (%j) → %j', (text, family, expected) => {
    expect(childrenOf(text, family)).toEqual([expected]);
  });
});

describe('compound and broken names', () => {
  it.each([
    ['Marie-Lou mangera à la cantine jeudi', ['Marie-Lou', 'Jules'], ['Marie-Lou']],
    ['marie lou mangera à la cantine jeudi', ['Marie-Lou', 'Jules'], ['Marie-Lou']],
    ['Marielou mangera à la cantine jeudi', ['Marie-Lou', 'Jules'], ['Marie-Lou']],
    ['lou ane ne viendra pas jeudi', ['Lou-Anne', 'Gaël'], ['Lou-Anne']],
    ['Lé a ne viendra pas jeudi', ['Léa', 'Tom'], ['Léa']],
  ])('"%s" → %j', (text, family, expected) => {
    expect(childrenOf(text, family)).toEqual([expected]);
  });
});

describe('typos', () => {
  it.each([
    ['Lae ne mangera pas à la cantine jeudi', ['Léa', 'Tom'], ['Léa']],
    ['Tomm mangera à la cantine jeudi', ['Léa', 'Tom'], ['Tom']],
    ['Violete restera à la garderie du soir jeudi', ['Violette', 'Arthur'], ['Violette']],
    ['Artur restera à la garderie du soir jeudi', ['Violette', 'Arthur'], ['Arthur']],
    ['Louisse sera absente jeudi', ['Louis', 'Louise'], ['Louise']],
    // As close to one sibling as to the other: ask.
    ['Louiss sera absent jeudi', ['Louis', 'Louise'], null],
    // Too far for a short name.
    ['Tam mangera à la cantine jeudi', ['Léa', 'Tim'], ['Tim']],
    ['Tmo mangera à la cantine jeudi', ['Léa', 'Tom'], ['Tom']],
    ['Tomas mangera à la cantine jeudi', ['Léa', 'Tom'], null],
  ])('"%s" (%j) → %j', (text, family, expected) => {
    expect(childrenOf(text, family)).toEqual([expected]);
  });

  it('never reads an ordinary word as a name', () => {
    expect(childrenOf('Elle ne mangera pas à la cantine jeudi', ['Ella', 'Tom'])).toEqual([null]);
    expect(childrenOf('les repas de jeudi sont annulés', ['Léo', 'Léa'])).toEqual([null]);
    expect(childrenOf('ton repas de jeudi est annulé', ['Tom', 'Léa'])).toEqual([null]);
    expect(childrenOf('Pas de cantine jeudi pour mon fils', ['Sam', 'Ella'])).toEqual([null]);
  });

  it('matches only unique best candidates', () => {
    const index = indexChildren(['Léa', 'Léo']);
    expect(fuzzyChild('lae', index)?.name).toBe('Léa');
    expect(fuzzyChild('leu', index)).toBeNull();
  });

  it('reports the names read through a typo', () => {
    const r = read('Lae ne mangera pas à la cantine jeudi', NOW, ['Léa', 'Tom']);
    expect(r.notes[0]!.fuzzyChildren).toEqual([{ written: 'Lae', child: 'Léa' }]);
  });
});

describe('group words mean every child of the family', () => {
  it.each([
    'Les deux ne mangeront pas à la cantine jeudi',
    'Tous les deux seront absents jeudi',
    'Les enfants seront absents jeudi',
    'Mes enfants ne viendront pas jeudi',
    'Mes filles ne mangeront pas à la cantine jeudi',
    'Nos garçons seront absents jeudi',
    'Both kids will be off on Thursday',
    'The children won’t need lunch on Thursday',
    'Please book my kids for lunch on Thursday',
  ])('"%s"', (text) => {
    expect(childrenOf(text, ['Léa', 'Tom'])).toEqual([['Léa', 'Tom']]);
  });

  it('keeps all but the one named after "sauf"', () => {
    expect(childrenOf('Tous les enfants sauf Pierre seront absents jeudi', ['Olive', 'Pierre', 'Anaïs'])).toEqual([['Anaïs', 'Olive']]);
  });

  it('does not take "les deux jours" for the children', () => {
    expect(childrenOf('Léa mangera à la cantine les deux jours, jeudi et vendredi', ['Léa', 'Tom'])).toEqual([['Léa']]);
  });
});

describe('references', () => {
  it.each([
    // One child in the family: that child, whatever the words.
    ['Mon fils ne mangera pas à la cantine jeudi', ['Noé'], ['Noé']],
    ['Pas de cantine jeudi', ['Noé'], ['Noé']],
    ['He won’t need lunch on Thursday', ['Leo'], ['Leo']],
    // Several: the assistant must ask.
    ['Mon fils ne mangera pas à la cantine jeudi', ['Enzo', 'Malo'], null],
    ['Pas de cantine jeudi', ['Léa', 'Tom'], null],
  ])('"%s" (%j) → %j', (text, family, expected) => {
    expect(childrenOf(text, family)).toEqual([expected]);
  });

  it('takes a pronoun from the request before', () => {
    const actions = read('Léa ne mangera pas à la cantine jeudi mais elle ira à la garderie du soir', NOW, ['Léa', 'Tom']).actions;
    expect(actions.map((a) => a.children)).toEqual([['Léa'], ['Léa']]);
  });

  it('does not resolve a singular pronoun against two children', () => {
    const actions = read('Léa et Tom seront absents jeudi. Il ira à la garderie du soir vendredi.', NOW, ['Léa', 'Tom']).actions;
    const booking = actions.find((a) => a.intent === 'book');
    expect(booking?.children).toBeNull();
  });
});
