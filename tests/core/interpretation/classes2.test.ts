/**
 * Classes of readings a second held-out set showed wrong, each checked on fresh sentences written
 * for the class (none copied from a held-out corpus): a general rule must read every phrasing.
 */
import { describe, expect, it } from 'vitest';
import { act, actionsOf, sortActions } from './support.js';

const NOW = '2026-12-02T10:00:00+01:00'; // Wednesday 2 December 2026

function expectActions(text: string, expected: ReturnType<typeof act>[], family: string[] = ['Léa', 'Tom'], now = NOW): void {
  expect(actionsOf(text, now, family), text).toEqual(sortActions(expected));
}

describe('bare day numbers sharing a month', () => {
  it.each([
    ['Tom cantine 4 5 7 janvier', [act('book', ['Tom'], ['canteen'], ['2027-01-04', '2027-01-05', '2027-01-07'])]],
    ['Léa lunch Jan 7 8 and 11', [act('book', ['Léa'], ['canteen'], ['2027-01-07', '2027-01-08', '2027-01-11'])]],
    ['Léa garderie du soir 8 et 12 février', [act('book', ['Léa'], ['evening'], ['2027-02-08', '2027-02-12'])]],
    ['Tom garderie matin 1 et 6 juillet', [act('book', ['Tom'], ['morning'], ['2027-07-01'])]],
    ['Tom lunch March 30 31 and April 1', [act('book', ['Tom'], ['canteen'], ['2027-03-30', '2027-04-01'])]],
  ] as const)('"%s"', (text, expected) => expectActions(text, [...expected]));

  it('keeps numbers that are no days out', () => {
    expectActions('Tom cantine 14 15', [act('book', ['Tom'], ['canteen'], null)]);
  });
});

describe('a month named, then day numbers: those days of that month', () => {
  it.each([
    ['pour février, Tom à la cantine : le 1, le 4 et le 8', [act('book', ['Tom'], ['canteen'], ['2027-02-01', '2027-02-04', '2027-02-08'])]],
    ['en mars, Léa mangera à la cantine le 2, le 4 et le 9', [act('book', ['Léa'], ['canteen'], ['2027-03-02', '2027-03-04', '2027-03-09'])]],
    ['les jours de garderie du soir de Tom en janvier : le 5 et le 12', [act('book', ['Tom'], ['evening'], ['2027-01-05', '2027-01-12'])]],
  ] as const)('"%s"', (text, expected) => expectActions(text, [...expected]));
});

describe('a question about the service beside a request keeps the request', () => {
  const HELP = act('help', null, null, null);
  it.each([
    ['Tom cantine jeudi 10. Au fait, à quelle heure ouvre la garderie du matin ?', [act('book', ['Tom'], ['canteen'], ['2026-12-10']), HELP]],
    ["Léa garderie du soir lundi 7, et sinon c'est combien le repas ?", [act('book', ['Léa'], ['evening'], ['2026-12-07']), HELP]],
    ['Léa garderie du matin vendredi 11 ; le centre de loisirs est-il ouvert pendant les vacances ?', [act('book', ['Léa'], ['morning'], ['2026-12-11']), HELP]],
  ] as const)('"%s"', (text, expected) => expectActions(text, [...expected]));
});

describe('a question about the service or the town is help, and what the parent tells beside it adds nothing', () => {
  const HELP = act('help', null, null, null);
  it.each([
    ['est-ce que vous proposez une garderie le matin pendant les vacances ?'],
    ['vous avez une garderie le mercredi matin ?'],
    ["j'ai réservé par erreur, qui dois-je appeler à la mairie ?"],
    ["Tom a vomi après la cantine hier, c'est normal ?"],
    ["il a mangé une pomme a la cantine et il a été malade, c'est normal ?"],
  ] as const)('"%s"', (text) => expectActions(text, [HELP]));

  it('keeps a booking told in the future beside a meal told in the past', () => {
    expectActions('Léa a mangé à la cantine hier, et elle mangera aussi jeudi', [act('book', ['Léa'], ['canteen'], ['2026-12-03'])]);
  });
});

describe('statements that are not requests add nothing', () => {
  const JAN = '2027-01-12T10:00:00+01:00'; // Tuesday 12 January 2027
  it.each([
    ["Tom n'aime pas le poisson mais il ira quand même à la cantine jeudi 14", [act('book', ['Tom'], ['canteen'], ['2027-01-14'])]],
    ["Léa n'aime pas la purée, but she will still have lunch on Friday 15", [act('book', ['Léa'], ['canteen'], ['2027-01-15'])]],
    ["En raison de mes nouveaux horaires, Tom n'ira plus à la garderie du matin le lundi. Pouvez-vous annuler le 18 et le 25 janvier ?", [act('cancel', ['Tom'], ['morning'], ['2027-01-18', '2027-01-25'])]],
    ['Suite à un déménagement, Léa ne mangera plus à la cantine le vendredi. Merci d’annuler les vendredis 15 et 22 janvier.', [act('cancel', ['Léa'], ['canteen'], ['2027-01-15', '2027-01-22'])]],
    ['Merci pour le goûter de la garderie du soir, Tom a adoré', [act('unknown', null, null, null)]],
    ['thanks to the canteen staff for the Christmas meal, the kids loved it', [act('unknown', null, null, null)]],
  ] as const)('"%s"', (text, expected) => expectActions(text, [...expected], ['Léa', 'Tom'], JAN));
});

describe('the services an order names win over the illness\'s "everything"', () => {
  const JAN = '2027-01-12T10:00:00+01:00'; // Tuesday 12 January 2027
  it.each([
    ["Léa est malade, elle ne reviendra que jeudi. Merci d'annuler sa garderie du soir d'ici là.", [act('cancel', ['Léa'], ['evening'], ['2027-01-12'])]],
    ["Tom a la grippe jusqu'à vendredi, merci d'annuler sa cantine jusque-là", [act('cancel', ['Tom'], ['canteen'], ['2027-01-12', '2027-01-14', '2027-01-15'])]],
    ["Léa est malade jusqu'à jeudi inclus. Annulez sa garderie du matin.", [act('cancel', ['Léa'], ['morning'], ['2027-01-12', '2027-01-14'])]],
    ['Tom is sick until Friday, please cancel his lunches until then', [act('cancel', ['Tom'], ['canteen'], ['2027-01-12', '2027-01-14', '2027-01-15'])]],
  ] as const)('"%s"', (text, expected) => expectActions(text, [...expected], ['Léa', 'Tom'], JAN));
});

describe('a service carried to the next child by ellipsis', () => {
  it.each([
    ['Léa aura cantine lundi 7 et mardi 8, et Tom seulement le jeudi 10', [act('book', ['Léa'], ['canteen'], ['2026-12-07', '2026-12-08']), act('book', ['Tom'], ['canteen'], ['2026-12-10'])]],
    ['Léa garderie du matin jeudi 3, Tom uniquement le vendredi 4', [act('book', ['Léa'], ['morning'], ['2026-12-03']), act('book', ['Tom'], ['morning'], ['2026-12-04'])]],
    ['Tom lunch on Monday 7, and Léa only on Thursday 10', [act('book', ['Tom'], ['canteen'], ['2026-12-07']), act('book', ['Léa'], ['canteen'], ['2026-12-10'])]],
  ] as const)('"%s"', (text, expected) => expectActions(text, [...expected]));
});

describe('a request whole from its slots lends its service only when it asks, not when it tells', () => {
  it.each([
    [
      'Merci pour l’accueil des enfants à la cantine depuis la rentrée, Tom adore les animatrices du jeudi. Pouvez-vous annuler la cantine de Léa vendredi ?',
      [act('cancel', ['Léa'], ['canteen'], ['2026-12-04'])],
    ],
    [
      'Les enfants aiment beaucoup la garderie du soir cette semaine, Léa raconte tout le jeudi. Merci d’inscrire Tom à la cantine lundi.',
      [act('book', ['Tom'], ['canteen'], ['2026-12-07'])],
    ],
    ['Léa cantine lundi 7, et Tom seulement le jeudi 10', [act('book', ['Léa'], ['canteen'], ['2026-12-07']), act('book', ['Tom'], ['canteen'], ['2026-12-10'])]],
  ] as const)('"%s"', (text, expected) => expectActions(text, [...expected]));
});
