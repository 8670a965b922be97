/**
 * Deals with one incoming email, exactly once: in a single transaction the
 * message is recorded as taken (by its Message-ID), the booking changes are
 * made and the reply is written to the outbox. A crash anywhere before the
 * commit leaves nothing behind, and the message is taken again; a crash
 * after it finds the message already recorded and only flags it \Seen.
 */
import type { App } from '../app.js';
import { handleMessage } from '../core/conversation/converse.js';
import type { Clock } from '../core/time.js';
import { maskEmail, redactingLog } from '../core/privacy/redact.js';
import { toGuardian } from '../db/familyStore.js';
import { writeTransaction, type Tx } from '../db/transaction.js';
import { authVerdict, MAX_MESSAGE_BYTES, MAX_NEW_TEXT, readInbound, type InboundMail } from './inbound.js';
import { renderEmail, replySubject } from './render.js';
import { guardianFromAddress, replyAddress } from './replyAddress.js';

export interface MailOptions {
  app: App;
  clock: Clock;
  /** MAIL_FROM. */
  mailFrom: string;
  /** MAIL_AUTHSERV_ID: the town's receiving server, whose Authentication-Results are trusted. */
  authservId?: string;
  /** APP_SECRET (reply tokens). */
  secret: string;
  log?: (line: string) => void;
}

export type InboundOutcome =
  | { outcome: 'acted'; guardianId: number }
  | { outcome: 'answered'; why: 'unknown_sender' | 'too_long' }
  | { outcome: 'ignored'; why: string }
  | { outcome: 'duplicate' };

/** The outbox payload of an email: what nodemailer needs beyond to/subject/text. */
export interface EmailPayload {
  kind: string;
  html?: string;
  inReplyTo?: string;
  references?: string[];
  replyTo?: string;
}

async function queueEmail(tx: Tx, opts: MailOptions, to: string, subject: string, text: string, payload: EmailPayload): Promise<void> {
  const now = opts.clock.now();
  await tx.outbox.create({ data: { channel: 'email', recipient: to, subject, body: text, payload: JSON.stringify(payload), createdAt: now, nextAttemptAt: now } });
}

function threadHeaders(mail: InboundMail): Pick<EmailPayload, 'inReplyTo' | 'references'> {
  return mail.messageId ? { inReplyTo: mail.messageId, references: [...mail.references, mail.messageId] } : { references: mail.references };
}

/** Reads, decides and records one raw message. */
export async function processInbound(opts: MailOptions, source: Buffer): Promise<InboundOutcome> {
  const { app } = opts;
  const log = redactingLog(opts.log ?? (() => {}));
  const mail = await readInbound(source);
  const signature = app.town.config.organisation;
  return writeTransaction(app.db, async (tx) => {
    const now = opts.clock.now();
    const seen = await tx.inboundMessage.findUnique({ where: { channel_externalId: { channel: 'email', externalId: mail.id } } });
    if (seen) return { outcome: 'duplicate' as const };
    const record = (guardianId: number | null) => tx.inboundMessage.create({ data: { channel: 'email', externalId: mail.id, guardianId, receivedAt: now } });

    if (mail.automatic || !mail.from) {
      await record(null);
      log(`email ${mail.id}: ignored (${mail.automatic ?? 'no sender'})`);
      return { outcome: 'ignored' as const, why: mail.automatic ?? 'no sender' };
    }
    if (authVerdict(mail.auth, opts.authservId) === 'fail') {
      await record(null);
      log(`email ${mail.id} from ${maskEmail(mail.from)}: ignored, sender authentication failed`);
      return { outcome: 'ignored' as const, why: 'authentication failed' };
    }

    // Registered address of a guardian whose family has been activated.
    const rows = await tx.guardian.findMany({ where: { email: mail.from }, include: { family: { include: { guardians: { select: { accessState: true } } } } } });
    const activated = rows.filter((g) => g.family.guardians.some((x) => x.accessState !== 'inactive'));
    const proven = mail.recipients.map((r) => guardianFromAddress(r, opts.secret)).find((id) => id !== null);
    const row = activated.find((g) => g.id === proven) ?? activated[0];

    if (!row) {
      await record(null);
      const since = new Date(now.getTime() - 24 * 3_600_000);
      const answeredToday = await tx.outbox.count({ where: { channel: 'email', recipient: mail.from, createdAt: { gte: since }, payload: { contains: '"kind":"unknown_sender"' } } });
      if (answeredToday > 0) return { outcome: 'ignored' as const, why: 'unknown sender, already answered today' };
      const text = [
        'Bonjour,',
        '',
        `Cette adresse n’est pas celle d’une famille inscrite au Portail Famille du ${signature}. Pour réserver la cantine, la garderie ou l’accueil du mercredi par email, présentez-vous à l’accueil du CCAS avec l’adresse email que vous souhaitez utiliser : vos accès seront activés.`,
        '',
        `— ${signature}`,
      ].join('\n');
      await queueEmail(tx, opts, mail.from, replySubject(mail.subject, 'fr'), text, { kind: 'unknown_sender', ...threadHeaders(mail) });
      log(`email ${mail.id} from ${maskEmail(mail.from)}: unknown sender, answered once`);
      return { outcome: 'answered' as const, why: 'unknown_sender' as const };
    }

    const guardian = toGuardian(row);
    await record(guardian.id);
    const headers = { replyTo: replyAddress(opts.mailFrom, opts.secret, guardian.id), ...threadHeaders(mail) };
    if (mail.size > MAX_MESSAGE_BYTES || mail.text.length > MAX_NEW_TEXT) {
      const en = guardian.language === 'en';
      const text = en
        ? `Hello,\n\nYour message is too long for me to read safely (over ${MAX_NEW_TEXT} characters or 1 MB). Please send your request in a few lines, for example: "Léa has lunch at school on Thursday".\n\n— ${signature}`
        : `Bonjour,\n\nVotre message est trop long pour que je le lise sans risque d’erreur (plus de ${MAX_NEW_TEXT} caractères ou 1 Mo). Envoyez votre demande en quelques lignes, par exemple : « Léa mange à la cantine jeudi ».\n\n— ${signature}`;
      await queueEmail(tx, opts, mail.from, replySubject(mail.subject, guardian.language), text, { kind: 'too_long', ...headers });
      return { outcome: 'answered' as const, why: 'too_long' as const };
    }
    if (guardian.accessState === 'code_sent') await tx.guardian.update({ where: { id: guardian.id }, data: { accessState: 'active', activatedAt: now } });
    const reply = await handleMessage(app.conversation, { guardian, channel: 'email', text: mail.text, now });
    const rendered = renderEmail(reply, signature);
    await queueEmail(tx, opts, mail.from, replySubject(mail.subject, reply.lang), rendered.text, { kind: 'reply', html: rendered.html, ...headers });
    return { outcome: 'acted' as const, guardianId: guardian.id };
  });
}
