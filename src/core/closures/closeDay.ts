import type { ExtraClosure } from '../calendar.js';
import { cancelBookings } from '../bookings/cancelBookings.js';
import type { CancelOutcome, Promotion } from '../bookings/outcomes.js';
import type { ChildId, FamilyId, StaffId } from '../ids.js';
import type { Actor, Channel } from '../model.js';
import type { BookingStore, DomainEvent } from '../ports.js';
import type { IsoDate } from '../time.js';
import type { Town } from '../town.js';

/** A booking or waiting-list place of a day, with whom it belongs to. */
export interface DaySlot {
  childId: ChildId;
  familyId: FamilyId;
  firstName: string;
  serviceCode: string;
  state: 'booked' | 'absent' | 'waiting';
}

/** Where staff closures are kept (the Closure table), beside the school calendar of the configuration. */
export interface ClosureStore {
  /** Runs `fn` as one write transaction: the booking store's writes inside it join it. */
  atomically<T>(fn: () => Promise<T>): Promise<T>;
  /** Records a closure (and its audit); `created` is false when the same one already exists. */
  add(closure: ExtraClosure, by: { actor: Actor; channel: Channel; at: Date }): Promise<{ created: boolean }>;
  /** Removes a closure (and audits it); null when there was none. */
  remove(date: IsoDate, serviceCode: string | null, by: { actor: Actor; channel: Channel; at: Date }): Promise<ExtraClosure | null>;
  /** The day's rows still booked, absent or waiting for these services, read from the day's bookings. */
  daySlots(date: IsoDate, serviceCodes: readonly string[]): Promise<DaySlot[]>;
  /** Lets the rest of the process run (other requests, other writers) between two batches. */
  pause(): Promise<void>;
}

export type CloseDayResult =
  | { ok: true; created: boolean; items: CancelOutcome[]; promotions: Promotion[]; families: FamilyId[] }
  | { ok: false; why: 'UNKNOWN_SERVICE' | 'REASON_REQUIRED' | 'NOT_RUNNING' };

/** Children cancelled per write transaction: each is short, so other writers go through between them. */
export const CLOSE_BATCH = 400;

/**
 * Closes a day, for every service (`serviceCode` null) or one. The closure
 * is recorded first, so from then on nobody can book that day; then every
 * booking and waiting-list place of the day is cancelled by staff, whatever
 * the deadlines, in short transactions of a few hundred children (waiting
 * places first, so a freed place never goes to a child about to lose it);
 * last, each family touched gets one 'day.closed' event with the reason
 * and all it loses that day. Closing a day already closed cancels what may
 * still be there (a closure interrupted half-way ends the same way).
 */
export async function closeDay(
  deps: { store: BookingStore; town: Town; closures: ClosureStore },
  input: { date: IsoDate; serviceCode: string | null; reason: string; actor: { type: 'staff'; id: StaffId }; channel: Channel; now: Date },
): Promise<CloseDayResult> {
  const { town } = deps;
  const reason = input.reason.trim();
  if (!reason) return { ok: false, why: 'REASON_REQUIRED' };
  if (input.serviceCode !== null && !town.service(input.serviceCode)) return { ok: false, why: 'UNKNOWN_SERVICE' };
  const services = input.serviceCode === null ? town.serviceList : [town.service(input.serviceCode)!];
  // Only a day the school calendar would run is worth closing (a holiday is closed already).
  const existing = await deps.store.closures(input.date, input.date);
  const calendar = town.calendar.withClosures(existing.filter((c) => !(c.date === input.date && c.serviceCode === input.serviceCode)));
  if (!services.some((s) => calendar.runs(s, input.date))) return { ok: false, why: 'NOT_RUNNING' };
  const { created } = await deps.closures.add({ date: input.date, serviceCode: input.serviceCode, reason }, { actor: input.actor, channel: input.channel, at: input.now });

  const slots = await deps.closures.daySlots(input.date, services.map((s) => s.code));
  const waitingFirst = [...new Set([...slots.filter((s) => s.state === 'waiting'), ...slots.filter((s) => s.state !== 'waiting')].map((s) => s.childId))];
  const items: CancelOutcome[] = [];
  const promotions: Promotion[] = [];
  for (let i = 0; i < waitingFirst.length; i += CLOSE_BATCH) {
    const out = await cancelBookings(deps, {
      actor: input.actor,
      channel: input.channel,
      now: input.now,
      childIds: waitingFirst.slice(i, i + CLOSE_BATCH),
      serviceCodes: input.serviceCode === null ? null : [input.serviceCode],
      dates: [input.date],
      overrideDeadline: true,
      reason,
      silent: true,
    });
    items.push(...out.items);
    promotions.push(...out.promotions);
    await deps.closures.pause();
  }

  // One notice per family, for what it lost.
  const lost = new Map<string, 'cancelled' | 'waiting'>();
  for (const i of items) if (i.outcome === 'cancelled' || i.outcome === 'left_waiting_list') lost.set(`${i.childId}|${i.serviceCode}`, i.outcome === 'cancelled' ? 'cancelled' : 'waiting');
  const byFamily = new Map<FamilyId, Map<ChildId, { childId: ChildId; firstName: string; cancelled: string[]; waiting: string[] }>>();
  for (const s of slots) {
    const what = lost.get(`${s.childId}|${s.serviceCode}`);
    if (!what) continue;
    const children = byFamily.get(s.familyId) ?? new Map();
    const child = children.get(s.childId) ?? { childId: s.childId, firstName: s.firstName, cancelled: [], waiting: [] };
    if (!child[what].includes(s.serviceCode)) child[what].push(s.serviceCode);
    children.set(s.childId, child);
    byFamily.set(s.familyId, children);
  }
  const events: DomainEvent[] = [...byFamily].map(([familyId, children]) => ({
    type: 'day.closed',
    familyId,
    at: input.now,
    payload: { date: input.date, serviceCode: input.serviceCode, reason, children: [...children.values()] },
  }));
  for (let i = 0; i < events.length; i += 2_000) {
    const chunk = events.slice(i, i + 2_000);
    await deps.store.write((tx) => tx.publish(chunk));
  }
  return { ok: true, created, items, promotions, families: [...byFamily.keys()] };
}
