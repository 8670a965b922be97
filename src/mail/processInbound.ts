/**
 * Deals with one incoming email, exactly once: the raw message is read at
 * the edge (inbound.ts), then the core receives it (de-duplicate, identify,
 * authenticate, activate, converse) in a single transaction that records
 * the message as taken and writes the reply to the outbox. A crash anywhere
 * before the commit leaves nothing behind, and the message is taken again;
 * a crash after it finds the message already recorded and only flags it
 * \Seen.
 */
import { randomBytes } from 'node:crypto';
import type { App } from '../app.js';
import { GuardianId } from '../core/ids.js';
import { receiveEmail, type ReceiveEmailDeps, type ReceiveOutcome } from '../core/messages/receiveEmail.js';
import type { Clock } from '../core/time.js';
import { maskEmail, redactingLog } from '../core/privacy/redact.js';
import { PrismaMailStore } from '../db/mailStore.js';
import { readInbound } from './inbound.js';
import { renderEmail } from './render.js';
import { bareAddress, guardianFromAddress, messageIdDomain, replyAddress } from './replyAddress.js';

export type { EmailPayload } from '../db/mailStore.js';

export interface MailOptions {
  app: App;
  /** The only clock the mail adapter reads. */
  clock: Clock;
  /** MAIL_FROM. */
  mailFrom: string;
  /** MAIL_AUTHSERV_ID: the town's receiving server, whose Authentication-Results are trusted. */
  authservId?: string;
  /** APP_SECRET (reply tokens, our Message-IDs). */
  secret: string;
  log?: (line: string) => void;
}

export type InboundOutcome = ReceiveOutcome;

/** What the core's receiveEmail needs, built from the adapter's options. */
export function receiveDeps(opts: MailOptions): ReceiveEmailDeps {
  const own = bareAddress(opts.mailFrom).toLowerCase();
  return {
    mail: new PrismaMailStore(opts.app.db),
    conversation: opts.app.conversation,
    authservId: opts.authservId,
    secret: opts.secret,
    ownAddresses: [own],
    messageIdDomain: messageIdDomain(opts.mailFrom),
    replyTo: (id: GuardianId) => replyAddress(opts.mailFrom, opts.secret, id),
    replyToGuardian: (address: string) => guardianFromAddress(address, opts.secret),
    nonce: () => randomBytes(12).toString('base64url'),
    organisation: opts.app.town.config.organisation,
  };
}

/** Reads, decides and records one raw message. */
export async function processInbound(opts: MailOptions, source: Buffer): Promise<InboundOutcome> {
  const log = redactingLog(opts.log ?? (() => {}));
  const mail = await readInbound(source);
  const now = opts.clock.now();
  const organisation = opts.app.town.config.organisation;
  const outcome = await receiveEmail(receiveDeps(opts), mail, now, (reply) => renderEmail(reply, organisation));
  if (outcome.outcome !== 'acted' && outcome.outcome !== 'duplicate') log(`email ${mail.messageId} from ${maskEmail(mail.from[0] ?? '?')}: ${outcome.outcome} (${outcome.why})`);
  return outcome;
}
