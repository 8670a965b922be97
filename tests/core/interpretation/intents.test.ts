/**
 * What a message asks for: bookings phrased as wishes or orders,
 * cancellations and absences (negations included), questions about
 * bookings (list) and about the service (help), greetings and gibberish
 * (unknown), several requests in one message, self-corrections, and the
 * fewest actions that cover a request exactly.
 */
import { describe, expect, it } from 'vitest';
import { act, actionsOf, read, sortActions } from './support.js';

const NOW = '2027-01-12T19:00:00+01:00'; // Tuesday 12 January 2027
const THU = '2027-01-14';
const FRI = '2027-01-15';
const MON = '2027-01-18';

function intentsOf(text: string, family?: string[]): string[] {
  return read(text, NOW, family).actions.map((a) => a.intent);
}

describe('bookings: wishes and orders', () => {
  it.each([
    'Inscris Tom à la cantine jeudi',
    'Je voudrais inscrire Tom à la cantine jeudi',
    'Pouvez-vous réserver la cantine pour Tom jeudi ?',
    'Merci de mettre Tom à la cantine jeudi',
    'Tom mangera à la cantine jeudi',
    'Tom mange à la cantine jeudi',
    'Cantine jeudi pour Tom svp',
    'Pas de souci, inscrivez Tom à la cantine jeudi',
    'Can you book Tom in for lunch on Thursday?',
    'Tom will have lunch at school on Thursday',
    'Please sign Tom up for lunch on Thursday',
  ])('"%s" books', (text) => {
    expect(actionsOf(text, NOW)).toEqual([act('book', ['Tom'], ['canteen'], [THU])]);
  });
});

describe('cancellations, absences and negations', () => {
  it.each([
    ['Annule la cantine de Tom jeudi', ['canteen']],
    ['Tom ne mangera pas à la cantine jeudi', ['canteen']],
    ['Tom mange pas à la cantine jeudi', ['canteen']],
    ['tom mange pa a la cantine jeudi', ['canteen']],
    ['Plus de cantine pour Tom jeudi', ['canteen']],
    ['Pas de cantine pour Tom jeudi', ['canteen']],
    ['Tom déjeunera à la maison jeudi', ['canteen']],
    ['Merci d’enlever le repas de Tom jeudi', ['canteen']],
    ['Tom n’ira pas à la garderie du soir jeudi', ['evening']],
    ['Tom n’a plus besoin de la garderie du soir jeudi', ['evening']],
    ['Tom won’t need lunch on Thursday', ['canteen']],
    ['No lunch for Tom on Thursday please', ['canteen']],
    ['Tom doesn’t need breakfast club on Thursday', ['morning']],
    ['Tom sera absent jeudi', null],
    ['Tom est malade jeudi', null],
    ['Tom ne sera pas là jeudi', null],
    ['Tom won’t be in on Thursday', null],
    ['Tom is off sick on Thursday', null],
    ['Annulez tout pour Tom jeudi', null],
    ['Cantine annulée pour Tom jeudi', ['canteen']],
    ['Please take Tom off lunch on Thursday', ['canteen']],
    ['Tom is going home for lunch on Thursday', ['canteen']],
    ['Je viendrai chercher Tom à midi jeudi', ['canteen']],
    ['Tom will be picked up early on Thursday', ['evening']],
  ])('"%s" cancels %j', (text, services) => {
    expect(actionsOf(text, NOW)).toEqual([act('cancel', ['Tom'], services, [THU])]);
  });

  it('reports the negation', () => {
    const r = read('Tom ne mangera pas à la cantine jeudi', NOW);
    expect(r.negationSeen).toBe(true);
    expect(r.notes[0]!.negation).toBe(true);
  });
});

describe('questions about bookings (list)', () => {
  it.each([
    ['Tom mange à la cantine jeudi ?', ['Tom'], ['canteen'], [THU]],
    ['Est-ce que Tom est inscrit à la cantine jeudi ?', ['Tom'], ['canteen'], [THU]],
    ['Qu’est-ce qui est prévu pour Tom jeudi ?', ['Tom'], null, [THU]],
    ['Pouvez-vous me dire si Léa va au centre mercredi ?', ['Léa'], ['wednesday'], ['2027-01-13']],
    ['Je voudrais voir les réservations de Tom', ['Tom'], null, null],
    ['Récapitulatif pour les enfants la semaine prochaine svp', ['Léa', 'Tom'], null, ['2027-01-18', '2027-01-19', '2027-01-20', '2027-01-21', '2027-01-22']],
    ['What’s booked for Tom on Thursday?', ['Tom'], null, [THU]],
    ['Is Tom down for lunch on Thursday?', ['Tom'], ['canteen'], [THU]],
    ['Does Tom have lunch on Thursday?', ['Tom'], ['canteen'], [THU]],
    ['Could you let me know what Tom has on Thursday?', ['Tom'], null, [THU]],
    ['Vous avez bien annulé la cantine de Tom jeudi ?', ['Tom'], ['canteen'], [THU]],
    ['Quand est-ce que Tom va au centre de loisirs ?', ['Tom'], ['wednesday'], null],
  ])('"%s"', (text, children, services, dates) => {
    expect(actionsOf(text, NOW)).toEqual([act('list', children, services, dates)]);
  });
});

describe('questions about the service (help)', () => {
  it.each([
    'Combien coûte un repas à la cantine ?',
    'Comment je fais pour annuler ?',
    'Quels sont les horaires de la garderie du soir ?',
    'À quelle heure ouvre la garderie du matin ?',
    'La garderie est-elle ouverte pendant les vacances ?',
    'Où trouver le menu de la cantine ?',
    'Besoin d’aide svp',
    'How much is breakfast club?',
    'How do I cancel lunch?',
    'Where can I see the menus?',
    'Y a-t-il cantine le mercredi ?',
    'Jusqu’à quand peut-on annuler la cantine ?',
    'Est-il trop tard pour annuler le repas de demain ?',
    'Je n’arrive pas à inscrire mon fils',
    'Can I book for next year already?',
  ])('"%s"', (text) => {
    expect(actionsOf(text, NOW)).toEqual([act('help', null, null, null)]);
  });

  it('keeps a help question beside a request', () => {
    expect(actionsOf('Tom sera absent jeudi. Au fait, comment on paie la cantine ?', NOW)).toEqual(
      sortActions([act('cancel', ['Tom'], null, [THU]), act('help', null, null, null)]),
    );
  });
});

describe('nothing to act on (unknown)', () => {
  it.each(['Bonjour', 'Merci beaucoup !', 'Bonne soirée à vous', 'ok', '😀😀', 'azerty', 'Tu peux acheter du pain en rentrant ?', 'Hello, how are you?', 'Thanks a lot'])(
    '"%s"',
    (text) => {
      expect(actionsOf(text, NOW)).toEqual([act('unknown', null, null, null)]);
    },
  );

  it.each(['Maman, tu peux récupérer Tom ce soir ?', 'Coucou chéri, n’oublie pas le pain', 'Hi mum, can you pick Léa up tomorrow?'])(
    'treats "%s" as meant for someone else',
    (text) => {
      expect(actionsOf(text, NOW)).toEqual([act('unknown', null, null, null)]);
    },
  );

  it('does not read the signing parent as a child, even one letter away', () => {
    expect(actionsOf('Léo ne mangera pas à la cantine jeudi. Merci, Léon Dupont', NOW, ['Léo', 'Emma'])).toEqual([act('cancel', ['Léo'], ['canteen'], [THU])]);
  });

  it('ignores greetings, thanks and signatures around a request', () => {
    const text = 'Bonjour Madame,\nTom mangera à la cantine jeudi.\nMerci d’avance, bonne journée.\nSophie Martin';
    expect(actionsOf(text, NOW)).toEqual([act('book', ['Tom'], ['canteen'], [THU])]);
  });
});

describe('several requests in one message', () => {
  it.each([
    ['Annule la cantine de Léa jeudi et inscris Tom à la garderie du soir vendredi', [act('cancel', ['Léa'], ['canteen'], [THU]), act('book', ['Tom'], ['evening'], [FRI])]],
    ['Léa ne mangera pas jeudi ; Tom ira au centre mercredi', [act('cancel', ['Léa'], ['canteen'], [THU]), act('book', ['Tom'], ['wednesday'], ['2027-01-13'])]],
    ['Tom ne mangera pas à la cantine jeudi mais il restera à la garderie du soir', [act('cancel', ['Tom'], ['canteen'], [THU]), act('book', ['Tom'], ['evening'], [THU])]],
    ['Léa mangera à la cantine jeudi, Tom vendredi', [act('book', ['Léa'], ['canteen'], [THU]), act('book', ['Tom'], ['canteen'], [FRI])]],
    ['Annule la cantine de Tom jeudi et la garderie du soir vendredi', [act('cancel', ['Tom'], ['canteen'], [THU]), act('cancel', ['Tom'], ['evening'], [FRI])]],
    ['Tom won’t be in on Thursday, and please book Léa for lunch on Monday', [act('cancel', ['Tom'], null, [THU]), act('book', ['Léa'], ['canteen'], [MON])]],
    ['Cancel Tom’s lunch on Thursday, book Léa instead', [act('cancel', ['Tom'], ['canteen'], [THU]), act('book', ['Léa'], ['canteen'], [THU])]],
    // Where the other child stays tells why he is not in the request; his own bookings are not touched.
    ['Mercredi, Léa ira au centre de loisirs et Tom restera à la maison', [act('book', ['Léa'], ['wednesday'], ['2027-01-13'])]],
    ['Mercredi, Léa ira au centre de loisirs et Tom restera à la maison, annulez le sien', [act('book', ['Léa'], ['wednesday'], ['2027-01-13']), act('cancel', ['Tom'], ['wednesday'], ['2027-01-13'])]],
  ])('"%s"', (text, expected) => {
    expect(actionsOf(text, NOW)).toEqual(sortActions(expected));
  });
});

describe('one action whenever children × services × dates covers the request', () => {
  it.each([
    ['Léa et Tom mangeront à la cantine jeudi et vendredi', [act('book', ['Léa', 'Tom'], ['canteen'], [THU, FRI])]],
    ['Léa mange à la cantine jeudi et Tom aussi', [act('book', ['Léa', 'Tom'], ['canteen'], [THU])]],
    ['Tom mangera à la cantine jeudi. Et vendredi aussi.', [act('book', ['Tom'], ['canteen'], [THU, FRI])]],
    ['Tom mangera à la cantine et restera à la garderie du soir jeudi', [act('book', ['Tom'], ['canteen', 'evening'], [THU])]],
    ['Tom est malade, il ne viendra pas jeudi ni vendredi', [act('cancel', ['Tom'], null, [THU, FRI])]],
    ['Demain Léa reste avec sa grand-mère, pas de centre de loisirs pour elle', [act('cancel', ['Léa'], ['wednesday'], ['2027-01-13'])]],
    // A weak "will be" sentence is only the setting of the request that follows.
    ['Tom will be picked up by his grandma on Thursday, no after-school club', [act('cancel', ['Tom'], ['evening'], [THU])]],
    ['Léa sera là jeudi mais pas à la cantine', [act('cancel', ['Léa'], ['canteen'], [THU])]],
  ])('"%s"', (text, expected) => {
    expect(actionsOf(text, NOW)).toEqual(sortActions(expected));
  });
});

describe('self-corrections keep the last word', () => {
  it.each([
    ['Tom mangera à la cantine jeudi, euh non, vendredi', act('book', ['Tom'], ['canteen'], [FRI])],
    ['Tom mangera à la cantine jeudi… non pardon vendredi', act('book', ['Tom'], ['canteen'], [FRI])],
    ['Léa, pardon Tom, mangera à la cantine jeudi', act('book', ['Tom'], ['canteen'], [THU])],
    ['Tom ira à la garderie du matin, non, du soir jeudi', act('book', ['Tom'], ['evening'], [THU])],
    ['Tom mangera à la cantine jeudi. Non, je veux dire vendredi.', act('book', ['Tom'], ['canteen'], [FRI])],
    ['Tom needs lunch on Thursday, I mean Friday', act('book', ['Tom'], ['canteen'], [FRI])],
  ])('"%s"', (text, expected) => {
    expect(actionsOf(text, NOW)).toEqual([expected]);
    expect(read(text, NOW).correctionSeen).toBe(true);
  });

  it('does not take a plain "non" at the start for a correction', () => {
    expect(actionsOf('Non, Tom ne mangera pas à la cantine jeudi', NOW)).toEqual([act('cancel', ['Tom'], ['canteen'], [THU])]);
  });
});

describe('what the conversation layer is told', () => {
  it('flags what is missing', () => {
    const r = read('Inscrivez-le jeudi svp', NOW);
    expect(r.actions).toEqual([act('book', null, null, [THU])]);
    expect(r.notes[0]).toMatchObject({ missingChildren: true, missingServices: true, missingDates: false });
  });

  it('flags days on which no named service runs', () => {
    const r = read('Tom mangera à la cantine mercredi', NOW);
    expect(r.actions[0]!.dates).toBeNull();
    expect(r.notes[0]).toMatchObject({ noRunningDay: true, droppedDates: ['2027-01-13'] });
  });

  it('lists the words that decided each field', () => {
    const r = read('Tom ne mangera pas à la cantine jeudi', NOW);
    expect(r.notes[0]!.matched.children).toEqual(['Tom']);
    expect(r.notes[0]!.matched.dates).toEqual(['jeudi']);
    expect(r.notes[0]!.matched.services).toContain('cantine');
  });

  it.each([
    ['Tom ne mangera pas à la cantine jeudi', 'fr'],
    ['tom mange pa jeudi', 'fr'],
    ['Tom won’t need lunch on Thursday', 'en'],
    ['cancel Léa Wednesday', 'en'],
    ['🙏', 'fr'],
  ])('detects the language of "%s" as %s', (text, language) => {
    expect(read(text, NOW).language).toBe(language);
  });
});
