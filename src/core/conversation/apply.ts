/** Applies a plan through the booking use cases and says what happened, line by line. */
import { bookChildren } from '../bookings/bookChildren.js';
import { cancelBookings } from '../bookings/cancelBookings.js';
import type { AbsenceOutcome, BookOutcome, CancelOutcome, Promotion } from '../bookings/outcomes.js';
import { reportAbsence } from '../bookings/reportAbsence.js';
import { ChildId } from '../ids.js';
import { encodeButton } from './buttons.js';
import { leftOutLines } from './leftOut.js';
import { outcomeLines } from './outcomeLines.js';
import type { Session } from './session.js';
import { FOLLOW_UP_MINUTES, minutesLater, UNDO_MINUTES, type Planned, type UndoItem } from './state.js';
import { reply, type Button, type Reply } from './types.js';

export type AnyOutcome = BookOutcome | CancelOutcome | AbsenceOutcome;

export interface Applied {
  lines: string[];
  undo: UndoItem[];
  promotions: Promotion[];
  outcomes: AnyOutcome[];
}

/** Runs the plan's actions; returns the reply lines, what undoing them takes, and the promotions. */
export async function run(s: Session, actions: readonly Planned[]): Promise<Applied> {
  const out: Applied = { lines: [], undo: [], promotions: [], outcomes: [] };
  for (const a of actions) {
    const req = { ...s.base(), childIds: (a.childIds ?? []).map(ChildId), serviceCodes: a.services, dates: a.dates ?? [] };
    let outcomes: AnyOutcome[];
    if (a.intent === 'book') {
      outcomes = await bookChildren(s.deps, { ...req, serviceCodes: a.services ?? [] });
    } else if (a.intent === 'cancel') {
      const r = await cancelBookings(s.deps, req);
      outcomes = r.items;
      out.promotions.push(...r.promotions);
    } else {
      const r = await reportAbsence(s.deps, { ...req, reason: s.input.text.slice(0, 200) });
      outcomes = r.items;
      out.promotions.push(...r.promotions);
    }
    out.lines.push(...outcomeLines(outcomes, s.lineContext()));
    if (!a.services?.length && a.intent !== 'book') {
      // "annule tout": say which days held nothing at all.
      for (const childId of a.childIds ?? []) {
        const empty = (a.dates ?? []).filter((d) => !outcomes.some((o) => o.childId === childId && o.date === d));
        if (empty.length > 0) out.lines.push(s.words.nothingWasBooked(s.childName(childId), s.words.dates(empty)));
      }
    }
    out.undo.push(...undoItems(outcomes));
    out.outcomes.push(...outcomes);
    if (a.intent === 'cancel' && outcomes.some((o) => o.outcome === 'refused' && o.reason.code === 'DEADLINE_PASSED')) out.lines.push(s.words.illnessHint);
  }
  return out;
}

/** Keeps what undoing a change takes (for 15 minutes) and returns the "Défaire" button, if anything changed. */
export function rememberUndo(s: Session, items: UndoItem[]): { id: string | null; buttons: Button[][] } {
  if (items.length === 0) return { id: null, buttons: [] };
  const id = s.deps.newId();
  s.state.undo.push({ id, items, expiresAt: minutesLater(s.now, UNDO_MINUTES) });
  return undoButtons(s, id);
}

/** The "Défaire" button of an undo entry. */
export function undoButtons(s: Session, id: string): { id: string; buttons: Button[][] } {
  const action = { kind: 'undo', undoId: id } as const;
  return { id, buttons: [[{ label: s.words.buttons.undo, data: encodeButton(action), keyword: s.words.keywords.undo }]] };
}

/** Applies the plan and says what happened; it becomes the last exchange, for follow-ups and corrections. */
export async function apply(s: Session, actions: Planned[]): Promise<Reply> {
  const done = await run(s, actions);
  const { id, buttons } = rememberUndo(s, done.undo);
  s.state.last = { actions, at: s.now.toISOString(), expiresAt: minutesLater(s.now, FOLLOW_UP_MINUTES), undoId: id };
  const lines = done.lines.length > 0 ? [...done.lines, ...leftOutLines(s, actions)] : [s.words.nothingToChange];
  const kind = done.undo.length > 0 ? 'applied' : done.outcomes.some((o) => o.outcome === 'refused') ? 'refused' : 'unchanged';
  return reply(s.lang, kind, lines.join('\n'), buttons, done.promotions);
}

/** What undoing each applied outcome takes. */
export function undoItems(outcomes: readonly AnyOutcome[]): UndoItem[] {
  const items: UndoItem[] = [];
  for (const o of outcomes) {
    const slot = { childId: o.childId, serviceCode: o.serviceCode, date: o.date };
    if (o.outcome === 'booked') items.push({ ...slot, before: 'none', after: 'booked' });
    else if (o.outcome === 'waiting_list') items.push({ ...slot, before: 'none', after: 'waiting' });
    else if (o.outcome === 'cancelled') items.push({ ...slot, before: 'booked', after: 'cancelled' });
    else if (o.outcome === 'absent') items.push({ ...slot, before: 'booked', after: 'absent' });
  }
  return items;
}
