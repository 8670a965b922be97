/**
 * The town's configuration: its services, their deadlines and capacities,
 * and its school calendar. It is data (config/town.json), checked once when
 * loaded; changing it never needs a code change.
 */
import { z } from 'zod';
import { isIsoDate, type IsoDate } from './time.js';

const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected HH:MM');
const date = z.string().refine(isIsoDate, 'expected a date YYYY-MM-DD').transform((s) => s as IsoDate);
const weekday = z.number().int().min(1).max(7);

/**
 * When booking (or cancelling) a service for a day stops being possible.
 * - `daysBefore`: at `at` on the `days`-th day before; with `workingDays`
 *   only working days count (weekends, public holidays and whole-town
 *   closures are skipped).
 * - `weekdayBefore`: at `at` on weekday `weekday` of the date's own week
 *   (`weeksBefore: 0`, e.g. the Monday before a Wednesday) or of an earlier
 *   week (`weeksBefore: 1`: Thursday for the following week); a day that is
 *   not a working day moves back to the previous working day.
 * - `never`: never possible (cancellation only: absences are still reported).
 */
export const deadlineRuleSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('daysBefore'), days: z.number().int().min(0).max(60), at: time, workingDays: z.boolean() }),
  z.object({ kind: z.literal('weekdayBefore'), weekday: weekday.max(5), at: time, weeksBefore: z.number().int().min(0).max(4) }),
  z.object({ kind: z.literal('never') }),
]);
export type DeadlineRule = z.infer<typeof deadlineRuleSchema>;

export const serviceCodeSchema = z.string().regex(/^[a-z][a-z0-9_]*$/);

export const serviceConfigSchema = z.object({
  code: serviceCodeSchema,
  label: z.string().min(1),
  /** How parents name it in a sentence ("cantine"). */
  shortLabel: z.string().min(1),
  /** Whether `shortLabel` is feminine in French ("cantine réservée", "centre de loisirs réservé"). */
  feminine: z.boolean().default(true),
  labelEn: z.string().min(1),
  /**
   * The words and phrases parents name the service by, folded (no accents, lower case), in
   * the interpreter's phrase syntax: words separated by spaces, `a|b` alternatives, a trailing
   * `?` for an optional word, `~abc` for any word starting with "abc"
   * (`"garderie|accueil du|de le soir"`, `"~mang"`). The labels always count too; a town that
   * adds a service ("étude surveillée") names it here, with no code change.
   */
  words: z.array(z.string().trim().min(1)).default([]),
  weekdays: z.array(weekday).min(1),
  /** When it starts on its days (town time): until then, "lundi" said on a Monday still means today. */
  startsAt: time.default('08:00'),
  capacity: z.number().int().min(0),
  booking: deadlineRuleSchema,
  cancellation: deadlineRuleSchema,
});
export type ServiceConfig = z.infer<typeof serviceConfigSchema>;

const period = z.object({ name: z.string(), from: date, to: date }).refine((p) => p.from <= p.to, 'from after to');
const namedDay = z.object({ name: z.string(), date });

export const calendarConfigSchema = z.object({
  zone: z.string(),
  academie: z.string(),
  schoolYear: z.string(),
  firstDay: date,
  lastDay: date,
  holidays: z.array(period),
  publicHolidays: z.array(namedDay),
  bridges: z.array(namedDay).default([]),
  /** Extra closure days decided by the town (a strike, a training day), beyond those staff add in the dashboard. */
  closures: z
    .array(z.object({ date, serviceCode: serviceCodeSchema.nullable().default(null), reason: z.string().min(1) }))
    .default([]),
  notes: z.array(z.string()).optional(),
});
export type CalendarConfig = z.infer<typeof calendarConfigSchema>;

/** A sentence in each language the assistant speaks. */
const localized = z.object({ fr: z.string().min(1), en: z.string().min(1) });
const link = z.url({ protocol: /^https?$/ });

/**
 * What the assistant answers to questions about the services (prices,
 * opening hours, menus, rules) and how to reach the CCAS; shown on the
 * dashboard too. Every field is the town's data: a question it does not
 * answer gets the CCAS's contact instead.
 */
export const informationSchema = z.object({
  ccas: z.object({
    name: z.string().min(1),
    address: z.string().min(1),
    phone: z.string().min(1),
    email: z.email().nullable().default(null),
    hours: localized,
  }),
  services: z
    .array(
      z.object({
        code: serviceCodeSchema,
        /** The full price (before any reduction by family quotient). */
        price: z.object({ amount: z.number().min(0).max(1000), per: z.enum(['meal', 'session', 'day', 'halfDay']) }).nullable().default(null),
        /** When children are taken in, town time. */
        hours: z.object({ from: time, to: time }).refine((h) => h.from < h.to, 'from after to').nullable().default(null),
      }),
    )
    .default([]),
  /** Said under the prices (reductions, billing). */
  priceNote: localized.nullable().default(null),
  rulesUrl: link.nullable().default(null),
  menusUrl: link.nullable().default(null),
  notes: z.array(z.string()).optional(),
});
export type InformationConfig = z.infer<typeof informationSchema>;
/**
 * How long the personal data that is not needed for billing is kept, in
 * days, applied every night at `runAt` (town time): the record of messages
 * taken from the channels (inbound messages), conversation states (pending
 * questions, last exchanges, undo), messages sent or notifications
 * announced (outbox and domain events), and the details (before/after) of
 * audit events, whose who/what/when stay. Bookings and attendance (absences
 * and their justification) are what billing needs: they are kept, and a
 * family that leaves has them anonymised, not deleted.
 */
export const retentionConfigSchema = z.object({
  inboundMessagesDays: z.number().int().min(2).max(3650).default(90),
  conversationStatesDays: z.number().int().min(1).max(3650).default(30),
  sentMessagesDays: z.number().int().min(2).max(3650).default(90),
  auditDetailsDays: z.number().int().min(30).max(3650).default(400),
  /** Billing's records: never removed by the retention (kept, anonymised on erasure). */
  bookingsAndAttendance: z.literal('kept').default('kept'),
  runAt: time.default('03:30'),
  notes: z.array(z.string()).optional(),
});
export type RetentionConfig = z.infer<typeof retentionConfigSchema>;

/** Children per adult for one service: under six, and six and over (age on the day). */
export const ratioSchema = z.object({
  under6: z.number().int().min(1).max(100),
  sixAndOver: z.number().int().min(1).max(100),
});
export type Ratio = z.infer<typeof ratioSchema>;

/**
 * The legal supervision ratios of the services that are accueils de loisirs
 * périscolaires (Code de l'action sociale et des familles, art. R227-16):
 * how many children one adult may have in charge, under six and six and
 * over, ordinarily and under a projet éducatif territorial (PEDT), and
 * whether the town has one. Only the services listed are counted: the
 * canteen's pause méridienne counts as périscolaire only when the town has
 * declared it as an accueil de loisirs (then it is listed here).
 */
export const supervisionConfigSchema = z
  .object({
    /** The town's services run under a PEDT: its ratios apply. */
    pedt: z.boolean(),
    services: z
      .array(
        z.object({
          code: serviceCodeSchema,
          ordinary: ratioSchema,
          /** The ratios a PEDT allows; required when `pedt` is true. */
          withPedt: ratioSchema.nullable().default(null),
        }),
      )
      .min(1),
    notes: z.array(z.string()).optional(),
  })
  .superRefine((s, issue) => {
    const seen = new Set<string>();
    s.services.forEach((svc, i) => {
      if (seen.has(svc.code)) issue.addIssue({ code: 'custom', path: ['services', i, 'code'], message: `service ${svc.code} listed twice` });
      seen.add(svc.code);
      if (s.pedt && !svc.withPedt) issue.addIssue({ code: 'custom', path: ['services', i, 'withPedt'], message: 'required when supervision.pedt is true (the ratios the PEDT allows)' });
    });
  });
export type SupervisionConfig = z.infer<typeof supervisionConfigSchema>;

export const townConfigSchema = z
  .object({
    town: z.string().min(1),
    organisation: z.string().min(1),
    timeZone: z.string().refine((tz) => {
      try {
        new Intl.DateTimeFormat('en', { timeZone: tz });
        return true;
      } catch {
        return false;
      }
    }, 'unknown time zone'),
    services: z.array(serviceConfigSchema).min(1),
    calendar: calendarConfigSchema,
    information: informationSchema.optional(),
    retention: retentionConfigSchema.default(() => retentionConfigSchema.parse({})),
    /** The supervision ratios (none: the day's page does not count the adults needed). */
    supervision: supervisionConfigSchema.optional(),
  })
  .refine((c) => new Set(c.services.map((s) => s.code)).size === c.services.length, 'service codes must be unique')
  .refine((c) => (c.information?.services ?? []).every((i) => c.services.some((s) => s.code === i.code)), {
    message: 'information.services: unknown service code',
    path: ['information', 'services'],
  })
  .superRefine((c, issue) => {
    (c.supervision?.services ?? []).forEach((s, i) => {
      if (!c.services.some((x) => x.code === s.code)) issue.addIssue({ code: 'custom', path: ['supervision', 'services', i, 'code'], message: `unknown service code ${s.code}` });
    });
  });
export type TownConfig = z.infer<typeof townConfigSchema>;

/** Checks a parsed town configuration; throws a readable error listing every problem. */
export function parseTownConfig(raw: unknown): TownConfig {
  const result = townConfigSchema.safeParse(raw);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new Error(`invalid town configuration:\n${lines.join('\n')}`);
  }
  return result.data;
}
