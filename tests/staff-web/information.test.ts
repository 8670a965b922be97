import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { harness, type Browser, type Harness } from './support.js';

let h: Harness;
let agent: Browser;

beforeEach(async () => {
  h = await harness();
  await h.addStaff('agent@mairie.fr');
  agent = h.browser();
  await agent.signIn('agent@mairie.fr');
});
afterEach(() => h.dispose());

describe('the information page', () => {
  it('shows what the assistant tells families: prices, hours, the CCAS, the links', async () => {
    const page = await agent.get('/informations');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<th scope="row">Restauration scolaire</th><td>3,85 € le repas</td><td>de 11 h 30 à 13 h 20, le lundi, mardi, jeudi et vendredi</td>');
    expect(page.body).toContain('03 85 98 03 03');
    expect(page.body).toContain('<a href="https://www.chatenoy-le-royal.fr/enfance/menus-restauration-scolaire">');
  });

  it('is for signed-in staff only', async () => {
    const res = await h.browser().get('/informations');
    expect(res.statusCode).toBe(302);
  });
});
