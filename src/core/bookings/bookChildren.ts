import type { DayStatus } from '../calendar.js';
import type { ServiceConfig } from '../config.js';
import { deadlineFor } from '../deadlines.js';
import type { IsoDate } from '../time.js';
import { dayKey, slotKey, type Actor, type Channel } from '../model.js';
import type { AuditEntry, BookingStore, BookingWrite } from '../ports.js';
import { closedReason } from '../reasons.js';
import type { Town } from '../town.js';
import type { BookOutcome } from './outcomes.js';
import { forEachSlot, loadSlots, type SlotRequest } from './slots.js';

export interface BookInput extends SlotRequest {
  actor: Actor;
  channel: Channel;
  now: Date;
  /** Staff only: book even after the booking deadline (recorded as such). */
  overrideDeadline?: boolean;
}

/**
 * Books children on services and days. A day the service does not run, or
 * whose booking deadline has passed, is refused with the reason; a full day
 * puts the child on its waiting list. Capacity is checked inside one write
 * transaction, so concurrent requests can never exceed it.
 */
export async function bookChildren(deps: { store: BookingStore; town: Town }, input: BookInput): Promise<BookOutcome[]> {
  const { town } = deps;
  return deps.store.write(async (tx) => {
    const loaded = await loadSlots(tx, town, input);
    const out: BookOutcome[] = [];
    const writes: BookingWrite[] = [];
    if (loaded.dates.length === 0) return out;
    const counts = await tx.dayCounts({
      serviceCodes: loaded.services.map((s) => s.code),
      from: loaded.dates[0]!,
      to: loaded.dates[loaded.dates.length - 1]!,
    });
    const taken = new Map<string, number>();
    const waiting = new Map<string, number>();
    for (const [key, c] of counts) {
      taken.set(key, (c.booked ?? 0) + (c.absent ?? 0));
      waiting.set(key, c.waiting ?? 0);
    }
    const auditBefore: AuditItem[] = [];
    const auditAfter: AuditItem[] = [];
    // Whether a day is open, and its deadline, are the same for every child: worked out once.
    const days = new Map<string, { status: DayStatus; deadline: Date | null }>();
    const dayRules = (service: ServiceConfig, date: IsoDate) => {
      const key = dayKey(service.code, date);
      let day = days.get(key);
      if (!day) {
        const status = loaded.calendar.status(service, date);
        day = { status, deadline: status.open ? deadlineFor(service.booking, date, loaded.calendar, town.timeZone) : null };
        days.set(key, day);
      }
      return day;
    };
    forEachSlot(
      input,
      loaded,
      (child, service, date) => {
        const slot = { childId: child.id, serviceCode: service.code, date };
        const { status, deadline } = dayRules(service, date);
        if (!status.open) {
          out.push({ ...slot, outcome: 'refused', reason: closedReason(status.reason) });
          return;
        }
        const row = loaded.existing.get(slotKey(child.id, service.code, date));
        if (row?.state === 'booked') {
          out.push({ ...slot, outcome: 'already_booked' });
          return;
        }
        if (row?.state === 'waiting') {
          // Rank among those waiting: counted by the store in order.
          out.push({ ...slot, outcome: 'already_waiting', rank: 0 });
          return;
        }
        if (row?.state === 'absent') {
          // The child comes after all: the place is still theirs, whatever the
          // deadline (the meal was ordered anyway).
          writes.push({ id: row.id, ...slot, state: { state: 'booked' } });
          auditBefore.push({ ...slot, state: 'absent' });
          auditAfter.push({ ...slot, state: 'booked' });
          out.push({ ...slot, outcome: 'booked' });
          return;
        }
        if (!input.overrideDeadline && (deadline === null || input.now.getTime() >= deadline.getTime())) {
          out.push({ ...slot, outcome: 'refused', reason: { code: 'DEADLINE_PASSED', change: 'booking', deadline: deadline ?? input.now } });
          return;
        }
        const key = dayKey(service.code, date);
        const used = taken.get(key) ?? 0;
        if (used < service.capacity) {
          taken.set(key, used + 1);
          writes.push({ id: row?.id, ...slot, state: { state: 'booked' } });
          out.push({ ...slot, outcome: 'booked' });
          auditAfter.push({ ...slot, state: 'booked' });
        } else {
          const rank = (waiting.get(key) ?? 0) + 1;
          waiting.set(key, rank);
          writes.push({ id: row?.id, ...slot, state: { state: 'waiting', since: input.now } });
          out.push({ ...slot, outcome: 'waiting_list', rank });
          auditAfter.push({ ...slot, state: 'waiting' });
        }
        if (row) auditBefore.push({ ...slot, state: row.state });
      },
      (childId, serviceCode, date, reason) => out.push({ childId, serviceCode, date, outcome: 'refused', reason }),
    );
    // Ranks of children already waiting.
    for (const o of out) {
      if (o.outcome === 'already_waiting') {
        const list = await tx.waitingList(o.serviceCode, o.date);
        o.rank = list.findIndex((r) => r.childId === o.childId) + 1;
      }
    }
    if (writes.length > 0) {
      await tx.save(writes, { channel: input.channel, actor: input.actor, at: input.now });
      await tx.audit(auditEntries(input, loaded.children, auditBefore, auditAfter, 'booking.book'));
    }
    return out;
  });
}

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
