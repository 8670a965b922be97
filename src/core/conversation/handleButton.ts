/** The press of a button: the same steps as a typed answer, from typed button data. */
import { apply } from './apply.js';
import { decodeButton } from './buttons.js';
import { proceed } from './plan.js';
import type { Session } from './session.js';
import { undo } from './undo.js';
import { reply, type Reply } from './types.js';

export async function onButton(s: Session, data: string): Promise<Reply> {
  const action = decodeButton(data);
  if (!action) return reply(s.lang, 'expired', s.words.expired);
  if (action.kind === 'undo') return s.confirmFirst ? reply(s.lang, 'refused', s.words.undoNeedsProof) : undo(s, action.undoId);
  const pending = s.state.pending;
  if (!pending || pending.id !== action.pendingId) return reply(s.lang, 'expired', s.words.expired);
  s.lang = pending.lang;
  s.state.pending = null;
  switch (action.kind) {
    case 'drop':
      return reply(s.lang, 'dropped', s.words.dropped);
    case 'confirm':
      // An unproven sender cannot confirm: the question goes again to the registered address.
      return s.confirmFirst ? proceed(s, pending.actions, { before: [] }) : apply(s, pending.actions);
    case 'child': {
      const ids = action.child === 'all' ? s.allChildIds() : s.children.some((c) => c.id === action.child) ? [action.child] : [];
      if (ids.length === 0) return reply(s.lang, 'expired', s.words.expired);
      for (const a of pending.actions) if (!a.childIds?.length) a.childIds = ids;
      return proceed(s, pending.actions, { before: [] });
    }
    case 'service': {
      if (!s.town.service(action.serviceCode)) return reply(s.lang, 'expired', s.words.expired);
      for (const a of pending.actions) if (!a.services?.length) a.services = [action.serviceCode];
      return proceed(s, pending.actions, { before: [] });
    }
  }
}
