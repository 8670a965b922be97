/**
 * Why the core refused something: one list of coded reasons with their data.
 * Each channel turns them into words in one table (see replies).
 */
import type { ClosedReason } from './calendar.js';
import type { ChildId } from './ids.js';
import type { IsoDate } from './time.js';

export type Reason =
  /** The service does not run that weekday (e.g. the canteen on a Wednesday). */
  | { code: 'SERVICE_NOT_RUNNING'; weekday: number }
  /** No school that day: holidays, public holiday, bridge, staff closure, outside the school year. */
  | { code: 'CLOSED_DAY'; closed: Exclude<ClosedReason, { code: 'NOT_RUNNING_WEEKDAY' }> }
  /** Booking or cancelling closed at `deadline`. */
  | { code: 'DEADLINE_PASSED'; change: 'booking' | 'cancellation'; deadline: Date }
  /** The town's rules never allow cancelling this service (report an absence instead). */
  | { code: 'CANCELLATION_NOT_ALLOWED' }
  /** An absence cannot be reported for a day that is over. */
  | { code: 'DAY_PASSED'; date: IsoDate }
  | { code: 'UNKNOWN_CHILD'; childId: ChildId }
  | { code: 'UNKNOWN_SERVICE'; serviceCode: string };

export type ReasonCode = Reason['code'];

/** Turns a calendar closure into the matching refusal. */
export function closedReason(closed: ClosedReason): Reason {
  return closed.code === 'NOT_RUNNING_WEEKDAY'
    ? { code: 'SERVICE_NOT_RUNNING', weekday: closed.weekday }
    : { code: 'CLOSED_DAY', closed };
}
