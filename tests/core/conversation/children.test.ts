import { afterEach, describe, expect, it } from 'vitest';
import { chat, type Chat } from './support.js';

const now = new Date('2026-12-01T17:30:00Z');
let c: Chat;
afterEach(() => c.dispose());

describe('children are never guessed', () => {
  it('a first name that is not the family’s books nobody, even in a one-child family: the reply says which names it knows', async () => {
    c = await chat(['Léa'], now);
    const r = await c.say('Jules mange à la cantine jeudi');
    expect(r.kind).toBe('question');
    expect(r.text).toContain('Je ne connais pas Jules dans votre famille : l’enfant inscrit est Léa.');
    expect(await c.states()).toEqual([]);
  });

  it('in a family of two, the unknown name is said and the question lists both children', async () => {
    c = await chat(['Léa', 'Tom'], now);
    const r = await c.say('pouvez-vous inscrire Jules à la cantine jeudi ?');
    expect(r.text).toContain('Je ne connais pas Jules dans votre famille : vos enfants inscrits sont Léa et Tom.');
    expect(r.buttons[0]!.map((b) => b.label)).toEqual(['Léa', 'Tom', 'Tous']);
    expect(await c.states()).toEqual([]);
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
