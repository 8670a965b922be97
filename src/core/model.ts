/** The booking domain's records and states. */
import type { BookingId, ChildId, FamilyId, GuardianId, StaffId } from './ids.js';
import type { IsoDate } from './time.js';

/** The way a change reached us. */
export type Channel = 'telegram' | 'email' | 'web' | 'admin' | 'system';

/** Who made a change. */
export type Actor = { type: 'guardian'; id: GuardianId } | { type: 'staff'; id: StaffId } | { type: 'system' };

/** Renders an actor as stored on a booking ("guardian:12", "staff:3", "system"). */
export function actorTag(actor: Actor): string {
  return actor.type === 'system' ? 'system' : `${actor.type}:${actor.id}`;
}

/** A child as the booking rules need it. */
export interface ChildRecord {
  id: ChildId;
  familyId: FamilyId;
  firstName: string;
  lastName: string;
}

/**
 * The state of one child's booking of one service on one day. A place is
 * taken by `booked` and `absent` (an absence keeps the booking, for billing).
 */
export type BookingState =
  | { state: 'booked' }
  | { state: 'absent'; reason: string; justified: boolean | null }
  | { state: 'cancelled' }
  | { state: 'waiting'; since: Date };

export type BookingStateName = BookingState['state'];

/** One row: a child, a service, a day, and its state. */
export type BookingRecord = {
  id: BookingId;
  childId: ChildId;
  serviceCode: string;
  date: IsoDate;
} & BookingState;

/** Whether a booking in this state holds a place against the capacity. */
export function takesPlace(state: BookingStateName): boolean {
  return state === 'booked' || state === 'absent';
}

/** The key of a (child, service, day) slot. */
export function slotKey(childId: ChildId, serviceCode: string, date: IsoDate): string {
  return `${childId}|${serviceCode}|${date}`;
}

/** The key of a (service, day) pair, which has one capacity. */
export function dayKey(serviceCode: string, date: IsoDate): string {
  return `${serviceCode}|${date}`;
}
