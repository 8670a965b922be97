/**
 * What one Telegram update reads about its sender, read once: the guardian
 * whose chat it is, their family (guardians and children) and their saved
 * conversation state. On SQLite it is one query (Prisma would make five,
 * each costing more than SQLite's work); on PostgreSQL the same reads one
 * after the other.
 *
 * The bot reads it inside the update's write transaction and hands it to
 * the conversation through `primedConversation`: the family and the state
 * the conversation asks for are those already read, and the state is written
 * back only when it changed. Nothing is kept once the update is handled.
 */
import type { ConversationDeps } from '../core/conversation/types.js';
import type { ConversationState } from '../core/conversation/state.js';
import type { GuardianId } from '../core/ids.js';
import type { ConversationStore, FamilyRecord, FamilyStore, GuardianRecord } from '../core/ports.js';
import { providerOf, type Db } from './database.js';
import { sqliteQuery } from './transaction.js';
import {
  familyFromTuples,
  familyRecord,
  guardianFromTuple,
  SQLITE_CHILDREN_JSON,
  SQLITE_GUARDIANS_JSON,
  toGuardian,
  type ChildTuple,
  type GuardianTuple,
} from './familyStore.js';

export interface ChatContext {
  guardian: GuardianRecord;
  family: FamilyRecord | null;
  /** The saved conversation state as stored (JSON), null when there is none. */
  conversation: string | null;
}

/** The guardian linked to `chatId`, with their family and conversation state; null when the chat is linked to no one. */
export async function loadChatContext(db: Db, chatId: string): Promise<ChatContext | null> {
  if (providerOf(db) === 'sqlite') {
    const rows = await sqliteQuery<{ context: string }>(db, 
      `SELECT json_array(g."id", g."familyId", g."name", g."email", g."phone", g."language", g."telegramChatId", g."accessState",
         f."reference", ${SQLITE_GUARDIANS_JSON}, ${SQLITE_CHILDREN_JSON},
         (SELECT c."state" FROM "Conversation" c WHERE c."guardianId" = g."id")) AS "context"
       FROM "Guardian" g JOIN "Family" f ON f."id" = g."familyId" WHERE g."telegramChatId" = ?`,
      chatId,
    );
    if (rows.length === 0) return null;
    const row = JSON.parse(rows[0]!.context) as [...GuardianTuple, string, GuardianTuple[], ChildTuple[], string | null];
    const guardian = guardianFromTuple(row.slice(0, 8) as GuardianTuple);
    return { guardian, family: familyFromTuples(guardian.familyId, row[8], row[9], row[10]), conversation: row[11] };
  }
  const g = await db.guardian.findUnique({ where: { telegramChatId: chatId } });
  if (!g) return null;
  const guardian = toGuardian(g);
  const family = await familyRecord(db, { id: g.familyId });
  const c = await db.conversation.findUnique({ where: { guardianId: g.id } });
  return { guardian, family, conversation: c?.state ?? null };
}

/** The state as PrismaConversationStore reads it (unreadable JSON: no state). */
function parseState(raw: string | null): ConversationState | null {
  if (raw === null) return null;
  try {
    return JSON.parse(raw) as ConversationState;
  } catch {
    return null;
  }
}

/** The state a guardian with no saved state starts from, as saved. */
const EMPTY_STATE = JSON.stringify({ pending: null, last: null, undo: [] } satisfies ConversationState);

/**
 * The conversation's stores for one update, primed with what `loadChatContext`
 * read: the guardian's family and first load of their state come from it;
 * a save that would write what is stored already writes nothing. Any other
 * family or guardian goes to the stores themselves.
 */
export function primedConversation(deps: ConversationDeps, context: ChatContext): ConversationDeps {
  const { guardian, family } = context;
  const guardianId: GuardianId = guardian.id;
  /** What the database holds for this guardian's state, as far as this update knows (undefined: unknown). */
  let stored: string | null | undefined = context.conversation;
  let primedLoad = true;
  const families: FamilyStore = {
    write: (fn) => deps.families.write(fn),
    byReference: (reference) => deps.families.byReference(reference),
    byId: async (id) => (family && id === family.id ? family : deps.families.byId(id)),
  };
  const conversations: ConversationStore = {
    async load(id) {
      if (id !== guardianId || !primedLoad || stored === undefined) return deps.conversations.load(id);
      primedLoad = false;
      return parseState(stored);
    },
    async save(id, state, now) {
      if (id !== guardianId) return deps.conversations.save(id, state, now);
      const json = JSON.stringify(state);
      if (stored !== undefined && (json === stored || (stored === null && json === EMPTY_STATE))) return;
      stored = undefined;
      await deps.conversations.save(id, state, now);
      stored = json;
    },
  };
  return { ...deps, families, conversations };
}
