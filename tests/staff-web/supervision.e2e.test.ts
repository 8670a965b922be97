/**
 * The day page's supervision section in headless Chromium, on a phone
 * (390 px) and a desktop (1280 px): nothing scrolls sideways, an agent
 * enters the adults planned with the labelled field, the warning shows
 * while fewer are planned than needed, and the printout keeps the numbers
 * and the warning but not the form. Screenshots: test-output/screenshots/phone-supervision*.png.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bookChildren } from '../../src/core/bookings/bookChildren.js';
import { GuardianId } from '../../src/core/ids.js';
import { isoDate } from '../../src/core/time.js';
import path from 'node:path';
import { CHROMIUM_MISSING, emulatePrint, launchBrowser, requireChromium, screenshot, screenshotDir } from '../support/browser.js';
import { addFamily } from '../support/app.js';
import { newPage, signIn, startLiveWeb, submit, type LiveWeb } from './browserSupport.js';

const chromiumBin = requireChromium();
const title = 'supervision on the day page, on a phone and a desktop';
const THU = isoDate('2026-12-03');
const WED = isoDate('2026-12-09');
const AGENT_ONLY = 'animation@mairie.fr';

describe.skipIf(!chromiumBin)(chromiumBin ? title : `${title} (skipped: ${CHROMIUM_MISSING})`, () => {
  let live: LiveWeb;
  let browser: Browser | undefined;

  beforeAll(async () => {
    live = await startLiveWeb();
    const { app } = live.h;
    await live.h.addStaff(AGENT_ONLY, { role: 'agent' });
    const ids: number[] = [];
    for (let i = 0; i < 6; i++) ids.push(...(await addFamily(app, `F-06${String(i).padStart(2, '0')}`, ['Léa', 'Tom', 'Anne-Charlotte-Éléonore'])).children.map((c) => c.id));
    await app.db.child.updateMany({ where: { id: { in: ids.slice(0, 7) } }, data: { birthDate: '2021-09-30' } });
    const book = (codes: string[], dates: string[]) =>
      bookChildren({ store: app.store, town: app.town }, { actor: { type: 'guardian', id: GuardianId(1) }, channel: 'telegram', now: new Date('2026-11-27T08:00:00Z'), childIds: ids as never[], serviceCodes: codes, dates: dates.map(isoDate) });
    await book(['canteen', 'morning', 'evening'], [THU]);
    await book(['wednesday'], [WED]);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await live?.close();
  });

  const signedIn = async (width: number): Promise<Page> => {
    const context = await browser!.newContext({ locale: 'fr-FR', timezoneId: 'Europe/Paris', viewport: { width, height: 844 } });
    const page = await newPage(context);
    expect((await signIn(page, live.url, AGENT_ONLY)).status()).toBe(303);
    return page;
  };
  const overflow = (page: Page) => page.evaluate<{ scroll: number; width: number }>('({ scroll: document.documentElement.scrollWidth, width: window.innerWidth })');

  it.each([390, 1280])('at %i px the section fits, and an agent enters the adults planned', async (width) => {
    const page = await signedIn(width);
    for (const day of [THU, WED]) {
      const res = await page.goto(`${live.url}/jour/${day}`);
      expect(res?.status()).toBe(200);
      expect(await page.getByRole('heading', { name: 'Encadrement' }).isVisible()).toBe(true);
      const o = await overflow(page);
      expect(o.scroll, `/jour/${day}`).toBeLessThanOrEqual(o.width);
    }
    // The Wednesday club: 7 under six and 11 older at 1/8 and 1/12 → 7/8 + 11/12 = 1.79 → 2.
    expect(await page.getByText('7 ÷ 8 + 11 ÷ 12 = 1,79 → 2', { exact: false }).isVisible()).toBe(true);

    await page.goto(`${live.url}/jour/${THU}`);
    const field = page.getByLabel('Adultes prévus — Garderie du soir');
    await field.fill('1');
    const res = await submit(page, '/encadrement', () => page.getByRole('button', { name: 'Enregistrer : adultes prévus, Garderie du soir' }).click());
    expect(res.status()).toBe(303);
    expect(page.url()).toBe(`${live.url}/jour/${THU}#encadrement`);
    expect(await page.getByText('Encadrement enregistré : Garderie du soir').isVisible()).toBe(true);
    // 7 under six and 11 older at 1/10 and 1/14: 0.7 + 0.79 → 2 needed, 1 planned.
    const warning = page.getByText('Garderie du soir : il manque 1 adulte');
    expect(await warning.isVisible()).toBe(true);
    expect(await page.getByLabel('Adultes prévus — Garderie du soir').inputValue()).toBe('1');
    const o = await overflow(page);
    expect(o.scroll).toBeLessThanOrEqual(o.width);
    if (width === 390) {
      // Read as a labelled card on the phone.
      expect(await page.locator('td[data-label="Adultes prévus"]').first().isVisible()).toBe(true);
      await screenshot(page, 'phone-supervision');
      await page.locator('section[aria-labelledby="encadrement"]').screenshot({ path: path.join(screenshotDir(), 'phone-supervision-section.png') });
    }

    // A value out of range: the browser's own check, then the server's answer when forced.
    await page.getByLabel('Adultes prévus — Garderie du soir').evaluate((el) => el.removeAttribute('pattern'));
    await page.getByLabel('Adultes prévus — Garderie du soir').fill('999');
    await submit(page, '/encadrement', () => page.getByRole('button', { name: 'Enregistrer : adultes prévus, Garderie du soir' }).click());
    expect(await page.getByText('Rien n’a été enregistré : nombre d’adultes prévus « 999 » invalide. Indiquez un nombre entier de 0 à 200.').isVisible()).toBe(true);

    // Printed: the numbers and the warning stay, the forms go.
    await emulatePrint(page);
    expect(await warning.isVisible()).toBe(true);
    expect(await page.locator('td[data-label="Adultes prévus"]').filter({ hasText: '1 (il en manque 1)' }).isVisible()).toBe(true);
    expect(await page.getByLabel('Adultes prévus — Garderie du soir').isVisible()).toBe(false);
    if (width === 390) await screenshot(page, 'print-supervision');
    await page.context().close();
    // Put it back for the other width.
    await live.h.app.db.staffPlan.deleteMany();
  });
});
