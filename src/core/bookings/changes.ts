/**
 * The rows a booking use case changes, collected as it decides, then
 * written at once: saved, audited (one event per family, grouped by child,
 * service and state, its days written as runs: see `AuditGroup`), and the
 * places it freed given to waiting children.
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
 * What an audit event says changed, for one child, service and state:
 * `dates` lists single days ("2026-12-03") and runs of days written as ISO
 * 8601 intervals ("2026-09-01/2027-07-02": every day the service ran from
 * the first to the last, both included, as the calendar stood then);
 * `days` counts them all when a run is written. A whole school year is a
 * line, not a hundred and forty dates.
 */
export interface AuditGroup {
  childId: number;
  serviceCode: string;
  state: string;
  reason?: string;
  dates: string[];
  days?: number;
}

/** The days `serviceCode` runs between two dates, in order, each with its position. */
type RunningDays = (serviceCode: string, from: string, to: string) => Map<string, number>;

/** Single days, and runs of days with no running day of the service missing between them. */
function compress(dates: string[], serviceCode: string, running: RunningDays | undefined): { dates: string[]; days?: number } {
  if (!running || dates.length < 3) return { dates };
  const sorted = [...new Set(dates)].sort();
  const index = running(serviceCode, sorted[0]!, sorted[sorted.length - 1]!);
  const out: string[] = [];
  let start = 0;
  for (let i = 1; i <= sorted.length; i++) {
    const prev = index.get(sorted[i - 1]!);
    const cur = i < sorted.length ? index.get(sorted[i]!) : undefined;
    if (prev !== undefined && cur !== undefined && cur === prev + 1) continue;
    out.push(i - 1 > start ? `${sorted[start]}/${sorted[i - 1]}` : sorted[start]!);
    start = i;
  }
  return out.length === sorted.length ? { dates: sorted } : { dates: out, days: sorted.length };
}

/** Rows grouped by child, service, state and reason as they are recorded, with their dates. */
class Groups {
  private readonly groups = new Map<string, { childId: number; serviceCode: string; state: string; reason?: string; dates: string[] }>();

  add(childId: number, serviceCode: string, date: string, state: string, reason?: string): void {
    const key = reason ? `${childId}|${serviceCode}|${state}|${reason}` : `${childId}|${serviceCode}|${state}`;
    let g = this.groups.get(key);
    if (!g) {
      g = reason ? { childId, serviceCode, state, reason, dates: [] } : { childId, serviceCode, state, dates: [] };
      this.groups.set(key, g);
    }
    g.dates.push(date);
  }

  /** Per family (by `familyOf`), the groups with their days as single dates and runs. */
  byFamily(familyOf: (childId: number) => number | null, running: RunningDays | undefined): Map<number | null, AuditGroup[]> {
    const out = new Map<number | null, AuditGroup[]>();
    for (const g of this.groups.values()) {
      const familyId = familyOf(g.childId);
      let list = out.get(familyId);
      if (!list) {
        list = [];
        out.set(familyId, list);
      }
      list.push({ ...g, ...compress(g.dates, g.serviceCode, running) });
    }
    return out;
  }
}

/** Positions of the days each service runs, per calendar (one calendar serves request after request). */
const runningIndexes = new WeakMap<SchoolCalendar, Map<string, Map<string, number>>>();

function runningDays(town: Town, calendar: SchoolCalendar): RunningDays {
  let known = runningIndexes.get(calendar);
  if (!known) {
    known = new Map();
    runningIndexes.set(calendar, known);
  }
  const cache = known;
  return (serviceCode, from, to) => {
    const key = `${serviceCode}|${from}|${to}`;
    let index = cache.get(key);
    if (!index) {
      const service = town.service(serviceCode);
      const days = service ? calendar.serviceDays(service, from as IsoDate, to as IsoDate) : [];
      index = new Map(days.map((d, i) => [d, i]));
      if (cache.size >= 256) cache.clear();
      cache.set(key, index);
    }
    return index;
  };
}

type AuditInput = { actor: Actor; channel: Channel; now: Date; overrideDeadline?: boolean };
type ChildFamilies = Map<unknown, { id: unknown; familyId: number }>;

function entriesOf(input: AuditInput, children: ChildFamilies, before: Groups, after: Groups, action: string, calendar?: { town: Town; calendar: SchoolCalendar }): AuditEntry[] {
  const running = calendar ? runningDays(calendar.town, calendar.calendar) : undefined;
  const familyOf = (childId: number) => children.get(childId)?.familyId ?? null;
  const b = before.byFamily(familyOf, running);
  const a = after.byFamily(familyOf, running);
  return [...new Set([...b.keys(), ...a.keys()])].map((familyId) => ({
    at: input.now,
    actor: input.actor,
    channel: input.channel,
    action: input.overrideDeadline ? `${action}.override` : action,
    familyId: familyId as AuditEntry['familyId'],
    before: b.get(familyId) ?? [],
    after: a.get(familyId) ?? [],
  }));
}

/**
 * One audit entry per family touched, with the rows before and after; with
 * the calendar, runs of days are written as intervals.
 */
export function auditEntries(
  input: AuditInput,
  children: ChildFamilies,
  before: AuditItem[],
  after: AuditItem[],
  action: string,
  calendar?: { town: Town; calendar: SchoolCalendar },
): AuditEntry[] {
  const groups = (items: AuditItem[]) => {
    const g = new Groups();
    for (const i of items) g.add(i.childId, i.serviceCode, i.date, i.state, i.reason);
    return g;
  };
  return entriesOf(input, children, groups(before), groups(after), action, calendar);
}

interface Slot {
  childId: number;
  serviceCode: string;
  date: IsoDate;
}

export class Changes {
  readonly writes: BookingWrite[] = [];
  private readonly before = new Groups();
  private readonly after = new Groups();
  private readonly freed = new Map<string, { serviceCode: string; date: IsoDate; places: number }>();

  /**
   * Records a row of `slot` going from `from` (null: no row yet) to `to`;
   * `label` replaces the state's name in the audit when it says more.
   */
  change(slot: Slot, id: BookingId | undefined, from: BookingStateName | null, to: BookingState, label?: { before?: string; after?: string; reason?: string }): void {
    this.writes.push({ id, childId: slot.childId as never, serviceCode: slot.serviceCode, date: slot.date, state: to });
    if (from) this.before.add(slot.childId, slot.serviceCode, slot.date, label?.before ?? from);
    this.after.add(slot.childId, slot.serviceCode, slot.date, label?.after ?? to.state, label?.reason);
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
    await tx.audit(entriesOf(input, ctx.children, this.before, this.after, action, ctx));
    return this.freed.size > 0 ? promoteWaiting(tx, ctx.town, ctx.calendar, this.freed, input.now) : [];
  }
}
