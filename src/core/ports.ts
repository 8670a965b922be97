/**
 * What the core needs from storage, as small interfaces. The SQLite (Prisma)
 * implementation lives in src/db; the core never imports it.
 */
import type { ExtraClosure } from './calendar.js';
import type { BookingId, ChildId, FamilyId, GuardianId } from './ids.js';
import type { Actor, BookingRecord, BookingState, BookingStateName, Channel, ChildRecord } from './model.js';
import type { IsoDate } from './time.js';

/** A booking row to write: a new one (no id) or a change of an existing one. */
export interface BookingWrite {
  id?: BookingId;
  childId: ChildId;
  serviceCode: string;
  date: IsoDate;
  state: BookingState;
}

/** Who changed what, when, through which channel. */
export interface AuditEntry {
  at: Date;
  actor: Actor;
  channel: Channel;
  action: string;
  familyId: FamilyId | null;
  before: unknown;
  after: unknown;
}

/** Something the channels should announce to a family. */
export type DomainEvent =
  | {
      /** A waiting child got a place. */
      type: 'waiting_list.promoted';
      familyId: FamilyId;
      at: Date;
      payload: { childId: ChildId; firstName: string; serviceCode: string; date: IsoDate };
    }
  | {
      /** Staff cancelled bookings (a closure, a phone call): the family must hear it from us. */
      type: 'booking.cancelled_by_staff';
      familyId: FamilyId;
      at: Date;
      payload: { childId: ChildId; firstName: string; serviceCode: string; dates: IsoDate[]; waiting?: IsoDate[]; reason?: string };
    }
  | {
      /** Staff closed a day: one event per family, with everything it loses that day and the reason. */
      type: 'day.closed';
      familyId: FamilyId;
      at: Date;
      payload: { date: IsoDate; serviceCode: string | null; reason: string; children: { childId: ChildId; firstName: string; cancelled: string[]; waiting: string[] }[] };
    };

/** The reads and writes of one booking transaction. */
export interface BookingTx {
  children(ids: readonly ChildId[]): Promise<ChildRecord[]>;
  closures(from: IsoDate, to: IsoDate): Promise<ExtraClosure[]>;
  /** Rows (any state) of these children and services between two dates, included. */
  bookings(q: { childIds: readonly ChildId[]; serviceCodes: readonly string[]; from: IsoDate; to: IsoDate }): Promise<BookingRecord[]>;
  /** Per `dayKey(service, date)`: how many rows are in each state. */
  dayCounts(q: { serviceCodes: readonly string[]; from: IsoDate; to: IsoDate }): Promise<Map<string, Partial<Record<BookingStateName, number>>>>;
  /** The waiting list of a service on a day, first come first. */
  waitingList(serviceCode: string, date: IsoDate): Promise<BookingRecord[]>;
  /**
   * Optional: `children`, `closures`, `bookings` and `dayCounts` of one
   * request at once (one query instead of four, for stores where a round
   * trip costs more than the reading). The children are those of
   * `childIds` that exist, whatever their family.
   */
  snapshot?(q: { childIds: readonly ChildId[]; serviceCodes: readonly string[]; from: IsoDate; to: IsoDate }): Promise<{
    children: ChildRecord[];
    closures: ExtraClosure[];
    bookings: BookingRecord[];
    dayCounts: Map<string, Partial<Record<BookingStateName, number>>>;
  }>;
  save(writes: readonly BookingWrite[], meta: { channel: Channel; actor: Actor; at: Date }): Promise<void>;
  audit(entries: readonly AuditEntry[]): Promise<void>;
  publish(events: readonly DomainEvent[]): Promise<void>;
}

/** A booking row with its child, for lists. */
export interface BookingListRow {
  id: BookingId;
  childId: ChildId;
  firstName: string;
  lastName: string;
  serviceCode: string;
  date: IsoDate;
  state: BookingStateName;
  absenceReason: string | null;
  absenceJustified: boolean | null;
}

export interface BookingStore {
  /**
   * Runs `fn` as one write transaction, serialized against every other
   * writer (in this process and in others on the same database).
   */
  write<T>(fn: (tx: BookingTx) => Promise<T>): Promise<T>;
  /** Bookings of a family (or of some children), between two dates, any state. */
  list(q: { familyId?: FamilyId; childIds?: readonly ChildId[]; from?: IsoDate; to?: IsoDate }): Promise<BookingListRow[]>;
  /** Rows per service, day and state between two dates. */
  counts(from: IsoDate, to: IsoDate): Promise<{ serviceCode: string; date: IsoDate; state: BookingStateName; count: number }[]>;
  closures(from: IsoDate, to: IsoDate): Promise<ExtraClosure[]>;
}

/** A family as stored, with its guardians and children. */
export interface FamilyRecord {
  id: FamilyId;
  reference: string;
  guardians: GuardianRecord[];
  children: (ChildRecord & { birthDate: IsoDate; school: string; className: string; mealType: string; pai: boolean })[];
}

export interface GuardianRecord {
  id: GuardianId;
  familyId: FamilyId;
  name: string;
  email: string | null;
  phone: string | null;
  language: 'fr' | 'en';
  telegramChatId: string | null;
  accessState: 'inactive' | 'code_sent' | 'active';
}

/** The writes of one families transaction. */
export interface FamilyTx {
  familyByReference(reference: string): Promise<FamilyRecord | null>;
  createFamily(reference: string, at: Date): Promise<FamilyId>;
  createGuardian(familyId: FamilyId, g: { name: string; email: string | null; phone: string | null }): Promise<void>;
  updateGuardian(id: GuardianId, g: { name: string; email: string | null; phone: string | null }): Promise<void>;
  createChild(familyId: FamilyId, c: Omit<FamilyRecord['children'][number], 'id' | 'familyId'>): Promise<void>;
  updateChild(id: ChildId, c: Omit<FamilyRecord['children'][number], 'id' | 'familyId'>): Promise<void>;
  audit(entries: readonly AuditEntry[]): Promise<void>;
}

export interface FamilyStore {
  write<T>(fn: (tx: FamilyTx) => Promise<T>): Promise<T>;
  byReference(reference: string): Promise<FamilyRecord | null>;
  byId(id: FamilyId): Promise<FamilyRecord | null>;
}

/** What an activation code is, as stored (only its hash). */
export interface StoredCode {
  guardianId: GuardianId;
  expiresAt: Date;
  usedAt: Date | null;
}

/**
 * Where activation codes are kept. It is given codes in the clear and keeps
 * only their keyed hash (`hashCode` in core/activation/activationCodes.ts).
 */
export interface ActivationStore {
  /** Stores a new code for the guardian, dropping their unused ones, and marks the access "code sent". */
  replaceCodes(guardianId: GuardianId, code: string, expiresAt: Date, now: Date, by: { actor: Actor; channel: Channel }): Promise<void>;
  /**
   * Atomically: if `code` is a valid code at `now`, marks it used, links
   * `chatId` to its guardian (unlinking it from anyone else), makes the
   * guardian active and returns them; otherwise says why.
   */
  redeem(
    code: string,
    chatId: string,
    now: Date,
  ): Promise<{ ok: true; guardian: GuardianRecord } | { ok: false; why: 'unknown' | 'used' | 'expired' }>;
}

export interface StaffStore {
  /** Creates the account or resets its password; returns whether it existed. */
  upsert(email: string, passwordHash: string, by: { actor: Actor; channel: Channel; now: Date }): Promise<{ existed: boolean }>;
}

/** Where conversation states are kept (src/core/conversation/state.ts). */
export interface ConversationStore {
  load(guardianId: GuardianId): Promise<import('./conversation/state.js').ConversationState | null>;
  save(guardianId: GuardianId, state: import('./conversation/state.js').ConversationState, now: Date): Promise<void>;
}
