/**
 * The conversation, whatever the channel: a guardian's message (or the
 * press of a button) → interpretation → a plan of booking changes → applied
 * at once when clear and small, or put to the guardian as a question → a
 * reply saying exactly what changed, what did not, and why.
 *
 * The steps live apart: `handleMessage.ts` (a message), `handleButton.ts`
 * (a button, typed in `buttons.ts`), `plan.ts` (ask, confirm), `apply.ts`,
 * `undo.ts`, `list.ts`, `followUps.ts`, `information.ts`; every sentence is
 * in the catalogues of `src/core/replies`.
 */
import { catalogue } from '../replies/catalogue.js';
import type { GuardianRecord } from '../ports.js';
import { onButton } from './handleButton.js';
import { onText } from './handleMessage.js';
import { list } from './list.js';
import { Session } from './session.js';
import { emptyState, prune } from './state.js';
import { reply, type ConversationDeps, type MessageInput, type Reply as Answer } from './types.js';

export type { Button, ConversationDeps, MessageInput, ReplyKind } from './types.js';
/** A reply as channels see it (`kind` is always set on the conversation's own replies). */
export type Reply = import('./types.js').ChannelReply;
export type { ButtonAction } from './buttons.js';
export { decodeButton, encodeButton } from './buttons.js';
export { MAX_TEXT } from './handleMessage.js';

async function session(deps: ConversationDeps, input: MessageInput, fresh = false): Promise<Session> {
  const family = await deps.families.byId(input.guardian.familyId);
  const state = fresh ? emptyState() : prune((await deps.conversations.load(input.guardian.id)) ?? emptyState(), input.now);
  return new Session(deps, input, family, state);
}

/** Handles one message from a guardian and returns the answer; the state is saved before returning. */
export async function handleMessage(deps: ConversationDeps, input: MessageInput): Promise<Answer> {
  const s = await session(deps, input);
  const answer = await onText(s, input.text);
  await deps.conversations.save(input.guardian.id, s.state, input.now);
  if (s.family && s.children.length === 0) return reply(answer.lang, 'refused', catalogue(answer.lang).noChildren);
  return answer;
}

/** Handles the press of a button (its data), as if the guardian had answered in words. */
export async function handleButton(deps: ConversationDeps, input: Omit<MessageInput, 'text'> & { data: string }): Promise<Answer> {
  const s = await session(deps, { ...input, text: '' });
  const answer = await onButton(s, input.data);
  await deps.conversations.save(input.guardian.id, s.state, input.now);
  return answer;
}

/** The guardian's bookings from today to the end of next week (the /reservations command). */
export async function upcomingBookings(deps: ConversationDeps, input: Omit<MessageInput, 'text'>): Promise<Answer> {
  const s = await session(deps, { ...input, text: '' }, true);
  return list(s, { childIds: null, services: null, dates: null });
}

/** What the assistant can do, with examples using the family's children's names. */
export async function helpReply(deps: ConversationDeps, guardian: GuardianRecord): Promise<Answer> {
  const family = await deps.families.byId(guardian.familyId);
  return reply(guardian.language, 'help', catalogue(guardian.language).help((family?.children ?? []).map((c) => c.firstName)));
}
