/** Reverting an applied change ("Défaire", "oubliez ma demande"), as far as the deadlines allow. */
import { bookChildren } from '../bookings/bookChildren.js';
import { cancelBookings } from '../bookings/cancelBookings.js';
import type { Promotion } from '../bookings/outcomes.js';
import { ChildId } from '../ids.js';
import type { AnyOutcome } from './apply.js';
import { outcomeLines } from './outcomeLines.js';
import type { Session } from './session.js';
import { FOLLOW_UP_MINUTES, minutesLater, type UndoEntry, type UndoItem } from './state.js';
import { reply, type Reply } from './types.js';

export interface Reverted {
  lines: string[];
  promotions: Promotion[];
  outcomes: AnyOutcome[];
}

/** Reverts the items of an undo entry (those on `only` dates when given); the entry is used up. */
export async function revert(s: Session, entry: UndoEntry, only?: (item: UndoItem) => boolean): Promise<Reverted> {
  s.state.undo = s.state.undo.filter((u) => u.id !== entry.id);
  const lines: string[] = [];
  const promotions: Promotion[] = [];
  const outcomes: AnyOutcome[] = [];
  const byChange = new Map<string, UndoItem[]>();
  for (const item of entry.items) {
    if (only && !only(item)) continue;
    const back = item.after === 'booked' || item.after === 'waiting' ? 'cancel' : 'book';
    const key = `${back}|${item.childId}|${item.serviceCode}`;
    byChange.set(key, [...(byChange.get(key) ?? []), item]);
  }
  for (const [key, items] of byChange) {
    const req = { ...s.base(), childIds: [ChildId(items[0]!.childId)], serviceCodes: [items[0]!.serviceCode], dates: items.map((i) => i.date) };
    if (key.startsWith('cancel|')) {
      const r = await cancelBookings(s.deps, req);
      lines.push(...outcomeLines(r.items, s.lineContext()));
      promotions.push(...r.promotions);
      outcomes.push(...r.items);
    } else {
      const booked = await bookChildren(s.deps, req);
      lines.push(...outcomeLines(booked, s.lineContext()));
      outcomes.push(...booked);
    }
  }
  return { lines, promotions, outcomes };
}

/** Reverts the change of an undo button; says so when it has expired. */
export async function undo(s: Session, id: string): Promise<Reply> {
  const entry = s.state.undo.find((u) => u.id === id);
  if (!entry) return reply(s.lang, 'expired', s.words.undoExpired);
  const r = await revert(s, entry);
  if (s.state.last?.undoId === id) s.state.last = { ...s.state.last, undoId: null, undone: true, at: s.now.toISOString(), expiresAt: minutesLater(s.now, FOLLOW_UP_MINUTES) };
  return reply(s.lang, 'undone', [s.words.undoneHead, ...r.lines].join('\n'), [], r.promotions);
}

/** "oubliez ma demande", "annulez ce que je viens de faire": the last change, while it can be undone. */
export function undoLast(s: Session): Promise<Reply> {
  const last = s.state.undo[s.state.undo.length - 1];
  if (!last) return Promise.resolve(reply(s.lang, 'refused', s.words.noUndo));
  return undo(s, last.id);
}
