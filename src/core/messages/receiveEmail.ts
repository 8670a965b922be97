/**
 * Receiving one email, whatever the mailbox: de-duplicate (its Message-ID
 * and its sender), recognise machines (never answered), identify the
 * guardian without guessing, authenticate (the town's server's verdict, or a
 * reply in a thread the assistant started with that guardian), activate,
 * then hand the text to the conversation, in one transaction with the
 * reply queued. DESIGN.md, "contract — email".
 */
import { handleMessage, type ConversationDeps, type Reply } from '../conversation/converse.js';
import type { FamilyId, GuardianId } from '../ids.js';
import type { AuditEntry, GuardianRecord } from '../ports.js';
import { senderVerdict, type AuthResultsHeader } from './authentication.js';
import type { InboundStatus, MailStore, OutgoingEmail } from './ports.js';
import { NOT_ACTED_FR, sharedAddressText, tooLongText, unknownSenderText, unreadableText } from './texts.js';
import { inThreadWith, threadMessageId } from './threadIds.js';

/** New text longer than this (quotes, signatures and attachments left out) gets a short answer instead. */
export const MAX_NEW_TEXT = 20_000;
/** Answers in a row to messages without a person's request, after which a sender is not answered until the next day. */
export const LOOP_LIMIT = 3;
/** Answers a day to one address, whatever they were. */
export const DAILY_ANSWERS = 50;

/** An email as read at the edge (src/mail/inbound.ts): facts only, no decision. */
export interface ReceivedEmail {
  /** Message-ID with its angle brackets, or a digest of the source when it has none. */
  messageId: string;
  /** Every address in From, lower case, in order (a forger may write two). */
  from: string[];
  /** The Sender address, lower case, when the header is there. */
  sender: string | null;
  subject: string;
  /** In-Reply-To and References. */
  references: string[];
  /** Every address it was delivered to (To, Cc, Delivered-To), lower case. */
  recipients: string[];
  /** The new text (quotes and signature cut), at most a little over MAX_NEW_TEXT. */
  text: string;
  /** Length of the new text before any cut at the edge. */
  textLength: number;
  /** The message could not be parsed (or its text could not be decoded). */
  unreadable: boolean;
  /** Why its headers or subject show a machine wrote it (auto-reply, list, bulk), or null. */
  automatic: string | null;
  /** Why its wording reads as an automatic reply ("je suis absente du … au …"), or null. */
  automaticWording: string | null;
  /** A delivery report or a mailer daemon. */
  bounce: boolean;
  /** Values of its X-Loop headers, lower case. */
  xLoop: string[];
  /** Authentication-Results headers, topmost first. */
  auth: AuthResultsHeader[];
}

export interface ReceiveEmailDeps {
  mail: MailStore;
  conversation: ConversationDeps;
  /** The town's authserv-id (MAIL_AUTHSERV_ID). */
  authservId: string | undefined;
  /** APP_SECRET: signs our Message-IDs. */
  secret: string;
  /** Our own addresses (MAIL_FROM, lower case): mail from them, or carrying them in X-Loop, is never answered. */
  ownAddresses: string[];
  /** The domain of our Message-IDs. */
  messageIdDomain: string;
  /** The Reply-To of an email to a guardian. */
  replyTo: (guardianId: GuardianId) => string;
  /** The guardian whose signed Reply-To this recipient address is, or null. */
  replyToGuardian: (address: string) => number | null;
  /** Random base64url, at least 16 characters. */
  nonce: () => string;
  organisation: string;
}

export type ReceiveOutcome =
  | { outcome: 'acted'; guardianId: number }
  | { outcome: 'answered'; why: 'unknown_sender' | 'too_long' | 'unreadable' | 'unverified' | 'shared_address' }
  | { outcome: 'ignored'; why: string }
  | { outcome: 'duplicate' };

/** The idempotency key of an email: its Message-ID and its sender. */
export function emailKey(mail: Pick<ReceivedEmail, 'messageId' | 'from'>): string {
  return `${mail.messageId} from ${mail.from[0] ?? '-'}`;
}

/** Whether `address` is ours, also with a +tag ("inscriptions+g12-…@mairie.fr"). */
function isOwn(address: string, own: readonly string[]): boolean {
  const bare = address.replace(/\+[^@]*@/, '@');
  return own.includes(address) || own.includes(bare);
}

/** Does the text name one of the family's children (as a word)? */
function namesChild(text: string, names: readonly string[]): boolean {
  const folded = ` ${text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ')} `;
  return names.some((n) => {
    const name = n.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
    return name !== '' && folded.includes(` ${name} `);
  });
}

/** "Re: " once, whatever the client put there. */
export function replySubject(subject: string, lang: 'fr' | 'en'): string {
  const base = subject.replace(/^\s*((re|tr|fwd?|aw|réf)\s*:\s*)+/i, '').trim();
  return `Re: ${base || (lang === 'en' ? 'your request' : 'votre demande')}`;
}

/** Receives one email; `render` turns a conversation reply into the email's text and HTML. */
export async function receiveEmail(
  deps: ReceiveEmailDeps,
  mail: ReceivedEmail,
  now: Date,
  render: (reply: Reply) => { text: string; html: string },
): Promise<ReceiveOutcome> {
  const key = emailKey(mail);
  const own = deps.ownAddresses.map((a) => a.toLowerCase());
  const day = deps.conversation.town.today(now);
  const from = mail.from[0] ?? null;

  return deps.mail.write(async (tx): Promise<ReceiveOutcome> => {
    if (await tx.seen(key)) return { outcome: 'duplicate' };

    const notActed = async (status: InboundStatus, reason: string, guardian: GuardianRecord | null, familyId: FamilyId | null = guardian?.familyId ?? null) => {
      await tx.record({ key, sender: from, guardianId: guardian?.id ?? null, status, reason, at: now });
      const entry: AuditEntry = {
        at: now,
        actor: guardian ? { type: 'guardian', id: guardian.id } : { type: 'system' },
        channel: 'email',
        action: 'email.not_acted',
        familyId,
        before: null,
        after: { email: from ?? '—', reason: NOT_ACTED_FR[reason] ?? reason, text: mail.subject.slice(0, 200) },
      };
      await tx.audit([entry]);
    };
    const ignore = async (reason: string, guardian: GuardianRecord | null = null): Promise<ReceiveOutcome> => {
      await notActed('ignored', reason, guardian);
      return { outcome: 'ignored', why: reason };
    };

    // Machines first: never answered, whoever they claim to be.
    if (!from) return ignore('no_sender');
    if (mail.from.some((a) => isOwn(a, own)) || (mail.sender !== null && isOwn(mail.sender, own))) return ignore('own_address');
    if (mail.xLoop.some((v) => own.some((a) => v.includes(a)))) return ignore('loop');
    if (mail.bounce) return ignore('bounce');
    if (mail.automatic) return ignore('automatic');
    const verdict = senderVerdict(mail.auth, deps.authservId, from);
    if (verdict === 'fail') {
      await notActed('ignored', 'authentication_failed', null);
      return { outcome: 'ignored', why: 'authentication failed' };
    }

    // Who: every guardian registered with one of the From addresses.
    const candidates = new Map<number, GuardianRecord>();
    for (const address of new Set(mail.from)) for (const g of await tx.guardiansByAddress(address)) candidates.set(g.id, g);
    const all = [...candidates.values()];

    const thread = (g: GuardianRecord) => inThreadWith(mail.references, deps.secret, g.id);
    const queue = async (to: string, guardian: GuardianRecord | null, text: string, html: string | undefined, kind: string, lang: 'fr' | 'en') => {
      const email: OutgoingEmail = {
        to,
        subject: replySubject(mail.subject, lang),
        text,
        ...(html ? { html } : {}),
        ...(guardian ? { messageId: threadMessageId(deps.secret, guardian.id, deps.nonce(), deps.messageIdDomain), replyTo: deps.replyTo(guardian.id) } : {}),
        inReplyTo: mail.messageId,
        references: [...mail.references.filter((r) => r !== mail.messageId), mail.messageId],
        kind,
      };
      await tx.queueEmail(email, now);
    };

    if (all.length === 0) {
      if (mail.automaticWording) return ignore('automatic_wording');
      const today = await tx.senderDay(from, day);
      if (today.unknownAnsweredAt) {
        await notActed('ignored', 'unknown_sender_again', null);
        return { outcome: 'ignored', why: 'unknown sender, already answered today' };
      }
      await queue(from, null, unknownSenderText(deps.organisation), undefined, 'unknown_sender', 'fr');
      await tx.countAnswer(from, day, { request: false, unknownSender: true, at: now });
      await notActed('answered', 'unknown_sender', null);
      return { outcome: 'answered', why: 'unknown_sender' };
    }

    // Several guardians (several families) on this address: only our own thread, or the signed
    // Reply-To we gave one of them, says which one.
    const repliedTo = new Set(mail.recipients.map(deps.replyToGuardian).filter((id): id is number => id !== null));
    const bound = all.filter((g) => thread(g) || repliedTo.has(g.id));
    const guardian = all.length === 1 ? all[0]! : bound.length === 1 ? bound[0]! : null;
    // The loop limit counts per registered address (a forger rotating his own From address cannot reset it).
    const counter = guardian?.email ?? from;
    const today = await tx.senderDay(counter, day);
    const overLimit = today.withoutRequest >= LOOP_LIMIT || today.answers >= DAILY_ANSWERS;
    if (!guardian) {
      if (overLimit || mail.automaticWording) return ignore(overLimit ? 'loop_limit' : 'automatic_wording');
      await notActed('answered', 'shared_address', null, null);
      await queue(from, null, sharedAddressText(deps.organisation), undefined, 'shared_address', 'fr');
      await tx.countAnswer(counter, day, { request: false, unknownSender: false, at: now });
      return { outcome: 'answered', why: 'shared_address' };
    }
    const to = guardian.email ?? from;

    // Proven: one From, no other Sender, and the town's server vouches for it or it answers our thread.
    const single = mail.from.length === 1 && (mail.sender === null || mail.sender === from);
    const verified = single && (verdict === 'pass' || thread(guardian));

    const shortAnswer = async (why: 'too_long' | 'unreadable'): Promise<ReceiveOutcome> => {
      if (overLimit) return ignore('loop_limit', guardian);
      await notActed('answered', why, guardian);
      const text = why === 'too_long' ? tooLongText(guardian.language, MAX_NEW_TEXT, deps.organisation) : unreadableText(guardian.language, deps.organisation);
      await queue(to, guardian, text, undefined, why, guardian.language);
      await tx.countAnswer(counter, day, { request: false, unknownSender: false, at: now });
      return { outcome: 'answered', why };
    };
    if (mail.unreadable) return shortAnswer('unreadable');
    if (mail.textLength > MAX_NEW_TEXT) return shortAnswer('too_long');

    // Worded like an out-of-office: ignored, unless it names a child, then only asked to confirm.
    let confirmFirst = !verified;
    if (mail.automaticWording) {
      const family = await deps.conversation.families.byId(guardian.familyId);
      if (!namesChild(mail.text, (family?.children ?? []).map((c) => c.firstName))) return ignore('automatic_wording', guardian);
      confirmFirst = true;
    }
    if (!confirmFirst && overLimit && today.answers >= DAILY_ANSWERS) return ignore('loop_limit', guardian);
    if (confirmFirst && overLimit) return ignore('loop_limit', guardian);

    if (!confirmFirst && guardian.accessState === 'code_sent') await tx.activate(guardian.id, now);
    const reply = await handleMessage(deps.conversation, { guardian, channel: 'email', text: mail.text, now, confirmFirst });
    const request = !confirmFirst && reply.noRequest !== true;
    if (overLimit && !request) return ignore('loop_limit', guardian);

    const rendered = render(reply);
    await queue(to, guardian, rendered.text, rendered.html, confirmFirst ? 'confirm_request' : 'reply', reply.lang);
    await tx.countAnswer(counter, day, { request, unknownSender: false, at: now });
    if (confirmFirst) {
      await notActed('answered', mail.automaticWording ? 'automatic_wording' : 'unverified', guardian);
      return { outcome: 'answered', why: 'unverified' };
    }
    await tx.record({ key, sender: from, guardianId: guardian.id, status: 'acted', reason: null, at: now });
    return { outcome: 'acted', guardianId: guardian.id };
  });
}

