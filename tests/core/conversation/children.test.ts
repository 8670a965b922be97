import { afterEach, describe, expect, it } from 'vitest';
import { chat, type Chat } from './support.js';

const now = new Date('2026-12-01T17:30:00Z');
let c: Chat;
afterEach(() => c.dispose());

describe('children are never guessed', () => {
  it('a first name that is not the family’s books nobody, even in a one-child family: the reply says which name it knows, that nothing changed, and asks', async () => {
    c = await chat(['Léa'], now);
    const r = await c.say('Jules mange à la cantine jeudi');
    expect(r.kind).toBe('question');
    expect(r.text).toBe(
      'Je ne connais pas Jules dans votre famille : l’enfant inscrit est Léa. Rien n’a été modifié.\n\nPour quel enfant ? (réserver cantine le jeudi 3 décembre)\nRépondez Léa si la demande est bien pour Léa.',
    );
    expect(r.buttons.flat().map((b) => b.label)).toContain('Léa');
    expect(await c.states()).toEqual([]);
  });

  it.each([
    ['Inscrivez Jules à la cantine lundi', 'Maëlle', 'Jules'],
    ['Nina ira à la garderie du soir vendredi', 'Maëlle', 'Nina'],
    ['annulez la cantine de Hugo jeudi', 'Zoé', 'Hugo'],
  ])('one-child family, "%s": the unknown name is said, the only child offered, nothing booked until answered', async (text, child, written) => {
    c = await chat([child], now);
    const r = await c.say(text);
    expect(r.kind).toBe('question');
    expect(r.text).toContain(`Je ne connais pas ${written} dans votre famille : l’enfant inscrit est ${child}.`);
    expect(r.buttons.flat().map((b) => b.label)).toContain(child);
    expect(await c.states()).toEqual([]);
  });

  it('one-child family in English: asks, and the answer with the child’s name books', async () => {
    c = await chat(['Maëlle'], now, 'en');
    const r = await c.say('Please book Jules for lunch on Thursday');
    expect(r.text).toContain('I do not know Jules in your family: the child registered is Maëlle. Nothing was changed.');
    expect(r.text).toContain('Answer Maëlle if the request is for Maëlle.');
    expect(await c.states()).toEqual([]);
    await c.say('maelle', new Date(now.getTime() + 60_000));
    expect(await c.states()).toEqual(['Maëlle canteen 2026-12-03 booked']);
  });

  it('in a family of two, the unknown name is said with both children’s names, which child is asked, and nothing changes', async () => {
    c = await chat(['Léa', 'Tom'], now);
    const r = await c.say('pouvez-vous inscrire Jules à la cantine jeudi ?');
    expect(r.kind).toBe('question');
    expect(r.text).toContain('Je ne connais pas Jules dans votre famille : vos enfants inscrits sont Léa et Tom.');
    expect(r.buttons.flat().map((b) => b.label)).toEqual(expect.arrayContaining(['Léa', 'Tom']));
    expect(await c.states()).toEqual([]);
  });

  it('a name that is also a word names nobody where it reads as the word ("une tarte à la prune")', async () => {
    c = await chat(['Prune', 'Hugo'], now);
    await c.say('Prune et Hugo mangent à la cantine jeudi');
    const r = await c.say('Hugo ne mangera pas à la cantine jeudi, il y a une tarte à la prune et il est allergique');
    expect(r.text).toBe('✅ Hugo : cantine annulée le jeudi 3 décembre');
    expect(await c.states()).toEqual(['Prune canteen 2026-12-03 booked', 'Hugo canteen 2026-12-03 cancelled']);
  });

  it('the question which child names the choices in words too (read by email)', async () => {
    c = await chat(['Léa', 'Tom'], now);
    const r = await c.say('cantine jeudi');
    expect(r.text).toBe('Pour quel enfant ? (réserver cantine le jeudi 3 décembre)\nRépondez Léa, Tom ou les deux.');
  });

  it('asking what an unknown child has booked shows no other child’s bookings', async () => {
    c = await chat(['Léa', 'Tom'], now);
    await c.say('Léa mange à la cantine jeudi');
    const r = await c.say('Qu’est-ce que Jules a jeudi ?');
    expect(r.text).toContain('Je ne connais pas Jules dans votre famille');
    expect(r.text).not.toContain('Léa : cantine');
  });

  it('"un de mes enfants" asks which child, never books them all', async () => {
    c = await chat(['Léa', 'Tom'], now);
    const r = await c.say('un de mes enfants mange à la cantine jeudi');
    expect(r.text).toMatch(/^Pour quel enfant \?/);
    expect(await c.states()).toEqual([]);
  });

  it('"my son" with two children asks which child', async () => {
    c = await chat(['Léa', 'Tom'], now, 'en');
    const r = await c.say('my son has lunch at school on Thursday');
    expect(r.text).toMatch(/^For which child\?/);
    expect(await c.states()).toEqual([]);
  });
});
