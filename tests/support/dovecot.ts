/**
 * A private dovecot IMAP server for end-to-end tests of the email channel.
 *
 * `startDovecot()` writes a config to a fresh temp folder and runs the system's
 * `dovecot` binary in the foreground (`-F`) on 127.0.0.1 and a free port, IMAP
 * only, no TLS, one user 'inscriptions' with a random password and a maildir
 * inside the temp folder. Every process it starts is killed on `stop()` and
 * when the test process exits (a small `sh` watchdog also kills it if the test
 * process dies without running its exit handlers).
 *
 * Tests that use it: `const dovecotBin = requireDovecot()` at the top of the
 * file, then `describe.skipIf(!dovecotBin)(…)`: a developer without the Debian
 * package gets the file skipped with DOVECOT_MISSING as the reason; with
 * CI=true the file fails instead (.ci/run installs dovecot-imapd).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { ImapFlow } from 'imapflow';
import { requireTool } from './requireTool.js';

export const DOVECOT_MISSING = 'dovecot-imapd is not installed: apt-get install dovecot-imapd';

export interface ListedMessage { uid: number; flags: string[]; subject?: string }

export interface Dovecot {
  host: '127.0.0.1';
  port: number;
  user: string;
  password: string;
  /** imap://user:pass@127.0.0.1:PORT/INBOX (user and password URL-encoded). */
  url: string;
  /** The temp folder holding config, maildir, sockets and `dovecot.log`. */
  dir: string;
  /** APPENDs a message to INBOX from a second IMAP session (as a sender's server would deliver it). */
  append(raw: string | Buffer, flags?: string[]): Promise<void>;
  /** Every message of INBOX with its flags (sorted, without the session-bound \Recent), in UID order, read from a separate session. */
  list(): Promise<ListedMessage[]>;
  /** Stops the server for good (kills all its processes, removes `dir`); connected clients see the connection close. */
  stop(): Promise<void>;
  /** stop() then start again on the same port and mail folder (for reconnection tests). */
  restart(): Promise<void>;
  /** The end of dovecot.log, for failure messages. */
  log(): string;
}

const SEARCH_DIRS = ['/usr/sbin', '/usr/local/sbin', '/sbin'];

/** Path of the dovecot binary, or null when dovecot-imapd is not installed. */
export function dovecotBinary(): string | null {
  const dirs = [...(process.env.PATH ?? '').split(path.delimiter).filter(Boolean), ...SEARCH_DIRS];
  for (const dir of dirs) {
    const candidate = path.join(dir, 'dovecot');
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      // Debian's dovecot-imapd puts the IMAP service here; without it `protocols = imap` is unusable.
      if (fs.existsSync('/usr/lib/dovecot/imap') || fs.existsSync(path.join(path.dirname(candidate), '..', 'lib', 'dovecot', 'imap'))) return candidate;
    } catch { /* not there */ }
  }
  return null;
}

/**
 * For test files: the dovecot binary, or null (skip, with DOVECOT_MISSING as the reason) when it
 * is missing on a developer's machine. With CI=true a missing dovecot is an error, not a skip.
 */
export function requireDovecot(): string | null {
  return requireTool(dovecotBinary(), { package: 'dovecot-imapd', tests: 'email end-to-end tests', missing: DOVECOT_MISSING });
}

// ---- process bookkeeping: nothing may outlive the test process ----

/** Dovecot masters (each the leader of its own process group) and watchdogs still running. */
const groups = new Set<number>();
const watchdogs = new Set<ChildProcess>();
const tempDirs = new Set<string>();
let exitHookInstalled = false;
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const pgid of groups) signalGroup(pgid, 'SIGKILL');
    for (const dog of watchdogs) dog.kill('SIGKILL');
    for (const dir of tempDirs) {
      try { fs.rmSync(dir, { recursive: true, force: true }); } catch { /* best effort */ }
    }
  });
}

/** Sends `signal` to every process of the group; false when none is left. */
function signalGroup(pgid: number, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(-pgid, signal);
    return true;
  } catch {
    return false;
  }
}

/**
 * Whether a process of group `pgid` is still running (zombies waiting to be reaped do not count:
 * they hold no socket and no file). Reads /proc; without it, asks kill(0).
 */
function groupAlive(pgid: number): boolean {
  let entries: string[];
  try {
    entries = fs.readdirSync('/proc');
  } catch {
    return signalGroup(pgid, 0);
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try { stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8'); } catch { continue; }
    // pid (comm) state ppid pgrp …; comm may contain spaces and parentheses
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(fields[2]) === pgid && fields[0] !== 'Z' && fields[0] !== 'X') return true;
  }
  return false;
}

/**
 * A watchdog that kills process group `pgid` (and removes `dir`) when its stdin reaches EOF, i.e. when this process
 * dies however it dies (the pipe's write end is close-on-exec, so dovecot does not hold it open).
 * `read` is a shell builtin: killing the watchdog leaves no orphan behind.
 */
function spawnWatchdog(pgid: number, dir: string): ChildProcess {
  const script = 'while read -r _; do :; done; kill -TERM "-$0" 2>/dev/null; sleep 2; kill -KILL "-$0" 2>/dev/null; rm -rf -- "$1"';
  const dog = spawn('sh', ['-c', script, String(pgid), dir], { stdio: ['pipe', 'ignore', 'ignore'] });
  dog.on('error', () => { /* no sh: the exit hook remains */ });
  dog.unref();
  (dog.stdin as unknown as { unref?: () => void } | null)?.unref?.();
  watchdogs.add(dog);
  dog.once('exit', () => watchdogs.delete(dog));
  return dog;
}

// ---- small helpers ----

interface Account { name: string; uid: number; gid: number }

function passwdEntry(name: string): Account | null {
  try {
    for (const line of fs.readFileSync('/etc/passwd', 'utf8').split('\n')) {
      const f = line.split(':');
      if (f[0] === name && f[2] !== undefined && f[3] !== undefined) return { name, uid: Number(f[2]), gid: Number(f[3]) };
    }
  } catch { /* no /etc/passwd */ }
  return null;
}

function groupName(gid: number): string | null {
  try {
    for (const line of fs.readFileSync('/etc/group', 'utf8').split('\n')) {
      const f = line.split(':');
      if (f[0] && Number(f[2]) === gid) return f[0];
    }
  } catch { /* no /etc/group */ }
  return null;
}

/** A port that was free a moment ago on 127.0.0.1 (bind port 0, read it, release it). */
export function freePort(): Promise<number> {
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

/** Whether something is still listening on 127.0.0.1:port (binding it fails with EADDRINUSE). */
function portBusy(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.unref();
    srv.once('error', () => resolve(true));
    srv.listen({ host: '127.0.0.1', port, exclusive: true }, () => srv.close(() => resolve(false)));
  });
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

async function withTimeout<T>(what: string, ms: number, p: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([p, new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error(`${what}: timed out after ${ms} ms`)), ms); })]);
  } finally {
    clearTimeout(timer);
  }
}

/** Resolves once the server sends its real greeting (after "Waiting for authentication process"). */
function waitForGreeting(port: number, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    let done = false;
    const finish = (err?: Error) => {
      if (done) return;
      done = true;
      child.off('exit', onExit);
      if (err) reject(err); else resolve();
    };
    const onExit = (code: number | null, signal: string | null) => finish(new Error(`dovecot exited during startup (code ${code}, signal ${signal})`));
    child.once('exit', onExit);
    const attempt = () => {
      if (done) return;
      if (Date.now() > deadline) return finish(new Error(`dovecot did not greet on 127.0.0.1:${port} within ${timeoutMs} ms`));
      const sock = net.connect({ host: '127.0.0.1', port });
      let buf = '';
      sock.setTimeout(Math.max(100, deadline - Date.now()));
      let retried = false;
      const retry = () => {
        sock.destroy();
        if (retried || done) return;
        retried = true;
        setTimeout(attempt, 50);
      };
      sock.on('data', (d) => {
        buf += d.toString('latin1');
        if (/^\* OK (\[CAPABILITY[^\]]*\] )?.*ready/im.test(buf)) {
          sock.end('g LOGOUT\r\n');
          sock.destroy();
          finish();
        }
      });
      sock.on('error', retry);
      sock.on('timeout', retry);
      sock.on('close', retry);
    };
    attempt();
  });
}

function imapClient(d: { port: number; user: string; password: string }): ImapFlow {
  const client = new ImapFlow({
    host: '127.0.0.1', port: d.port, secure: false, doSTARTTLS: false,
    auth: { user: d.user, pass: d.password },
    logger: false, disableAutoIdle: true,
    connectionTimeout: 5000, greetingTimeout: 5000, socketTimeout: 10_000,
  });
  client.on('error', () => { /* surfaced by the pending command */ });
  return client;
}

async function withSession<T>(d: { port: number; user: string; password: string }, what: string, fn: (c: ImapFlow) => Promise<T>): Promise<T> {
  const client = imapClient(d);
  try {
    return await withTimeout(what, 10_000, (async () => {
      await client.connect();
      const result = await fn(client);
      await client.logout();
      return result;
    })());
  } finally {
    client.close();
  }
}

// ---- the server ----

/** Starts a private dovecot; null when the dovecot binary is not installed. */
export async function startDovecot(): Promise<Dovecot | null> {
  const bin = dovecotBinary();
  if (!bin) return null;

  const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'dovecot-'));
  installExitHook();
  tempDirs.add(dir);
  // The login, auth and mail processes run as other users: they must traverse the folder.
  await fsp.chmod(dir, 0o755);
  const runDir = path.join(dir, 'run');
  const stateDir = path.join(dir, 'state');
  const mailDir = path.join(dir, 'mail');
  for (const d of [runDir, stateDir, mailDir]) await fsp.mkdir(d, { mode: 0o755 });

  const isRoot = process.getuid?.() === 0;
  const me = os.userInfo();
  // As root dovecot drops privileges: the usual Debian users, and 'nobody' owns the mail.
  const loginUser = isRoot ? (passwdEntry('dovenull') ?? passwdEntry('nobody')) : null;
  const internalUser = isRoot ? (passwdEntry('dovecot') ?? passwdEntry('nobody')) : null;
  const mailUser: Account = isRoot ? (passwdEntry('nobody') ?? { name: 'nobody', uid: 65534, gid: 65534 }) : { name: me.username, uid: me.uid, gid: me.gid };
  if (isRoot && (!loginUser || !internalUser)) throw new Error('startDovecot: no dovenull/dovecot/nobody user in /etc/passwd');

  const user = 'inscriptions';
  const password = crypto.randomBytes(12).toString('base64url');
  const usersFile = path.join(dir, 'users');
  const userHome = path.join(mailDir, user);
  await fsp.writeFile(usersFile, `${user}:{PLAIN}${password}:${mailUser.uid}:${mailUser.gid}::${userHome}::\n`, { mode: 0o600 });
  if (isRoot) {
    await fsp.chown(mailDir, mailUser.uid, mailUser.gid);
    // the auth process runs as default_internal_user and reads the passwd-file itself
    await fsp.chown(usersFile, internalUser!.uid, internalUser!.gid);
  }

  const logPath = path.join(dir, 'dovecot.log');
  const confPath = path.join(dir, 'dovecot.conf');
  const writeConfig = (port: number) => fsp.writeFile(confPath, [
    '# written by tests/support/dovecot.ts',
    'listen = 127.0.0.1',
    'protocols = imap',
    'ssl = no',
    'disable_plaintext_auth = no',
    'auth_mechanisms = plain login',
    `base_dir = ${runDir}`,
    `state_dir = ${stateDir}`,
    `log_path = ${logPath}`,
    `first_valid_uid = ${Math.min(100, mailUser.uid)}`,
    `default_login_user = ${isRoot ? loginUser!.name : me.username}`,
    `default_internal_user = ${isRoot ? internalUser!.name : me.username}`,
    // without root: the sockets' group must be one of ours
    ...(isRoot ? [] : [`default_internal_group = ${groupName(me.gid) ?? me.username}`]),
    `mail_uid = ${mailUser.uid}`,
    `mail_gid = ${mailUser.gid}`,
    `mail_location = maildir:${mailDir}/%u`,
    // IDLE notices new mail through inotify; this is the fallback poll, kept short for tests.
    'mailbox_idle_check_interval = 1 secs',
    'passdb {', '  driver = passwd-file', `  args = scheme=PLAIN ${usersFile}`, '}',
    'userdb {', '  driver = passwd-file', `  args = ${usersFile}`, '}',
    'service imap-login {',
    '  inet_listener imap {', '    address = 127.0.0.1', `    port = ${port}`, '  }',
    '  inet_listener imaps {', '    port = 0', '  }',
    // chroot needs root; without root the login process stays in place
    ...(isRoot ? [] : ['  chroot =']),
    '}',
    ...(isRoot ? [] : ['service anvil {', '  chroot =', '}']),
    '',
  ].join('\n'));

  let master: ChildProcess | null = null;
  let watchdog: ChildProcess | null = null;
  let stderr = '';

  const readLog = () => {
    let text = '';
    try { text = fs.readFileSync(logPath, 'utf8'); } catch { /* not written yet */ }
    return `${stderr}${text}`.split('\n').slice(-40).join('\n');
  };

  const launch = async (port: number): Promise<void> => {
    await writeConfig(port);
    stderr = '';
    // Its own process group: on SIGTERM the master exits without waiting for its children (an
    // IDLE imap process, log, stats), so stop() signals the whole group.
    const child = spawn(bin, ['-F', '-c', confPath], { stdio: ['ignore', 'ignore', 'pipe'], detached: true });
    child.stderr?.on('data', (d: Buffer) => { stderr += d.toString(); });
    child.on('error', (err) => { stderr += `spawn failed: ${err.message}\n`; });
    child.unref();
    (child.stderr as unknown as { unref?: () => void } | null)?.unref?.();
    installExitHook();
    if (child.pid) groups.add(child.pid);
    master = child;
    watchdog = child.pid ? spawnWatchdog(child.pid, dir) : null;
    try {
      await waitForGreeting(port, child, 10_000);
    } catch (err) {
      await kill();
      throw new Error(`${(err as Error).message}\n--- dovecot log (${logPath}) ---\n${readLog()}`);
    }
  };

  const kill = async (): Promise<void> => {
    const child = master;
    const dog = watchdog;
    master = null;
    watchdog = null;
    dog?.kill('SIGKILL');
    const pgid = child?.pid;
    if (!child || !pgid) return;
    const exited = child.exitCode !== null || child.signalCode !== null
      ? Promise.resolve()
      : new Promise<void>((r) => child.once('exit', () => r()));
    // The whole group: on SIGTERM the master does not wait for its children (an IDLE imap
    // process, log, stats outlive it), and anvil sometimes ignores SIGTERM: SIGKILL after 1 s.
    signalGroup(pgid, 'SIGTERM');
    const start = Date.now();
    let killed = false;
    while (groupAlive(pgid)) {
      const waited = Date.now() - start;
      if (waited > 1000 && !killed) { signalGroup(pgid, 'SIGKILL'); killed = true; }
      if (waited > 5000) throw new Error(`dovecot processes of group ${pgid} survived SIGKILL`);
      await sleep(20);
    }
    await Promise.race([exited, sleep(2000)]);
    groups.delete(pgid);
  };

  /** Waits until no leftover dovecot child still holds the listening socket. */
  const waitPortFree = async (port: number) => {
    const deadline = Date.now() + 5000;
    while (await portBusy(port)) {
      if (Date.now() > deadline) throw new Error(`port ${port} still in use 5 s after dovecot stopped`);
      await sleep(50);
    }
  };

  // First start: a free port picked here; another process may grab it in between, so retry.
  let port = 0;
  for (let attempt = 1; ; attempt++) {
    port = await freePort();
    try {
      await launch(port);
      break;
    } catch (err) {
      const inUse = /Address already in use|EADDRINUSE/i.test((err as Error).message);
      if (!inUse || attempt >= 5) {
        await fsp.rm(dir, { recursive: true, force: true });
        tempDirs.delete(dir);
        throw err;
      }
    }
  }

  const d = { port, user, password };
  const dovecot: Dovecot = {
    host: '127.0.0.1', port, user, password, dir,
    url: `imap://${encodeURIComponent(user)}:${encodeURIComponent(password)}@127.0.0.1:${port}/INBOX`,
    append: (raw, flags) => withSession(d, 'dovecot.append', async (c) => {
      await c.append('INBOX', raw, flags ?? []);
    }),
    list: () => withSession(d, 'dovecot.list', async (c) => {
      const lock = await c.getMailboxLock('INBOX');
      try {
        const out: ListedMessage[] = [];
        if (c.mailbox && c.mailbox.exists > 0) {
          for await (const m of c.fetch('1:*', { uid: true, flags: true, envelope: true })) {
            // a flag change made meanwhile by another session may come back as an untagged FETCH without a UID
            if (typeof m.uid !== 'number') continue;
            // \Recent only says which session saw the message first: left out
            const item: ListedMessage = { uid: m.uid, flags: [...(m.flags ?? [])].filter((f) => f !== '\\Recent').sort() };
            if (m.envelope?.subject !== undefined) item.subject = m.envelope.subject;
            out.push(item);
          }
        }
        return out.sort((a, b) => a.uid - b.uid);
      } finally {
        lock.release();
      }
    }),
    stop: async () => {
      await kill();
      await waitPortFree(port);
      await fsp.rm(dir, { recursive: true, force: true });
      tempDirs.delete(dir);
    },
    restart: async () => {
      await kill();
      await waitPortFree(port);
      // same port: something else could have taken it meanwhile; retry briefly on EADDRINUSE
      for (let attempt = 1; ; attempt++) {
        try {
          await launch(port);
          return;
        } catch (err) {
          if (!/Address already in use|EADDRINUSE/i.test((err as Error).message) || attempt >= 10) throw err;
          await sleep(200);
        }
      }
    },
    log: readLog,
  };
  return dovecot;
}
