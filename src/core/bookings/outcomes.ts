/** What happened to each (child, service, day) a request named. */
import type { ChildId, FamilyId } from '../ids.js';
import type { Reason } from '../reasons.js';
import type { IsoDate } from '../time.js';

interface Slot {
  childId: ChildId;
  serviceCode: string;
  date: IsoDate;
}

export type BookOutcome = Slot &
  (
    | { outcome: 'booked' }
    | { outcome: 'already_booked' }
    | { outcome: 'waiting_list'; rank: number }
    | { outcome: 'already_waiting'; rank: number }
    | { outcome: 'refused'; reason: Reason }
  );

export type CancelOutcome = Slot &
  (
    | { outcome: 'cancelled' }
    | { outcome: 'left_waiting_list' }
    | { outcome: 'not_booked' }
    | { outcome: 'refused'; reason: Reason }
  );

export type AbsenceOutcome = Slot &
  (
    | { outcome: 'absent' }
    /** Reported before the cancellation deadline: simply cancelled, nothing billed. */
    | { outcome: 'cancelled' }
    | { outcome: 'left_waiting_list' }
    | { outcome: 'already_absent' }
    | { outcome: 'not_booked' }
    | { outcome: 'refused'; reason: Reason }
  );

/** A waiting child who got a place freed by a cancellation. */
export interface Promotion {
  childId: ChildId;
  familyId: FamilyId;
  firstName: string;
  serviceCode: string;
  date: IsoDate;
}
