/**
 * A guardian's message, step by step: a pending question takes only an
 * answer; a request on its own is handled as new (the question is dropped,
 * and the reply says so); undo and corrections act on the last change;
 * follow-ups are read against the last exchange; questions are answered
 * from the town's information; greetings and thanks get a polite word.
 */
import { interpret, resolveDayOnly, type Interpretation } from '../interpretation/index.js';
import { apply, rememberUndo, run, undoButtons, undoItems } from './apply.js';
import { HOW_TO, informationReply, servicesNamed, topicsOf, unknownInformation } from './information.js';
import { list } from './list.js';
import { proceed, serviceChoices } from './plan.js';
import { resolveCorrection, resolveFollowUp } from './followUps.js';
import {
  ALL,
  AND_START,
  BYE,
  childrenNamed,
  DAY_SWAP,
  CHILD_PRONOUN,
  GREETING,
  INSTEAD,
  isAbsence,
  isCorrection,
  isOwnRequest,
  namesAChild,
  readsAsWord,
  NO,
  normalized,
  SWAP,
  THAT_DAY,
  THANKS,
  UNDO,
  unknownNames,
  VAGUE,
  YES,
  YES_EMOJI,
  withoutOpeningGreeting,
  withoutTrailingCourtesy,
} from './reading.js';
import type { IsoDate } from '../time.js';
import type { Session } from './session.js';
import { FOLLOW_UP_MINUTES, minutesLater, type Planned } from './state.js';
import { revert, undo, undoLast } from './undo.js';
import { merge, reply, type Reply } from './types.js';

/**
 * Longest message read. Above it the parent is asked to write shorter,
 * never silently cut: the mail layer strips quoted history and signatures,
 * so what arrives here is the new text, and all of it is read.
 */
export const MAX_TEXT = 20_000;

/** A question: a question mark ending a sentence, or a French or English question opening. */
const QUESTION = /\?\s*(?:$|\n)|^\s*(?:est-ce que|est ce que|pouvez-vous|peut-on|y a-t-il|can you|could you|is there|are there|do you)\b/iu;

export async function onText(s: Session, raw: string): Promise<Reply> {
  if (raw.length > MAX_TEXT) return reply(s.lang, 'refused', s.words.tooLong(MAX_TEXT));
  const folded = normalized(raw);
  const interpretation: Interpretation = asksSameAgain(s, folded, interpret(raw, { now: s.now, children: s.names(), config: s.town.config, calendar: s.town.calendar }));
  const pending = s.state.pending;
  // A short answer ("1", "oui") says little about the language: keep the question's.
  const shortAnswer = pending !== null && folded.split(' ').length <= 2;
  if (!shortAnswer && folded !== '' && interpretation.languageSure !== false) s.lang = interpretation.language;

  const own = isOwnRequest(interpretation) && !(pending && answersOnly(s, pending, folded, interpretation));
  if (pending?.kind === 'confirm' && !UNDO.test(folded)) {
    // "euh non attendez, seulement jusqu'au 14 mai", "seulement le soir finalement, le matin son papa peut l'emmener": a change
    // of mind about the change waiting amends it (its request and children kept), whatever reason it gives; it is planned again.
    const amended = amendedDays(pending.actions, folded, interpretation) ?? amendedServices(s, pending.actions, raw, interpretation);
    if (amended) {
      s.state.pending = null;
      return proceed(s, amended, { before: [] });
    }
  }
  if (UNDO.test(folded)) {
    if (s.confirmFirst) return reply(s.lang, 'refused', s.words.undoNeedsProof);
    if (pending) {
      s.state.pending = null;
      return reply(s.lang, 'dropped', s.words.dropped);
    }
    if (s.state.undo.length === 0 && s.state.last?.undoId) return forgetLate(s);
    return undoLast(s);
  }
  const afterNo = pending ? null : await answerAfterChange(s, folded, raw, own);
  if (afterNo) return afterNo;
  if (pending && !own) {
    const answered = await answerPending(s, folded, raw, interpretation);
    if (answered) return answered;
    // "oui" to "Pour quel enfant ?", "Léa et Tom" to "Pour quel jour ?": no answer, and not a request
    // of its own; never "je n'ai pas compris" while a question waits: ask it again.
    const politeOnly = THANKS.test(folded) || GREETING.test(folded) || BYE.test(folded);
    const yes = YES.test(folded) || YES_EMOJI.test(raw);
    if (pending.kind !== 'confirm' && !politeOnly && folded !== '' && folded.split(' ').length <= (yes ? 3 : 6) && interpretation.actions.every((a) => a.intent !== 'help' && a.intent !== 'list')) {
      s.state.pending = null;
      return merge(s.lang, [reply(s.lang, 'information', s.words.stillAsking), await proceed(s, pending.actions, { before: [] })]);
    }
  }
  const before: Reply[] = [];
  const dropPending = () => {
    if (s.state.pending && before.every((r) => r.text !== s.words.pendingSetAside)) before.unshift(reply(s.lang, 'dropped', s.words.pendingSetAside));
    s.state.pending = null;
  };
  if (pending && own) dropPending();

  // "en fait juste Oscar" just after undoing a request for Nina and Oscar: that request again, for Oscar only.
  const again = s.state.last?.undone ? redoForFewer(s, folded, interpretation) : null;
  if (again) {
    s.state.last = null;
    return proceed(s, again, { before });
  }
  // "vendredi à la place" after a change that was made moves it; after a refusal it is a follow-up (below).
  const movesLast = s.state.last?.undoId != null && INSTEAD.test(folded) && interpretation.notes.every((n) => n.matched.intent.length === 0);
  if (s.state.last && (isCorrection(folded, interpretation) || movesLast) && !s.confirmFirst) {
    const corrected = await correct(s, folded, interpretation);
    if (corrected) return merge(s.lang, [...before, corrected]);
  }

  // The message's own requests.
  const names = unknownNames(s, raw, interpretation);
  const planned: Planned[] = [];
  const index: number[] = [];
  const cancels = interpretation.actions.filter((a) => a.intent === 'cancel').length;
  const closedOnly: string[] = [];
  // What was asked for days on which nothing runs: "ok et le 4 janvier alors" right after asks it again for that day.
  const closedAsked: Planned[] = [];
  interpretation.actions.forEach((a, i) => {
    if (a.intent !== 'book' && a.intent !== 'cancel') return;
    const note = interpretation.notes[i];
    if (namesOnlyClosedDays(a, note)) {
      closedOnly.push(note!.matched.dates.join(' '));
      const ids = a.children ? s.idsOf(a.children) : [];
      if (ids.length > 0 && a.services?.length) closedAsked.push({ intent: a.intent, childIds: ids, services: a.services, dates: note?.droppedDates.length ? [...note.droppedDates] : null });
      return;
    }
    let childIds = a.children ? s.idsOf(a.children.filter((name) => !readsAsWord(raw, name) || s.children.length === 1)) : null;
    if (childIds && childIds.length === 0) childIds = null;
    // Children are never guessed: a vague reference or an unknown name is no child of the family.
    if (childIds && VAGUE.test(folded) && !namesAChild(s, folded)) childIds = null;
    if (childIds && names.length > 0 && (note?.matched.children.length ?? 0) === 0) childIds = null;
    const all = [...(a.dates ?? []), ...(note?.droppedDates ?? [])];
    const dates = all.length > 0 ? [...new Set(all)].sort() : null;
    const intent = a.intent === 'cancel' && isAbsence(note, folded, cancels) ? 'absence' : a.intent;
    const options = !a.services?.length && note?.ambiguousServices?.length ? { serviceOptions: [...note.ambiguousServices] } : {};
    planned.push({ intent, childIds, services: a.services, dates, ...options });
    index.push(i);
  });
  const followUp = resolveFollowUp(s, folded, interpretation, planned, index);
  const requests = followUp ?? planned;
  // "ah non c'est trop, finalement juste Noé le jeudi 4 mars" while a plan for Rose and Noé's evening care waits:
  // a booking of the plan's children that names no service is for the plan's services.
  if (!followUp && pending && own) {
    planned.forEach((p, k) => {
      if (p.intent !== 'book' || p.services?.length || !p.childIds?.length || (interpretation.notes[index[k]!]?.matched.services.length ?? 0) > 0) return;
      const under = pending.actions.filter((a) => a.intent === 'book' && a.services?.length && p.childIds!.every((id) => a.childIds?.includes(id)));
      const services = [...new Set(under.flatMap((a) => a.services ?? []))].sort();
      if (services.length > 0) p.services = services;
    });
  }
  // "Ajoutez-lui aussi la cantine jeudi" after a list of Camille's bookings, "alors inscrivez-la pour le 24"
  // after a refusal for Anaïs: a pronoun naming no child stands for the one child of the last exchange.
  if (!followUp && names.length === 0 && s.state.last && CHILD_PRONOUN.test(raw.toLowerCase())) {
    const lastChildren = [...new Set(s.state.last.actions.flatMap((a) => a.childIds ?? []))];
    if (lastChildren.length === 1) {
      planned.forEach((p, k) => {
        const said = interpretation.notes[index[k]!]?.matched.children ?? [];
        if (p.childIds === null && said.every((w) => CHILD_PRONOUN.test(w.toLowerCase()))) p.childIds = [...lastChildren];
      });
    }
  }

  // Lists, questions and help are answered directly.
  if (closedOnly.length > 0) before.push(reply(s.lang, 'refused', s.words.noServiceOn(closedOnly, 'change')));
  if (closedAsked.length > 0 && planned.length === 0) s.state.last = { actions: closedAsked, at: s.now.toISOString(), expiresAt: minutesLater(s.now, FOLLOW_UP_MINUTES), undoId: null };
  for (const [i, a] of interpretation.actions.entries()) {
    if (a.intent !== 'list') continue;
    const note = interpretation.notes[i];
    if (namesOnlyClosedDays(a, note)) {
      before.push(reply(s.lang, 'list', s.words.noServiceOn([note!.matched.dates.join(' ')], 'list')));
      continue;
    }
    // "qu'a Jules demain ?" for a Jules the family does not have: never another child's bookings.
    if (names.length > 0 && (!a.children?.length || (note?.matched.children.length ?? 0) === 0)) {
      before.push(reply(s.lang, 'refused', s.words.unknownChildren(names, s.names())));
      continue;
    }
    const named = a.children ? s.idsOf(a.children) : null;
    before.push(await list(s, { childIds: named && named.length > 0 ? named : null, services: a.services, dates: a.dates, dropped: note?.droppedDates ?? [] }));
    // "qu'a Maëlle demain ?" then "annule la cantine alors": the children and days just listed.
    if (named && named.length > 0 && a.dates?.length && planned.length === 0) {
      s.state.last = { actions: [{ intent: 'book', childIds: named, services: a.services, dates: [...a.dates] }], at: s.now.toISOString(), expiresAt: minutesLater(s.now, FOLLOW_UP_MINUTES), undoId: null, listed: true };
    }
  }
  const asksHelp = interpretation.actions.some((a) => a.intent === 'help');
  if (asksHelp || (requests.length === 0 && before.length === 0 && topicsOf(folded).length > 0)) {
    const info = HOW_TO.test(folded) ? null : informationReply(s, folded);
    if (info) before.push(info);
    else if (HOW_TO.test(folded)) before.push(reply(s.lang, 'help', s.words.help(s.names())));
    // Beside a request, a remark the interpreter took for a question adds nothing.
    else if (requests.length === 0) before.push(unknownInformation(s));
  }

  if (requests.length > 0) {
    if (s.state.pending) dropPending();
    return proceed(s, requests, { before, unknownNames: followUp ? [] : names });
  }
  if (before.length > 0) return merge(s.lang, before);
  // A question the assistant cannot act on: say so, and how to reach the CCAS.
  if (QUESTION.test(raw) && !polite(s, folded, raw)) return unknownInformation(s);
  return polite(s, folded, raw) ?? reply(s.lang, 'not_understood', s.words.notUnderstood(s.names()[0] ?? 'Léa'));
}

/** The undone request for the children a message keeps ("en fait juste Oscar", "only Tom"), when it names nothing else. */
function redoForFewer(s: Session, folded: string, interpretation: Interpretation): Planned[] | null {
  const last = s.state.last!;
  if (!/\b(juste|seulement|uniquement|only|just)\b/.test(folded)) return null;
  if (interpretation.actions.some((a, i) => (a.dates !== null || a.services !== null) && (interpretation.notes[i]?.matched.dates.length || interpretation.notes[i]?.matched.services.length))) return null;
  const named = new Set(childrenNamed(s, folded));
  if (named.size === 0) return null;
  const lastChildren = new Set(last.actions.flatMap((a) => a.childIds ?? []));
  if (![...named].every((id) => lastChildren.has(id))) return null;
  return last.actions.map((a) => ({ ...a, childIds: (a.childIds ?? []).filter((id) => named.has(id)) })).filter((a) => a.childIds.length > 0);
}

/**
 * A bare "non" just after a change was applied (no question was waiting) may say the change
 * was wrong: ask whether to undo it, never guess; "oui" then undoes it, "non" leaves it.
 */
async function answerAfterChange(s: Session, folded: string, raw: string, own: boolean): Promise<Reply | null> {
  const last = s.state.last;
  if (!last?.undoId || own || s.confirmFirst || THANKS.test(folded) || folded.split(' ').filter(Boolean).length > 4) return null;
  const entry = s.state.undo.find((u) => u.id === last.undoId);
  if (!entry) return null;
  if (last.undoAsked) {
    last.undoAsked = false;
    if (YES.test(folded) || YES_EMOJI.test(raw)) return undo(s, entry.id);
    if (NO.test(folded)) return reply(s.lang, 'unchanged', s.words.keptAsIs);
    return null;
  }
  // "non pas Léa, Tom", "no, not Monday, Tuesday": a correction that says what instead (below).
  const plain = withoutTrailingCourtesy(folded);
  if (!NO.test(plain) || SWAP.test(plain) || DAY_SWAP.test(plain)) return null;
  last.undoAsked = true;
  const { buttons } = undoButtons(s, entry.id);
  return reply(s.lang, 'question', s.words.undoAfterNo, buttons);
}

/**
 * The days of a date answer on which the request's services run: "la semaine prochaine" for the
 * canteen is its four days, not a refusal for Wednesday. A single day is kept as said (the reply
 * then says the service does not run that day), and so are days none of which it runs on.
 */
function runningDays(s: Session, a: Planned, dates: IsoDate[]): IsoDate[] {
  if (dates.length < 2 || !a.services?.length) return dates;
  const services = a.services.map((c) => s.town.service(c)).filter((x) => x !== undefined);
  const kept = dates.filter((d) => services.some((svc) => s.town.calendar.runs(svc, d)));
  return kept.length > 0 ? kept : dates;
}

/**
 * "et vendredi alors ?" just after a request (refused for tomorrow, or done): the same request for
 * that day, not a question about what is booked. Only when the message names days and nothing else.
 */
function asksSameAgain(s: Session, folded: string, interpretation: Interpretation): Interpretation {
  const last = s.state.last;
  // ("ok et le 4 janvier alors": an acknowledgement before it changes nothing.)
  const rest = folded.replace(/^(ok|okay|d accord|bon|ah|oh|bah|alors)\s+/, '');
  if (!last || s.state.pending || !AND_START.test(rest) || rest.split(' ').length > 5) return interpretation;
  const { actions } = interpretation;
  // The children unsaid: none named (a family of one child is given its only child, named or not).
  const unsaid = (a: Interpretation['actions'][number], i: number) => (interpretation.notes[i]?.matched.children.length ?? 0) === 0 && (a.children === null || s.children.length === 1);
  // A question ("et vendredi ?") or days alone with no verb ("ok et le 4 janvier alors"; the interpreter reads a booking with no service).
  const sameAgain = (a: Interpretation['actions'][number], i: number) =>
    unsaid(a, i) && a.services === null && a.dates !== null && (a.intent === 'list' || (a.intent === 'book' && (interpretation.notes[i]?.matched.intent.length ?? 0) === 0));
  if (actions.length === 0 || !actions.every(sameAgain)) return interpretation;
  const intent = last.actions[0]?.intent === 'book' ? 'book' : 'cancel';
  return { ...interpretation, actions: actions.map((a) => ({ ...a, intent })) as Interpretation['actions'] };
}

/** The action named days, and none of them is a day a service runs ("pendant les vacances de Noël"). */
function namesOnlyClosedDays(a: Interpretation['actions'][number], note: Interpretation['notes'][number] | undefined): boolean {
  if (!note || a.dates?.length || note.droppedDates.length > 0 || note.matched.dates.length === 0) return false;
  return note.noRunningDay || Array.isArray(a.dates);
}

/** Greetings, thanks, "ok": a short polite answer, never "je n'ai pas compris". */
function polite(s: Session, folded: string, raw: string): Reply | null {
  if (THANKS.test(folded) || BYE.test(folded)) return reply(s.lang, 'polite', s.words.thanks);
  if (GREETING.test(folded)) {
    const a = s.names()[0] ?? 'Léa';
    return reply(s.lang, 'polite', s.words.greeting(a));
  }
  // "ah mince, ok tant pis", "never mind", "oh well": the parent takes the answer as it is.
  if (RESIGNED.test(folded) && folded.split(' ').filter(Boolean).length <= 6) return reply(s.lang, 'polite', s.words.acknowledged);
  if (YES.test(folded) || YES_EMOJI.test(raw)) {
    // "oui" with no question waiting: never let it read as if something had been done.
    return s.state.last ? reply(s.lang, 'polite', s.words.acknowledged) : reply(s.lang, 'expired', s.words.nothingPending);
  }
  return null;
}

const AMENDS = /\b(non|no|attendez|attends|pardon|plutot|en fait|finalement|seulement|juste|uniquement|only|just|actually|wait|sorry|rather)\b/;

/**
 * The change waiting for a yes, with its days amended by a message that names days and nothing else, with a word that
 * corrects: the days it keeps of those waiting ("seulement jusqu'au 14 mai"), else the days it names instead.
 */
function amendedDays(actions: readonly Planned[], folded: string, interpretation: Interpretation): Planned[] | null {
  if (!AMENDS.test(folded) || interpretation.actions.length !== 1) return null;
  const a = interpretation.actions[0]!;
  const m = interpretation.notes[0]?.matched;
  if (!m || m.intent.length > 0 || m.children.length > 0 || m.services.length > 0 || m.dates.length === 0 || !a.dates?.length) return null;
  if (a.intent !== 'book' && a.intent !== 'cancel') return null;
  const said = new Set<string>(a.dates);
  const kept = actions.map((x) => ({ ...x, dates: x.dates?.filter((d) => said.has(d)) ?? null }));
  if (kept.every((x) => x.dates?.length === 0)) return actions.map((x) => ({ ...x, dates: [...a.dates!] }));
  return kept.filter((x) => x.dates === null || x.dates.length > 0);
}

/**
 * An answer to the question waiting, with the reason or the setting said beside it: "c'est hugo, il a rdv chez
 * l'orthophoniste" to "Pour quel enfant ?" (an absence beside a cancellation waiting), "c'est pour la garderie du
 * matin, je commence à 7h ce jour là" to "Pour quel service ?" ("ce jour-là" is the day asked about). Never a
 * request of the other kind, and never with a day or a service of its own beside a child asked for.
 */
function answersOnly(s: Session, pending: NonNullable<Session['state']['pending']>, message: string, interpretation: Interpretation): boolean {
  const notes = interpretation.notes;
  const folded = withoutOpeningGreeting(message);
  const dayOfItsOwn = notes.some((n) => n.matched.dates.some((d) => !THAT_DAY.test(normalized(d))));
  const cancelling = pending.actions.every((a) => a.intent !== 'book');
  // ("pardon 🙈 je voulais dire Lou ! Margot c'est sa copine qui dort à la maison ce week-end": the name meant is the answer,
  // whatever the remark after it says.)
  const meantOnly = pending.kind === 'child' && /^(pardon|oups|oops|sorry|desole|desolee|non|ah)?\s*(je voulais dire|i meant)\s/.test(folded.replace(/^(pardon|oups|oops|sorry|desole|desolee)\s+/, ''));
  if (dayOfItsOwn && !meantOnly) return false;
  if (pending.kind === 'child') {
    // ("c'est hugo, …", "Ce sera Zoé : …", "pardon, je voulais dire Lou !": the child, said as the answer.)
    const opening = folded.split(' ').slice(0, 4).join(' ').replace(/^(c est|cest|ce sera|it s|its|it will be|pour|for)\s+/, '');
    const meant = /\b(je voulais dire|je voulais ecrire|i meant|i mean|c est|ce sera|it s)\s+(\S+(?:\s+et\s+\S+)?)/.exec(folded);
    const opened = childrenNamed(s, opening);
    const answer = opened.length > 0 ? opened : meant ? childrenNamed(s, meant[2]!) : [];
    if (answer.length === 0 || notes.some((n) => n.matched.services.length > 0)) return false;
    // A request of the other kind for the child answered is no answer ("C'est Léa, elle est malade" to a booking waiting).
    const names = new Set(s.children.filter((c) => answer.includes(c.id)).map((c) => c.firstName));
    return meantOnly || interpretation.actions.every((a, i) => (notes[i]?.matched.intent.length ?? 0) === 0 || a.intent === 'help' || a.intent === 'unknown' || (a.intent === 'cancel') === cancelling || !a.children?.some((n) => names.has(n)));
  }
  const sameKind = interpretation.actions.every((a, i) => (notes[i]?.matched.intent.length ?? 0) === 0 || a.intent === 'help' || a.intent === 'unknown' || (a.intent === 'cancel') === cancelling);
  if (!sameKind) return false;
  if (pending.kind === 'service') return notes.every((n) => n.matched.children.length === 0) && notes.some((n) => n.matched.services.length > 0);
  return false;
}

/**
 * The change waiting for a yes, kept to the services said after "seulement" / "only" in a message that names no day and
 * no child ("Attendez, seulement le soir finalement, le matin son papa peut l'emmener"), when they are some of its own.
 */
function amendedServices(s: Session, actions: readonly Planned[], raw: string, interpretation: Interpretation): Planned[] | null {
  const folded = normalized(raw);
  if (!AMENDS.test(folded) || interpretation.notes.some((n) => n.matched.dates.length > 0 || n.matched.children.length > 0)) return null;
  // (Up to the punctuation of the message as written: what follows is the reason.)
  const after = /(?:^|[^\p{L}])(seulement|juste|uniquement|only|just)\s+([^,.;!?\n]+)/iu.exec(raw);
  if (!after) return null;
  const kept = new Set(servicesNamed(s, normalized(after[2]!)));
  if (kept.size === 0) return null;
  const out = actions.map((a) => ({ ...a, services: a.services?.filter((c) => kept.has(c)) ?? null })).filter((a) => a.services === null || a.services.length > 0);
  return out.length > 0 && out.some((a, i) => a.services?.length !== actions[i]?.services?.length) ? out : null;
}

const RESIGNED = /\b(tant pis|pas grave|c est pas grave|dommage|zut|mince|never mind|nevermind|oh well|no worries|no problem|fair enough)\b/;

/** A reply that answers the pending question, or null when the message is no answer to it. */
async function answerPending(s: Session, message: string, raw: string, interpretation: Interpretation): Promise<Reply | null> {
  const pending = s.state.pending!;
  // ("Bonjour,\n\nLes deux, s'il vous plaît.": the greeting that opens an email answer is no part of it.)
  const folded = withoutOpeningGreeting(message);
  const wordsCount = folded.split(' ').filter(Boolean).length;
  // "Non.\n\nJe dois d'abord en parler avec ma femme, je reviendrai vers vous.": a no said first, and nothing asked after it.
  const firstSentence = normalized(raw.split(/[.!?\n]/u)[0] ?? '');
  const saysNoFirst = NO.test(firstSentence) && firstSentence.split(' ').length <= 4 && interpretation.actions.every((a) => a.intent !== 'book' && a.intent !== 'cancel');
  if ((NO.test(folded) && wordsCount <= 4) || saysNoFirst) {
    s.state.pending = null;
    return reply(s.lang, 'dropped', s.words.dropped);
  }
  const fill = (f: (a: Planned) => void) => {
    for (const a of pending.actions) f(a);
    s.state.pending = null;
    return proceed(s, pending.actions, { before: [] });
  };
  switch (pending.kind) {
    case 'confirm':
      if (YES.test(folded) || YES_EMOJI.test(raw)) {
        s.state.pending = null;
        // An unproven sender cannot confirm: the question goes again to the registered address.
        return s.confirmFirst ? proceed(s, pending.actions, { before: [] }) : apply(s, pending.actions);
      }
      // (An amendment of the change waiting is read before any answer: onText.)
      return null;
    case 'child': {
      const number = /^(\d)$/.exec(folded);
      if (number) {
        const n = Number(number[1]);
        if (n >= 1 && n <= s.children.length) return fill((a) => (a.childIds = a.childIds?.length ? a.childIds : [s.children[n - 1]!.id]));
        if (n === s.children.length + 1 && s.children.length > 1) return fill((a) => (a.childIds = a.childIds?.length ? a.childIds : s.allChildIds()));
        return null;
      }
      if (ALL.test(folded)) return fill((a) => (a.childIds = a.childIds?.length ? a.childIds : s.allChildIds()));
      const fromInterpreter = interpretation.actions.flatMap((a, i) => ((interpretation.notes[i]?.matched.children.length ?? 0) > 0 && a.children ? s.idsOf(a.children) : []));
      // ("Pardon, je pensais à ma nièce. C'est bien pour Ambre.", "Il s'agit de Jules, pardon de ne pas l'avoir précisé.":
      // a short sentence or clause of the message naming the child answers too.)
      // ("… qui m'a demandé 😅 donc juste Mia": an emoji or a "donc" opens the answer too.)
      const shortSentences = raw.split(/[.!?\n,;:]+|\p{Extended_Pictographic}|(?<![\p{L}])(?:donc|alors|bref|so)(?![\p{L}])/iu).map((x) => normalized(x)).filter((x) => x !== '' && x.split(' ').length <= 6);
      const inShort = [...new Set(shortSentences.flatMap((x) => childrenNamed(s, x)))];
      const ids = fromInterpreter.length > 0 ? [...new Set(fromInterpreter)] : wordsCount <= 6 ? childrenNamed(s, folded) : inShort;
      if (ids.length > 0) return fill((a) => (a.childIds = a.childIds?.length ? a.childIds : ids));
      return null;
    }
    case 'service': {
      const number = /^(\d)$/.exec(folded);
      const services = serviceChoices(s, pending.actions);
      if (number) {
        const n = Number(number[1]);
        if (n >= 1 && n <= services.length) return fill((a) => (a.services = a.services?.length ? a.services : [services[n - 1]!.code]));
        return null;
      }
      let named = interpretation.actions.find((a) => a.services?.length)?.services ?? (wordsCount <= 6 ? servicesNamed(s, folded) : []);
      // "garderie" asked "matin ou soir ?": an answer naming several keeps those offered.
      if (named.length > 1) named = named.filter((c) => services.some((x) => x.code === c));
      if (named.length > 0) return fill((a) => (a.services = a.services?.length ? a.services : [...named]));
      return null;
    }
    case 'date': {
      let days = interpretation.actions.flatMap((a, i) => [...(a.dates ?? []), ...(interpretation.notes[i]?.droppedDates ?? [])]);
      // ("Mardi.\n\nClaire": an email's first line answers, the signature under it adds nothing.)
      const firstLine = raw.split('\n').map((x) => x.trim()).find((x) => x !== '') ?? '';
      if (days.length === 0 && firstLine !== raw.trim() && firstLine.split(/\s+/).length <= 4) {
        const alone = interpret(firstLine, { now: s.now, children: s.names(), config: s.town.config, calendar: s.town.calendar });
        days = alone.actions.flatMap((a, i) => [...(a.dates ?? []), ...(alone.notes[i]?.droppedDates ?? [])]);
      }
      // "15" alone, to "Pour quel jour ?": the next 15th of a month, today's month first.
      const dayOfMonth = /^(?:le |the )?(\d{1,2})$/.exec(folded);
      if (days.length === 0 && dayOfMonth) {
        const day = resolveDayOnly(s.town.today(s.now), Number(dayOfMonth[1]));
        if (day) days.push(day);
      }
      if (days.length > 0) {
        const dates = [...new Set(days)].sort();
        return fill((a) => (a.dates = a.dates?.length ? a.dates : runningDays(s, a, dates)));
      }
      return null;
    }
  }
}

/**
 * A change made, as a new request that turns it round on those children and days; none for an
 * absence or a change with no service named (which services were they?).
 */
function turnedRound(a: Planned, childIds: Planned['childIds'], dates: IsoDate[]): Planned | null {
  if (a.intent === 'absence' || !a.services?.length) return null;
  return { ...a, childIds, intent: a.intent === 'book' ? 'cancel' : 'book', dates };
}

/**
 * "Oubliez ma demande, sa grand-mère pourra le garder finalement", 45 minutes after the booking (by
 * email): the undo window is over, so the change is turned round by new requests, each checked
 * against its deadline like any other (see turnedRound for what cannot be).
 */
async function forgetLate(s: Session): Promise<Reply> {
  const last = s.state.last!;
  const reverse = last.actions.map((a) => (a.dates?.length ? turnedRound(a, a.childIds, a.dates) : null));
  if (reverse.some((a) => a === null)) return reply(s.lang, 'refused', s.words.undoExpired);
  const back = await run(s, reverse as Planned[]);
  s.state.last = null;
  const kind = back.undo.length > 0 ? 'undone' : 'refused';
  return reply(s.lang, kind, (kind === 'undone' ? [s.words.undoneHead, ...back.lines] : back.lines).join('\n'), [], back.promotions);
}

/** "je me suis trompée, c'est jeudi pas vendredi": the last change moved, in one reply saying both. */
async function correct(s: Session, folded: string, interpretation: Interpretation): Promise<Reply | null> {
  const last = s.state.last!;
  // (A list is no change, nor is a change undone: there is nothing to correct, the message is read as a request of its own.)
  if (last.listed || last.undone) return null;
  const c = resolveCorrection(s, folded, interpretation);
  if (!c) return null;
  const entry = s.state.undo.find((u) => u.id === last.undoId);
  const undoSet = new Set<string>(c.undoDates);
  const undone = (childId: number, date: IsoDate): boolean => undoSet.has(date) && (!c.undoChildren || c.undoChildren.includes(childId));
  if (!entry) {
    // Too late to undo (the window is over): the change is set right by new requests, each checked
    // against its deadline and capacity as any other ("c'est Inès qui ne mange pas jeudi, pas Rose",
    // half an hour later: Rose booked again, Inès cancelled). A change with no service named cannot be
    // turned round (which services were they?): it is refused as before.
    const reverse: Planned[] = [];
    // (A last request that changed nothing, refused or already so, has nothing to turn round: only the new one is made.)
    for (const a of last.undoId ? last.actions : []) {
      const dates = (a.dates ?? []).filter((d) => undoSet.has(d));
      const childIds = c.undoChildren && a.childIds ? a.childIds.filter((id) => c.undoChildren!.includes(id)) : a.childIds;
      if (dates.length === 0 || childIds?.length === 0) continue;
      const back = turnedRound(a, childIds, dates);
      if (!back) return reply(s.lang, 'refused', s.words.undoExpired);
      reverse.push(back);
    }
    const back = await run(s, reverse);
    const done = await run(s, c.redo);
    const { id, buttons } = rememberUndo(s, [...back.undo, ...done.undo]);
    s.state.last = { actions: c.redo, at: s.now.toISOString(), expiresAt: minutesLater(s.now, FOLLOW_UP_MINUTES), undoId: id };
    return reply(s.lang, 'applied', [s.words.correctedHead, ...back.lines, ...done.lines].join('\n'), buttons, [...back.promotions, ...done.promotions]);
  }
  const kept = entry.items.filter((i) => !undone(i.childId, i.date));
  const reverted = await revert(s, entry, (i) => undone(i.childId, i.date));
  const done = await run(s, c.redo);
  const { id, buttons } = rememberUndo(s, [...kept, ...undoItems(reverted.outcomes), ...done.undo]);
  const keptActions = c.undoChildren
    ? last.actions.map((a) => ({ ...a, childIds: a.childIds ? a.childIds.filter((x) => !c.undoChildren!.includes(x)) : a.childIds })).filter((a) => a.childIds === null || a.childIds.length > 0)
    : last.actions.map((a) => ({ ...a, dates: (a.dates ?? []).filter((d) => !undoSet.has(d)) })).filter((a) => a.dates.length > 0);
  s.state.last = { actions: [...keptActions, ...c.redo], at: s.now.toISOString(), expiresAt: minutesLater(s.now, FOLLOW_UP_MINUTES), undoId: id };
  return reply(s.lang, 'applied', [s.words.correctedHead, ...reverted.lines, ...done.lines].join('\n'), buttons, [...reverted.promotions, ...done.promotions]);
}
