/**
 * Readings of 7 December: what the writer cannot do is the reason of a request, never a
 * cancellation ("je ne pourrai pas la récupérer avant 18h", "I can't collect him"); what befalls a
 * parent or someone else adds nothing, whatever children an earlier sentence named; "pardon de ne
 * pas l'avoir précisé" negates nothing; a week said after the service it frames
 * ("Garderie du soir semaine prochaine : …") frames every child's weekdays; "before school care".
 */
import { describe, expect, it } from 'vitest';
import { act, actionsOf } from './support.js';

const NOW = '2027-03-01T19:00:00+01:00'; // Monday 1 March 2027
const KIDS = ['Anouk', 'Basile'];

describe('what the writer cannot do', () => {
  it('is the reason of the request beside it', () => {
    const wanted = [act('book', ['Anouk', 'Basile'], ['evening'], ['2027-03-04', '2027-03-05'])];
    expect(actionsOf('Pourriez-vous inscrire Anouk et Basile à la garderie du soir jeudi et vendredi ? Je ne pourrai pas les chercher avant 18h15.', NOW, KIDS)).toEqual(wanted);
    expect(actionsOf('Anouk et Basile à la garderie du soir jeudi et vendredi svp, je ne peux pas récupérer les enfants à la sortie de l’école.', NOW, KIDS)).toEqual(wanted);
  });

  it('never cancels the meal the same message books', () => {
    expect(actionsOf('Basile mangera à la cantine mardi, je n’aurai pas le temps de rentrer le midi.', NOW, KIDS)).toEqual([act('book', ['Basile'], ['canteen'], ['2027-03-02'])]);
    expect(actionsOf('Please book Anouk for lunch on Thursday, I won’t be able to pick her up at noon.', NOW, KIDS)).toEqual([act('book', ['Anouk'], ['canteen'], ['2027-03-04'])]);
  });

  it('leaves a child’s own negation a cancellation', () => {
    expect(actionsOf('Anouk ne pourra pas venir à la cantine jeudi.', NOW, KIDS)).toEqual([act('cancel', ['Anouk'], ['canteen'], ['2027-03-04'])]);
  });
});

describe('what befalls someone else', () => {
  it('adds no cancellation for the children an introduction named', () => {
    const text = 'Bonsoir, je suis le grand-père d’Anouk et de Basile. Leurs parents sont en déplacement à Lille jusqu’à vendredi et c’est moi qui m’occupe d’eux. Pouvez-vous les inscrire à la cantine jeudi ?';
    expect(actionsOf(text, NOW, KIDS)).toEqual([act('book', ['Anouk', 'Basile'], ['canteen'], ['2027-03-04'])]);
  });
});

describe('an apology for what was not said', () => {
  it('negates nothing', () => {
    expect(actionsOf('Anouk mangera à la cantine mardi, désolée de ne pas l’avoir dit plus tôt.', NOW, KIDS)).toEqual([act('book', ['Anouk'], ['canteen'], ['2027-03-02'])]);
  });
});

describe('a week said after the service it frames', () => {
  it('frames the weekdays of every child after it', () => {
    expect(actionsOf('Cantine semaine prochaine : Anouk lundi, Basile seulement le vendredi.', NOW, KIDS)).toEqual([
      act('book', ['Anouk'], ['canteen'], ['2027-03-08']),
      act('book', ['Basile'], ['canteen'], ['2027-03-12']),
    ]);
  });
});

describe('English care words', () => {
  it('reads "before-school care" as the morning care', () => {
    expect(actionsOf('Could you book Basile into before-school care on Friday?', NOW, KIDS)).toEqual([act('book', ['Basile'], ['morning'], ['2027-03-05'])]);
  });
});

describe('remarks beside a request with its days', () => {
  it('adds nothing for a sentence with no day and no order of its own', () => {
    const text = 'Bonsoir,\n\nGrâce aux animatrices de la cantine, Basile s’est fait plein de copains cette année, merci !\n\nPar contre il ne mangera pas à la cantine le vendredi 5 mars, nous partons en week-end.\n\nBonne soirée';
    expect(actionsOf(text, NOW, KIDS)).toEqual([act('cancel', ['Basile'], ['canteen'], ['2027-03-05'])]);
    const other = 'Anouk mangera à la cantine jeudi 4 mars. Elle est un peu timide, si quelqu’un peut l’accompagner au réfectoire ce serait gentil.';
    expect(actionsOf(other, NOW, KIDS)).toEqual([act('book', ['Anouk'], ['canteen'], ['2027-03-04'])]);
  });

  it('adds nothing for an illness that is over', () => {
    const text = 'Pourriez-vous inscrire Anouk à la garderie du soir jeudi et vendredi ? Elle a été un peu malade la semaine dernière mais ça va mieux.';
    expect(actionsOf(text, NOW, KIDS)).toEqual([act('book', ['Anouk'], ['evening'], ['2027-03-04', '2027-03-05'])]);
  });

  it('reads a worry, "rien à prévoir" and "selon mon planning" as no request', () => {
    expect(actionsOf('Inscrivez Basile à la cantine mardi. Il trouve les repas un peu légers mais je ne m’inquiète pas.', NOW, KIDS)).toEqual([act('book', ['Basile'], ['canteen'], ['2027-03-02'])]);
    expect(actionsOf('Merci d’inscrire Anouk au centre mercredi 3 mars. Pendant les vacances elle part chez sa tante, donc rien à prévoir.', NOW, KIDS)).toEqual([act('book', ['Anouk'], ['wednesday'], ['2027-03-03'])]);
    expect(actionsOf('Basile à la garderie du soir jeudi 4. Pour la suite je vous dirai, selon mon planning.', NOW, KIDS)).toEqual([act('book', ['Basile'], ['evening'], ['2027-03-04'])]);
  });
});

describe('what a child eats', () => {
  it('is no canteen', () => {
    expect(actionsOf('Inscrivez Basile à la cantine mardi. Je ne sais plus quoi faire, il ne veut plus manger de légumes.', NOW, KIDS)).toEqual([act('book', ['Basile'], ['canteen'], ['2027-03-02'])]);
    expect(actionsOf('Basile mangera du lundi au jeudi la semaine prochaine', NOW, KIDS)).toEqual([act('book', ['Basile'], ['canteen'], ['2027-03-08', '2027-03-09', '2027-03-11'])]);
  });
});

/** The morning care's days of March 2027 from today on (Easter Monday 29 March is a public holiday). */
const MARCH_MORNINGS = ['01', '02', '04', '05', '08', '09', '11', '12', '15', '16', '18', '19', '22', '23', '25', '26', '30'].map((d) => `2027-03-${d}`);

describe('questions', () => {
  it('asking to be reminded of a child’s days is a list, whatever word of the service follows', () => {
    const text = 'Pourriez-vous me rappeler quels jours Basile est inscrit à la garderie du matin en mars ? Je n’ai plus le mail.';
    expect(actionsOf(text, NOW, KIDS)).toEqual([act('list', ['Basile'], ['morning'], MARCH_MORNINGS)]);
  });

  it('"est-ce que X peut être inscrite" asks for the booking', () => {
    expect(actionsOf('Est-ce qu’Anouk peut être inscrite au centre de loisirs mercredi ?', NOW, KIDS)).toEqual([act('book', ['Anouk'], ['wednesday'], ['2027-03-03'])]);
  });

  it('a question about the service after a request is its own', () => {
    const text = 'Basile ira à la garderie du matin jeudi.\nPouvez-vous aussi me confirmer que la cantine est bien fermée lundi de Pâques ?';
    expect(actionsOf(text, NOW, KIDS)).toEqual([act('book', ['Basile'], ['morning'], ['2027-03-04']), act('help', null, null, null)]);
  });
});

describe('what a child did', () => {
  it('books nothing', () => {
    expect(actionsOf('Anouk a adoré le couscous de la cantine ce midi, merci aux cuisiniers !', NOW, KIDS)).toEqual([act('unknown', null, null, null)]);
  });
});

describe('changes of mind inside the message', () => {
  it('"en fait annulez seulement vendredi" keeps that day of the cancellation', () => {
    expect(actionsOf('Annulez la garderie du soir d’Anouk jeudi et vendredi... en fait laissez jeudi, annulez seulement vendredi', NOW, KIDS)).toEqual([act('cancel', ['Anouk'], ['evening'], ['2027-03-05'])]);
    expect(actionsOf('Annulez la garderie du soir d’Anouk jeudi et vendredi. En fait annulez seulement le vendredi.', NOW, KIDS)).toEqual([act('cancel', ['Anouk'], ['evening'], ['2027-03-05'])]);
  });

  it('"actually change that to Friday" moves the day asked', () => {
    expect(actionsOf('Could you book Basile for breakfast club on Thursday? Actually, change that to Friday please.', NOW, KIDS)).toEqual([act('book', ['Basile'], ['morning'], ['2027-03-05'])]);
  });

  it('corrects one child of a list alone', () => {
    expect(actionsOf('Anouk et Basile à la garderie du matin mardi. Ah non, pour Basile c’est jeudi, pas mardi.', NOW, KIDS)).toEqual([
      act('book', ['Anouk'], ['morning'], ['2027-03-02']),
      act('book', ['Basile'], ['morning'], ['2027-03-04']),
    ]);
  });
});

describe('"c’est X qui y va" in a self-correction', () => {
  it('names the child of the request', () => {
    expect(actionsOf('Anouk à la garderie du matin jeudi… ah non c’est Basile qui y va, Anouk a piscine', NOW, KIDS)).toEqual([act('book', ['Basile'], ['morning'], ['2027-03-04'])]);
  });
});

describe('weeks, headings and asides', () => {
  it('"cette semaine-là" after "la semaine du 15 mars" is that week', () => {
    expect(actionsOf('Anouk part chez son père la semaine du 15 mars, merci d’annuler toute sa cantine cette semaine-là.', NOW, KIDS)).toEqual([act('cancel', ['Anouk'], ['canteen'], ['2027-03-15', '2027-03-16', '2027-03-18', '2027-03-19'])]);
  });

  it('a group word before a colon heads the children named after it', () => {
    expect(actionsOf('C’est papi, cette semaine je garde les enfants : Anouk à la cantine jeudi, Basile à la garderie du soir vendredi.', NOW, ['Anouk', 'Basile', 'Céleste'])).toEqual([
      act('book', ['Anouk'], ['canteen'], ['2027-03-04']),
      act('book', ['Basile'], ['evening'], ['2027-03-05']),
    ]);
  });

  it('an aside saying the child still goes adds nothing', () => {
    expect(actionsOf('Basile absent toute la semaine prochaine sauf mardi (il vient quand même à la garderie le matin)', NOW, KIDS)).toEqual([act('cancel', ['Basile'], null, ['2027-03-08', '2027-03-10', '2027-03-11', '2027-03-12'])]);
  });
});

describe('a request quoted below, asked to be dealt with', () => {
  it('is the message’s request', () => {
    const text = 'Bonjour,\nJe n’ai pas eu de réponse à mon message ci-dessous, pouvez-vous le traiter ?\nMerci\n\n-----Message d’origine-----\nDe : Julie Martin\nEnvoyé : lundi 1 mars 2027 08:10\nObjet : cantine\n\nBonjour, merci d’inscrire Anouk à la cantine le jeudi 11 mars.';
    expect(actionsOf(text, NOW, KIDS)).toEqual([act('book', ['Anouk'], ['canteen'], ['2027-03-11'])]);
  });

  it('never is a confirmation the assistant sent', () => {
    const text = 'Merci beaucoup !\n\n> Bonjour, Anouk est inscrite à la cantine le jeudi 11 mars.\n> Portail Famille';
    expect(actionsOf(text, NOW, KIDS).map((a) => a.intent)).toEqual(['unknown']);
  });
});

describe('thanks and what goes on as it did', () => {
  it('reads thanks for the staff’s help, or a big thank you, as no request', () => {
    expect(actionsOf('thanks so much for all your help this term, merry christmas to the whole team!', NOW, KIDS)).toEqual([act('unknown', null, null, null)]);
    expect(actionsOf('Un grand merci à toute l’équipe du périscolaire pour la kermesse de vendredi, Anouk en parle encore !', NOW, KIDS)).toEqual([act('unknown', null, null, null)]);
  });

  it('"X, lui, continue de rentrer déjeuner" leaves that child out of the request', () => {
    expect(actionsOf('Je souhaite inscrire Anouk à la cantine jeudi et vendredi. Basile, lui, continue de rentrer déjeuner avec sa nounou.', NOW, KIDS)).toEqual([act('book', ['Anouk'], ['canteen'], ['2027-03-04', '2027-03-05'])]);
  });

  it('a day excepted with "où" after it is still excepted', () => {
    expect(actionsOf('Basile ira à la garderie du soir tous les jeudis de mars, sauf le jeudi 11 mars où c’est son père qui le récupère.', NOW, KIDS)).toEqual([act('book', ['Basile'], ['evening'], ['2027-03-04', '2027-03-18', '2027-03-25'])]);
  });

  it('"the Wednesday program" is the Wednesday club', () => {
    expect(actionsOf('Can you sign Basile up for the Wednesday program next week? thx', NOW, KIDS)).toEqual([act('book', ['Basile'], ['wednesday'], ['2027-03-10'])]);
  });
});

describe('ordinals, weeks and questions about the service', () => {
  it('"the first week after the Easter holidays" is that week alone', () => {
    expect(actionsOf('Could you book Basile for lunch every day of the first week after the Easter holidays?', NOW, KIDS)).toEqual([act('book', ['Basile'], ['canteen'], ['2027-04-26', '2027-04-27', '2027-04-29', '2027-04-30'])]);
  });

  it('"toute cette semaine-là" after a range is the week of the range', () => {
    const text = 'Merci d’inscrire Anouk à la garderie du soir du lundi 15 au vendredi 19 mars : je suis en stage toute cette semaine-là.';
    expect(actionsOf(text, NOW, KIDS)).toEqual([act('book', ['Anouk'], ['evening'], ['2027-03-15', '2027-03-16', '2027-03-18', '2027-03-19'])]);
  });

  it('a question about what was lost is help', () => {
    expect(actionsOf('Bonsoir, Basile a perdu son bonnet à la garderie du soir hier, quelqu’un l’a-t-il retrouvé ?', NOW, KIDS)).toEqual([act('help', null, null, null)]);
  });

  it('a question whether the service runs on a day is help beside a request', () => {
    expect(actionsOf('Anouk mangera à la cantine lundi 8 et mardi 9. Est-ce que la cantine fonctionne le vendredi 7 mai, le jour du pont ?', NOW, KIDS)).toEqual([act('book', ['Anouk'], ['canteen'], ['2027-03-08', '2027-03-09']), act('help', null, null, null)]);
    expect(actionsOf('Le lundi de Pâques est bien férié pour la garderie ? Je voudrais inscrire Basile à la garderie du matin le mardi 30 mars.', NOW, KIDS)).toEqual([act('book', ['Basile'], ['morning'], ['2027-03-30']), act('help', null, null, null)]);
  });
});

describe('the same request for another child, with a difference', () => {
  it('"Tom pareil mais lui jeudi et vendredi" gives that child its own days', () => {
    expect(actionsOf('Anouk sera à la cantine lundi 8 et mardi 9, Basile pareil mais lui jeudi 11 et vendredi 12.', NOW, KIDS)).toEqual([
      act('book', ['Anouk'], ['canteen'], ['2027-03-08', '2027-03-09']),
      act('book', ['Basile'], ['canteen'], ['2027-03-11', '2027-03-12']),
    ]);
  });

  it('"pareil mais à la garderie du soir au lieu de la cantine" gives it its own service', () => {
    expect(actionsOf('Anouk mange à la cantine jeudi, Basile pareil mais à la garderie du soir au lieu de la cantine.', NOW, KIDS)).toEqual([
      act('book', ['Anouk'], ['canteen'], ['2027-03-04']),
      act('book', ['Basile'], ['evening'], ['2027-03-04']),
    ]);
  });

  it('after a service on another day, "ce matin" says when', () => {
    expect(actionsOf('Pouvez-vous annuler son centre de loisirs de ce matin ?', '2027-03-03T07:00:00+01:00', ['Basile'])).toEqual([act('cancel', ['Basile'], ['wednesday'], ['2027-03-03'])]);
  });
});

describe('"X pareil + …"', () => {
  it('adds what follows "+" for that child only', () => {
    expect(actionsOf('anouk cantine lundi 8 mardi 9, basile pareil + garderie matin mardi 9', NOW, KIDS)).toEqual([
      act('book', ['Anouk', 'Basile'], ['canteen'], ['2027-03-08', '2027-03-09']),
      act('book', ['Basile'], ['morning'], ['2027-03-09']),
    ]);
  });
});

describe('the same as the confirmation quoted below', () => {
  it('takes the service and the day the confirmation names, for the child asked for', () => {
    const text = 'Bonjour,\nMerci. Pouvez-vous faire la même chose pour Anouk ?\n\nLe lun. 1 mars 2027 à 18:02, Portail Famille a écrit :\n> C’est noté : Basile est inscrit à la garderie du matin le jeudi 4 mars.';
    expect(actionsOf(text, NOW, KIDS)).toEqual([act('book', ['Anouk'], ['morning'], ['2027-03-04'])]);
    const english = 'Hi,\nThanks. Could you add Anouk as well for the same day?\nSarah\n\n> Basile est inscrit à la cantine le vendredi 5 mars.';
    expect(actionsOf(english, NOW, KIDS)).toEqual([act('book', ['Anouk'], ['canteen'], ['2027-03-05'])]);
  });

  it('adds nothing for the child the confirmation is about', () => {
    const text = 'Merci, pareil la semaine prochaine ?\n\n> Basile est inscrit à la cantine le vendredi 5 mars.';
    expect(actionsOf(text, NOW, KIDS).some((a) => a.intent === 'book' && a.services !== null && a.children?.includes('Anouk'))).toBe(false);
  });
});

describe('an appointment beside a question', () => {
  it('"X has a doctor’s appointment … no lunch that day" stays a cancellation beside a question about the menu', () => {
    expect(actionsOf('Anouk has a doctor’s appt on Thursday so no lunch for her that day. Also, is there a vegetarian option at the canteen?', NOW, KIDS)).toEqual([act('cancel', ['Anouk'], ['canteen'], ['2027-03-04']), act('help', null, null, null)]);
  });
});
