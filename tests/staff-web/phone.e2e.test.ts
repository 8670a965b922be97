/**
 * Every page of the dashboard on a desktop (1280 px) and on a phone
 * (390 px) in headless Chromium: nothing scrolls sideways, tables turn into
 * cards, the menu folds behind one button. Screenshots of the roll call and
 * of a closed day on the phone go to test-output/screenshots/.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bookChildren } from '../../src/core/bookings/bookChildren.js';
import { GuardianId } from '../../src/core/ids.js';
import { isoDate } from '../../src/core/time.js';
import { CHROMIUM_MISSING, launchBrowser, requireChromium, screenshot } from '../support/browser.js';
import { addFamily } from '../support/app.js';
import { newPage, signIn, startLiveWeb, submit, type LiveWeb } from './browserSupport.js';

const chromiumBin = requireChromium();
const title = 'the dashboard on a desktop and on a phone';

describe.skipIf(!chromiumBin)(chromiumBin ? title : `${title} (skipped: ${CHROMIUM_MISSING})`, () => {
  let live: LiveWeb;
  let browser: Browser | undefined;
  const pages: string[] = [];

  beforeAll(async () => {
    live = await startLiveWeb({ botUsername: 'ChatenoyBot' });
    const { app } = live.h;
    const ids: number[] = [];
    for (let i = 1; i <= 6; i++) {
      const f = await addFamily(app, `F-${String(i).padStart(4, '0')}`, i % 2 ? ['Léa', 'Tom'] : ['Anne-Charlotte-Éléonore']);
      ids.push(...f.children.map((c) => c.id));
    }
    await app.db.child.updateMany({ where: { id: ids[0] }, data: { pai: true, paiAllergens: 'arachide, fruits à coque, œuf', paiProtocol: 'trousse PAI dans le bureau du directeur ; appeler le 15 puis la famille' } });
    await bookChildren(
      { store: app.store, town: app.town },
      { actor: { type: 'guardian', id: GuardianId(1) }, channel: 'telegram', now: new Date('2026-11-27T08:00:00Z'), childIds: ids as never[], serviceCodes: ['canteen', 'evening', 'morning'], dates: ['2026-12-03', '2026-12-04', '2026-12-07'].map(isoDate) },
    );
    const family = await app.families.byReference('F-0001');
    pages.push(
      '/',
      '/effectifs?mois=2026-12',
      '/jour/2026-12-03',
      '/appel/canteen/2026-12-03',
      '/familles',
      `/familles/${family!.id}`,
      `/familles/${family!.id}/modifier`,
      '/familles/nouvelle',
      '/familles/import',
      '/attente?date=2026-12-03',
      '/calendrier',
      '/activite',
      '/essai',
      '/mot-de-passe',
      '/messages',
      '/agents',
      '/ecoles',
    );
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await live?.close();
  });

  const signedIn = async (width: number): Promise<Page> => {
    const context = await browser!.newContext({ locale: 'fr-FR', timezoneId: 'Europe/Paris', viewport: { width, height: 844 } });
    const page = await newPage(context);
    const res = await signIn(page, live.url);
    expect(res.status()).toBe(303);
    return page;
  };
  const overflow = (page: Page) => page.evaluate<{ scroll: number; width: number }>('({ scroll: document.documentElement.scrollWidth, width: window.innerWidth })');

  it.each([1280, 390])('no page scrolls sideways at %i px', async (width) => {
    const page = await signedIn(width);
    const wide: string[] = [];
    for (const p of pages) {
      const res = await page.goto(`${live.url}${p}`);
      expect(res?.status(), p).toBe(200);
      const o = await overflow(page);
      if (o.scroll > o.width) wide.push(`${p}: ${o.scroll} > ${o.width}`);
      // A caption squeezed to a letter a line is unreadable though it does not scroll.
      const squeezed = await page.evaluate<string[]>(
        "[...document.querySelectorAll('caption')].filter((c) => c.getClientRects().length > 0 && c.textContent.trim().length > 3 && c.getBoundingClientRect().width < 48 && c.getBoundingClientRect().height > 60).map((c) => c.textContent.trim())",
      );
      for (const c of squeezed) wide.push(`${p}: caption « ${c} » squeezed`);
    }
    expect(wide).toEqual([]);
    await page.context().close();
  });

  it('on a phone the menu folds behind one button, and tables read as labelled cards', async () => {
    const page = await signedIn(390);
    const nav = page.getByRole('navigation', { name: 'Navigation principale' });
    expect(await nav.isVisible()).toBe(false);
    const menu = page.getByRole('button', { name: 'Menu' });
    await menu.click();
    expect(await menu.getAttribute('aria-expanded')).toBe('true');
    expect(await nav.getByRole('link', { name: 'Familles' }).isVisible()).toBe(true);

    await page.goto(`${live.url}/appel/canteen/2026-12-03`);
    const cell = page.locator('td[data-label="Téléphone"]').first();
    expect(await cell.isVisible()).toBe(true);
    expect(await page.getByText('arachide, fruits à coque, œuf').first().isVisible()).toBe(true);
    await screenshot(page, 'phone-roll-call');

    await page.goto(`${live.url}/calendrier`);
    await page.getByLabel('Jour').fill('2026-12-04');
    await page.getByLabel('Motif (dit aux familles)').fill('grève des agents de restauration');
    page.once('dialog', (d) => void d.accept());
    const res = await submit(page, '/calendrier/fermetures', () => page.getByRole('button', { name: 'Fermer ce jour' }).click());
    expect(res.status()).toBe(303);
    expect(page.url()).toBe(`${live.url}/jour/2026-12-04`);
    expect(await page.getByText('famille(s) prévenue(s) par Telegram ou par email').isVisible()).toBe(true);
    expect(await page.getByText('motif : grève des agents de restauration').isVisible()).toBe(true);
    const o = await overflow(page);
    expect(o.scroll).toBeLessThanOrEqual(o.width);
    await screenshot(page, 'phone-closure');
    await page.context().close();
  });
});
