import type { StaffId } from '../ids.js';
import type { Channel } from '../model.js';

export type Attendance = 'present' | 'absent';

/** Where the roll call's ticks are kept: on the booking itself (what billing will read), audited. */
export interface AttendanceStore {
  /** Sets (or clears, with null) the attendance of a booked or absent-reported booking; false when there is none. */
  mark(bookingId: number, value: Attendance | null, by: { actor: { type: 'staff'; id: StaffId }; channel: Channel; at: Date }): Promise<boolean>;
}

/**
 * Staff tick a child present or absent on the roll call of a service and
 * day. Only a booking that holds a place (booked, or reported absent) can be
 * ticked; ticking again changes the mark; each change is audited.
 */
export async function recordAttendance(
  deps: { attendance: AttendanceStore },
  input: { bookingId: number; value: Attendance | null; actor: { type: 'staff'; id: StaffId }; channel: Channel; now: Date },
): Promise<{ ok: true } | { ok: false; why: 'UNKNOWN_BOOKING' }> {
  const done = await deps.attendance.mark(input.bookingId, input.value, { actor: input.actor, channel: input.channel, at: input.now });
  return done ? { ok: true } : { ok: false, why: 'UNKNOWN_BOOKING' };
}
