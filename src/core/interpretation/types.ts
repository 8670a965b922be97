/**
 * The shapes the interpreter produces: contract-shaped actions (see the
 * interpretation contract) plus the notes a conversation layer needs to ask
 * follow-up questions.
 */
import type { ClosedReason, SchoolCalendar } from '../calendar.js';
import type { TownConfig } from '../config.js';
import type { IsoDate } from '../time.js';

/** What an action asks for (see the contract). */
export type Intent = 'book' | 'cancel' | 'list' | 'help' | 'unknown';

/** One action, exactly as the contract spells it (sorted arrays, nulls when unsaid). */
export interface Action {
  intent: Intent;
  children: string[] | null;
  services: string[] | null;
  dates: IsoDate[] | null;
}

/** What the conversation layer may want to know about one action (same index as in `actions`). */
export interface ActionNote {
  /** The family has several children and the message named none (the assistant must ask). */
  missingChildren: boolean;
  /** A booking that does not say which service (the assistant must ask). */
  missingServices: boolean;
  /** A booking or cancellation that gives no date. */
  missingDates: boolean;
  /** Dates were named but none is a day on which the services run (`dates` is then null, never []). */
  noRunningDay: boolean;
  /** Named days dropped because no named service runs on them (weekend, holiday, wrong weekday). */
  droppedDates: IsoDate[];
  /**
   * Days of a range, week, month or recurrence that the calendar closes, grouped into periods
   * with the reason ("du 14 décembre au 8 janvier": the Christmas holidays), so that the reply
   * can say which days were left out and why. Weekends and days a service never runs are not listed.
   */
  leftOut: { from: IsoDate; to: IsoDate; reason: ClosedReason }[];
  /** A vague care word ("garderie", "accueil") that could mean several services. */
  ambiguousServices: string[] | null;
  /** A recurrence or a "from" with no end: the dates run to the end of the school year. */
  openEnded: boolean;
  /** A name written with a typo, and the child it was read as. */
  fuzzyChildren: { written: string; child: string }[];
  /** The words that decided each field, as the parent wrote them. */
  matched: { intent: string[]; children: string[]; services: string[]; dates: string[] };
  /** A negation ("ne mangera pas", "won't") was read in this action's clause. */
  negation: boolean;
  /** A self-correction ("lundi, euh non, mardi") changed this action. */
  corrected: boolean;
  /**
   * A cancellation the family reports as an absence ("Tom est malade demain", "is running a
   * fever", "absent", a doctor's appointment): set per action, so that in "Tom est malade
   * demain, et annulez la cantine de Léa jeudi" only Tom's is one.
   */
  absence: boolean;
  /** First names written in the place of a child that are none of the family's children (`children` is then null). */
  unknownNames: string[];
}

/** The interpreter's answer for one message. */
export interface Interpretation {
  actions: Action[];
  notes: ActionNote[];
  language: 'fr' | 'en';
  /** False when no marker word of either language decided it ("Léa", "👍", "14/01"): the conversation keeps its language. */
  languageSure?: boolean;
  /** Some negation was seen anywhere in the message. */
  negationSeen: boolean;
  /** Some self-correction was seen anywhere in the message. */
  correctionSeen: boolean;
}

/** Everything `interpret` needs besides the text; `now` is injected, never read from a clock. */
export interface InterpretContext {
  now: Date;
  children: string[];
  config: TownConfig;
  calendar: SchoolCalendar;
}
