import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { handleButton, handleMessage, type Reply } from '../../../src/core/conversation/converse.js';
import type { FamilyRecord, GuardianRecord } from '../../../src/core/ports.js';
import { addFamily, testApp, type TestApp } from '../../support/app.js';

let app: TestApp;
let martin: FamilyRecord;
let claire: GuardianRecord;
/** Tuesday 1 December 2026, 18:30 in Paris. */
let now = new Date('2026-12-01T17:30:00Z');

const say = (text: string, at = now) => handleMessage(app.conversation, { guardian: claire, channel: 'telegram', text, now: at });
const press = (r: Reply, label: string, at = now) => {
  const button = r.buttons.flat().find((b) => b.label === label);
  if (!button) throw new Error(`no button ${label} in ${JSON.stringify(r.buttons)}`);
  return handleButton(app.conversation, { guardian: claire, channel: 'telegram', data: button.data, now: at });
};
const states = async () =>
  (await app.db.booking.findMany({ include: { child: true }, orderBy: [{ date: 'asc' }, { serviceCode: 'asc' }] })).map((b) => `${b.child.firstName} ${b.serviceCode} ${b.date} ${b.state}`);

beforeEach(async () => {
  now = new Date('2026-12-01T17:30:00Z');
  app = await testApp();
  martin = await addFamily(app, 'F-0001', ['Léa', 'Tom']);
  claire = martin.guardians[0]!;
});
afterEach(() => app.dispose());

describe('a clear, small request', () => {
  it('is applied at once and the reply says exactly what changed, child by child, day by day', async () => {
    const r = await say('Léa mange à la cantine jeudi et vendredi');
    expect(r.text).toBe('✅ Léa : cantine réservée le jeudi 3 décembre et le vendredi 4 décembre');
    expect(r.buttons.flat().map((b) => b.label)).toEqual(['Défaire']);
    expect(await states()).toEqual(['Léa canteen 2026-12-03 booked', 'Léa canteen 2026-12-04 booked']);
  });

  it('answers in English when the parent writes English', async () => {
    const r = await say('Tom has lunch at school on Thursday');
    expect(r.lang).toBe('en');
    expect(r.text).toBe('✅ Tom: school lunch booked on Thursday 3 December');
    expect(r.buttons.flat().map((b) => b.label)).toEqual(['Undo']);
  });

  it('says why a day was refused: no canteen on Wednesdays, a deadline with its time', async () => {
    const wed = await say('Léa à la cantine mercredi');
    expect(wed.text).toContain('pas de cantine le mercredi');
    const late = await say('annule la cantine de Léa demain', new Date('2026-12-02T09:30:00Z'));
    expect(late.text).toMatch(/trop tard : les annulations fermaient le mercredi 2 décembre à 10:00|n’était pas réservée/);
  });

  it('can be undone from its confirmation for 15 minutes', async () => {
    const r = await say('Léa mange à la cantine jeudi');
    const undone = await press(r, 'Défaire', new Date(now.getTime() + 5 * 60_000));
    expect(undone.text).toContain('↩️ Défait :');
    expect(undone.text).toContain('cantine annulée le jeudi 3 décembre');
    expect(await states()).toEqual(['Léa canteen 2026-12-03 cancelled']);
    const r2 = await say('Léa mange à la cantine vendredi');
    const tooLate = await press(r2, 'Défaire', new Date(now.getTime() + 16 * 60_000));
    expect(tooLate.text).toContain('ne peut plus être défait');
  });
});

describe('questions', () => {
  it('asks which child when the family has several and none is named, and the button completes the request', async () => {
    const q = await say('cantine jeudi');
    expect(q.text).toMatch(/^Pour quel enfant \?/);
    expect(q.buttons[0]!.map((b) => b.label)).toEqual(['Léa', 'Tom', 'Tous']);
    const done = await press(q, 'Tom');
    expect(done.text).toBe('✅ Tom : cantine réservée le jeudi 3 décembre');
  });

  it('takes a typed answer to the question too ("2", "les deux")', async () => {
    await say('cantine jeudi');
    const done = await say('les deux');
    expect(done.text).toContain('✅ Léa : cantine réservée');
    expect(done.text).toContain('✅ Tom : cantine réservée');
  });

  it('summarises a large request and applies it only once confirmed', async () => {
    // Ten changes (5 days × 2 children) are still applied at once…
    const ten = await say('Léa et Tom mangent à la cantine tous les lundis et jeudis jusqu’aux vacances');
    expect(ten.text).toContain('✅ Léa : cantine réservée 5 jours, du jeudi 3 décembre au jeudi 17 décembre');
    // …sixteen are summarised first.
    const q = await say('Léa et Tom mangent à la cantine du 4 au 15 janvier');
    // Per child and service, with its date range (issue 9, point 7).
    expect(q.text).toBe(
      [
        'Cela fait 16 changements, à vérifier avant que je les fasse :',
        '• Léa : réserver cantine, 8 jours, du lundi 4 janvier au vendredi 15 janvier',
        '• Tom : réserver cantine, 8 jours, du lundi 4 janvier au vendredi 15 janvier',
        'Confirmer ?',
      ].join('\n'),
    );
    expect(q.buttons[0]!.map((b) => b.label)).toEqual(['Confirmer', 'Laisser tomber']);
    expect(await app.db.booking.count({ where: { date: { gte: '2027-01-01' } } })).toBe(0);
    const done = await say('oui');
    expect(done.text).toContain('✅ Tom : cantine réservée 8 jours, du lundi 4 janvier au vendredi 15 janvier');
    expect(await app.db.booking.count({ where: { date: { gte: '2027-01-01' } } })).toBe(16);
  });

  it('lets a pending question expire after 30 minutes', async () => {
    const q = await say('cantine jeudi');
    const late = await press(q, 'Tom', new Date(now.getTime() + 31 * 60_000));
    expect(late.text).toContain('expiré');
    expect(await states()).toEqual([]);
  });

  it('keeps a pending question across a restart (the state is in the database)', async () => {
    await say('cantine jeudi');
    const reopened = await app.conversations.load(claire.id);
    expect(reopened?.pending?.kind).toBe('child');
  });
});

describe('follow-ups and other intents', () => {
  it('"et pour Tom aussi" repeats the last request for Tom', async () => {
    await say('Léa mange à la cantine jeudi');
    const r = await say('et pour Tom aussi');
    expect(r.text).toBe('✅ Tom : cantine réservée le jeudi 3 décembre');
  });

  it('lists what is booked', async () => {
    await say('Léa mange à la cantine jeudi');
    const r = await say('Qu’est-ce que Léa a cette semaine ?');
    expect(r.text).toContain('Jeudi 3 décembre — Léa : cantine');
  });

  it('explains with examples on "aide" and answers anything not understood with examples', async () => {
    expect((await say('aide')).text).toContain('Écrivez comme à une personne');
    const r = await say('🦄🦄🦄');
    expect(r.text).toContain('je n’ai pas compris');
  });

  it('records an absence on the morning itself when the child is ill', async () => {
    await say('Léa mange à la cantine jeudi');
    const r = await say('Léa est malade aujourd’hui', new Date('2026-12-03T06:30:00Z'));
    expect(r.text).toContain('🤒 Léa : absence notée pour cantine le jeudi 3 décembre');
    expect(await states()).toEqual(['Léa canteen 2026-12-03 absent']);
  });
});
