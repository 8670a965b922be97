import { afterEach, describe, expect, it } from 'vitest';
import { MAX_TEXT } from '../../../src/core/conversation/converse.js';
import { chat, type Chat } from './support.js';

const now = new Date('2026-12-01T17:30:00Z');
let c: Chat;
afterEach(() => c.dispose());

describe('every reply fits what was said', () => {
  it.each([
    ['Bonjour !', /^Bonjour ! Dites-moi ce que vous souhaitez réserver ou annuler/],
    ['Merci beaucoup', /^Je vous en prie, bonne journée !$/],
    ['Bonne soirée', /^Je vous en prie/],
  ])('"%s" gets a short polite answer, not "je n’ai pas compris"', async (text, expected) => {
    c = await chat(['Léa', 'Tom'], now);
    const r = await c.say(text);
    expect(r.kind).toBe('polite');
    expect(r.text).toMatch(expected);
  });

  it('answers prices, hours, menus, rules and the CCAS’s contact from the town’s information', async () => {
    c = await chat(['Léa', 'Tom'], now);
    const price = await c.say('Combien coûte la cantine ?');
    expect(price.kind).toBe('information');
    expect(price.text).toContain('Cantine : 3,85 € le repas');
    expect(price.text).not.toContain('Garderie');
    const hours = await c.say('Quels sont les horaires de la garderie ?');
    expect(hours.text).toContain('Garderie du matin : de 7 h 30 à 8 h 20, le lundi, mardi, jeudi et vendredi');
    expect(hours.text).toContain('Garderie du soir : de 16 h 30 à 18 h 30');
    expect((await c.say('Où trouver les menus ?')).text).toContain('https://www.chatenoy-le-royal.fr/enfance/menus-restauration-scolaire');
    expect((await c.say('Je voudrais lire le règlement intérieur')).text).toContain('reglement-interieur-periscolaire.pdf');
    expect((await c.say('Quel est le numéro de téléphone du CCAS ?')).text).toContain('03 85 98 03 03');
  });

  it('says so, and how to reach the CCAS, when the answer is not in the town’s information', async () => {
    c = await chat(['Léa', 'Tom'], now);
    const r = await c.say('Est-ce que vous organisez des sorties au ski cet hiver ?');
    expect(r.kind).toBe('information');
    expect(r.text).toMatch(/^Je n’ai pas cette information\. Le CCAS de Châtenoy-le-Royal vous répondra : 03 85 98 03 03/);
  });

  it('answers in English with English typography', async () => {
    c = await chat(['Léa', 'Tom'], now, 'en');
    const r = await c.say('How much does the after-school care cost?');
    expect(r.text).toContain('After-school care: €2.30 a session');
    const q = await c.say('school lunch on Thursday');
    expect(q.text).toBe('For which child? (book school lunch on Thursday 3 December)\nAnswer Léa, Tom or both.');
    for (const text of [r.text, q.text, (await c.say('hello')).text, (await c.say('gibberish qwxz')).text]) {
      expect(text).not.toMatch(/ [?!:;]/);
      expect(text).not.toMatch(/[«»"]/);
    }
  });

  it('a service on a day it does not run is said so, never answered with another service', async () => {
    c = await chat(['Léa', 'Tom'], now);
    await c.say('Tom va au centre de loisirs mercredi');
    const r = await c.say('Tom a la garderie du matin mercredi ?');
    expect(r.kind).toBe('list');
    expect(r.text).toBe('ℹ️ Pas de garderie du matin le mercredi : ce service a lieu le lundi, mardi, jeudi et vendredi.');
  });

  it('days on which no service runs are said so, for a booking and for a list, and nothing changes', async () => {
    c = await chat(['Léa', 'Tom'], now);
    const r = await c.say('Tom mange à la cantine pendant les vacances de Noël');
    expect(r.kind).toBe('refused');
    expect(r.text).toMatch(/^ℹ️ Aucun service n’a lieu « .*vacances.* » \(vacances, week-end ou jour férié\) : rien n’a été modifié\.$/);
    const l = await c.say('Qu’est-ce que Tom a pendant les vacances de Noël ?');
    expect(l.text).toMatch(/^ℹ️ Aucun service n’a lieu « .*vacances.* »/);
    expect(await c.states()).toEqual([]);
  });

  it('a single day is written as one day', async () => {
    c = await chat(['Léa', 'Tom'], now);
    await c.say('Léa mange à la cantine jeudi');
    const r = await c.say('Qu’est-ce que Léa a jeudi ?');
    expect(r.text).toBe('Réservations de Léa (jeudi 3 décembre) :\n• Jeudi 3 décembre — Léa : cantine');
  });
});

describe('long messages', () => {
  it('reads the whole new text: a request written after 2,000 characters of context is acted on', async () => {
    c = await chat(['Léa', 'Tom'], now);
    const context = 'Nous vous remercions pour votre travail et votre patience tout au long de cette année. '.repeat(30);
    expect(context.length).toBeGreaterThan(2_000);
    const r = await c.say(`Bonjour,\n\n${context}\n\nPar ailleurs, Léa mangera à la cantine jeudi.\n\nCordialement,\nClaire`);
    expect(r.text).toBe('✅ Léa : cantine réservée le jeudi 3 décembre');
  });

  it('asks for a shorter message above its limit, and changes nothing', async () => {
    c = await chat(['Léa', 'Tom'], now);
    const r = await c.say(`Léa mange à la cantine jeudi. ${'x'.repeat(MAX_TEXT)}`);
    expect(r.kind).toBe('refused');
    expect(await c.states()).toEqual([]);
  });

  it('summarises a large plan per child and service with its date range', async () => {
    c = await chat(['Léa', 'Tom'], now);
    const r = await c.say('Léa mange à la cantine et Tom va à la garderie du soir du 4 au 15 janvier');
    expect(r.kind).toBe('confirm');
    expect(r.text).toBe(
      [
        'Cela fait 16 changements, à vérifier avant que je les fasse :',
        '• Léa : réserver cantine, 8 jours, du lundi 4 janvier au vendredi 15 janvier',
        '• Tom : réserver garderie du soir, 8 jours, du lundi 4 janvier au vendredi 15 janvier',
        'Confirmer ?',
      ].join('\n'),
    );
  });
});

describe('lists and long spans say who and which days', () => {
  let c2: Awaited<ReturnType<typeof chat>>;
  afterEach(() => c2?.dispose());
  it('a question about one child names that child, even when nothing is booked', async () => {
    c2 = await chat(['Léa', 'Tom'], now);
    const r = await c2.say('est-ce que Tom est inscrit jeudi ?');
    expect(r.kind).toBe('list');
    expect(r.text).toBe('Aucune réservation pour Tom (jeudi 3 décembre).');
  });
  it('the same weekday over weeks is written as that weekday', async () => {
    c2 = await chat(['Léa', 'Tom'], now);
    const r = await c2.say('Léa mange à la cantine tous les jeudis jusqu’au 4 février');
    expect(r.text.split('\n')[0]).toBe('✅ Léa : cantine réservée 8 jeudis, du 3 décembre au 4 février');
  });
});
