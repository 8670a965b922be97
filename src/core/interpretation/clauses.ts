/**
 * Splitting a message into clauses, one per request. The text is cut at
 * sentence ends and at conjunctions and commas ("et", "mais", "par contre",
 * "and", "but"), never inside a date, a name or a phrase; then pieces are
 * glued back: a piece without a predicate of its own ("mardi", "Pierre",
 * "à la cantine") belongs to its neighbour, unless it repeats the frame of
 * the clause before with new values ("… et Tom mardi"), which makes it a
 * new request of the same kind.
 */
import type { ChildTag } from './children.js';
import type { DateItem } from './dateGrammar.js';
import { isPredicate, type CueTag } from './intents.js';
import { WEEKDAYS } from './lexicon.js';
import { isSentenceEnd, type Token } from './normalize.js';
import type { ServiceTag } from './services.js';

/** The entities found in a message, each over a token range. */
export interface Entities {
  children: ChildTag[];
  services: ServiceTag[];
  dates: DateItem[];
  cues: CueTag[];
}

/** A run of tokens and the entities starting in it. */
export interface Clause extends Entities {
  start: number;
  end: number;
  /** The clause is (or ends) a question. */
  question: boolean;
  /** Has a cue of its own asking for something. */
  predicate: boolean;
  /** A frame repeated without a verb ("… et Tom mardi"): takes the intent of the clause before. */
  inheritIntent: boolean;
  /** The first piece of its sentence. */
  opensSentence?: boolean;
  /** Said of a child the request leaves as it is ("Jules, lui, continue comme prévu"): asks nothing; its names serve the pronouns after it. */
  silent?: boolean;
  /** Only names and a yes ("… mais Tom oui", "… but Ella will"): the request before, affirmed for them. */
  affirms?: boolean;
  /** A reason given in passing ("car …", "because …"): no service, day or request of its own. */
  reason?: boolean;
  /** Taken back by the parent right after ("… non je plaisante", "just kidding"): asks nothing. */
  retracted?: boolean;
  /**
   * Its sentence tells something rather than asks ("Léa adore les ateliers du jeudi", "Tom had
   * a great time on Friday"): no verb that asks, and words of its own beyond names and days.
   */
  narrative?: boolean;
  /** Words of its own beyond names, services and days, counted up to 2 (unset when not counted). */
  ownWords?: number;
  /** The sentence the clause starts in (0 for the first). */
  sentence?: number;
}

type Kind = 'child' | 'service' | 'date';

const SPLIT_WORDS = new Set([',', 'et', 'and', 'mais', 'but', 'ensuite', 'then', 'however', 'sinon', 'otherwise', '(', ')', '-', '&', '+', '/', 'also']);

function splitsAt(tokens: readonly Token[], i: number): number {
  const t = tokens[i]!;
  const n = t.norm;
  if (SPLIT_WORDS.has(n)) return 1;
  if (n === 'par' && tokens[i + 1]?.norm === 'contre') return 2;
  if (n === 'en' && tokens[i + 1]?.norm === 'revanche') return 2;
  // "… ainsi que Rose", "… as well as Tom": another request, or more children for the one before.
  if (n === 'ainsi' && tokens[i + 1]?.norm === 'que') return 2;
  if (n === 'as' && tokens[i + 1]?.norm === 'well' && tokens[i + 2]?.norm === 'as') return 3;
  if (n === 'puis' && tokens[i + 1]?.norm !== 'je') return 1;
  if (REASON_WORDS.has(n)) return -1;
  if (n === 'parce' && tokens[i + 1]?.norm === 'que') return -1;
  if (n === 'vu' && tokens[i + 1]?.norm === 'que') return -1;
  return 0;
}

/** Words that open a reason given in passing ("car je change d'horaires", "because I work late"). */
const REASON_WORDS = new Set(['car', 'because', 'puisque', 'cause']);

const QUESTION_OPENERS = new Set(['do', 'does', 'did', 'is', 'are']);
const WH_OPENERS = new Set(['quel', 'quelle', 'quels', 'quelles', 'combien', 'what', 'where', 'which']);
const HOW_FOLLOWERS = new Set(['much', 'many', 'do', 'does', 'can', 'long', 'late', 'early']);

/** Whether the sentence starting at `i` opens as a question: "est-ce que", "est-ce qu'", "do/does/did/is/are …". */
function opensQuestion(tokens: readonly Token[], i: number): boolean {
  let j = i;
  while (tokens[j] && (tokens[j]!.kind === 'punct' || tokens[j]!.norm === 'bonjour' || tokens[j]!.norm === 'hello' || tokens[j]!.norm === 'hi')) j++;
  const a = tokens[j]?.norm;
  if (a === 'est' && tokens[j + 1]?.norm === 'ce' && tokens[j + 2]?.norm === 'que') return true;
  // "qu'est-ce que Lina a la semaine pro", "qu'est ce qui est prévu".
  if (a === 'que' && tokens[j + 1]?.norm === 'est' && tokens[j + 2]?.norm === 'ce' && (tokens[j + 3]?.norm === 'que' || tokens[j + 3]?.norm === 'qui')) return true;
  // "quel est le numéro du CCAS", "combien coûte …", "what time does it open", "how much is it".
  if (a !== undefined && WH_OPENERS.has(a) && tokens[j]!.kind === 'word') return true;
  if (a === 'how' && HOW_FOLLOWERS.has(tokens[j + 1]?.norm ?? '')) return true;
  return a !== undefined && QUESTION_OPENERS.has(a) && tokens[j]!.kind === 'word';
}

/** Words a piece may hold besides names to say "yes, for them too" ("mais Tom oui", "but Ella will", "Tom, lui, ira"). */
const AFFIRM_WORDS = new Set(['oui', 'si', 'yes', 'will', 'does', 'do', 'is', 'can', 'ira', 'iront', 'va', 'vont', 'viendra', 'viendront', 'mangera', 'mangeront', 'restera', 'resteront']);
const AFFIRM_FILLERS = new Set(['la', 'le', 'les', 'l', 'mais', 'but', 'par', 'contre', 'en', 'revanche', 'lui', 'elle', 'eux', 'quant', 'a', 'pour', 'for', 'as', 'et', 'and', 'by', 'the', 'way', 'he', 'she', 'they', 'il']);

function affirmsFor(tokens: readonly Token[], p: Clause): boolean {
  // ("pas de cantine pour Noé jeudi, par contre garderie du soir oui": a service alone, said yes to, is affirmed too.)
  const serviceOnly = p.services.length > 0 && p.children.length === 0 && p.dates.length === 0;
  if (!serviceOnly && (p.services.length > 0 || p.dates.length > 0 || !p.children.some((c) => c.kind === 'name' || c.kind === 'all'))) return false;
  const named = new Uint8Array(p.end - p.start);
  for (const c of [...p.children, ...p.services]) named.fill(1, Math.max(0, c.start - p.start), Math.max(0, c.end - p.start));
  const covered = (i: number): boolean => named[i - p.start] === 1;
  let yes = false;
  for (let i = p.start; i < p.end; i++) {
    const t = tokens[i]!;
    if (t.kind === 'punct' || covered(i)) continue;
    if (AFFIRM_WORDS.has(t.norm)) yes = true;
    else if (!AFFIRM_FILLERS.has(t.norm)) return false;
  }
  return yes;
}

function emptyClause(start: number, end: number): Clause {
  return { start, end, question: false, predicate: false, inheritIntent: false, children: [], services: [], dates: [], cues: [] };
}

function kindsOf(c: Entities): Set<Kind> {
  const k = new Set<Kind>();
  if (c.children.some((t) => t.kind === 'name' || t.kind === 'all')) k.add('child');
  if (c.services.length > 0) k.add('service');
  if (c.dates.some((d) => d.kind !== 'except' && d.kind !== 'anaphor')) k.add('date');
  return k;
}

const HELP_CUES: ReadonlySet<string> = new Set(['helpStrong', 'helpQuestion', 'helpGeneral']);

/** A question about the service itself ("combien coûte le centre de loisirs ?"). */
function asksAboutService(c: Clause): boolean {
  return c.question && c.cues.some((k) => HELP_CUES.has(k.kind)) && !c.cues.some((k) => k.kind === 'bookStrong' || k.kind === 'cancelStrong');
}

/** A piece with no verb that names a service and a day ("gabriel cantine mardi 22 juin"): a request of its own. */
function saysServiceAndDay(c: Clause): boolean {
  const k = kindsOf(c);
  return k.has('service') && k.has('date');
}

function isEmpty(c: Clause): boolean {
  return !c.predicate && c.children.length === 0 && c.services.length === 0 && c.dates.length === 0;
}

/** A piece repeats a frame when it has at least two of child, service and date and the clause already has them all. */
function repeatsFrame(piece: Clause, clause: Clause): boolean {
  const pk = kindsOf(piece);
  if (pk.size < 2) return false;
  const ck = kindsOf(clause);
  for (const k of pk) if (!ck.has(k)) return false;
  return true;
}

function absorb(into: Clause, from: Clause): void {
  into.start = Math.min(into.start, from.start);
  into.end = Math.max(into.end, from.end);
  into.question ||= from.question;
  into.predicate ||= from.predicate;
  into.children.push(...from.children);
  into.services.push(...from.services);
  into.dates.push(...from.dates);
  into.cues.push(...from.cues);
}

/**
 * Where a closing signature starts: names alone after the last request,
 * following a closing word ("Merci, Léon Dupont", "Cordialement, Jeanne"),
 * are the parent's own, even when close to a child's name.
 */
function signatureStart(pieces: readonly Clause[]): number {
  let last = -1;
  pieces.forEach((p, i) => {
    if (p.predicate || p.services.length > 0 || p.dates.length > 0) last = i;
  });
  let closing = false;
  for (let i = last + 1; i < pieces.length; i++) {
    const p = pieces[i]!;
    const greets = p.cues.length > 0 && p.cues.every((c) => c.kind === 'greeting');
    const namesOnly = p.children.length > 0 && p.children.every((c) => c.kind === 'name') && p.cues.every((c) => c.kind === 'greeting');
    if (namesOnly && (closing || greets)) return i;
    if (greets) closing = true;
    else if (p.children.length > 0 || p.cues.length > 0) return pieces.length;
  }
  return pieces.length;
}

/** Cuts the tokens into pieces at sentence ends and conjunctions that are not inside an entity. */
export function splitPieces(tokens: readonly Token[], entities: Entities): Clause[] {
  const spans: [number, number][] = [
    ...entities.children.map((e) => [e.start, e.end] as [number, number]),
    ...entities.services.map((e) => [e.start, e.end] as [number, number]),
    ...entities.dates.map((e) => [e.start, e.end] as [number, number]),
    ...entities.cues.map((e) => [e.start, e.end] as [number, number]),
  ];
  const inside = new Uint8Array(tokens.length + 1);
  for (const [s, e] of spans) for (let i = s; i < e; i++) inside[i] = 1;

  const childEnd = new Uint8Array(tokens.length + 1);
  const childStart = new Uint8Array(tokens.length + 1);
  for (const c of entities.children) {
    if (c.kind !== 'name' && c.kind !== 'unknown') continue;
    childEnd[c.end] = 1;
    childStart[c.start] = 1;
  }
  // "oui lundi, non mardi", "lundi oui mardi non": each yes or no with its day is a piece of its own.
  const polarCut = new Uint8Array(tokens.length + 1);
  for (const q of entities.cues) if (q.polar) polarCut[q.polar === 'after' ? q.start : q.end] = 1;
  // Where a predicate (2) or a child, a service or a day (1) starts: what a reason word can be the reason of.
  const content = new Uint8Array(tokens.length + 1);
  for (const e of [...entities.children, ...entities.services, ...entities.dates]) content[e.start] = 1;
  for (const q of entities.cues) if (isPredicate(q.kind)) content[q.start] = 2;
  const contentBefore = (from: number, to: number): boolean => {
    for (let k = from; k < to; k++) if (content[k] !== 0) return true;
    return false;
  };
  const predicateInSentenceFrom = (from: number): boolean => {
    for (let k = from; k < tokens.length && !isSentenceEnd(tokens[k]!); k++) if (content[k] === 2) return true;
    return false;
  };
  // A comma later in the sentence, and a predicate after it.
  const reasonThenRequest = (from: number): number => {
    for (let k = from + 1; k < tokens.length && !isSentenceEnd(tokens[k]!); k++) if (tokens[k]!.norm === ',') return predicateInSentenceFrom(k + 1) ? k : -1;
    return -1;
  };
  const reasonSpans: [number, number][] = [];
  const pieces: Clause[] = [];
  // Pieces said in parentheses: "Correction : le 16 (le 15 c'est un lundi où elle est chez son père)".
  const asides = new Set<Clause>();
  let inParens = false;
  let cur = emptyClause(0, 0);
  let sentenceStart = 0;
  let piecesBeforeSentence = 0;
  let sentence = 0;
  const close = (end: number): void => {
    cur.end = end;
    cur.sentence = sentence;
    if (cur.end > cur.start) {
      if (pieces.length === piecesBeforeSentence) cur.opensSentence = true;
      pieces.push(cur);
    }
  };
  // A sentence opening as a question ("est-ce que …", "does …") is one even without its question mark.
  const markOpenedQuestion = (): void => {
    const last = pieces[pieces.length - 1];
    if (last && last.start >= sentenceStart && opensQuestion(tokens, sentenceStart)) last.question = true;
  };
  for (let i = 0; i < tokens.length; ) {
    const t = tokens[i]!;
    if (isSentenceEnd(t)) {
      close(i);
      markOpenedQuestion();
      if (t.norm === '?') {
        // The question mark belongs to the last piece of its sentence.
        const last = pieces[pieces.length - 1];
        if (last && last.start >= sentenceStart) last.question = true;
      }
      i++;
      sentenceStart = i;
      sentence++;
      piecesBeforeSentence = pieces.length;
      cur = emptyClause(i, i);
      continue;
    }
    if (polarCut[i] === 1 && i > cur.start) {
      close(i);
      cur = emptyClause(i, i);
      if (inParens) asides.add(cur);
    }
    // "Léa et Tom", "Léa, Tom et Zoé": a list of children is one subject, not two requests.
    const betweenChildren = childEnd[i] === 1 && childStart[i + 1] === 1;
    // "ainsi que" splits even inside a cue that holds it ("ainsi que" is also "the same as"), but not between two names.
    const alsoAs = t.norm === 'ainsi' && tokens[i + 1]?.norm === 'que' && !(childEnd[i] === 1 && childStart[i + 2] === 1);
    // "Comme sa sœur est en classe verte jeudi, Hugo mangera à la cantine ces deux jours-là", "Since her sister is away, …":
    // a sentence opening on "comme" / "since", up to its comma, is the reason of the request after it.
    const reasonEnd = (t.norm === 'comme' || t.norm === 'since') && i === sentenceStart ? reasonThenRequest(i) : -1;
    if (reasonEnd >= 0) {
      reasonSpans.push([i, reasonEnd]);
      close(i);
      cur = emptyClause(i, i);
      i++;
      continue;
    }
    const width = alsoAs ? 2 : inside[i] || betweenChildren ? 0 : splitsAt(tokens, i);
    if (width > 0) {
      close(i);
      if (t.norm === '(') inParens = true;
      else if (t.norm === ')') inParens = false;
      i += width;
      cur = emptyClause(i, i);
      if (inParens) asides.add(cur);
      continue;
    }
    if (width < 0 && !contentBefore(sentenceStart, i) && predicateInSentenceFrom(i)) {
      // "Je vous écris car Chloé ne viendra pas demain", "Parce que Tom est malade, …": a reason
      // with nothing before it in its sentence to be the reason of is the message itself.
      close(i);
      i += t.norm === 'parce' || t.norm === 'vu' ? 2 : 1;
      cur = emptyClause(i, i);
      continue;
    }
    if (width < 0) {
      // A reason: its own piece, that keeps only who it is about and whether it is an illness.
      close(i);
      cur = emptyClause(i, i);
      cur.reason = true;
      i++;
      continue;
    }
    i++;
  }
  close(tokens.length);
  markOpenedQuestion();
  keepDayListsWhole(tokens, entities, pieces);

  // (Every piece of a reason opened by "comme", up to its comma: "Comme sa sœur est en classe verte jeudi et vendredi, …".)
  for (const p of pieces) if (reasonSpans.some(([a, b]) => p.start >= a && p.end <= b)) p.reason = true;
  const owner: (Clause | undefined)[] = new Array<Clause | undefined>(tokens.length);
  for (const p of pieces) for (let i = p.start; i < p.end; i++) owner[i] = p;
  const pieceOf = (pos: number): Clause | undefined => owner[pos];
  for (const c of entities.children) pieceOf(c.start)?.children.push(c);
  for (const s of entities.services) if (!pieceOf(s.start)?.reason) pieceOf(s.start)?.services.push(s);
  for (const d of entities.dates) if (!pieceOf(d.start)?.reason) pieceOf(d.start)?.dates.push(d);
  for (const q of entities.cues) {
    const p = pieceOf(q.start);
    if (!p) continue;
    // "car elle est malade" tells of the child; "puisque je vais chez le médecin", of the parent.
    if (p.reason && (q.kind !== 'illness' || p.children.length === 0)) continue;
    p.cues.push(q);
    if (isPredicate(q.kind)) p.predicate = true;
  }
  // "…, pour vendredi je ne sais pas encore", "Pour la cantine on verra demain": what a piece not
  // decided yet names asks nothing (the rest of the message stands).
  const clear = (p: Clause): void => {
    p.children = [];
    p.services = [];
    p.dates = [];
    p.cues = [];
    p.predicate = false;
  };
  // What is said in parentheses, in words of its own, is a remark beside a request outside them: it asks nothing.
  if (asides.size > 0 && pieces.some((p) => !asides.has(p) && (p.predicate || p.services.length > 0 || p.dates.length > 0))) {
    // ("(je finis désormais à 18h le jeudi)": a sentence of the writer's own, subject and verb, is words of its own too.)
    const ownSentence = (p: Clause) => ['je', 'j', 'nous', 'on', 'i', 'we'].includes(tokens[p.start]?.norm ?? '') && ownWordsOf(tokens, p, inside) >= 1;
    // ("… à part le vendredi (galette à la maison 👑)": no child and no day of its own, a remark too.)
    // ("Adam est absent aujourd'hui (gastro)": an illness said in them stays.)
    // ("… demain (cantine et garderie du soir)": services alone in them say which, and stay.)
    const bare = (p: Clause) => p.children.length === 0 && p.dates.length === 0 && !p.cues.some((c) => c.kind === 'illness') && (p.services.length === 0 || p.cues.some((c) => c.kind === 'absence'));
    for (const p of asides) if ((ownWordsOf(tokens, p, inside) >= 2 || ownSentence(p) || bare(p)) && !p.cues.some((c) => c.kind === 'cancelStrong' || c.kind === 'bookStrong')) clear(p);
  }
  for (let k = 0; k < pieces.length; k++) {
    const p = pieces[k]!;
    if (!p.cues.some((c) => c.kind === 'unchanged')) continue;
    // ("Tom mange à la cantine jeudi comme d'habitude": "as usual" beside a day of its own is how it is asked, still a request.)
    // ("Inès, elle, reste à la cantine lundi et mardi comme prévu": as planned is as booked, no request.)
    const usual = p.cues.every((c) => c.kind !== 'unchanged' || (['comme', 'as'].includes(tokens[c.start]!.norm) && !['prevu', 'planned'].includes(tokens[c.end - 1]!.norm)));
    // ("Ambre rentre manger à la maison toute la semaine comme d'hab": an absence as usual is no request either.)
    if (usual && p.dates.some((d) => d.kind !== 'every' && d.kind !== 'except') && !p.cues.some((c) => c.kind === 'absence' || c.kind === 'negation')) continue;
    // "Tom est chez sa grand-mère cette semaine, rien à changer pour lui": the absence told just before changes nothing either.
    const before = pieces[k - 1];
    // (Not when the piece names a child of its own the absence is not said of: "she'll stay at home today, but Hugo is coming as usual".)
    const ownNames = namesIn(p);
    ownNames.delete(undefined);
    const beforeNames = before ? namesIn(before) : new Set<string | undefined>();
    const told = before && !(ownNames.size > 0 && ![...ownNames].every((n) => beforeNames.has(n))) && before.sentence === p.sentence && before.cues.some((c) => c.kind === 'absence' || c.kind === 'illness' || c.kind === 'negation') && !before.cues.some((c) => c.kind === 'cancelStrong' || c.kind === 'bookStrong' || c.kind === 'request');
    if (told) clear(before);
    // "Jules, lui, continue comme prévu", "Par contre il mange bien à la cantine le midi, ne changez rien":
    // what the sentence said before it, up to one statement, is what stays; a request of its own stops it
    // ("annulez la cantine de Léa, rien ne change pour Tom"), and so does another child than the one it names.
    const own = namesIn(p);
    own.delete(undefined);
    for (let j = k - 1; j >= 0 && !told; j--) {
      const q = pieces[j]!;
      if (q.sentence !== p.sentence || q.cues.some((c) => c.kind === 'cancelStrong' || c.kind === 'bookStrong' || c.kind === 'request')) break;
      const theirs = namesIn(q);
      theirs.delete(undefined);
      if (own.size > 0 && ([...theirs].some((n) => !own.has(n)) || theirs.size === 0)) break;
      const stated = q.predicate;
      const children = q.children;
      clear(q);
      q.children = children;
      q.silent = true;
      // (The child it is said of ends it: "Noah, par contre, va à l'école normalement" leaves the sentence before as it is.)
      if (stated || theirs.size > 0) break;
    }
    clear(p);
  }
  // "Romane, elle, déjeune déjà à la cantine tous les jours", "il est déjà inscrit": what is so already asks nothing,
  // unless its sentence asks something of it ("Tom est déjà inscrit jeudi, pouvez-vous l'annuler ?"). Its names stay for pronouns.
  for (const p of pieces) {
    if (!p.cues.some((c) => c.kind === 'already') || p.question) continue;
    if (pieces.some((q) => q.sentence === p.sentence && q.cues.some((c) => c.kind === 'cancelStrong' || c.kind === 'bookStrong' || c.kind === 'request'))) continue;
    const children = p.children;
    clear(p);
    p.children = children;
    p.silent = true;
  }
  // "je voudrais inscrire Sacha à la cantine (il ne mange pas à la cantine d'habitude)", "she usually doesn't stay": a habit
  // told with no day of its own, beside a request, asks nothing. Its names stay for pronouns.
  const strong = (q: Clause) => q.cues.some((c) => c.kind === 'cancelStrong' || c.kind === 'bookStrong' || c.kind === 'request');
  if (pieces.some(strong)) {
    for (const p of pieces) {
      if (strong(p) || p.question || p.dates.length > 0 || !saysHabit(tokens, p.start, p.end)) continue;
      const children = p.children;
      clear(p);
      p.children = children;
      p.silent = true;
    }
  }
  // "Eliott mangera à la cantine jeudi. Le vendredi il mange chez sa nounou comme toutes les semaines, il n'y est
  // jamais inscrit": the week as it always goes, told beside a request, asks nothing (its days included).
  if (pieces.length > 1) {
    const habitual = pieces.map((p) => saysWeeklyHabit(tokens, p.start, p.end));
    for (const [k, p] of pieces.entries()) {
      if (strong(p) || p.question || !habitual[k]) continue;
      if (!pieces.some((q, j) => q.sentence !== p.sentence && (q.services.length > 0 || q.dates.length > 0) && !habitual[j])) continue;
      for (const q of pieces) {
        if (q.sentence !== p.sentence || strong(q) || q.question) continue;
        const children = q.children;
        clear(q);
        q.children = children;
        q.silent = true;
      }
    }
  }
  // "Léa m'a dit que la maîtresse part en sortie vendredi, Léa sera ravie": what a reporting cue ("… dit que",
  // "me demande si") opens runs to the end of its sentence, up to an order.
  for (let k = 0; k < pieces.length; k++) {
    const p = pieces[k]!;
    const report = p.cues.find((c) => c.kind === 'undecided' && REPORT_ENDS.has(tokens[c.end - 1]?.norm ?? ''));
    // ("Elle va mieux et revient demain": the return of a child who is better, in the same sentence, is news too.)
    const better = p.cues.find((c) => c.kind === 'undecided' && tokens[c.end - 1]?.norm === 'mieux');
    if (!report && !better) continue;
    for (let j = k + 1; j < pieces.length; j++) {
      const q = pieces[j]!;
      if (q.sentence !== p.sentence || q.cues.some((c) => c.kind === 'cancelStrong' || c.kind === 'bookStrong' || c.kind === 'request')) break;
      if (!report && !tokens.slice(q.start, q.end).some((t) => BACK_VERBS.has(t.norm))) break;
      clear(q);
    }
  }
  for (const p of pieces) {
    if (!p.cues.some((c) => c.kind === 'undecided')) continue;
    // ("Alba a adoré la cantine, vous pouvez l'inscrire jeudi": a child that liked something stays for the pronouns after it.)
    if (p.cues.some((c) => c.kind === 'undecided' && tokens.slice(c.start, c.end).some((t) => LIKED.has(t.norm)))) {
      const children = p.children;
      clear(p);
      p.children = children;
      p.silent = true;
      continue;
    }
    p.children = [];
    p.services = [];
    p.dates = [];
    p.cues = [];
    p.predicate = false;
  }
  for (const p of pieces) p.affirms = affirmsFor(tokens, p) || contrastsDays(tokens, pieces, p);
  markNarratives(tokens, pieces, inside);
  return pieces;
}

/** What a child liked, told in the past ("a plu", "a adoré", "loved"). */
const LIKED = new Set(['plu', 'adore', 'aime', 'apprecie', 'deteste', 'loved', 'enjoyed', 'liked', 'hated']);

/** The children a clause names (not pointed at). */
function namesIn(c: Clause): Set<string | undefined> {
  return new Set(c.children.filter((t) => t.kind === 'name').map((t) => t.name));
}

function sameChildren(a: Clause, b: Clause): boolean {
  const x = namesIn(a);
  const y = namesIn(b);
  return x.size === y.size && [...x].every((n) => y.has(n));
}

/**
 * `remark` names children `request` does not, with no service, day, question or order, and at least
 * two words of its own (not names, small words or words tying it to the request); `request` names
 * its children and a service or a day.
 */
function remarkAbout(tokens: readonly Token[], remark: Clause, request: Clause): boolean {
  if (remark.services.length > 0 || remark.dates.length > 0 || remark.question || remark.predicate) return false;
  if (request.services.length === 0 && request.dates.length === 0) return false;
  const theirs = namesIn(remark);
  const mine = namesIn(request);
  if (theirs.size === 0 || mine.size === 0 || [...theirs].some((n) => mine.has(n))) return false;
  if (remark.cues.some((c) => KEEPS_TO_REQUEST.has(c.kind) || c.kind === 'bookStrong' || c.kind === 'cancelStrong' || c.kind === 'negation')) return false;
  const named = new Uint8Array(remark.end - remark.start);
  for (const c of remark.children) named.fill(1, Math.max(0, c.start - remark.start), Math.max(0, c.end - remark.start));
  let own = 0;
  for (let i = remark.start; i < remark.end; i++) {
    const t = tokens[i]!;
    if (t.kind === 'word' && !named[i - remark.start] && !TIE_WORDS.has(t.norm) && !FUNCTION_WORDS.has(t.norm)) own++;
  }
  return own >= 2;
}

/** Words that tie a piece naming a child to the request before it ("Tom aussi", "et Léa", "Léa non plus"). */
const TIE_WORDS = new Set(['aussi', 'too', 'also', 'egalement', 'pareil', 'idem', 'meme', 'chose', 'neither', 'either', 'oui', 'yes', 'et', 'and', 'as', 'well', 'pour', 'for', 'de', 'with', 'avec', 'la', 'le', 'les', 'the']);

/** The pieces of the sentence that `pieces[index]` opens, seen as one ("Rose par contre continue."). */
function sentenceOf(pieces: readonly Clause[], index: number): Clause {
  const first = pieces[index]!;
  const all: Clause = { ...first, children: [...first.children], services: [...first.services], dates: [...first.dates], cues: [...first.cues] };
  for (let k = index + 1; k < pieces.length && pieces[k]!.sentence === first.sentence; k++) absorb(all, pieces[k]!);
  return all;
}

/** `p` names children that `cur` does not, beside children `cur` names, with words of its own and no service or day. */
function tellsOfOtherChildren(tokens: readonly Token[], cur: Clause, p: Clause): boolean {
  if (p.services.length > 0 || p.dates.length > 0 || p.question) return false;
  const mine = namesIn(cur);
  const theirs = namesIn(p);
  // The request before names its children, or points at one ("so she won't be at lunch on Friday").
  const pointed = cur.children.some((t) => t.kind === 'ref');
  if ((mine.size === 0 && !pointed) || theirs.size === 0 || [...theirs].some((n) => mine.has(n))) return false;
  if (cur.services.length === 0 && cur.dates.length === 0) return false;
  if (p.cues.some((c) => KEEPS_TO_REQUEST.has(c.kind) || c.kind === 'bookStrong' || c.kind === 'cancelStrong')) return false;
  const named = new Uint8Array(p.end - p.start);
  for (const c of p.children) named.fill(1, Math.max(0, c.start - p.start), Math.max(0, c.end - p.start));
  for (let i = p.start; i < p.end; i++) {
    const t = tokens[i]!;
    if (t.kind === 'word' && !named[i - p.start] && !TIE_WORDS.has(t.norm)) return true;
  }
  return false;
}

/** Words of a piece that are no entity, cue or small word. */
const HABIT_WORDS = new Set(['habituellement', 'usually', 'normally', 'normalement', 'generalement', 'generally']);
/** "d'habitude", "habituellement", "usually", "d'ordinaire", "en temps normal" between two positions. */
function saysHabit(tokens: readonly Token[], from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const n = tokens[i]!.norm;
    if (HABIT_WORDS.has(n)) return true;
    if ((n === 'habitude' || n === 'ordinaire') && tokens[i - 1]?.norm === 'de' && tokens[i - 2]?.norm !== 'comme') return true;
    if (n === 'normal' && tokens[i - 1]?.norm === 'temps' && tokens[i - 2]?.norm === 'en') return true;
  }
  return false;
}

/** "comme toutes les semaines", "comme chaque semaine", "il n'y est jamais inscrit", "as every week": how every week goes. */
function saysWeeklyHabit(tokens: readonly Token[], from: number, to: number): boolean {
  const w = (i: number) => tokens[i]?.norm ?? '';
  for (let i = from; i < to; i++) {
    if (w(i) === 'comme' && ((w(i + 1) === 'toutes' && w(i + 2) === 'les' && w(i + 3) === 'semaines') || (w(i + 1) === 'chaque' && w(i + 2) === 'semaine'))) return true;
    if (w(i) === 'jamais' && ['inscrit', 'inscrite', 'inscrits', 'inscrites'].includes(w(i + 1))) return true;
    // "Olive ne mange jamais à la cantine le vendredi": never on that weekday, every week.
    if ((w(i) === 'jamais' || w(i) === 'never') && w(i - 1) !== 'si') {
      for (let k = i + 1; k < to - 1; k++) if (['le', 'les', 'on'].includes(w(k)) && WEEKDAYS.has(w(k + 1))) return true;
    }
    if ((w(i) === 'as' || w(i) === 'like') && w(i + 1) === 'every' && w(i + 2) === 'week') return true;
  }
  return false;
}

function ownWordsOf(tokens: readonly Token[], p: Clause, inside: Uint8Array): number {
  let n = 0;
  for (let i = p.start; i < p.end; i++) if (tokens[i]!.kind === 'word' && !inside[i] && !FUNCTION_WORDS.has(tokens[i]!.norm)) n++;
  return n;
}

const CONTRAST_BEFORE = new Set(['mais', 'but']);

/** "par contre", "en revanche", "however" right before `at` (or from `at` on). */
function contrastAt(tokens: readonly Token[], at: number): boolean {
  const w = (i: number) => tokens[i]?.norm ?? '';
  return (w(at) === 'par' && w(at + 1) === 'contre') || (w(at) === 'en' && w(at + 1) === 'revanche') || w(at) === 'however' || (w(at - 2) === 'par' && w(at - 1) === 'contre') || (w(at - 2) === 'en' && w(at - 1) === 'revanche') || w(at - 1) === 'however';
}

/**
 * "Ambre ne mangera pas jeudi mais vendredi", "Emma pas de cantine demain. Lucas et Sacha garderie du
 * soir demain par contre": after a negation, what is set against it with "mais" or "par contre" and
 * no verb of its own is the opposite request.
 */
function contrastsDays(tokens: readonly Token[], pieces: readonly Clause[], p: Clause): boolean {
  if (p.predicate || p.cues.some((c) => c.kind === 'negation')) return false;
  const k = pieces.indexOf(p);
  const before = pieces[k - 1];
  if (!before || !before.cues.some((c) => c.kind === 'negation' || c.kind === 'illness' || c.kind === 'absence' || c.kind === 'cancelStrong')) return false;
  const kinds = kindsOf(p);
  // A day alone after "mais" ("… jeudi mais vendredi").
  if (kinds.size === 1 && kinds.has('date') && CONTRAST_BEFORE.has(tokens[p.start - 1]?.norm ?? '') && before.sentence === p.sentence) return true;
  // Children with a service and a day, said against the absence ("… par contre").
  return kinds.has('child') && kinds.has('service') && (contrastAt(tokens, p.end) || contrastAt(tokens, p.start));
}

export const SUBJECT_PRONOUNS: ReadonlySet<string> = new Set(['il', 'elle', 'ils', 'elles', 'he', 'she', 'they', 'on']);

/**
 * "ne mangera pas à la cantine jeudi et vendredi elle est chez son papa", "cancel her lunch
 * tomorrow and monday she's off sick": written without a stop, the day after "et" ends the list
 * of days before it; the sentence that follows starts at its pronoun.
 */
function keepDayListsWhole(tokens: readonly Token[], entities: Entities, pieces: Clause[]): void {
  if (pieces.length < 2) return;
  const dateAt = new Map<number, number>();
  // How many days start before each position, to tell in one step whether a piece holds one.
  const startsBefore = new Int32Array(tokens.length + 1);
  for (const d of entities.dates) {
    if (d.kind === 'except' || d.kind === 'anaphor') continue;
    dateAt.set(d.start, d.end);
    startsBefore[d.start + 1]! += 1;
  }
  for (let i = 1; i <= tokens.length; i++) startsBefore[i]! += startsBefore[i - 1]!;
  for (let k = 1; k < pieces.length; k++) {
    const a = pieces[k - 1]!;
    const b = pieces[k]!;
    if (a.sentence !== b.sentence) continue;
    const end = dateAt.get(b.start);
    if (end === undefined || end >= b.end || !SUBJECT_PRONOUNS.has(tokens[end]!.norm)) continue;
    if (startsBefore[a.end]! - startsBefore[a.start]! === 0) continue;
    // ("… jeudi, et vendredi ils iront tous les deux à la garderie du soir": the day opens a request naming its own service.)
    if (entities.services.some((x) => x.start >= end && x.start < b.end)) continue;
    a.end = end;
    b.start = end;
    b.opensSentence = false;
  }
}

/** Small words that say nothing of their own in a sentence. */
const FUNCTION_WORDS = new Set(
  `le la les l de du des d un une et a au aux en pour par sur avec dans ce cet cette ces c son sa ses leur leurs mon ma mes ton ta tes
  notre nos votre vos il elle ils elles je j nous vous on qui que qu y ne n se s me m te t lui the an of to on in at for with his her
  their he she they we i you it this that and but so or is are be my our your its very tres plus bien aussi`.split(/\s+/),
);
/** Cues that tie a sentence to the request beside it ("ah non, c'est Léa", "Tom aussi"). */
const KEEPS_TO_REQUEST: ReadonlySet<string> = new Set(['correction', 'same', 'retraction', 'request']);
/** Verbs of state: a sentence holding only these asks nothing. */
const STATE_WORDS = new Set(['has', 'have', 'had', 'is', 'are', 'was', 'were', 'been', 'est', 'sont', 'etait', 'etaient', 'a', 'ont', 'avait']);

/**
 * Marks the pieces of the sentences that tell rather than ask: no piece of the sentence has a
 * cue that asks (a verb of state aside), none is a question, and at least two words of its own
 * are neither names, days, services, cues nor small words.
 */
function markNarratives(tokens: readonly Token[], pieces: readonly Clause[], inside: Uint8Array): void {
  let k = 0;
  while (k < pieces.length) {
    let e = k + 1;
    while (e < pieces.length && pieces[e]!.sentence === pieces[k]!.sentence) e++;
    let asks = false;
    let own = 0;
    let lastValue = -1;
    for (let q = k; q < e; q++) for (const x of [...pieces[q]!.children, ...pieces[q]!.services, ...pieces[q]!.dates]) lastValue = Math.max(lastValue, x.start);
    // "ah non, c'est Léa" corrects; "…, pardon." at the end of a sentence only apologises.
    const ties = (c: CueTag): boolean => KEEPS_TO_REQUEST.has(c.kind) && (c.kind !== 'correction' || lastValue >= c.end);
    for (let q = k; q < e && !asks; q++) {
      const p = pieces[q]!;
      if (p.question || p.affirms || p.cues.some((c) => (isPredicate(c.kind) && !(c.kind === 'book' && STATE_WORDS.has(tokens[c.start]!.norm))) || ties(c))) asks = true;
      let mine = 0;
      for (let i = p.start; i < p.end && mine < 2; i++) {
        const t = tokens[i]!;
        if (t.kind === 'word' && !inside[i] && t.norm.length >= 3 && !FUNCTION_WORDS.has(t.norm)) mine++;
      }
      p.ownWords = mine;
      own = Math.min(2, own + mine);
    }
    // "Je vous écris au sujet de la cantine.": the subject of the message, a sentence of its own.
    const topic = pieces.slice(k, e).some((p) => p.cues.some((c) => c.kind === 'topic'));
    if (!asks && (own >= 2 || topic)) for (let q = k; q < e; q++) pieces[q]!.narrative = true;
    k = e;
  }
}

/** For each piece, whether a later piece of the same sentence has a predicate (one pass from the end). */
function predicatesLaterInSentence(pieces: readonly Clause[]): Uint8Array {
  const later = new Uint8Array(pieces.length);
  let seen = false;
  for (let k = pieces.length - 1; k >= 0; k--) {
    later[k] = seen ? 1 : 0;
    const p = pieces[k]!;
    seen = p.opensSentence ? false : seen || p.predicate;
  }
  return later;
}

function childNames(c: Entities): Set<string> {
  return new Set(c.children.filter((t) => t.kind === 'name' && !t.excluded).map((t) => t.name!));
}

/**
 * A piece that pairs other children with their own days, in the same sentence as a clause that
 * pairs children with days but says neither service nor verb yet ("Léa lundi et Tom mardi à la
 * cantine", "Léa le 14, Tom le 15, garderie du soir"): two requests sharing what follows.
 */
function pairsChildWithDays(cur: Clause, p: Clause): boolean {
  if (cur.sentence !== p.sentence || cur.predicate || cur.inheritIntent || cur.services.length > 0) return false;
  const ck = kindsOf(cur);
  const pk = kindsOf(p);
  if (!ck.has('child') || !ck.has('date') || !pk.has('child') || !pk.has('date')) return false;
  if (cur.children.some((c) => c.kind !== 'name') || p.children.some((c) => c.kind !== 'name')) return false;
  const a = childNames(cur);
  for (const n of childNames(p)) if (a.has(n)) return false;
  return a.size > 0;
}

/**
 * A clause that pairs children with days and nothing else takes the services and the verb of the
 * pairs that follow it in its sentence ("Léa lundi, Tom mardi, à la cantine").
 */
function shareTails(clauses: Clause[]): void {
  for (let k = clauses.length - 2; k >= 0; k--) {
    const c = clauses[k]!;
    const next = clauses[k + 1]!;
    if (c.sentence !== next.sentence || c.predicate || c.inheritIntent || c.services.length > 0) continue;
    const ck = kindsOf(c);
    const nk = kindsOf(next);
    if (ck.size !== 2 || !ck.has('child') || !ck.has('date') || !nk.has('child') || !nk.has('date')) continue;
    if (next.services.length === 0 && !next.predicate) continue;
    c.services.push(...next.services);
    if (next.predicate) {
      c.cues.push(...next.cues.filter((q) => isPredicate(q.kind)));
      c.predicate = true;
    }
  }
}

/**
 * Glues pieces into clauses: a piece without a predicate joins the clause
 * before it (or the next one when it comes first: "Jeudi, Gaël …"), except
 * when it repeats that clause's frame, which starts a new clause taking
 * the previous intent; a piece with a predicate starts a new clause.
 * Pieces with nothing in them (greetings, "svp") lend their cues to the
 * clause they sit in.
 */
/** The last word of a cue that reports what someone says or asks ("… dit que", "me demande si"). */
const BACK_VERBS = new Set(['revient', 'reviendra', 'reviennent', 'retourne', 'retournera', 'reprend', 'reprendra', 'rentre', 'back', 'returns']);
const REPORT_ENDS = new Set(['que', 'qu', 'si', 's', 'se', 'if', 'whether', 'that']);

/** Words a self-correction opens on ("… enfin jeudi", "… non, mardi"). */
const CORRECTION_OPENERS = new Set(['enfin', 'non', 'pardon', 'plutot', 'euh', 'heu', 'sorry', 'no']);

/** The clause opens on a child's name ("Louise : centre de loisirs mercredi"). */
function tokensOpenOnName(c: Clause): boolean {
  return c.children.some((t) => t.kind === 'name' && t.start <= c.start + 1);
}

/** The clause's only predicate is a negation ("pas de cantine vendredi"): no order, illness or absence word. */
function negatesOnly(c: Clause): boolean {
  return c.cues.some((q) => q.kind === 'negation') && c.cues.every((q) => !isPredicate(q.kind) || q.kind === 'negation' || q.kind === 'book');
}

export function buildClauses(pieces: Clause[], tokens: readonly Token[]): Clause[] {
  const clauses: Clause[] = [];
  let cur: Clause | null = null;
  let pendingLight: Clause | null = null;
  const signatureFrom = signatureStart(pieces);
  const predicateLater = predicatesLaterInSentence(pieces);
  for (const [index, piece] of pieces.entries()) {
    // The pieces are made for this call alone (splitPieces), each with arrays of its own: glued in place, not copied.
    const p: Clause = piece;
    if (index >= signatureFrom) p.children = [];
    // "Léa sera malade… non je plaisante": what comes before the retraction asks nothing.
    const retraction = p.cues.find((c) => c.kind === 'retraction');
    if (retraction) {
      const before = (x: { start: number }): boolean => x.start < retraction.start;
      const saysBefore = p.children.some(before) || p.services.some(before) || p.dates.some(before) || p.cues.some((c) => before(c) && isPredicate(c.kind));
      if (pendingLight) {
        absorb(p, pendingLight);
        pendingLight = null;
      }
      if (saysBefore) {
        if (cur) clauses.push(cur);
        p.retracted = true;
        clauses.push(p);
        cur = null;
        continue;
      }
      if (cur) {
        cur.retracted = true;
        clauses.push(cur);
        cur = null;
      }
      if (isEmpty(p)) pendingLight = p;
      else cur = p;
      continue;
    }
    // "Jules, lui, continue comme prévu": a clause of its own, lending its names to no request.
    if (p.silent) {
      if (cur) clauses.push(cur);
      cur = null;
      clauses.push(p);
      continue;
    }
    if (isEmpty(p)) {
      // "Tom cantine jeudi. Merci pour tout": thanks in a sentence of their own lend nothing to the request.
      // ("… vendredi 14. J'en profite pour vous remercier pour la fête": anywhere in a sentence of their own.)
      if (cur && (p.opensSentence || cur.children.length + cur.services.length + cur.dates.length > 0) && p.cues.some((c) => c.kind === 'thanksFor' && (c.start <= p.start + 2 || p.opensSentence))) {
        clauses.push(cur);
        cur = p;
        continue;
      }
      if (cur) absorb(cur, p);
      else if (pendingLight) absorb(pendingLight, p);
      else pendingLight = p;
      continue;
    }
    if (pendingLight) {
      absorb(p, pendingLight);
      pendingLight = null;
    }
    if (!cur) {
      cur = p;
      continue;
    }
    // "Ambre : cantine lundi et mardi. Noé, lui, juste la garderie du soir lundi": a sentence opening on a child alone
    // is that child's request, said in the pieces after it; it never adds the child to the sentence before.
    let ahead = index + 1;
    while (ahead < pieces.length && pieces[ahead]!.sentence === p.sentence && !pieces[ahead]!.children.some((c) => c.kind === 'name') && pieces[ahead]!.services.length === 0 && pieces[ahead]!.dates.length === 0) ahead++;
    const said = pieces[ahead];
    if (p.opensSentence && p.children.some((c) => c.kind === 'name') && p.services.length === 0 && p.dates.length === 0 && !p.predicate && !p.question && p.cues.length === 0 && said && said.sentence === p.sentence && !said.children.some((c) => c.kind === 'name') && (said.services.length > 0 || said.dates.length > 0)) {
      clauses.push(cur);
      cur = p;
      continue;
    }
    // "annule cantine théo vendredi... enfin jeudi, je me suis trompée de jour": a piece opening on a self-correction,
    // with no other cue, is more of the request it corrects.
    const opensOnCorrection = p.cues.some((c) => c.kind === 'correction') || CORRECTION_OPENERS.has(tokens[p.start]?.norm ?? '');
    if (cur.predicate && opensOnCorrection && p.cues.every((c) => c.kind === 'correction' || c.kind === 'greeting') && !kindsOf(p).has('child') && (kindsOf(p).has('date') || kindsOf(p).has('service'))) {
      absorb(cur, p);
      continue;
    }
    // A sentence that tells rather than asks is a clause of its own, never glued to a request; so is a question
    // after a sentence that asks none ("Jules ira à la garderie mardi. PS : il a oublié son gilet à la cantine, quelqu'un l'aurait vu ?").
    const questionAfter = p.question && !cur.question && p.sentence !== cur.sentence && cur.predicate && p.services.length > 0 && p.dates.length === 0;
    if (((p.narrative || cur.narrative) && p.sentence !== cur.sentence) || questionAfter) {
      clauses.push(cur);
      cur = p;
      continue;
    }
    if (p.affirms && (cur.predicate || cur.inheritIntent || cur.cues.some((c) => c.kind === 'negation'))) {
      clauses.push(cur);
      p.inheritIntent = true;
      cur = p;
      continue;
    }
    // "Anaïs cantine toute la semaine, Côme pareil sauf le mardi": the same request for another
    // child, less the days excepted for that child only.
    if (p.cues.some((c) => c.kind === 'same') && p.children.length > 0 && p.services.length === 0 && p.dates.length > 0 && p.dates.every((d) => d.kind === 'except') && cur.dates.length > 0) {
      clauses.push(cur);
      p.inheritIntent = true;
      cur = p;
      continue;
    }
    // "lea cantine lundi mardi, tom pareil + garderie matin mardi": what is added after the child said to do the same is for that child.
    const before = pieces[index - 1];
    if (before && p.children.length === 0 && p.services.length > 0 && ['+', 'plus'].includes(tokens[p.start - 1]?.norm ?? '') && before.cues.some((c) => c.kind === 'same') && before.children.some((c) => c.kind === 'name') && before.services.length === 0) {
      p.children.push(...before.children.filter((c) => c.kind === 'name').map((c) => ({ ...c })));
    }
    // "Léa cantine lundi et mardi, Tom pareil mais lui jeudi et vendredi", "Tom pareil mais à la garderie du soir":
    // the same request for another child, with what it says after "mais" in place of the request's.
    const same = p.cues.find((c) => c.kind === 'same');
    const next = pieces[index + 1];
    const butNext = !!next && ['mais', 'but'].includes(tokens[next.start - 1]?.norm ?? '') && (next.services.length > 0 || next.dates.some((d) => d.kind !== 'except'));
    if (same && butNext && p.services.length === 0 && p.dates.length === 0 && p.children.some((c) => c.kind === 'name') && !p.children.some((c) => cur!.children.some((x) => x.name === c.name)) && (cur.services.length > 0 || cur.dates.length > 0)) {
      clauses.push(cur);
      p.inheritIntent = true;
      cur = p;
      continue;
    }
    // "… ainsi que Rose les mêmes jours pour la cantine": another child on the days just said is a
    // request of the same kind, not more children for the clause it follows.
    if (p.children.some((c) => c.kind === 'name') && p.dates.length > 0 && p.dates.every((d) => d.kind === 'anaphor') && cur.dates.some((d) => d.kind !== 'except' && d.kind !== 'anaphor') && !p.predicate) {
      clauses.push(cur);
      p.inheritIntent = true;
      cur = p;
      continue;
    }
    // "Léa lundi et Tom mardi à la cantine": each child with its own days is its own request.
    if (pairsChildWithDays(cur, p)) {
      clauses.push(cur);
      cur = p;
      continue;
    }
    // "Noé cantine jeudi. Chloé n'y sera pas", "Lily won't be at lunch on Friday. Noah is fine.": a
    // new sentence about other children, with no service nor day, says something of them only; it
    // never lends them to the request before, nor takes that request over.
    // "… vendredi svp, Maëlle a son cours de danse elle rentre seule" (after), "Pour info Maëlle passe en
    // CM2 l'an prochain 😊 Sinon Chloé à la cantine mardi" (before): a remark about another child, in
    // words of its own, neither adds that child to the request nor takes it.
    if ((!p.opensSentence && remarkAbout(tokens, p, cur)) || remarkAbout(tokens, cur, p)) {
      clauses.push(cur);
      cur = p;
      continue;
    }
    if (p.opensSentence && tellsOfOtherChildren(tokens, cur, sentenceOf(pieces, index))) {
      clauses.push(cur);
      cur = p;
      continue;
    }
    if (p.predicate) {
      // "Sophie cantine lundi 14, Ella annulée mardi 15": each child with its own day and verb is its own request.
      const ck = kindsOf(cur);
      const pk = kindsOf(p);
      // "jules et rose garderie matin demain svp, inès elle va chez la nounou": a request whole from its slots is not the setting of what is said of another child.
      const ownRequest = ck.has('child') && (ck.has('date') || ck.has('service')) && pk.has('child') && (pk.has('date') || ck.size === 3) && !sameChildren(cur, p) && !p.cues.some((c) => KEEPS_TO_REQUEST.has(c.kind));
      // "She has a packed lunch for the trip. Also can Sophie do after school club?": a sentence before,
      // with words of its own, is not the setting of the next sentence's request.
      const ownSentence = p.sentence !== cur.sentence && (cur.services.length > 0 || cur.cues.some((c) => c.kind !== 'greeting'));
      // "Tom cantine jeudi, pas de garderie": a service and a day said whole, then another service
      // refused, are two requests (the refusal on the same child and days), not one cancellation.
      // So is "Tom cantine jeudi, pas de cantine vendredi": another day refused.
      const refusal = saysServiceAndDay(cur) && !kindsOf(p).has('child') && p.cues.some((c) => c.kind === 'negation') && !p.cues.some((c) => c.kind === 'bookStrong' || c.kind === 'cancelStrong');
      const otherServiceRefused =
        refusal &&
        ((p.services.length > 0 && p.dates.length === 0 && !p.services.some((x) => cur!.services.some((y) => y.code === x.code))) ||
          (p.dates.length > 0 && p.dates.every((d) => d.kind !== 'except' && d.kind !== 'anaphor') && (p.services.length > 0 || p.ownWords === 0)));
      // "raphael cantine jeudi vendredi et annule la garderie du matin vendredi": a booking said whole,
      // then an order naming its own service and day, are two requests.
      const ownOrder = saysServiceAndDay(cur) && saysServiceAndDay(p) && p.cues.some((c) => c.kind === 'cancelStrong' || c.kind === 'bookStrong') && !p.services.some((x) => cur!.services.some((y) => y.code === x.code));
      if (!cur.predicate && !ownRequest && !ownSentence && !otherServiceRefused && !ownOrder && !repeatsFrame(cur, p) && !(asksAboutService(p) && saysServiceAndDay(cur))) {
        absorb(p, cur);
        p.inheritIntent = false;
        cur = p;
      } else {
        clauses.push(cur);
        cur = p;
      }
      continue;
    }
    if (repeatsFrame(p, cur)) {
      clauses.push(cur);
      // "Clara cantine lundi, et Élio seulement jeudi": a request whole from its slots lends its service too.
      p.inheritIntent = cur.predicate || cur.inheritIntent || (kindsOf(cur).size === 3 && kindsOf(p).size < 3 && !p.question && !cur.question && (p.ownWords ?? 0) < 2);
      // "chloé cantine jeudi + hugo annule cantine vendredi + ines centre mercredi 20": a request whole
      // from its slots, in a message that opened on one such booking without a verb, is a booking too.
      if (p.inheritIntent && !p.predicate && kindsOf(p).size === 3 && clauses.some((c) => !c.predicate && !c.inheritIntent && !c.question && kindsOf(c).size === 3)) p.inheritIntent = false;
      // "Nolan : pas de cantine vendredi. Jeanne : cantine vendredi": a negation is of its own clause; another child
      // with a service of its own and no negation is a request from its slots, not one more refusal.
      if (p.inheritIntent && !p.predicate && kindsOf(p).size === 3 && !sameChildren(cur, p) && negatesOnly(cur)) p.inheritIntent = false;
      cur = p;
      continue;
    }
    // "Arthur : cantine lundi et garderie du soir mardi. Louise : centre de loisirs mercredi": a new sentence opening on a
    // child with a service or a day of its own is that child's request; what came before it, naming no child, stays before.
    // ("… Mathys garderie du matin. Et Zoé au centre de loisirs mercredi": so is one after another child's request.)
    const otherChild = cur.children.length === 0 ? clauses.length > 0 : !cur.children.some((c) => p.children.some((d) => d.kind === 'name' && d.name === c.name)) && kindsOf(cur).has('service') && kindsOf(p).has('service');
    if (p.opensSentence && p.sentence !== cur.sentence && otherChild && !p.cues.some((c) => c.kind === 'same') && tokensOpenOnName(p) && kindsOf(p).has('child') && (kindsOf(p).has('service') || kindsOf(p).has('date')) && (kindsOf(cur).has('service') || kindsOf(cur).has('date'))) {
      clauses.push(cur);
      cur = p;
      continue;
    }
    // "Anaïs absente demain. Manon et Gabriel à la garderie du soir demain": other children, a
    // service and a day after an absence are a request of their own, not more of the absence.
    const absence = cur.cues.some((c) => c.kind === 'illness' || c.kind === 'absence');
    if (absence && cur.predicate && cur.services.length === 0 && kindsOf(p).size === 3 && !p.predicate) {
      clauses.push(cur);
      cur = p;
      continue;
    }
    // "Merci pour hier ! Sinon Sacha cantine vendredi": what they thank for is over with its sentence.
    if (p.opensSentence && !cur.predicate && cur.cues.some((c) => c.kind === 'thanksFor')) {
      clauses.push(cur);
      cur = p;
      continue;
    }
    // "Tom sera absent lundi. Léa, elle, mangera à la cantine mardi": a sentence opening on a
    // name or a day before its verb belongs to that verb, not to the sentence before.
    // ("Mathéo reprend la cantine jeudi. Alice, elle, ne mangera pas …": so does one after a request said from its slots, for another child.)
    const slotsRequest = kindsOf(cur).has('child') && (kindsOf(cur).has('service') || kindsOf(cur).has('date')) && p.children.some((c) => c.kind === 'name') && !sameChildren(cur, p);
    if (p.opensSentence && (cur.predicate || slotsRequest) && predicateLater[index] === 1) {
      clauses.push(cur);
      cur = p;
      continue;
    }
    // "She has a packed lunch for the trip. Also can Sophie do after school club that day?": a new
    // sentence naming its own child and service is not more of a remark before it.
    if (p.sentence !== cur.sentence && cur.cues.some((c) => c.kind !== 'greeting') && kindsOf(p).has('child') && kindsOf(p).has('service') && p.cues.some((c) => c.kind === 'request') && !sameChildren(cur, p)) {
      clauses.push(cur);
      cur = p;
      continue;
    }
    absorb(cur, p);
  }
  if (cur) clauses.push(cur);
  else if (pendingLight) clauses.push(pendingLight);
  shareTails(clauses);
  for (const c of clauses) {
    c.children.sort((a, b) => a.start - b.start);
    c.services.sort((a, b) => a.start - b.start);
    c.dates.sort((a, b) => a.start - b.start);
    c.cues.sort((a, b) => a.start - b.start);
    // "… Est-ce que la cantine fonctionne le vendredi 7 mai ?", "Pouvez-vous aussi me confirmer que le centre est bien
    // fermé mercredi 11 ?": a question about the service never takes the request before it.
    if (c.inheritIntent && c.question && c.cues.some((x) => x.kind === 'helpQuestion' || x.kind === 'helpStrong')) c.inheritIntent = false;
  }
  return clauses;
}
