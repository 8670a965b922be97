/**
 * A guardian's conversation state, kept in the database between messages:
 * the pending question (expires after 30 minutes, a day by email), the last
 * exchange (for follow-ups such as "et pour Tom aussi", kept a day), and the
 * changes that can still be undone (for 15 minutes). Plain JSON.
 */
import type { IsoDate } from '../time.js';

export const PENDING_MINUTES = 30;
/** By email a parent answers hours later: a question asked by email waits a day (deadlines are checked again when it is answered). */
export const EMAIL_PENDING_MINUTES = 24 * 60;

/**
 * The last exchange is kept a day for follow-ups on every channel: "sa sœur aussi" the next
 * morning, under the message it follows in the chat, means that message. A question waits less
 * (pendingMinutes): an answer half a day later is no longer sure to answer it.
 */
export const FOLLOW_UP_MINUTES = 24 * 60;

/** How long a question waits on a channel. */
export function pendingMinutes(channel: string): number {
  return channel === 'email' ? EMAIL_PENDING_MINUTES : PENDING_MINUTES;
}
export const UNDO_MINUTES = 15;
/** A request changing more bookings than this is summarised and confirmed first. */
export const CONFIRM_ABOVE = 10;

/** An action with children resolved to ids; null where the parent has not said yet. */
export interface Planned {
  intent: 'book' | 'cancel' | 'absence';
  childIds: number[] | null;
  services: string[] | null;
  dates: IsoDate[] | null;
  /** A vague service word ("garderie"): the services to choose from (the care services that run those days). */
  serviceOptions?: string[];
}

export type PendingKind = 'confirm' | 'child' | 'service' | 'date';

export interface Pending {
  id: string;
  kind: PendingKind;
  actions: Planned[];
  expiresAt: string;
  lang: 'fr' | 'en';
}

/** One booking slot changed by an applied request, with the state it had before. */
export interface UndoItem {
  childId: number;
  serviceCode: string;
  date: IsoDate;
  before: 'none' | 'booked' | 'absent' | 'cancelled' | 'waiting';
  after: 'booked' | 'waiting' | 'cancelled' | 'absent';
}

export interface UndoEntry {
  id: string;
  items: UndoItem[];
  expiresAt: string;
}

/** The last request applied, for follow-ups ("et le vendredi aussi") and corrections ("c'est jeudi pas vendredi"). */
export interface LastExchange {
  actions: Planned[];
  at: string;
  /** Until when follow-ups are read against it (FOLLOW_UP_MINUTES after `at` when absent). */
  expiresAt?: string;
  /** The undo entry of the change it made, while it can be undone. */
  undoId?: string | null;
  /** A bare "non" came after it: the assistant asked whether to undo it, and "oui" does. */
  undoAsked?: boolean;
  /**
   * It was a list of bookings, not a change: a later request with an intent of its own ("annule la
   * cantine alors") takes the children and days listed; nothing else follows from it.
   */
  listed?: boolean;
  /**
   * It was undone just after (the "Défaire" button, "annulez ce que je viens de faire"): only "en fait juste
   * Oscar" is read against it (the request made again for fewer of its children); nothing else follows from it.
   */
  undone?: boolean;
}

export interface ConversationState {
  pending: Pending | null;
  last: LastExchange | null;
  undo: UndoEntry[];
}

export function emptyState(): ConversationState {
  return { pending: null, last: null, undo: [] };
}

/** Drops what has expired at `now` (the last minute counts: an undo "within 15 minutes" still works at 15:00). */
export function prune(state: ConversationState, now: Date): ConversationState {
  const t = now.getTime();
  return {
    pending: state.pending && Date.parse(state.pending.expiresAt) >= t ? state.pending : null,
    last: state.last && (state.last.expiresAt ? Date.parse(state.last.expiresAt) : Date.parse(state.last.at) + FOLLOW_UP_MINUTES * 60_000) >= t ? state.last : null,
    undo: state.undo.filter((u) => Date.parse(u.expiresAt) >= t).slice(-5),
  };
}

export function minutesLater(now: Date, minutes: number): string {
  return new Date(now.getTime() + minutes * 60_000).toISOString();
}
