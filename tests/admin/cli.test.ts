/**
 * The admin commands of DESIGN.md ("contract — commands"), run as a staff
 * member runs them: `npm run --silent admin -- …` in a child process, on a
 * SQLite file of its own. Each spawn costs about two seconds, so the file
 * keeps to fifteen of them and prepares databases in-process instead.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { verify } from '@node-rs/argon2';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../../src/app.js';
import { loadTownConfig } from '../../src/config/town.js';
import { bookChildren } from '../../src/core/bookings/bookChildren.js';
import { cancelBookings } from '../../src/core/bookings/cancelBookings.js';
import { reportAbsence } from '../../src/core/bookings/reportAbsence.js';
import { importFamilies } from '../../src/core/families/importFamilies.js';
import { parseFamiliesCsv } from '../../src/core/families/parseFamiliesCsv.js';
import type { TownConfig } from '../../src/core/config.js';
import type { IsoDate } from '../../src/core/time.js';
import { tempDir } from '../support/app.js';
import { hashCode } from '../../src/core/activation/activationCodes.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const FIXTURES = path.join(ROOT, 'tests/fixtures/csv');
const SPAWN_TIMEOUT = 60_000;
const NOW = new Date('2026-11-28T10:00:00Z');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
  /** stdout split into lines, without the final empty one. */
  lines: string[];
}

/** Runs `npm run --silent admin -- ...args` from the repository root on the database file `db`. */
function admin(db: string, args: string[], env: Record<string, string> = {}): Promise<Run> {
  const childEnv: NodeJS.ProcessEnv = { ...process.env };
  // Nothing from the developer's own configuration may leak into the command.
  for (const name of ['TELEGRAM_BOT_TOKEN', 'TELEGRAM_BOT_USERNAME', 'TELEGRAM_API_ROOT', 'TELEGRAM_WEBHOOK_URL', 'SMTP_URL', 'IMAP_URL', 'TOWN_CONFIG', 'APP_SECRET']) {
    delete childEnv[name];
  }
  Object.assign(childEnv, { DATABASE_URL: `file:${db}` }, env);
  return new Promise((resolve, reject) => {
    execFile('npm', ['run', '--silent', 'admin', '--', ...args], { cwd: ROOT, env: childEnv, timeout: SPAWN_TIMEOUT - 5_000 }, (error, stdout, stderr) => {
      const code = error ? error.code : 0;
      if (typeof code !== 'number') {
        reject(error);
        return;
      }
      resolve({ code, stdout, stderr, lines: stdout.split('\n').filter((l, i, all) => l !== '' || i < all.length - 1) });
    });
  });
}

/** Builds the app in-process on `db` (migrating it), runs `fn`, closes. */
async function withApp<T>(db: string, fn: (app: App) => Promise<T>, town: TownConfig = loadTownConfig()): Promise<T> {
  const app = await buildApp({ databaseUrl: `file:${db}`, town });
  try {
    return await fn(app);
  } finally {
    await app.close();
  }
}

async function importFixture(app: App, name: string): Promise<void> {
  const parsed = parseFamiliesCsv(fs.readFileSync(path.join(FIXTURES, name), 'utf8'), '2026-11-28' as IsoDate);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  await importFamilies({ families: app.families }, { families: parsed.families, actor: { type: 'system' }, channel: 'admin', now: NOW });
}

/** Reads the file with plain SQLite, outside Prisma. */
function query<T>(db: string, sql: string): T[] {
  const raw = new Database(db, { readonly: true });
  try {
    return raw.prepare(sql).all() as T[];
  } finally {
    raw.close();
  }
}

const rowCounts = (db: string) =>
  query<{ families: number; guardians: number; children: number }>(
    db,
    'SELECT (SELECT COUNT(*) FROM Family) AS families, (SELECT COUNT(*) FROM Guardian) AS guardians, (SELECT COUNT(*) FROM Child) AS children',
  )[0];

let dir: string;
let dbCount = 0;
/** A path for a database file that does not exist yet. */
const freshDb = () => path.join(dir, `db-${++dbCount}`, 'x.db');

beforeAll(() => {
  dir = tempDir('portail-cli-');
});

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('admin import-families', () => {
  it('imports a good file into a fresh database and prints a summary', { timeout: 60_000 }, async () => {
    const db = freshDb();

    const run = await admin(db, ['import-families', path.join(FIXTURES, 'families-two-guardians.csv')]);

    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.lines).toHaveLength(1);
    expect(run.lines[0]).toMatch(/familles créées 2, mises à jour 0, inchangées 0/);
    expect(run.lines[0]).toMatch(/responsables créés 3/);
    expect(run.lines[0]).toMatch(/enfants créés 3/);
    expect(rowCounts(db)).toEqual({ families: 2, guardians: 3, children: 3 });
  });

  it('imports nothing from a file with errors, and prints each error with its line number', { timeout: 60_000 }, async () => {
    const db = freshDb();

    const run = await admin(db, ['import-families', path.join(FIXTURES, 'families-errors.csv')]);

    expect(run.code).toBe(1);
    const errorLines = run.lines.filter((l) => /^ligne \d+\b/.test(l));
    expect(errorLines.map((l) => Number(/^ligne (\d+)/.exec(l)![1]))).toEqual([2, 3, 4, 4, 4]);
    expect(run.lines.filter((l) => !errorLines.includes(l))).toEqual([expect.stringMatching(/^Aucune famille importée : 5 erreurs/)]);
    expect(rowCounts(db)).toEqual({ families: 0, guardians: 0, children: 0 });

    const bookings = await admin(db, ['bookings', 'F-0002']);
    expect(bookings).toMatchObject({ code: 1, stdout: '' });
    expect(bookings.stderr).toContain('Famille inconnue : F-0002');
  });

  it('changes nothing when the same file is imported again', { timeout: 60_000 }, async () => {
    const db = freshDb();
    await withApp(db, (app) => importFixture(app, 'families-two-guardians.csv'));
    const before = query(db, 'SELECT * FROM Child ORDER BY id');

    const run = await admin(db, ['import-families', path.join(FIXTURES, 'families-two-guardians.csv')]);

    expect(run.code).toBe(0);
    expect(run.lines[0]).toMatch(/familles créées 0, mises à jour 0, inchangées 2 ; responsables créés 0, mis à jour 0 ; enfants créés 0, mis à jour 0/);
    expect(rowCounts(db)).toEqual({ families: 2, guardians: 3, children: 3 });
    expect(query(db, 'SELECT * FROM Child ORDER BY id')).toEqual(before);
  });
});

describe('admin activate', () => {
  let db: string;
  let getMe: http.Server;
  const getMeRequests: string[] = [];

  beforeAll(async () => {
    db = freshDb();
    await withApp(db, (app) => importFixture(app, 'families-two-guardians.csv'));
    getMe = http.createServer((req, res) => {
      getMeRequests.push(`${req.method} ${req.url}`);
      res.setHeader('content-type', 'application/json');
      if (req.url?.endsWith('/getMe')) {
        res.end(JSON.stringify({ ok: true, result: { id: 123, is_bot: true, first_name: 'Portail Famille', username: 'from_getme_bot' } }));
      } else {
        res.statusCode = 404;
        res.end(JSON.stringify({ ok: false, error_code: 404, description: 'Not Found' }));
      }
    });
    await new Promise<void>((resolve) => getMe.listen(0, '127.0.0.1', resolve));
  });

  afterAll(async () => {
    await new Promise((resolve) => getMe.close(resolve));
  });

  /** Splits `email<TAB>code<TAB>link` lines, and checks the database holds exactly these codes, hashed. */
  function printedCodes(run: Run) {
    expect(run.code).toBe(0);
    const rows = run.lines.map((l) => l.split('\t'));
    for (const row of rows) {
      expect(row).toHaveLength(3);
      expect(row[1]).toMatch(/^[A-HJKMNP-Z2-9]{8}$/);
    }
    const stored = query<{ email: string; codeHash: string; usedAt: unknown }>(
      db,
      'SELECT g.email, c.codeHash, c.usedAt FROM ActivationCode c JOIN Guardian g ON g.id = c.guardianId ORDER BY g.id',
    );
    // A new activate replaces the unused codes: only those just printed are left,
    // as HMAC-SHA256 keyed by the app secret (never a plain hash, never the code).
    const [secret] = query<{ value: string }>(db, "SELECT value FROM Setting WHERE key = 'app-secret'");
    expect(stored).toEqual(rows.map(([email, code]) => ({ email, codeHash: hashCode(secret!.value, code!), usedAt: null })));
    for (const [, code] of rows) expect(stored.map((r) => r.codeHash)).not.toContain(createHash('sha256').update(code!).digest('hex'));
    return rows;
  }

  it('prints one line per guardian, with no Telegram link when the bot is unknown', { timeout: 60_000 }, async () => {
    const run = await admin(db, ['activate', 'F-0001']);

    const rows = printedCodes(run);
    expect(rows.map(([email, , link]) => [email, link])).toEqual([
      ['claire.martin@example.fr', '-'],
      ['paul.martin@example.fr', '-'],
    ]);
  });

  it('links to the bot named by TELEGRAM_BOT_USERNAME', { timeout: 60_000 }, async () => {
    const run = await admin(db, ['activate', 'F-0001'], { TELEGRAM_BOT_USERNAME: 'portail_test_bot' });

    const rows = printedCodes(run);
    expect(rows.map(([email]) => email)).toEqual(['claire.martin@example.fr', 'paul.martin@example.fr']);
    for (const [, code, link] of rows) expect(link).toBe(`https://t.me/portail_test_bot?start=${code}`);
  });

  it('asks the Bot API for the bot’s name with getMe when only a token is set', { timeout: 60_000 }, async () => {
    const { port } = getMe.address() as AddressInfo;

    const run = await admin(db, ['activate', 'F-0001'], { TELEGRAM_BOT_TOKEN: '123:abc', TELEGRAM_API_ROOT: `http://127.0.0.1:${port}/` });

    const rows = printedCodes(run);
    expect(rows).toHaveLength(2);
    for (const [, code, link] of rows) expect(link).toBe(`https://t.me/from_getme_bot?start=${code}`);
    expect(getMeRequests).toEqual(['GET /bot123:abc/getMe']);
  });
});

describe('admin headcount', () => {
  it('prints the services running that day, nothing on a Saturday, and refuses a bad date', { timeout: 60_000 }, async () => {
    const db = freshDb();
    // Prepared here so the four commands below do not race to create the same file.
    await withApp(db, async () => {});

    const [wednesday, thursday, saturday, bad] = await Promise.all([
      admin(db, ['headcount', '2026-12-02']),
      admin(db, ['headcount', '2026-12-03']),
      admin(db, ['headcount', '2026-12-05']),
      admin(db, ['headcount', '2026-02-30']),
    ]);

    expect(wednesday).toMatchObject({ code: 0, stdout: 'wednesday\t0\t80\t0\n' });
    expect(thursday).toMatchObject({ code: 0, stdout: 'canteen\t0\t220\t0\nmorning\t0\t60\t0\nevening\t0\t80\t0\n' });
    expect(saturday).toMatchObject({ code: 0, stdout: '' });
    expect(bad).toMatchObject({ code: 2, stdout: '' });
    expect(bad.stderr).toContain('2026-02-30');
  });
});

describe('admin bookings', () => {
  it('prints nothing for a family without bookings, then its bookings sorted, one tab-separated line each', { timeout: 60_000 }, async () => {
    const db = freshDb();
    await withApp(db, (app) => importFixture(app, 'families-example.csv'));

    const empty = await admin(db, ['bookings', 'F-0001']);
    expect(empty).toMatchObject({ code: 0, stdout: '', stderr: '' });

    // One place on the Wednesday club, so Tom waits; the CLI itself runs with the town's real capacities.
    const town = loadTownConfig();
    town.services.find((s) => s.code === 'wednesday')!.capacity = 1;
    await withApp(
      db,
      async (app) => {
        const family = (await app.families.byReference('F-0001'))!;
        const [lea, tom] = family.children.map((c) => c.id);
        const deps = { store: app.store, town: app.town };
        const by = { actor: { type: 'system' } as const, channel: 'admin' as const };
        // Booked in an order other than the listing's, to see the sorting.
        await bookChildren(deps, { ...by, now: NOW, childIds: [tom!, lea!], serviceCodes: ['evening', 'canteen'], dates: ['2026-12-03' as IsoDate] });
        await bookChildren(deps, { ...by, now: NOW, childIds: [lea!, tom!], serviceCodes: ['wednesday'], dates: ['2026-12-02' as IsoDate] });
        await cancelBookings(deps, { ...by, now: NOW, childIds: [tom!], serviceCodes: ['evening'], dates: ['2026-12-03' as IsoDate] });
        // The morning of the day itself, after the canteen's cancellation deadline: the booking is kept, absent.
        await reportAbsence(deps, { ...by, now: new Date('2026-12-03T07:00:00Z'), reason: 'malade', childIds: [lea!], serviceCodes: ['canteen'], dates: ['2026-12-03' as IsoDate] });
      },
      town,
    );

    const run = await admin(db, ['bookings', 'F-0001']);

    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toBe(
      [
        'Léa\twednesday\t2026-12-02\tbooked',
        'Tom\twednesday\t2026-12-02\twaiting',
        'Léa\tcanteen\t2026-12-03\tabsent',
        'Léa\tevening\t2026-12-03\tbooked',
        'Tom\tcanteen\t2026-12-03\tbooked',
        'Tom\tevening\t2026-12-03\tcancelled',
        '',
      ].join('\n'),
    );
  });
});

describe('admin staff-add', () => {
  it('creates a staff account with a one-time password, stored as an argon2id hash', { timeout: 60_000 }, async () => {
    const db = freshDb();

    const run = await admin(db, ['staff-add', 'Agent.Accueil@Example.fr']);

    expect(run.code).toBe(0);
    const password = /Mot de passe à usage unique : (\S+)/.exec(run.stdout)?.[1];
    expect(password).toMatch(/^[A-Za-z2-9]{16}$/);
    const [user] = query<{ email: string; passwordHash: string; mustChangePassword: number }>(db, 'SELECT email, passwordHash, mustChangePassword FROM StaffUser');
    expect(user).toMatchObject({ email: 'agent.accueil@example.fr', mustChangePassword: 1 });
    expect(user!.passwordHash).toMatch(/^\$argon2id\$/);
    expect(user!.passwordHash).not.toContain(password);
    expect(await verify(user!.passwordHash, password!)).toBe(true);
  });
});

describe('admin usage', () => {
  it('exits 2 with the usage on an unknown command, without touching any database', { timeout: 60_000 }, async () => {
    const db = freshDb();

    const run = await admin(db, ['frobnicate']);

    expect(run).toMatchObject({ code: 2, stdout: '' });
    expect(run.stderr).toContain('Commande inconnue : frobnicate');
    for (const command of ['import-families', 'activate', 'bookings', 'headcount', 'staff-add']) expect(run.stderr).toContain(command);
    expect(fs.existsSync(db)).toBe(false);
  });
});
