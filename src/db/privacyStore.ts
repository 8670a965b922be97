/** The core's PrivacyStore (src/core/privacy/ports.ts) through Prisma: retention, export and erasure. */
import { FamilyId } from '../core/ids.js';
import type { AuditEntry } from '../core/ports.js';
import type { Anonymised, ErasureCounts, FamilyData, PrivacyStore, RetentionCounts, RetentionCutoffs } from '../core/privacy/ports.js';
import { writeAudit } from './audit.js';
import type { Db } from './database.js';
import { writeTransaction } from './transaction.js';

function json(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export class PrismaPrivacyStore implements PrivacyStore {
  constructor(private readonly db: Db) {}

  purge(c: RetentionCutoffs): Promise<RetentionCounts> {
    return writeTransaction(this.db, async (tx) => {
      const inbound = await tx.inboundMessage.deleteMany({ where: { receivedAt: { lt: c.inboundMessagesBefore } } });
      // Day keys are the town's dates: a day's margin either way changes nothing to a rule counted in months.
      const senderDays = await tx.mailSenderDay.deleteMany({ where: { day: { lt: c.inboundMessagesBefore.toISOString().slice(0, 10) } } });
      const conversations = await tx.conversation.deleteMany({ where: { updatedAt: { lt: c.conversationStatesBefore } } });
      // Messages still to send stay whatever their age: only what went out goes.
      const sent = await tx.outbox.deleteMany({ where: { sentAt: { not: null, lt: c.sentMessagesBefore } } });
      const events = await tx.domainEvent.deleteMany({ where: { dispatchedAt: { not: null, lt: c.sentMessagesBefore } } });
      const audit = await tx.auditEvent.updateMany({
        where: { at: { lt: c.auditDetailsBefore }, OR: [{ before: { not: null } }, { after: { not: null } }] },
        data: { before: null, after: null },
      });
      return { inboundMessages: inbound.count, mailSenderDays: senderDays.count, conversationStates: conversations.count, sentMessages: sent.count, domainEvents: events.count, auditDetails: audit.count };
    });
  }

  async familyIdByReference(reference: string) {
    const f = await this.db.family.findUnique({ where: { reference }, select: { id: true } });
    return f ? FamilyId(f.id) : null;
  }

  async familyData(familyId: FamilyId): Promise<FamilyData | null> {
    const family = await this.db.family.findUnique({
      where: { id: familyId },
      include: {
        guardians: { orderBy: { id: 'asc' }, include: { activationCodes: { select: { createdAt: true, expiresAt: true, usedAt: true }, orderBy: { id: 'asc' } } } },
        children: { orderBy: { id: 'asc' } },
      },
    });
    if (!family) return null;
    const guardianIds = family.guardians.map((g) => g.id);
    const childIds = family.children.map((c) => c.id);
    const addressed = recipientsOf(family.guardians);
    const [bookings, conversations, inbound, sent, events, audit] = await Promise.all([
      this.db.booking.findMany({ where: { childId: { in: childIds } }, orderBy: [{ date: 'asc' }, { childId: 'asc' }, { serviceCode: 'asc' }] }),
      this.db.conversation.findMany({ where: { guardianId: { in: guardianIds } }, orderBy: { guardianId: 'asc' } }),
      this.db.inboundMessage.findMany({ where: { OR: [{ guardianId: { in: guardianIds } }, { sender: { in: emailsOf(family.guardians) } }] }, orderBy: { id: 'asc' } }),
      this.db.outbox.findMany({ where: { OR: addressed }, orderBy: { id: 'asc' } }),
      this.db.domainEvent.findMany({ where: { familyId }, orderBy: { id: 'asc' } }),
      this.db.auditEvent.findMany({ where: { OR: [{ familyId }, { familyId: null, actorType: 'guardian', actorId: { in: guardianIds } }] }, orderBy: { id: 'asc' } }),
    ]);
    return {
      family: { id: family.id, reference: family.reference, createdAt: family.createdAt, updatedAt: family.updatedAt },
      guardians: family.guardians.map((g) => ({
        id: g.id,
        name: g.name,
        email: g.email,
        phone: g.phone,
        language: g.language,
        telegramChatId: g.telegramChatId,
        accessState: g.accessState,
        activatedAt: g.activatedAt,
        createdAt: g.createdAt,
        activationCodes: g.activationCodes,
      })),
      children: family.children.map((c) => ({
        id: c.id,
        firstName: c.firstName,
        lastName: c.lastName,
        birthDate: c.birthDate,
        school: c.school,
        className: c.className,
        mealType: c.mealType,
        pai: c.pai,
        createdAt: c.createdAt,
      })),
      bookings: bookings.map((b) => ({
        childId: b.childId,
        serviceCode: b.serviceCode,
        date: b.date,
        state: b.state,
        absenceReason: b.absenceReason,
        absenceJustified: b.absenceJustified,
        waitingSince: b.waitingSince,
        channel: b.channel,
        changedBy: b.changedBy,
        createdAt: b.createdAt,
        updatedAt: b.updatedAt,
      })),
      conversations: conversations.map((c) => ({ guardianId: c.guardianId, state: json(c.state), updatedAt: c.updatedAt })),
      inboundMessages: inbound.map((m) => ({ guardianId: m.guardianId, channel: m.channel, externalId: m.externalId, receivedAt: m.receivedAt, sender: m.sender, status: m.status, reason: m.reason })),
      sentMessages: sent.map((m) => ({ channel: m.channel, recipient: m.recipient, subject: m.subject, body: m.body, createdAt: m.createdAt, sentAt: m.sentAt })),
      notifications: events.map((e) => ({ type: e.type, payload: json(e.payload), createdAt: e.createdAt, dispatchedAt: e.dispatchedAt })),
      audit: audit.map((a) => ({ at: a.at, actorType: a.actorType, actorId: a.actorId, channel: a.channel, action: a.action, before: json(a.before), after: json(a.after) })),
    };
  }

  erase(familyId: FamilyId, anonymised: Anonymised, audit: (counts: ErasureCounts) => AuditEntry): Promise<ErasureCounts> {
    return writeTransaction(this.db, async (tx) => {
      const guardians = await tx.guardian.findMany({ where: { familyId }, select: { id: true, email: true, telegramChatId: true } });
      const children = await tx.child.findMany({ where: { familyId }, select: { id: true } });
      const guardianIds = guardians.map((g) => g.id);
      const childIds = children.map((c) => c.id);
      // A guardian of another family may share an address (separated parents): their messages stay.
      const shared = await tx.guardian.findMany({
        where: { familyId: { not: familyId }, email: { in: guardians.map((g) => g.email).filter((e): e is string => e !== null) } },
        select: { email: true },
      });
      const sharedEmails = new Set(shared.map((g) => g.email));
      const addressed = recipientsOf(guardians.map((g) => ({ ...g, email: g.email !== null && sharedEmails.has(g.email) ? null : g.email })));
      const conversations = await tx.conversation.deleteMany({ where: { guardianId: { in: guardianIds } } });
      const own = emailsOf(guardians).filter((e) => !sharedEmails.has(e));
      const inbound = await tx.inboundMessage.deleteMany({ where: { OR: [{ guardianId: { in: guardianIds } }, { sender: { in: own } }] } });
      await tx.mailSenderDay.deleteMany({ where: { address: { in: own } } });
      const sent = addressed.length > 0 ? await tx.outbox.deleteMany({ where: { OR: addressed } }) : { count: 0 };
      const events = await tx.domainEvent.deleteMany({ where: { familyId } });
      await tx.guardian.deleteMany({ where: { familyId } });
      for (const id of childIds) await tx.child.update({ where: { id }, data: anonymised.child(id) });
      await tx.booking.updateMany({ where: { childId: { in: childIds }, absenceReason: { not: null } }, data: { absenceReason: null } });
      const bookingsKept = await tx.booking.count({ where: { childId: { in: childIds } } });
      const details = await tx.auditEvent.updateMany({
        where: { OR: [{ familyId }, { familyId: null, actorType: 'guardian', actorId: { in: guardianIds } }], AND: [{ OR: [{ before: { not: null } }, { after: { not: null } }] }] },
        data: { before: null, after: null },
      });
      await tx.family.update({ where: { id: familyId }, data: { reference: anonymised.reference } });
      const counts: ErasureCounts = {
        guardians: guardians.length,
        children: childIds.length,
        bookingsKept,
        conversationStates: conversations.count,
        inboundMessages: inbound.count,
        sentMessages: sent.count,
        domainEvents: events.count,
        auditDetails: details.count,
      };
      await writeAudit(tx, [audit(counts)]);
      return counts;
    });
  }

  audit(entries: readonly AuditEntry[]): Promise<void> {
    return writeTransaction(this.db, (tx) => writeAudit(tx, entries));
  }
}

function emailsOf(guardians: { email: string | null }[]): string[] {
  return guardians.map((g) => g.email?.toLowerCase()).filter((e): e is string => !!e);
}

/** Outbox filters for the messages addressed to these guardians (by email or Telegram chat). */
function recipientsOf(guardians: { email: string | null; telegramChatId: string | null }[]) {
  const emails = guardians.map((g) => g.email).filter((e): e is string => e !== null);
  const chats = guardians.map((g) => g.telegramChatId).filter((c): c is string => c !== null);
  return [
    ...(emails.length > 0 ? [{ channel: 'email', recipient: { in: emails } }] : []),
    ...(chats.length > 0 ? [{ channel: 'telegram', recipient: { in: chats } }] : []),
  ];
}
