/**
 * Headless Chromium for the staff dashboard's browser tests, driven by
 * playwright-core against Debian's `chromium` package (never a browser that
 * Playwright downloads: `npx playwright install` fails on these machines).
 *
 * Tests that use it: `const chromiumBin = requireChromium()` at the top of the
 * file, then `describe.skipIf(!chromiumBin)(…)`: a developer without the Debian
 * package gets the file skipped with CHROMIUM_MISSING as the reason; with
 * CI=true the file fails instead (.ci/run installs chromium).
 *
 * `launchBrowser()` starts it headless with the flags this closed network
 * needs; `screenshot(page, name)` saves `test-output/screenshots/<name>.png`
 * under the repository root (the folder is printed once per test file, so a
 * reviewer can find the pictures); `emulatePrint(page)` / `printToPdf(page, file)`
 * check what a printed page looks like.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type LaunchOptions, type Page } from 'playwright-core';
import { requireTool } from './requireTool.js';

export const CHROMIUM_MISSING = 'chromium is not installed: apt-get install chromium';

const DEBIAN_CHROMIUM = '/usr/bin/chromium';

/** The repository root (this file is tests/support/browser.ts). */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * Flags for every launch. The background-networking ones matter here: without
 * them Chromium keeps opening connections to Google's hosts that this
 * machine's closed network refuses (many at a time, at every start).
 */
export const CHROMIUM_ARGS: readonly string[] = [
  '--headless',
  '--no-sandbox', // tests run as root in CI, where the sandbox refuses to start
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/** Path of the chromium binary (Debian's /usr/bin/chromium, else `command -v chromium`), or null. */
export function chromiumPath(): string | null {
  if (isExecutable(DEBIAN_CHROMIUM)) return DEBIAN_CHROMIUM;
  try {
    const found = execFileSync('sh', ['-c', 'command -v chromium'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    return found && isExecutable(found) ? found : null;
  } catch {
    return null; // `command -v` exits 1 when there is none
  }
}

/**
 * For test files: the chromium binary, or null (skip, with CHROMIUM_MISSING as the reason) when it
 * is missing on a developer's machine. With CI=true a missing chromium is an error, not a skip.
 */
export function requireChromium(): string | null {
  return requireTool(chromiumPath(), { package: 'chromium', tests: 'staff dashboard browser tests', missing: CHROMIUM_MISSING });
}

/**
 * Starts headless Debian Chromium. Playwright gives every launch a fresh, empty
 * user-data-dir of its own in the temp folder and removes it on `close()`, so
 * no profile is shared between tests or runs. `extra` may add args or options
 * (e.g. `slowMo`); CHROMIUM_ARGS are always kept. Close the browser in afterAll.
 */
export async function launchBrowser(extra: LaunchOptions = {}): Promise<Browser> {
  const executablePath = chromiumPath();
  if (!executablePath) throw new Error(CHROMIUM_MISSING);
  return chromium.launch({
    timeout: 15_000,
    ...extra,
    executablePath,
    headless: true,
    args: [...CHROMIUM_ARGS, ...(extra.args ?? [])],
  });
}

let announced = false;

/** `<repo>/test-output/screenshots`, created; its path is printed once per test file. */
export function screenshotDir(): string {
  const dir = path.join(REPO_ROOT, 'test-output', 'screenshots');
  fs.mkdirSync(dir, { recursive: true });
  if (!announced) {
    announced = true;
    console.log(`browser screenshots: ${dir}`);
  }
  return dir;
}

function safeName(name: string): string {
  const cleaned = name.replace(/\.png$/i, '').replace(/[^\p{L}\p{N}._-]+/gu, '-').replace(/^-+|-+$/g, '');
  if (!cleaned) throw new Error(`unusable screenshot name: ${JSON.stringify(name)}`);
  return cleaned;
}

/** Saves a full-page PNG as `<screenshotDir()>/<name>.png` and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  const file = path.join(screenshotDir(), `${safeName(name)}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** Renders the page with `@media print` rules in force (what a printout or a PDF shows). */
export async function emulatePrint(page: Page): Promise<void> {
  await page.emulateMedia({ media: 'print' });
}

/**
 * Prints the page to an A4 PDF with print media in force and returns the file's path.
 * A relative `file` is taken under `<repo>/test-output/`.
 */
export async function printToPdf(page: Page, file: string): Promise<string> {
  const target = path.isAbsolute(file) ? file : path.join(REPO_ROOT, 'test-output', file);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  await emulatePrint(page);
  await page.pdf({ path: target, format: 'A4', printBackground: true });
  return target;
}
