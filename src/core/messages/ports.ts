/** What receiving an email needs from storage (the SQLite implementation is src/db/mailStore.ts). */
import type { GuardianId } from '../ids.js';
import type { AuditEntry, GuardianRecord } from '../ports.js';
import type { IsoDate } from '../time.js';

/** An email to queue in the outbox. */
export interface OutgoingEmail {
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** Our own Message-ID (src/core/messages/threadIds.ts), when written to a guardian. */
  messageId?: string;
  inReplyTo?: string;
  references?: string[];
  replyTo?: string;
  /** What it is ("reply", "unknown_sender", "too_long"…), for the outbox and the logs. */
  kind: string;
}

export type InboundStatus = 'acted' | 'answered' | 'ignored';

/** What was answered to one address on one day. */
export interface SenderDay {
  answers: number;
  /** Answers in a row, that day, to messages that carried no request of a person. */
  withoutRequest: number;
  unknownAnsweredAt: Date | null;
}

/** The reads and writes of one received email, in one transaction. */
export interface MailTx {
  /** Whether the message with this key (Message-ID and sender) was already taken. */
  seen(key: string): Promise<boolean>;
  /** Records the message as taken, with what became of it. */
  record(entry: { key: string; sender: string | null; guardianId: GuardianId | null; status: InboundStatus; reason: string | null; at: Date }): Promise<void>;
  /** Guardians whose registered address is `address` (any case), in families that have been activated. */
  guardiansByAddress(address: string): Promise<GuardianRecord[]>;
  /** A guardian whose code was sent becomes active (their first proven message). */
  activate(guardianId: GuardianId, at: Date): Promise<void>;
  senderDay(address: string, day: IsoDate): Promise<SenderDay>;
  /** Counts one answer to `address` on `day`. */
  countAnswer(address: string, day: IsoDate, change: { request: boolean; unknownSender: boolean; at: Date }): Promise<void>;
  queueEmail(email: OutgoingEmail, at: Date): Promise<void>;
  audit(entries: readonly AuditEntry[]): Promise<void>;
}

export interface MailStore {
  /** Runs `fn` as one write transaction; the conversation's own writes join it. */
  write<T>(fn: (tx: MailTx) => Promise<T>): Promise<T>;
}
