/**
 * Readings of 3 December (evening): a reason word with nothing before it in its sentence opens the
 * request itself ("Je vous écris car Chloé ne viendra pas demain"); a day a self-correction took
 * out, told of again in the reason after it, asks nothing more; a change of mind in a later
 * sentence keeps one value alone ("Non en fait juste Léa", "scratch Friday — just Thursday") or
 * takes one back ("Oh wait, not Friday") without cancelling what was never booked; days counted back
 * from the holidays ("la veille des vacances", "les deux derniers jours avant les vacances d’hiver").
 */
import { describe, expect, it } from 'vitest';
import { act, actionsOf } from './support.js';

const NOW = '2027-01-18T08:00:00+01:00'; // Monday 18 January 2027
const KIDS = ['Chloé', 'Noah'];

describe('a reason word that opens the request', () => {
  it('reads "je vous écris car …" as the request', () => {
    expect(actionsOf('Bonjour, je vous écris car Chloé ne viendra pas demain.', NOW, KIDS)).toEqual([act('cancel', ['Chloé'], null, ['2027-01-19'])]);
    expect(actionsOf('je vous préviens parce que Noah mangera à la cantine jeudi', NOW, KIDS)).toEqual([act('book', ['Noah'], ['canteen'], ['2027-01-21'])]);
  });

  it('keeps a reason with no request of its own a reason', () => {
    const text = 'Je me permets de vous écrire car Noah a été opéré ce matin. Il restera à la maison demain.';
    expect(actionsOf(text, NOW, KIDS)).toEqual([act('cancel', ['Noah'], null, ['2027-01-19'])]);
  });

  it('keeps a reason after a request a reason', () => {
    expect(actionsOf('Annulez la cantine de Noah jeudi car il mange chez sa grand-mère vendredi', NOW, KIDS)).toEqual([act('cancel', ['Noah'], ['canteen'], ['2027-01-21'])]);
  });
});

describe('a day corrected away, told of again', () => {
  const MARCH = '2027-03-01T18:00:00+01:00'; // Monday 1 March 2027
  it('keeps the new day alone when the reason names the old one', () => {
    expect(actionsOf('Noah à la cantine jeudi 4... non en fait vendredi 5, jeudi il a une sortie', MARCH, KIDS)).toEqual([act('book', ['Noah'], ['canteen'], ['2027-03-05'])]);
    const en = "I'd like to book Noah for the Wednesday club on 10 March. Actually, make that the 17th instead — on the 10th he's at his grandparents'.";
    expect(actionsOf(en, MARCH, KIDS)).toEqual([act('book', ['Noah'], ['wednesday'], ['2027-03-17'])]);
  });

  it('still reads the old day named with another child as its own request', () => {
    expect(actionsOf('Noah à la cantine jeudi, euh non vendredi. Et Chloé à la cantine jeudi.', MARCH, KIDS)).toEqual([act('book', ['Chloé'], ['canteen'], ['2027-03-04']), act('book', ['Noah'], ['canteen'], ['2027-03-05'])]);
  });
});

describe('a change of mind in a later sentence', () => {
  const FEB = '2027-02-01T18:00:00+01:00'; // Monday 1 February 2027
  const LT = ['Léa', 'Tom'];
  it('keeps the one child said after "juste"', () => {
    expect(actionsOf('Léa et Tom à la cantine lundi. Non en fait juste Léa.', FEB, LT)).toEqual([act('book', ['Léa'], ['canteen'], ['2027-02-08'])]);
    expect(actionsOf('Pour le repas de jeudi je voudrais inscrire Léa et Tom à la cantine. Donc seulement Tom.', FEB, LT)).toEqual([act('book', ['Tom'], ['canteen'], ['2027-02-04'])]);
  });

  it('keeps the one day said after "just" once another is scratched', () => {
    const text = 'And Tom for after-school care on Thursday 4 and Friday 5 February. Sorry, scratch Friday — just Thursday for Tom.';
    expect(actionsOf(text, FEB, LT)).toEqual([act('book', ['Tom'], ['evening'], ['2027-02-04'])]);
    expect(actionsOf('Book Tom for lunch on Thursday and Friday. Scratch Friday.', FEB, LT)).toEqual([act('book', ['Tom'], ['canteen'], ['2027-02-04'])]);
    expect(actionsOf('Tom cantine lundi et mardi, oubliez le mardi', FEB, LT)).toEqual([act('book', ['Tom'], ['canteen'], ['2027-02-08'])]);
  });

  it('takes a day back without cancelling it', () => {
    expect(actionsOf('Tom cantine jeudi et vendredi. Oh wait, not Friday.', FEB, LT)).toEqual([act('book', ['Tom'], ['canteen'], ['2027-02-04'])]);
    expect(actionsOf('Inscrivez Tom à la cantine jeudi et vendredi. Pardon, pas le vendredi, juste le jeudi.', FEB, LT)).toEqual([act('book', ['Tom'], ['canteen'], ['2027-02-04'])]);
  });

  it('still moves a booking made before: the day it is not is cancelled', () => {
    expect(actionsOf("je me suis trompée, c'est jeudi pas vendredi pour Tom à la cantine", FEB, LT)).toEqual([act('book', ['Tom'], ['canteen'], ['2027-02-04']), act('cancel', ['Tom'], ['canteen'], ['2027-02-05'])]);
  });
});

describe('days counted back from the holidays', () => {
  const OCT = '2026-10-05T18:00:00+02:00'; // Monday 5 October 2026
  const LT = ['Léa', 'Tom'];
  it('reads the eve and the last day before the holidays as their last school day', () => {
    expect(actionsOf('Léa et Tom ne mangeront pas à la cantine la veille des vacances', OCT, LT)).toEqual([act('cancel', ['Léa', 'Tom'], ['canteen'], ['2026-10-16'])]);
    expect(actionsOf('Tom sera absent le dernier jour avant Noël', OCT, LT)).toEqual([act('cancel', ['Tom'], null, ['2026-12-18'])]);
    expect(actionsOf('Tom will miss lunch on the last day before the February break', OCT, LT)).toEqual([act('cancel', ['Tom'], ['canteen'], ['2027-02-12'])]);
  });

  it('counts several days or weeks back', () => {
    expect(actionsOf('Léa sera absente les deux derniers jours avant les vacances d’hiver', OCT, LT)).toEqual([act('cancel', ['Léa'], null, ['2027-02-11', '2027-02-12'])]);
    expect(actionsOf("inscrire Léa à la garderie du soir les deux semaines avant les vacances d'hiver", OCT, LT)).toEqual([
      act('book', ['Léa'], ['evening'], ['2027-02-01', '2027-02-02', '2027-02-04', '2027-02-05', '2027-02-08', '2027-02-09', '2027-02-11', '2027-02-12']),
    ]);
  });

  it('keeps the eve of a day or of a feast that day before', () => {
    expect(actionsOf('Tom cantine la veille du 11 novembre', OCT, LT)).toEqual([act('book', ['Tom'], ['canteen'], ['2026-11-10'])]);
    // Christmas Eve falls in the holidays: no day is left, nothing is guessed.
    expect(actionsOf('la veille de Noël Léa ne mange pas', OCT, LT)).toEqual([act('cancel', ['Léa'], ['canteen'], null)]);
  });
});

describe('what is said of other children, and remarks, asks nothing of them', () => {
  it('keeps a sentence opening on another child apart from a request said from its slots', () => {
    expect(actionsOf('Mathéo reprend la cantine jeudi. Alice, elle, ne mangera pas à la cantine demain.', '2027-01-04T18:00:00+01:00', ['Alice', 'Mathéo'])).toEqual([
      act('book', ['Mathéo'], ['canteen'], ['2027-01-07']),
      act('cancel', ['Alice'], ['canteen'], ['2027-01-05']),
    ]);
  });

  it('keeps a negation to its own clause: another child with its own service is booked', () => {
    expect(actionsOf('Nolan : pas de cantine vendredi. Jeanne : cantine vendredi + étude', '2027-01-18T18:00:00+01:00', ['Jeanne', 'Nolan'])).toEqual([
      act('book', ['Jeanne'], ['canteen', 'evening'], ['2027-01-22']),
      act('cancel', ['Nolan'], ['canteen'], ['2027-01-22']),
    ]);
    // An order is shared: "annulez … , Jeanne cantine jeudi" cancels both.
    expect(actionsOf('annulez la cantine de Nolan vendredi, Jeanne cantine jeudi', '2027-01-18T18:00:00+01:00', ['Jeanne', 'Nolan'])).toEqual([
      act('cancel', ['Jeanne'], ['canteen'], ['2027-01-21']),
      act('cancel', ['Nolan'], ['canteen'], ['2027-01-22']),
    ]);
  });

  it('gives a day that opens a request of its own service to that request', () => {
    expect(actionsOf('Maël et Lily mangeront à la cantine jeudi, et vendredi ils iront tous les deux à la garderie du soir', '2027-03-01T18:00:00+01:00', ['Lily', 'Maël'])).toEqual([
      act('book', ['Lily', 'Maël'], ['canteen'], ['2027-03-04']),
      act('book', ['Lily', 'Maël'], ['evening'], ['2027-03-05']),
    ]);
  });

  it('reads what a child asks or says, reported, as no request', () => {
    const fr = "Hugo me demande s'il peut aller au centre de loisirs mercredi avec son copain Sami, je vous redis. Par contre Lina mangera bien à la cantine jeudi, merci de l'inscrire";
    expect(actionsOf(fr, '2026-11-01T18:00:00+01:00', ['Hugo', 'Lina'])).toEqual([act('book', ['Lina'], ['canteen'], ['2026-11-05'])]);
    const en = "Hi, Jack asked me if he could stay at after-school club with his mates on Monday, I said no, he's got the dentist. But please book Isla for lunch on Monday and Tuesday. Thanks!";
    expect(actionsOf(en, '2027-06-03T08:00:00+02:00', ['Isla', 'Jack'])).toEqual([act('book', ['Isla'], ['canteen'], ['2027-06-07', '2027-06-08'])]);
    const says = 'Morning! Noah has swimming after school on Friday, so please cancel his after-school care that day. His friend Leo says the pool is closed but I doubt it. Cheers';
    expect(actionsOf(says, '2027-03-08T08:00:00+01:00', ['Leo', 'Noah'])).toEqual([act('cancel', ['Noah'], ['evening'], ['2027-03-12'])]);
  });

  it('reads the writer leaving early as no absence of the child', () => {
    expect(actionsOf("book Zoe for morning care tomorrow and Tuesday as I'll have to leave early.", '2027-01-10T18:00:00+01:00', ['Harry', 'Zoe'])).toEqual([act('book', ['Zoe'], ['morning'], ['2027-01-11', '2027-01-12'])]);
  });
});

describe('what is so already, or as usual, beside a request', () => {
  const APR = '2027-03-29T20:00:00+02:00'; // Monday 29 March 2027 (Easter Monday)
  it('reads "déjà … tous les jours" as no request', () => {
    const text = "Pourriez-vous inscrire Louis à la cantine le jeudi 1er et le vendredi 2 avril ? Romane, elle, déjeune déjà à la cantine tous les jours.";
    expect(actionsOf(text, APR, ['Louis', 'Romane'])).toEqual([act('book', ['Louis'], ['canteen'], ['2027-04-01', '2027-04-02'])]);
  });

  it('keeps "déjà" in a question or beside an order about it', () => {
    expect(actionsOf('Louis à la garderie du soir jeudi. Elle ferme à quelle heure déjà ?', APR, ['Louis', 'Romane'])).toEqual([
      act('book', ['Louis'], ['evening'], ['2027-04-01']),
      act('help', null, null, null),
    ]);
  });

  it('reads "comme d’habitude" of another child as no request', () => {
    const text = 'Victor et Lucie ne seront pas à la cantine le jeudi 1er avril. Ils iront à l’étude comme d’habitude.';
    expect(actionsOf(text, APR, ['Lucie', 'Victor'])).toEqual([act('cancel', ['Lucie', 'Victor'], ['canteen'], ['2027-04-01'])]);
    const en = "Morning! Mila has a tummy bug so she'll stay at home today and tomorrow, but Hugo is coming as usual.";
    expect(actionsOf(en, '2027-06-28T07:30:00+02:00', ['Hugo', 'Mila'])).toEqual([act('cancel', ['Mila'], null, ['2027-06-28', '2027-06-29'])]);
  });

  it('drops what a long email tells with a verb but not the whole of a request', () => {
    const text =
      'Bonjour,\n\nLéo a passé un premier trimestre un peu difficile, mais il va beaucoup mieux.\n\nPourriez-vous inscrire Prune au centre de loisirs le mercredi 16 décembre ?\n\nLes enfants reprendront normalement à la rentrée de janvier.\n\nBien à vous';
    expect(actionsOf(text, '2026-12-10T19:30:00+01:00', ['Léo', 'Prune'])).toEqual([act('book', ['Prune'], ['wednesday'], ['2026-12-16'])]);
  });
});

describe('more of the request, said as parents write it', () => {
  it('leaves out the child set aside by a bare "Pas Hugo", and the reason after it', () => {
    expect(actionsOf('Pour mercredi, Lucas et Camille au centre de loisirs. Pas Hugo, il est chez son père.', '2027-02-05T18:00:00+01:00', ['Camille', 'Hugo', 'Lucas'])).toEqual([
      act('book', ['Camille', 'Lucas'], ['wednesday'], ['2027-02-10']),
    ]);
  });

  it('gives a line that opens on another child its own request', () => {
    expect(actionsOf('Arthur : cantine lundi et garderie du soir mardi. Louise : centre de loisirs mercredi. Merci !', '2026-09-10T18:00:00+02:00', ['Arthur', 'Louise'])).toEqual([
      act('book', ['Arthur'], ['canteen'], ['2026-09-14']),
      act('book', ['Arthur'], ['evening'], ['2026-09-15']),
      act('book', ['Louise'], ['wednesday'], ['2026-09-16']),
    ]);
  });

  it('reads a correction in the next sentence as more of the request it corrects', () => {
    expect(actionsOf('annule cantine théo vendredi... enfin jeudi, je me suis trompée de jour', '2026-11-16T18:00:00+01:00', ['Théo', 'Zoé'])).toEqual([act('cancel', ['Théo'], ['canteen'], ['2026-11-19'])]);
  });

  it('reads "y" as the service just said', () => {
    expect(actionsOf('Bonjour, Léa ne mangera pas à la cantine lundi, par contre Tom y sera mardi et jeudi', '2026-11-05T18:00:00+01:00', ['Léa', 'Tom'])).toEqual([
      act('book', ['Tom'], ['canteen'], ['2026-11-10', '2026-11-12']),
      act('cancel', ['Léa'], ['canteen'], ['2026-11-09']),
    ]);
  });

  it('reads "ainsi que le suivant" as the same weekday a week later', () => {
    expect(actionsOf('Pourriez-vous inscrire Léa au centre de loisirs ce mercredi ainsi que le suivant ?', '2026-10-05T18:00:00+02:00', ['Léa'])).toEqual([act('book', ['Léa'], ['wednesday'], ['2026-10-07', '2026-10-14'])]);
    expect(actionsOf('book Léa for the Wednesday club this Wednesday and the following one', '2026-10-05T18:00:00+02:00', ['Léa'])).toEqual([act('book', ['Léa'], ['wednesday'], ['2026-10-07', '2026-10-14'])]);
  });
});

describe('days pointed back at, and closings', () => {
  it('reads "cette semaine-là" as the week of the day said before', () => {
    expect(actionsOf('Inscrivez Lucie à la cantine lundi et dites-moi ce qui est déjà réservé pour Hugo cette semaine-là', '2027-05-19T18:00:00+02:00', ['Hugo', 'Lucie'])).toEqual([
      act('book', ['Lucie'], ['canteen'], ['2027-05-24']),
      act('list', ['Hugo'], null, ['2027-05-24', '2027-05-25', '2027-05-26', '2027-05-27', '2027-05-28']),
    ]);
  });

  it('reads "à partir de cette date" as from the day said before', () => {
    const text = "Mon mari commence un nouveau travail le lundi 28 septembre, et du coup j'aurais besoin que Jules et Manon aillent à la garderie du soir les lundis et mardis à partir de cette date, jusqu'aux vacances de la Toussaint.";
    expect(actionsOf(text, '2026-09-21T18:00:00+02:00', ['Jules', 'Manon'])).toEqual([
      act('book', ['Jules', 'Manon'], ['evening'], ['2026-09-28', '2026-09-29', '2026-10-05', '2026-10-06', '2026-10-12', '2026-10-13']),
    ]);
  });

  it('reads "jusqu’au pont de l’Ascension" as up to the bridge', () => {
    expect(actionsOf("Lou mangera à la cantine les lundis et mardis jusqu'au pont de l'Ascension", '2027-04-20T18:00:00+02:00', ['Lou'])).toEqual([
      act('book', ['Lou'], ['canteen'], ['2027-04-26', '2027-04-27', '2027-05-03', '2027-05-04']),
    ]);
  });

  it('reads thanks for the help as a closing, no question', () => {
    for (const text of ['merci pour votre aide', 'Brilliant, thank you so much for your help 😊', 'thanks for your help']) {
      expect(actionsOf(text, '2026-10-05T18:00:00+02:00', ['Léa', 'Tom'])).toEqual([act('unknown', null, null, null)]);
    }
  });
});

describe('readings of the second blind set of 3 December', () => {
  it('reads "en famille" as no child (never a typo of Camille)', () => {
    expect(actionsOf("Bonjour, Sacha sera absent du 15 au 19 mars (voyage en famille). Merci d'annuler ses inscriptions.", '2027-03-01T18:00:00+01:00', ['Camille', 'Sacha'])).toEqual([
      act('cancel', ['Sacha'], null, ['2027-03-15', '2027-03-16', '2027-03-17', '2027-03-18', '2027-03-19']),
    ]);
  });

  it('reads thanks with "rien de spécial" and a question whether it is possible as no change', () => {
    expect(actionsOf('Bonjour et bonne fin de vacances ! Rien de spécial, je voulais juste vous remercier pour l’accueil de Clara ce trimestre.', '2027-01-02T10:00:00+01:00', ['Clara'])).toEqual([act('unknown', null, null, null)]);
    expect(actionsOf("C'est possible d'inscrire un enfant qui n'habite pas la commune ?", '2027-01-02T10:00:00+01:00', ['Yanis'])).toEqual([act('help', null, null, null)]);
  });

  it('reads "Morning," as a greeting and "whatever she has booked" as everything', () => {
    expect(actionsOf("Morning, Emily has a temperature so she'll stay home today. Please cancel whatever she has booked. Thanks, Sarah", '2026-09-10T07:30:00+02:00', ['Emily', 'Jack'])).toEqual([
      act('cancel', ['Emily'], null, ['2026-09-10']),
    ]);
  });

  it('reads "n’a besoin de rien" and "pas besoin pour elle" as no request for that child', () => {
    const text = "Ambre et Lucas resteront à l'étude lundi et mardi, et Olive ira au centre de loisirs mercredi. Prune est invitée chez une copine mercredi, donc pas besoin pour elle.";
    expect(actionsOf(text, '2027-03-14T20:00:00+01:00', ['Ambre', 'Lucas', 'Olive', 'Prune'])).toEqual([
      act('book', ['Ambre', 'Lucas'], ['evening'], ['2027-03-15', '2027-03-16']),
      act('book', ['Olive'], ['wednesday'], ['2027-03-17']),
    ]);
  });

  it('keeps a request beside thanks said later in its paragraph, and a correction listing new days', () => {
    const text =
      "- Sami à la garderie du soir lundi et jeudi. Pardon, je me suis trompé : mardi et jeudi, pas lundi, lundi c'est son père qui le récupère.\n- Lina à la cantine vendredi 14.\n\nAdam n'a besoin de rien cette semaine.\n\nJ'en profite pour vous remercier pour la fête du printemps, c'était très réussi.";
    expect(actionsOf(text, '2027-05-09T18:00:00+02:00', ['Adam', 'Lina', 'Sami'])).toEqual([
      act('book', ['Lina'], ['canteen'], ['2027-05-14']),
      act('book', ['Sami'], ['evening'], ['2027-05-11', '2027-05-13']),
    ]);
  });

  it('reads a subject heading before a colon as no cue of the request after it', () => {
    expect(actionsOf("Concernant les inscriptions : Tom viendra à l'accueil de loisirs le mercredi 10 février, je travaille ce jour-là.", '2027-02-01T18:00:00+01:00', ['Léa', 'Tom'])).toEqual([
      act('book', ['Tom'], ['wednesday'], ['2027-02-10']),
    ]);
  });

  it('drops a habit told beside orders for other children or services', () => {
    const text = "Jack's class has sports day on Thursday 27 May, so please cancel his canteen lunch that day. He's been training for the sack race in the garden every evening, so fingers crossed.";
    expect(actionsOf(text, '2027-05-19T20:00:00+02:00', ['Emily', 'Jack'])).toEqual([act('cancel', ['Jack'], ['canteen'], ['2027-05-27'])]);
  });

  it('reads "la dernière semaine avant Noël" as the week before the holidays', () => {
    expect(actionsOf('Bonsoir, pour la dernière semaine avant Noël, Léa mangera à la cantine tous les jours sauf le vendredi. Tom pareil.', '2026-12-01T18:00:00+01:00', ['Léa', 'Tom'])).toEqual([
      act('book', ['Léa', 'Tom'], ['canteen'], ['2026-12-14', '2026-12-15', '2026-12-17']),
    ]);
  });

  it('gives a new sentence opening on another child with its own service its own request', () => {
    expect(actionsOf('Bonjour, pour jeudi : Inès à la cantine, Mathys garderie du matin. Et Zoé au centre de loisirs mercredi. Merci', '2026-10-05T18:00:00+02:00', ['Inès', 'Mathys', 'Zoé'])).toEqual([
      act('book', ['Inès'], ['canteen'], ['2026-10-08']),
      act('book', ['Mathys'], ['morning'], ['2026-10-08']),
      act('book', ['Zoé'], ['wednesday'], ['2026-10-07']),
    ]);
  });
});

describe('"is fine" beside an order for the same child', () => {
  it('keeps the child named for the pronoun of the order', () => {
    const text = 'Hi,\n\nElla has a stomach bug and will stay home tomorrow. Max is fine, but please cancel his after-school care tomorrow, his grandad is picking him up.\n\nThanks,\nKate';
    expect(actionsOf(text, '2027-04-05T07:00:00+02:00', ['Ella', 'Max'])).toEqual([act('cancel', ['Ella'], null, ['2027-04-06']), act('cancel', ['Max'], ['evening'], ['2027-04-06'])]);
  });
});

describe('days the clause says itself, and what a report runs to', () => {
  it('reads "ces deux jours-là" after days of its own as those days', () => {
    const text = 'Après des vacances bien remplies, on reprend le rythme doucement.\n\nLouise mangera à la cantine ce jeudi et ce vendredi, j’ai une formation à Dijon ces deux jours-là.';
    expect(actionsOf(text, '2027-01-12T19:15:00+01:00', ['Alice', 'Louise'])).toEqual([act('book', ['Louise'], ['canteen'], ['2027-01-14', '2027-01-15'])]);
  });

  it('lets what a child said, reported, run to the end of its sentence', () => {
    const text = "Tom mangera à la cantine jeudi. Léa m'a dit que la maîtresse part en sortie vendredi, Léa sera ravie.";
    expect(actionsOf(text, '2027-01-12T19:15:00+01:00', ['Léa', 'Tom'])).toEqual([act('book', ['Tom'], ['canteen'], ['2027-01-14'])]);
  });
});

describe('a change of mind with its reason', () => {
  it('takes a care word back from the request ("Pas la garderie finalement, juste la cantine")', () => {
    const text = 'Bonsoir, je voudrais inscrire Louise à la cantine et à la garderie du soir vendredi. Pas la garderie finalement, juste la cantine. Merci';
    expect(actionsOf(text, '2026-09-21T18:00:00+02:00', ['Louise', 'Paul'])).toEqual([act('book', ['Louise'], ['canteen'], ['2026-09-25'])]);
  });

  it('keeps the children said after "donc" once the reason tells of another (no cancellation for anyone)', () => {
    const text = 'demain mercredi centre de loisirs pour les 3 svp... ah non Rose a un anniversaire chez une copine, donc Hugo et Jade';
    expect(actionsOf(text, '2027-01-26T18:00:00+01:00', ['Hugo', 'Jade', 'Rose'])).toEqual([act('book', ['Hugo', 'Jade'], ['wednesday'], ['2027-01-27'])]);
  });
});

describe('what else a message says of the services and children', () => {
  it('reads "rien ne change" of another child as no "everything"', () => {
    const text = "Bonsoir, Inès au centre de loisirs mercredi, et annulez son étude de jeudi s'il vous plaît. Pour Sacha rien ne change.";
    expect(actionsOf(text, '2027-02-01T18:00:00+01:00', ['Inès', 'Sacha'])).toEqual([act('book', ['Inès'], ['wednesday'], ['2027-02-03']), act('cancel', ['Inès'], ['evening'], ['2027-02-04'])]);
  });

  it('reads a time of day in parentheses, in passing, as no care', () => {
    expect(actionsOf('Lou sera absente lundi 21 (orthophoniste le matin).', '2027-06-14T18:00:00+02:00', ['Lou', 'Nathan'])).toEqual([act('cancel', ['Lou'], null, ['2027-06-21'])]);
    expect(actionsOf('Lou à la garderie lundi (le matin)', '2027-06-14T18:00:00+02:00', ['Lou', 'Nathan'])).toEqual([act('book', ['Lou'], ['morning'], ['2027-06-21'])]);
  });

  it('reads another child’s class as no child of the request, beside the child named', () => {
    expect(actionsOf("Max will be off sick tomorrow and Thursday, he's caught the flu that's going round Chloe's class.", '2026-11-16T18:00:00+01:00', ['Chloe', 'Max'])).toEqual([
      act('cancel', ['Max'], null, ['2026-11-17', '2026-11-19']),
    ]);
    expect(actionsOf("Grace's class is going on a trip on Monday 23rd, so please cancel her lunch", '2026-11-16T18:00:00+01:00', ['Grace', 'Max'])).toEqual([act('cancel', ['Grace'], ['canteen'], ['2026-11-23'])]);
  });
});

describe('a service said at the end of two orders', () => {
  it('serves both orders of the sentence', () => {
    expect(actionsOf('Bonsoir, annuler le mardi et inscrire le jeudi pour la cantine de Léa svp', '2026-09-05T18:00:00+02:00', ['Léa', 'Tom'])).toEqual([
      act('book', ['Léa'], ['canteen'], ['2026-09-10']),
      act('cancel', ['Léa'], ['canteen'], ['2026-09-08']),
    ]);
  });

  it('leaves "tout" as everything', () => {
    expect(actionsOf('annule tout mardi pour Léa et inscris-la à la cantine jeudi', '2026-09-05T18:00:00+02:00', ['Léa', 'Tom'])).toEqual([
      act('book', ['Léa'], ['canteen'], ['2026-09-10']),
      act('cancel', ['Léa'], null, ['2026-09-08']),
    ]);
  });
});
