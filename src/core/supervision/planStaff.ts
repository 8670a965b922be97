/**
 * Staff say how many adults are planned for a service on a day, beside the
 * adults the supervision ratios require (see ratios.ts). Audited like every
 * staff change.
 */
import type { StaffId } from '../ids.js';
import type { Channel } from '../model.js';
import type { IsoDate } from '../time.js';
import type { Town } from '../town.js';

/** The most adults one service can be planned with (a typing error beyond). */
export const MAX_PLANNED_ADULTS = 200;

/** Where the planned adults are kept. */
export interface StaffPlanStore {
  /** The adults planned on `date`, by service code (services not planned are absent). */
  plannedOn(date: IsoDate): Promise<Map<string, number>>;
  /** Sets the adults planned for a service on a day and audits the change (before, after); returns the previous value. */
  set(date: IsoDate, serviceCode: string, adults: number, by: { actor: { type: 'staff'; id: StaffId }; channel: Channel; at: Date }): Promise<{ before: number | null }>;
}

export type PlanStaffResult = { ok: true; before: number | null } | { ok: false; why: 'UNKNOWN_SERVICE' | 'NOT_RUNNING' | 'INVALID_ADULTS' };

/**
 * Records the adults planned for `serviceCode` on `date`: a whole number
 * from 0 to MAX_PLANNED_ADULTS, for a service that runs that day in the
 * school calendar.
 */
export async function planStaff(
  deps: { plans: StaffPlanStore; town: Town },
  input: { date: IsoDate; serviceCode: string; adults: number; actor: { type: 'staff'; id: StaffId }; channel: Channel; now: Date },
): Promise<PlanStaffResult> {
  const service = deps.town.service(input.serviceCode);
  if (!service) return { ok: false, why: 'UNKNOWN_SERVICE' };
  if (!Number.isInteger(input.adults) || input.adults < 0 || input.adults > MAX_PLANNED_ADULTS) return { ok: false, why: 'INVALID_ADULTS' };
  if (!deps.town.calendar.runs(service, input.date)) return { ok: false, why: 'NOT_RUNNING' };
  const { before } = await deps.plans.set(input.date, input.serviceCode, input.adults, { actor: input.actor, channel: input.channel, at: input.now });
  return { ok: true, before };
}
