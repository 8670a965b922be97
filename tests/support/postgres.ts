/**
 * A private PostgreSQL cluster for tests (and for `npm run db:migration`,
 * which needs a server to replay the PostgreSQL migrations on): Debian's
 * `postgresql` package, `initdb` into a temporary folder, `pg_ctl` on
 * 127.0.0.1 and a port picked here, no Unix socket, nothing system-wide.
 * PostgreSQL refuses to run as root, so as root the cluster runs as the
 * `postgres` user (or `nobody`) through `runuser`.
 *
 * Test files call `requirePostgres()` at the top, then
 * `describe.skipIf(!pgBin)(…)`: without the package the file is skipped with
 * POSTGRES_MISSING as the reason; with CI=true it fails (.ci/run installs
 * the package). One cluster per test file (`startPostgres()` in beforeAll),
 * one fresh database per test app (`cluster.createDatabase()`).
 */
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { requireTool } from './requireTool.js';

export const POSTGRES_MISSING = 'PostgreSQL is not installed: apt-get install postgresql';

/** The folder of initdb and pg_ctl (PG_BIN, else the newest /usr/lib/postgresql/N/bin), or null. */
export function postgresBin(): string | null {
  const candidates = process.env.PG_BIN
    ? [process.env.PG_BIN]
    : (fs.existsSync('/usr/lib/postgresql') ? fs.readdirSync('/usr/lib/postgresql') : [])
        .filter((v) => /^\d+$/.test(v))
        .sort((a, b) => Number(b) - Number(a))
        .map((v) => `/usr/lib/postgresql/${v}/bin`);
  return candidates.find((d) => fs.existsSync(path.join(d, 'initdb')) && fs.existsSync(path.join(d, 'pg_ctl'))) ?? null;
}

/**
 * For test files: the binaries' folder, or null (skip, with POSTGRES_MISSING
 * as the reason) on a developer's machine without them. With CI=true a
 * missing PostgreSQL is an error, not a skip.
 */
export function requirePostgres(): string | null {
  return requireTool(postgresBin(), { package: 'postgresql', tests: 'database tests on PostgreSQL', missing: POSTGRES_MISSING });
}

export interface PostgresCluster {
  /** postgresql://postgres@127.0.0.1:PORT/postgres */
  adminUrl: string;
  port: number;
  /** The folder holding pg_dump and pg_restore of the same version. */
  bin: string;
  /** A new, empty database; returns its URL. */
  createDatabase(name?: string): Promise<string>;
  stop(): void;
}

/** A port that was free a moment ago on 127.0.0.1. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.once('error', reject);
    srv.listen({ host: '127.0.0.1', port: 0, exclusive: true }, () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/** The unprivileged account the cluster runs as when we are root. */
function runAs(): { name: string; uid: number; gid: number } | null {
  if (process.getuid?.() !== 0) return null;
  for (const name of ['postgres', 'nobody']) {
    const line = fs.readFileSync('/etc/passwd', 'utf8').split('\n').find((l) => l.startsWith(`${name}:`));
    if (line) {
      const f = line.split(':');
      return { name, uid: Number(f[2]), gid: Number(f[3]) };
    }
  }
  throw new Error('startPostgres: running as root and there is no postgres or nobody user to run PostgreSQL as');
}

const running = new Set<{ pgCtl: string; dir: string; user: string | null }>();
let hooked = false;

/**
 * Test workers may end without running exit hooks, so each cluster is also
 * listed in the folder that tests/support/postgresTeardown.ts (vitest's
 * global setup) creates, and stopped by it at the end of the run.
 */
export const REGISTRY_ENV = 'PORTAIL_PG_REGISTRY';

/** Stops every cluster listed in a registry folder (see REGISTRY_ENV). */
export function stopRegistered(registry: string): void {
  if (!fs.existsSync(registry)) return;
  for (const entry of fs.readdirSync(registry)) {
    try {
      const c = JSON.parse(fs.readFileSync(path.join(registry, entry), 'utf8')) as { pgCtl: string; dir: string; user: string | null };
      running.add(c);
      stopCluster(c);
    } catch {
      /* a half-written entry: its cluster never started */
    }
  }
  fs.rmSync(registry, { recursive: true, force: true });
}

function run(user: string | null, cmd: string, args: string[]): { status: number | null; out: string } {
  const [file, argv] = user ? ['runuser', ['-u', user, '--', cmd, ...args]] : [cmd, args];
  const r = spawnSync(file, argv, { encoding: 'utf8', cwd: os.tmpdir() });
  return { status: r.status, out: `${r.stdout ?? ''}${r.stderr ?? ''}${r.error ? String(r.error) : ''}` };
}

function stopCluster(c: { pgCtl: string; dir: string; user: string | null }): void {
  if (!running.delete(c)) return;
  run(c.user, c.pgCtl, ['-D', path.join(c.dir, 'data'), '-m', 'immediate', '-w', 'stop']);
  fs.rmSync(c.dir, { recursive: true, force: true });
}

/** Starts a private cluster (superuser `postgres`, trust on loopback). */
export async function startPostgres(bin = postgresBin()): Promise<PostgresCluster> {
  if (!bin) throw new Error(POSTGRES_MISSING);
  if (!hooked) {
    hooked = true;
    process.once('exit', () => {
      for (const c of [...running]) stopCluster(c);
    });
  }
  const account = runAs();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'portail-pg-'));
  fs.chmodSync(dir, 0o755);
  const data = path.join(dir, 'data');
  fs.mkdirSync(data, { mode: 0o700 });
  if (account) fs.chownSync(data, account.uid, account.gid);
  const user = account?.name ?? null;
  const init = run(user, path.join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync', '--no-instructions']);
  if (init.status !== 0) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw new Error(`initdb failed: ${init.out}`);
  }
  const handle = { pgCtl: path.join(bin, 'pg_ctl'), dir, user };
  running.add(handle);
  const registry = process.env[REGISTRY_ENV];
  if (registry && fs.existsSync(registry)) fs.writeFileSync(path.join(registry, path.basename(dir)), JSON.stringify(handle));
  let port = 0;
  for (let attempt = 0; ; attempt++) {
    port = await freePort();
    fs.writeFileSync(
      path.join(data, 'postgresql.auto.conf'),
      [
        '# written by tests/support/postgres.ts',
        "listen_addresses = '127.0.0.1'",
        `port = ${port}`,
        "unix_socket_directories = ''",
        // A test cluster: speed over durability (the data is thrown away).
        'fsync = off',
        'synchronous_commit = off',
        'full_page_writes = off',
        'max_connections = 200',
        "log_min_messages = 'warning'",
        '',
      ].join('\n'),
    );
    if (account) fs.chownSync(path.join(data, 'postgresql.auto.conf'), account.uid, account.gid);
    const log = path.join(data, 'server.log');
    const start = run(user, handle.pgCtl, ['-D', data, '-l', log, '-w', '-t', '60', 'start']);
    if (start.status === 0) break;
    const detail = fs.existsSync(log) ? fs.readFileSync(log, 'utf8') : start.out;
    if (attempt >= 2 || !/could not (bind|create listen)/i.test(detail)) {
      stopCluster(handle);
      throw new Error(`pg_ctl start failed: ${detail}`);
    }
  }
  const adminUrl = `postgresql://postgres@127.0.0.1:${port}/postgres`;
  return {
    adminUrl,
    port,
    bin,
    async createDatabase(name = `portail_${crypto.randomBytes(5).toString('hex')}`) {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE "${name}"`);
      } finally {
        await client.end();
      }
      return `postgresql://postgres@127.0.0.1:${port}/${name}`;
    },
    stop: () => stopCluster(handle),
  };
}
