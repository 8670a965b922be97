/**
 * The staff web served for real on loopback (127.0.0.1, a free port) for the
 * browser tests: the test harness of ./support.ts (a real SQLite test app,
 * the clock pinned to Tuesday 1 December 2026 09:00 in Paris, one staff
 * account), plus what a Playwright page needs to sign in and read the DB.
 */
import type { AddressInfo } from 'node:net';
import type { BrowserContext, Page, Response } from 'playwright-core';
import { harness, PASSWORD, type Harness } from './support.js';

export const AGENT = 'agent@mairie.fr';
export { PASSWORD };

/** Every wait of these tests is bounded by one of these. */
export const WAIT = { action: 5_000, navigation: 10_000 } as const;

export interface LiveWeb {
  h: Harness;
  /** `http://127.0.0.1:<port>` */
  url: string;
  close(): Promise<void>;
}

/** The harness (staff account included) listening on 127.0.0.1, port chosen by the system. */
export async function startLiveWeb(opts: { botUsername?: string } = {}): Promise<LiveWeb> {
  const h = await harness(opts);
  await h.addStaff(AGENT);
  await h.web.listen({ host: '127.0.0.1', port: 0 });
  const { port } = h.web.server.address() as AddressInfo;
  return { h, url: `http://127.0.0.1:${port}`, close: () => h.dispose() };
}

/** A page in `context` with bounded default waits. */
export async function newPage(context: BrowserContext): Promise<Page> {
  context.setDefaultTimeout(WAIT.action);
  context.setDefaultNavigationTimeout(WAIT.navigation);
  const page = await context.newPage();
  page.setDefaultTimeout(WAIT.action);
  page.setDefaultNavigationTimeout(WAIT.navigation);
  return page;
}

/**
 * Runs `act` (a click, a key press) and returns the response of the POST it
 * sends to a path ending in `pathEnd` (before any redirect), once the page
 * that follows (after any redirect) has loaded.
 */
export async function submit(page: Page, pathEnd: string | RegExp, act: () => Promise<unknown>): Promise<Response> {
  const matches = (u: string) => {
    const path = new URL(u).pathname;
    return typeof pathEnd === 'string' ? path.endsWith(pathEnd) : pathEnd.test(path);
  };
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && matches(r.url()), { timeout: WAIT.navigation }),
    // Resolves once the main frame has committed the new document (the redirect's target, if any) and loaded it.
    page.waitForNavigation({ waitUntil: 'load', timeout: WAIT.navigation }),
    act(),
  ]);
  return response;
}

/** Signs in through the form: fills the labelled fields, clicks « Se connecter »; returns the POST response. */
export async function signIn(page: Page, url: string, email = AGENT, password = PASSWORD): Promise<Response> {
  await page.goto(`${url}/connexion`);
  await page.getByLabel('Adresse email').fill(email);
  await page.getByLabel('Mot de passe').fill(password);
  return submit(page, '/connexion', () => page.getByRole('button', { name: 'Se connecter' }).click());
}

/** Row counts of the tables a family import or a dry run could write to. */
export async function rowCounts(h: Harness) {
  const db = h.app.db;
  return {
    families: await db.family.count(),
    guardians: await db.guardian.count(),
    children: await db.child.count(),
    bookings: await db.booking.count(),
    audit: await db.auditEvent.count(),
    events: await db.domainEvent.count(),
    outbox: await db.outbox.count(),
    codes: await db.activationCode.count(),
    closures: await db.closure.count(),
  };
}

/** Everything a conversation could change, for "nothing was written" checks. */
export async function dbSnapshot(h: Harness): Promise<string> {
  const db = h.app.db;
  return JSON.stringify({
    counts: await rowCounts(h),
    bookings: await db.booking.findMany({ orderBy: { id: 'asc' } }),
    dayCounts: await db.dayCount.findMany({ orderBy: [{ serviceCode: 'asc' }, { date: 'asc' }] }),
    conversations: await db.conversation.findMany(),
    guardians: await db.guardian.findMany({ orderBy: { id: 'asc' } }),
  });
}
