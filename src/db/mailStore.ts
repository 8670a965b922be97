/** The email channel's store (src/core/messages/ports.ts) on SQLite through Prisma. */
import type { GuardianId } from '../core/ids.js';
import type { MailStore, MailTx, OutgoingEmail, SenderDay } from '../core/messages/ports.js';
import type { AuditEntry, GuardianRecord } from '../core/ports.js';
import type { IsoDate } from '../core/time.js';
import { writeAudit } from './audit.js';
import type { Db } from './database.js';
import { toGuardian } from './familyStore.js';
import { writeTransaction, type Tx } from './transaction.js';

/** The outbox payload of an email: what nodemailer needs beyond to/subject/text (read by src/mail/sendMail.ts). */
export interface EmailPayload {
  kind: string;
  html?: string;
  messageId?: string;
  inReplyTo?: string;
  references?: string[];
  replyTo?: string;
}

class PrismaMailTx implements MailTx {
  constructor(private readonly tx: Tx) {}

  async seen(key: string): Promise<boolean> {
    return (await this.tx.inboundMessage.findUnique({ where: { channel_externalId: { channel: 'email', externalId: key } }, select: { id: true } })) !== null;
  }

  async record(e: { key: string; sender: string | null; guardianId: GuardianId | null; status: string; reason: string | null; at: Date }): Promise<void> {
    await this.tx.inboundMessage.create({ data: { channel: 'email', externalId: e.key, sender: e.sender, guardianId: e.guardianId, status: e.status, reason: e.reason, receivedAt: e.at } });
  }

  async guardiansByAddress(address: string): Promise<GuardianRecord[]> {
    // Addresses are stored in lower case (the families import lowers them).
    const guardians = await this.tx.guardian.findMany({
      where: { email: address.toLowerCase() },
      include: { family: { include: { guardians: { select: { accessState: true } } } } },
      orderBy: { id: 'asc' },
    });
    return guardians.filter((g) => g.family.guardians.some((x) => x.accessState !== 'inactive')).map(toGuardian);
  }

  async activate(guardianId: GuardianId, at: Date): Promise<void> {
    await this.tx.guardian.updateMany({ where: { id: guardianId, accessState: 'code_sent' }, data: { accessState: 'active', activatedAt: at } });
  }

  async senderDay(address: string, day: IsoDate): Promise<SenderDay> {
    const row = await this.tx.mailSenderDay.findUnique({ where: { address_day: { address, day } } });
    return { answers: row?.answers ?? 0, withoutRequest: row?.withoutRequest ?? 0, unknownAnsweredAt: row?.unknownAnsweredAt ?? null };
  }

  async countAnswer(address: string, day: IsoDate, change: { request: boolean; unknownSender: boolean; at: Date }): Promise<void> {
    await this.tx.mailSenderDay.upsert({
      where: { address_day: { address, day } },
      create: { address, day, answers: 1, withoutRequest: change.request ? 0 : 1, unknownAnsweredAt: change.unknownSender ? change.at : null },
      update: {
        answers: { increment: 1 },
        withoutRequest: change.request ? 0 : { increment: 1 },
        ...(change.unknownSender ? { unknownAnsweredAt: change.at } : {}),
      },
    });
  }

  async queueEmail(email: OutgoingEmail, at: Date): Promise<void> {
    const payload: EmailPayload = {
      kind: email.kind,
      ...(email.html ? { html: email.html } : {}),
      ...(email.messageId ? { messageId: email.messageId } : {}),
      ...(email.inReplyTo ? { inReplyTo: email.inReplyTo } : {}),
      ...(email.references?.length ? { references: email.references } : {}),
      ...(email.replyTo ? { replyTo: email.replyTo } : {}),
    };
    await this.tx.outbox.create({ data: { channel: 'email', recipient: email.to, subject: email.subject, body: email.text, payload: JSON.stringify(payload), createdAt: at, nextAttemptAt: at } });
  }

  audit(entries: readonly AuditEntry[]): Promise<void> {
    return writeAudit(this.tx, entries);
  }
}

export class PrismaMailStore implements MailStore {
  constructor(private readonly db: Db) {}
  write<T>(fn: (tx: MailTx) => Promise<T>): Promise<T> {
    return writeTransaction(this.db, (tx) => fn(new PrismaMailTx(tx)));
  }
}
