/**
 * Readings of 3 December (afternoon): a day the request points at and the note it forwards or
 * quotes names ("ce jour-là", "the strike day", "le jour de la sortie"); the family's own words
 * read before a forwarded body; "juste"/"only" after a self-correction keeps that value alone;
 * a child the message leaves as it is ("Jules, lui, continue comme prévu") asks nothing; and
 * "on sait jamais" cancels nothing.
 */
import { describe, expect, it } from 'vitest';
import { handedOver, quotedNote, stripQuoted } from '../../../src/core/interpretation/normalize.js';
import { act, actionsOf } from './support.js';

const NOW = '2027-02-01T18:30:00+01:00'; // Monday 1 February 2027

describe('a day pointed at in a forwarded or quoted note', () => {
  it('takes the one day the note names in full', () => {
    const text = 'Bonjour, du coup pas de cantine pour Léa ce jour-là.\nMerci\n\n> Chers parents, l’école sera fermée le mardi 9 février (formation des enseignants).\n> La directrice';
    expect(actionsOf(text, NOW)).toEqual([act('cancel', ['Léa'], ['canteen'], ['2027-02-09'])]);
  });

  it('reads the subject line of a forwarded note, not its date line', () => {
    const text = 'Hi, please book Tom for after-school club that day. Thanks\n\n---------- Forwarded message ---------\nFrom: Ecole Pasteur\nDate: Mon, 1 Feb 2027 at 09:12\nSubject: Sortie au musée jeudi 4 février\nDear parents, the class will be back late.';
    expect(actionsOf(text, NOW)).toEqual([act('book', ['Tom'], ['evening'], ['2027-02-04'])]);
  });

  it('picks the sentence about the event named when the note names several days', () => {
    const text = 'Bonsoir, pouvez-vous annuler la cantine de Tom le jour de la sortie ?\n\n> Réunion de classe le lundi 8 février à 18h.\n> Sortie au planétarium le jeudi 11 février, prévoir un pique-nique.';
    expect(actionsOf(text, NOW)).toEqual([act('cancel', ['Tom'], ['canteen'], ['2027-02-11'])]);
  });

  it('gives each request the day of its own event', () => {
    const text = 'Bonsoir, pas de cantine pour Léa le jour de la sortie. Et le soir de la réunion, merci d’inscrire Léa à la garderie du soir.\n\n-------- Message d’origine --------\n- Réunion de parents le lundi 8 février à 18h\n- Sortie au planétarium le jeudi 11 février';
    expect(actionsOf(text, NOW)).toEqual([act('book', ['Léa'], ['evening'], ['2027-02-08']), act('cancel', ['Léa'], ['canteen'], ['2027-02-11'])]);
  });

  it('takes the two days of "les deux jours" and "both days"', () => {
    const fr = 'Pas de cantine pour Tom les deux jours, merci.\n\n> Classe de découverte le jeudi 11 et le vendredi 12 février.';
    expect(actionsOf(fr, NOW)).toEqual([act('cancel', ['Tom'], ['canteen'], ['2027-02-11', '2027-02-12'])]);
    const en = 'No lunch for Tom on both days please.\n\n> Residential trip on Thursday 11 and Friday 12 February.';
    expect(actionsOf(en, NOW)).toEqual([act('cancel', ['Tom'], ['canteen'], ['2027-02-11', '2027-02-12'])]);
  });

  it('takes the days of one period for "ces jours-là"', () => {
    const text = 'Merci d’annuler toutes les réservations de Léa pendant ces jours-là.\n\n> Séjour à la neige du mardi 9 février au jeudi 11 février.';
    expect(actionsOf(text, NOW)).toEqual([act('cancel', ['Léa'], null, ['2027-02-09', '2027-02-10', '2027-02-11'])]);
  });

  it('asks for the day when the note does not settle it', () => {
    // Two days and nothing to choose between them; a weekday alone is the note's own "jeudi".
    const two = 'Pas de cantine pour Tom ce jour-là.\n\n> Réunion le lundi 8 février, piscine le jeudi 11 février.';
    expect(actionsOf(two, NOW)).toEqual([act('cancel', ['Tom'], ['canteen'], null)]);
    const weekday = 'Pas de cantine pour Tom ce jour-là.\n\n> La sortie aura lieu jeudi.';
    expect(actionsOf(weekday, NOW)).toEqual([act('cancel', ['Tom'], ['canteen'], null)]);
  });

  it('never lets a note give days to a request that names its own', () => {
    const text = 'Inscrivez Léa à la cantine mercredi 3 février… enfin non, la garderie du soir mardi 2 février.\n\n> Sortie au cinéma le jeudi 11 février.';
    expect(actionsOf(text, NOW)).toEqual([act('book', ['Léa'], ['evening'], ['2027-02-02'])]);
  });
});

describe('a forwarded message and the family’s own words', () => {
  it('reads the family’s own request first and the forwarded body only as a note', () => {
    const text = 'Bonjour, voir ci-dessous. Pas de cantine pour Tom jeudi alors.\n\n---------- Message transféré ---------\nDe : École\nObjet : Pas de classe jeudi 4 février\nIl n’y aura pas classe pour les CE1 le jeudi 4 février, accueil du matin assuré.';
    expect(actionsOf(text, NOW)).toEqual([act('cancel', ['Tom'], ['canteen'], ['2027-02-04'])]);
  });

  it('reads the paragraph written under a forward as the family’s words', () => {
    const text = '---------- Message transféré ---------\nDe : École\nDate : lun. 1 févr. 2027\nObjet : Grève\n\nChers parents,\nLes enseignants seront en grève le mardi 9 février, aucun accueil ne sera assuré.\nLa directrice\n\nDonc pas de cantine pour Léa ce jour-là.';
    expect(actionsOf(text, NOW)).toEqual([act('cancel', ['Léa'], ['canteen'], ['2027-02-09'])]);
  });

  it('still reads a forwarded request the family hands over', () => {
    const text = 'Je vous transfère le message de ma femme, merci de faire le nécessaire.\n\n---------- Message transféré ---------\nDe : Claire\nObjet : cantine\n\nBonjour, pouvez-vous inscrire Tom à la cantine jeudi 4 février ? Merci';
    expect(actionsOf(text, NOW)).toEqual([act('book', ['Tom'], ['canteen'], ['2027-02-04'])]);
  });

  it('keeps apart what is read, what is quoted and what is handed over', () => {
    const reply = 'Oui merci\n\nLe lun. 1 févr. 2027 à 10:00, Portail Famille a écrit :\n> Léa est inscrite le jeudi 4 février.';
    expect(stripQuoted(reply).trim()).toBe('Oui merci');
    expect(quotedNote(reply).trim()).toBe('Léa est inscrite le jeudi 4 février.');
    expect(handedOver(reply)).toBeNull();
    const forward = 'Voir ci-dessous, merci.\n\n---------- Forwarded message ---------\nFrom: School\nSubject: Trip\nTrip on Thursday 4 February.';
    expect(handedOver(forward)).toEqual({ own: 'Voir ci-dessous, merci.\n', note: expect.stringContaining('Trip on Thursday 4 February.') });
  });
});

describe('a self-correction to one value', () => {
  it.each([
    ['inscris Léa à la cantine jeudi et vendredi enfin non juste vendredi', act('book', ['Léa'], ['canteen'], ['2027-02-05'])],
    ['Léa cantine jeudi et vendredi, non seulement jeudi', act('book', ['Léa'], ['canteen'], ['2027-02-04'])],
    ['Inscrivez Léa et Tom à la garderie du soir mardi, non en fait juste Tom', act('book', ['Tom'], ['evening'], ['2027-02-02'])],
    ['Tom à la cantine mardi, en fait non mercredi… pardon jeudi', act('book', ['Tom'], ['canteen'], ['2027-02-04'])],
  ])('"%s"', (text, expected) => {
    expect(actionsOf(text, NOW)).toEqual([expected]);
  });
});

describe('a child left as it is asks nothing', () => {
  it.each([
    ['Bonjour, merci d’inscrire Léa à la cantine jeudi 4 février. Tom, lui, continue comme prévu.', act('book', ['Léa'], ['canteen'], ['2027-02-04'])],
    ['Léa ne mangera pas à la cantine jeudi. Pour Tom, rien ne change.', act('cancel', ['Léa'], ['canteen'], ['2027-02-04'])],
    ['Annulez la garderie du soir de Tom jeudi. Par contre il mange bien à la cantine le midi, ne changez rien.', act('cancel', ['Tom'], ['evening'], ['2027-02-04'])],
    ['Please cancel Léa’s breakfast club on Friday. Tom’s bookings stay the same.', act('cancel', ['Léa'], ['morning'], ['2027-02-05'])],
    ['Pouvez-vous inscrire Tom à la cantine tous les mardis de février ? Léa n’en a pas besoin, elle rentre manger à la maison.', act('book', ['Tom'], ['canteen'], ['2027-02-02', '2027-02-09'])],
    ['Léa est malade, pas de cantine demain. Tom va à l’école normalement.', act('cancel', ['Léa'], ['canteen'], ['2027-02-02'])],
  ])('"%s"', (text, expected) => {
    expect(actionsOf(text, NOW)).toEqual([expected]);
  });

  it('keeps the name for a pronoun after it', () => {
    expect(actionsOf('Léa va très bien, tout continue comme d’habitude pour elle. Je voulais juste annuler son repas de jeudi.', NOW)).toEqual([act('cancel', ['Léa'], ['canteen'], ['2027-02-04'])]);
  });
});

describe('a saying is no negation', () => {
  it.each(['inscrivez quand même Tom à la cantine jeudi, on sait jamais', 'inscrivez Tom à la cantine jeudi, on ne sait jamais', 'book Tom for lunch on Thursday, you never know'])('"%s" books', (text) => {
    expect(actionsOf(text, NOW)).toEqual([act('book', ['Tom'], ['canteen'], ['2027-02-04'])]);
  });
});

describe('remarks beside a request (3 December, later)', () => {
  it.each([
    // Someone else than a child is ill or away.
    ['La nounou est malade cette semaine, donc inscrivez Léa et Tom à la garderie du soir jeudi.', act('book', ['Léa', 'Tom'], ['evening'], ['2027-02-04'])],
    ['Mon mari est absent toute la semaine prochaine. Pouvez-vous inscrire Tom à la garderie du matin lundi 8 ?', act('book', ['Tom'], ['morning'], ['2027-02-08'])],
    // What the parent tells of bookings, and a question the child asks at home.
    ['Pouvez-vous inscrire Léa à la cantine jeudi ? Tom est déjà inscrit ce jour-là je pense.', act('book', ['Léa'], ['canteen'], ['2027-02-04'])],
    ['Inscrivez Tom au centre mercredi 10 février. Il me demande tous les soirs s’il retourne au centre !', act('book', ['Tom'], ['wednesday'], ['2027-02-10'])],
    // A habit told as the reason of an order of another verb.
    ['Tom commence la natation le mardi soir à partir de la semaine prochaine. Merci de le désinscrire de la garderie du soir tous les mardis de février.', act('cancel', ['Tom'], ['evening'], ['2027-02-02', '2027-02-09'])],
  ])('"%s"', (text, expected) => {
    expect(actionsOf(text, NOW)).toEqual([expected]);
  });

  it('still reads a child’s own absence beside someone else’s', () => {
    expect(actionsOf('Ma mère est hospitalisée et Tom est malade : pas de cantine pour Tom demain. Inscrivez Léa à la garderie du soir demain.', NOW)).toEqual([
      act('book', ['Léa'], ['evening'], ['2027-02-02']),
      act('cancel', ['Tom'], ['canteen'], ['2027-02-02']),
    ]);
  });
});

describe('days pointed at beside days of their own', () => {
  it('"ce jour-là, ainsi que le mardi 9" is both days', () => {
    expect(actionsOf('Léa reprend l’école le lundi 8 février. Pouvez-vous l’inscrire à la cantine ce jour-là, ainsi que le mardi 9 ?', NOW)).toEqual([act('book', ['Léa'], ['canteen'], ['2027-02-08', '2027-02-09'])]);
  });

  it('"ce mercredi-là" is the Wednesday just said, even said as a start', () => {
    expect(actionsOf('Nous partons dès le mercredi 10 février au matin. Merci d’annuler le centre de Tom ce mercredi-là.', NOW)).toEqual([act('cancel', ['Tom'], ['wednesday'], ['2027-02-10'])]);
  });

  it('SMS and dictation: "dem", "ojourdui", "point" before a name', () => {
    expect(actionsOf('tom garderie du matin dem', NOW)).toEqual([act('book', ['Tom'], ['morning'], ['2027-02-02'])]);
    expect(actionsOf('léa pa de cantinne ojourdui', '2027-02-01T07:30:00+01:00')).toEqual([act('cancel', ['Léa'], ['canteen'], ['2027-02-01'])]);
    expect(actionsOf('Léa a de la fièvre elle ne viendra pas demain point Tom par contre va à l’école normalement merci', NOW)).toEqual([act('cancel', ['Léa'], null, ['2027-02-02'])]);
  });
});

describe('an absence and the day back', () => {
  it.each([
    ['Tom est malade demain, il revient lundi', act('cancel', ['Tom'], null, ['2027-02-02', '2027-02-03', '2027-02-04', '2027-02-05'])],
    ['Tom est malade demain. Il revient jeudi.', act('cancel', ['Tom'], null, ['2027-02-02', '2027-02-03'])],
    ['Tom is off sick tomorrow, he’ll be back on Thursday.', act('cancel', ['Tom'], null, ['2027-02-02', '2027-02-03'])],
    ['Léa won’t be in tomorrow. She’ll be back on Friday.', act('cancel', ['Léa'], null, ['2027-02-02', '2027-02-03', '2027-02-04'])],
  ])('"%s" cancels up to the return, and never books the day back', (text, expected) => {
    expect(actionsOf(text, NOW)).toEqual([expected]);
  });
});

describe('words that look like requests inside one', () => {
  it.each([
    ['Léa n’ira pas à la cantine demain midi, elle mangera avec moi après le dentiste.', act('cancel', ['Léa'], ['canteen'], ['2027-02-02'])],
    ['Merci d’annuler tout ce qui était prévu pour Tom demain.', act('cancel', ['Tom'], null, ['2027-02-02'])],
    ['Je récupère Tom à la sortie de l’école demain, plus besoin de la garderie du soir.', act('cancel', ['Tom'], ['evening'], ['2027-02-02'])],
  ])('"%s"', (text, expected) => {
    expect(actionsOf(text, NOW)).toEqual([expected]);
  });
});

describe('a child left out or corrected away stays out', () => {
  it.each([
    ['Inscris les enfants à la cantine jeudi, sauf Léa qui va chez sa marraine', act('book', ['Tom'], ['canteen'], ['2027-02-04'])],
    ['Inscrivez Léa à la cantine mardi. Ah non c’est Tom, Léa a son pique-nique', act('book', ['Tom'], ['canteen'], ['2027-02-02'])],
    ['annule la garderie du soir des enfants vendredi... pas Tom finalement, il reste', act('cancel', ['Léa'], ['evening'], ['2027-02-05'])],
    // The cleft "c'est Tom et pas Léa qui …" is the request itself.
    ['Je me suis trompée, c’est Tom et pas Léa qui ne mange pas à la cantine jeudi', act('cancel', ['Tom'], ['canteen'], ['2027-02-04'])],
    // "sorry" after the request takes nothing back.
    ['Tom has been sick all night, he won’t be coming in tomorrow, sorry for the short notice', act('cancel', ['Tom'], null, ['2027-02-02'])],
  ])('"%s"', (text, expected) => {
    expect(actionsOf(text, NOW)).toEqual([expected]);
  });
});

describe('a week said as the frame of days named in full', () => {
  it('adds none of its other days', () => {
    expect(actionsOf('Petite modification pour la semaine prochaine : Tom ira à la garderie du soir mardi 9 et jeudi 11.', NOW)).toEqual([act('book', ['Tom'], ['evening'], ['2027-02-09', '2027-02-11'])]);
  });

  it('still reads a week given by its own days', () => {
    expect(actionsOf('Pouvez-vous inscrire Tom à la garderie du soir pour la semaine du 8 au 12 février ?', NOW)).toEqual([act('book', ['Tom'], ['evening'], ['2027-02-08', '2027-02-09', '2027-02-11', '2027-02-12'])]);
  });
});
