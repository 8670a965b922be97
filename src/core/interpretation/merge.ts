/**
 * Folding the actions of several clauses into the fewest that say the
 * same: one action whenever children × services × dates covers the
 * request exactly ("Léa lundi et mardi à la cantine", "Léa mange lundi et
 * Tom aussi"), and a vaguer action dropped when a more precise one says
 * the same thing ("Lou-Anne est malade, elle ne viendra pas demain").
 */
import type { Action, ActionNote } from './types.js';

/** An action with the notes that go with it. */
export interface Draft {
  action: Action;
  note: ActionNote;
  /** A booking read only from a weak verb ("Tom will be …", "il sera …") with no service named. */
  weak?: boolean;
  /** A statement that something is booked, not a question ("Sam is booked for lunch on Tuesday, …"). */
  statement?: boolean;
  /** An explicit order ("annulez", "book") whose object is a pronoun ("l'enlever", "cancel it"): it points at the request before. */
  pronounObject?: boolean;
  /** A help word in a statement ("mes horaires de travail"): dropped beside a request. */
  sideRemark?: boolean;
  /** A booking read from a child and a day alone, with no verb that asks and no service of its own. */
  bare?: boolean;
  /** Read from its slots alone, with no verb that asks (or an absence word with no day of its own). */
  slotsOnly?: boolean;
  /** An explicit order asked politely or as a question ("pourriez-vous inscrire …"). */
  politeOrder?: boolean;
  /** For a question about the service: the services it asks about. */
  askedAbout?: string[];
  /** The sentence of the message the request starts in. */
  sentence?: number;
  /** An illness told in the past with the weekdays it lasted ("a été malade lundi et mardi"): those days are gone by. */
  pastDays?: boolean;
  /** Tells what already happened: its days are all past, or its illness is in a past tense ("il a été malade"). */
  past?: boolean;
  /** A cancellation read only from a negation, with no service nor day of its own ("Tom n'aime pas le poisson"). */
  bareNegation?: boolean;
  /** Says "quand même", "still", "anyway": what it asks holds despite what was said before. */
  concessive?: boolean;
  /** "ne … plus" with no order: a change of habit the order after it gives the days of. */
  habitChange?: boolean;
  /** Said of someone else than a child, as the subject ("la nounou est malade", "ma mère est hospitalisée"). */
  aboutSomeoneElse?: boolean;
  /** Tells an illness that is over ("elle a été malade la semaine dernière"). */
  illnessOver?: boolean;
  /** An explicit order to book or cancel ("annulez", "inscrivez", "cancel", "book"), not an absence or a bare verb. */
  orders?: boolean;
}

type Field = 'children' | 'services' | 'dates';
const FIELDS: readonly Field[] = ['children', 'services', 'dates'];

function same(a: readonly string[] | null, b: readonly string[] | null): boolean {
  if (a === null || b === null) return a === b;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The sorted strings of both lists, each once (sorting first puts equal strings side by side). */
function union<T extends string>(a: readonly T[], b: readonly T[]): T[] {
  // Merging a message's repeated requests unites the same few words again and again: `a`
  // already sorted, each once, and holding all of `b` is the answer as it is.
  if (b.length <= 8 && strictlySorted(a) && b.every((x) => a.includes(x))) return a.slice();
  const all = a.concat(b).sort();
  let n = 0;
  for (let i = 0; i < all.length; i++) if (i === 0 || all[i] !== all[n - 1]) all[n++] = all[i]!;
  all.length = n;
  return all;
}

/** Sorted in the order `sort()` gives, with no string twice. */
function strictlySorted(xs: readonly string[]): boolean {
  for (let i = 1; i < xs.length; i++) if (!(xs[i - 1]! < xs[i]!)) return false;
  return true;
}

function mergeNotes(a: ActionNote, b: ActionNote): ActionNote {
  return {
    missingChildren: a.missingChildren && b.missingChildren,
    missingServices: a.missingServices && b.missingServices,
    missingDates: a.missingDates && b.missingDates,
    noRunningDay: a.noRunningDay && b.noRunningDay,
    droppedDates: union(a.droppedDates, b.droppedDates),
    leftOut: [...a.leftOut, ...b.leftOut.filter((x) => !a.leftOut.some((y) => y.from === x.from && y.to === x.to))],
    ambiguousServices: a.ambiguousServices ?? b.ambiguousServices,
    openEnded: a.openEnded || b.openEnded,
    fuzzyChildren: [...a.fuzzyChildren, ...b.fuzzyChildren.filter((f) => !a.fuzzyChildren.some((g) => g.written === f.written))],
    matched: {
      intent: union(a.matched.intent, b.matched.intent),
      children: union(a.matched.children, b.matched.children),
      services: union(a.matched.services, b.matched.services),
      dates: union(a.matched.dates, b.matched.dates),
    },
    negation: a.negation || b.negation,
    corrected: a.corrected || b.corrected,
    absence: a.absence || b.absence,
    unknownNames: union(a.unknownNames, b.unknownNames),
  };
}

/** `a` says nothing `b` does not: same intent, and each field of `a` is unsaid (null) or equal to `b`'s. */
function subsumedBy(a: Action, b: Action): boolean {
  if (a.intent !== b.intent) return false;
  let strictlyVaguer = false;
  for (const f of FIELDS) {
    const x = a[f];
    const y = b[f];
    if (x === null) {
      if (y !== null) strictlyVaguer = true;
      continue;
    }
    if (!same(x, y)) return false;
  }
  return strictlyVaguer;
}

/**
 * Merges drafts: identical actions once; an action subsumed by a more
 * precise one with the same intent dropped; two actions with the same
 * intent that agree on two of children, services and dates become one
 * with the union of the third.
 */
export function mergeActions(drafts: readonly Draft[]): Draft[] {
  // A weak booking with no service is only the setting of another request about the same
  // child and days ("Tom will be picked up early on Friday, no after-school club").
  const kept = drafts.filter(
    (a) =>
      !(
        a.weak &&
        drafts.some(
          (b) =>
            b !== a &&
            b.action.intent !== 'help' &&
            b.action.services !== null &&
            (a.action.children === null || same(a.action.children, b.action.children)) &&
            (a.action.dates === null || (b.action.dates !== null && a.action.dates.every((d) => b.action.dates!.includes(d)))),
        )
      ),
  );
  // "Louise part en classe de neige du 18 au 22. Merci d'annuler sa cantine et sa garderie sur
  // cette période": the reason said first is the setting of the order that names the services.
  const ordered = kept.filter(
    (a) =>
      !(
        a.action.intent === 'cancel' &&
        !a.orders &&
        !a.note.absence &&
        a.action.services === null &&
        a.action.dates !== null &&
        kept.some(
          (b) =>
            b !== a &&
            b.orders === true &&
            b.action.intent === 'cancel' &&
            b.action.services !== null &&
            (a.action.children === null || same(a.action.children, b.action.children)) &&
            b.action.dates !== null &&
            b.action.dates.every((d) => a.action.dates!.includes(d)),
        )
      ),
  );
  let list = ordered.map((d) => ({ action: { ...d.action }, note: d.note }));
  // Many actions (a long message, or one repeating itself): identical ones once first, so that
  // the pairwise folding below works on few.
  if (list.length > FEW) list = dedupe(list);
  if (list.length > FEW) return foldByGroups(list);
  let changed = true;
  while (changed) {
    changed = false;
    outer: for (let i = 0; i < list.length; i++) {
      for (let j = 0; j < list.length; j++) {
        if (i === j) continue;
        const a = list[i]!;
        const b = list[j]!;
        if (a.action.intent !== b.action.intent) continue;
        const equal = FIELDS.filter((f) => same(a.action[f], b.action[f]));
        if (equal.length === 3 || subsumedBy(a.action, b.action)) {
          b.note = mergeNotes(b.note, a.note);
          list = list.filter((_, k) => k !== i);
          changed = true;
          break outer;
        }
        if (equal.length === 2 && a.action.intent !== 'help' && a.action.intent !== 'unknown') {
          const f = FIELDS.find((x) => !equal.includes(x))!;
          const x = a.action[f];
          const y = b.action[f];
          if (x === null || y === null) continue;
          const merged: Action = { ...b.action, [f]: union(x, y) };
          list[j] = { action: merged, note: mergeNotes(b.note, a.note) };
          list = list.filter((_, k) => k !== i);
          changed = true;
          break outer;
        }
      }
    }
  }
  return list;
}

/** Up to this many actions, the pairwise folding (quadratic per step) is cheap. */
const FEW = 24;

/** Each action's fields written out once (an action is never changed, only replaced): a key is asked for six times a pass. */
const fieldTexts = new WeakMap<Action, [string, string, string]>();

function textsOf(a: Action): [string, string, string] {
  let t = fieldTexts.get(a);
  if (!t) {
    const text = (f: Field): string => (a[f] === null ? '-' : a[f]!.join(','));
    fieldTexts.set(a, (t = [text('children'), text('services'), text('dates')]));
  }
  return t;
}

const keyOf = (a: Action, skip?: Field): string => {
  const [children, services, dates] = textsOf(a);
  return `${a.intent}|${skip === 'children' ? '*' : children}|${skip === 'services' ? '*' : services}|${skip === 'dates' ? '*' : dates}`;
};

/** Identical actions once, their notes merged. */
function dedupe(list: { action: Action; note: ActionNote }[]): { action: Action; note: ActionNote }[] {
  const byKey = new Map<string, { action: Action; note: ActionNote }>();
  for (const d of list) {
    const k = keyOf(d.action);
    const seen = byKey.get(k);
    if (seen) seen.note = mergeNotes(seen.note, d.note);
    else byKey.set(k, d);
  }
  return [...byKey.values()];
}

/**
 * The folding for many actions, in linear passes: actions that agree on two fields (none of
 * the third unsaid) become one with the union of the third, field by field, until nothing
 * changes (at most a few passes: each pass only merges).
 */
function foldByGroups(list: { action: Action; note: ActionNote }[]): Draft[] {
  for (let pass = 0; pass < 6; pass++) {
    const before = list.length;
    for (const f of FIELDS) {
      const groups = new Map<string, { action: Action; note: ActionNote }>();
      const out: { action: Action; note: ActionNote }[] = [];
      for (const d of list) {
        if (d.action.intent === 'help' || d.action.intent === 'unknown' || d.action[f] === null) {
          out.push(d);
          continue;
        }
        const k = keyOf(d.action, f);
        const g = groups.get(k);
        if (g) {
          g.action = { ...g.action, [f]: union(g.action[f]!, d.action[f]!) };
          g.note = mergeNotes(g.note, d.note);
        } else {
          groups.set(k, d);
          out.push(d);
        }
      }
      list = dedupe(out);
    }
    if (list.length === before) break;
  }
  return list;
}
