/** What the personal-data use cases need from storage (the Prisma store is src/db/privacyStore.ts). */
import type { FamilyId } from '../ids.js';
import type { AuditEntry } from '../ports.js';

/** Before these instants, each kind of data goes (see `RetentionConfig`). */
export interface RetentionCutoffs {
  inboundMessagesBefore: Date;
  conversationStatesBefore: Date;
  sentMessagesBefore: Date;
  auditDetailsBefore: Date;
}

/** How many rows each part of the retention removed (or emptied, for audit details). */
export interface RetentionCounts {
  inboundMessages: number;
  /** Per-address, per-day email counters (the once-a-day answer, the loop limit). */
  mailSenderDays: number;
  conversationStates: number;
  sentMessages: number;
  domainEvents: number;
  auditDetails: number;
}

/** Everything stored about one family, as rows (dates as instants, JSON already read). */
export interface FamilyData {
  family: { id: number; reference: string; createdAt: Date; updatedAt: Date };
  guardians: {
    id: number;
    name: string;
    email: string | null;
    phone: string | null;
    language: string;
    telegramChatId: string | null;
    accessState: string;
    activatedAt: Date | null;
    createdAt: Date;
    activationCodes: { createdAt: Date; expiresAt: Date; usedAt: Date | null }[];
  }[];
  children: { id: number; firstName: string; lastName: string; birthDate: string; school: string; className: string; mealType: string; pai: boolean; createdAt: Date }[];
  bookings: {
    childId: number;
    serviceCode: string;
    date: string;
    state: string;
    absenceReason: string | null;
    absenceJustified: boolean | null;
    waitingSince: Date | null;
    channel: string;
    changedBy: string;
    createdAt: Date;
    updatedAt: Date;
  }[];
  conversations: { guardianId: number; state: unknown; updatedAt: Date }[];
  inboundMessages: { guardianId: number | null; channel: string; externalId: string; receivedAt: Date; sender: string | null; status: string | null; reason: string | null }[];
  sentMessages: { channel: string; recipient: string; subject: string | null; body: string; createdAt: Date; sentAt: Date | null }[];
  notifications: { type: string; payload: unknown; createdAt: Date; dispatchedAt: Date | null }[];
  audit: { at: Date; actorType: string; actorId: number | null; channel: string; action: string; before: unknown; after: unknown }[];
}

/** What an erasure removed or anonymised. */
export interface ErasureCounts {
  guardians: number;
  children: number;
  bookingsKept: number;
  conversationStates: number;
  inboundMessages: number;
  sentMessages: number;
  domainEvents: number;
  auditDetails: number;
}

/** How a family's rows are rewritten when it is erased. */
export interface Anonymised {
  reference: string;
  child: (childId: number) => { firstName: string; lastName: string; birthDate: string; mealType: string; pai: boolean };
}

export interface PrivacyStore {
  /** Applies the cutoffs in one transaction; bookings and attendance are never touched. */
  purge(cutoffs: RetentionCutoffs): Promise<RetentionCounts>;
  familyIdByReference(reference: string): Promise<FamilyId | null>;
  /** Everything stored about the family, or null when it does not exist. */
  familyData(familyId: FamilyId): Promise<FamilyData | null>;
  /**
   * In one transaction: deletes the guardians (and their codes,
   * conversations, messages taken and sent, the family's notifications),
   * rewrites the family and its children as `anonymised` says, keeps the
   * bookings without their absence reasons, empties the details of the
   * family's audit events, then writes `audit(counts)`.
   */
  erase(familyId: FamilyId, anonymised: Anonymised, audit: (counts: ErasureCounts) => AuditEntry): Promise<ErasureCounts>;
  /** Writes audit entries (the retention's own). */
  audit(entries: readonly AuditEntry[]): Promise<void>;
}
