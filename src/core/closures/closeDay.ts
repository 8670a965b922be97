import type { ExtraClosure } from '../calendar.js';
import { cancelBookings } from '../bookings/cancelBookings.js';
import type { CancelOutcome, Promotion } from '../bookings/outcomes.js';
import type { ChildId, StaffId } from '../ids.js';
import type { Actor, Channel } from '../model.js';
import type { BookingStore } from '../ports.js';
import type { IsoDate } from '../time.js';
import type { Town } from '../town.js';

/** Where staff closures are kept (the Closure table), beside the school calendar of the configuration. */
export interface ClosureStore {
  /** Runs `fn` as one write transaction: the booking store's writes inside it join it. */
  atomically<T>(fn: () => Promise<T>): Promise<T>;
  /** Records a closure (and its audit); `created` is false when the same one already exists. */
  add(closure: ExtraClosure, by: { actor: Actor; channel: Channel; at: Date }): Promise<{ created: boolean }>;
  /** Removes a closure (and audits it); null when there was none. */
  remove(date: IsoDate, serviceCode: string | null, by: { actor: Actor; channel: Channel; at: Date }): Promise<ExtraClosure | null>;
}

export type CloseDayResult =
  | { ok: true; created: boolean; items: CancelOutcome[]; promotions: Promotion[] }
  | { ok: false; why: 'UNKNOWN_SERVICE' | 'REASON_REQUIRED' | 'NOT_RUNNING' };

/**
 * Closes a day, for every service (`serviceCode` null) or one: the closure
 * is recorded and, in the same transaction, every booking and waiting-list
 * place of that day is cancelled by staff, whatever the deadlines; the
 * families hear of it through the 'booking.cancelled_by_staff' events the
 * cancellation publishes. Closing a day already closed cancels what may
 * still be there and changes nothing else.
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
  return deps.closures.atomically(async () => {
    const { created } = await deps.closures.add({ date: input.date, serviceCode: input.serviceCode, reason }, { actor: input.actor, channel: input.channel, at: input.now });
    const codes = new Set(services.map((s) => s.code));
    const rows = await deps.store.list({ from: input.date, to: input.date });
    const childIds = [...new Set(rows.filter((r) => r.state !== 'cancelled' && codes.has(r.serviceCode)).map((r) => r.childId))] as ChildId[];
    if (childIds.length === 0) return { ok: true as const, created, items: [], promotions: [] };
    const { items, promotions } = await cancelBookings(deps, {
      actor: input.actor,
      channel: input.channel,
      now: input.now,
      childIds,
      serviceCodes: input.serviceCode === null ? null : [input.serviceCode],
      dates: [input.date],
      overrideDeadline: true,
    });
    return { ok: true as const, created, items, promotions };
  });
}
