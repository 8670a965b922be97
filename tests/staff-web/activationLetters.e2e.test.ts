/**
 * Batch activation letters in headless Chromium: the document reads on a
 * 390 px phone without scrolling sideways, and prints one letter per page.
 */
import fs from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_MISSING, launchBrowser, printToPdf, requireChromium, screenshot } from '../support/browser.js';
import { addFamily } from '../support/app.js';
import { newPage, signIn, startLiveWeb, submit, type LiveWeb } from './browserSupport.js';

const chromiumBin = requireChromium();
const title = 'batch activation letters in a browser';

describe.skipIf(!chromiumBin)(chromiumBin ? title : `${title} (skipped: ${CHROMIUM_MISSING})`, () => {
  let live: LiveWeb;
  let browser: Browser | undefined;

  beforeAll(async () => {
    live = await startLiveWeb({ botUsername: 'Chatenoy_le_Royal_Portail_Famille_bot' });
    for (let i = 1; i <= 3; i++) await addFamily(live.h.app, `F-000${i}`, i === 2 ? ['Anne-Charlotte-Éléonore', 'Tom'] : ['Léa']);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await live?.close();
  });

  it('reads on a phone at 390 px and prints one letter per page', async () => {
    const context = await browser!.newContext({ locale: 'fr-FR', timezoneId: 'Europe/Paris', viewport: { width: 390, height: 844 } });
    const page = await newPage(context);
    expect((await signIn(page, live.url)).status()).toBe(303);
    await page.goto(`${live.url}/familles/lettres`);
    const overflow = () => page.evaluate<{ scroll: number; width: number }>('({ scroll: document.documentElement.scrollWidth, width: window.innerWidth })');
    let o = await overflow();
    expect(o.scroll).toBeLessThanOrEqual(o.width);
    const res = await submit(page, '/familles/lettres', () => page.getByRole('button', { name: 'Émettre les codes et préparer les lettres' }).click());
    expect(res.status()).toBe(200);
    expect(await page.locator('article.letter').count()).toBe(3);
    expect(await page.locator('article.letter .qr svg').first().isVisible()).toBe(true);
    o = await overflow();
    expect(o.scroll).toBeLessThanOrEqual(o.width);
    await screenshot(page, 'phone-activation-letters');
    const pdf = fs.readFileSync(await printToPdf(page, 'staff-web/lettres-activation.pdf')).toString('latin1');
    expect(pdf.match(/\/Type\s*\/Page(?!s)/g)).toHaveLength(3);
    await context.close();
  });
});
