/**
 * The mail worker: reads the IMAP mailbox (imapflow, IDLE), hands each new
 * message to processInbound, and flags it \Seen only once that has
 * committed (its reply, if any, safely in the outbox). When the server goes
 * away it reconnects with a growing delay; stop() ends it cleanly.
 */
import { ImapFlow } from 'imapflow';
import { processInbound, type InboundOutcome, type MailOptions } from './processInbound.js';
import { redactingLog } from '../core/privacy/redact.js';

export interface MailWorkerOptions extends MailOptions {
  /** imap://user:pass@host:port/MAILBOX or imaps://… */
  imapUrl: string;
  /** Fault injection for tests: called after a message is processed and committed, before it is flagged. */
  afterCommit?: (uid: number, outcome: InboundOutcome) => void | Promise<void>;
  /** Called after each message is flagged (tests wait on it). */
  onHandled?: (uid: number, outcome: InboundOutcome) => void;
}

export interface ImapTarget {
  host: string;
  port: number;
  secure: boolean;
  user: string;
  pass: string;
  mailbox: string;
}

/** Reads IMAP_URL. */
export function parseImapUrl(url: string): ImapTarget {
  const u = new URL(url);
  const secure = u.protocol === 'imaps:';
  return {
    host: u.hostname,
    port: u.port ? Number(u.port) : secure ? 993 : 143,
    secure,
    user: decodeURIComponent(u.username),
    pass: decodeURIComponent(u.password),
    mailbox: decodeURIComponent(u.pathname.replace(/^\//, '')) || 'INBOX',
  };
}

/** Delay before reconnecting after `attempt` failures: 1 s, 2 s, 4 s… up to a minute. */
export function reconnectDelayMs(attempt: number): number {
  return Math.min(1_000 * 2 ** attempt, 60_000);
}

export class MailWorker {
  private stopping = false;
  private running: Promise<void> | undefined;
  private client: ImapFlow | undefined;
  private wake: (() => void) | undefined;
  /** Set by 'exists': new mail arrived since the current drain began. */
  private newMail = false;
  private readonly target: ImapTarget;
  private readonly log: (line: string) => void;
  /** Messages whose processing failed (a database error): retried after a while, not in a tight loop. */
  private readonly failedAt = new Map<number, number>();

  constructor(private readonly opts: MailWorkerOptions) {
    this.target = parseImapUrl(opts.imapUrl);
    this.log = redactingLog(opts.log ?? ((line) => console.error(line)));
  }

  /** The clock it was given (the retry delay of a failed message); a clock that throws must not stop the worker. */
  private now(): number {
    try {
      return this.opts.clock.now().getTime();
    } catch {
      return 0;
    }
  }

  start(): void {
    this.running ??= this.loop();
  }

  /** Finishes the message in hand, then logs out. Safe to call twice. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.wake?.();
    await this.running;
  }

  private async loop(): Promise<void> {
    let attempt = 0;
    while (!this.stopping) {
      try {
        await this.session(() => {
          attempt = 0;
        });
      } catch (error) {
        if (!this.stopping) this.log(`email : IMAP ${this.target.host}:${this.target.port} (${(error as Error).message ?? error})`);
      }
      if (this.stopping) break;
      const delay = reconnectDelayMs(attempt++);
      this.log(`email : reconnexion IMAP dans ${Math.round(delay / 1000)} s`);
      await this.sleep(delay);
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }

  private async session(connected: () => void): Promise<void> {
    const t = this.target;
    const client = new ImapFlow({
      host: t.host,
      port: t.port,
      secure: t.secure,
      auth: { user: t.user, pass: t.pass },
      logger: false,
      socketTimeout: 5 * 60_000,
      // IDLE as soon as the mailbox is quiet, so a parent's message is read within a second.
      autoIdleDelay: 500,
    });
    this.client = client;
    let closed = false;
    client.on('error', (error: Error) => this.log(`email : IMAP ${error.message}`));
    client.on('close', () => {
      closed = true;
      this.wake?.();
    });
    client.on('exists', () => {
      // also while a drain runs (its wake-up would be lost): drain again before sleeping
      this.newMail = true;
      this.wake?.();
    });
    await client.connect();
    connected();
    try {
      while (!this.stopping && !closed) {
        this.newMail = false;
        // The lock only for the drain: imapflow never IDLEs while a mailbox lock is held, and
        // without IDLE no 'exists' arrives and a new message waits for the 30 s poll.
        const lock = await client.getMailboxLock(t.mailbox);
        try {
          await this.drain(client);
        } finally {
          lock.release();
        }
        if (this.stopping || closed) break;
        if (this.newMail) continue;
        // imapflow IDLEs by itself while we wait; a new message ('exists') wakes us.
        await this.sleep(30_000);
      }
    } finally {
      if (!closed) await client.logout().catch(() => client.close());
      this.client = undefined;
    }
    if (closed && !this.stopping) throw new Error('connexion fermée par le serveur');
  }

  /** Processes every unseen message: UIDs first, then one at a time (no command inside a fetch). */
  private async drain(client: ImapFlow): Promise<void> {
    const uids = (await client.search({ seen: false }, { uid: true })) || [];
    for (const uid of uids) {
      if (this.stopping) return;
      const failed = this.failedAt.get(uid);
      if (failed !== undefined && this.now() - failed < 60_000) continue;
      const message = await client.fetchOne(String(uid), { source: true }, { uid: true });
      if (!message || !message.source) continue;
      let outcome: InboundOutcome;
      try {
        outcome = await processInbound(this.opts, message.source);
      } catch (error) {
        this.failedAt.set(uid, this.now());
        this.log(`email : message UID ${uid} non traité, nouvel essai plus tard (${(error as Error).message})`);
        continue;
      }
      this.failedAt.delete(uid);
      await this.opts.afterCommit?.(uid, outcome);
      await client.messageFlagsAdd(String(uid), ['\\Seen'], { uid: true });
      this.opts.onHandled?.(uid, outcome);
    }
  }
}
