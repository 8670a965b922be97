/**
 * The rows a booking use case changes, collected as it decides, then
 * written at once: saved, audited (one event per family, grouped by child,
 * service and state), and the places it freed given to waiting children.
 */
import type { SchoolCalendar } from '../calendar.js';
import type { BookingId } from '../ids.js';
import type { Actor, BookingState, BookingStateName, Channel } from '../model.js';
import type { AuditEntry, BookingTx, BookingWrite } from '../ports.js';
import type { IsoDate } from '../time.js';
import type { Town } from '../town.js';
import type { Promotion } from './outcomes.js';
import { noteFreed, promoteWaiting } from './promote.js';

/** One booking row as an audit event records it. */
export interface AuditItem {
  childId: number;
  serviceCode: string;
  date: string;
  state: string;
  reason?: string;
}

/**
 * Groups audited rows by child, service and state, with their dates:
 * `{ childId, serviceCode, state, dates: [...] }`, readable and compact
 * even for a whole year.
 */
function group(items: AuditItem[]) {
  const groups = new Map<string, { childId: number; serviceCode: string; state: string; reason?: string; dates: string[] }>();
  for (const i of items) {
    const key = `${i.childId}|${i.serviceCode}|${i.state}|${i.reason ?? ''}`;
    let g = groups.get(key);
    if (!g) {
      g = { childId: i.childId, serviceCode: i.serviceCode, state: i.state, ...(i.reason ? { reason: i.reason } : {}), dates: [] };
      groups.set(key, g);
    }
    g.dates.push(i.date);
  }
  return [...groups.values()];
}

/** One audit entry per family touched, with the rows before and after. */
export function auditEntries(
  input: { actor: Actor; channel: Channel; now: Date; overrideDeadline?: boolean },
  children: Map<unknown, { id: unknown; familyId: number }>,
  before: AuditItem[],
  after: AuditItem[],
  action: string,
): AuditEntry[] {
  const familyOf = (item: AuditItem) => children.get(item.childId)?.familyId ?? null;
  const families = new Set([...before, ...after].map(familyOf));
  return [...families].map((familyId) => ({
    at: input.now,
    actor: input.actor,
    channel: input.channel,
    action: input.overrideDeadline ? `${action}.override` : action,
    familyId: familyId as AuditEntry['familyId'],
    before: group(before.filter((b) => familyOf(b) === familyId)),
    after: group(after.filter((a) => familyOf(a) === familyId)),
  }));
}

interface Slot {
  childId: number;
  serviceCode: string;
  date: IsoDate;
}

export class Changes {
  readonly writes: BookingWrite[] = [];
  private readonly before: AuditItem[] = [];
  private readonly after: AuditItem[] = [];
  private readonly freed = new Map<string, { serviceCode: string; date: IsoDate; places: number }>();

  /**
   * Records a row of `slot` going from `from` (null: no row yet) to `to`;
   * `label` replaces the state's name in the audit when it says more.
   */
  change(slot: Slot, id: BookingId | undefined, from: BookingStateName | null, to: BookingState, label?: { before?: string; after?: string; reason?: string }): void {
    this.writes.push({ id, childId: slot.childId as never, serviceCode: slot.serviceCode, date: slot.date, state: to });
    if (from) this.before.push({ ...slot, state: label?.before ?? from });
    this.after.push({ ...slot, state: label?.after ?? to.state, ...(label?.reason ? { reason: label.reason } : {}) });
    if ((from === 'booked' || from === 'absent') && to.state === 'cancelled') noteFreed(this.freed, slot.serviceCode, slot.date);
  }

  /** Writes everything; returns the waiting children who got a freed place. */
  async commit(
    tx: BookingTx,
    ctx: { town: Town; calendar: SchoolCalendar; children: Map<unknown, { id: unknown; familyId: number }> },
    input: { actor: Actor; channel: Channel; now: Date; overrideDeadline?: boolean },
    action: string,
  ): Promise<Promotion[]> {
    if (this.writes.length === 0) return [];
    await tx.save(this.writes, { channel: input.channel, actor: input.actor, at: input.now });
    await tx.audit(auditEntries(input, ctx.children, this.before, this.after, action));
    return this.freed.size > 0 ? promoteWaiting(tx, ctx.town, ctx.calendar, this.freed, input.now) : [];
  }
}
