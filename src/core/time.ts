/**
 * Calendar dates and instants. A school day is a civil date ("2026-12-02",
 * an `IsoDate`); a deadline or a message's arrival is an instant (`Date`).
 * Conversions between them always go through the town's time zone, never
 * through the process's own (which may well be UTC on a server).
 */

/** A civil date, "YYYY-MM-DD". */
export type IsoDate = string & { readonly __brand: 'IsoDate' };

/** Where the core gets the current instant from: injected, never read from the system. */
export interface Clock {
  now(): Date;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether `value` is a real calendar date written "YYYY-MM-DD". */
export function isIsoDate(value: string): value is IsoDate {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const probe = new Date(Date.UTC(y, mo - 1, d));
  return probe.getUTCFullYear() === y && probe.getUTCMonth() === mo - 1 && probe.getUTCDate() === d;
}

/** Checks and brands a date string; throws on anything else. */
export function isoDate(value: string): IsoDate {
  if (!isIsoDate(value)) throw new RangeError(`not a calendar date: ${value}`);
  return value;
}

function toUtcMidnight(date: IsoDate): Date {
  return new Date(`${date}T00:00:00Z`);
}

function fromUtcMidnight(d: Date): IsoDate {
  return d.toISOString().slice(0, 10) as IsoDate;
}

/** Days since 1970-01-01 of a date, remembered (date arithmetic runs many times per message). */
const dayNumbers = new Map<string, number>();
const MS_PER_DAY = 86_400_000;

function dayNumber(date: IsoDate): number {
  let n = dayNumbers.get(date);
  if (n === undefined) {
    n = Math.round(toUtcMidnight(date).getTime() / MS_PER_DAY);
    if (dayNumbers.size >= 100_000) dayNumbers.clear();
    dayNumbers.set(date, n);
  }
  return n;
}

/** The date of a day number, remembered. */
const datesOfDays = new Map<number, IsoDate>();

/** Day numbers of 0000-01-01 and 9999-12-31: the dates "YYYY-MM-DD" can write. */
const FIRST_DAY = Math.round(Date.parse('0000-01-01T00:00:00Z') / MS_PER_DAY);
const LAST_DAY = Math.round(Date.parse('9999-12-31T00:00:00Z') / MS_PER_DAY);

/**
 * `date` moved by `days` calendar days. Throws a RangeError past 9999-12-31
 * (or before year 0): there "YYYY-MM-DD" cannot write the date, and a loop
 * stepping day by day would otherwise never reach its end.
 */
export function addDays(date: IsoDate, days: number): IsoDate {
  const n = dayNumber(date) + days;
  let d = datesOfDays.get(n);
  if (d === undefined) {
    if (!(n >= FIRST_DAY && n <= LAST_DAY)) throw new RangeError(`date out of range: ${date} + ${days} days`);
    d = fromUtcMidnight(new Date(n * MS_PER_DAY));
    if (datesOfDays.size >= 100_000) datesOfDays.clear();
    datesOfDays.set(n, d);
  }
  return d;
}

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: IsoDate): number {
  // 1970-01-01 was a Thursday (ISO weekday 4).
  return ((((dayNumber(date) + 3) % 7) + 7) % 7) + 1;
}

/** Whole days from `a` to `b` (positive when b is later). */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  return Math.round((toUtcMidnight(b).getTime() - toUtcMidnight(a).getTime()) / 86_400_000);
}

/** Every date from `from` to `to`, both included. */
export function eachDate(from: IsoDate, to: IsoDate): IsoDate[] {
  const out: IsoDate[] = [];
  const days = daysBetween(from, to);
  for (let i = 0; i <= days; i++) out.push(i === 0 ? from : addDays(from, i));
  return out;
}

const partsFormatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = partsFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    partsFormatters.set(timeZone, f);
  }
  return f;
}

/** The wall-clock reading of `instant` in `timeZone`. */
export function zonedParts(instant: Date, timeZone: string): { date: IsoDate; hour: number; minute: number; second: number } {
  // The same instant is read again and again (every message of a conversation turn, every step
  // of it): formatToParts is costly, so the last reading is kept.
  const t = instant.getTime();
  if (lastParts && lastParts.t === t && lastParts.timeZone === timeZone) return { ...lastParts.value };
  const value = readZonedParts(instant, timeZone);
  lastParts = { t, timeZone, value };
  return { ...value };
}

let lastParts: { t: number; timeZone: string; value: { date: IsoDate; hour: number; minute: number; second: number } } | null = null;

function readZonedParts(instant: Date, timeZone: string): { date: IsoDate; hour: number; minute: number; second: number } {
  const parts: Record<string, string> = {};
  for (const p of formatterFor(timeZone).formatToParts(instant)) parts[p.type] = p.value;
  return {
    date: `${parts.year}-${parts.month}-${parts.day}` as IsoDate,
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
  };
}

/** The civil date of `instant` in `timeZone`. */
export function zonedDate(instant: Date, timeZone: string): IsoDate {
  return zonedParts(instant, timeZone).date;
}

/**
 * The instant at which the wall clock of `timeZone` reads `time` ("HH:MM")
 * on `date`. In the spring gap the later valid instant is taken; in the
 * autumn overlap, the first of the two.
 */
export function zonedInstant(date: IsoDate, time: string, timeZone: string): Date {
  // Pure and asked for the same few days over and over (every child of a request): memoised.
  const key = `${date}|${time}|${timeZone}`;
  const cached = instantCache.get(key);
  if (cached !== undefined) return new Date(cached);
  const instant = computeZonedInstant(date, time, timeZone);
  if (instantCache.size >= 20_000) instantCache.clear();
  instantCache.set(key, instant.getTime());
  return instant;
}

const instantCache = new Map<string, number>();

function computeZonedInstant(date: IsoDate, time: string, timeZone: string): Date {
  const [h, m] = time.split(':').map(Number) as [number, number];
  const wanted = Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)), h, m);
  // Offsets in Europe are whole minutes and move at most a couple of hours:
  // start from the offset at the wanted UTC reading and correct once or twice.
  let guess = wanted;
  for (let i = 0; i < 3; i++) {
    const p = zonedParts(new Date(guess), timeZone);
    const seen = Date.UTC(Number(p.date.slice(0, 4)), Number(p.date.slice(5, 7)) - 1, Number(p.date.slice(8, 10)), p.hour, p.minute);
    const diff = wanted - seen;
    if (diff === 0) break;
    guess += diff;
  }
  // Autumn overlap: prefer the earlier instant when it reads the same.
  const earlier = guess - 3_600_000;
  const pe = zonedParts(new Date(earlier), timeZone);
  if (pe.date === date && pe.hour === h && pe.minute === m) return new Date(earlier);
  return new Date(guess);
}
