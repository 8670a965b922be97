/**
 * Follow-ups and corrections in a later message, resolved against the last
 * exchange: "et le mardi suivant aussi" (same child and service, the
 * Tuesday after), "sa sœur aussi" (the other child), "pareil pour Tom",
 * "je me suis trompée, c'est jeudi pas vendredi" (the last change moved).
 */
import type { Interpretation } from '../interpretation/index.js';
import { addDays, isoWeekday, type IsoDate } from '../time.js';
import { ALSO, AND_START, CHILD_PRONOUN, childrenNamed, childrenSetAside, INSTEAD, narrowedChildren, NEXT, normalized, SIBLING_ALL, SIBLING_ONE, SIBLING_TOLD, THAT_DAY, WEEK_AFTER } from './reading.js';
import type { Session } from './session.js';
import { pendingMinutes, type LastExchange, type Planned } from './state.js';

const WEEKDAY_WORDS = new Set([
  'lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'lundis', 'mardis', 'mercredis', 'jeudis', 'vendredis',
  'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'mondays', 'tuesdays', 'wednesdays', 'thursdays', 'fridays',
]);
const WEEK_WORDS = new Set(['semaine', 'week', 'suivante', 'suivant', 'apres', 'd', 'qui', 'suit', 'ensuite', 'following', 'after', 'next', 'the', 'la', 'de', 'et', 'and', 'aussi', 'too', 'also', 'pareil', 'same']);
const FILLER = new Set(['pas', 'non', 'not', 'mais', 'but', 'plutot', 'instead', 'of', 'au', 'lieu', 'de', 'c', 'est', 'it', 's', 'le', 'la', 'l', 'les', 'ce', 'cette', 'et', 'aussi', 'suivant', 'suivante', 'd', 'apres', 'prochain', 'prochaine', 'the', 'on', 'next', 'following', 'after', 'that', 'too', 'also', 'a', 'and', 'same', 'week', 'semaine', 'meme']);

const WEEK_FROM_TODAY = /\b(la semaine prochaine|semaine prochaine|next week|cette semaine|this week)\b/;
/** "le lendemain", "le jour suivant", "the day after", "the next day". */
const DAY_AFTER = /\b(le lendemain|lendemain|le surlendemain|surlendemain|le jour suivant|le jour d apres|the day after|the next day|the following day)\b/;
const SAME_NEGATION = /^(non plus|plus|non|neither|either|nor|not)$/;

/** The message reads as following up the last exchange. */
export function looksLikeFollowUp(folded: string): boolean {
  return ALSO.test(folded) || INSTEAD.test(folded) || AND_START.test(folded) || NEXT.test(folded) || THAT_DAY.test(folded) || (SIBLING_ONE.test(folded) && !SIBLING_TOLD.test(folded)) || SIBLING_ALL.test(folded);
}

/** The date words of an action name weekdays only ("le vendredi", "the Friday", "mardi suivant"), no day number or month. */
export function weekdaysOnly(phrases: readonly string[]): boolean {
  if (phrases.length === 0) return false;
  let weekday = false;
  for (const p of phrases) {
    for (const w of normalized(p).split(/[\s-]+/).filter(Boolean)) {
      if (WEEKDAY_WORDS.has(w)) weekday = true;
      else if (!FILLER.has(w)) return false;
    }
  }
  return weekday;
}

/**
 * Weekdays said after an exchange about given days are read from those
 * days, not from today: "the Friday too" after Thursday the 10th is Friday
 * the 11th; "le mardi suivant" after Monday the 14th is Tuesday the 15th;
 * "le lundi suivant" after it is Monday the 21st.
 */
export function anchorWeekdays(dates: readonly IsoDate[], lastDates: readonly IsoDate[], next: boolean, today: IsoDate): IsoDate[] {
  if (lastDates.length === 0) return [...dates];
  const anchor = [...lastDates].sort()[0]!;
  const monday = addDays(anchor, 1 - isoWeekday(anchor));
  const out = new Set<IsoDate>();
  for (const d of dates) {
    let candidate = addDays(monday, isoWeekday(d) - 1);
    if (next && candidate <= anchor) candidate = addDays(candidate, 7);
    while (candidate < today) candidate = addDays(candidate, 7);
    out.add(candidate);
  }
  return [...out].sort();
}

/** The weekday words are plural ("les jeudis", "Thursdays"): every such day, not one. */
function everyWeekday(phrases: readonly string[]): boolean {
  return phrases.some((p) => normalized(p).split(/[\s-]+/).some((w) => WEEKDAY_WORDS.has(w) && w.endsWith('s') && w !== 'tuesday' && w !== 'wednesday' && w !== 'thursday'));
}

/**
 * "et les jeudis aussi" after "tous les mardis jusqu'aux vacances": those weekdays over the period of the
 * last request (its first day to the end of the week of its last), on the days its services run.
 */
function sameWeekdaysOverPeriod(s: Session, prev: Planned, dates: readonly IsoDate[], lastDates: readonly IsoDate[], today: IsoDate): IsoDate[] {
  const weekdays = new Set(dates.map((d) => isoWeekday(d)));
  const from = lastDates[0]! > today ? lastDates[0]! : today;
  const lastDay = lastDates[lastDates.length - 1]!;
  const to = addDays(lastDay, 7 - isoWeekday(lastDay));
  const out: IsoDate[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) if (weekdays.has(isoWeekday(d)) && runsForRequest(s, prev, d)) out.push(d);
  return out.length > 0 ? out : [...dates];
}

/** The date words of an action say only "the week after" ("la semaine suivante", "the week after"): no weekday, day number or month. */
export function weekAfterOnly(phrases: readonly string[]): boolean {
  if (phrases.length === 0) return false;
  return phrases.every((p) => normalized(p).split(/[\s-]+/).filter(Boolean).every((w) => WEEK_WORDS.has(w)));
}

/**
 * "et la semaine suivante aussi", "the week after too": the last exchange's days moved by a week,
 * on the days the services run (any of the town's services when the request names none).
 */
export function weekAfter(s: Session, prev: Planned): IsoDate[] | null {
  const moved = (prev.dates ?? []).map((d) => addDays(d, 7)).filter((d) => runsForRequest(s, prev, d));
  return moved.length > 0 ? moved : null;
}

/** One of the request's services runs that day (any of the town's when it names none). */
function runsForRequest(s: Session, prev: Planned, d: IsoDate): boolean {
  const codes = prev.services?.length ? prev.services : s.town.serviceList.map((svc) => svc.code);
  return codes.some((code) => {
    const service = s.town.service(code);
    return !!service && s.town.calendar.runs(service, d);
  });
}

/** The children a follow-up names or points to ("sa sœur": the other child); null when it names none, [] when it is unclear. */
export function followUpChildren(s: Session, folded: string, last: LastExchange, raw: string): number[] | null {
  const named = childrenNamed(s, folded);
  if (named.length > 0) return named;
  const before = new Set(last.actions.flatMap((a) => a.childIds ?? []));
  const others = s.allChildIds().filter((id) => !before.has(id));
  if (SIBLING_ALL.test(folded)) return others;
  if (SIBLING_ONE.test(folded)) return others.length === 1 ? others : [];
  // "inscrivez-la aussi jeudi" after a request for two children: which one is unclear.
  if (before.size > 1 && CHILD_PRONOUN.test(raw.toLowerCase())) return [];
  return null;
}

/**
 * The plan of a follow-up: each of the message's requests (or, when it
 * has none, the last exchange's) with what the message does not say taken
 * from the last exchange. Null when the message is no follow-up.
 */
export function resolveFollowUp(s: Session, folded: string, interpretation: Interpretation, own: Planned[], ownIndex: number[]): Planned[] | null {
  const last = s.state.last;
  if (!last || last.undone) return null;
  if (last.listed) return afterList(last, folded, interpretation, own, ownIndex);
  const withdrawn = withdrawsLastDays(last, interpretation, own, ownIndex);
  if (withdrawn) return withdrawn;
  // (Read as the parent's next try only while it is fresh: as long as a question would wait.)
  const fresh = s.now.getTime() - Date.parse(last.at) <= pendingMinutes(s.input.channel) * 60_000;
  const again = fresh ? (anotherDayForRefused(last, interpretation, own, ownIndex) ?? sameOrderAfterRefusal(s, folded, last, interpretation, own, ownIndex)) : null;
  if (again) return again;
  if (!looksLikeFollowUp(folded)) return null;
  const children = followUpChildren(s, folded, last, s.input.text);
  const lastDates = [...new Set(last.actions.flatMap((a) => a.dates ?? []))].sort();
  const today = s.town.today(s.now);
  const next = NEXT.test(folded);
  const weekLater = WEEK_AFTER.test(folded);
  // "et le lendemain aussi", "and the day after too": the day after each day of the last change.
  const dayAfter = DAY_AFTER.test(folded) && !interpretation.notes.some((n) => n.matched.dates.some((d) => !DAY_AFTER.test(normalized(d))));
  // ("le surlendemain": two days after.)
  const by = /surlendemain/.test(folded) ? 2 : 1;
  const shifted = (a: Planned): IsoDate[] | null => (a.dates ? [...new Set(a.dates.map((d) => addDays(d, by)))].sort() : null);
  if (dayAfter) {
    return last.actions.map((a) => {
      const p = own[0];
      const k = ownIndex[0];
      const m = p && k !== undefined ? interpretation.notes[k]?.matched : undefined;
      return { ...a, intent: m?.intent.length ? p!.intent : a.intent, childIds: m?.children.length && p!.childIds?.length ? p!.childIds : children?.length ? children : a.childIds, services: m?.services.length ? p!.services : a.services, dates: shifted(a) };
    });
  }
  if (own.length === 0) {
    // ("And what is Oliver booked for this week?" just after a change: a question of its own, never the change again.)
    if (interpretation.actions.some((a) => a.intent === 'list' || a.intent === 'help')) return null;
    if (children === null && !THAT_DAY.test(folded) && !weekLater) return null;
    return last.actions.map((a) => ({ ...a, childIds: children ?? a.childIds, dates: weekLater ? weekAfter(s, a) : a.dates }));
  }
  const out: Planned[] = [];
  own.forEach((p, k) => {
    const note = interpretation.notes[ownIndex[k]!];
    const matched = note?.matched ?? { intent: [], children: [], services: [], dates: [] };
    // "Léa non plus", "Léa neither": the negation says "the same", not a cancellation of its own.
    const m = { ...matched, intent: matched.intent.filter((w) => !SAME_NEGATION.test(normalized(w))) };
    for (const prev of last.actions) {
      const intent = m.intent.length > 0 ? p.intent : prev.intent;
      let dates = p.dates;
      if (weekLater && (m.dates.length === 0 || weekAfterOnly(m.dates))) dates = weekAfter(s, prev);
      // ("une sortie le vendredi 11, merci d'annuler sa cantine ce jour-là": "ce jour-là" is the day the message said before, when
      // the interpreter found one; the last exchange's only when it found none.)
      else if (m.dates.length === 0 || (THAT_DAY.test(folded) && !p.dates?.length)) dates = prev.dates;
      else if (dates && weekdaysOnly(m.dates) && everyWeekday(m.dates) && lastDates.length > 1) dates = sameWeekdaysOverPeriod(s, prev, dates, lastDates, today);
      else if (dates && weekdaysOnly(m.dates)) dates = anchorWeekdays(dates, lastDates, next, today);
      // A cancellation or an absence of its own that names no service means everything booked: never narrowed to the last service.
      const ownCancel = m.intent.length > 0 && p.intent !== 'book';
      out.push({
        intent,
        childIds: m.children.length > 0 ? p.childIds : (children ?? prev.childIds),
        services: m.services.length > 0 || ownCancel ? p.services : prev.services,
        dates,
      });
    }
  });
  return dedupe(out);
}

/**
 * After a list of bookings ("qu'est-ce que j'ai réservé pour Maëlle demain ?"), a cancellation of its
 * own that names no child and no day ("annule la cantine alors") is for the children and days
 * listed. Nothing else is read against a list: a booking, or words without an intent of their own
 * ("et Tom ?"), stay as they are.
 */
function afterList(last: LastExchange, folded: string, interpretation: Interpretation, own: readonly Planned[], ownIndex: readonly number[]): Planned[] | null {
  if (own.length === 0) return null;
  // "please book Yasmine as well for lunch that day": "that day" is the day listed.
  const listedDays = [...new Set(last.actions.flatMap((a) => a.dates ?? []))].sort();
  const thatDayOnly = (m: { dates: readonly string[] }) => m.dates.length > 0 && m.dates.every((w) => THAT_DAY.test(normalized(w)));
  if (THAT_DAY.test(folded) && listedDays.length > 0 && own.every((p, k) => thatDayOnly(interpretation.notes[ownIndex[k]!]?.matched ?? { dates: [] }) && !p.dates?.length)) {
    return own.map((p) => ({ ...p, dates: listedDays }));
  }
  const out: Planned[] = [];
  for (const [k, p] of own.entries()) {
    const m = interpretation.notes[ownIndex[k]!]?.matched;
    if (!m || p.intent === 'book' || m.intent.length === 0 || m.children.length > 0 || m.dates.length > 0) return null;
    for (const prev of last.actions) out.push({ intent: p.intent, childIds: prev.childIds, services: p.services, dates: prev.dates });
  }
  return out;
}

/**
 * "Ah oui c'est Pâques ! Alors le mardi 30 mars pour Léo" just after a request that changed nothing
 * (refused: a day nothing runs, a deadline): days of its own with no service and no verb, for the
 * same children or none named, are that request again on those days.
 */
function anotherDayForRefused(last: LastExchange, interpretation: Interpretation, own: readonly Planned[], ownIndex: readonly number[]): Planned[] | null {
  if (last.undoId || own.length === 0 || last.actions.some((a) => !a.services?.length)) return null;
  const lastChildren = new Set(last.actions.flatMap((a) => a.childIds ?? []));
  const out: Planned[] = [];
  for (const [k, p] of own.entries()) {
    const m = interpretation.notes[ownIndex[k]!]?.matched;
    if (!m || m.intent.length > 0 || m.services.length > 0 || m.dates.length === 0 || !p.dates?.length) return null;
    if (m.children.length > 0 && !(p.childIds ?? []).every((id) => lastChildren.has(id))) return null;
    for (const prev of last.actions) out.push({ intent: prev.intent, childIds: m.children.length > 0 ? p.childIds : prev.childIds, services: prev.services, dates: p.dates });
  }
  return dedupe(out);
}

/**
 * "bon alors annulez au moins celle de jeudi" just after a cancellation that changed nothing (past its
 * deadline): the same order on other days, naming no child, is for the children of that request, and
 * for its services when it names none.
 */
function sameOrderAfterRefusal(s: Session, folded: string, last: LastExchange, interpretation: Interpretation, own: readonly Planned[], ownIndex: readonly number[]): Planned[] | null {
  // ("mettez-la le mercredi d'après": a weekday counted from the refused day is the follow-up's, below.)
  const countedFromLast = NEXT.test(folded) && own.every((_, k) => weekdaysOnly(interpretation.notes[ownIndex[k]!]?.matched.dates ?? []));
  if (last.undoId || last.listed || own.length === 0 || countedFromLast) return null;
  const lastChildren = [...new Set(last.actions.flatMap((a) => a.childIds ?? []))];
  const lastIntent = last.actions[0]?.intent;
  if (lastChildren.length === 0 || !lastIntent || last.actions.some((a) => a.intent !== lastIntent)) return null;
  const lastServices = [...new Set(last.actions.flatMap((a) => a.services ?? []))];
  const out: Planned[] = [];
  for (const [k, p] of own.entries()) {
    const m = interpretation.notes[ownIndex[k]!]?.matched;
    const sameKind = p.intent === lastIntent || (p.intent !== 'book' && lastIntent !== 'book');
    // ("Dans ce cas inscrivez-le pour le vendredi 20": a pronoun names no other child.)
    const namesOther = m ? m.children.some((w) => !CHILD_PRONOUN.test(w.toLowerCase()) && !/^-?(le|la|les|l)$/.test(w.toLowerCase())) : true;
    // (In a one-child family the interpreter names the child anyway: "Alors pour le vendredi 9, merci de l'inscrire".)
    const sameChild = p.childIds === null || (m?.children.length === 0 && p.childIds.length === lastChildren.length && p.childIds.every((id) => lastChildren.includes(id)));
    if (!m || m.intent.length === 0 || namesOther || !sameChild || !sameKind || !p.dates?.length) return null;
    // (The refused request's services only where they run those days: "garderie du matin mercredi 9" refused, then "le mercredi 16" is the club's.)
    const runs = lastServices.length > 0 && p.dates.every((d) => runsForRequest(s, { ...p, services: lastServices }, d));
    out.push({ ...p, childIds: lastChildren, services: p.services?.length ? p.services : runs ? lastServices : p.services });
  }
  return dedupe(out);
}

/**
 * "finalement non, pas vendredi", "annule vendredi" just after booking Tom's canteen on Thursday
 * and Friday: a cancellation naming no child, and no service or only the last one's, of days the
 * last booking was for, takes its children and services from that booking.
 */
function withdrawsLastDays(last: LastExchange, interpretation: Interpretation, own: readonly Planned[], ownIndex: readonly number[]): Planned[] | null {
  if (own.length === 0 || last.actions.some((a) => a.intent !== 'book')) return null;
  const lastDates = new Set(last.actions.flatMap((a) => a.dates ?? []));
  const lastServices = new Set(last.actions.flatMap((a) => a.services ?? []));
  const out: Planned[] = [];
  for (const [k, p] of own.entries()) {
    const m = interpretation.notes[ownIndex[k]!]?.matched;
    if (p.intent !== 'cancel' || !m || m.children.length > 0 || p.childIds !== null) return null;
    if (!p.dates?.length || !p.dates.every((d) => lastDates.has(d))) return null;
    if (p.services?.length && !p.services.every((c) => lastServices.has(c))) return null;
    for (const prev of last.actions) {
      const dates = p.dates.filter((d) => prev.dates?.includes(d));
      const services = p.services?.length ? (prev.services ?? []).filter((c) => p.services!.includes(c)) : prev.services;
      if (dates.length > 0 && (services === null || services.length > 0)) out.push({ intent: 'cancel', childIds: prev.childIds, services, dates });
    }
  }
  return out.length > 0 ? dedupe(out) : null;
}

function dedupe(plans: Planned[]): Planned[] {
  const seen = new Set<string>();
  return plans.filter((p) => {
    const key = JSON.stringify(p);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** What a correction replaces in the last change: the days (or children, or services) it names instead. */
export interface Correction {
  /** The last change's dates to undo (all of them when the correction names none of them). */
  undoDates: IsoDate[];
  /** The last exchange's actions, redone with the corrected fields. */
  redo: Planned[];
  /** Only these children's part of the last change is undone ("pas Ambre, juste Rose"); all when unset. */
  undoChildren?: number[];
}

/**
 * "je me suis trompée, c'est jeudi pas vendredi": the days named that the
 * last change did not touch replace those it did (weekdays read in the
 * week of the last change); named children and services likewise.
 */
export function resolveCorrection(s: Session, folded: string, interpretation: Interpretation): Correction | null {
  const last = s.state.last;
  if (!last) return null;
  const lastDates = [...new Set(last.actions.flatMap((a) => a.dates ?? []))].sort();
  const today = s.town.today(s.now);
  const named = new Set<IsoDate>();
  interpretation.actions.forEach((a, i) => {
    const note = interpretation.notes[i];
    const ds = [...(a.dates ?? []), ...(note?.droppedDates ?? [])];
    // ("je voulais dire mercredi de la semaine prochaine": the week said is from today, not from the days corrected.)
    const read = note && weekdaysOnly(note.matched.dates) && !WEEK_FROM_TODAY.test(folded) ? anchorWeekdays(ds, lastDates, false, today) : ds;
    for (const d of read) named.add(d);
  });
  const lastChildren = new Set(last.actions.flatMap((a) => a.childIds ?? []));
  const namedChildren = childrenNamed(s, folded);
  // "pas Lina, juste Rose": a child set aside is never one the correction brings in.
  const setAside = new Set(childrenSetAside(s, folded));
  const newChildren = namedChildren.filter((c) => !lastChildren.has(c) && !setAside.has(c));
  const lastServices = new Set(last.actions.flatMap((a) => a.services ?? []));
  const namedServices = [...new Set(interpretation.actions.flatMap((a) => a.services ?? []))];
  const newServices = namedServices.filter((c) => !lastServices.has(c));
  const newDates = [...named].filter((d) => !lastDates.includes(d)).sort();
  const wrongDates = [...named].filter((d) => lastDates.includes(d));
  if (newDates.length === 0 && newChildren.length === 0 && newServices.length === 0) {
    // "ah non pas Ambre, juste Rose": the last change, undone for the children set aside only.
    const narrowed = named.size === 0 && namedServices.length === 0 ? narrowedChildren(s, folded, lastChildren) : null;
    return narrowed ? { undoDates: lastDates, redo: [], undoChildren: narrowed.removed } : null;
  }
  const undoDates = newDates.length > 0 && wrongDates.length > 0 ? wrongDates : lastDates;
  const redo = last.actions.map((a) => {
    const kept = (a.dates ?? []).filter((d) => !undoDates.includes(d));
    return {
      ...a,
      childIds: newChildren.length > 0 ? newChildren : a.childIds,
      services: newServices.length > 0 ? newServices : a.services,
      dates: newDates.length > 0 ? newDates : (a.dates ?? []).filter((d) => undoDates.includes(d)),
      kept,
    };
  });
  return { undoDates, redo: redo.map(({ kept: _kept, ...p }) => p) };
}
