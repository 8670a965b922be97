/**
 * The admin commands of DESIGN.md ("contract — commands"), run as a staff
 * member runs them: `npm run --silent admin -- …` in a child process, on a
 * database of its own: a SQLite file, and again on PostgreSQL (a database
 * of the test's private cluster), with the same expected outputs. Each
 * spawn costs about two seconds, so the file keeps to about twenty of them
 * per provider and prepares databases in-process instead.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { verify } from '@node-rs/argon2';
import Database from 'better-sqlite3';
import pg from 'pg';
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
import { hashCode } from '../../src/core/activation/activationCodes.js';
import { instanceLeaseName, keepLease } from '../../src/db/lease.js';
import { providerOf } from '../../src/db/provider.js';
import { freshDatabaseUrl, PROVIDERS, tempDir } from '../support/app.js';

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

/** Runs `npm run --silent admin -- ...args` from the repository root on the database `db` (its DATABASE_URL). */
function admin(db: string, args: string[], env: Record<string, string> = {}): Promise<Run> {
  const childEnv: NodeJS.ProcessEnv = { ...process.env };
  // Nothing from the developer's own configuration may leak into the command.
  for (const name of ['TELEGRAM_BOT_TOKEN', 'TELEGRAM_BOT_USERNAME', 'TELEGRAM_API_ROOT', 'TELEGRAM_WEBHOOK_URL', 'SMTP_URL', 'IMAP_URL', 'TOWN_CONFIG', 'APP_SECRET']) {
    delete childEnv[name];
  }
  Object.assign(childEnv, { DATABASE_URL: db }, env);
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
  const app = await buildApp({ databaseUrl: db, town });
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

/** Reads the database with its plain driver (better-sqlite3 or pg), outside Prisma. */
async function query<T>(db: string, sql: string): Promise<T[]> {
  if (providerOf(db) === 'postgresql') {
    const client = new pg.Client({ connectionString: db });
    await client.connect();
    try {
      return (await client.query(sql)).rows as T[];
    } finally {
      await client.end();
    }
  }
  const raw = new Database(db.slice('file:'.length), { readonly: true });
  try {
    return raw.prepare(sql).all() as T[];
  } finally {
    raw.close();
  }
}

const rowCounts = async (db: string) =>
  (
    await query<{ families: number; guardians: number; children: number }>(
      db,
      'SELECT CAST((SELECT COUNT(*) FROM "Family") AS INTEGER) AS families, CAST((SELECT COUNT(*) FROM "Guardian") AS INTEGER) AS guardians, CAST((SELECT COUNT(*) FROM "Child") AS INTEGER) AS children',
    )
  )[0];

/** Whether the database exists and holds our tables. */
async function migrated(db: string): Promise<boolean> {
  if (providerOf(db) === 'sqlite') return fs.existsSync(db.slice('file:'.length));
  return (await query<{ t: string | null }>(db, `SELECT to_regclass('"_prisma_migrations"')::text AS t`))[0]!.t !== null;
}

describe.each(PROVIDERS)('on %s', (provider) => {
let dir: string;
let dbCount = 0;
/** A database that does not exist yet (SQLite) or is empty (PostgreSQL): its DATABASE_URL. */
const freshDb = () => freshDatabaseUrl(provider, path.join(dir, `db-${++dbCount}`));

beforeAll(() => {
  dir = tempDir('portail-cli-');
});

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('admin import-families', () => {
  it('imports a good file into a fresh database and prints a summary', { timeout: 60_000 }, async () => {
    const db = await freshDb();

    const run = await admin(db, ['import-families', path.join(FIXTURES, 'families-two-guardians.csv')]);

    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.lines).toHaveLength(1);
    expect(run.lines[0]).toMatch(/familles créées 2, mises à jour 0, inchangées 0/);
    expect(run.lines[0]).toMatch(/responsables créés 3/);
    expect(run.lines[0]).toMatch(/enfants créés 3/);
    expect(await rowCounts(db)).toEqual({ families: 2, guardians: 3, children: 3 });
  });

  it('imports nothing from a file with errors, and prints each error with its line number', { timeout: 60_000 }, async () => {
    const db = await freshDb();

    const run = await admin(db, ['import-families', path.join(FIXTURES, 'families-errors.csv')]);

    expect(run.code).toBe(1);
    const errorLines = run.lines.filter((l) => /^ligne \d+\b/.test(l));
    expect(errorLines.map((l) => Number(/^ligne (\d+)/.exec(l)![1]))).toEqual([2, 3, 4, 4, 4]);
    expect(run.lines.filter((l) => !errorLines.includes(l))).toEqual([expect.stringMatching(/^Aucune famille importée : 5 erreurs/)]);
    expect(await rowCounts(db)).toEqual({ families: 0, guardians: 0, children: 0 });

    const bookings = await admin(db, ['bookings', 'F-0002']);
    expect(bookings).toMatchObject({ code: 1, stdout: '' });
    expect(bookings.stderr).toContain('Famille inconnue : F-0002');
  });

  it('changes nothing when the same file is imported again', { timeout: 60_000 }, async () => {
    const db = await freshDb();
    await withApp(db, (app) => importFixture(app, 'families-two-guardians.csv'));
    const before = await query(db, 'SELECT * FROM "Child" ORDER BY "id"');

    const run = await admin(db, ['import-families', path.join(FIXTURES, 'families-two-guardians.csv')]);

    expect(run.code).toBe(0);
    expect(run.lines[0]).toMatch(/familles créées 0, mises à jour 0, inchangées 2 ; responsables créés 0, mis à jour 0 ; enfants créés 0, mis à jour 0/);
    expect(await rowCounts(db)).toEqual({ families: 2, guardians: 3, children: 3 });
    expect(await query(db, 'SELECT * FROM "Child" ORDER BY "id"')).toEqual(before);
  });
});

describe('admin activate', () => {
  let db: string;
  let getMe: http.Server;
  const getMeRequests: string[] = [];

  beforeAll(async () => {
    db = await freshDb();
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
  async function printedCodes(run: Run) {
    expect(run.code).toBe(0);
    const rows = run.lines.map((l) => l.split('\t'));
    for (const row of rows) {
      expect(row).toHaveLength(3);
      expect(row[1]).toMatch(/^[A-HJKMNP-Z2-9]{8}$/);
    }
    const stored = await query<{ email: string; codeHash: string; usedAt: unknown }>(
      db,
      'SELECT g."email", c."codeHash", c."usedAt" FROM "ActivationCode" c JOIN "Guardian" g ON g."id" = c."guardianId" ORDER BY g."id"',
    );
    // A new activate replaces the unused codes: only those just printed are left,
    // as HMAC-SHA256 keyed by the app secret (never a plain hash, never the code).
    const [secret] = await query<{ value: string }>(db, `SELECT "value" FROM "Setting" WHERE "key" = 'app-secret'`);
    expect(stored).toEqual(rows.map(([email, code]) => ({ email, codeHash: hashCode(secret!.value, code!), usedAt: null })));
    for (const [, code] of rows) expect(stored.map((r) => r.codeHash)).not.toContain(createHash('sha256').update(code!).digest('hex'));
    return rows;
  }

  it('prints one line per guardian, with no Telegram link when the bot is unknown', { timeout: 60_000 }, async () => {
    const run = await admin(db, ['activate', 'F-0001']);

    const rows = await printedCodes(run);
    expect(rows.map(([email, , link]) => [email, link])).toEqual([
      ['claire.martin@example.fr', '-'],
      ['paul.martin@example.fr', '-'],
    ]);
  });

  it('links to the bot named by TELEGRAM_BOT_USERNAME', { timeout: 60_000 }, async () => {
    const run = await admin(db, ['activate', 'F-0001'], { TELEGRAM_BOT_USERNAME: 'portail_test_bot' });

    const rows = await printedCodes(run);
    expect(rows.map(([email]) => email)).toEqual(['claire.martin@example.fr', 'paul.martin@example.fr']);
    for (const [, code, link] of rows) expect(link).toBe(`https://t.me/portail_test_bot?start=${code}`);
  });

  it('asks the Bot API for the bot’s name with getMe when only a token is set', { timeout: 60_000 }, async () => {
    const { port } = getMe.address() as AddressInfo;

    const run = await admin(db, ['activate', 'F-0001'], { TELEGRAM_BOT_TOKEN: '123:abc', TELEGRAM_API_ROOT: `http://127.0.0.1:${port}/` });

    const rows = await printedCodes(run);
    expect(rows).toHaveLength(2);
    for (const [, code, link] of rows) expect(link).toBe(`https://t.me/from_getme_bot?start=${code}`);
    expect(getMeRequests).toEqual(['GET /bot123:abc/getMe']);
  });
});

describe('admin headcount', () => {
  it('prints the services running that day, nothing on a Saturday, and refuses a bad date', { timeout: 60_000 }, async () => {
    const db = await freshDb();
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
    const db = await freshDb();
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
    const db = await freshDb();

    const run = await admin(db, ['staff-add', 'Agent.Accueil@Example.fr']);

    expect(run.code).toBe(0);
    const password = /Mot de passe à usage unique : (\S+)/.exec(run.stdout)?.[1];
    expect(password).toMatch(/^[A-Za-z2-9]{16}$/);
    const [user] = await query<{ email: string; passwordHash: string; mustChangePassword: number | boolean }>(db, 'SELECT "email", "passwordHash", "mustChangePassword" FROM "StaffUser"');
    expect({ ...user, mustChangePassword: Boolean(user!.mustChangePassword) }).toMatchObject({ email: 'agent.accueil@example.fr', mustChangePassword: true });
    expect(user!.passwordHash).toMatch(/^\$argon2id\$/);
    expect(user!.passwordHash).not.toContain(password);
    expect(await verify(user!.passwordHash, password!)).toBe(true);
  });

  it('makes the first account an administrateur, later ones agents unless --role says otherwise, and refuses an unknown role', { timeout: 90_000 }, async () => {
    const db = await freshDb();

    expect((await admin(db, ['staff-add', 'chef@mairie.fr'])).stdout).toContain('(administrateur)');
    expect((await admin(db, ['staff-add', 'agent@mairie.fr'])).stdout).toContain('(agent)');
    expect((await admin(db, ['staff-add', 'adjointe@mairie.fr', '--role', 'administrateur'])).stdout).toContain('(administrateur)');
    const bad = await admin(db, ['staff-add', 'x@mairie.fr', '--role', 'chef']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('Rôle inconnu : chef');
    const rows = await query<{ email: string; role: string }>(db, 'SELECT "email", "role" FROM "StaffUser" ORDER BY "id"');
    expect(rows).toEqual([
      { email: 'chef@mairie.fr', role: 'administrateur' },
      { email: 'agent@mairie.fr', role: 'agent' },
      { email: 'adjointe@mairie.fr', role: 'administrateur' },
    ]);
  });
});

describe('admin usage', () => {
  it('exits 2 with the usage on an unknown command, without touching any database', { timeout: 60_000 }, async () => {
    const db = await freshDb();

    const run = await admin(db, ['frobnicate']);

    expect(run).toMatchObject({ code: 2, stdout: '' });
    expect(run.stderr).toContain('Commande inconnue : frobnicate');
    for (const command of ['import-families', 'activate', 'bookings', 'headcount', 'staff-add']) expect(run.stderr).toContain(command);
    expect(await migrated(db)).toBe(false);
  });
});

describe('admin backup and restore', () => {
  it('backs up to FILE and prints FILE; restores it while nothing runs; refuses while a process runs, and a file that is no backup', { timeout: 120_000 }, async () => {
    const db = await freshDb();
    await withApp(db, (app) => importFixture(app, 'families-two-guardians.csv'));
    const file = path.join(dir, `backup-${provider}`);

    const backup = await admin(db, ['backup', file]);
    expect(backup).toMatchObject({ code: 0, stdout: `${file}\n`, stderr: '' });
    expect(fs.statSync(file).size).toBeGreaterThan(0);
    const noFolder = await admin(db, ['backup', path.join(dir, 'no-such-folder', 'x')]);
    expect(noFolder).toMatchObject({ code: 1, stdout: '' });
    expect(noFolder.stderr).toMatch(/introuvable/);

    // A family imported after the backup is gone once it is restored.
    await withApp(db, async (app) => {
      const parsed = parseFamiliesCsv(`${fs.readFileSync(path.join(FIXTURES, 'families-two-guardians.csv'), 'utf8').split('\n')[0]}\nF-0900;Jean Neuf;jean.neuf@example.fr;0600000000;Zoé;Neuf;2019-01-01;Jules Ferry;CP;standard;non\n`, '2026-11-28' as IsoDate);
      if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
      await importFamilies({ families: app.families }, { families: parsed.families, actor: { type: 'system' }, channel: 'admin', now: NOW });
    });
    const grown = await rowCounts(db);
    const restored = await admin(db, ['restore', file]);
    expect(restored).toMatchObject({ code: 0, stdout: '' });
    expect(await rowCounts(db)).toEqual({ families: 2, guardians: 3, children: 3 });
    expect(grown!.families).toBeGreaterThan(2);

    // While `npm start` runs (its instance lease), restore refuses.
    await withApp(db, async (app) => {
      const running = keepLease(app.db, instanceLeaseName());
      await running.ready;
      try {
        const refused = await admin(db, ['restore', file]);
        expect(refused).toMatchObject({ code: 1, stdout: '' });
        expect(refused.stderr).toMatch(/Restauration refusée/);
      } finally {
        await running.stop();
      }
    });

    const junk = path.join(dir, 'junk');
    fs.writeFileSync(junk, 'no backup');
    const bad = await admin(db, ['restore', junk]);
    expect(bad).toMatchObject({ code: 1, stdout: '' });
    expect(await rowCounts(db)).toEqual({ families: 2, guardians: 3, children: 3 });
  });
});
});

describe('backup and restore on PostgreSQL without its client tools', () => {
  it('say in French that pg_dump / pg_restore are missing and how to install them, exit 1, and write nothing', async () => {
    const dir = tempDir('portail-cli-nopg-');
    const empty = path.join(dir, 'empty-bin');
    fs.mkdirSync(empty);
    // Nothing is opened before the tool is looked for: no server needs to answer at this address.
    const db = 'postgresql://portail@127.0.0.1:1/portail';
    const file = path.join(dir, 'backup.pgdump');
    const backup = await admin(db, ['backup', file], { PG_BIN: empty });
    expect(backup).toMatchObject({ code: 1, stdout: '' });
    expect(backup.stderr.trim()).toBe(
      `pg_dump est introuvable dans PG_BIN (${empty}) : sur PostgreSQL, la sauvegarde et la restauration passent par pg_dump et pg_restore (format custom). ` +
        'Installez le client PostgreSQL (apt-get install postgresql-client) dans une version au moins égale à celle du serveur, ou indiquez son dossier dans PG_BIN. Rien n’a été écrit ni modifié.',
    );
    expect(fs.readdirSync(dir)).toEqual(['empty-bin']);
    fs.writeFileSync(file, 'PGDMP');
    const restore = await admin(db, ['restore', file], { PG_BIN: empty });
    expect(restore).toMatchObject({ code: 1, stdout: '' });
    expect(restore.stderr).toMatch(/^pg_restore est introuvable dans PG_BIN/);
  }, SPAWN_TIMEOUT * 2);
});
