/**
 * A local SMTP server for end-to-end tests of outgoing mail: point nodemailer at
 * `url` (with `ignoreTLS: true`) and read what arrived in `messages`, each parsed
 * with mailparser's simpleParser and kept with its raw source and SMTP envelope.
 *
 * No TLS (STARTTLS disabled), AUTH optional (any credentials accepted), 127.0.0.1
 * only. `stop()` then `start()` brings it back on the same port (the SMTP server
 * being down for a while); `failNext(n)` answers the next n messages with a
 * temporary error (451 by default) at the end of DATA.
 */
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface Received {
  /** MAIL FROM and RCPT TO addresses as the client gave them. */
  envelope: { mailFrom: string | null; rcptTo: string[] };
  /** The message exactly as received (the DATA content, dot-unstuffed). */
  raw: Buffer;
  parsed: ParsedMail;
  receivedAt: Date;
}

export interface SmtpReceiver {
  /** smtp://127.0.0.1:PORT */
  url: string;
  port: number;
  /** Accepted messages, in order of arrival. */
  messages: Received[];
  /** How many messages were refused through failNext. */
  rejected: number;
  /** First message (already received or later) matching `predicate`; rejects after `timeoutMs` listing the subjects seen. */
  waitFor(predicate: (m: Received) => boolean, timeoutMs?: number): Promise<Received>;
  /** Stops listening and drops open connections (clients get 421). Resolves once the port is released. */
  stop(): Promise<void>;
  /** Listens again on the same port after stop(). */
  start(): Promise<void>;
  /** The next `n` messages are refused at the end of DATA with `code` (a temporary 4xx by default). */
  failNext(n: number, code?: number): void;
}

export async function startSmtpReceiver(): Promise<SmtpReceiver> {
  const messages: Received[] = [];
  const waiters = new Set<{ predicate: (m: Received) => boolean; resolve: (m: Received) => void }>();
  let failures: { left: number; code: number } = { left: 0, code: 451 };
  let server: SMTPServer | null = null;
  let port = 0;

  const deliver = (m: Received) => {
    messages.push(m);
    for (const w of waiters) {
      if (w.predicate(m)) {
        waiters.delete(w);
        w.resolve(m);
      }
    }
  };

  const create = () => new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    closeTimeout: 200,
    onAuth(_auth, _session, callback) {
      callback(null, { user: 'anyone' });
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('error', (err) => callback(err));
      stream.on('end', () => {
        if (failures.left > 0) {
          failures.left--;
          receiver.rejected++;
          const err = Object.assign(new Error('Temporary failure (test receiver failNext), try again later'), { responseCode: failures.code });
          return callback(err);
        }
        const raw = Buffer.concat(chunks);
        const envelope = {
          mailFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : null,
          rcptTo: session.envelope.rcptTo.map((a) => a.address),
        };
        simpleParser(raw).then(
          (parsed) => {
            deliver({ envelope, raw, parsed, receivedAt: new Date() });
            callback();
          },
          (err: Error) => callback(Object.assign(err, { responseCode: 554 })),
        );
      });
    },
  });

  const listen = async (wanted: number): Promise<void> => {
    for (let attempt = 1; ; attempt++) {
      const srv = create();
      try {
        await new Promise<void>((resolve, reject) => {
          const onError = (err: Error) => reject(err);
          srv.once('error', onError);
          srv.listen(wanted, '127.0.0.1', () => {
            srv.off('error', onError);
            resolve();
          });
        });
      } catch (err) {
        // the same port right after a stop: a leftover socket may hold it a moment
        if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE' && wanted !== 0 && attempt < 20) {
          await new Promise((r) => setTimeout(r, 100));
          continue;
        }
        throw err;
      }
      srv.on('error', () => { /* a client's broken connection; nothing to do for a test */ });
      server = srv;
      port = (srv.server.address() as AddressInfo).port;
      return;
    }
  };

  await listen(0);

  const receiver: SmtpReceiver = {
    url: `smtp://127.0.0.1:${port}`,
    port,
    messages,
    rejected: 0,
    waitFor(predicate, timeoutMs = 5000) {
      const found = messages.find(predicate);
      if (found) return Promise.resolve(found);
      return new Promise<Received>((resolve, reject) => {
        const waiter = {
          predicate,
          resolve: (m: Received) => { clearTimeout(timer); resolve(m); },
        };
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          const seen = messages.map((m) => JSON.stringify(m.parsed.subject ?? '(no subject)')).join(', ') || 'none';
          reject(new Error(`smtpReceiver.waitFor: no matching message within ${timeoutMs} ms; received: ${seen}`));
        }, timeoutMs);
        waiters.add(waiter);
      });
    },
    async stop() {
      const srv = server;
      server = null;
      if (!srv) return;
      await new Promise<void>((resolve) => srv.close(() => resolve()));
    },
    async start() {
      if (server) return;
      await listen(port);
    },
    failNext(n, code = 451) {
      failures = { left: n, code };
    },
  };
  return receiver;
}
