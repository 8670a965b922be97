/**
 * The browser harness itself: Debian's headless Chromium, driven by
 * playwright-core, fills and submits a French form served on loopback, finds
 * the button by its accessible name, takes a screenshot, and honours
 * `@media print`.
 */
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_MISSING, emulatePrint, launchBrowser, printToPdf, requireChromium, screenshot } from './browser.js';

const chromiumBin = requireChromium();

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function pageHtml(title: string, main: string): string {
  return `<!doctype html>
<html lang="fr">
<head>
  <meta charset="utf-8">
  <title>${title}</title>
  <style>
    body { font-family: sans-serif; margin: 2rem; }
    nav { background: #1d4e89; color: white; padding: 0.5rem 1rem; }
    nav a { color: white; margin-right: 1rem; }
    @media print { nav { display: none; } }
  </style>
</head>
<body>
  <nav aria-label="Menu principal"><a href="/">Accueil</a><a href="/">Séances</a><a href="/">Familles</a></nav>
  <main>${main}</main>
</body>
</html>`;
}

const FORM = pageHtml('Inscription — Portail Famille', `
  <h1>Inscription à l'atelier du mercredi</h1>
  <form method="post" action="/inscription">
    <label for="prenom">Prénom de l'enfant</label>
    <input id="prenom" name="prenom" required>
    <button type="submit">Envoyer l'inscription</button>
  </form>`);

async function startApp(): Promise<{ app: FastifyInstance; url: string }> {
  const app = Fastify({ logger: false });
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(String(body))));
  });
  app.get('/', async (_req, reply) => reply.type('text/html; charset=utf-8').send(FORM));
  app.post('/inscription', async (req, reply) => {
    const prenom = (req.body as Record<string, string | undefined>).prenom ?? '';
    return reply.type('text/html; charset=utf-8').send(pageHtml('Inscription reçue',
      `<h1>Inscription reçue</h1><p id="echo">Merci, l'inscription de ${escapeHtml(prenom)} est enregistrée.</p>`));
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as AddressInfo;
  return { app, url: `http://127.0.0.1:${port}` };
}

describe.skipIf(!chromiumBin)(chromiumBin ? 'headless Chromium harness' : `headless Chromium harness (skipped: ${CHROMIUM_MISSING})`, () => {
  let app: FastifyInstance | undefined;
  let url = '';
  let browser: Browser | undefined;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    ({ app, url } = await startApp());
    browser = await launchBrowser();
    context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1000, height: 700 } });
    page = await context.newPage();
    page.setDefaultTimeout(5_000);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('fills and submits a form, finding the button by its accessible name', async () => {
    await page.goto(`${url}/`);
    expect(await page.getAttribute('html', 'lang')).toBe('fr');
    await page.getByLabel("Prénom de l'enfant").fill('Élodie');
    const button = page.getByRole('button', { name: "Envoyer l'inscription", exact: true });
    expect(await button.count()).toBe(1);
    await Promise.all([page.waitForURL(`${url}/inscription`), button.click()]);
    expect(await page.locator('#echo').textContent()).toBe("Merci, l'inscription de Élodie est enregistrée.");
    expect(await page.title()).toBe('Inscription reçue');
  });

  it('takes a full-page screenshot into the screenshot folder', async () => {
    await page.goto(`${url}/`);
    await page.getByLabel("Prénom de l'enfant").fill('Noé');
    const file = await screenshot(page, 'harness-form');
    expect(file.endsWith('test-output/screenshots/harness-form.png')).toBe(true);
    const png = fs.readFileSync(file);
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(png.length).toBeGreaterThan(1024);
  });

  it('hides the navigation under print media', async () => {
    await page.goto(`${url}/`);
    const nav = page.getByRole('navigation', { name: 'Menu principal' });
    expect(await nav.isVisible()).toBe(true);
    await emulatePrint(page);
    expect(await nav.isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: "Envoyer l'inscription" }).isVisible()).toBe(true);
    await screenshot(page, 'harness-form-print');

    const pdf = fs.readFileSync(await printToPdf(page, 'harness-form.pdf'));
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');

    await page.emulateMedia({ media: 'screen' });
    expect(await nav.isVisible()).toBe(true);
  });
});
