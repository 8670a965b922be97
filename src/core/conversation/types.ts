/** The shapes the conversation exchanges with its channels (Telegram, email, the dashboard's "try it"). */
import type { Promotion } from '../bookings/outcomes.js';
import type { BookingStore, ConversationStore, FamilyStore, GuardianRecord } from '../ports.js';
import type { Lang } from '../replies/catalogue.js';
import type { Channel } from '../model.js';
import type { Town } from '../town.js';

/** A button under a reply: its label, the data it sends back (a `ButtonAction` encoded by `buttons.ts`; `decodeButton` reads it), and the word that does the same by email. */
export interface Button {
  label: string;
  data: string;
  keyword: string;
}

/**
 * What a reply is, for channels and tests: a change made (`applied`), a
 * question asked (`question`, `confirm`), a change undone, a list of
 * bookings, an answer from the town's information, help, a polite answer
 * to greetings or thanks, a pending question dropped or expired, or a
 * message not understood.
 */
export type ReplyKind =
  | 'applied'
  /** Nothing needed changing (already booked, nothing booked to cancel). */
  | 'unchanged'
  | 'question'
  | 'confirm'
  | 'undone'
  | 'list'
  | 'information'
  | 'help'
  | 'polite'
  | 'dropped'
  | 'expired'
  | 'not_understood'
  | 'refused';

/** A reply as the channels render it (what they may also build themselves). */
export interface ChannelReply {
  lang: Lang;
  /** What the reply is (always set by the conversation). */
  kind?: ReplyKind;
  text: string;
  buttons: Button[][];
  /** Waiting-list places granted to other families by this change, for the channels to announce. */
  promotions: Promotion[];
  /** The message asked nothing about bookings (not understood, or only for help): the email channel's loop limit counts these. */
  noRequest?: true;
}

/** A reply of the conversation: its kind is always known. */
export interface Reply extends ChannelReply {
  kind: ReplyKind;
}

export interface ConversationDeps {
  store: BookingStore;
  families: FamilyStore;
  conversations: ConversationStore;
  town: Town;
  /** Short random ids for pending questions and undo entries. */
  newId: () => string;
}

export interface MessageInput {
  guardian: GuardianRecord;
  channel: Channel;
  text: string;
  now: Date;
  /**
   * The sender is not proven (an email without the town server's pass, out
   * of our thread): nothing is changed; what was understood is put to the
   * guardian as a question to confirm by replying to our email.
   */
  confirmFirst?: boolean;
}

/** Replies that ask nothing about bookings (for the email channel's loop limit). */
const NO_REQUEST: ReadonlySet<ReplyKind> = new Set(['not_understood', 'help', 'information', 'polite']);

export function reply(lang: Lang, kind: ReplyKind, text: string, buttons: Button[][] = [], promotions: Promotion[] = []): Reply {
  return { lang, kind, text, buttons, promotions, ...(NO_REQUEST.has(kind) ? { noRequest: true as const } : {}) };
}

/** Several replies as one message; its kind is the last one's (the question or change the parent acts on). */
export function merge(lang: Lang, replies: readonly Reply[]): Reply {
  if (replies.length === 1) return replies[0]!;
  const main = [...replies].reverse().find((r) => r.kind !== 'information' && r.kind !== 'help') ?? replies[replies.length - 1]!;
  return {
    lang,
    kind: main.kind,
    text: replies.map((r) => r.text).join('\n\n'),
    buttons: replies.flatMap((r) => r.buttons),
    promotions: replies.flatMap((r) => r.promotions),
    ...(replies.every((r) => r.noRequest) ? { noRequest: true as const } : {}),
  };
}
