/**
 * How many adults the children of a service need on a day, under the
 * town's supervision ratios (src/core/config.ts `supervision`, from the Code
 * de l'action sociale et des familles, art. R227-16): one adult per so many
 * children under six and per so many six and over, the age being the
 * child's on that day.
 */
import type { Ratio, SupervisionConfig } from '../config.js';
import { isIsoDate, type IsoDate } from '../time.js';

/** A child of a service on a day, as the roll call has it (or several alike: `count`). */
export interface SupervisedChild {
  /** "YYYY-MM-DD"; anything else (an erased child) is an unknown age. */
  birthDate: string;
  /** The booking's state: only "booked" and "absent" hold a place. */
  state: string;
  /** The roll call's tick: "present", "absent", or null before it is taken. */
  attendance: string | null;
  /** How many children share these values (1 when omitted). */
  count?: number;
}

/** Children counted, by age group. `unknownAge` (no valid birth date) are counted under six, the stricter ratio. */
export interface AgeCounts {
  under6: number;
  sixAndOver: number;
  unknownAge: number;
}

/** What one service needs on a day: the children counted and the adults the ratios require. */
export interface SupervisionNeed extends AgeCounts {
  /** Adults needed under the ordinary ratios. */
  ordinary: number;
  /** Adults needed under the ratios a PEDT allows, when the town file gives them. */
  withPedt: number | null;
  /** The need that applies: the PEDT's when the town has one, else the ordinary one. */
  applicable: number;
}

/**
 * Whether a child is there: ticked present (even after an absence was
 * reported); otherwise booked, and neither reported absent nor ticked absent.
 * Before the roll call this is who is expected; as it is taken, who came.
 */
export function isCounted(child: Pick<SupervisedChild, 'state' | 'attendance'>): boolean {
  if (child.state !== 'booked' && child.state !== 'absent') return false;
  if (child.attendance === 'present') return true;
  if (child.attendance === 'absent') return false;
  return child.state === 'booked';
}

/**
 * Whether a child born on `birthDate` is six or older on `date`: six from
 * the 6th birthday itself. Born on 29 February, the birthday in a common
 * year is taken as 1 March (the later day: the stricter ratio one day more).
 * Null when the birth date is not a date.
 */
export function isSixOrOlder(birthDate: string, date: IsoDate): boolean | null {
  if (!isIsoDate(birthDate)) return null;
  // The same month and day six years earlier, compared as text: "2020-02-29" is
  // after the "2020-02-28" of a common year's 28 February, so not six before 1 March.
  const cutoff = `${String(Number(date.slice(0, 4)) - 6).padStart(4, '0')}${date.slice(4)}`;
  return birthDate <= cutoff;
}

/** The children counted on `date` (see `isCounted`), by age group on that day. */
export function countByAge(children: Iterable<SupervisedChild>, date: IsoDate): AgeCounts {
  const out: AgeCounts = { under6: 0, sixAndOver: 0, unknownAge: 0 };
  for (const c of children) {
    if (!isCounted(c)) continue;
    const n = c.count ?? 1;
    const six = isSixOrOlder(c.birthDate, date);
    if (six) out.sixAndOver += n;
    else {
      out.under6 += n;
      if (six === null) out.unknownAge += n;
    }
  }
  return out;
}

/**
 * The adults a mixed group needs. The mixed-group rule (the usual reading of
 * R227-16, which gives one ratio per age group): each child under six counts
 * for 1/under6 of an adult, each child of six and over for 1/sixAndOver, and
 * the sum is rounded up: ceil(u / r1 + o / r2). Computed in integers
 * (ceil((u·r2 + o·r1) / (r1·r2))) so that 10/10 + 14/14 is exactly 2.
 * Examples at 1/10 and 1/14: 12 under six and 20 older → 1.2 + 1.43 → 3;
 * 10 and 14 → 2; none → 0.
 */
export function adultsNeeded(counts: Pick<AgeCounts, 'under6' | 'sixAndOver'>, ratio: Ratio): number {
  const { under6: r1, sixAndOver: r2 } = ratio;
  const units = counts.under6 * r2 + counts.sixAndOver * r1;
  return Math.ceil(units / (r1 * r2));
}

/** The ratios of a service in the town file, or null when the service is not supervised under them (the canteen unless declared). */
export function serviceRatios(config: SupervisionConfig | undefined, serviceCode: string): SupervisionConfig['services'][number] | null {
  return config?.services.find((s) => s.code === serviceCode) ?? null;
}

/**
 * What the children of one service on `date` need: their counts by age and
 * the adults needed under the ordinary ratios and those of a PEDT; the
 * applicable need is the PEDT's when the town has one.
 */
export function supervisionNeed(
  children: Iterable<SupervisedChild>,
  date: IsoDate,
  ratios: { ordinary: Ratio; withPedt: Ratio | null },
  townHasPedt: boolean,
): SupervisionNeed {
  const counts = countByAge(children, date);
  const ordinary = adultsNeeded(counts, ratios.ordinary);
  const withPedt = ratios.withPedt ? adultsNeeded(counts, ratios.withPedt) : null;
  return { ...counts, ordinary, withPedt, applicable: townHasPedt && withPedt !== null ? withPedt : ordinary };
}
