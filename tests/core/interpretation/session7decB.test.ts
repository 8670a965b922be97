/**
 * Readings of the evening of 7 December, each a class a fresh blind set (21) showed: SMS spellings
 * of "demain" ("dmn"); what a child eats after "ne … que", "plus", "surtout"; a time of day after
 * what happened then ("le retard de ce matin"); an emoji before a capital ends a sentence; the
 * writer's own state ("je suis de nuit à l'hôpital") cancels nothing; a meal word after "before" /
 * "avant" says when; "de cette semaine-là" frames the weekdays before it; one child given a day of
 * its own is corrected alone; a list brought by a correction replaces a list. Later (set 23): words
 * spelt by ear ("kantine", "anulez"), a return after a modal, what a child does not eat, who collects
 * the child, eating at home, "X seulement" after a request for two.
 */
import { describe, expect, it } from 'vitest';
import { act, actionsOf } from './support.js';

const NOW = '2027-02-01T19:00:00+01:00'; // Monday 1 February 2027
const KIDS = ['Anouk', 'Basile'];

describe('SMS spellings of "demain"', () => {
  it('"dmn", "demin" are tomorrow', () => {
    expect(actionsOf('anouk cantine dmn stp', NOW, KIDS)).toEqual([act('book', ['Anouk'], ['canteen'], ['2027-02-02'])]);
    expect(actionsOf('cc basile garderie du soir ajd et dmn svp', NOW, KIDS)).toEqual([act('book', ['Basile'], ['evening'], ['2027-02-01', '2027-02-02'])]);
  });
});

describe('what a child eats', () => {
  it('is no canteen, after "ne … que", "plus", "surtout"', () => {
    const text = 'Basile ne mange plus que des pâtes en ce moment, bref : Anouk à la garderie du matin jeudi svp';
    expect(actionsOf(text, NOW, KIDS)).toEqual([act('book', ['Anouk'], ['morning'], ['2027-02-04'])]);
    expect(actionsOf('Anouk mange surtout du riz en ce moment. Basile garderie du soir vendredi.', NOW, KIDS)).toEqual([act('book', ['Basile'], ['evening'], ['2027-02-05'])]);
  });

  it('leaves "ne mange pas de la semaine" a cancellation of the canteen', () => {
    expect(actionsOf('Anouk ne mange pas de la semaine prochaine', NOW, KIDS)).toEqual([act('cancel', ['Anouk'], ['canteen'], ['2027-02-08', '2027-02-09', '2027-02-11', '2027-02-12'])]);
  });
});

describe('a time of day after what happened then', () => {
  it('is no care', () => {
    const text = 'Bonsoir, pardon pour le retard de ce soir, accident sur la rocade. Basile n’ira pas à la garderie du matin demain.';
    expect(actionsOf(text, NOW, KIDS)).toEqual([act('cancel', ['Basile'], ['morning'], ['2027-02-02'])]);
  });
});

describe('an emoji before a capital', () => {
  it('ends the sentence of a remark, whose day is no day of the request', () => {
    const text = 'Il neige encore aujourd’hui ❄️ Anouk était ravie ! Pourriez-vous annuler sa cantine vendredi ? Merci';
    expect(actionsOf(text, NOW, KIDS)).toEqual([act('cancel', ['Anouk'], ['canteen'], ['2027-02-05'])]);
  });
});

describe('the writer’s own state', () => {
  it('cancels nothing beside a request', () => {
    const text = 'Bonsoir, je suis d’astreinte à l’hôpital toute la semaine prochaine. Pouvez-vous inscrire Basile à la garderie du soir mardi 9 ? Merci';
    expect(actionsOf(text, NOW, KIDS)).toEqual([act('book', ['Basile'], ['evening'], ['2027-02-09'])]);
  });
});

describe('a meal word after "before"', () => {
  it('says when, beside the service of the request', () => {
    const text = 'Could you please cancel Anouk’s school lunch on Thursday? She has an appointment and I will collect her before lunch.';
    expect(actionsOf(text, NOW, KIDS)).toEqual([act('cancel', ['Anouk'], ['canteen'], ['2027-02-04'])]);
  });
});

describe('"de cette semaine-là"', () => {
  it('frames the weekdays said before it in the week said first', () => {
    const text = 'La semaine du 8 mars je travaille : merci d’inscrire Anouk à la garderie du soir le lundi, mardi et vendredi de cette semaine-là.';
    expect(actionsOf(text, NOW, KIDS)).toEqual([act('book', ['Anouk'], ['evening'], ['2027-03-08', '2027-03-09', '2027-03-12'])]);
  });
});

describe('corrections inside a message', () => {
  it('correct one child given a day of its own alone', () => {
    const text = 'Please book Anouk for morning care on Tuesday and Basile on Tuesday too. Sorry, I meant Basile on Thursday, not Tuesday.';
    expect(actionsOf(text, NOW, KIDS)).toEqual([act('book', ['Anouk'], ['morning'], ['2027-02-02']), act('book', ['Basile'], ['morning'], ['2027-02-04'])]);
  });

  it('replace a list of days by the list they bring', () => {
    expect(actionsOf('Cancel Basile’s lunch on Monday and Tuesday next week. Sorry, I mean Tuesday and Thursday.', NOW, KIDS)).toEqual([act('cancel', ['Basile'], ['canteen'], ['2027-02-09', '2027-02-11'])]);
  });
});

describe('a sentence with no word that asks and no child', () => {
  it('is a remark beside a request for named children', () => {
    const text = 'Avec les vacances de la Toussaint, nous partons dès vendredi midi. Anouk et Basile ne seront donc pas à la cantine vendredi 5.';
    expect(actionsOf(text, '2027-02-01T19:00:00+01:00', KIDS)).toEqual([act('cancel', ['Anouk', 'Basile'], ['canteen'], ['2027-02-05'])]);
  });
});

describe('wishes to the team', () => {
  it('ask nothing, and a greeting of the season beside a request leaves it whole', () => {
    expect(actionsOf('Joyeux Noël à toute l’équipe de la garderie !', NOW, KIDS)).toEqual([act('unknown', null, null, null)]);
    expect(actionsOf('Happy new year to all the canteen staff 🎉', NOW, KIDS)).toEqual([act('unknown', null, null, null)]);
    expect(actionsOf('meilleurs vœux ! anouk cantine jeudi', NOW, KIDS)).toEqual([act('book', ['Anouk'], ['canteen'], ['2027-02-04'])]);
  });
});

describe('a child who says "yes" to the service before', () => {
  it('takes that service', () => {
    const text = 'Pour vendredi : Anouk n’ira pas à la garderie du soir, mais Basile oui, merci de l’inscrire';
    expect(actionsOf(text, NOW, KIDS)).toEqual([act('book', ['Basile'], ['evening'], ['2027-02-05']), act('cancel', ['Anouk'], ['evening'], ['2027-02-05'])]);
  });
});

describe('a promise to tell later', () => {
  it('asks nothing, whatever it names', () => {
    const text = 'Basile ne viendra pas au centre de loisirs mercredi 10. Pour les suivants je vous redirai quand j’aurai le planning du conservatoire.';
    expect(actionsOf(text, NOW, KIDS)).toEqual([act('cancel', ['Basile'], ['wednesday'], ['2027-02-10'])]);
  });
});

describe('weeks as parents list them', () => {
  it('"les semaines du 8 et du 22 mars" are two weeks', () => {
    const text = 'Garde alternée : j’ai Anouk les semaines du 8 et du 22 mars, merci de l’inscrire à la garderie du matin ces deux semaines.';
    expect(actionsOf(text, NOW, KIDS)).toEqual([act('book', ['Anouk'], ['morning'], ['2027-03-08', '2027-03-09', '2027-03-11', '2027-03-12', '2027-03-22', '2027-03-23', '2027-03-25', '2027-03-26'])]);
  });

  it('"toute la semaine" is the week said before', () => {
    const text = 'La semaine prochaine c’est moi qui ai les enfants. Cantine pour les deux toute la semaine sauf jeudi svp';
    expect(actionsOf(text, '2027-02-26T19:00:00+01:00', KIDS)).toEqual([act('book', ['Anouk', 'Basile'], ['canteen'], ['2027-03-01', '2027-03-02', '2027-03-05'])]);
  });
});

describe('as planned, as usual', () => {
  it('"comme prévu" beside days asks nothing; "keeping him home" with "a nasty cold" is an absence', () => {
    const text = 'Basile ne viendra pas au centre de loisirs mercredi 10. Anouk, elle, reste à la garderie du soir lundi et mardi comme prévu.';
    expect(actionsOf(text, NOW, KIDS)).toEqual([act('cancel', ['Basile'], ['wednesday'], ['2027-02-10'])]);
    expect(actionsOf('Basile has a bad cough, we are keeping him home tomorrow. Anouk will be in as usual.', NOW, KIDS)).toEqual([act('cancel', ['Basile'], null, ['2027-02-02'])]);
  });
});

describe('the day of the return', () => {
  it('is no day of the absence said before it', () => {
    expect(actionsOf('Anouk a la grippe, elle ne viendra pas demain ni mercredi. Elle reprend jeudi.', NOW, KIDS)).toEqual([act('cancel', ['Anouk'], null, ['2027-02-02', '2027-02-03'])]);
    expect(actionsOf('Basile est malade, arrêt jusqu’à mercredi inclus. Il reprend jeudi.', NOW, KIDS)).toEqual([act('cancel', ['Basile'], null, ['2027-02-02', '2027-02-03'])]);
  });

  it('is the day after "no school until" in English', () => {
    expect(actionsOf('Anouk has chickenpox, the doctor says no school until Friday.', NOW, KIDS)).toEqual([act('cancel', ['Anouk'], null, ['2027-02-02', '2027-02-03', '2027-02-04'])]);
  });
});

describe('"toute cette semaine" after a later week', () => {
  it('is that week', () => {
    const text = 'Anouk part en classe verte du 8 au 12 mars. Merci d’annuler sa cantine pendant toute cette semaine.';
    expect(actionsOf(text, NOW, KIDS)).toEqual([act('cancel', ['Anouk'], ['canteen'], ['2027-03-08', '2027-03-09', '2027-03-11', '2027-03-12'])]);
  });
});

describe('"enfin non seulement"', () => {
  it('keeps the one value said after it', () => {
    expect(actionsOf('Basile ira à la garderie du matin demain et jeudi, enfin non seulement jeudi', NOW, KIDS)).toEqual([act('book', ['Basile'], ['morning'], ['2027-02-04'])]);
  });
});

describe('a habit told beside a request', () => {
  it('asks nothing', () => {
    expect(actionsOf('Je voudrais inscrire Basile à la cantine vendredi (il ne mange pas à la cantine d’habitude).', NOW, KIDS)).toEqual([act('book', ['Basile'], ['canteen'], ['2027-02-05'])]);
  });
});

describe('words spelt by ear', () => {
  it('"kantine", "quantine", "anulez" are read as meant', () => {
    expect(actionsOf('anulez la kantine de Basile jeudi', NOW, KIDS)).toEqual([act('cancel', ['Basile'], ['canteen'], ['2027-02-04'])]);
    expect(actionsOf('Anouk quantine vendredi svp', NOW, KIDS)).toEqual([act('book', ['Anouk'], ['canteen'], ['2027-02-05'])]);
  });

  it('"salade" is a dish, not an illness', () => {
    expect(actionsOf('Anouk adore la salade de la cantine, vous pouvez l’inscrire jeudi', NOW, KIDS)).toEqual([act('book', ['Anouk'], ['canteen'], ['2027-02-04'])]);
  });
});

describe('a return said with a modal', () => {
  it('"ne pourra retourner à l’école que jeudi" cancels the days before', () => {
    expect(actionsOf('Basile est malade, il ne pourra retourner à l’école que jeudi. Annulez sa cantine svp', NOW, KIDS)).toEqual([act('cancel', ['Basile'], ['canteen'], ['2027-02-02'])]);
  });
});

describe('what a child does not eat', () => {
  it('"ne mange pas les épinards" names a food, not the canteen', () => {
    expect(actionsOf('Basile ne mange pas les épinards, merci d’y penser. Il sera à la cantine vendredi.', NOW, KIDS)).toEqual([act('book', ['Basile'], ['canteen'], ['2027-02-05'])]);
  });
});

describe('who collects the child', () => {
  it('a pickup notice with no word that asks books nothing', () => {
    expect(actionsOf('Bonjour, c’est son papa qui viendra la chercher jeudi à la garderie du soir.', NOW, ['Anouk'])).toEqual([act('unknown', null, null, null)]);
  });

  it('a request with the pickup time after it still books', () => {
    expect(actionsOf('Anouk garderie du soir jeudi svp, je la récupère vers 18h', NOW, KIDS)).toEqual([act('book', ['Anouk'], ['evening'], ['2027-02-04'])]);
  });

  it('eating "chez nous" is no canteen', () => {
    expect(actionsOf('Anouk mangera chez moi mardi', NOW, KIDS)).toEqual([act('cancel', ['Anouk'], ['canteen'], ['2027-02-02'])]);
    expect(actionsOf('Les enfants mangeront chez nous mardi, annulez leur cantine', NOW, KIDS)).toEqual([act('cancel', ['Anouk', 'Basile'], ['canteen'], ['2027-02-02'])]);
  });
});

describe('"X seulement" after a request for two', () => {
  it('keeps X, and the reason given for the other asks nothing', () => {
    const text = 'Anouk et Basile à la garderie du soir vendredi. Enfin Basile seulement, Anouk va chez sa tante.';
    expect(actionsOf(text, NOW, KIDS)).toEqual([act('book', ['Basile'], ['evening'], ['2027-02-05'])]);
    const again = 'Garderie du matin mardi pour Anouk et Basile. Non, seulement Anouk, Basile reste avec son père.';
    expect(actionsOf(again, NOW, KIDS)).toEqual([act('book', ['Anouk'], ['morning'], ['2027-02-02'])]);
  });
});

describe('side remarks that booked or cancelled (set 24)', () => {
  it('a club or a centre of something else is no service', () => {
    expect(actionsOf('Basile ne mangera pas à la cantine jeudi, il part en tournoi avec son club de rugby', NOW, KIDS)).toEqual([act('cancel', ['Basile'], ['canteen'], ['2027-02-04'])]);
    expect(actionsOf('Anouk au centre de loisirs mercredi', NOW, KIDS)).toEqual([act('book', ['Anouk'], ['wednesday'], ['2027-02-03'])]);
  });

  it('what a child liked, and "n’arrête pas de", ask nothing', () => {
    expect(actionsOf('Le repas de midi a beaucoup plu à Basile, il n’arrête pas d’en parler !', NOW, KIDS)).toEqual([act('unknown', null, null, null)]);
  });

  it('a thing forgotten at home is no absence', () => {
    expect(actionsOf('Anouk a laissé son doudou à la maison, je passe le déposer ce midi', NOW, KIDS)).toEqual([act('unknown', null, null, null)]);
  });

  it('"mais garde X" leaves X booked', () => {
    expect(actionsOf('Annulez la garderie du matin de Basile jeudi, mais gardez Anouk', NOW, KIDS)).toEqual([act('cancel', ['Basile'], ['morning'], ['2027-02-04'])]);
  });

  it('a booking said to stay as it is asks nothing', () => {
    expect(actionsOf('Annulez la garderie du soir d’Anouk vendredi, sa cantine reste inchangée.', NOW, KIDS)).toEqual([act('cancel', ['Anouk'], ['evening'], ['2027-02-05'])]);
    expect(actionsOf('Please cancel Basile’s breakfast club on Thursday. His lunch stays as it is.', NOW, KIDS)).toEqual([act('cancel', ['Basile'], ['morning'], ['2027-02-04'])]);
  });

  it('the week as it always goes, beside a request, asks nothing', () => {
    expect(actionsOf('Anouk mangera à la cantine mardi. Le jeudi elle déjeune chez sa tante comme chaque semaine, elle n’y est jamais inscrite.', NOW, KIDS)).toEqual([act('book', ['Anouk'], ['canteen'], ['2027-02-02'])]);
  });

  it('who collects a named child, with no word that asks, books nothing', () => {
    expect(actionsOf('Ce soir c’est son parrain qui vient chercher Basile à la garderie.', NOW, KIDS)).toEqual([act('unknown', null, null, null)]);
  });

  it('when the child is collected, after a booking, cancels nothing', () => {
    expect(actionsOf('Basile mangera à la cantine mardi, juste le midi : je le récupère à la sortie à 16h30', NOW, KIDS)).toEqual([act('book', ['Basile'], ['canteen'], ['2027-02-02'])]);
    expect(actionsOf('Pas de garderie du soir pour Basile mardi, je le récupère à la sortie', NOW, KIDS)).toEqual([act('cancel', ['Basile'], ['evening'], ['2027-02-02'])]);
  });
});

describe('days and children as set 24 wrote them', () => {
  it('"Noé, lui, juste …" opening a sentence is Noé’s own request', () => {
    const text = 'Anouk : cantine mardi et jeudi. Basile, lui, seulement la garderie du matin mardi.';
    expect(actionsOf(text, NOW, KIDS)).toEqual([act('book', ['Anouk'], ['canteen'], ['2027-02-02', '2027-02-04']), act('book', ['Basile'], ['morning'], ['2027-02-02'])]);
  });

  it('"mercredi prochain et celui d’après" is two Wednesdays', () => {
    expect(actionsOf('Basile au centre de loisirs mercredi et celui d’après', NOW, KIDS)).toEqual([act('book', ['Basile'], ['wednesday'], ['2027-02-03', '2027-02-10'])]);
  });

  it('"ces jours-là" with a period is the weekdays said before, over it', () => {
    const text = 'Suite au changement de mes horaires, je finis tard le mardi et le vendredi. Merci d’inscrire Anouk à la garderie du soir ces jours-là jusqu’aux vacances.';
    expect(actionsOf(text, NOW, KIDS)).toEqual([act('book', ['Anouk'], ['evening'], ['2027-02-02', '2027-02-05', '2027-02-09', '2027-02-12'])]);
  });

  it('"dès la rentrée, la première semaine" is the first week back', () => {
    expect(actionsOf('Basile mangera à la cantine dès la rentrée, seulement la première semaine', '2027-02-20T10:00:00+01:00', KIDS)).toEqual([act('book', ['Basile'], ['canteen'], ['2027-03-01', '2027-03-02', '2027-03-04', '2027-03-05'])]);
  });

  it('a subject line and a reason for no child add nothing beside the same change for every child', () => {
    const text = 'Objet : absences semaine du 8 février\n\nBonjour,\n\nNous partons en famille avant les vacances. Anouk et Basile ne viendront à aucun service du mardi 9 au vendredi 12 février.\n\nCordialement';
    expect(actionsOf(text, NOW, KIDS)).toEqual([act('cancel', ['Anouk', 'Basile'], null, ['2027-02-09', '2027-02-10', '2027-02-11', '2027-02-12'])]);
  });

  it('a sentence of the writer’s own in parentheses is a remark', () => {
    const text = 'Je voudrais inscrire Anouk à la garderie du soir le jeudi 4 février (je termine désormais à 18h le jeudi).';
    expect(actionsOf(text, NOW, KIDS)).toEqual([act('book', ['Anouk'], ['evening'], ['2027-02-04'])]);
  });

  it('a question about the children in general is help', () => {
    expect(actionsOf('Do the children get a snack at after-school club, or should I give them one?', NOW, KIDS)).toEqual([act('help', null, null, null)]);
  });
});

describe('set 25: days as parents write them', () => {
  it('a wish is no day ("bon dimanche")', () => {
    expect(actionsOf('Anouk mangera à la cantine toute la semaine prochaine sauf le jeudi. Bon dimanche !', '2027-01-31T18:00:00+01:00', KIDS)).toEqual([act('book', ['Anouk'], ['canteen'], ['2027-02-01', '2027-02-02', '2027-02-05'])]);
  });

  it('weekdays said of every week beside a range are those weekdays in it', () => {
    expect(actionsOf('Merci d’inscrire Basile à la garderie du soir le mardi et le vendredi, du 1er au 12 mars.', NOW, KIDS)).toEqual([act('book', ['Basile'], ['evening'], ['2027-03-02', '2027-03-05', '2027-03-09', '2027-03-12'])]);
  });

  it('"jeudi en 8" is a week after the coming Thursday', () => {
    expect(actionsOf('Anouk cantine jeudi en 8 svp', '2027-01-29T12:00:00+01:00', KIDS)).toEqual([act('book', ['Anouk'], ['canteen'], ['2027-02-11'])]);
  });

  it('a recurrence for another child keeps the scope of the one before', () => {
    const text = 'Anouk à la cantine tous les mardis jusqu’aux vacances et Basile aussi mais seulement les jeudis';
    expect(actionsOf(text, NOW, KIDS)).toEqual([act('book', ['Anouk'], ['canteen'], ['2027-02-02', '2027-02-09']), act('book', ['Basile'], ['canteen'], ['2027-02-04', '2027-02-11'])]);
  });
});

describe('set 25: what asks nothing', () => {
  const none = [act('unknown', null, null, null)];
  it('how a past meal was', () => {
    expect(actionsOf('Franchement le repas de ce midi c’était pas terrible 😕', '2027-02-01T17:00:00+01:00', KIDS)).toEqual(none);
  });
  it('a maybe, a condition, the writer’s holidays', () => {
    expect(actionsOf('Anouk restera peut-être à la maison vendredi, je ne sais pas encore.', NOW, KIDS)).toEqual(none);
    expect(actionsOf('If Basile is not better tomorrow I will keep him home and let you know.', NOW, KIDS)).toEqual(none);
  });
  it('wishes to the team', () => {
    expect(actionsOf('Plein de bonnes choses à toute l’équipe du périscolaire !', NOW, ['Anouk'])).toEqual(none);
  });
  it('a request taken back ("oubliez ce message")', () => {
    expect(actionsOf('Annulez la garderie du matin de Basile mardi... ah non oubliez ce message, son rendez-vous a été déplacé.', NOW, KIDS)).toEqual(none);
  });
  it('the other child coming as usual', () => {
    expect(actionsOf('Basile a de la fièvre, il ne viendra pas demain. Anouk oui.', NOW, KIDS)).toEqual([act('cancel', ['Basile'], null, ['2027-02-02'])]);
  });
  it('a habit of never, beside a request', () => {
    expect(actionsOf('Anouk ne mange jamais à la cantine le mardi, elle va chez sa tante. Par contre inscrivez Basile mardi midi.', NOW, KIDS)).toEqual([act('book', ['Basile'], ['canteen'], ['2027-02-02'])]);
  });
});

describe('set 25: questions', () => {
  it('when a child may arrive, a discount, what one must do', () => {
    expect(actionsOf('Est-ce qu’Anouk peut arriver au centre de loisirs vers 10h30 mercredi ?', NOW, ['Anouk'])).toEqual([act('help', null, null, null)]);
    expect(actionsOf('Il faut vous prévenir à chaque fois ?', NOW, ['Anouk'])).toEqual([act('help', null, null, null)]);
    expect(actionsOf('Is there a discount when two children eat at the canteen?', NOW, KIDS)).toEqual([act('help', null, null, null)]);
  });
  it('a record to check is a question to staff', () => {
    expect(actionsOf('Bonjour, Basile a été noté absent à la cantine lundi alors qu’il y était, merci de corriger.', NOW, KIDS)).toEqual([act('help', null, null, null)]);
  });
});

describe('a service said yes to after a cancellation', () => {
  it('is booked for the same child and day', () => {
    expect(actionsOf('pas de cantine pour Basile jeudi, par contre la garderie du soir oui', NOW, KIDS)).toEqual([act('book', ['Basile'], ['evening'], ['2027-02-04']), act('cancel', ['Basile'], ['canteen'], ['2027-02-04'])]);
  });
});

describe('set 25, later fixes', () => {
  it('an illness told in the past with its weekdays, and the return of a child who is better, ask nothing', () => {
    expect(actionsOf('Bonjour, Basile a été malade lundi et mardi, désolée de ne pas avoir prévenu. Il va mieux et revient jeudi.', '2027-02-03T12:00:00+01:00', KIDS)).toEqual([act('unknown', null, null, null)]);
  });

  it('"à la rentrée" beside days given in full only says when they are', () => {
    expect(actionsOf('À la rentrée, merci d’inscrire Anouk à la cantine le mardi 2 et le jeudi 4 mars.', '2027-02-20T10:00:00+01:00', KIDS)).toEqual([act('book', ['Anouk'], ['canteen'], ['2027-03-02', '2027-03-04'])]);
  });

  it('a booking with no service, in a message naming one service in a remark, is for that service', () => {
    expect(actionsOf('Basile a adoré le centre de loisirs ! Vous pouvez le réinscrire mercredi ?', NOW, KIDS)).toEqual([act('book', ['Basile'], ['wednesday'], ['2027-02-03'])]);
  });

  it('a closed day with "donc rien" cancels nothing', () => {
    const sunday = '2027-01-31T19:00:00+01:00';
    expect(actionsOf('Anouk à la garderie du matin lundi et mardi, mercredi c’est férié de toute façon', sunday, KIDS)).toEqual([act('book', ['Anouk'], ['morning'], ['2027-02-01', '2027-02-02'])]);
    expect(actionsOf('les enfants à la cantine jeudi et vendredi, et mercredi c’est fermé donc rien', sunday, KIDS)).toEqual([act('book', ['Anouk', 'Basile'], ['canteen'], ['2027-02-04', '2027-02-05'])]);
  });

  it('"juste X alors" after a change of mind keeps X', () => {
    expect(actionsOf('Anouk garderie du soir mardi et jeudi. Ah non jeudi elle a judo… juste mardi alors', NOW, KIDS)).toEqual([act('book', ['Anouk'], ['evening'], ['2027-02-02'])]);
  });
});

describe('a reason opened by "comme"', () => {
  it('asks nothing, and its days are the days "ces deux jours-là" points at', () => {
    expect(actionsOf('Comme son frère part en sortie scolaire mardi et jeudi, Anouk mangera à la cantine ces deux jours-là.', NOW, KIDS)).toEqual([act('book', ['Anouk'], ['canteen'], ['2027-02-02', '2027-02-04'])]);
  });
  it('leaves an illness told in it to the child it names', () => {
    expect(actionsOf('Comme Basile est malade, il ne viendra pas demain.', NOW, KIDS)).toEqual([act('cancel', ['Basile'], null, ['2027-02-02'])]);
  });
});

describe('days kept by "seulement", and the first days back', () => {
  it('weekdays after "seulement" are the days; a weekday said before them is not', () => {
    expect(actionsOf('Anouk fait du judo le vendredi maintenant, donc la semaine prochaine garderie du soir seulement mardi et jeudi', '2027-01-29T19:00:00+01:00', KIDS)).toEqual([act('book', ['Anouk'], ['evening'], ['2027-02-02', '2027-02-04'])]);
  });
  it('"les deux premiers jours" after a return are its first school days', () => {
    expect(actionsOf('À la rentrée des vacances d’hiver, Basile ira à la garderie du soir les deux premiers jours.', '2027-02-20T19:00:00+01:00', KIDS)).toEqual([act('book', ['Basile'], ['evening'], ['2027-03-01', '2027-03-02'])]);
  });
});

describe('set 26', () => {
  it('wishes, a campaign named after a month, a taste denied', () => {
    expect(actionsOf('Joyeuses fêtes à toute l’équipe de la garderie !', NOW, ['Anouk'])).toEqual([act('unknown', null, null, null)]);
    expect(actionsOf('Basile ne mangera pas à la cantine vendredi, sortie Octobre rose avec sa classe.', '2026-10-05T19:00:00+02:00', KIDS)).toEqual([act('cancel', ['Basile'], ['canteen'], ['2026-10-09'])]);
    expect(actionsOf('It’s not that Anouk doesn’t like the canteen, she just won’t have lunch there on Friday.', NOW, KIDS)).toEqual([act('cancel', ['Anouk'], ['canteen'], ['2027-02-05'])]);
  });
  it('"ne sera pas absente finalement" cancels nothing', () => {
    expect(actionsOf('Anouk ne sera pas absente jeudi finalement, vous pouvez lui remettre sa garderie du soir.', NOW, KIDS)).toEqual([act('book', ['Anouk'], ['evening'], ['2027-02-04'])]);
  });
  it('a condition on a strike decides nothing; a question in it stays one', () => {
    expect(actionsOf('Basile ira à la garderie du matin mardi. S’il y a grève jeudi je le garderai sûrement, je vous dirai.', NOW, KIDS)).toEqual([act('book', ['Basile'], ['morning'], ['2027-02-02'])]);
    expect(actionsOf('Si la grève de jeudi est confirmée, la cantine sera-t-elle assurée ?', NOW, KIDS)).toEqual([act('help', null, null, null)]);
  });
  it('"mettez-la plutôt le soir" after an order is instead, no self-correction', () => {
    expect(actionsOf('Annulez la garderie du soir de Basile mardi et mettez-le plutôt le matin', NOW, KIDS)).toEqual([act('book', ['Basile'], ['morning'], ['2027-02-02']), act('cancel', ['Basile'], ['evening'], ['2027-02-02'])]);
  });
  it('a remark in parentheses with no child nor day asks nothing', () => {
    expect(actionsOf('Anouk à la cantine toute la semaine prochaine sauf le jeudi (repas de famille à la maison)', NOW, KIDS)).toEqual([act('book', ['Anouk'], ['canteen'], ['2027-02-08', '2027-02-09', '2027-02-12'])]);
  });
  it('questions: who is admitted, what to fill in', () => {
    expect(actionsOf('Le centre de loisirs accepte-t-il les enfants de 3 ans ?', NOW, KIDS)).toEqual([act('help', null, null, null)]);
    expect(actionsOf('Il faut remplir un dossier pour la garderie ?', NOW, KIDS)).toEqual([act('help', null, null, null)]);
  });
});

describe('news of the family’s home', () => {
  it('"changement d’organisation chez nous" is no absence', () => {
    const text = 'Petit changement d’organisation chez nous pour la rentrée : je reprends le travail, donc Anouk déjeunera à la cantine les mardis de mars.';
    expect(actionsOf(text, '2027-02-20T10:00:00+01:00', KIDS)).toEqual([act('book', ['Anouk'], ['canteen'], ['2027-03-02', '2027-03-09', '2027-03-16', '2027-03-23', '2027-03-30'])]);
  });
});

describe('as usual, and what is not the reason', () => {
  it('an absence "comme d’hab" beside a request asks nothing', () => {
    expect(actionsOf('Basile mangera à la cantine mardi et jeudi. Anouk rentre déjeuner à la maison toute la semaine comme d’hab.', '2027-01-31T18:00:00+01:00', KIDS)).toEqual([act('book', ['Basile'], ['canteen'], ['2027-02-02', '2027-02-04'])]);
  });
  it('"it’s not that he doesn’t like it" cancels nothing of its own', () => {
    expect(actionsOf('It’s not that Basile doesn’t like the canteen, he just won’t have lunch there on Thursday.', NOW, KIDS)).toEqual([act('cancel', ['Basile'], ['canteen'], ['2027-02-04'])]);
  });
});
