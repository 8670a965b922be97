/**
 * Every sentence a parent reads, in one catalogue per language (`fr.ts`,
 * `en.ts`), keyed by outcome and reason code. The conversation decides what
 * to say (a code and its data); the catalogue says it.
 */
import type { Reason, ReasonCode } from '../reasons.js';
import type { IsoDate } from '../time.js';
import { en } from './en.js';
import { fr } from './fr.js';

export type Lang = 'fr' | 'en';

/** The outcomes of a booking use case a reply line can report. */
export type OutcomeKind =
  | 'booked'
  | 'already_booked'
  | 'waiting_list'
  | 'already_waiting'
  | 'cancelled'
  | 'left_waiting_list'
  | 'not_booked'
  | 'absent'
  | 'already_absent'
  | 'refused';

/** One line's data: who, which service (as named in a sentence), when (a dates phrase), and the extra clause. */
export interface LineData {
  child: string;
  service: string;
  /** Whether the service's French name is feminine (agreement of "réservée"). */
  feminine: boolean;
  when: string;
  /** The reason clause of a refusal, or the waiting-list position. */
  extra: string;
}

/** A service's price, opening hours and weekdays, for information answers. */
export interface ServiceFacts {
  name: string;
  price: { amount: number; per: 'meal' | 'session' | 'day' | 'halfDay' } | null;
  hours: { from: string; to: string } | null;
  weekdays: number[];
}

export interface CcasFacts {
  name: string;
  address: string;
  phone: string;
  email: string | null;
  hours: string;
}

/** What the conversation asks: the kinds of pending question. */
export type AskKind = 'child' | 'service' | 'date';

/** One line of a plan's summary: a child, a verb, a service and the days. */
export interface PlanLine {
  child: string;
  intent: 'book' | 'cancel' | 'absence';
  service: string | null;
  feminine: boolean;
  when: string;
  count: number;
}

export interface Catalogue {
  lang: Lang;
  /** "mercredi 2 décembre" / "Wednesday 2 December". */
  date(date: IsoDate): string;
  /** "le jeudi 3 décembre", "le jeudi 3 et le vendredi 4 décembre", "8 jours, du … au …". */
  dates(dates: readonly IsoDate[]): string;
  /** A span for a list's heading: one day written once. */
  span(from: IsoDate, to: IsoDate): string;
  weekday(isoWeekday: number): string;
  /** A booking outcome, as one reply line. */
  outcome: Record<OutcomeKind, (d: LineData) => string>;
  /** Why something was refused, as a short clause. */
  reason: { [C in ReasonCode]: (r: Extract<Reason, { code: C }>, ctx: { service: string; instant: (d: Date) => string }) => string };
  waitingRank(rank: number): string;
  instant(date: IsoDate, hm: string): string;
  /** "pour Léa et Tom". */
  list(items: readonly string[]): string;

  buttons: { confirm: string; drop: string; undo: string; all: string };
  keywords: { yes: string; no: string; undo: string };

  ask: Record<AskKind, (summary: string) => string>;
  /** The choices of a question, said in words too (emails, screen readers): "Léa, Tom ou les deux". */
  childChoices(names: readonly string[]): string;
  /** A plan above the confirmation threshold, one line per child and service. */
  confirm(size: number, lines: readonly PlanLine[]): string;
  /** The short summary of a plan inside a question ("réserver cantine pour Léa le jeudi 3 décembre"). */
  /** The sender is not proven: what was understood, to confirm by replying to our email. */
  confirmUnverified(summary: string): string;
  /** The sender is not proven: nothing is undone. */
  undoNeedsProof: string;
  planSummary(line: { intent: PlanLine['intent']; services: string | null; children: string; when: string }): string;
  unknownChildren(written: readonly string[], known: readonly string[]): string;
  /** Said before asking which child, when the names written are none of the family's (several children). */
  unknownChildrenAsk(written: readonly string[], known: readonly string[]): string;
  pendingSetAside: string;
  expired: string;
  nothingPending: string;
  dropped: string;
  nothingToChange: string;
  nothingWasBooked(child: string, when: string): string;
  illnessHint: string;
  noUndo: string;
  undoExpired: string;
  undoneHead: string;
  correctedHead: string;
  noChildren: string;
  tooLong(max: number): string;
  greeting(child: string): string;
  thanks: string;
  /** A bare "no" right after a change: ask whether to undo it. */
  undoAfterNo: string;
  /** "no" to that question: the change stays. */
  keptAsIs: string;
  /** "oui" to a question that needs a name, a service or a day: the question again. */
  stillAsking: string;
  acknowledged: string;
  notUnderstood(child: string): string;
  help(children: readonly string[]): string;
  /** `who`: the children asked about, when the question named some. */
  listHead(span: string, who?: readonly string[] | null): string;
  listEmpty(span: string, who?: readonly string[] | null): string;
  listLine(date: string, items: string): string;
  listItem(child: string, service: string, state: 'booked' | 'absent' | 'waiting'): string;
  serviceNotRunning(service: string, weekday: number, runs: readonly number[]): string;
  closedDay(service: string, date: string, why: string): string;
  otherChildAmbiguous: string;
  /** Days named on which no service runs (holidays, weekends, public holidays): nothing to book or cancel. */
  noServiceOn(phrases: readonly string[], asked: 'change' | 'list'): string;
  leftOutHoliday(name: string, from: string, to: string): string;
  leftOutDays(when: string, why: string): string;

  info: {
    prices(lines: readonly string[], note: string | null): string;
    priceLine(s: ServiceFacts): string | null;
    /** "3,85 € le repas". */
    price(p: NonNullable<ServiceFacts['price']>): string;
    /** "de 7 h 30 à 8 h 20, le lundi, mardi, jeudi et vendredi". */
    openHours(h: NonNullable<ServiceFacts['hours']>, weekdays: readonly number[]): string;
    hours(lines: readonly string[]): string;
    hoursLine(s: ServiceFacts): string | null;
    menus(url: string): string;
    rules(url: string): string;
    ccas(c: CcasFacts): string;
    /** The question is not answered by the town's information: how to reach the CCAS. */
    unknown(c: CcasFacts): string;
  };

  promotion(child: string, service: string, when: string): string;
  staffCancellation(child: string, service: string, feminine: boolean, when: string): string;
}

export function catalogue(lang: Lang): Catalogue {
  return lang === 'en' ? en : fr;
}

/** "Léa, Tom et Zoé" / "Léa, Tom and Zoé". */
export function joinList(items: readonly string[], and: string): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} ${and} ${items[items.length - 1]}`;
}

export function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
