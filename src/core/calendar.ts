/**
 * Which days a service runs: its weekdays, within the school year, outside
 * school holidays, public holidays, bridge days and the closures staff add.
 */
import type { CalendarConfig, ServiceConfig, TownConfig } from './config.js';
import { addDays, eachDate, isoWeekday, type IsoDate } from './time.js';

/** A closure added by staff: a whole day (`serviceCode` null) or one service. */
export interface ExtraClosure {
  date: IsoDate;
  serviceCode: string | null;
  reason: string;
}

/** Why a service does not run on a day. */
export type ClosedReason =
  | { code: 'NOT_RUNNING_WEEKDAY'; weekday: number }
  | { code: 'OUTSIDE_SCHOOL_YEAR'; firstDay: IsoDate; lastDay: IsoDate }
  | { code: 'SCHOOL_HOLIDAY'; name: string; from: IsoDate; to: IsoDate }
  | { code: 'PUBLIC_HOLIDAY'; name: string }
  | { code: 'BRIDGE_DAY'; name: string }
  | { code: 'CLOSURE'; reason: string };

export type DayStatus = { open: true } | { open: false; reason: ClosedReason };

/** The school calendar of a town plus the extra closures in force. */
export class SchoolCalendar {
  private readonly publicHolidays: Map<string, string>;
  private readonly bridges: Map<string, string>;
  private readonly closures = new Map<string, ExtraClosure>();
  /** Calendars already built by `withClosures`, by their closures (oldest first, a few kept). */
  private readonly derived = new Map<string, SchoolCalendar>();
  /** `status` answers, per service object and date: pure, and asked for every child of a request. */
  private readonly statuses = new WeakMap<object, Map<string, DayStatus>>();

  constructor(
    readonly calendar: CalendarConfig,
    closures: readonly ExtraClosure[] = [],
  ) {
    this.publicHolidays = new Map(calendar.publicHolidays.map((h) => [h.date, h.name]));
    this.bridges = new Map(calendar.bridges.map((h) => [h.date, h.name]));
    for (const c of [...calendar.closures, ...closures]) this.closures.set(`${c.date}|${c.serviceCode ?? '*'}`, c);
  }

  /** The same calendar with other extra closures (those of the configuration stay). */
  withClosures(closures: readonly ExtraClosure[]): SchoolCalendar {
    // Requests after requests bring the same closures: the same calendar (and its answers) serves them.
    const key = closures.map((c) => `${c.date}|${c.serviceCode ?? '*'}|${c.reason}`).join('\n');
    const known = this.derived.get(key);
    if (known) return known;
    const made = new SchoolCalendar(this.calendar, closures);
    if (this.derived.size >= 16) this.derived.delete(this.derived.keys().next().value!);
    this.derived.set(key, made);
    return made;
  }

  /** The school holiday period containing `date`, if any. */
  holidayOn(date: IsoDate): { name: string; from: IsoDate; to: IsoDate } | undefined {
    return this.calendar.holidays.find((h) => h.from <= date && date <= h.to);
  }

  /** The next school holidays starting after `date` (for "jusqu'aux vacances"). */
  nextHolidays(date: IsoDate): { name: string; from: IsoDate; to: IsoDate } | undefined {
    return [...this.calendar.holidays].sort((a, b) => (a.from < b.from ? -1 : 1)).find((h) => h.from > date);
  }

  publicHolidayOn(date: IsoDate): string | undefined {
    return this.publicHolidays.get(date);
  }

  /** A whole-town closure added by staff on `date`. */
  townClosureOn(date: IsoDate): ExtraClosure | undefined {
    return this.closures.get(`${date}|*`);
  }

  /**
   * A working day of the town hall: Monday to Friday, not a public holiday,
   * not a whole-town closure. School holidays are working days.
   */
  isWorkingDay(date: IsoDate): boolean {
    return isoWeekday(date) <= 5 && !this.publicHolidays.has(date) && !this.townClosureOn(date);
  }

  /** The last working day strictly before `date`. */
  previousWorkingDay(date: IsoDate): IsoDate {
    let d = addDays(date, -1);
    while (!this.isWorkingDay(d)) d = addDays(d, -1);
    return d;
  }

  /** Whether `service` runs on `date`, and if not, why (the most telling reason first). */
  status(service: Pick<ServiceConfig, 'code' | 'weekdays'>, date: IsoDate): DayStatus {
    let known = this.statuses.get(service);
    if (!known) {
      known = new Map();
      this.statuses.set(service, known);
    }
    let status = known.get(date);
    if (!status) {
      status = this.computeStatus(service, date);
      known.set(date, status);
    }
    return status;
  }

  private computeStatus(service: Pick<ServiceConfig, 'code' | 'weekdays'>, date: IsoDate): DayStatus {
    const { firstDay, lastDay } = this.calendar;
    const holiday = this.holidayOn(date);
    if (holiday) return { open: false, reason: { code: 'SCHOOL_HOLIDAY', name: holiday.name, from: holiday.from, to: holiday.to } };
    if (date < firstDay || date > lastDay) return { open: false, reason: { code: 'OUTSIDE_SCHOOL_YEAR', firstDay, lastDay } };
    const weekday = isoWeekday(date);
    if (!service.weekdays.includes(weekday)) return { open: false, reason: { code: 'NOT_RUNNING_WEEKDAY', weekday } };
    const ph = this.publicHolidays.get(date);
    if (ph) return { open: false, reason: { code: 'PUBLIC_HOLIDAY', name: ph } };
    const bridge = this.bridges.get(date);
    if (bridge) return { open: false, reason: { code: 'BRIDGE_DAY', name: bridge } };
    const closure = this.closures.get(`${date}|*`) ?? this.closures.get(`${date}|${service.code}`);
    if (closure) return { open: false, reason: { code: 'CLOSURE', reason: closure.reason } };
    return { open: true };
  }

  /** Whether `service` runs on `date`. */
  runs(service: Pick<ServiceConfig, 'code' | 'weekdays'>, date: IsoDate): boolean {
    return this.status(service, date).open;
  }

  /** The days from `from` to `to` (included) on which `service` runs. */
  serviceDays(service: Pick<ServiceConfig, 'code' | 'weekdays'>, from: IsoDate, to: IsoDate): IsoDate[] {
    return eachDate(from, to).filter((d) => this.runs(service, d));
  }

  /** Whether any of the town's services runs on `date`. */
  anyServiceRuns(config: TownConfig, date: IsoDate): boolean {
    return config.services.some((s) => this.runs(s, date));
  }
}
