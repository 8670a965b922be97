/**
 * The readings that keep the assistant from changing a booking the parent
 * did not ask for (issue 9): names the family does not have and vague
 * references ask; a name that is also a word is a name only where it reads
 * as one; absence per request; side remarks add nothing; reminders are
 * lists; English illness is an absence; dates as parents write them
 * (a return date, the week after the holidays, "un jeudi sur deux"); words
 * that are names of the JavaScript prototype are plain words; and the
 * service words come from the town file.
 */
import { describe, expect, it } from 'vitest';
import { SchoolCalendar } from '../../../src/core/calendar.js';
import { parseTownConfig } from '../../../src/core/config.js';
import { interpret } from '../../../src/core/interpretation/index.js';
import { act, actionsOf, config, read } from './support.js';

const NOW = '2027-01-12T19:00:00+01:00'; // Tuesday 12 January 2027

describe('children are never guessed', () => {
  it.each([
    ['Sam mangera à la cantine jeudi', ['Noé']],
    ['Inscris Sam à la cantine jeudi', ['Noé']],
    ['sam mangera à la cantine jeudi', ['Noé']],
    ['Pas de cantine jeudi pour Sam', ['Noé']],
    ['Un de mes enfants sera absent jeudi', ['Léa', 'Tom']],
    ['L’un des petits ne mangera pas à la cantine jeudi', ['Léa', 'Tom']],
    ['One of the kids won’t need lunch on Thursday', ['Léa', 'Tom']],
    ['My son won’t need lunch on Thursday', ['Leo', 'Sam']],
  ])('"%s" (%j) names no child', (text, family) => {
    const r = read(text, NOW, family);
    expect(r.actions.map((a) => a.children)).toEqual([null]);
  });

  it('says which names it does not know', () => {
    expect(read('Sam mangera à la cantine jeudi', NOW, ['Noé']).notes[0]!.unknownNames).toEqual(['Sam']);
  });

  it('keeps the child named beside a surname or a signature', () => {
    expect(actionsOf('Noé Martin ne mangera pas à la cantine jeudi', NOW, ['Noé'])).toEqual([act('cancel', ['Noé'], ['canteen'], ['2027-01-14'])]);
    expect(actionsOf('Bonjour, pas de cantine jeudi. Merci, Claire Dubois', NOW, ['Noé'])).toEqual([act('cancel', ['Noé'], ['canteen'], ['2027-01-14'])]);
  });

  it('reads a name that is also a word as the word after an article', () => {
    expect(actionsOf('Il a mangé une prune, pas de cantine jeudi', NOW, ['Prune', 'Tom'])).toEqual([act('cancel', null, ['canteen'], ['2027-01-14'])]);
    expect(actionsOf('Prune ne mangera pas à la cantine jeudi', NOW, ['Prune', 'Tom'])).toEqual([act('cancel', ['Prune'], ['canteen'], ['2027-01-14'])]);
  });
});

describe('absence per request', () => {
  it('marks only the illness as an absence', () => {
    const r = read('Tom est malade demain, et annulez la cantine de Léa jeudi', NOW);
    const byChild = new Map(r.actions.map((a, i) => [a.children?.join(), r.notes[i]!.absence]));
    expect(byChild.get('Tom')).toBe(true);
    expect(byChild.get('Léa')).toBe(false);
  });

  it.each(['Tom is running a fever, he won’t be in tomorrow', 'Tom is staying home with a cold tomorrow', 'Tom is sick tomorrow', 'Tom has a temperature and will stay home tomorrow'])(
    '"%s" is an absence',
    (text) => {
      const r = read(text, NOW);
      expect(r.actions).toEqual([act('cancel', ['Tom'], null, ['2027-01-13'])]);
      expect(r.notes[0]!.absence).toBe(true);
    },
  );
});

describe('side remarks add nothing', () => {
  it.each([
    ['Léa ne mangera pas à la cantine jeudi car je change d’horaires au travail', [act('cancel', ['Léa'], ['canteen'], ['2027-01-14'])]],
    ['Bonjour, le menu de la semaine dernière était super. Léa mangera à la cantine jeudi.', [act('book', ['Léa'], ['canteen'], ['2027-01-14'])]],
    ['Merci pour hier ! Sinon Tom cantine jeudi', [act('book', ['Tom'], ['canteen'], ['2027-01-14'])]],
    ['Bonjour,\nTom mangera à la cantine jeudi.\nBien à vous,\nClaire Martin\nmaman de Léa (CE1) et Tom (GS)', [act('book', ['Tom'], ['canteen'], ['2027-01-14'])]],
    ['Bonjour,\nMerci pour votre réponse rapide d’hier.\nClaire Martin\nmaman de Léa (CE1) et Tom (GS)', [act('unknown', null, null, null)]],
  ])('"%s"', (text, expected) => {
    expect(actionsOf(text, NOW)).toEqual(expected);
  });
});

describe('lists, not bookings', () => {
  it.each(['Rappelez-moi les inscriptions de Léa', 'Can you remind me what Léa is booked for?', 'Pouvez-vous me rappeler ce qui est prévu pour Léa ?'])('"%s"', (text) => {
    expect(read(text, NOW).actions.map((a) => [a.intent, a.children])).toEqual([['list', ['Léa']]]);
  });
});

describe('dates as parents write them', () => {
  it.each([
    // A return date bounds the absence: the days before it.
    ['Léa est malade, elle ne revient qu’à partir du lundi 18', '2027-01-12T19:00:00+01:00', ['2027-01-13', '2027-01-14', '2027-01-15']],
    ['Léa won’t be back until Monday, she has the flu', '2027-01-12T19:00:00+01:00', ['2027-01-13', '2027-01-14', '2027-01-15']],
    // Weekdays anchored on the end of the holidays, said during them.
    ['À la reprise après Noël : lundi et mardi cantine pour Léa', '2026-12-22T10:00:00+01:00', ['2027-01-04', '2027-01-05']],
    ['Please book Léa for lunch on the Monday after the spring break', '2027-03-20T10:00:00+01:00', ['2027-04-26']],
    ['Léa needs lunch the week after half-term', '2027-02-05T10:00:00+01:00', ['2027-03-01', '2027-03-02', '2027-03-04', '2027-03-05']],
    ['la semaine après les vacances, cantine tous les jours pour Léa', '2026-10-20T10:00:00+02:00', ['2026-11-02', '2026-11-03', '2026-11-05', '2026-11-06']],
    // Every other week, from the first of those days.
    ['Léa mangera à la cantine un jeudi sur deux jusqu’aux vacances', NOW, ['2027-01-14', '2027-01-28', '2027-02-11']],
    ['Léa needs lunch every other Thursday until the February break', NOW, ['2027-01-14', '2027-01-28', '2027-02-11']],
    // A month said once for several days.
    ['Léa mangera à la cantine le mardi 9, le jeudi 11 et le lundi 15 mars', '2027-03-01T10:00:00+01:00', ['2027-03-09', '2027-03-11', '2027-03-15']],
  ])('"%s" at %s', (text, now, dates) => {
    const r = read(text, now, ['Léa']);
    expect(r.actions.map((a) => a.dates)).toEqual([dates]);
  });

  it('gives no date, never an empty list, when every day named is closed', () => {
    const r = read('Léa sera absente la semaine prochaine', '2026-12-17T20:00:00+01:00');
    expect(r.actions[0]!.dates).toBeNull();
    expect(r.notes[0]!.noRunningDay).toBe(true);
  });
});

describe('prototype names are plain words', () => {
  it.each(['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf'])('"%s"', (word) => {
    expect(() => read(`${word} Léa mercredi ${word}`, NOW)).not.toThrow();
    expect(read(word, NOW).actions).toEqual([act('unknown', null, null, null)]);
  });
});

describe('service words come from the town file', () => {
  it('reads a service a town adds, with no code change', () => {
    const raw = structuredClone(config) as unknown as { services: Record<string, unknown>[] };
    raw.services.push({
      ...raw.services[2]!,
      code: 'study',
      label: 'Étude surveillée',
      shortLabel: 'étude surveillée',
      labelEn: 'supervised study',
      words: ['etude|etudes surveillee|surveillees', 'homework club'],
    });
    // "étude" alone is the evening care in this town's words: the new phrase is longer and wins.
    const town = parseTownConfig(raw);
    const r = interpret('Inscris Léa à l’étude surveillée jeudi', { now: new Date(NOW), children: ['Léa'], config: town, calendar: new SchoolCalendar(town.calendar) });
    expect(r.actions).toEqual([act('book', ['Léa'], ['study'], ['2027-01-14'])]);
  });
});

describe('days left out and why', () => {
  it('names the holidays a range crosses', () => {
    const r = read('Léa mangera à la cantine du 14 décembre au 8 janvier', '2026-12-01T10:00:00+01:00', ['Léa']);
    expect(r.actions[0]!.dates).toEqual(['2026-12-14', '2026-12-15', '2026-12-17', '2026-12-18', '2027-01-04', '2027-01-05', '2027-01-07', '2027-01-08']);
    expect(r.notes[0]!.leftOut).toEqual([
      { from: '2026-12-19', to: '2027-01-03', reason: { code: 'SCHOOL_HOLIDAY', name: 'Vacances de Noël', from: '2026-12-19', to: '2027-01-03' } },
    ]);
  });
});

describe('a reason about the parent’s work and a signature with classes add nothing', () => {
  it.each([
    ['Bonjour, suite à un changement de planning au travail, merci d’annuler la cantine de Tom jeudi.', 'cancel', ['Tom'], ['canteen']],
    ['mon planning a changé, pouvez-vous annuler la garderie du soir de Léa jeudi', 'cancel', ['Léa'], ['evening']],
    ['Hi, due to a change in my work schedule please cancel Tom’s lunch on Thursday', 'cancel', ['Tom'], ['canteen']],
    ['Merci d’annuler la cantine de Tom jeudi.\nFrédéric\nLéa Moreau (CE2)', 'cancel', ['Tom'], ['canteen']],
    ['Merci d’inscrire Tom à la cantine jeudi.\n\nCordialement,\nFrédéric\n\nLéa Moreau - CE2 - école Pasteur\nTom Moreau - CP', 'book', ['Tom'], ['canteen']],
  ])('"%s" is one request', (text, intent, children, services) => {
    expect(actionsOf(text, NOW)).toEqual([act(intent as 'book' | 'cancel', children, services, ['2027-01-14'])]);
  });

  it('the schedule asked for is still a list', () => {
    expect(actionsOf('pouvez-vous m’envoyer le planning de Léa ?', NOW)).toEqual([act('list', ['Léa'], null, null)]);
  });
});

describe('"pas" after a comma is an exception only after days', () => {
  it.each(['finalement non, pas vendredi', 'en fait, pas vendredi'])('"%s" cancels Friday', (text) => {
    expect(actionsOf(text, NOW)).toEqual([act('cancel', null, null, ['2027-01-15'])]);
  });
  it('"jeudi, pas vendredi" books Thursday only', () => {
    expect(actionsOf('jeudi, pas vendredi', NOW)).toEqual([act('book', null, null, ['2027-01-14'])]);
  });
});

describe('dates and names as parents write them (fourth held-out set)', () => {
  const LATE_JAN = '2027-01-25T10:00:00+01:00'; // Monday 25 January 2027
  it('a day before the later one in a list with the month said once is of the month before', () => {
    expect(actionsOf('Tom cantine jeudi 28 et lundi 1er février', LATE_JAN)).toEqual([act('book', ['Tom'], ['canteen'], ['2027-01-28', '2027-02-01'])]);
    expect(actionsOf('Tom cantine le 29 et le 1er février', LATE_JAN)).toEqual([act('book', ['Tom'], ['canteen'], ['2027-01-29', '2027-02-01'])]);
    // Never into the past: on 10 March the 9th of March has gone, so it is the 9th of April.
    expect(actionsOf('Tom cantine le 9 et le 1er avril', '2027-03-10T10:00:00+01:00')).toEqual([act('book', ['Tom'], ['canteen'], ['2027-04-01', '2027-04-09'])]);
  });

  it('dictated punctuation: "virgule" and a final "point"', () => {
    expect(actionsOf('inscrire léa cantine jeudi virgule tom garderie du soir jeudi point', NOW)).toEqual([
      act('book', ['Léa'], ['canteen'], ['2027-01-14']),
      act('book', ['Tom'], ['evening'], ['2027-01-14']),
    ]);
  });

  it('"on the Tuesday" after days given in full is that Tuesday', () => {
    expect(actionsOf('Please book Léa and Tom for lunch on Monday 18th and Tuesday 19th January. Tom will also need after-school care on the Tuesday.', NOW)).toEqual([
      act('book', ['Léa', 'Tom'], ['canteen'], ['2027-01-18', '2027-01-19']),
      act('book', ['Tom'], ['evening'], ['2027-01-19']),
    ]);
  });

  it.each([
    'Bonjour c’est la maman de Léa et Tom je voulais inscrire Tom à la cantine jeudi merci au revoir',
    'Je suis le papa de Léa et Tom, Tom mange à la cantine jeudi',
  ])('the children named in the parent’s introduction are not the request’s: "%s"', (text) => {
    expect(actionsOf(text, NOW)).toEqual([act('book', ['Tom'], ['canteen'], ['2027-01-14'])]);
  });

  it('an introduction naming the child the request is about by a pronoun still names it', () => {
    expect(actionsOf('Bonjour, je suis la maman de Léa, elle sera absente demain', NOW)).toEqual([act('cancel', ['Léa'], null, ['2027-01-13'])]);
  });
});

describe('remarks about names that are words and days gone', () => {
  it.each([
    ['Léa mettra son pull rose, inscrivez-la à la cantine jeudi', ['Léa', 'Rose']],
    ['Jade cantine jeudi, elle a perdu son bracelet de jade hier à la garderie', ['Jade', 'Tom']],
  ])('a lower-case name-word beside capitalised names is the word: "%s"', (text, family) => {
    const got = actionsOf(text, NOW, family);
    expect(got).toEqual([act('book', [family[0]!], ['canteen'], ['2027-01-14'])]);
  });

  it('a lower-case name-word listed with a capitalised name is still a name', () => {
    expect(actionsOf('Léa et rose mangent à la cantine jeudi', NOW, ['Léa', 'Rose'])).toEqual([act('book', ['Léa', 'Rose'], ['canteen'], ['2027-01-14'])]);
  });

  it.each(['Tom a oublié son bonnet hier à la garderie', 'Tom était à la garderie hier, il a adoré', 'Tom a mangé à la cantine lundi dernier'])('"%s" books nothing', (text) => {
    expect(actionsOf(text, NOW)).toEqual([act('unknown', null, null, null)]);
  });
});

describe('a child left out beside a request is no request of its own', () => {
  const FAMILY3 = ['Chloé', 'Noé', 'Hugo'];
  it.each([
    'j’aurai besoin de la garderie du matin pour Chloé et Noé jeudi. Hugo n’en a pas besoin, il part avec son père.',
    'Chloé and Noé need morning care on Thursday. Hugo doesn’t need it.',
    'Chloé et Noé garderie du matin jeudi, Hugo non.',
    'Chloé et Noé garderie du matin jeudi, Hugo pas',
  ])('"%s"', (text) => {
    expect(actionsOf(text, NOW, FAMILY3)).toEqual([act('book', ['Chloé', 'Noé'], ['morning'], ['2027-01-14'])]);
  });

  it('"Hugo non plus" after a cancellation is Hugo too', () => {
    expect(actionsOf('Chloé ne mange pas à la cantine jeudi, Hugo non plus', NOW, FAMILY3)).toEqual([act('cancel', ['Chloé', 'Hugo'], ['canteen'], ['2027-01-14'])]);
  });
});

describe('a start inside a week named beside it', () => {
  const MONDAY = '2027-01-11T08:00:00+01:00'; // Monday 11 January 2027
  it.each(['Annulez tout pour Tom cette semaine à partir de mardi', 'Annulez tout pour Tom à partir de mardi cette semaine'])('"%s" is Tuesday to Friday of this week', (text) => {
    expect(actionsOf(text, MONDAY)).toEqual([act('cancel', ['Tom'], null, ['2027-01-12', '2027-01-13', '2027-01-14', '2027-01-15'])]);
  });
  it('"la semaine prochaine à partir de mardi" starts on the Tuesday of next week', () => {
    expect(actionsOf('Tom cantine la semaine prochaine à partir de mardi', MONDAY)).toEqual([act('book', ['Tom'], ['canteen'], ['2027-01-19', '2027-01-21', '2027-01-22'])]);
  });
});

describe('the same request for another child, less its own exceptions', () => {
  it.each(['Léa cantine toute la semaine prochaine, Tom pareil sauf le mardi', 'Léa cantine toute la semaine prochaine. Tom aussi sauf le mardi'])('"%s"', (text) => {
    expect(actionsOf(text, NOW)).toEqual([
      act('book', ['Léa'], ['canteen'], ['2027-01-18', '2027-01-19', '2027-01-21', '2027-01-22']),
      act('book', ['Tom'], ['canteen'], ['2027-01-18', '2027-01-21', '2027-01-22']),
    ]);
  });
});

describe('a reason said first is the setting of the order that names the services', () => {
  it('the class trip and the cancellation of two services over that period is one cancellation; the brother staying booked adds nothing', () => {
    const text = 'Bonjour,\nNous partons en voyage scolaire... enfin, Léa part en classe de neige du 18 au 22 janvier. Merci donc d’annuler sa cantine et sa garderie du soir sur cette période. Tom reste, lui, inscrit comme d’habitude.\nCordialement,\nM. Petit';
    expect(actionsOf(text, NOW)).toEqual([act('cancel', ['Léa'], ['canteen', 'evening'], ['2027-01-18', '2027-01-19', '2027-01-21', '2027-01-22'])]);
  });
  it('a booking "comme d’habitude" with its own day still books', () => {
    expect(actionsOf('Tom mange à la cantine jeudi comme d’habitude', NOW)).toEqual([act('book', ['Tom'], ['canteen'], ['2027-01-14'])]);
  });
});

describe('a pronoun glued to a small word is no child', () => {
  it('"inscris le à la cantine jeudi" names no Léa', () => {
    expect(actionsOf('inscris le à la cantine jeudi', NOW)).toEqual([act('book', null, ['canteen'], ['2027-01-14'])]);
  });
  it('a name broken by a stray space still is one', () => {
    expect(actionsOf('Lé a cantine jeudi', NOW)).toEqual([act('book', ['Léa'], ['canteen'], ['2027-01-14'])]);
  });
});

describe('thanks after a request lend nothing to it', () => {
  it.each(['Tom cantine jeudi. Merci pour tout', 'Tom cantine jeudi, merci pour tout', 'Tom cantine jeudi. Merci pour ça !', 'Tom cantine jeudi. Encore merci pour tout'])('"%s" books', (text) => {
    expect(actionsOf(text, NOW)).toEqual([act('book', ['Tom'], ['canteen'], ['2027-01-14'])]);
  });
  it('"enfin" after a pause restates: "Léa et Tom seront malades… enfin Tom est malade, pas de cantine jeudi"', () => {
    expect(actionsOf('Léa et Tom seront malades... enfin Tom est malade, pas de cantine jeudi', NOW)).toEqual([act('cancel', ['Tom'], ['canteen'], ['2027-01-14'])]);
  });
});

describe('whether a child may is a question about the rules', () => {
  it.each(['Est-ce que Tom peut apporter son doudou à la garderie ?', 'Ma fille a un collier, elle peut le garder à la cantine ?'])('"%s" is help', (text) => {
    expect(actionsOf(text, NOW, ['Tom'])).toEqual([act('help', null, null, null)]);
  });
  it('"Tom peut-il manger à la cantine jeudi ?" still books', () => {
    expect(actionsOf('Tom peut-il manger à la cantine jeudi ?', NOW)).toEqual([act('book', ['Tom'], ['canteen'], ['2027-01-14'])]);
  });
});

describe('returns and times said with "until"', () => {
  const MONDAY_EVENING = '2027-01-11T19:30:00+01:00';
  it.each(['Léa est malade, elle reviendra jeudi', 'Léa est malade, elle sera de retour jeudi', 'Léa is sick, she’ll be back on Thursday'])('"%s": the days before the return, never the day itself', (text) => {
    expect(actionsOf(text, MONDAY_EVENING)).toEqual([act('cancel', ['Léa'], null, ['2027-01-12', '2027-01-13'])]);
  });
  it('"Léa reprend la cantine lundi prochain après sa varicelle" books that Monday', () => {
    expect(actionsOf('Léa reprend la cantine lundi prochain après sa varicelle', MONDAY_EVENING)).toEqual([act('book', ['Léa'], ['canteen'], ['2027-01-18'])]);
  });
  it('"until 6" is a time: one Thursday, not every day until the 6th', () => {
    expect(actionsOf('can Tom stay at after school club until 6 on thursday?', MONDAY_EVENING)).toEqual([act('book', ['Tom'], ['evening'], ['2027-01-14'])]);
  });
});

describe('a start or an end bounds the week or month said with it', () => {
  const MONDAY = '2027-03-08T08:12:00+01:00';
  it.each([
    ['annulez tout pour Inès cette semaine, elle part chez sa grand-mère à partir de demain', ['2027-03-09', '2027-03-10', '2027-03-11', '2027-03-12']],
    ["annulez Inès la semaine prochaine, elle est chez son père jusqu'à mercredi", ['2027-03-15', '2027-03-16', '2027-03-17']],
    ["annulez Inès la semaine prochaine jusqu'à mercredi", ['2027-03-15', '2027-03-16', '2027-03-17']],
    ["annulez Inès la semaine prochaine à partir de mercredi jusqu'à jeudi", ['2027-03-17', '2027-03-18']],
  ])('"%s"', (text, dates) => {
    expect(actionsOf(text, MONDAY, ['Inès', 'Tom'])).toEqual([act('cancel', ['Inès'], null, dates)]);
  });
  it('a start after the week opens a period of its own: "cette semaine et à partir de lundi prochain aussi"', () => {
    const [a] = actionsOf('annulez la cantine de Tom cette semaine et à partir de lundi prochain aussi', MONDAY, ['Inès', 'Tom']);
    expect(a!.dates!.slice(0, 6)).toEqual(['2027-03-08', '2027-03-09', '2027-03-11', '2027-03-12', '2027-03-15', '2027-03-16']);
  });
  it('a return ends the absence: "malade cette semaine, elle reprendra à partir de jeudi" is Monday to Wednesday', () => {
    expect(actionsOf('Inès est malade cette semaine, elle reprendra à partir de jeudi', MONDAY, ['Inès', 'Tom'])).toEqual([act('cancel', ['Inès'], null, ['2027-03-08', '2027-03-09', '2027-03-10'])]);
    expect(actionsOf('Inès est malade, elle reprendra jeudi', MONDAY, ['Inès', 'Tom'])).toEqual([act('cancel', ['Inès'], null, ['2027-03-08', '2027-03-09', '2027-03-10'])]);
  });
});

describe('a weekday beside a day given in full on that weekday', () => {
  it('"jeudi soir … jeudi 17" is one Thursday', () => {
    expect(actionsOf('Jade dort chez une copine jeudi soir, pas besoin de garderie du soir jeudi 17', '2026-12-07T08:00:00+01:00', ['Jade', 'Tom'])).toEqual([act('cancel', ['Jade'], ['evening'], ['2026-12-17'])]);
  });
  it('another weekday keeps its own day: "lundi et jeudi 17"', () => {
    expect(actionsOf('Jade cantine lundi et jeudi 17', '2026-12-07T08:00:00+01:00', ['Jade', 'Tom'])).toEqual([act('book', ['Jade'], ['canteen'], ['2026-12-07', '2026-12-17'])]);
  });
});

describe('"jusqu\'à 6" is the hour of pick-up', () => {
  const MONDAY = '2026-12-07T08:00:00+01:00';
  it.each([
    ["Tom à la garderie ce soir jusqu'à 6", ['2026-12-07']],
    ["Tom garderie du soir demain jusqu'à 18", ['2026-12-08']],
    ["Tom garderie demain jusqu'à 6h30", ['2026-12-08']],
  ])('"%s" is evening care that day', (text, dates) => {
    expect(actionsOf(text, MONDAY)).toEqual([act('book', ['Tom'], ['evening'], dates)]);
  });
  it('"du 8 jusqu\'à 18" and "jusqu\'au 18" are still days', () => {
    expect(actionsOf("Tom cantine du 8 jusqu'à 18", MONDAY)[0]!.dates).toEqual(['2026-12-08', '2026-12-10', '2026-12-11', '2026-12-14', '2026-12-15', '2026-12-17', '2026-12-18']);
    expect(actionsOf("Tom est à la cantine jusqu'au 18", MONDAY)[0]!.dates!.at(-1)).toBe('2026-12-18');
  });
});

describe('a first name that heads a request names a child, never the only one', () => {
  const MONDAY = '2027-03-08T08:12:00+01:00';
  it.each(['Léon cantine demain', 'leon cantine demain'])('"%s" in a family of one child asks (not Chloé)', (text) => {
    expect(actionsOf(text, MONDAY, ['Chloé'])).toEqual([act('book', null, ['canteen'], ['2027-03-09'])]);
  });
  it('a name-word heading a request is a name: "Ambre cantine jeudi" is not Rose', () => {
    expect(actionsOf('Ambre cantine jeudi', MONDAY, ['Rose'])).toEqual([act('book', null, ['canteen'], ['2027-03-11'])]);
  });
  it.each(['Aucun repas pour Chloé cette semaine svp', 'Exceptionnellement cantine demain', 'Chloe cantine demain'])('common words and the child herself still read: "%s"', (text) => {
    expect(read(text, MONDAY, ['Chloé']).actions[0]!.children).toEqual(['Chloé']);
  });
});

describe('greetings and times of day are no care service', () => {
  const MONDAY = '2027-03-08T08:12:00+01:00';
  it.each([
    ["Good evening, I'd like to cancel Sophie's lunches on Tuesday, she has chickenpox.", ['Sophie'], ['canteen']],
    ["Good morning, please cancel Sophie's lunch on Tuesday", ['Sophie'], ['canteen']],
    ["Good morning! Sophie won't be at lunch or after-school care on Tuesday", ['Sophie'], ['canteen', 'evening']],
  ])('"%s"', (text, children, services) => {
    expect(actionsOf(text, MONDAY, ['Sophie', 'Ella'])).toEqual([act('cancel', children, services, ['2027-03-09'])]);
  });
  it('"malade ce matin, pas de cantine aujourd\'hui" cancels the canteen only', () => {
    expect(actionsOf("Ella est malade ce matin, pas de cantine aujourd'hui", MONDAY, ['Sophie', 'Ella'])).toEqual([act('cancel', ['Ella'], ['canteen'], ['2027-03-08'])]);
  });
  it('"malade ce matin" alone is the day, every service', () => {
    expect(actionsOf('Ella est malade ce matin', MONDAY, ['Sophie', 'Ella'])).toEqual([act('cancel', ['Ella'], null, ['2027-03-08'])]);
  });
  it('"depuis ce matin" opens no period', () => {
    expect(actionsOf('Ella a de la fièvre depuis ce matin', MONDAY, ['Sophie', 'Ella'])).toEqual([act('cancel', ['Ella'], null, null)]);
  });
  it('"Ella garderie ce soir" still books the evening', () => {
    expect(actionsOf('Ella garderie ce soir', MONDAY, ['Sophie', 'Ella'])).toEqual([act('book', ['Ella'], ['evening'], ['2027-03-08'])]);
  });
});

describe('more children on the same days', () => {
  const MONDAY = '2027-03-08T08:12:00+01:00';
  it('"… à la cantine ainsi que Rose les mêmes jours pour la cantine" keeps Jules', () => {
    const text = 'Bonjour je voudrais inscrire Jules le mercredi 7 avril au centre de loisirs et le jeudi 8 et le vendredi 9 avril à la cantine ainsi que Rose les mêmes jours pour la cantine merci';
    expect(actionsOf(text, MONDAY, ['Jules', 'Rose'])).toEqual([act('book', ['Jules', 'Rose'], ['canteen'], ['2027-04-08', '2027-04-09']), act('book', ['Jules'], ['wednesday'], ['2027-04-07'])]);
  });
  it.each(['Jules cantine lundi et mardi, Rose aux mêmes dates', 'Jules lunch Monday and Tuesday, Rose on the same days', 'inscrire Jules à la cantine lundi et mardi ainsi que Rose'])('"%s"', (text) => {
    expect(actionsOf(text, MONDAY, ['Jules', 'Rose'])).toEqual([act('book', ['Jules', 'Rose'], ['canteen'], ['2027-03-08', '2027-03-09'])]);
  });
});

describe('a list of days written without a stop before the reason', () => {
  const MONDAY = '2027-03-08T08:12:00+01:00';
  it('"jeudi et vendredi elle est chez son papa" keeps Friday with the canteen', () => {
    expect(actionsOf('bonjour ambre ne mangera pas a la cantine jeudi et vendredi elle est chez son papa merci', MONDAY, ['Ambre', 'Sacha'])).toEqual([act('cancel', ['Ambre'], ['canteen'], ['2027-03-11', '2027-03-12'])]);
  });
  it('"tomorrow and monday she\'s off sick": Monday is next week\'s, with breakfast club', () => {
    expect(actionsOf("hi can you cancel lily's breakfast club tomorrow and monday she's off sick thanks", MONDAY, ['Lily', 'Noah'])).toEqual([act('cancel', ['Lily'], ['morning'], ['2027-03-09', '2027-03-15'])]);
  });
  it('"lundi et le 9" said on a Monday: Monday said first is today', () => {
    expect(actionsOf('Lily cantine lundi et le 9', MONDAY, ['Lily', 'Noah'])).toEqual([act('book', ['Lily'], ['canteen'], ['2027-03-08', '2027-03-09'])]);
  });
});

describe('a sentence about another child lends nothing to the request', () => {
  const MONDAY = '2027-03-08T08:12:00+01:00';
  it('"Noé cantine jeudi. Chloé n\'y sera pas" books Noé only', () => {
    expect(actionsOf("Noé cantine jeudi. Chloé n'y sera pas", MONDAY, ['Noé', 'Rose', 'Chloé'])).toEqual([act('book', ['Noé'], ['canteen'], ['2027-03-11'])]);
  });
  it('"… mercredis 3, 10 et 17 mars. Chloé n\'y sera pas, elle a danse."', () => {
    const text = 'Je vous confirme que Noé et Rose seront au centre aéré les mercredis 3, 10 et 17 mars. Chloé n\'y sera pas, elle a danse.';
    expect(actionsOf(text, '2027-03-01T08:12:00+01:00', ['Noé', 'Rose', 'Chloé'])).toEqual([act('book', ['Noé', 'Rose'], ['wednesday'], ['2027-03-03', '2027-03-10', '2027-03-17'])]);
  });
  it('"Lily won\'t be at lunch on Friday. Noah is fine." cancels nothing of Noah\'s', () => {
    expect(actionsOf("Lily won't be at lunch on Friday 12th. Noah is fine.", MONDAY, ['Noah', 'Lily'])).toEqual([act('cancel', ['Lily'], ['canteen'], ['2027-03-12'])]);
  });
  it('"Ce n\'est pas pour Sacha, lui rentre à la maison" after a booking for Ambre', () => {
    expect(actionsOf("Bonjour, pour demain Ambre mangera à la cantine. Ce n'est pas pour Sacha, lui rentre à la maison.", MONDAY, ['Ambre', 'Sacha'])).toEqual([act('book', ['Ambre'], ['canteen'], ['2027-03-09'])]);
  });
  it.each(['Noé cantine jeudi. Chloé aussi', 'Noé cantine jeudi. Et Chloé.'])('"%s" still adds Chloé', (text) => {
    expect(actionsOf(text, MONDAY, ['Noé', 'Rose', 'Chloé'])).toEqual([act('book', ['Chloé', 'Noé'], ['canteen'], ['2027-03-11'])]);
  });
});

describe('holidays said as the end of an absence', () => {
  const MONDAY_OCT = '2026-10-12T08:00:00+02:00';
  it.each([
    ["Hello, Jack won't be in school from Thursday 15th until after half term, he's going to his grandparents. Please cancel his lunches.", ['Jack']],
    ['Bonjour, Jack ne sera pas à la cantine du jeudi 15 octobre jusqu\'au retour des vacances de la Toussaint.', ['Jack']],
  ])('"%s": the school days up to the holidays', (text, children) => {
    expect(actionsOf(text, MONDAY_OCT, ['Jack'])).toEqual([act('cancel', children, ['canteen'], ['2026-10-15', '2026-10-16'])]);
  });
  it('"du 8 mars jusqu\'aux vacances de printemps" starts on the 8th', () => {
    const [a] = actionsOf("Jules ne mangera pas à la cantine du 8 mars jusqu'aux vacances de printemps", '2027-03-01T08:00:00+01:00', ['Jules', 'Rose']);
    expect(a!.dates![0]).toBe('2027-03-08');
    expect(a!.dates!.at(-1)).toBe('2027-04-09');
  });
  it('"après les vacances de printemps … jusqu\'à la fin de l\'année" is the end of that period', () => {
    const text = "Hugo ne prendra plus la garderie du matin après les vacances de printemps, je change de travail. Merci de retirer ses inscriptions jusqu'à la fin de l'année.";
    const [a] = actionsOf(text, '2027-04-01T08:00:00+02:00', ['Hugo']);
    expect(a!.dates![0]).toBe('2027-04-26');
  });
});

describe('"yes to", "et non", "au lieu de", moves', () => {
  const MONDAY = '2027-03-08T08:12:00+01:00';
  it.each(['Tom: no lunch on Friday, yes to after school club', 'Tom : pas de cantine vendredi, oui pour la garderie du soir'])('"%s"', (text) => {
    expect(actionsOf(text, MONDAY)).toEqual([act('book', ['Tom'], ['evening'], ['2027-03-12']), act('cancel', ['Tom'], ['canteen'], ['2027-03-12'])]);
  });
  it.each([
    ["c'est le mardi 9 mars et non le lundi 8 que Tom ira à la garderie du soir", ['evening'], ['2027-03-09']],
    ['Tom ira à la garderie du soir mardi et non lundi', ['evening'], ['2027-03-09']],
    ['Tom cantine jeudi et non pas vendredi', ['canteen'], ['2027-03-11']],
  ])('"%s" never books the day set aside', (text, services, dates) => {
    expect(actionsOf(text, MONDAY)).toEqual([act('book', ['Tom'], services, dates)]);
  });
  it.each(["Can I change Tom's lunch from Thursday to Friday?", 'Pouvez-vous déplacer la cantine de Tom de jeudi à vendredi ?', 'Tom: cantine vendredi au lieu de jeudi', 'Tom lunch on Friday instead of Thursday'])('"%s" cancels Thursday and books Friday', (text) => {
    expect(actionsOf(text, MONDAY)).toEqual([act('book', ['Tom'], ['canteen'], ['2027-03-12']), act('cancel', ['Tom'], ['canteen'], ['2027-03-11'])]);
  });
  it('"je change de travail, Tom ira … du lundi au jeudi" moves nothing', () => {
    expect(actionsOf('je change de travail, Tom ira à la garderie du soir du lundi au jeudi', MONDAY)).toEqual([act('book', ['Tom'], ['evening'], ['2027-03-08', '2027-03-09', '2027-03-11'])]);
  });
  it('"Sophie cantine lundi 14, Ella annulée mardi 15": two requests', () => {
    expect(actionsOf('Sophie cantine lundi 14, Ella annulée mardi 15', '2027-06-07T08:00:00+02:00', ['Sophie', 'Ella'])).toEqual([act('book', ['Sophie'], ['canteen'], ['2027-06-14']), act('cancel', ['Ella'], null, ['2027-06-15'])]);
  });
});

describe('what is not decided, tried or changed asks nothing', () => {
  const MONDAY = '2027-03-08T08:12:00+01:00';
  it('"Pour la cantine on verra demain selon la fièvre" cancels the morning care only', () => {
    const text = 'Pour info Léa est malade, elle ne sera pas là demain matin à la garderie. Pour la cantine on verra demain selon la fièvre.';
    expect(actionsOf(text, MONDAY)).toEqual([act('cancel', ['Léa'], ['morning'], ['2027-03-09'])]);
  });
  it.each(['Tom cantine jeudi, pour vendredi je ne sais pas encore', 'Tom cantine jeudi, on verra pour la suite'])('"%s" books Thursday only', (text) => {
    expect(actionsOf(text, MONDAY)).toEqual([act('book', ['Tom'], ['canteen'], ['2027-03-11'])]);
  });
  it.each(["Bonjour, j'ai essayé d'inscrire Tom mais je ne sais pas si ça a marché. Vous pouvez vérifier pour jeudi ?", "I tried to book Tom for Thursday but I'm not sure it worked"])('"%s" is a check', (text) => {
    expect(actionsOf(text, MONDAY)).toEqual([act('list', ['Tom'], null, ['2027-03-11'])]);
  });
  it('"Elle a un rendez-vous mardi donc rien ne change ce jour-là" cancels nothing', () => {
    expect(actionsOf('Pourriez-vous inscrire Léa à la cantine jeudi ? Elle a un rendez-vous mardi donc rien ne change ce jour-là.', MONDAY)).toEqual([act('book', ['Léa'], ['canteen'], ['2027-03-11'])]);
  });
  it.each(['Bonjour je voulais savoir si le 11 novembre il y a cantine', "Bonjour, est-ce qu'il reste de la place au centre de loisirs le 18 novembre ?"])('"%s" is a question to the town', (text) => {
    expect(actionsOf(text, '2026-11-02T08:00:00+01:00', ['Hugo'])).toEqual([act('help', null, null, null)]);
  });
  it('"dm1" is tomorrow', () => {
    expect(actionsOf('tom dm1 soir stp', MONDAY)).toEqual([act('book', ['Tom'], ['evening'], ['2027-03-09'])]);
  });
  it('"cette semaine" said on a Sunday is the week to come', () => {
    expect(actionsOf('hugo malade depuis vendredi, il ne viendra pas de la semaine', '2027-01-31T20:00:00+01:00', ['Hugo', 'Léa'])).toEqual([act('cancel', ['Hugo'], null, ['2027-02-01', '2027-02-02', '2027-02-03', '2027-02-04', '2027-02-05'])]);
  });
  it('"She has a packed lunch. Also can Sophie do after school club that day?" books Sophie', () => {
    expect(actionsOf('No lunch for Ella on Thursday 4 Feb, she has a packed lunch for the school trip. Also can Sophie do after school club that day? Thx', '2027-02-01T07:45:00+01:00', ['Ella', 'Sophie'])).toEqual([act('book', ['Sophie'], ['evening'], ['2027-02-04']), act('cancel', ['Ella'], ['canteen'], ['2027-02-04'])]);
  });
});

describe('eighth held-out set: children left out, remarks, past days', () => {
  const at = (iso: string) => iso;
  it.each([
    ['Emma et Sacha cantine du 25 au 29 janvier. Lucas rien il est en classe de neige', '2027-01-20T20:20:00+01:00', [act('book', ['Emma', 'Sacha'], ['canteen'], ['2027-01-25', '2027-01-26', '2027-01-28', '2027-01-29'])]],
    ['Bjr, Lucas et Sacha garderie du soir mardi, Emma non elle a danse', '2026-10-01T08:00:00+02:00', [act('book', ['Lucas', 'Sacha'], ['evening'], ['2026-10-06'])]],
    // Where another child is, beside a booking for others, with no day, service or order of its own, tells
    // why that child is not in the request: nothing of that child's changes (three blind sets read it so).
    ['jules et rose garderie matin demain svp, emma elle va chez la nounou', '2026-11-23T18:00:00+01:00', [act('book', ['Jules', 'Rose'], ['morning'], ['2026-11-24'])]],
    ['Merci d\'inscrire Lucas et Rose au centre de loisirs les mercredis 2 et 9 décembre. Emma a foot le mercredi donc pas elle.', '2026-11-24T21:00:00+01:00', [act('book', ['Lucas', 'Rose'], ['wednesday'], ['2026-12-02', '2026-12-09'])]],
    ['Lucas mercredi 9 juin centre de loisirs et le 16 aussi. Merci. Emma a la photo de classe le 10 mais ça ne change rien', '2027-06-02T12:00:00+02:00', [act('book', ['Lucas'], ['wednesday'], ['2027-06-09', '2027-06-16'])]],
    ['Bonsoir. Lucas et Rose ne viendront pas à la garderie du soir la semaine prochaine, j\'ai pris mes congés. Emma par contre continue.', '2027-02-05T19:30:00+01:00', [act('cancel', ['Lucas', 'Rose'], ['evening'], ['2027-02-08', '2027-02-09', '2027-02-11', '2027-02-12'])]],
    ['Noé cantine jeudi. Emma, elle, non', '2027-03-08T08:12:00+01:00', [act('book', ['Noé'], ['canteen'], ['2027-03-11'])]],
  ])('"%s"', (text, now, expected) => {
    expect(actionsOf(text, at(now), ['Emma', 'Jules', 'Lucas', 'Noé', 'Rose', 'Sacha'])).toEqual(expected);
  });
  it('"Annulez la cantine des trois" is every child of a family of three', () => {
    expect(actionsOf('Annulez la cantine des trois pour jeudi 10 et vendredi 11 juin, sortie de fin d\'année', '2027-06-03T08:00:00+02:00', ['Inès', 'Jules', 'Rose'])).toEqual([act('cancel', ['Inès', 'Jules', 'Rose'], ['canteen'], ['2027-06-10', '2027-06-11'])]);
  });
  it('"elle est en CE2 chez Mme Rousseau" is no absence', () => {
    expect(actionsOf('Maëlle cantine lundi. Elle est en CE2 chez Mme Rousseau', '2026-09-25T16:00:00+02:00', ['Maëlle'])).toEqual([act('book', ['Maëlle'], ['canteen'], ['2026-09-28'])]);
  });
  it('"malade hier et encore absente aujourd\'hui et demain": the days to come only', () => {
    expect(actionsOf('Maëlle a été malade hier et sera encore absente aujourd\'hui et demain.', '2027-05-11T08:30:00+02:00', ['Maëlle'])).toEqual([act('cancel', ['Maëlle'], null, ['2027-05-11', '2027-05-12'])]);
  });
  it('"I can\'t remember what I did" adds nothing to a question (and "remember" is no December)', () => {
    expect(actionsOf("Hi — is Oliver down for lunch every day this week? I can't remember what I did", '2027-03-15T07:30:00+01:00', ['Lily', 'Oliver'])).toEqual([act('list', ['Oliver'], ['canteen'], ['2027-03-15', '2027-03-16', '2027-03-18', '2027-03-19'])]);
  });
});

describe('eighth held-out set: contrasts, corrections, days referred to', () => {
  it('"ne mangera pas jeudi mais vendredi" cancels Thursday and books Friday', () => {
    expect(actionsOf('Bonjour, je voudrais modifier: Ambre ne mangera pas jeudi mais vendredi', '2027-02-01T18:00:00+01:00', ['Ambre', 'Léo'])).toEqual([act('book', ['Ambre'], ['canteen'], ['2027-02-05']), act('cancel', ['Ambre'], ['canteen'], ['2027-02-04'])]);
  });
  it('"pas de cantine demain pour elle. Lucas et Sacha garderie du soir demain par contre" books them', () => {
    expect(actionsOf('Emma a un rhume, pas de cantine demain pour elle. Lucas et Sacha garderie du soir demain par contre', '2027-05-19T19:00:00+02:00', ['Emma', 'Lucas', 'Sacha'])).toEqual([act('book', ['Lucas', 'Sacha'], ['evening'], ['2027-05-20']), act('cancel', ['Emma'], ['canteen'], ['2027-05-20'])]);
  });
  it.each([
    ["Bonsoir, je me suis trompée hier : Léo c'est la cantine mardi, pas lundi. Pouvez-vous corriger ?", '2027-05-26T20:00:00+02:00', ['2027-06-01'], ['2027-05-31']],
    ["Sorry, I meant Friday not Thursday for Léo's lunch", '2027-06-14T18:00:00+02:00', ['2027-06-18'], ['2027-06-17']],
  ])('a correction cancels the day set aside: "%s"', (text, now, booked, cancelled) => {
    expect(actionsOf(text, now, ['Ambre', 'Léo'])).toEqual([act('book', ['Léo'], ['canteen'], booked), act('cancel', ['Léo'], ['canteen'], cancelled)]);
  });
  it('"mettez-le à la cantine jeudi à la place du vendredi"', () => {
    const text = "Pouvez vous annuler la garderie du matin de Hugo demain ? Son papa l'emmène. Et mettez-le à la cantine jeudi à la place du vendredi";
    expect(actionsOf(text, '2027-01-25T17:00:00+01:00', ['Hugo'])).toEqual([act('book', ['Hugo'], ['canteen'], ['2027-01-28']), act('cancel', ['Hugo'], ['canteen'], ['2027-01-29']), act('cancel', ['Hugo'], ['morning'], ['2027-01-26'])]);
  });
  it('"ce jour-là" is the day said in the reason before', () => {
    const text = "Bonjour, je me permets de vous écrire car Ambre a une sortie scolaire vendredi, elle aura un pique-nique. Merci d'annuler sa cantine ce jour-là. Léo mange normalement.";
    expect(actionsOf(text, '2027-03-23T08:15:00+01:00', ['Ambre', 'Léo'])).toEqual([act('cancel', ['Ambre'], ['canteen'], ['2027-03-26'])]);
  });
  it('"Pour le 23 je vous redirai" books nothing on the 23rd', () => {
    expect(actionsOf('Inès centre mercredi 16 juin. Pour le 23 je vous redirai', '2027-06-07T20:00:00+02:00', ['Inès', 'Jules'])).toEqual([act('book', ['Inès'], ['wednesday'], ['2027-06-16'])]);
  });
  it('"Chloé seulement le jeudi" after a recurrence keeps its scope', () => {
    const [, chloe] = read("Noé cantine tous les lundis et jeudis jusqu'aux vacances, Chloé seulement le jeudi", '2026-09-14T20:10:00+02:00', ['Chloé', 'Noé']).actions;
    expect(chloe).toEqual(act('book', ['Chloé'], ['canteen'], ['2026-09-17', '2026-09-24', '2026-10-01', '2026-10-08', '2026-10-15']));
  });
  it('"Pour la semaine du 7 juin : … Théo cantine tous les jours" is that week', () => {
    const acts = read('Pour la semaine du 7 juin : Mia cantine lundi et jeudi, Théo cantine tous les jours', '2027-06-01T21:00:00+02:00', ['Mia', 'Théo']).actions;
    expect(acts.find((a) => a.children?.[0] === 'Théo')!.dates).toEqual(['2027-06-07', '2027-06-08', '2027-06-10', '2027-06-11']);
  });
});

describe('ninth held-out set', () => {
  const FAMILY3 = ['Maëlle', 'Noé', 'Chloé'];
  it.each([
    ['Tom cant dm1 stp', '2027-01-18T08:00:00+01:00', ['Tom', 'Léa'], [act('book', ['Tom'], ['canteen'], ['2027-01-19'])]],
    ['jules cantine ven', '2027-06-14T08:00:00+02:00', ['Jules'], [act('book', ['Jules'], ['canteen'], ['2027-06-18'])]],
    ['Bonjour, Léa mangera à la cantine jeudi. Tom lui est chez sa grand-mère cette semaine, rien à changer pour lui.', '2027-01-11T07:40:00+01:00', ['Léa', 'Tom'], [act('book', ['Léa'], ['canteen'], ['2027-01-14'])]],
    ["Ambre s'est cassé le bras hier soir, pas d'école pour elle jusqu'à mercredi", '2027-06-07T07:20:00+02:00', ['Ambre', 'Sacha'], [act('cancel', ['Ambre'], null, ['2027-06-07', '2027-06-08', '2027-06-09'])]],
    ['Madame,\nMon fils Hugo est convoqué à un examen médical le vendredi 5 février au matin. Il ne pourra donc pas aller à la garderie du matin ce jour-là.', '2027-01-30T11:00:00+01:00', ['Hugo'], [act('cancel', ['Hugo'], ['morning'], ['2027-02-05'])]],
    ['Gabriel centre de loisirs mercredi non attends mercredi prochain pas celui-là', '2027-03-02T20:00:00+01:00', ['Louise', 'Gabriel'], [act('book', ['Gabriel'], ['wednesday'], ['2027-03-10'])]],
    ['Bonjour madame, moi je veux inscrire mon fils Adam pour la cantine ce mardi, il est pas encore inscrit. Merci beaucoup', '2027-01-21T12:00:00+01:00', ['Adam', 'Yasmine'], [act('book', ['Adam'], ['canteen'], ['2027-01-26'])]],
    ["bonjour, Inès elle mange pas viande, c'est possible avoir repas sans viande?", '2027-03-02T09:00:00+01:00', ['Inès'], [act('help', null, null, null)]],
    ['Annulez la cantine de Lucas vendredi et inscrivez Zoé à sa place', '2027-01-25T12:00:00+01:00', ['Emma', 'Lucas', 'Zoé'], [act('book', ['Zoé'], ['canteen'], ['2027-01-29']), act('cancel', ['Lucas'], ['canteen'], ['2027-01-29'])]],
    ["Chloé garderie matin lundi, et l'autre aussi", '2027-01-07T18:00:00+01:00', ['Noé', 'Chloé'], [act('book', ['Chloé', 'Noé'], ['morning'], ['2027-01-11'])]],
    ["alors c'est pour Noé et Maëlle il faudrait les mettre au centre de loisirs mercredi 9 juin les deux voilà", '2027-06-01T19:00:00+02:00', FAMILY3, [act('book', ['Maëlle', 'Noé'], ['wednesday'], ['2027-06-09'])]],
    ['Tom cantine jeudi + garderie soir vendredi. Léa rien cette semaine elle est chez son père', '2027-03-02T19:00:00+01:00', ['Léa', 'Tom'], [act('book', ['Tom'], ['canteen'], ['2027-03-04']), act('book', ['Tom'], ['evening'], ['2027-03-05'])]],
    ['Maëlle : plutôt le mercredi 24 que le 17 pour le centre de loisirs, merci !', '2027-03-08T12:00:00+01:00', FAMILY3, [act('book', ['Maëlle'], ['wednesday'], ['2027-03-24']), act('cancel', ['Maëlle'], ['wednesday'], ['2027-03-17'])]],
    ["Pour Noé, la garderie du soir à partir de jeudi et jusqu'à la fin de la semaine prochaine", '2027-01-12T19:00:00+01:00', FAMILY3, [act('book', ['Noé'], ['evening'], ['2027-01-14', '2027-01-15', '2027-01-18', '2027-01-19', '2027-01-21', '2027-01-22'])]],
    ['Maman a dit que je peux avoir des frites ce soir', '2027-03-08T12:00:00+01:00', ['Léa', 'Tom'], [act('unknown', null, null, null)]],
    ['Rose mangera finalement mardi et pas lundi', '2027-01-07T17:30:00+01:00', ['Rose'], [act('book', ['Rose'], ['canteen'], ['2027-01-12']), act('cancel', ['Rose'], ['canteen'], ['2027-01-11'])]],
  ])('"%s"', (text, now, children, expected) => {
    expect(actionsOf(text, now, children)).toEqual(expected);
  });
});

describe('ninth held-out set, more', () => {
  const FAMILY3 = ['Maëlle', 'Noé', 'Chloé'];
  it.each([
    ['Noé et Chloé à la garderie du soir vendredi svp, Maëlle a son cours de danse elle rentre seule', '2027-03-02T20:15:00+01:00', [act('book', ['Chloé', 'Noé'], ['evening'], ['2027-03-05'])]],
    ["Pour info Maëlle passe en CM2 l'an prochain 😊 Sinon Chloé à la cantine mardi prochain merci", '2027-03-04T21:10:00+01:00', [act('book', ['Chloé'], ['canteen'], ['2027-03-09'])]],
    ["ptite erreur: c'est Chloé qui va à la garderie ce soir, pas Noé", '2027-01-14T11:00:00+01:00', [act('book', ['Chloé'], ['evening'], ['2027-01-14']), act('cancel', ['Noé'], ['evening'], ['2027-01-14'])]],
    ['Noé garderie matin jeudi. Oups, Chloé pas Noé', '2027-02-02T21:00:00+01:00', [act('book', ['Chloé'], ['morning'], ['2027-02-04'])]],
  ])('"%s"', (text, now, expected) => {
    expect(actionsOf(text, now, FAMILY3)).toEqual(expected);
  });
  it('a list of a month asked once the day has begun keeps today', () => {
    expect(actionsOf('Quelles sont les réservations de Rose en mars ?', '2027-03-10T09:00:00+01:00', ['Rose'])[0]!.dates![0]).toBe('2027-03-10');
  });
});

describe('the last week before the holidays', () => {
  it('is the school week that ends there, and no week gone', () => {
    expect(actionsOf('les enfants ne mangeront pas à la cantine la dernière semaine avant les vacances de Noël', '2026-12-05T16:30:00+01:00', ['Inès', 'Jules', 'Rose'])).toEqual([
      act('cancel', ['Inès', 'Jules', 'Rose'], ['canteen'], ['2026-12-14', '2026-12-15', '2026-12-17', '2026-12-18']),
    ]);
  });
});

describe('a remark in parentheses', () => {
  it('"Correction : le 16 (le 15 c\'est un lundi où elle est chez son père)" asks nothing of the 15th', () => {
    expect(actionsOf("Bonjour, Inès cantine le 15. Correction : le 16 (le 15 c'est un lundi où elle est chez son père)", '2027-03-10T09:00:00+01:00', ['Jules', 'Inès'])).toEqual([act('book', ['Inès'], ['canteen'], ['2027-03-16'])]);
  });
  it('"Léa (et Tom) cantine lundi" still books both', () => {
    expect(actionsOf('Léa (et Tom) cantine lundi', '2027-03-08T08:12:00+01:00')).toEqual([act('book', ['Léa', 'Tom'], ['canteen'], ['2027-03-08'])]);
  });
});

describe('tenth held-out set', () => {
  it.each([
    ['Bonjour, Chloé devait aller au centre mercredi mais finalement elle va chez son père. Vous pouvez enlever ? Merci', '2027-02-05T16:20:00+01:00', ['Noé', 'Chloé'], [act('cancel', ['Chloé'], ['wednesday'], ['2027-02-10'])]],
    ['Remettez Tom à la cantine vendredi finalement, le rdv est annulé', '2027-01-19T09:40:00+01:00', ['Léa', 'Tom'], [act('book', ['Tom'], ['canteen'], ['2027-01-22'])]],
    ['gard soir ojd Nathan', '2027-03-16T08:00:00+01:00', ['Nathan'], [act('book', ['Nathan'], ['evening'], ['2027-03-16'])]],
    ['svp annul cantine kenza jeu', '2027-03-16T12:00:00+01:00', ['Kenza'], [act('cancel', ['Kenza'], ['canteen'], ['2027-03-18'])]],
    ['Bonjour, est-ce que Tom a bien mangé ce midi ? Il avait mal au ventre ce matin.', '2027-01-14T16:00:00+01:00', ['Léa', 'Tom'], [act('help', null, null, null)]],
    ['Léa passe de la garderie du soir mardi à jeudi', '2026-09-27T11:00:00+02:00', ['Léa', 'Tom'], [act('book', ['Léa'], ['evening'], ['2026-10-01']), act('cancel', ['Léa'], ['evening'], ['2026-09-29'])]],
  ])('"%s"', (text, now, children, expected) => {
    expect(actionsOf(text, now, children)).toEqual(expected);
  });
  it('"le mardi et le vendredi de chaque semaine jusqu\'aux vacances d\'avril" is a habit', () => {
    const [a] = actionsOf("je voudrais l inscription de Maëlle a la cantinne le mardi et le vendredi de chaque semaine jusqu'aux vacances d'avril", '2027-02-28T21:00:00+01:00', ['Maëlle']);
    expect(a!.dates!.slice(0, 4)).toEqual(['2027-03-02', '2027-03-05', '2027-03-09', '2027-03-12']);
    expect(a!.dates!.at(-1)).toBe('2027-04-09');
  });
  it('"à partir de lundi, j\'ai changé d\'horaires. Annulez-la jusqu\'aux vacances" starts on Monday', () => {
    const [a] = actionsOf("Mathéo ne va plus à la garderie du matin à partir de lundi, j'ai changé d'horaires. Annulez-la jusqu'aux vacances svp", '2027-01-21T18:25:00+01:00', ['Mathéo', 'Louna']);
    expect(a!.dates![0]).toBe('2027-01-25');
    expect(a!.dates!.at(-1)).toBe('2027-02-12');
  });
});

describe('tenth held-out set, ends and habits', () => {
  it.each([
    ["Adam cantine les lundis et jeudis à partir de la rentrée jusqu'à fin mai", '2027-04-20T15:00:00+02:00', ['Adam'], ['2027-04-26', '2027-04-29', '2027-05-03', '2027-05-10', '2027-05-13', '2027-05-20', '2027-05-24', '2027-05-27', '2027-05-31']],
    ['derniere semaine d ecole Kenza mange a la cantine tous les jours', '2027-06-24T20:00:00+02:00', ['Kenza'], ['2027-06-28', '2027-06-29', '2027-07-01', '2027-07-02']],
    ['reservé cantine Maëlle du 1 au 5 mars', '2027-02-26T20:40:00+01:00', ['Maëlle'], ['2027-03-01', '2027-03-02', '2027-03-04', '2027-03-05']],
  ])('"%s"', (text, now, children, dates) => {
    expect(actionsOf(text, now, children)).toEqual([act('book', children, ['canteen'], dates)]);
  });
  it('"du 3 mai à fin juin" ends on the last day of June', () => {
    const [a] = actionsOf('Capucine mangera à la cantine les lundis et mardis du 3 mai à fin juin', '2027-04-29T12:00:00+02:00', ['Capucine']);
    expect(a!.dates![0]).toBe('2027-05-03');
    expect(a!.dates!.at(-1)).toBe('2027-06-29');
  });
  it('"Inscrite à la cantine jeudi ?" is still a question', () => {
    expect(actionsOf('Inscrite à la cantine jeudi ?', '2027-03-08T08:12:00+01:00')[0]!.intent).toBe('list');
  });
});

describe('a yes and a no per day', () => {
  const monday = '2027-03-08T08:12:00+01:00'; // Monday, before the canteen opens
  it.each([
    ['Léa : oui lundi, non mardi pour la cantine', ['Léa']],
    ['cantine pour Léa : lundi oui, mardi non', ['Léa']],
    ['lundi oui, mardi non pour Léa à la cantine', ['Léa']],
  ])('"%s" books the yes and cancels the no, same child and service', (text, children) => {
    expect(actionsOf(text, monday, ['Léa', 'Tom'])).toEqual([act('book', children, ['canteen'], ['2027-03-08']), act('cancel', children, ['canteen'], ['2027-03-09'])]);
  });
  it('three days without commas are three answers', () => {
    expect(actionsOf('Tom garderie soir: lundi oui mardi non jeudi oui', monday, ['Léa', 'Tom'])).toEqual([
      act('book', ['Tom'], ['evening'], ['2027-03-08', '2027-03-11']),
      act('cancel', ['Tom'], ['evening'], ['2027-03-09']),
    ]);
  });
  it('a no alone keeps its other readings ("lundi, non, mardi" is Tuesday)', () => {
    expect(actionsOf('Tom cantine lundi, non, mardi', monday, ['Léa', 'Tom'])).toEqual([act('book', ['Tom'], ['canteen'], ['2027-03-09'])]);
  });
});

describe('a service set aside, a service refused beside a booking', () => {
  const monday = '2027-03-08T08:12:00+01:00';
  it.each([
    ['Léa garderie du matin jeudi, pas le soir', ['Léa'], ['morning']],
    ['inscrire Léa à la cantine jeudi mais pas à la garderie', ['Léa'], ['canteen']],
    ["c'est la garderie du matin pas celle du soir pour Tom jeudi", ['Tom'], ['morning']],
    ["Léa garderie du soir jeudi, euh non, c'est la garderie du matin, pas le soir", ['Léa'], ['morning']],
  ])('"%s" books only the service kept, and cancels nothing', (text, children, services) => {
    expect(actionsOf(text, monday, ['Léa', 'Tom'])).toEqual([act('book', children, services, ['2027-03-11'])]);
  });
  it('"Tom cantine jeudi, pas de garderie du soir" books the canteen and cancels the evening', () => {
    expect(actionsOf('Tom cantine jeudi, pas de garderie du soir', monday, ['Léa', 'Tom'])).toEqual([
      act('book', ['Tom'], ['canteen'], ['2027-03-11']),
      act('cancel', ['Tom'], ['evening'], ['2027-03-11']),
    ]);
  });
  it('"Tom cantine jeudi, pas de cantine vendredi" books Thursday and cancels Friday', () => {
    expect(actionsOf('Tom cantine jeudi, pas de cantine vendredi', monday, ['Léa', 'Tom'])).toEqual([
      act('book', ['Tom'], ['canteen'], ['2027-03-11']),
      act('cancel', ['Tom'], ['canteen'], ['2027-03-12']),
    ]);
  });
  it('"Tom mange pas à la cantine jeudi" is still a cancellation', () => {
    expect(actionsOf('Tom mange pas à la cantine jeudi', monday, ['Léa', 'Tom'])).toEqual([act('cancel', ['Tom'], ['canteen'], ['2027-03-11'])]);
  });
});

describe('quick phone messages', () => {
  it.each([
    ['les deux matin lun 16 mar 17', '2026-11-10T07:15:00+01:00', ['Sacha', 'Timéo'], [act('book', ['Sacha', 'Timéo'], ['morning'], ['2026-11-16', '2026-11-17'])]],
    ['Ana + Noé soir ven', '2026-10-08T21:00:00+02:00', ['Ana', 'Noé', 'Lou'], [act('book', ['Ana', 'Noé'], ['evening'], ['2026-10-09'])]],
    ['annule cantine mar pr les 2', '2026-09-14T07:50:00+02:00', ['Ana', 'Noé'], [act('cancel', ['Ana', 'Noé'], ['canteen'], ['2026-09-15'])]],
    ['Noé mer 23', '2026-09-19T10:20:00+02:00', ['Noé'], [act('book', ['Noé'], null, ['2026-09-23'])]],
    ['annule noé cant jeudy', '2026-09-26T15:00:00+02:00', ['Ana', 'Noé'], [act('cancel', ['Noé'], ['canteen'], ['2026-10-01'])]],
    ['ana gard soir mar, noé gard matin jeu 17', '2026-09-10T21:00:00+02:00', ['Ana', 'Noé'], [act('book', ['Ana'], ['evening'], ['2026-09-15']), act('book', ['Noé'], ['morning'], ['2026-09-17'])]],
  ])('"%s"', (text, now, children, expected) => {
    expect(actionsOf(text, now, children)).toEqual(expected);
  });
  it('"qu\'est ce que Lina a la semaine pro" asks what is booked, with no question mark', () => {
    expect(actionsOf("qu'est ce que lina a la semaine pro", '2026-09-24T10:00:00+02:00', ['Lina', 'Nathan'])[0]!.intent).toBe('list');
  });
  it('"mange plus à la cantine", "ne" dropped as spoken, cancels; "mange plus tôt" does not', () => {
    expect(actionsOf('timéo mange plus a la cantine le vendredi jusqu a noel', '2026-11-10T10:00:00+01:00', ['Timéo', 'Nathan'])[0]!.intent).toBe('cancel');
    expect(actionsOf('Timéo mange plus tôt jeudi', '2026-11-10T10:00:00+01:00', ['Timéo', 'Nathan'])[0]!.intent).toBe('book');
  });
});

describe('weeks and ends said loosely', () => {
  it('"à partir du 1/3 … jusqu\'au 12" ends on the 12th of March, not of the month it is said in', () => {
    const [a] = actionsOf('sacha matin a partir du 1/3 tous les jours jusqu au 12', '2027-02-06T09:45:00+01:00', ['Sacha', 'Timéo']);
    expect(a!.dates).toEqual(['2027-03-01', '2027-03-02', '2027-03-04', '2027-03-05', '2027-03-08', '2027-03-09', '2027-03-11', '2027-03-12']);
  });
  it('"tous les soirs de la semaine" is this week', () => {
    expect(actionsOf('nathan soir tous les soirs de la semaine', '2027-03-24T20:00:00+01:00', ['Nathan'])).toEqual([act('book', ['Nathan'], ['evening'], ['2027-03-25', '2027-03-26'])]);
  });
  it('"à la rentrée toute la semaine", said in the holidays, is the rentrée week', () => {
    expect(actionsOf('jade et gabin cantine a la rentree toute la semaine', '2027-02-16T14:00:00+01:00', ['Jade', 'Gabin'])).toEqual([act('book', ['Gabin', 'Jade'], ['canteen'], ['2027-03-01', '2027-03-02', '2027-03-04', '2027-03-05'])]);
  });
  it.each(['vous faites centre aere pendant les vacances de la toussaint ?', 'les 2 cantine pendant les vacances c possible ?'])('"%s" asks the town', (text) => {
    expect(actionsOf(text, '2026-10-15T12:30:00+02:00', ['Rose', 'Ambre'])).toEqual([{ intent: 'help', children: null, services: null, dates: null }]);
  });
});

describe('a list of requests joined by "+"', () => {
  it('a booking said whole after a cancellation, in a message opening on a booking, books', () => {
    const got = actionsOf('chloé cantine jeudi + hugo annule cantine vendredi + ines centre mercredi 20', '2027-01-11T19:00:00+01:00', ['Chloé', 'Hugo', 'Inès']);
    expect(got).toHaveLength(3);
    expect(got).toEqual(expect.arrayContaining([
      act('book', ['Chloé'], ['canteen'], ['2027-01-14']),
      act('cancel', ['Hugo'], ['canteen'], ['2027-01-15']),
      act('book', ['Inès'], ['wednesday'], ['2027-01-20']),
    ]));
  });
  it('"annule Léa mercredi et Tom jeudi" still cancels both', () => {
    expect(actionsOf('annule Léa mercredi et Tom jeudi', '2027-03-08T08:12:00+01:00', ['Léa', 'Tom']).map((a) => a.intent)).toEqual(['cancel', 'cancel']);
  });
});

describe('a pronoun right after a child set aside', () => {
  it('"… mais pas Lucas, lui il rentre à la maison (annulez-le svp)" cancels Lucas\'s part, not Ambre\'s', () => {
    expect(actionsOf('Ambre mange à la cantine lundi mais pas Lucas, lui il rentre à la maison (annulez-le svp)', '2027-03-04T20:00:00+01:00', ['Ambre', 'Lucas'])).toEqual([
      act('book', ['Ambre'], ['canteen'], ['2027-03-08']),
      act('cancel', ['Lucas'], ['canteen'], ['2027-03-08']),
    ]);
  });
  it('a follow-up with no pronoun keeps the request\'s children', () => {
    expect(actionsOf('Ambre cantine lundi, pas Lucas. Et mardi aussi', '2027-03-04T20:00:00+01:00', ['Ambre', 'Lucas'])).toEqual([act('book', ['Ambre'], ['canteen'], ['2027-03-08', '2027-03-09'])]);
  });
});

describe('the day after, the day before', () => {
  const monday = '2027-03-08T08:12:00+01:00';
  it('"(lendemain du férié)" beside a date names no other day', () => {
    expect(actionsOf('Bonjour, Kenza sera à la cantine le jeudi 12 novembre (lendemain du férié). Merci !', '2026-11-06T10:00:00+01:00', ['Kenza'])).toEqual([act('book', ['Kenza'], ['canteen'], ['2026-11-12'])]);
  });
  it.each([
    ['Léa cantine jeudi et le lendemain', ['2027-03-11', '2027-03-12']],
    ['Léa cantine le lendemain du 11', ['2027-03-12']],
  ])('"%s"', (text, dates) => {
    expect(actionsOf(text, monday, ['Léa', 'Tom'])).toEqual([act('book', ['Léa'], ['canteen'], dates)]);
  });
});

describe('a start said about how the family writes', () => {
  it('"my husband will message you from now on" books nothing', () => {
    expect(actionsOf('Hi, my husband will message you from now on, thanks for everything', '2027-01-13T19:00:00+01:00', ['Sam', 'Ella'])).toEqual([{ intent: 'unknown', children: null, services: null, dates: null }]);
  });
  it('"à partir de lundi" alone still gives the days (it may answer "Pour quel jour ?")', () => {
    expect(actionsOf('à partir de lundi', '2027-03-08T08:12:00+01:00', ['Tom'])[0]!.dates![0]).toBe('2027-03-08');
  });
});

describe('a taste told', () => {
  it('"Sacha n\'aime pas du tout le poisson" beside a booking cancels nothing', () => {
    expect(actionsOf("Pourriez-vous inscrire Sacha à la garderie du soir mardi 12 et jeudi 14 ? Lina sera chez sa nounou.\n\nPar ailleurs, Sacha n'aime pas du tout le poisson, mais ce n'est pas grave.", '2027-01-08T10:00:00+01:00', ['Sacha', 'Lina'])).toEqual([act('book', ['Sacha'], ['evening'], ['2027-01-12', '2027-01-14'])]);
  });
  it('"Inès mange à la cantine demain, son frère rentre à la maison avec moi" books Inès only', () => {
    expect(actionsOf('Inès mange à la cantine demain, son frère rentre à la maison avec moi', '2027-02-08T19:00:00+01:00', ['Inès', 'Jules'])).toEqual([act('book', ['Inès'], ['canteen'], ['2027-02-09'])]);
  });
});

describe('a day said as the topic, then a list of services', () => {
  it('"… reprennent lundi 4 janvier : cantine + garderie du soir lundi 4 et mardi 5" is one request', () => {
    expect(actionsOf('Les enfants reprennent lundi 4 janvier : cantine + garderie du soir lundi 4 et mardi 5', '2027-01-02T10:00:00+01:00', ['Jade', 'Théo'])).toEqual([act('book', ['Jade', 'Théo'], ['canteen', 'evening'], ['2027-01-04', '2027-01-05'])]);
  });
  it('"Jade lundi cantine et garderie du soir mardi" stays two requests', () => {
    expect(actionsOf('Jade lundi cantine et garderie du soir mardi', '2027-01-02T10:00:00+01:00', ['Jade', 'Théo'])).toEqual([act('book', ['Jade'], ['canteen'], ['2027-01-04']), act('book', ['Jade'], ['evening'], ['2027-01-05'])]);
  });
});

describe('forwarded messages, and who minds the child', () => {
  it('a forwarded message the family hands over is read', () => {
    const text = "Hello,\n\nForwarding my husband's note below, could you sort it out?\n\nThanks, Emma\n\n---------- Forwarded message ---------\nFrom: James Wilson\nDate: Sun, 17 Jan 2027 at 21:04\nSubject: kids\nTo: Emma Wilson\n\nCan you ask them to put Oliver in the after school club on Tuesday 19th and Thursday 21st? I'm on a late shift.";
    expect(actionsOf(text, '2027-01-18T07:30:00+01:00', ['Oliver', 'Amelia'])).toEqual([act('book', ['Oliver'], ['evening'], ['2027-01-19', '2027-01-21'])]);
  });
  it('"ma mère vient garder les enfants mercredi" books nothing; the cancellation after it stands', () => {
    const got = actionsOf("Petit changement : ma mère vient garder les enfants mercredi, donc Inès et Hugo n'iront pas au centre de loisirs le 3.", '2027-02-01T21:00:00+01:00', ['Hugo', 'Inès']);
    expect(got).toEqual([act('cancel', ['Hugo', 'Inès'], ['wednesday'], ['2027-02-03'])]);
  });
  it('"je ne pourrai pas garder Noé … j\'ai mes rendez-vous" is no absence of Noé', () => {
    expect(actionsOf("je ne pourrai pas garder Noé mercredi 9 ni mercredi 16, j'ai mes rendez-vous. Merci de l'inscrire au centre ces deux mercredis.", '2027-06-08T08:00:00+02:00', ['Noé'])).toEqual([act('book', ['Noé'], ['wednesday'], ['2027-06-09', '2027-06-16'])]);
  });
  it('"pouvez-vous garder Tom à la garderie du soir jeudi" still books', () => {
    expect(actionsOf('pouvez-vous garder Tom à la garderie du soir jeudi', '2027-03-08T08:12:00+01:00', ['Léa', 'Tom'])).toEqual([act('book', ['Tom'], ['evening'], ['2027-03-11'])]);
  });
});

describe('where the child is, who minds it', () => {
  it('"Jules sera chez moi la première semaine : cantine et garderie du soir du lundi 26 au vendredi 30 avril" books', () => {
    expect(actionsOf('Bonjour, après les vacances Jules sera chez moi la première semaine : cantine et garderie du soir du lundi 26 au vendredi 30 avril', '2027-04-14T10:00:00+02:00', ['Jules', 'Rose'])).toEqual([act('book', ['Jules'], ['canteen', 'evening'], ['2027-04-26', '2027-04-27', '2027-04-29', '2027-04-30'])]);
  });
  it('"Je les garde jeudi soir, vous pouvez enlever leur garderie du soir jeudi" cancels, and books nothing', () => {
    expect(actionsOf('Bonjour, ici Mamie de Léa et Tom. Je les garde jeudi soir, vous pouvez enlever leur garderie du soir jeudi. Bisous à tous', '2026-09-14T10:00:00+02:00', ['Léa', 'Tom'])).toEqual([act('cancel', ['Léa', 'Tom'], ['evening'], ['2026-09-17'])]);
  });
  it('"pour Rose je vous redis" leaves Rose out', () => {
    expect(actionsOf('Noé et Chloé à la cantine vendredi, pour Rose je vous redis', '2026-09-21T10:00:00+02:00', ['Chloé', 'Noé', 'Rose'])).toEqual([act('book', ['Chloé', 'Noé'], ['canteen'], ['2026-09-25'])]);
  });
});

describe('thirteenth blind set: orders, slips, plans', () => {
  it('"raphael cantine jeudi vendredi et annule la garderie du matin vendredi" books the canteen and cancels the morning', () => {
    expect(actionsOf('raphael cantine jeudi vendredi et annule la garderie du matin vendredi', '2027-02-08T19:00:00+01:00', ['Raphaël'])).toEqual([
      act('book', ['Raphaël'], ['canteen'], ['2027-02-11', '2027-02-12']),
      act('cancel', ['Raphaël'], ['morning'], ['2027-02-12']),
    ]);
  });
  it('"ce n\'est pas Timéo mais Jade qui doit aller à la cantine" books Jade, never cancels her', () => {
    const got = actionsOf("Il y avait une erreur : ce n'est pas Timéo mais Jade qui doit aller à la cantine le vendredi 5 février. Timéo ne mange pas à la cantine ce jour-là.", '2027-02-02T12:00:00+01:00', ['Jade', 'Timéo']);
    expect(got).toHaveLength(2);
    expect(got).toEqual(expect.arrayContaining([act('book', ['Jade'], ['canteen'], ['2027-02-05']), act('cancel', ['Timéo'], ['canteen'], ['2027-02-05'])]));
  });
  it.each([
    ['Lundi 22 : Maëlle cantine\nJeudi 25 : rien\nMerci', [act('book', ['Maëlle'], ['canteen'], ['2027-03-22'])]],
    ["Maëlle : la cantine le 22 et le 23 puis rien jusqu'aux vacances", [act('book', ['Maëlle'], ['canteen'], ['2027-03-22', '2027-03-23'])]],
  ])('"%s": a day with "rien" cancels nothing', (text, expected) => {
    expect(actionsOf(text, '2027-03-17T10:00:00+01:00', ['Maëlle', 'Noé'])).toEqual(expected);
  });
  it('an out-of-office reply cancels nothing', () => {
    const [a] = actionsOf("Bonjour,\n\nJe suis absente du bureau jusqu'au 4 janvier inclus, avec un accès limité à mes e-mails.\n\nClaire Martin", '2026-12-21T10:00:00+01:00', ['Léa', 'Tom']);
    expect(a!.intent).not.toBe('cancel');
  });
});

describe('eleventh blind set: the rentrée as a topic, the summer as an end', () => {
  it('"Pour la rentrée : Jade … jeudi 5 et vendredi 6 novembre" adds no rentrée day', () => {
    expect(actionsOf("J'espère que vous passez de bonnes vacances. Pour la rentrée : Jade mangera à la cantine jeudi 5 et vendredi 6 novembre.", '2026-10-28T10:00:00+01:00', ['Jade', 'Gabriel'])).toEqual([act('book', ['Jade'], ['canteen'], ['2026-11-05', '2026-11-06'])]);
  });
  it('"Jade cantine à la rentrée et le 5 novembre" keeps both days', () => {
    expect(actionsOf('Jade cantine à la rentrée et le 5 novembre', '2026-10-28T10:00:00+01:00', ['Jade', 'Gabriel'])).toEqual([act('book', ['Jade'], ['canteen'], ['2026-11-02', '2026-11-05'])]);
  });
  it('"jusqu\'à l\'été" is up to the summer holidays (not the "Fête" du Travail)', () => {
    const [a] = actionsOf("Rose cantine tous les jours jusqu'à l'été", '2027-04-25T18:00:00+02:00', ['Rose']);
    expect(a!.dates!.at(-1)).toBe('2027-07-02');
  });
});

describe('a service pointed at, a time the parent wrote', () => {
  it('"… et annuler celle de Léa le jeudi 15" cancels Léa\'s canteen', () => {
    expect(actionsOf('Je voudrais inscrire Tom à la cantine du lundi 12 au vendredi 16 octobre, et annuler celle de Léa le jeudi 15.', '2026-10-05T10:00:00+02:00', ['Léa', 'Tom'])).toEqual([
      act('book', ['Tom'], ['canteen'], ['2026-10-12', '2026-10-13', '2026-10-15', '2026-10-16']),
      act('cancel', ['Léa'], ['canteen'], ['2026-10-15']),
    ]);
  });
  it('"mon message de ce matin" is when the parent wrote, no morning care today', () => {
    const got = actionsOf("Je complète mon message de ce matin : Gabriel aura besoin de l'accueil du matin le mardi 19 janvier.", '2027-01-14T12:00:00+01:00', ['Gabriel', 'Louise']);
    expect(got).toEqual([act('book', ['Gabriel'], ['morning'], ['2027-01-19'])]);
  });
});

describe('the writer\'s own day, news of the child', () => {
  it('"malade depuis ce soir, elle ne viendra pas demain ni lundi" is those two days only', () => {
    expect(actionsOf('Louise malade depuis ce soir, elle ne viendra pas demain ni lundi', '2027-01-21T22:10:00+01:00', ['Louise'])).toEqual([act('cancel', ['Louise'], null, ['2027-01-22', '2027-01-25'])]);
  });
  it('"Je commence à 7h45 à l\'hôpital" beside a booking is the writer\'s work, no absence', () => {
    expect(actionsOf("Pourriez-vous inscrire nos deux enfants à la garderie du matin jeudi ? Je commence à 7h45 à l'hôpital.", '2026-09-08T07:40:00+02:00', ['Léa', 'Tom'])).toEqual([act('book', ['Léa', 'Tom'], ['morning'], ['2026-09-10'])]);
  });
  it('"Autrement tout va bien, elle est ravie de l\'accueil du soir" books nothing', () => {
    expect(actionsOf("Vous pouvez enlever la cantine de Rose jeudi ?\n\nAutrement tout va bien, elle est ravie de l'accueil du soir.", '2027-02-01T10:00:00+01:00', ['Rose'])).toEqual([act('cancel', ['Rose'], ['canteen'], ['2027-02-04'])]);
  });
  it('"tout se passe bien" is how things go; "et tout s\'il vous plaît" is still every service', () => {
    expect(actionsOf('Vous pouvez enlever la cantine de Léa jeudi. Tout se passe bien pour elle.', '2026-11-09T19:00:00+01:00')).toEqual([act('cancel', ['Léa'], ['canteen'], ['2026-11-12'])]);
    expect(actionsOf("Léa jeudi : annulez la cantine et tout s'il vous plaît", '2026-11-09T19:00:00+01:00')).toEqual([act('cancel', ['Léa'], null, ['2026-11-12'])]);
  });
});

describe('a rentrée that has passed, a self-correction inside a list', () => {
  it('"Suite à la rentrée, … à partir du lundi 7 septembre et jusqu\'aux vacances de la Toussaint" is September to October', () => {
    const [a] = actionsOf("Suite à la rentrée, je souhaite inscrire Jules à la garderie du matin tous les matins à partir du lundi 7 septembre et jusqu'aux vacances de la Toussaint.", '2026-09-03T21:00:00+02:00', ['Olive', 'Jules']);
    expect([a!.dates![0], a!.dates!.at(-1), a!.dates!.length]).toEqual(['2026-09-07', '2026-10-16', 24]);
  });
  it('"depuis la rentrée" names no day to come', () => {
    expect(actionsOf('Depuis la rentrée Jules est fatigué, annulez sa garderie du matin vendredi', '2026-09-03T21:00:00+02:00', ['Olive', 'Jules'])).toEqual([act('cancel', ['Jules'], ['morning'], ['2026-09-04'])]);
  });
  it('"Léo cantine mercredi euh non jeudi et Manon garderie du soir vendredi" corrects only the day', () => {
    expect(actionsOf('bonsoir alors Léo cantine mercredi euh non jeudi et Manon garderie du soir vendredi merci bonne soirée', '2026-10-13T21:10:00+02:00', ['Léo', 'Manon'])).toEqual([
      act('book', ['Léo'], ['canteen'], ['2026-10-15']),
      act('book', ['Manon'], ['evening'], ['2026-10-16']),
    ]);
  });
  it('"mercredi euh non jeudi et vendredi" is Thursday and Friday', () => {
    expect(actionsOf('Léo cantine mercredi euh non jeudi et vendredi', '2026-10-13T21:10:00+02:00', ['Léo', 'Manon'])).toEqual([act('book', ['Léo'], ['canteen'], ['2026-10-15', '2026-10-16'])]);
  });
});

describe('holidays said as a kind of thing, half-term, a remark for no one on no day', () => {
  it('"Suite à la réunion de rentrée" names no day', () => {
    expect(actionsOf("Suite à la réunion de rentrée, je souhaite inscrire Capucine à la garderie du matin tous les lundis à partir du 5 octobre et jusqu'aux vacances de la Toussaint.", '2026-09-20T19:00:00+02:00', ['Capucine', 'Basile'])).toEqual([act('book', ['Capucine'], ['morning'], ['2026-10-05', '2026-10-12'])]);
  });
  it('"pour la rentrée de la Toussaint … toute la semaine" is the week back, said before the holidays', () => {
    expect(actionsOf('Bonjour, pour la rentrée de la Toussaint Marin mangera à la cantine toute la semaine', '2026-10-12T19:00:00+02:00', ['Marin'])).toEqual([act('book', ['Marin'], ['canteen'], ['2026-11-02', '2026-11-03', '2026-11-05', '2026-11-06'])]);
    expect(actionsOf('Marin cantine toute la semaine', '2026-10-12T19:00:00+02:00', ['Marin'])).toEqual([act('book', ['Marin'], ['canteen'], ['2026-10-13', '2026-10-15', '2026-10-16'])]);
  });
  it('"the week after half-term" in October is the week after the Toussaint; in January, after the winter break', () => {
    const text = 'Please book Oliver for breakfast club every day the week after half-term.';
    expect(actionsOf(text, '2026-10-05T19:00:00+02:00', ['Oliver', 'Grace'])).toEqual([act('book', ['Oliver'], ['morning'], ['2026-11-02', '2026-11-03', '2026-11-05', '2026-11-06'])]);
    expect(actionsOf(text, '2027-01-12T19:00:00+01:00', ['Oliver', 'Grace'])).toEqual([act('book', ['Oliver'], ['morning'], ['2027-03-01', '2027-03-02', '2027-03-04', '2027-03-05'])]);
  });
  it('"he\'s back on Saturday" beside a booking for both children adds no request', () => {
    expect(actionsOf("Morning! My husband is away for work this week, he's back on Saturday. Could you please book both kids for after-school care on Tuesday and Thursday? Many thanks, Laura", '2026-11-23T08:00:00+01:00', ['Ella', 'Sam'])).toEqual([act('book', ['Ella', 'Sam'], ['evening'], ['2026-11-24', '2026-11-26'])]);
  });
});

describe('"for the same period"', () => {
  it('"… every Wednesday until the October holidays, and after-school care on Fridays for the same period" bounds the Fridays too', () => {
    expect(actionsOf('Both children will need the Wednesday club every Wednesday until the October holidays, and after-school care on Fridays for the same period.', '2026-09-07T07:30:00+02:00', ['Harry', 'Isla'])).toEqual([
      act('book', ['Harry', 'Isla'], ['evening'], ['2026-09-11', '2026-09-18', '2026-09-25', '2026-10-02', '2026-10-09', '2026-10-16']),
      act('book', ['Harry', 'Isla'], ['wednesday'], ['2026-09-09', '2026-09-16', '2026-09-23', '2026-09-30', '2026-10-07', '2026-10-14']),
    ]);
  });
  it('"… et la garderie du soir le vendredi pour la même période"', () => {
    const got = actionsOf("Léa cantine tous les lundis jusqu'au 2 octobre et la garderie du soir le vendredi pour la même période", '2026-09-07T07:30:00+02:00', ['Léa', 'Tom']);
    expect(got).toEqual([act('book', ['Léa'], ['canteen'], ['2026-09-07', '2026-09-14', '2026-09-21', '2026-09-28']), act('book', ['Léa'], ['evening'], ['2026-09-11', '2026-09-18', '2026-09-25', '2026-10-02'])]);
  });
});

describe('a future said of a pronoun beside a request', () => {
  it('"… par contre vendredi c\'est poisson il va faire la tête lol" books Thursday only', () => {
    expect(actionsOf("Tom mangera à la cantine jeudi, c'est lasagnes il adore 😋 par contre vendredi c'est poisson il va faire la tête lol", '2026-11-23T21:00:00+01:00', ['Tom'])).toEqual([act('book', ['Tom'], ['canteen'], ['2026-11-26'])]);
  });
  it('"My husband finishes late on Fridays but he\'ll manage" books no Friday', () => {
    const got = actionsOf("Please book morning care for Leo on Thursday 18 March. My husband finishes late on Fridays but he'll manage.", '2027-03-16T07:45:00+01:00', ['Grace', 'Leo']);
    expect(got).toEqual([act('book', ['Leo'], ['morning'], ['2027-03-18'])]);
  });
});

describe('a fact denied, a habit told', () => {
  it('"mais ce n\'est pas pour ça que je vous écris : pourriez-vous l\'inscrire …" is a booking', () => {
    expect(actionsOf("Hugo a son tournoi de judo samedi, mais ce n'est pas pour ça que je vous écris : pourriez-vous l'inscrire au centre de loisirs mercredi 20 ?", '2027-01-14T19:00:00+01:00', ['Hugo'])).toEqual([act('book', ['Hugo'], ['wednesday'], ['2027-01-20'])]);
  });
  it('"Ce n\'est pas un poisson d\'avril" names neither a cancellation nor April', () => {
    expect(actionsOf("Ce n'est pas un poisson d'avril : Tom a vraiment décidé qu'il voulait manger à la cantine ! Pouvez-vous l'inscrire le vendredi 2 et le mardi 6 avril ?", '2027-03-28T19:00:00+02:00', ['Tom'])).toEqual([act('book', ['Tom'], ['canteen'], ['2027-04-02', '2027-04-06'])]);
  });
  it('"Elles n\'y mangent pas d\'habitude" beside a booking cancels nothing', () => {
    expect(actionsOf('Pour le repas de Noël du jeudi 17 décembre, pouvez-vous inscrire nos deux filles à la cantine ? Elles n\'y mangent pas d\'habitude mais elles ne veulent pas rater ça !', '2026-12-10T19:00:00+01:00', ['Jade', 'Lise'])).toEqual([act('book', ['Jade', 'Lise'], ['canteen'], ['2026-12-17'])]);
  });
});

describe('the day a child is back bounds a cancellation with no day of its own', () => {
  it('"elle revient vendredi. Merci d\'annuler sa cantine en attendant" is the days before Friday, never Friday', () => {
    expect(actionsOf("Léa s'est fait mal au genou, elle revient vendredi. Merci d'annuler sa cantine en attendant.", '2026-11-30T19:00:00+01:00', ['Léa', 'Tom'])).toEqual([act('cancel', ['Léa'], ['canteen'], ['2026-12-01', '2026-12-03'])]);
  });
  it('"il sera de retour à l\'école le jeudi 10. Pouvez-vous annuler sa garderie du soir d\'ici là ?" books nothing on the day back', () => {
    expect(actionsOf("Tom a été opéré, il sera de retour à l'école le jeudi 10 décembre. Pouvez-vous annuler la garderie du soir de Tom d'ici là ?", '2026-12-06T10:00:00+01:00', ['Léa', 'Tom'])).toEqual([act('cancel', ['Tom'], ['evening'], ['2026-12-07', '2026-12-08'])]);
  });
});

describe('a habit told with no end beside the same request with its days', () => {
  it('"Tom ira désormais à la garderie du soir le mardi. Pouvez-vous l\'inscrire les mardis 8 et 15 décembre ?" is those two Tuesdays', () => {
    expect(actionsOf("Tom ira désormais à la garderie du soir le mardi. Pouvez-vous l'inscrire les mardis 8 et 15 décembre ?", '2026-12-02T19:00:00+01:00', ['Léa', 'Tom'])).toEqual([act('book', ['Tom'], ['evening'], ['2026-12-08', '2026-12-15'])]);
  });
  it('"from now on Léa won\'t be coming on Fridays … cancel her Friday lunches until Christmas" ends at Christmas', () => {
    expect(actionsOf("From now on Léa won't be coming on Fridays, her grandma picks her up. Please cancel Léa's Friday lunches until the Christmas holidays.", '2026-12-02T19:00:00+01:00', ['Léa', 'Tom'])).toEqual([act('cancel', ['Léa'], ['canteen'], ['2026-12-04', '2026-12-11', '2026-12-18'])]);
  });
});

describe('a first name given to a place', () => {
  it('"en CE2 à l\'école Jules Ferry" names no child Jules', () => {
    expect(actionsOf("Manon, en CE2 à l'école Jules Ferry, ne déjeunera pas à la cantine ce jeudi 10 septembre.", '2026-09-07T19:00:00+02:00', ['Manon', 'Jules'])).toEqual([act('cancel', ['Manon'], ['canteen'], ['2026-09-10'])]);
  });
  it('"l\'école Victor Hugo" names no child Hugo; "la dernière semaine d\'école Hugo …" does', () => {
    expect(actionsOf("Ma fille Manon, à l'école Victor Hugo, ne mangera pas à la cantine jeudi.", '2026-09-07T19:00:00+02:00', ['Manon', 'Hugo'])).toEqual([act('cancel', ['Manon'], ['canteen'], ['2026-09-10'])]);
    expect(actionsOf("derniere semaine d ecole Hugo mange a la cantine tous les jours", '2027-06-24T19:00:00+02:00', ['Manon', 'Hugo'])).toEqual([act('book', ['Hugo'], ['canteen'], ['2027-06-28', '2027-06-29', '2027-07-01', '2027-07-02'])]);
  });
});
