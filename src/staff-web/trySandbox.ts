/**
 * The "try it" page's sandbox conversations: what a staff member typed or
 * pressed, step by step, kept in memory for their session (discarded after
 * `IDLE_MS` without use), and replayed from the first step on each request
 * inside one dry run (dryRun.ts): the real conversation core runs on the
 * sandbox connection with the same state machine, its bookings and saved
 * state live only inside that transaction, and everything is rolled back.
 * So the sandbox can never write to the real database, and its
 * conversation still goes on between requests.
 *
 * Replays are faithful because the ids the conversation hands out (pending
 * questions, undo entries) come from a sequence owned by the sandbox
 * conversation, and each step is replayed with the time it was made. The
 * guardian's real conversation state is not read: the sandbox starts
 * afresh. Real bookings made meanwhile are seen by later replays.
 */
import { randomBytes } from 'node:crypto';
import type { App } from '../app.js';
import { handleButton, handleMessage, type Reply } from '../core/conversation/converse.js';
import type { ConversationStore, GuardianRecord } from '../core/ports.js';
import type { WebContext } from './context.js';
import { dryRun } from './dryRun.js';

/** A sandbox conversation is forgotten after this long unused. */
export const IDLE_MS = 30 * 60_000;
/** Steps a sandbox conversation may hold (each request replays them all). */
export const MAX_STEPS = 20;
/** Sandbox conversations kept at once, all staff together (the oldest go first). */
const MAX_SESSIONS = 200;

export type TryStep = { kind: 'text'; text: string; at: Date } | { kind: 'button'; data: string; at: Date };

export interface TrySession {
  id: string;
  staffId: number;
  familyId: number;
  guardian: GuardianRecord;
  /** Prefix of the ids the sandbox conversation hands out. */
  prefix: string;
  steps: TryStep[];
  usedAt: number;
}

export interface Exchange {
  step: TryStep;
  /** For a button: its label, read from the reply that offered it. */
  label: string | null;
  reply: Reply;
}

type AuditRow = Awaited<ReturnType<App['db']['auditEvent']['findMany']>>[number];

export class TrySessions {
  private readonly sessions = new Map<string, TrySession>();

  constructor(private readonly clock: () => number) {}

  private sweep(): void {
    const now = this.clock();
    for (const [id, s] of this.sessions) if (now - s.usedAt > IDLE_MS) this.sessions.delete(id);
    while (this.sessions.size > MAX_SESSIONS) this.sessions.delete(this.sessions.keys().next().value!);
  }

  start(staffId: number, familyId: number, guardian: GuardianRecord): TrySession {
    this.sweep();
    const s: TrySession = { id: randomBytes(12).toString('base64url'), staffId, familyId, guardian, prefix: `t${randomBytes(4).toString('hex')}`, steps: [], usedAt: this.clock() };
    this.sessions.set(s.id, s);
    return s;
  }

  /** The staff member's own sandbox conversation, or null (unknown, someone else's, or expired). */
  get(id: string, staffId: number): TrySession | null {
    this.sweep();
    const s = this.sessions.get(id);
    if (!s || s.staffId !== staffId) return null;
    s.usedAt = this.clock();
    // Most recently used last, so that the oldest go first when there are too many.
    this.sessions.delete(id);
    this.sessions.set(id, s);
    return s;
  }

  drop(id: string, staffId: number): void {
    if (this.get(id, staffId)) this.sessions.delete(id);
  }
}

/** Replays the sandbox conversation and rolls it back: each step's reply, and the audit rows the whole conversation wrote. */
export async function replay(ctx: WebContext, s: TrySession): Promise<{ exchanges: Exchange[]; written: AuditRow[] }> {
  return dryRun(ctx, async (sandbox) => {
    let n = 0;
    const newId = () => `${s.prefix}${(n++).toString(36)}`;
    // The sandbox starts afresh: the guardian's real state is not read (it is still rolled back if it were).
    let fresh = true;
    const inner = sandbox.conversation.conversations;
    const conversations: ConversationStore = {
      load: async (id) => (fresh ? null : inner.load(id)),
      save: async (id, state, now) => {
        fresh = false;
        await inner.save(id, state, now);
      },
    };
    const deps = { ...sandbox.conversation, newId, conversations };
    const last = (await sandbox.db.auditEvent.findFirst({ orderBy: { id: 'desc' }, select: { id: true } }))?.id ?? 0;
    const exchanges: Exchange[] = [];
    for (const step of s.steps) {
      const base = { guardian: s.guardian, channel: 'web' as const, now: step.at };
      const reply = step.kind === 'text' ? await handleMessage(deps, { ...base, text: step.text }) : await handleButton(deps, { ...base, data: step.data });
      const offered = exchanges.at(-1)?.reply.buttons.flat();
      const label = step.kind === 'button' ? (offered?.find((b) => b.data === step.data)?.label ?? null) : null;
      exchanges.push({ step, label, reply });
    }
    const written = await sandbox.db.auditEvent.findMany({ where: { id: { gt: last } }, orderBy: { id: 'asc' } });
    return { exchanges, written };
  });
}
