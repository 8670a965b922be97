/**
 * The interpreter: one parent's message in, the actions it asks for out.
 * Pure: `now`, the family's children, the town configuration and the
 * school calendar are passed in; nothing reads a clock, the network or the
 * process time zone.
 */
import { addDays, isoWeekday, zonedParts, type IsoDate } from '../time.js';
import { childVocabulary, exactChildAt, fuzzyChild, indexChildren, KEEP_VERBS, tagChildGroups, type ChildTag } from './children.js';
import { buildClauses, splitPieces, SUBJECT_PRONOUNS, type Clause, type Entities } from './clauses.js';
import { applyCorrections, ONLY_WORDS } from './corrections.js';
import { anyServiceRuns, mondayOf, todayStillOpen, weekdayOnOrAfter, type DateContext } from './calendarDays.js';
import { dateVocabulary, parseDates, type DateItem } from './dateGrammar.js';
import { resolveDates } from './dateResolution.js';
import { osaDistance } from './distance.js';
import { cueVocabulary, FETCH_VERBS, decideIntent, isHenceOu, isPredicate, tagCues, type CueKind, type CueTag } from './intents.js';
import { languageOf } from './language.js';
import { COMMON_WORDS, FUZZY_KEYWORDS, MONTHS, NUMBER_WORDS, TAKE_BACK_WORDS, WEEKDAYS } from './lexicon.js';
import { mergeActions, type Draft } from './merge.js';
import { fold, handedOver, isSentenceEnd, quotedNote, stripQuoted, tokenize, type Token } from './normalize.js';
import { careOfClockTimes, eatsSomething, readServices, serviceVocabulary, tagServices, type ServiceTag } from './services.js';
import type { TownConfig } from '../config.js';
import type { Action, ActionNote, Intent, InterpretContext, Interpretation } from './types.js';

/** The words every grammar but the town's service words knows. */
const BASE_VOCABULARY: readonly string[] = [
  ...COMMON_WORDS,
  ...WEEKDAYS.keys(),
  ...MONTHS.keys(),
  ...NUMBER_WORDS.keys(),
  ...cueVocabulary(),
  ...childVocabulary(),
  ...dateVocabulary(),
];
const vocabularies = new WeakMap<TownConfig['services'], ReadonlySet<string>>();

/** Every word the grammar knows, for a town: such a word is never corrected, nor read as a misspelt name. */
function vocabularyOf(services: TownConfig['services']): ReadonlySet<string> {
  let v = vocabularies.get(services);
  if (!v) vocabularies.set(services, (v = new Set([...BASE_VOCABULARY, ...serviceVocabulary(services)])));
  return v;
}

/** Word beginnings the grammar matches by prefix (verb forms). */
const VOCABULARY_PREFIXES: readonly string[] = ['inscri', 'reserv', 'annul', 'mang', 'dejeun', 'desinscri', 'factur', 'hospitalis', 'recap'];

function isVocabulary(word: string, vocabulary: ReadonlySet<string>): boolean {
  if (vocabulary.has(word)) return true;
  for (const p of VOCABULARY_PREFIXES) if (word.startsWith(p)) return true;
  return false;
}

/**
 * The keyword a misspelt word stands for ("mecredi" → mercredi, "cantinne"
 * → cantine): distance ≤ 1 (≤ 2 for keywords of 8 letters or more), for
 * words of 5 letters or more, and only when a single keyword is closest.
 */
export function fuzzyKeyword(word: string): { word: string; distance: number } | null {
  if (word.length < 5) return null;
  const known = keywordMemo.get(word);
  if (known !== undefined) return known;
  const found = closestKeyword(word);
  if (keywordMemo.size >= 20_000) keywordMemo.clear();
  keywordMemo.set(word, found);
  return found;
}

/** Words already looked up (the keyword list never changes). */
const keywordMemo = new Map<string, { word: string; distance: number } | null>();

function closestKeyword(word: string): { word: string; distance: number } | null {
  let best: string | null = null;
  let bestD = Number.POSITIVE_INFINITY;
  let tie = false;
  for (const kw of FUZZY_KEYWORDS) {
    const budget = kw.length >= 8 ? 2 : 1;
    if (Math.abs(kw.length - word.length) > budget) continue;
    const d = osaDistance(word, kw, budget);
    if (d > budget) continue;
    if (d < bestD) {
      bestD = d;
      best = kw;
      tie = false;
    } else if (d === bestD) tie = true;
  }
  return best !== null && !tie ? { word: best, distance: bestD } : null;
}

/** The index of the first item of `sorted` (ascending by `key`) whose key is ≥ `at`. */
function firstAtOrAfter<T>(sorted: readonly T[], key: (x: T) => number, at: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (key(sorted[mid]!) < at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

interface Previous {
  intent: Exclude<Intent, 'help' | 'unknown'>;
  children: string[] | null;
  services: string[] | null;
  dates: IsoDate[] | null;
}

function rawText(tokens: readonly Token[], start: number, end: number): string {
  let s = '';
  for (let i = Math.max(0, start); i < Math.min(end, tokens.length); i++) s += i > Math.max(0, start) ? ` ${tokens[i]!.raw}` : tokens[i]!.raw;
  return s;
}

function emptyNote(): ActionNote {
  return {
    missingChildren: false,
    missingServices: false,
    missingDates: false,
    noRunningDay: false,
    droppedDates: [],
    leftOut: [],
    ambiguousServices: null,
    openEnded: false,
    fuzzyChildren: [],
    matched: { intent: [], children: [], services: [], dates: [] },
    negation: false,
    corrected: false,
    absence: false,
    unknownNames: [],
  };
}

/**
 * First names that are also ordinary words (French and English): a name only where it reads as
 * one (not after an article, and written with a capital when the message has capitals).
 */
const NAME_WORDS: ReadonlySet<string> = new Set(
  `rose ambre prune olive marin jade perle capucine violette iris lilas pomme reine ange victoire constance prudence clementine
  margaux clement blanche colombe celeste aime desire prosper basile romarin anemone eglantine melisse cerise fleur aurore
  grace will may june april rich bill pat mark lily daisy hope faith joy august summer autumn ruby amber sky river dawn hazel
  ivy holly poppy rowan sage bay jasmine heather robin`.split(/\s+/),
);
const NOUN_DETERMINERS: ReadonlySet<string> = new Set(
  `un une la le les des du au aux cette ce cet ces mes tes ses nos vos leurs leur mon ton son ma ta sa notre votre quelques plusieurs
  an the some my your his her our their these those bonne belle`.split(/\s+/),
);
/** Prepositions before which a name-word is the word unless written with a capital ("d'olives", "en rose", but "la cantine de Rose"). */
const NOUN_PREPOSITIONS: ReadonlySet<string> = new Set(['de', 'en', 'of', 'with', 'avec', 'sans']);

/**
 * A first name that is also a word reads as the word ("du clafoutis aux prunes", "les olives",
 * "une prune", "de la rose"): in the plural, after an article, a possessive or a contraction
 * ("aux", "du"), or lower case after "de"/"en" in a message that has capitals. `name` is the
 * folded name the token may stand for.
 */
function nameWordReadsAsWord(tokens: readonly Token[], i: number, name: string, hasCapitals: boolean): boolean {
  if (!NAME_WORDS.has(name)) return false;
  const t = tokens[i]!;
  if (t.norm !== name && (t.norm === `${name}s` || t.norm === `${name}x` || t.norm === `${name}es`)) return true;
  const before = tokens[i - 1]?.norm ?? '';
  if (NOUN_DETERMINERS.has(before)) return true;
  return NOUN_PREPOSITIONS.has(before) && hasCapitals && !t.capitalized;
}

/**
 * A first name that is also an ordinary word ("Will", "May", "Grace will …") is a name only
 * written with a capital (when the message has capitals at all), and a month name beside a
 * day number ("May 20th", "20 May") is a date.
 */
function plausibleName(tokens: readonly Token[], start: number, end: number, hasCapitals: boolean, vocabulary: ReadonlySet<string>): boolean {
  if (end - start !== 1) return true;
  const t = tokens[start]!;
  if (MONTHS.has(t.norm) && (tokens[start + 1]?.kind === 'num' || tokens[start - 1]?.kind === 'num')) return false;
  // "il a mangé une prune", "a rose", "aux prunes": a first name that is also a word, where it reads as the word, is the word.
  if (nameWordReadsAsWord(tokens, start, t.norm, hasCapitals)) return false;
  if (!isVocabulary(t.norm, vocabulary)) return true;
  return t.capitalized || !hasCapitals;
}

const LIST_LINKS: ReadonlySet<string> = new Set(['et', 'and', ',']);

/** Nouns a person's name is given to: "l'école Jules Ferry", "le collège Victor Hugo", "rue Jean Moulin". */
const PLACE_NOUNS = new Set(['ecole', 'college', 'lycee', 'rue', 'avenue', 'boulevard', 'place', 'impasse', 'allee', 'gymnase', 'stade', 'piscine', 'mediatheque', 'bibliotheque', 'centre', 'maternelle', 'elementaire', 'school', 'street', 'road']);

/**
 * "en CE2 à l'école Victor Hugo", "école Jules Ferry": a first name right after a place noun, or
 * after a place noun and another capitalised name, is the place's name, no child of the family.
 */
function namesAPlace(tokens: readonly Token[], i: number): boolean {
  const before = tokens[i - 1];
  if (!before || !tokens[i]!.capitalized) return false;
  // ("la dernière semaine d'école Kenza mange …": a time said, the name after it is the child.)
  const place = (k: number): boolean => PLACE_NOUNS.has(tokens[k]?.norm ?? '') && tokens[k]!.norm !== 'centre' && !['de', 'd', 'of'].includes(tokens[k - 1]?.norm ?? '');
  if (place(i - 1)) return true;
  return before.kind === 'word' && before.capitalized && place(i - 2);
}

/** Finds the children a message names: exact names first, then typo-tolerant names and keyword corrections, then group words. */
function findChildren(tokens: Token[], children: readonly string[], vocabulary: ReadonlySet<string>): { tags: ChildTag[]; fuzzy: { written: string; child: string; at: number }[]; taken: Uint8Array } {
  const index = indexChildren(children);
  const taken = new Uint8Array(tokens.length);
  const hasCapitals = tokens.some((t) => t.kind === 'word' && t.capitalized);
  const names: ChildTag[] = [];
  const fuzzy: { written: string; child: string; at: number }[] = [];
  const notAName = new Uint8Array(tokens.length);
  // "Jules mettra son pull rose", "Jade … son bracelet de jade": where the parent writes the
  // children's names with a capital, a name that is also a word, in lower case, is the word.
  // Asked only for a lower-case name-word, and then once.
  let capitalNames: boolean | undefined;
  const namesWithCapitals = (): boolean =>
    (capitalNames ??= tokens.some((t, i) => t.kind === 'word' && t.capitalized && t.raw !== t.raw.toUpperCase() && exactChildAt(tokens, i, index) !== null));
  const listedWithName = (i: number): boolean =>
    (LIST_LINKS.has(tokens[i - 1]?.norm ?? '') && exactChildAt(tokens, i - 2, index) !== null) || (LIST_LINKS.has(tokens[i + 1]?.norm ?? '') && exactChildAt(tokens, i + 2, index) !== null);
  for (let i = 0; i < tokens.length; i++) {
    const m = exactChildAt(tokens, i, index);
    if (!m) continue;
    const t = tokens[i]!;
    const lowerNameWord = m.end - i === 1 && !t.capitalized && NAME_WORDS.has(t.norm);
    // ("the flu that's going round Chloe's class": the child's class, teacher or friend is not the child.)
    // (Only beside another child named before it: "Grace's class is going on a trip … book her" is about Grace.)
    const ofTheirs = tokens[m.end - 1]!.possessive === true && OTHERS_OF_CHILD.has(tokens[m.end]?.norm ?? '') && names.some((n) => n.name !== m.name);
    if (ofTheirs || !plausibleName(tokens, i, m.end, hasCapitals, vocabulary) || (lowerNameWord && namesWithCapitals() && !listedWithName(i)) || namesAPlace(tokens, i)) {
      notAName[i] = 1;
      continue;
    }
    names.push({ kind: 'name', start: i, end: m.end, name: m.name });
    for (let k = i; k < m.end; k++) taken[k] = 1;
    i = m.end - 1;
  }
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (taken[i] || notAName[i] || t.kind !== 'word' || t.norm.length < 3 || isVocabulary(t.norm, vocabulary)) continue;
    const found = fuzzyChild(t.norm, index);
    // "les olives", "aux prunes": the plural of a name that is also a word is the word.
    const c = found && nameWordReadsAsWord(tokens, i, fold(found.name), hasCapitals) ? null : found;
    const k = fuzzyKeyword(t.norm);
    if (c && (!k || c.distance <= k.distance)) {
      names.push({ kind: 'name', start: i, end: i + 1, name: c.name, fuzzy: true });
      fuzzy.push({ written: t.raw, child: c.name, at: i });
      taken[i] = 1;
      continue;
    }
    if (k) {
      t.corrected = t.norm;
      t.norm = k.word;
      continue;
    }
    // A compound name in two misspelt pieces ("lou ane").
    const next = tokens[i + 1];
    if (next && next.kind === 'word' && !taken[i + 1] && !isVocabulary(next.norm, vocabulary)) {
      const glued = fuzzyChild(t.norm + next.norm, index);
      if (glued && index.entries.find((e) => e.name === glued.name)!.parts.length > 1) {
        names.push({ kind: 'name', start: i, end: i + 2, name: glued.name, fuzzy: true });
        fuzzy.push({ written: `${t.raw} ${next.raw}`, child: glued.name, at: i });
        taken[i] = 1;
        taken[i + 1] = 1;
        i++;
      }
    }
  }
  tagSiblings(tokens, names, children, taken);
  names.sort((a, b) => a.start - b.start);
  return { tags: tagChildGroups(tokens, names, (i) => taken[i] === 1), fuzzy, taken };
}

/** What belongs to a child without being the child ("Chloe's class", "Leo's teacher", "Mia's friend"). */
const OTHERS_OF_CHILD: ReadonlySet<string> = new Set(['class', 'classroom', 'teacher', 'teachers', 'friend', 'friends', 'classmate', 'classmates', 'birthday', 'party']);

/** Words after which a name is the subject of a request ("Sam mangera", "Sam ne viendra pas", "Sam is sick"). */
const SUBJECT_FOLLOWERS: ReadonlySet<string> = new Set(
  `ne mangera mangeront mange mangent ira iront va vont sera seront est sont restera resteront viendra viendront prendra prendront
  a aura part partira doit devra will is was has needs need won does did should can could would`.split(/\s+/),
);
/** Order verbs whose object is a child ("inscris Sam", "cancel Sam's lunch"). */
const ORDER_VERBS: ReadonlySet<string> = new Set(
  `inscris inscrire inscrivez inscrivez inscrit annule annuler annulez desinscris desinscrire desinscrivez reserve reserver reservez
  enleve enlever enlevez retire retirer retirez mets mettre mettez ajoute ajouter ajoutez book cancel register enrol enroll sign put add remove`.split(/\s+/),
);
const OBJECT_LINKS: ReadonlySet<string> = new Set(['pour', 'for', 'de']);

/**
 * First names the message gives that are none of the family's children (nor a typo of one):
 * a word that is no vocabulary, written like a name, in the place of a child — the subject of a
 * request ("Sam mangera…", "Sam is sick"), the object of an order ("inscris Sam"), after "pour"
 * or "de" beside a service or an order ("la cantine de Sam"), or listed with a child ("Léa et
 * Sam"). A word right after a child's name is a surname ("Léa Martin").
 */
function findUnknownNames(tokens: readonly Token[], taken: Uint8Array, vocabulary: ReadonlySet<string>, isServiceAt: (i: number) => boolean): ChildTag[] {
  const out: ChildTag[] = [];
  const hasLower = tokens.some((t) => t.kind === 'word' && t.raw !== t.raw.toUpperCase());
  const hasCapitals = tokens.some((t) => t.kind === 'word' && t.capitalized);
  const mixedCase = hasLower && hasCapitals;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (taken[i] || t.kind !== 'word' || t.norm.length < 2 || !/^\p{L}+$/u.test(t.norm) || isVocabulary(t.norm, vocabulary)) continue;
    if (nameWordReadsAsWord(tokens, i, t.norm, hasCapitals) || nameWordReadsAsWord(tokens, i, t.norm.replace(/(s|x)$/, ''), hasCapitals)) continue;
    if (mixedCase && !t.capitalized) continue;
    if (i > 0 && taken[i - 1] && tokens[i - 1]!.kind === 'word') continue; // "Léa Martin"
    const next = tokens[i + 1];
    const prev = tokens[i - 1];
    const prev2 = tokens[i - 2];
    // "Sam a de la fièvre", not "Dupont à l'appareil" (nor, without accents, "elle revient a la cantine").
    const subject = !!next && next.kind === 'word' && SUBJECT_FOLLOWERS.has(next.norm) && next.raw.toLowerCase() !== 'à' && (mixedCase || next.norm !== 'a');
    // Without capitals to tell, "pour X" names a child only at the end of a phrase ("pas de cantine pour sam").
    const after = tokens[i + 1];
    const endsPhrase = !after || after.kind !== 'word' || isVocabulary(after.norm, vocabulary);
    const object =
      !!prev &&
      (ORDER_VERBS.has(prev.norm) ||
        ((prev.norm === 'pour' || prev.norm === 'for') && (mixedCase || endsPhrase)) ||
        (OBJECT_LINKS.has(prev.norm) && !!prev2 && (isServiceAt(i - 2) || ORDER_VERBS.has(prev2.norm) || SERVICE_ENDS.has(prev2.norm))) ||
        ((prev.norm === 'et' || prev.norm === 'and' || prev.norm === ',') && i >= 2 && taken[i - 2] === 1));
    // "Léon cantine demain": a word written like a name that opens a request and is followed by a service names the child of it.
    const opens = !prev || prev.kind === 'punct' || prev.norm === 'et' || prev.norm === 'and';
    const heads = opens && (t.capitalized || !hasCapitals) && t.norm.length >= 3 && !!next && isServiceAt(i + 1);
    if (!subject && !object && !heads) continue;
    out.push({ kind: 'unknown', start: i, end: i + 1, name: t.raw });
  }
  return out;
}
/** Words that end a service phrase before "de"/"pour" ("le repas de Sam", "la garderie pour Sam"). */
const SERVICE_ENDS: ReadonlySet<string> = new Set(['cantine', 'repas', 'garderie', 'inscription', 'reservation', 'lunch', 'place']);

const SIBLING_WORDS = new Set(['frere', 'soeur', 'brother', 'sister', 'frangin', 'frangine', 'sis', 'bro']);
const POSSESSIVES = new Set(['son', 'sa', 'her', 'his']);
const SIBLING_LEADS = new Set(['son', 'sa', 'her', 'his', 'their', 'leur', 'petit', 'petite', 'grand', 'grande', 'little', 'big', 'younger', 'older', 'le', 'la', 'the']);

/**
 * "Léa et son frère", "Ella and her brother", "Tom's sister": in a family of two
 * children, the sibling of the child named is the other child.
 */
function tagSiblings(tokens: readonly Token[], names: ChildTag[], children: readonly string[], taken: Uint8Array): void {
  if (children.length !== 2 || names.length === 0) return;
  const endingAt = new Map<number, ChildTag>();
  const startingAt = new Map<number, ChildTag>();
  for (const n of names) {
    endingAt.set(n.end, n);
    if (!startingAt.has(n.start)) startingAt.set(n.start, n);
  }
  for (let i = 0; i < tokens.length; i++) {
    if (taken[i] || !SIBLING_WORDS.has(tokens[i]!.norm)) continue;
    let s = i;
    while (s > 0 && !taken[s - 1] && SIBLING_LEADS.has(tokens[s - 1]!.norm)) s--;
    let owner: ChildTag | undefined;
    for (let e = s; e >= s - 2 && e > 0 && !owner; e--) owner = endingAt.get(e);
    for (let b = i + 1; b <= i + 2 && !owner; b++) owner = startingAt.get(b);
    // "Zoé sera à la cantine le 8 juin et sa sœur aussi": a possessive points back at the child named last.
    if (!owner && s < i && POSSESSIVES.has(tokens[s]!.norm)) {
      for (const n of names) if (n.end <= s && n.name && (!owner || n.end > owner.end)) owner = n;
    }
    if (!owner || !owner.name) continue;
    const other = children.find((c) => c !== owner.name);
    if (!other) continue;
    const sibling: ChildTag = { kind: 'name', start: s, end: i + 1, name: other };
    names.push(sibling);
    endingAt.set(sibling.end, sibling);
    for (let k = s; k <= i; k++) taken[k] = 1;
  }
  // "Chloé garderie matin lundi, et l'autre aussi", "… and the other one too": after one child named, the other.
  const first = names.find((n) => n.kind === 'name' && n.name);
  for (let i = 1; i < tokens.length && first; i++) {
    const a = tokens[i - 1]!.norm;
    const b = tokens[i]!.norm;
    if (taken[i] || !(((a === 'l' || a === 'le' || a === 'la') && b === 'autre') || (a === 'the' && b === 'other')) || i < first.end) continue;
    const other = children.find((c) => c !== first.name);
    if (!other || names.some((n) => n.name === other)) continue;
    const end = tokens[i + 1]?.norm === 'one' ? i + 2 : i + 1;
    names.push({ kind: 'name', start: i - 1, end, name: other });
    for (let k = i - 1; k < end; k++) taken[k] = 1;
  }
}

/** Weekday abbreviations that are also ordinary words ("mon", "mer", "sam"): weekdays only in a list of weekdays. */
const AMBIGUOUS_WEEKDAY_ABBREVIATIONS: ReadonlyMap<string, string> = new Map(Object.entries({
  mon: 'monday', sat: 'saturday', sun: 'sunday', mar: 'mardi', mer: 'mercredi', jeu: 'jeudi', ven: 'vendredi', sam: 'samedi', dim: 'dimanche',
}));
const WEEKDAY_LIST_LINKS = new Set([',', 'et', 'and', '&', '/', '-', 'to', 'au', 'a', '+', 'thru', 'through', 'till', 'until']);

/** Reads "Mon, Tue and Thu" or "lun mar jeu" as weekdays when an abbreviation sits in a list next to another weekday. */
/** Words that say which care service a care word means ("garderie du matin", "evening care"). */
const CARE_QUALIFIERS: readonly string[] = ['matin', 'soir', 'morning', 'evening'];
const CARE_WORDS: ReadonlySet<string> = new Set(['garderie', 'garderies', 'accueil', 'accueils', 'periscolaire', 'peri', 'care', 'club']);

/**
 * A care word's qualifier with a one-letter typo ("garderie du matain", "accueil du soire",
 * "evning care") is the qualifier, as the service words themselves tolerate typos: only right
 * after a care word (or its "du"/"de"), or right before one, so that a surname is never read as one.
 */
function correctCareQualifiers(tokens: Token[], taken: Uint8Array, vocabulary: ReadonlySet<string>): void {
  for (let i = 1; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (taken[i] || t.kind !== 'word' || t.norm.length < 4 || isVocabulary(t.norm, vocabulary)) continue;
    // "garderie Martin": a capital inside a sentence is a name.
    if (t.capitalized && t.raw !== t.raw.toUpperCase()) continue;
    const prev = tokens[i - 1]!.norm;
    const afterCare = CARE_WORDS.has(prev) || ((prev === 'du' || prev === 'de') && CARE_WORDS.has(tokens[i - 2]?.norm ?? ''));
    if (!afterCare && !CARE_WORDS.has(tokens[i + 1]?.norm ?? '')) continue;
    const close = CARE_QUALIFIERS.filter((q) => Math.abs(q.length - t.norm.length) <= 1 && osaDistance(t.norm, q, 1) <= 1);
    if (close.length !== 1) continue;
    t.corrected = t.norm;
    t.norm = close[0]!;
  }
}

const FRENCH_DAY_WORDS = new Set(['demain', 'aujourdhui', 'lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'le', 'ce', 'cette', 'du', 'les', 'tous', 'lun', 'mar', 'mer', 'jeu', 'ven', 'ajd', 'midi', 'stp', 'svp', 'pour', 'de', 'apres']);

const FRENCH_WEEKDAY_NAMES = new Set(['lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi']);

/** "Tom cant dm1 stp", "cant jeudy": in French SMS, "cant" before a day is the canteen, not "can't". */
function cantineAbbreviated(tokens: Token[]): Token[] {
  let out: Token[] | null = null;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const next = tokens[i + 2];
    const cantine =
      t.norm === 'can' &&
      tokens[i + 1]?.norm === 'not' &&
      t.raw.toLowerCase() === 'cant' &&
      tokens[i + 1]!.raw.toLowerCase() === 'cant' &&
      !!next &&
      (FRENCH_DAY_WORDS.has(next.norm) || next.kind === 'num' || next.kind === 'numdate' || FRENCH_WEEKDAY_NAMES.has(fuzzyKeyword(next.norm)?.word ?? ''));
    if (cantine) {
      out ??= tokens.slice(0, i);
      t.norm = 'cantine';
      out.push(t);
      i++;
      continue;
    }
    out?.push(t);
  }
  return out ?? tokens;
}

/** The words that name the town's services, less the small and common ones ("de", "le", "ecole"): "cantine ven" is Friday, "à la mer" stays the sea. */
const serviceNouns = new WeakMap<TownConfig['services'], ReadonlySet<string>>();
function serviceNounsOf(services: TownConfig['services']): ReadonlySet<string> {
  let nouns = serviceNouns.get(services);
  if (!nouns) serviceNouns.set(services, (nouns = new Set([...serviceVocabulary(services)].filter((w) => w.length >= 4 && !COMMON_WORDS.has(w)))));
  return nouns;
}

/** Words of a quick message that stand for a service before a day ("soir ven", "gard mar", "cant jeu"). */
const SHORT_SERVICE_WORDS = new Set(['soir', 'matin', 'midi', 'gard', 'garde', 'cant', 'cantine', 'centre']);
/** Words that may follow a day abbreviation in a quick message ("annule cantine mar pr les 2"). */
const AFTER_DAY_WORDS = new Set(['pr', 'pour', 'svp', 'stp', 'merci', 'et', 'aussi', 'matin', 'soir', 'midi', 'prochain', 'pro', 'slt']);

function expandWeekdayAbbreviations(tokens: Token[], taken: Uint8Array, nouns: ReadonlySet<string>): void {
  const neighbourIsWeekday = (i: number, step: number): boolean => {
    let j = i + step;
    while (tokens[j] && WEEKDAY_LIST_LINKS.has(tokens[j]!.norm)) j += step;
    // "lun 16 mar 17": a weekday with its day of the month.
    if (step < 0 && tokens[j]?.kind === 'num') j--;
    const t = tokens[j];
    return !!t && Math.abs(j - i) <= 3 && (WEEKDAYS.has(t.norm) || AMBIGUOUS_WEEKDAY_ABBREVIATIONS.has(t.norm));
  };
  const isServiceWord = (t: Token | undefined): boolean => !!t && (nouns.has(t.norm) || SHORT_SERVICE_WORDS.has(t.norm));
  let anyService: boolean | null = null;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const full = AMBIGUOUS_WEEKDAY_ABBREVIATIONS.get(t.norm);
    if (full === undefined || taken[i]) continue;
    // "jules cantine ven", "noé soir mar": after a service, at the end of the message or before a
    // number, a pause, a name or a small word, the day it abbreviates.
    const dayAbbreviation = t.norm === 'ven' || t.norm === 'jeu' || t.norm === 'mer' || t.norm === 'mar';
    const next = tokens[i + 1];
    const last = i + 1 >= tokens.length;
    if (dayAbbreviation && last && anyService === null) anyService = tokens.some((x) => nouns.has(x.norm));
    const afterService = dayAbbreviation && (isServiceWord(tokens[i - 1]) || (last && anyService === true)) && (last || next!.kind !== 'word' || taken[i + 1] === 1 || AFTER_DAY_WORDS.has(next!.norm));
    // "Jule mer 23", "Tom ven 18": after a child's name, before a day of the month.
    const withDayOfMonth = dayAbbreviation && taken[i - 1] === 1 && next?.kind === 'num' && Number(next.norm) >= 1 && Number(next.norm) <= 31;
    if (neighbourIsWeekday(i, -1) || neighbourIsWeekday(i, 1) || afterService || withDayOfMonth) {
      t.corrected = t.norm;
      t.norm = full;
    }
  }
}

const FAREWELL_LEADS = new Set(['merci', 'ok', 'okay', 'bisous', 'bises', 'bonne', 'journee', 'soiree', 'thanks', 'cordialement', 'salut', 'ciao', 'bye']);

/**
 * "Ok merci, à demain", "Bonne journée, à lundi !", "see you tomorrow": a farewell names a day
 * that is no request. Its tokens are never read as dates.
 */
function farewellCover(tokens: readonly Token[]): Uint8Array {
  const cover = new Uint8Array(tokens.length);
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    let j = -1;
    if (t.norm === 'a') j = i + 1;
    else if (t.norm === 'see' && tokens[i + 1]?.norm === 'you') j = i + 2;
    if (j < 0) continue;
    if (tokens[j]?.norm === 'plus' || tokens[j]?.norm === 'bientot') continue;
    const day = tokens[j];
    if (!day || !(day.norm === 'demain' || day.norm === 'tomorrow' || (WEEKDAYS.has(day.norm) && !WEEKDAYS.get(day.norm)!.plural))) continue;
    const before = tokens[i - 1];
    const after = tokens[j + 1];
    const opens = !before || before.kind === 'punct' || FAREWELL_LEADS.has(before.norm);
    const closes = !after || (after.kind === 'punct' && after.norm !== "'") || after.kind === 'other';
    if (opens && closes) for (let k = i; k <= j; k++) cover[k] = 1;
  }
  return cover;
}

const OPENING_GREETINGS = new Set(['coucou', 'salut', 'bonjour', 'bonsoir', 'hello', 'hi', 'hey', 'cc', 'ma', 'mon', 'my', 'oh', 'bisous', 'bises', 'bisou', 'gros', 'love']);
const FAMILY_VOCATIVES = new Set(['coeur', 'chou', 'choupette', 'doudou', 'poussin', 'bb', 'maman', 'papa', 'cheri', 'cherie', 'mamie', 'papi', 'papy', 'mamy', 'amour', 'chouchou', 'mum', 'mom', 'mummy', 'mommy', 'dad', 'daddy', 'honey', 'babe', 'darling', 'granny', 'grandma', 'grandpa', 'nana']);

const SECOND_PERSON = new Set(['tu', 'te', 'you']);

/** A message opening on a family member ("Chéri, …", "Maman, tu peux …", "Hi mum,") was meant for someone else. */
function meantForSomeoneElse(tokens: readonly Token[]): boolean {
  let i = 0;
  while (i < tokens.length && OPENING_GREETINGS.has(tokens[i]!.norm)) i++;
  const t = tokens[i];
  const next = tokens[i + 1];
  return !!t && FAMILY_VOCATIVES.has(t.norm) && (!next || (next.kind === 'punct' && next.norm !== "'") || SECOND_PERSON.has(next.norm));
}

/** Words that put a question in the service's domain even with no child, service or day named. */
const DOMAIN_WORDS: ReadonlySet<string> = new Set(
  `ecole school classe class vacances holidays holiday mairie ccas inscription inscriptions reservation reservations booking bookings
  compte account site appli application app portail assistant bot service services enfant enfants child children kid kids fils fille
  filles daughter periscolaire message messages sms telegram email mail telephone phone rentree term certificat justificatif
  attestation facture paiement animateur animateurs animatrice directrice directeur maitresse maitre teacher sortie trip`.split(/\s+/),
);

/** Whether a clause is about the service at all (a question that is not is small talk meant for someone else). */
function aboutTheService(clause: Clause, tokens: readonly Token[], kinds: ReadonlySet<CueKind>): boolean {
  if (clause.services.length > 0 || clause.children.length > 0 || clause.dates.length > 0 || kinds.has('book')) return true;
  for (let i = clause.start; i < clause.end; i++) if (DOMAIN_WORDS.has(tokens[i]!.norm)) return true;
  return false;
}

const PREDICATE_WORDS: ReadonlySet<CueKind> = new Set([
  'bookStrong', 'book', 'cancelStrong', 'cancelPast', 'absence', 'illness', 'listStrong', 'listWeak', 'listNoun', 'helpStrong', 'helpQuestion', 'helpGeneral', 'helpWeak', 'negation',
]);

/**
 * Interprets one message: the actions it asks for (contract shape: sorted
 * children, services and dates, nulls when unsaid), the language it is
 * written in, and per action what the conversation layer may need to ask.
 */
export function interpret(text: string, ctx: InterpretContext): Interpretation {
  // "Morning, see below. No lunch for Zoe on Thursday then. ---- Forwarded message ---- …": the
  // family's own words first; the forwarded body is read as the request only when they ask nothing.
  const handed = text.includes('\n') ? handedOver(text) : null;
  if (handed) {
    const alone = interpretText(handed.own, () => handed.note, ctx);
    // (Only a whole request of their own: "Message de ma mère ci-dessous, c'est elle qui garde Noé le
    // mercredi" tells what the forwarded words then ask.)
    if (saysWholeChanges(alone)) return alone;
  }
  const read = interpretText(text, () => quotedNote(text), ctx);
  // "Je n'ai pas eu de réponse à mon message ci-dessous, pouvez-vous le traiter ?": words that ask nothing but that the
  // request quoted below be dealt with make that request the message's, when it is a change said whole (a confirmation
  // the assistant sent reads as no change).
  // (Only a message that quotes something, and asks nothing itself or may ask "the same", is split once more.)
  const asksNothing = read.actions.every((a) => !isChange(a));
  const quotes = /\n\s*>/.test(text);
  if (!text.includes('\n') || (!asksNothing && !quotes)) return read;
  const own = fold(stripQuoted(text));
  if (asksNothing && POINTS_BELOW.test(own) && ASKS_TO_HANDLE.test(own)) {
    const below = interpretText(quotedNote(text), () => '', ctx);
    if (saysWholeChanges(below)) return below;
  }
  return quotes ? (sameAsQuoted(own, read, ctx, text) ?? read) : read;
}

/** Every action is a change said whole: its children, its days and its services. */
function saysWholeChanges(r: Interpretation): boolean {
  return r.actions.length > 0 && r.actions.every((a, i) => isChange(a) && a.children !== null && a.dates !== null && !r.notes[i]!.missingServices);
}

/** "la même chose", "the same day", "as well": the parent asks for a child what the quoted confirmation says of another. */
const SAME_AS_QUOTED = /\b(?:meme chose|la meme|le meme|les memes|pareil|idem|aussi|egalement|as well|too|the same|same day|same thing)\b/;

/**
 * "Pouvez-vous faire la même chose pour Chloé ? > C'est noté : Hugo est inscrit à la garderie du matin le jeudi 15
 * octobre.", "Could you add Emily as well for the same day? > … Jack à la cantine le vendredi 8 janvier est confirmée":
 * a request for a child that says no service (nor day) of its own takes them from the one booking the quoted
 * confirmation names. Null when the message is no such request.
 */
function sameAsQuoted(own: string, read: Interpretation, ctx: InterpretContext, text: string): Interpretation | null {
  // (A short reply over a short confirmation: a long text is no such request, and is never read twice.)
  if (own.length > 600 || text.length > 4000 || !SAME_AS_QUOTED.test(own)) return null;
  const changes = read.actions.filter(isChange);
  if (changes.length > 1 || read.actions.some((a) => isChange(a) && a.services !== null)) return null;
  const children = changes[0]?.children ?? ctx.children.filter((c) => new RegExp(`\\b${fold(c).replace(/[^a-z0-9 -]/g, '')}\\b`).test(own));
  if (!children || children.length === 0) return null;
  const note = quotedNote(text);
  const quoted = interpretText(note, () => '', ctx).actions.filter((a) => a.services !== null && a.dates !== null && a.dates.length > 0);
  const keys = new Set(quoted.map((a) => JSON.stringify([a.services, a.dates])));
  if (keys.size !== 1) return null;
  const q = quoted[0]!;
  // (The children the confirmation names are not those asked for now.)
  if (q.children?.some((c) => children.includes(c))) return null;
  const intent = changes[0]?.intent ?? (/annul|desinscri|cancel/.test(fold(note)) ? 'cancel' : 'book');
  const action: Action = { intent, children: [...children].sort(), services: q.services, dates: changes[0]?.dates ?? q.dates };
  return { ...read, actions: [action], notes: [read.notes[read.actions.findIndex(isChange)] ?? emptyNote()] };
}

/** The parent's own words point at their request quoted below ("mon message ci-dessous")… */
const POINTS_BELOW = /\b(?:ci[- ]dessous|en dessous|plus bas|below|mon (?:precedent )?(?:message|mail)|ma (?:precedente )?demande|my (?:previous |last )?(?:message|email|request))\b/;
/** … and ask that it be dealt with ("pouvez-vous le traiter", "pas eu de réponse"). */
const ASKS_TO_HANDLE = /\b(?:traiter|traitee?|prendre en compte|pris en compte|enregistrer|relancer|relance|pas (?:eu|recu) de reponse|sans reponse|process|handle|deal with|no (?:reply|answer|response))\b/;

/** `note`: what the message quotes and does not read, for a day the request points at ("ce jour-là"). */
function interpretText(text: string, note: () => string, ctx: InterpretContext): Interpretation {
  const parts = zonedParts(ctx.now, ctx.config.timeZone);
  const dctx: DateContext = { today: parts.date, minutes: parts.hour * 60 + parts.minute, calendar: ctx.calendar, config: ctx.config };
  const tokens = cantineAbbreviated(withoutParentIntroduction(withoutSignature(tokenize(text))));
  const { language, sure: languageSure } = languageOf(tokens);

  const vocabulary = vocabularyOf(ctx.config.services);
  const found = findChildren(tokens, ctx.children, vocabulary);
  expandWeekdayAbbreviations(tokens, found.taken, serviceNounsOf(ctx.config.services));
  correctCareQualifiers(tokens, found.taken, vocabulary);
  const nameCover = new Uint8Array(tokens.length);
  for (const c of found.tags) if (c.kind !== 'ref') for (let k = c.start; k < c.end; k++) nameCover[k] = 1;

  const allTags = tagServices(tokens, ctx.config.services);
  const tagged = allTags.filter((s) => {
    for (let k = s.start; k < s.end; k++) if (nameCover[k]) return false;
    // "annuler son centre de loisirs de ce matin", "la cantine de ce midi": after another service, "ce matin" says when.
    if (s.end - s.start === 1 && THIS_WORDS.has(tokens[s.start - 1]?.norm ?? '') && allTags.some((o) => o !== s && o.code !== null && o.code !== s.code && (o.end === s.start - 1 || (o.end === s.start - 2 && tokens[s.start - 2]?.norm === 'de')))) return false;
    // "I will pick her up before lunch", "je la récupère avant la cantine": beside the service of the request,
    // a service after "before"/"avant" says when, not what.
    if (timeWordBefore(tokens, s.start) && allTags.some((o) => o !== s && o.code !== null && !timeWordBefore(tokens, o.start))) return false;
    return !timeOfDayOnly(tokens, s.start, s.end);
  });
  // "je rentre tard ce soir, tu peux récupérer les courses ?", "Maman a dit que je peux avoir des frites ce
  // soir": a time of day is the only service word, and no child is named or pointed at: it is no care.
  // ("matin + soir mardi 19" in a family of one child is care: only "ce soir", "this evening" are times.)
  const aboutNoChild = found.tags.length === 0 && tagged.length > 0 && tagged.every((s) => s.end - s.start === 1 && TIMES_OF_DAY.has(tokens[s.start]!.norm) && THIS_WORDS.has(tokens[s.start - 1]?.norm ?? ''));
  const named = aboutNoChild ? [] : tagged;
  const serviceCover = new Uint8Array(tokens.length);
  for (const s of named) for (let k = s.start; k < s.end; k++) serviceCover[k] = 1;
  // "la garderie du matin jeudi, pas le soir": the service set aside is no service of the request, and its "pas" negates nothing.
  const setAside = servicesSetAside(tokens, named);
  const services = setAside.size === 0 ? named : named.filter((t) => !setAside.has(t));
  const unknownNames = findUnknownNames(tokens, found.taken, vocabulary, (i) => serviceCover[i] === 1).filter((u) => serviceCover[u.start] !== 1);
  if (unknownNames.length > 0) found.tags = [...found.tags, ...unknownNames].sort((a, b) => a.start - b.start);
  // A weekday inside a service name ("mercredi loisirs", "Wednesday club") is not a date.
  const farewell = farewellCover(tokens);
  const timeOnly = new Uint8Array(tokens.length);
  if (aboutNoChild) for (const t of tagged) timeOnly[t.start] = 1;
  // "mon message de ce matin": when the parent wrote, no day of a request.
  for (let i = 2; i < tokens.length; i++) if (TIMES_OF_DAY.has(tokens[i]!.norm) && THIS_WORDS.has(tokens[i - 1]!.norm) && sentWhen(tokens, i)) timeOnly[i] = timeOnly[i - 1] = 1;
  const blocked = (i: number): boolean => nameCover[i] === 1 || farewell[i] === 1 || timeOnly[i] === 1 || (serviceCover[i] === 1 && WEEKDAYS.has(tokens[i]!.norm));
  const dates = sameWeekdayAsDate(parseDates(tokens, dctx, blocked), dctx.today);
  // A "pas"/"not" that opens an exception ("jeudi, pas vendredi", "mercredi, pas Tom") is not a negation of the request.
  const excludedAt = new Set(found.tags.filter((c) => c.excluded).map((c) => c.start));
  const exceptAt = new Set<number>();
  for (const d of dates) if (d.kind === 'except') for (let k = d.start; k < d.end; k++) exceptAt.add(k);
  const cues = withoutStrayCues(
    tokens,
    withoutEatingCues(tokens, tagCues(tokens, (i) => serviceCover[i] === 1).filter((c) => c.kind !== 'negation' || !(exceptAt.has(c.start) || excludedAt.has(c.end) || setAside.has(c.start)))),
    [...found.tags.filter((c) => c.kind !== 'ref'), ...services, ...dates],
  );

  const entities: Entities = { children: found.tags, services, dates, cues: withoutOthersAbsence(tokens, withoutHeadings(tokens, cues)) };
  // The one care service ("soir", "matin") the message names anywhere, to settle a vague "garderie" elsewhere in it.
  const careCodes = new Set(services.filter((s) => s.code === 'morning' || s.code === 'evening').map((s) => s.code!));
  const careOfMessage = careCodes.size === 1 ? [...careCodes][0]! : null;
  const namedBefore = entities.children.filter((c) => c.kind === 'name');
  const datesBefore = entities.dates;
  const brought = new Set<object>();
  const correctedAt = applyCorrections(tokens, entities, brought);
  // "jeudi 4… non en fait vendredi 5, jeudi il a une sortie", "on the 10th. Actually, make that the 17th — on the 10th he's
  // at his grandparents'": a day a self-correction took out, told of again after it (not named with a child), asks nothing more.
  if (correctedAt.length > 0 && datesBefore.length !== entities.dates.length) dropDaysCorrectedAway(tokens, entities, datesBefore, correctedAt, brought, dctx);
  // "Inscrivez Emma à la cantine mardi. Ah non c'est Zoé, Emma a son pique-nique": the children a self-correction took out.
  // (Never the child the correction brings: "Sacha et Prune seront malades… enfin Sacha".)
  const fresh = new Set(correctedAt.map((m) => entities.children.find((c) => c.kind === 'name' && c.start > m && c.start <= m + 5)?.name).filter((n): n is string => !!n));
  // (Where every name was said, before any correction took one out.)
  const nameStarts = new Set(namedBefore.map((c) => c.start));
  const correctedAway = new Set(namedBefore.filter((c) => !entities.children.includes(c) && !fresh.has(c.name!)).map((c) => c.name!));
  const clauses = buildClauses(splitPieces(tokens, entities), tokens);
  applyLeadingFrame(tokens, entities.dates, clauses);
  dropTopicAnchor(tokens, entities.dates, clauses, dctx);
  applyTrailingBound(clauses, tokens);
  sharePolarFrame(clauses);
  joinServiceLists(clauses, tokens, dctx);

  const messageClockCare = careOfClockTimes(tokens);
  const drafts: Draft[] = [];
  let prev: Previous | null = null;
  // The children a sentence that asks nothing named ("je suis la maman de Rose."), for the pronouns after it.
  let mentioned: string[] | null = null;
  // The latest day named so far: a weekday that would be today, said after later days, is next week's.
  let laterSaid: IsoDate | null = null;
  // The date context with that day, made again only when the day changes, not spread anew for every clause.
  let laterCtx: DateContext = dctx;
  // The days of the last recurrence said ("tous les lundis et jeudis jusqu'aux vacances"), for "Chloé seulement le jeudi".
  let habit: readonly DateItem[] | null = null;
  // The day a child is said to be back ("elle revient jeudi"), to bound a cancellation with no day of its own.
  let returnDay: IsoDate | null = null;
  let returnDraft: Draft | null = null;
  // The bounds of the last period said ("jusqu'aux vacances"), for "le vendredi pour la même période".
  let periodSaid: readonly DateItem[] | null = null;
  // The last day said before the clause read (the date items are in the order of the text).
  let nextDate = 0;
  let lastDateSaid: DateItem | null = null;
  // The weekdays said last, in a row ("je termine à 18h le lundi et le jeudi"), for "ces jours-là jusqu'aux vacances".
  let weekdaysSaid: DateItem[] = [];
  // The message corrects or moves a booking ("je me suis trompée", "I meant", "pouvez-vous corriger", "à la place de").
  const corrects = correctsABooking(tokens, entities.cues);
  // A child just left out of the request ("Ce n'est pas pour Sacha"): the reason said of him next ("lui rentre à la maison") asks nothing.
  let leftOut = false;
  // The child just set aside from a request ("Ambre mange à la cantine lundi mais pas Lucas"), with that request's services and days:
  // a pronoun right after is that child ("lui il rentre à la maison (annulez-le svp)").
  let aside: { names: string[]; services: string[] | null; dates: IsoDate[] | null } | null = null;
  for (let clause of clauses) {
    if ((laterCtx.laterSaid ?? null) !== laterSaid) laterCtx = { today: dctx.today, minutes: dctx.minutes, calendar: dctx.calendar, config: dctx.config, laterSaid };
    // "Gabriel garderie matin jeudi. Oups, Louise pas Gabriel": the children of the request before, corrected.
    if (corrects && swapsChildren(clause, drafts)) continue;
    const saysOwn = clause.children.some((c) => c.kind === 'name' || c.kind === 'all') || clause.services.length > 0 || clause.dates.length > 0 || clause.cues.some((c) => c.kind === 'cancelStrong' || c.kind === 'bookStrong');
    if (leftOut && !saysOwn) continue;
    while (nextDate < entities.dates.length && entities.dates[nextDate]!.end <= clause.start) {
      const d = entities.dates[nextDate++]!;
      if (d.kind !== 'anaphor' && d.kind !== 'except') lastDateSaid = d;
      if (d.kind === 'weekday') weekdaysSaid.push(d);
      else if (d.kind !== 'anaphor' && d.kind !== 'except') weekdaysSaid = [];
    }
    clause = withoutReasons(clause, tokens, correctedAway, correctedAt);
    const strong = clause.cues.some((c) => c.kind === 'cancelStrong' || c.kind === 'bookStrong' || c.kind === 'request');
    const ownNamed = clause.children.filter((c) => c.kind === 'name' && !c.excluded).map((c) => c.name!);
    // "… Ah non c'est Zoé. Emma a son pique-nique": the child corrected away, told of again, asks nothing more.
    if (ownNamed.length > 0 && ownNamed.every((n) => correctedAway.has(n)) && !strong) continue;
    if (clause.silent) {
      const names = clause.children.filter((c) => c.kind === 'name' && !c.excluded).map((c) => c.name!);
      if (names.length > 0) mentioned = [...new Set(names)].sort();
      continue;
    }
    // (Days told in a reason inside the clause — "Comme sa sœur est en classe verte jeudi et vendredi, …" — are the days said before.)
    const pointsBack = clause.dates.some((d) => d.kind === 'anaphor');
    const told = pointsBack ? entities.dates.filter((d) => d.start >= clause.start && d.end <= clause.end && !clause.dates.includes(d) && d.kind !== 'anaphor' && d.kind !== 'except') : [];
    const saidHere = told.length > 0 ? told : null;
    const draft = readClause(withHabitOfBefore(withDayReferred(withPeriodOfBefore(withOnlyWeekdays(clause, tokens), periodSaid), prev, saidHere ? saidHere[saidHere.length - 1]! : lastDateSaid, tokens, saidHere ? saidHere.filter((d) => d.kind === 'weekday') : weekdaysSaid), tokens, habit), prev, tokens, ctx, laterCtx, found.fuzzy, correctedAt, careOfMessage, messageClockCare, mentioned);
    // "Léa ne mangera pas à la cantine lundi, par contre Tom y sera mardi et jeudi": "y" is the service just said.
    if (draft && prev?.services && draft.action.services === null && clause.services.length === 0 && isChange(draft.action) && saysThere(clause, tokens)) {
      const services: string[] = [...prev.services];
      draft.action.services = services;
      if (draft.action.dates) {
        const kept = draft.action.dates.filter((d) => anyServiceRuns(dctx, services, d));
        draft.action.dates = kept.length > 0 ? kept : null;
      }
      draft.note.missingServices = false;
      draft.note.ambiguousServices = null;
    }
    // "Inès mangera à la cantine jeudi, juste le midi : je la récupère à la sortie à 16h30": when the child is collected,
    // after a booking, is why it is the only one, no cancellation.
    const fetchAbsence = (c: CueTag) => c.kind === 'absence' && FETCH_VERBS.has(tokens[c.start]!.norm);
    const lastBook = drafts[drafts.length - 1]?.action;
    const fetchAt = clause.cues.find(fetchAbsence)?.start ?? -1;
    // (The service of the booking said again before it: "…, juste le midi : je la récupère à la sortie".)
    const restated = (x: ServiceTag) => x.start < fetchAt && x.code !== null && !!lastBook?.services?.includes(x.code);
    if (fetchAt >= 0 && lastBook?.intent === 'book' && clause.services.every(restated) && clause.cues.every((c) => fetchAbsence(c) || c.kind === 'neutral')) continue;
    // A change of mind about the request just before ("Oh wait, not Friday", "Non en fait juste Léa") changes it and asks nothing of its own.
    if (takesBackPart(clause, tokens, drafts[drafts.length - 1], laterCtx) || keepsOnly(clause, tokens, drafts[drafts.length - 1], laterCtx, nameStarts) || keepsAfterSo(clause, tokens, drafts[drafts.length - 1])) continue;
    if (clause.dates.some((d) => d.kind === 'every')) habit = clause.dates;
    if (clause.dates.some((d) => PERIOD_KINDS.has(d.kind))) periodSaid = clause.dates.filter((d) => PERIOD_KINDS.has(d.kind));
    const ownNames = clause.children.some((c) => c.kind === 'name' || c.kind === 'all' || c.kind === 'unknown');
    if (draft && aside && !ownNames && (draft.action.intent === 'cancel' || draft.action.intent === 'book') && pointsAtOne(clause, tokens)) {
      draft.action.children = aside.names;
      if (clause.services.length === 0) draft.action.services = aside.services;
      if (!clause.dates.some((d) => d.kind !== 'except' && d.kind !== 'anaphor')) draft.action.dates = aside.dates;
    }
    const setAside = clause.children.filter((c) => c.kind === 'name' && c.excluded).map((c) => c.name!);
    if (setAside.length > 0 && draft && (draft.action.intent === 'book' || draft.action.intent === 'cancel')) aside = { names: [...new Set(setAside)].sort(), services: draft.action.services, dates: draft.action.dates };
    else if (ownNames) aside = null;

    // "elle revient jeudi", "he'll be back at school on Wednesday": the one day the child is back.
    if (draft && saysReturn(clause, tokens) && draft.action.dates?.length === 1 && draft.action.dates[0]! > dctx.today && !clause.dates.some((d) => d.kind === 'until')) {
      returnDay = draft.action.dates[0]!;
      returnDraft = draft;
    }
    for (const d of draft?.action.dates ?? []) if (laterSaid === null || d > laterSaid) laterSaid = d;
    leftOut = !draft && prev?.intent === 'book' && clause.services.length === 0 && clause.dates.length === 0 && leftOutOfRequest(clause, tokens);
    if (!draft) {
      const names = clause.children.filter((c) => c.kind === 'name' && !c.excluded).map((c) => c.name!);
      if (names.length > 0) mentioned = [...new Set(names)].sort();
      // "Inscris les enfants au centre mercredi, sauf Ambre qui va chez sa marraine": the child left out of the request just before.
      const out = new Set(clause.children.filter((c) => c.kind === 'name' && c.excluded).map((c) => c.name!));
      const last = drafts[drafts.length - 1];
      if (out.size > 0 && names.length === 0 && last && isChange(last.action) && last.action.children?.some((n) => out.has(n))) {
        const kept = last.action.children.filter((n) => !out.has(n));
        if (kept.length > 0) last.action.children = kept;
      }
      continue;
    }
    mentioned = null;
    const moved = clause.retracted ? null : movedDays(clause, tokens, draft) ?? setAsideDays(clause, draft, corrects, dctx, tokens, entities.dates);
    if (moved) drafts.push(...moved);
    else if (!clause.retracted) drafts.push(draft);
    if (draft.action.intent !== 'help' && draft.action.intent !== 'unknown') {
      prev = { intent: draft.action.intent, children: draft.action.children, services: draft.action.services, dates: draft.action.dates };
    }
  }
  // "Noah has swimming after school on Friday, so please cancel his after-school care that day": a booking read from
  // the slots of a statement, beside an order to cancel the same child's same service that day, is what the order is about.
  for (let i = drafts.length - 1; i >= 0; i--) {
    const a = drafts[i]!.action;
    if (a.intent !== 'book' || drafts[i]!.orders || !(drafts[i]!.slotsOnly || drafts[i]!.bare)) continue;
    const meets = (x: string[] | null, y: string[] | null): boolean => x === null || y === null || x.some((v) => y.includes(v));
    if (drafts.some((d) => d !== drafts[i] && d.action.intent === 'cancel' && d.orders && meets(d.action.children, a.children) && meets(d.action.services, a.services) && meets(d.action.dates, a.dates) && d.action.dates !== null && d.action.services !== null)) drafts.splice(i, 1);
  }
  // "Sam is booked for lunch on Tuesday, can you cancel it?": the statement says what the
  // request that follows is about.
  for (let i = drafts.length - 2; i >= 0; i--) {
    const a = drafts[i]!;
    const b = drafts[i + 1]!;
    if (!a.statement || (b.action.intent !== 'cancel' && b.action.intent !== 'book')) continue;
    if (b.action.children !== null && a.action.children !== null && b.action.children.join() !== a.action.children.join()) continue;
    drafts.splice(i, 1);
    // An order ("cancel it") is about the service the statement names; an absence is about the whole day.
    if (!b.orders || b.action.services !== null) continue;
    b.action.services = a.action.services;
    b.action.children ??= a.action.children;
    if (b.action.dates === null && a.action.dates !== null) b.action.dates = a.action.dates;
    else if (b.action.dates !== null && a.action.services !== null) b.action.dates = b.action.dates.filter((d) => anyServiceRuns(dctx, a.action.services, d));
    b.note.missingServices = false;
  }
  // "Tom mangera à la cantine et restera à la garderie du soir jeudi": a day said at the end
  // serves the request just before it when that one names none.
  for (let i = drafts.length - 2; i >= 0; i--) {
    const a = drafts[i]!;
    const b = drafts[i + 1]!;
    if (a.action.dates !== null || b.action.dates === null || a.action.intent !== b.action.intent) continue;
    if (a.action.intent !== 'book' && a.action.intent !== 'cancel') continue;
    const services = a.action.services;
    a.action.dates = b.action.dates.filter((d) => anyServiceRuns(dctx, services, d));
    a.note.missingDates = false;
    a.note.noRunningDay = a.action.dates.length === 0;
    // "Léa ne va plus à la garderie du matin, merci de l'enlever à partir de lundi": the order
    // with a pronoun for object is the same request, now dated.
    const sameChildren = b.action.children === null || (a.action.children !== null && b.action.children.join() === a.action.children.join());
    if (b.pronounObject && b.action.services === null && sameChildren) drafts.splice(i + 1, 1);
  }
  // "annuler le mardi et inscrire le jeudi pour la cantine de Léa": two orders of one sentence, the service said at
  // the end of the second, and none by the first, are both for that service (unless the first says "tout").
  if (!saysEverything(tokens, 0, tokens.length)) {
    for (let i = drafts.length - 2; i >= 0; i--) {
      const a = drafts[i]!;
      const b = drafts[i + 1]!;
      if (!a.orders || !b.orders || a.sentence !== b.sentence || a.action.services !== null || b.action.services === null || a.action.dates === null || !isChange(a.action) || !isChange(b.action)) continue;
      if (a.action.intent === b.action.intent || a.note.absence) continue;
      if (a.action.children !== null && b.action.children !== null && a.action.children.join() !== b.action.children.join()) continue;
      const services = b.action.services;
      const kept = a.action.dates.filter((d) => anyServiceRuns(dctx, services, d));
      if (kept.length === 0) continue;
      a.action.services = [...services];
      a.action.dates = kept;
      a.action.children ??= b.action.children;
    }
  }
  if (drafts.some((d) => d.action.intent !== 'help' && d.action.intent !== 'unknown')) {
    for (let i = drafts.length - 1; i >= 0; i--) if (drafts[i]!.sideRemark) drafts.splice(i, 1);
  }
  // "Is Oliver down for lunch this week? I can't remember what I did": a negation naming no service
  // nor day, beside a request that names them, is a remark of the parent's.
  if (drafts.some((d) => !d.bareNegation && d.action.intent !== 'help' && d.action.intent !== 'unknown' && (d.action.services !== null || d.action.dates !== null))) {
    for (let i = drafts.length - 1; i >= 0; i--) {
      const d = drafts[i]!;
      if (d.bareNegation && d.action.services === null && (d.action.dates === null || d.action.dates.length === 0)) drafts.splice(i, 1);
    }
  }
  // "Pierre n'aime pas les épinards mais il mangera quand même à la cantine": the negation is the remark's.
  for (let i = drafts.length - 2; i >= 0; i--) {
    const a = drafts[i]!;
    const b = drafts[i + 1]!;
    if (!a.bareNegation || !b.concessive || b.action.intent !== 'book') continue;
    if (a.action.children !== null && b.action.children !== null && a.action.children.join() !== b.action.children.join()) continue;
    drafts.splice(i, 1);
  }
  // "Léa ne fréquentera plus la garderie du soir le jeudi. Merci d'annuler les jeudis 21 et 28": the
  // change of habit says what the order after it cancels; the order gives the days.
  for (let i = drafts.length - 2; i >= 0; i--) {
    const a = drafts[i]!;
    const b = drafts[i + 1]!;
    if (!a.habitChange || !b.orders || b.action.intent !== 'cancel' || b.action.services !== null || b.action.dates === null) continue;
    if (a.action.children !== null && b.action.children !== null && a.action.children.join() !== b.action.children.join()) continue;
    const services = a.action.services;
    b.action.services = services;
    b.action.children ??= a.action.children;
    b.action.dates = b.action.dates.filter((d) => anyServiceRuns(dctx, services, d));
    b.note.missingChildren = b.action.children === null;
    drafts.splice(i, 1);
  }
  // "Gabriel est malade … Merci d'annuler ses repas d'ici là": the services the order names are the
  // services of the absence (illness or not); the absence adds no "everything" beside them.
  for (let i = drafts.length - 1; i >= 0; i--) {
    const a = drafts[i]!;
    if (!a.note.absence || a.orders || a.action.services !== null || a.action.intent !== 'cancel') continue;
    const order = drafts.find((b) => b !== a && b.orders && b.action.intent === 'cancel' && b.action.services !== null && sameChildren(a.action, b.action) && withinDays(b.action.dates, a.action.dates));
    if (!order) continue;
    if (order.action.dates === null && a.action.dates !== null) {
      const services = order.action.services;
      order.action.dates = a.action.dates.filter((d) => anyServiceRuns(dctx, services, d));
      order.note.missingDates = false;
    }
    order.note.absence = true;
    drafts.splice(i, 1);
  }
  // "je me suis inscrite par erreur, qui contacter ?", "il a été malade, c'est normal ?": beside a
  // question about the service, what the parent tells (done, past) asks nothing.
  if (drafts.some((d) => d.action.intent === 'help' && d.sideRemark === false)) {
    for (let i = drafts.length - 1; i >= 0; i--) {
      const d = drafts[i]!;
      if (d.action.intent !== 'help' && !d.orders && (d.statement || d.past)) drafts.splice(i, 1);
    }
  }
  // "Combien coûte la cantine ? Et inscrivez Tom jeudi": the one service asked about is the one booked, where it runs.
  const askedAbout = new Set(drafts.flatMap((d) => d.askedAbout ?? []));
  if (askedAbout.size === 1) {
    const code = [...askedAbout][0]!;
    for (const d of drafts) {
      const a = d.action;
      if (a.intent !== 'book' || a.services !== null || a.dates === null || a.dates.length === 0) continue;
      if (!a.dates.every((day) => anyServiceRuns(dctx, [code], day))) continue;
      a.services = [code];
      d.note.missingServices = false;
      d.note.ambiguousServices = null;
    }
  }
  // An email asking politely for something ("pourriez-vous inscrire …"): what its other sentences
  // tell without asking (a meal the child liked, "quand ils rentrent à la maison") adds nothing.
  const politeAt = new Set(drafts.filter((d) => d.politeOrder).map((d) => d.sentence));
  if (politeAt.size > 0) {
    for (let i = drafts.length - 1; i >= 0; i--) {
      const d = drafts[i]!;
      if (d.slotsOnly && !politeAt.has(d.sentence)) drafts.splice(i, 1);
    }
    // Nor does what they tell with a verb of its own but not the whole of a request ("Léo a passé un trimestre difficile",
    // "Les enfants reprendront normalement à la rentrée", "from next month he'll be working early mornings"): no child,
    // no day, no service for a booking, or no end, is a remark beside a request said whole; an absence told stays.
    for (let i = drafts.length - 1; i >= 0; i--) {
      const d = drafts[i]!;
      const a = d.action;
      if (d.orders || d.politeOrder || politeAt.has(d.sentence) || d.note.absence || a.intent === 'help' || a.intent === 'unknown') continue;
      const partial = a.intent !== 'cancel' && (a.children === null || a.dates === null || (a.intent === 'book' && a.services === null));
      // ("He's been training … every evening": a booking with no end, for a child or a service no order of the message
      // names, is a habit told, not asked.)
      const orders = drafts.filter((o) => o !== d && o.orders && isChange(o.action));
      const habitTold = a.intent === 'book' && d.note.openEnded && orders.length > 0 && orders.every((o) => (o.action.children !== null && !o.action.children.some((c) => a.children?.includes(c))) || (o.action.services !== null && !o.action.services.some((c) => a.services?.includes(c))));
      if (partial || habitTold) drafts.splice(i, 1);
    }
  }
  // Beside a request that says what it wants, a child and a day said in passing in another sentence add nothing.
  const asked = drafts.filter((d) => !d.bare && (d.action.intent === 'book' || d.action.intent === 'cancel') && (d.orders || d.action.services !== null));
  if (asked.length > 0) {
    for (let i = drafts.length - 1; i >= 0; i--) {
      const d = drafts[i]!;
      // (In its sentence too when it took no service from it: "… jeudi, par contre vendredi c'est poisson".)
      if (d.bare && (asked.every((a) => a.sentence !== d.sentence) || d.action.services === null)) drafts.splice(i, 1);
      // "… par contre vendredi c'est poisson il va faire la tête", "My husband finishes late on
      // Fridays but he'll manage": a future said of a pronoun, with no service, is no booking.
      else if (d.weak && !d.orders && d.action.services === null && d.note.matched.children.length > 0 && d.note.matched.children.every((w) => SUBJECT_PRONOUNS.has(fold(w)))) drafts.splice(i, 1);
    }
  }
  // "Zélie s'est cassé le poignet, elle revient jeudi. Merci d'annuler la cantine … en attendant",
  // "he'll be back on Wednesday. Please cancel Theo's lunches": the day of the return bounds the
  // cancellation (the days before it, from today); the child is never cancelled on the day back.
  if (returnDay !== null) {
    const back = returnDay;
    let bounded = false;
    for (const d of drafts) {
      const a = d.action;
      if (a.intent !== 'cancel' || !(a.dates === null || (a.dates.length === 1 && a.dates[0] === back))) continue;
      const days: IsoDate[] = [];
      // (Today only while the service has not begun, as for any day said with "à partir d'aujourd'hui".)
      const from = todayStillOpen(dctx, a.services) ? dctx.today : addDays(dctx.today, 1);
      for (let day = from; day < back; day = addDays(day, 1)) if (anyServiceRuns(dctx, a.services, day)) days.push(day);
      if (days.length === 0) continue;
      a.dates = days;
      d.note.missingDates = false;
      bounded = true;
    }
    // "The little one is off sick today, he'll be back on Thursday", "Tom won't be in tomorrow. He'll be
    // back on Monday": an absence with days of its own lasts until the return.
    for (const d of drafts) {
      const a = d.action;
      // (An absence told, or a whole day off: "won't be in tomorrow".)
      if (a.intent !== 'cancel' || !(d.note.absence || (a.services === null && !d.orders)) || a.dates === null || a.dates.length === 0 || d === returnDraft) continue;
      const last = a.dates[a.dates.length - 1]!;
      if (last >= back) continue;
      const more: IsoDate[] = [];
      for (let day = addDays(last, 1); day < back; day = addDays(day, 1)) if (anyServiceRuns(dctx, a.services, day)) more.push(day);
      a.dates = [...a.dates, ...more];
      bounded = true;
    }
    // The return said as a booking with no service of its own ("il sera de retour jeudi 8") asks nothing more.
    const r = returnDraft;
    const at = r ? drafts.indexOf(r) : -1;
    if (bounded && r && at >= 0 && r.action.intent === 'book' && r.action.services === null && !r.orders) drafts.splice(at, 1);
  }
  // "Pouvez-vous inscrire Maisie à la garderie ce jour-là ? > Dear parents, on Thursday 19 November the
  // class will go to the cinema …": a request that points at a day it does not name takes the day of
  // the note it forwards or quotes, when that note names exactly that many days in full.
  if (drafts.some((d) => isChange(d.action) && d.action.dates === null)) {
    // The pointer of the request's own sentence ("pour le jour de la sortie …. Et le soir de la réunion …"), else the message's.
    const whole = dayPointer(tokens, entities.dates, 0, tokens.length);
    const starts = [0];
    for (let i = 0; i < tokens.length; i++) if (isSentenceEnd(tokens[i]!)) starts.push(i + 1);
    let noteText: string | null = null;
    for (const d of drafts) {
      const a = d.action;
      if (!isChange(a) || a.dates !== null) continue;
      const from = starts[d.sentence ?? 0] ?? 0;
      const to = (starts[(d.sentence ?? 0) + 1] ?? tokens.length + 1) - 1;
      const pointer = dayPointer(tokens, entities.dates, from, to) ?? whole;
      if (!pointer) continue;
      noteText ??= note();
      const days = daysOfNote(noteText, dctx, pointer);
      if (!days) continue;
      const services = a.services;
      a.dates = days.filter((day) => anyServiceRuns(dctx, services, day));
      d.note.missingDates = false;
      d.note.noRunningDay = a.dates.length === 0;
    }
  }
  // "Alice ira désormais au centre le mercredi. Pouvez-vous l'inscrire les mercredis 10 et 17 mars ?",
  // "from now on Evie won't be coming on Wednesdays … cancel Evie's Wednesdays until the February
  // break": a habit told with no end, beside the same request with its days given, is that request.
  for (let i = drafts.length - 1; i >= 0; i--) {
    const a = drafts[i]!;
    if (!a.note.openEnded || !isChange(a.action) || !a.action.dates?.length) continue;
    const within = new Set(a.action.dates);
    const b = drafts.find(
      (x) =>
        x !== a &&
        !x.note.openEnded &&
        // ("Léa commence le judo le jeudi soir à partir de la semaine prochaine. Pouvez-vous la désinscrire de la
        // garderie du soir tous les jeudis de janvier ?": the habit told is the reason of the order, whatever its verb.)
        (x.action.intent === a.action.intent || (x.orders && !a.orders)) &&
        sameChildren(x.action, a.action) &&
        (x.action.services === null || a.action.services === null || sameSet(x.action.services, a.action.services)) &&
        (x.action.dates?.length ?? 0) > 0 &&
        x.action.dates!.every((d) => within.has(d)),
    );
    if (!b) continue;
    if (b.action.services === null && a.action.services !== null) {
      b.action.services = a.action.services;
      b.note.missingServices = false;
    }
    drafts.splice(i, 1);
  }
  // "Capucine et Basile sont déjà inscrits ces jours-là je crois", "J'ai mis un rappel dans mon agenda":
  // beside a request, what the parent tells of the bookings asks for no list.
  if (drafts.some((d) => isChange(d.action) && !d.statement)) {
    for (let i = drafts.length - 1; i >= 0; i--) {
      const d = drafts[i]!;
      if (d.action.intent === 'list' && d.statement && !d.orders) drafts.splice(i, 1);
    }
  }
  // "La nounou est malade cette semaine, donc inscrivez Camille et Louis …", "ma mère est hospitalisée":
  // what befalls someone else than a child, beside a request for the children, changes nothing of theirs.
  if (drafts.some((d) => isChange(d.action) && !d.aboutSomeoneElse && (d.action.children !== null || d.orders) && (d.action.dates?.length ?? 0) > 0)) {
    for (let i = drafts.length - 1; i >= 0; i--) {
      const d = drafts[i]!;
      // (Whatever children an earlier sentence lent it: "je suis la grand-mère de Léa et Tom. Leur maman est hospitalisée cette semaine".)
      if (isChange(d.action) && d.aboutSomeoneElse && !d.orders) drafts.splice(i, 1);
    }
  }
  // "Avec le pont de l'Ascension, nous partons dès mercredi matin. Mohamed et Yasmine ne seront pas au centre …": beside a
  // request for named children, a sentence with no word that asks, no child named, pointed at or lent, is a remark.
  if (drafts.some((d) => isChange(d.action) && d.action.children !== null && d.note.matched.intent.length > 0)) {
    for (let i = drafts.length - 1; i >= 0; i--) {
      const d = drafts[i]!;
      if (isChange(d.action) && d.action.children === null && !d.orders && d.note.matched.intent.length === 0 && d.note.matched.children.length === 0) drafts.splice(i, 1);
    }
  }
  // "Emily et Noé y participent, je leur prépare le repas", "grâce aux animateurs de la cantine il s'est fait plein de
  // copains", "si quelqu'un peut l'accueillir les premiers jours": beside a request with its days, a change another
  // sentence reads from its words alone, with no day and no order of its own, is a remark (an illness told stays,
  // unless it is over: "Jade a été un peu malade la semaine dernière").
  const datedAt = new Set(drafts.filter((d) => isChange(d.action) && (d.action.dates?.length ?? 0) > 0).map((d) => d.sentence));
  if (datedAt.size > 0) {
    for (let i = drafts.length - 1; i >= 0; i--) {
      const d = drafts[i]!;
      // (No day: none said, or only days gone by — "Il est arrivé en septembre …".)
      // (In the same sentence too when it says the child still goes: "… sauf mercredi (elle vient quand même au centre)".)
      if (!isChange(d.action) || (d.action.dates?.length ?? 0) > 0 || d.orders || (datedAt.has(d.sentence) && !(d.concessive && d.action.intent === 'book')) || (d.note.absence && !d.illnessOver)) continue;
      drafts.splice(i, 1);
    }
  }
  // (Over, it adds nothing either, whatever days it took from the request before it.)
  const overAt = new Set(drafts.filter((d) => d.illnessOver).map((d) => d.sentence));
  // (An illness over is no request even alone, when it names the days it lasted.)
  for (let i = drafts.length - 1; i >= 0; i--) if (drafts[i]!.pastDays) drafts.splice(i, 1);
  if (overAt.size > 0 && drafts.some((d) => isChange(d.action) && !overAt.has(d.sentence))) {
    for (let i = drafts.length - 1; i >= 0; i--) {
      const d = drafts[i]!;
      if (d.action.intent === 'cancel' && !d.orders && overAt.has(d.sentence)) drafts.splice(i, 1);
    }
  }
  const nothingNamed = found.tags.length === 0 && services.length === 0 && dates.length === 0;
  let merged = meantForSomeoneElse(tokens) || (nothingNamed && looksLikeCode(text)) ? [] : mergeActions(drafts);
  // "My husband is away this week, he's back on Saturday. Could you book both kids … Tuesday and
  // Thursday?", "Attention, lundi c'est férié, donc pas d'école. En revanche … inscrire Léon …":
  // beside a request for a child and days, a change for no child on no day is a remark; it would
  // only make the assistant ask about something the parent did not ask.
  if (merged.some((d) => isChange(d.action) && d.action.children !== null && d.action.dates !== null && d.action.dates.length > 0)) {
    merged = merged.filter((d) => !(isChange(d.action) && d.action.children === null && (d.action.dates === null || d.action.dates.length === 0)));
  }
  // "Objet : Absences semaine du 12 octobre … Nous partons un peu avant les vacances. Rose et Lucas ne seront présents à
  // aucun service du mardi 13 au vendredi 16": a change for no child, beside the same change for every child of the family
  // on days it shares, is that change told again (a subject, a reason); it would only make the assistant ask.
  const family = ctx.children.length;
  const forAll = merged.filter((d) => isChange(d.action) && family > 1 && d.action.children?.length === family && d.action.dates !== null);
  if (forAll.length > 0) {
    merged = merged.filter((d) => {
      if (!isChange(d.action) || d.action.children !== null || d.action.dates === null) return true;
      return !forAll.some((f) => f.action.intent === d.action.intent && (d.action.services === null || f.action.services === null || d.action.services.join() === f.action.services.join()) && f.action.dates!.some((x) => d.action.dates!.includes(x)));
    });
  }
  // "Lily loved the Wednesday club last week! Could you book Lily in again for tomorrow?", "Léo a planté des capucines au
  // centre de loisirs… Vous pouvez réinscrire Léo mercredi prochain ?": a booking that names no service, in a message that
  // names one service only (in a remark), is for that service where it runs on every day asked; so is a cancellation of
  // Wednesdays beside the Wednesday club (nothing else runs then).
  const codesSaid = new Set(services.map((x) => x.code));
  const onlyCode = codesSaid.size === 1 ? [...codesSaid][0] : null;
  if (onlyCode) {
    for (const d of merged) {
      const a = d.action;
      if (a.services !== null || !a.dates?.length || !(a.intent === 'book' || (a.intent === 'cancel' && onlyCode === 'wednesday'))) continue;
      if (!a.dates.every((day) => anyServiceRuns(dctx, [onlyCode], day))) continue;
      a.services = [onlyCode];
      d.note.missingServices = false;
    }
  }
  if (merged.length === 0) merged = [{ action: { intent: 'unknown', children: null, services: null, dates: null }, note: emptyNote() }];
  // Days were named but none is open for the services: the request stands, with no date (never []).
  for (const d of merged) {
    if (d.action.dates !== null && d.action.dates.length === 0) {
      d.action.dates = null;
      d.note.noRunningDay = true;
    }
  }
  return {
    actions: merged.map((d) => d.action),
    notes: merged.map((d) => d.note),
    language,
    languageSure,
    negationSeen: cues.some((c) => c.kind === 'negation'),
    correctionSeen: correctedAt.length > 0,
  };
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}

function isChange(a: Action): boolean {
  return a.intent === 'book' || a.intent === 'cancel';
}

/** Words that open the object of an order ("annulez tout ce qui est prévu", "cancel everything that is booked"). */
const ORDER_OBJECT_WORDS = new Set(['tout', 'all', 'everything', 'anything', 'whatever', 'de', 'ce', 'qui', 'est', 'deja', 'that', 'which', 'is', 'are', 'already', 'what']);

/** Words after "chez" that name a teacher ("en CE2 chez Mme Rousseau"), not a place the child goes. */
const TEACHER_WORDS = new Set(['mme', 'mr', 'm', 'madame', 'monsieur', 'mademoiselle', 'mlle', 'maitresse', 'maitre', 'mrs', 'ms', 'miss', 'professeur', 'prof']);

/**
 * Cues that ask nothing where they stand: a negation in a sentence naming no child, service or
 * day and holding no booking verb ("je sais que ce n'est pas de votre ressort"); a "ce qui est
 * prévu" / "what is booked" that is the object of an order ("merci d'annuler tout ce qui est
 * prévu"), not a question about the bookings.
 */
function withoutStrayCues(tokens: readonly Token[], cues: CueTag[], entities: readonly { start: number }[]): CueTag[] {
  const sentenceOf = new Int32Array(tokens.length + 1);
  let s = 0;
  for (let i = 0; i < tokens.length; i++) {
    sentenceOf[i] = s;
    if (isSentenceEnd(tokens[i]!)) s++;
  }
  sentenceOf[tokens.length] = s;
  const named = new Uint8Array(s + 1);
  for (const e of entities) named[sentenceOf[e.start]!] = 1;
  for (const c of cues) if (c.kind === 'book' || c.kind === 'bookStrong' || c.kind === 'cancelStrong') named[sentenceOf[c.start]!] = 1;
  let lastOrderEnd = -10;
  return cues.filter((c) => {
    if (c.kind === 'negation' && !named[sentenceOf[c.start]!]) return false;
    // "elle est en CE2 chez Mme Rousseau": the class of a teacher, not a child away from school.
    if (c.kind === 'absence' && tokens[c.end - 1]?.norm === 'chez' && TEACHER_WORDS.has(tokens[c.end]?.norm ?? '')) return false;
    if (c.kind === 'cancelStrong' || c.kind === 'bookStrong') lastOrderEnd = c.end;
    if (c.kind === 'listStrong' && c.start >= lastOrderEnd && c.start - lastOrderEnd <= 4) {
      let k = lastOrderEnd;
      while (k < c.start && ORDER_OBJECT_WORDS.has(tokens[k]!.norm)) k++;
      if (k === c.start) return false;
    }
    return true;
  });
}

/** Pieces of program code or markup ("'); DROP TABLE …;--", "<script>", "{{x}}", "SELECT * FROM"). */
const CODE_LIKE = /['"`]\s*\)\s*;|;\s*--|<\/?[a-z]+[^>]*>|\{\{|\}\}|\$\{|\b(?:select\s+\S+\s+from|drop\s+table|delete\s+from|insert\s+into|update\s+\w+\s+set|union\s+select)\b|\b\w+\s*\(\s*['"]|=>|&&|\|\|/i;

/** A message that is program code rather than words (it names no child, service or day): no request. */
function looksLikeCode(text: string): boolean {
  return CODE_LIKE.test(text.length > 4000 ? text.slice(0, 4000) : text);
}

// "tout le monde", "tout de suite", and "tout va bien", "tout roule": how things go, no service.
const NOT_EVERYTHING_AFTER = new Set(['monde', 'suite', 'mois', 'temps', 'semaine', 'long', 'juste', 'pres', 'debut', 'fin', 'seul', 'seule', 'va', 'allait', 'ira', 'roule', 'baigne', 'continue', 'reste', 'change']);
// "tout se passe bien", "tout s'est bien passé" (not "tout s'il vous plaît": "s'" folds to "se" too).
const GOING_AFTER_SE = new Set(['passe', 'passent', 'est', 'deroule', 'passera']);

/** Whether a clause says "tout", "rien" or "everything" of the services ("annule tout", "ne prendra rien"), not "tout le monde" nor "pas du tout". */
function saysEverything(tokens: readonly Token[], start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const n = tokens[i]!.norm;
    // ("Pour Sacha rien ne change", "rien à changer", "rien de spécial": nothing changes, no service named.)
    if (n === 'rien' && ['ne', 'n', 'a', 'de', 'd'].includes(tokens[i + 1]?.norm ?? '')) continue;
    if (n === 'everything' || n === 'rien') return true;
    if (n !== 'tout') continue;
    const prev = tokens[i - 1]?.norm ?? '';
    if (prev === 'du' || prev === 'pas' || prev === 'en') continue;
    let j = i + 1;
    if (tokens[j]?.norm === 'le' || tokens[j]?.norm === 'la' || tokens[j]?.norm === 'de') j++;
    if (NOT_EVERYTHING_AFTER.has(tokens[j]?.norm ?? '')) continue;
    if (tokens[j]?.norm === 'se' && GOING_AFTER_SE.has(tokens[j + 1]?.norm ?? '')) continue;
    return true;
  }
  return false;
}

const PARENT_WORDS = new Set(['maman', 'papa', 'mere', 'pere', 'parent', 'parents', 'mum', 'mom', 'mummy', 'mother', 'dad', 'father', 'grand', 'mamie', 'papi']);
const SIGNATURE_LINKS = new Set([',', '(', ')', '-', '&', '/', 'et', 'and', '\n', ':']);
const CLOSING_WORDS = new Set(['merci', 'cordialement', 'bisous', 'bises', 'thanks', 'regards', 'cheers', 'bonne', 'journee', 'soiree']);

/**
 * A message without its closing signature that names the children and their classes ("maman
 * de Léa (CE1) et Tom (GS)", "Julie (maman d'Inès, Noé et Zoé)", "mum of Emma and Lucas"): it
 * names no child of a request.
 */
function withoutSignature(tokens: Token[]): Token[] {
  // Capitals tell names apart only in a message written in both cases.
  if (!tokens.some((t) => t.kind === 'word' && t.raw !== t.raw.toUpperCase())) return tokens;
  for (let i = tokens.length - 2; i >= 0; i--) {
    if (!PARENT_WORDS.has(tokens[i]!.norm) || !['de', 'des', 'of', 'du'].includes(tokens[i + 1]!.norm)) continue;
    let j = i + 2;
    let names = 0;
    while (j < tokens.length) {
      const t = tokens[j]!;
      if (t.kind === 'word' && t.capitalized) names++;
      else if (!(t.kind === 'other' || SIGNATURE_LINKS.has(t.norm) || (t.kind === 'punct' && t.norm !== '.'))) break;
      j++;
    }
    if (names === 0) continue;
    // Only at the end: nothing but punctuation, names or closing words after it.
    let k = j;
    while (k < tokens.length && (tokens[k]!.kind !== 'word' || tokens[k]!.capitalized || CLOSING_WORDS.has(tokens[k]!.norm))) k++;
    if (k < tokens.length) continue;
    const kept = tokens.slice(0, i);
    kept.forEach((t, index) => (t.index = index));
    return kept;
  }
  return withoutSignatureLines(tokens);
}

/**
 * "c'est la maman de Léa et Tom, je voulais inscrire Tom…": the children named where the parent
 * says who they are name no child of the request, when the request names its own after it.
 */
function withoutParentIntroduction(tokens: Token[]): Token[] {
  for (let i = 0; i + 2 < tokens.length; i++) {
    if (!PARENT_WORDS.has(tokens[i]!.norm) || !['de', 'des', 'of', 'du'].includes(tokens[i + 1]!.norm)) continue;
    const names: string[] = [];
    let j = i + 2;
    while (j < tokens.length) {
      const t = tokens[j]!;
      // ("la grand-mère de Léa et de Tom": "de" again before each name.)
      if (names.length > 0 && (t.norm === 'de' || t.norm === 'of') && SIGNATURE_LINKS.has(tokens[j - 1]?.norm ?? '')) {
        j++;
        continue;
      }
      if (t.kind === 'word' && !SIGNATURE_LINKS.has(t.norm) && names.length < 6 && (t.capitalized || t.raw === t.raw.toLowerCase())) {
        // A name said again ("papa de Léa et Tom, Tom mange…") is the request's.
        if (INTRO_ENDS.has(t.norm) || names.includes(t.norm)) break;
        names.push(t.norm);
      } else if (!SIGNATURE_LINKS.has(t.norm) || t.norm === '\n' || t.norm === ':') break;
      j++;
      // Names come one at a time between links ("Léa et Tom", "Léa, Tom"): two words in a row end it.
      if (t.kind === 'word' && !SIGNATURE_LINKS.has(t.norm) && tokens[j]?.kind === 'word' && !SIGNATURE_LINKS.has(tokens[j]!.norm)) break;
    }
    if (names.length === 0 || names.length > 4) continue;
    const rest = new Set(tokens.slice(j).map((t) => t.norm));
    if (!names.some((n) => rest.has(n))) continue;
    const kept = [...tokens.slice(0, i), ...tokens.slice(j)];
    kept.forEach((t, index) => (t.index = index));
    return kept;
  }
  return tokens;
}
/** Words that end a parent's introduction: the request starts. */
const INTRO_ENDS = new Set(['je', 'j', 'i', 'nous', 'on', 'we', 'voulais', 'voudrais', 'souhaite', 'souhaiterais', 'pour', 'merci', 'pouvez', 'could', 'can', 'would', 'please', 'svp']);

/** School classes as parents write them in a signature: "CE2", "GS", "CM1-CM2", "6e". */
const CLASS_LABEL = /^(tps|ps|ms|gs|cp|ce1|ce2|cm1|cm2|\d(e|eme))$/;
const SCHOOL_WORDS = new Set(['ecole', 'classe', 'maternelle', 'elementaire', 'primaire', 'groupe', 'scolaire', 'school', 'class', 'year', 'grade', 'de', 'du', 'des', 'la', 'le', "l'", "d'"]);

/**
 * A message without the signature lines that end it and name children with their class or
 * school ("Frédéric⏎Léa Moreau (CE2) – école Pasteur"): lines of names, class labels and
 * school words only, after the last line that says anything else, with at least one class
 * label or school word among them (names alone could be the answer to "which child?").
 */
function withoutSignatureLines(tokens: Token[]): Token[] {
  let cut = tokens.length;
  let marked = false;
  let lineStart = tokens.length;
  for (let i = tokens.length - 1; i >= -1; i--) {
    const t = tokens[i];
    if (t && t.norm !== '\n') continue;
    // tokens[i + 1 .. lineStart) is one line.
    let signatureLike = true;
    let lineMarked = false;
    let words = 0;
    for (let k = i + 1; k < lineStart && signatureLike; k++) {
      const w = tokens[k]!;
      if (CLASS_LABEL.test(w.norm) && w.raw === w.raw.toUpperCase() && /[a-z]/i.test(w.raw)) lineMarked = true;
      else if (w.kind === 'word' && SCHOOL_WORDS.has(w.norm)) lineMarked ||= w.norm === 'ecole' || w.norm === 'classe' || w.norm === 'school' || w.norm === 'class';
      else if (w.kind === 'word' && (w.capitalized || PARENT_WORDS.has(w.norm) || CLOSING_WORDS.has(w.norm))) words++;
      else if (!(w.kind === 'punct' || SIGNATURE_LINKS.has(w.norm))) signatureLike = false;
    }
    if (!signatureLike) break;
    if (lineMarked || words > 0) {
      marked ||= lineMarked;
      cut = i + 1;
    }
    lineStart = i;
  }
  if (!marked || cut === 0 || cut >= tokens.length) return tokens;
  const kept = tokens.slice(0, cut);
  kept.forEach((t, index) => (t.index = index));
  return kept;
}

const INTERROGATIVES = new Set(['comment', 'combien', 'pourquoi', 'quand', 'quel', 'quelle', 'quels', 'quelles', 'lequel', 'laquelle', 'how', 'why', 'what', 'when', 'where', 'which', 'who', 'qui', 'quoi']);

/** Whether a clause holds a question word ("comment", "combien", "how") or a "où" written with its accent. */
function hasInterrogative(tokens: readonly Token[], start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const t = tokens[i]!;
    if (INTERROGATIVES.has(t.norm) || (t.raw.toLowerCase() === 'où' && !isHenceOu(tokens, i)) || (t.norm === 'est' && tokens[i + 1]?.norm === 'ce')) return true;
  }
  return false;
}

const OBJECT_PRONOUNS_BEFORE = new Set(['le', 'la', 'les', 'l']);
const OBJECT_PRONOUNS_AFTER = new Set(['it', 'them', 'that', 'this', 'la', 'le', 'les']);

/** "l'enlever", "la supprimer", "cancel it", "annulez-la": an order whose object is a pronoun. */
const SERVICE_PRONOUNS = new Set(['celle', 'celui', 'celles', 'ceux', 'sienne', 'siennes', 'sien', 'siens', 'hers', 'his']);
/** "celle de Léa", "la sienne", "hers": a pronoun standing for the service just named. */
const CONTRAST_YES = new Set(['oui', 'si', 'yes', 'does', 'will']);
const PICKUP_OBJECTS = new Set(['la', 'le', 'les', 'l']);
const TAKE_VERBS = new Set(['prendre']);
const PASS_FILLERS = new Set(['donc', 'alors', 'bien', 'aussi', 'moi', 'meme']);
const PASS_VERBS = new Set(['passe', 'passerai', 'passera', 'passerons', 'passer', 'passons', 'viendrai', 'viendra', 'viens', 'vient', 'venir']);
const PICKUP_OBJECTS_AFTER = new Set(['her', 'him', 'them', 'up']);
/** A fetch verb with the child as its object: "les chercher", "la récupérer", "pick her up", "collect them". */
function collectsChild(tokens: readonly Token[], clause: Clause): boolean {
  // (No word that asks, but the coming of "viendra la chercher", "come and pick her up".)
  const asks = clause.cues.filter((c) => isPredicate(c.kind));
  for (let i = clause.start; i < clause.end; i++) {
    // ("je passerai donc la prendre le matin": "passer prendre" is to collect.)
    const passAt = PASS_VERBS.has(tokens[i - 2]?.norm ?? '') ? i - 2 : PASS_VERBS.has(tokens[i - 3]?.norm ?? '') && PASS_FILLERS.has(tokens[i - 2]?.norm ?? '') ? i - 3 : -1;
    const passTake = TAKE_VERBS.has(tokens[i]!.norm) && PICKUP_OBJECTS.has(tokens[i - 1]?.norm ?? '') && passAt >= 0;
    if (!FETCH_VERBS.has(tokens[i]!.norm) && !passTake) continue;
    if (passTake && asks.every((c) => c.start === i || c.start === passAt)) return clause.services.some((x) => x.start > i);
    // ("c'est sa mamie qui vient chercher Léo à la garderie": the child named after the verb.)
    const named = clause.children.some((c) => c.kind === 'name' && c.start === i + 1);
    const comes = (c: CueTag) => c.kind === 'book' && (c.end === i - 1 || (c.end === i && (tokens[i - 1]?.norm === 'and' || named)) || (c.end === i - 2 && tokens[i - 1]?.norm === 'and'));
    if (asks.some((c) => !comes(c))) return false;
    // ("Ce soir c'est sa mamie qui vient chercher Léo à la garderie": "ce soir" before it says when.)
    if (named && clause.services.some((x) => x.start > i)) return true;
    // (Only where the service is said after it, as the place: "Rose garderie du soir jeudi, … je la récupère à 17h45" is a request.)
    if ((PICKUP_OBJECTS.has(tokens[i - 1]?.norm ?? '') || PICKUP_OBJECTS_AFTER.has(tokens[i + 1]?.norm ?? '')) && clause.services.length > 0 && clause.services.every((x) => x.start > i)) return true;
  }
  return false;
}

/** The clause opens on a child and a "yes" of contrast ("mais Maëlle oui", "but Emily does"). */
function saysYesToPrevious(tokens: readonly Token[], clause: Clause): boolean {
  const first = clause.children[0];
  return !!first && first.kind === 'name' && first.start <= clause.start + 1 && CONTRAST_YES.has(tokens[first.end]?.norm ?? '');
}

function pointsAtService(tokens: readonly Token[], clause: Clause): boolean {
  for (let i = clause.start; i < clause.end; i++) {
    const n = tokens[i]!.norm;
    if (!SERVICE_PRONOUNS.has(n)) continue;
    if ((n === 'celle' || n === 'celui' || n === 'celles' || n === 'ceux') && !['de', 'du', 'des', 'd', 'pour'].includes(tokens[i + 1]?.norm ?? '')) continue;
    if ((n === 'hers' || n === 'his') && tokens[i + 1]?.kind === 'word') continue;
    return true;
  }
  return false;
}

/** Words of the clause outside the given items, counted up to 3. */
function wordsOutside(tokens: readonly Token[], clause: Clause, items: readonly { start: number; end: number }[]): number {
  let n = 0;
  for (let i = clause.start; i < clause.end && n < 3; i++) {
    if (tokens[i]!.kind !== 'word' || items.some((x) => i >= x.start && i < x.end)) continue;
    n++;
  }
  return n;
}

/** The clause points at one child: "lui", "il", "elle", "him", or an order on "le"/"la" ("annulez-le"). */
function pointsAtOne(clause: Clause, tokens: readonly Token[]): boolean {
  if (clause.children.some((c) => c.kind === 'ref' && !c.plural)) return true;
  return clause.cues.some((c) => (c.kind === 'cancelStrong' || c.kind === 'bookStrong') && hasPronounObject(tokens, c.start, c.end));
}

function hasPronounObject(tokens: readonly Token[], start: number, end: number): boolean {
  const before = tokens[start - 1];
  const after = tokens[end];
  if (before && OBJECT_PRONOUNS_BEFORE.has(before.norm) && (before.raw.endsWith("'") || before.raw.toLowerCase() === 'l')) return true;
  if (before && (before.norm === 'la' || before.norm === 'les') && tokens[start - 2]?.norm === 'de') return true;
  return !!after && OBJECT_PRONOUNS_AFTER.has(after.norm) && (after.norm.length > 3 || after.norm === 'it' || tokens[end + 1] === undefined || tokens[end + 1]!.kind === 'punct');
}

const BOOKED_PARTICIPLES = new Set(['booked', 'planned', 'scheduled', 'prevu', 'prevue', 'prevus', 'prevues']);

const TIMES_OF_DAY = new Set(['matin', 'soir', 'midi', 'morning', 'evening', 'noon', 'matinee', 'soiree']);

/**
 * "mercredi matin", "Wednesday morning" beside the Wednesday club: a time of day after a
 * weekday on which that service never runs is not the service, when another is named.
 */
const GREETING_LEADS = new Set(['good', 'bonne', 'bon']);
const THIS_WORDS = new Set(['ce', 'this', 'cette']);
const STATE_WORDS = new Set(['malade', 'malades', 'sick', 'ill', 'unwell', 'poorly', 'fievre', 'fever', 'temperature', 'vomi', 'vomit', 'vomited', 'depuis', 'since', 'souffrant', 'souffrante', 'febrile', 'mal', 'ventre', 'tete', 'gorge', 'dents', 'oreille', 'oreilles', 'toux', 'tousse']);

/**
 * A time of day that is no service: "Good morning", "Good evening" (a greeting), "malade ce
 * matin", "sick this morning", "depuis ce matin" (when the child fell ill, not the care).
 */
function timeOfDayOnly(tokens: readonly Token[], start: number, end: number): boolean {
  if (end - start !== 1 || !TIMES_OF_DAY.has(tokens[start]!.norm)) return false;
  const prev = tokens[start - 1]?.norm ?? '';
  // "Lou sera absente lundi (orthophoniste le matin puis pédiatre)": a time of day said in passing, in parentheses.
  if ((prev === 'le' || prev === 'the' || prev === 'in') && tokens[start - 2]?.norm !== '(' && insideParentheses(tokens, start)) return true;
  // "Morning, Emily has a temperature", "Morning! …": the greeting that opens the message.
  if (start === 0 && tokens[start]!.norm === 'morning' && (tokens[1]?.kind === 'punct' || tokens[1]?.capitalized)) return true;
  if (GREETING_LEADS.has(prev) && (prev === 'good' || tokens[start]!.norm === 'soiree' || tokens[start]!.norm === 'matinee')) return true;
  // "le vendredi 5 février au matin", "hier soir", "last night": when, not which care.
  // ("il faut l'inscrire au soir" is the care: "au matin" is a time only after a day.)
  const dayBefore = tokens[start - 2];
  if (prev === 'au' && dayBefore && (dayBefore.kind === 'num' || MONTHS.has(dayBefore.norm) || WEEKDAYS.has(dayBefore.norm))) return true;
  if (prev === 'hier' || prev === 'yesterday' || prev === 'last') return true;
  // "mon message de ce matin", "my email this morning", "l'appel de ce soir": when something was sent.
  if (THIS_WORDS.has(prev) && sentWhen(tokens, start)) return true;
  return THIS_WORDS.has(prev) && STATE_WORDS.has(tokens[start - 2]?.norm ?? '');
}
const TIME_LEADS = new Set(['avant', 'before', 'apres', 'after']);
/** "before lunch", "avant le déjeuner", "après la cantine": a service word as a time. */
function timeWordBefore(tokens: readonly Token[], start: number): boolean {
  const prev = tokens[start - 1]?.norm ?? '';
  if (TIME_LEADS.has(prev)) return true;
  return ['le', 'la', 'l', 'the'].includes(prev) && TIME_LEADS.has(tokens[start - 2]?.norm ?? '');
}
/** Whether token `i` is inside parentheses opened on its line. */
function insideParentheses(tokens: readonly Token[], i: number): boolean {
  for (let k = i - 1; k >= 0 && k >= i - 30; k--) {
    const n = tokens[k]!.norm;
    if (n === ')' || n === '\n') return false;
    if (n === '(') return true;
  }
  return false;
}

/** A time of day right after a message word ("mon message de ce matin", "my email this morning"). */
function sentWhen(tokens: readonly Token[], i: number): boolean {
  const a = tokens[i - 2]?.norm ?? '';
  return MESSAGE_WORDS.has(a) || (['de', 'from', 'd'].includes(a) && MESSAGE_WORDS.has(tokens[i - 3]?.norm ?? ''));
}
// (And what happened then: "désolée pour le retard de ce matin", "the delay this morning", "la réunion de ce soir".)
const MESSAGE_WORDS = new Set([
  'message', 'messages', 'mail', 'mails', 'email', 'emails', 'courriel', 'appel', 'sms', 'texto', 'note', 'call', 'text',
  'retard', 'retards', 'oubli', 'incident', 'reunion', 'spectacle', 'match', 'entrainement', 'accident', 'bouchons', 'embouteillages', 'delay', 'meeting', 'traffic',
]);

function withoutTimesOfDay(tags: readonly ServiceTag[], tokens: readonly Token[], ctx: InterpretContext): readonly ServiceTag[] {
  if (!tags.some((t) => t.code !== null && (t.end - t.start > 1 || !TIMES_OF_DAY.has(tokens[t.start]!.norm)))) return tags;
  return tags.filter((t) => {
    if (t.code === null || t.end - t.start !== 1 || !TIMES_OF_DAY.has(tokens[t.start]!.norm)) return true;
    const day = WEEKDAYS.get(tokens[t.start - 1]?.norm ?? '');
    const service = ctx.config.services.find((s) => s.code === t.code);
    return !day || !service || service.weekdays.includes(day.wd);
  });
}

const FRAMED_KINDS: ReadonlySet<string> = new Set(['weekday', 'except', 'every']);
const SET_ASIDE_LEADS = new Set(['le', 'la', 'l', 'les', 'a', 'au', 'aux', 'celle', 'celui', 'du', 'the', 'to', 'for', 'at']);
const SET_ASIDE_AFTER = new Set([',', 'mais', 'but', '-', 'et', 'and']);

/**
 * "la garderie du matin jeudi, pas le soir", "à la cantine mais pas à la garderie", "breakfast
 * club, not after school": a service after "pas"/"not" (never "pas de", which cancels), once
 * another service of the same sentence was named, is set aside, like a day after "sauf". Returns
 * the tags set aside, keyed also by the position of their "pas" (for the negation it is not).
 */
function servicesSetAside(tokens: readonly Token[], services: readonly ServiceTag[]): Set<ServiceTag | number> {
  const out = new Set<ServiceTag | number>();
  let lastKept: ServiceTag | null = null;
  for (const s of services) {
    let k = s.start - 1;
    while (k >= 0 && s.start - k <= 3 && SET_ASIDE_LEADS.has(tokens[k]!.norm)) k--;
    const not = tokens[k];
    const before = tokens[k - 1];
    const sameSentence = lastKept !== null && !tokens.slice(lastKept.end, k).some(isSentenceEnd);
    if (not && (not.norm === 'pas' || not.norm === 'not') && sameSentence && lastKept!.code !== s.code && before && (SET_ASIDE_AFTER.has(before.norm) || k === lastKept!.end)) {
      out.add(s);
      out.add(k);
      continue;
    }
    // "à la garderie du soir au lieu de la cantine", "instead of lunch", "plutôt que la cantine": the service replaced.
    const w1 = tokens[k]?.norm ?? '';
    const w2 = tokens[k - 1]?.norm ?? '';
    if (lastKept !== null && sameSentence && lastKept.code !== s.code && ((w2 === 'lieu' && (w1 === 'de' || w1 === 'du' || w1 === 'des')) || (w2 === 'instead' && w1 === 'of') || (w2 === 'plutot' && w1 === 'que') || (w2 === 'rather' && w1 === 'than'))) {
      out.add(s);
      continue;
    }
    lastKept = s;
  }
  return out;
}

const FRAME_LEADS = new Set(['pour', 'for', 'during', 'pendant', 'durant', 'bonjour', 'hello', 'hi', 'so', 'donc', 'alors']);

/**
 * "La semaine prochaine, Jules ira au centre mercredi et mangera à la cantine jeudi": a week or
 * a month said first, as the topic of the message, frames the weekdays of every request after it.
 */
function applyLeadingFrame(tokens: readonly Token[], dates: readonly DateItem[], clauses: Clause[]): void {
  const frame = dates[0];
  if (!frame || frame.kind !== 'span' || frame.scope === 'holiday') return;
  // ("Garderie du soir semaine prochaine : Gabriel lundi et mardi, Rose seulement le jeudi": a service said before it too.)
  const serviceAt = (i: number) => clauses.some((c) => c.services.some((sv) => sv.start <= i && i < sv.end));
  for (let i = 0; i < frame.start; i++) if (tokens[i]!.kind !== 'punct' && !FRAME_LEADS.has(tokens[i]!.norm) && !serviceAt(i)) return;
  const after = tokens[frame.end];
  if (!after || after.kind !== 'punct' || ![',', ':', '-', '\n'].includes(after.norm)) return;
  for (const c of clauses) {
    if (c.dates.includes(frame) || c.start < frame.end) continue;
    const onlyWeekdays = c.dates.every((d) => FRAMED_KINDS.has(d.kind));
    // "Pour la semaine du 7 juin : Mia cantine lundi et jeudi, Théo cantine tous les jours".
    if (onlyWeekdays && c.dates.some((d) => d.kind === 'weekday' || d.kind === 'every')) c.dates.push(frame);
  }
}

/**
 * "Les enfants reprennent lundi 4 janvier : cantine + garderie du soir lundi 4 et mardi 5", "Pour la
 * rentrée du 4 janvier, Hugo reprend la cantine et la garderie du soir tous les jours de la semaine":
 * a day said first as the topic, then a list of services with the days after the last one, is one
 * request for all of them on those days, when the topic's days are among them ("lundi, cantine et
 * garderie du soir mardi" stays two requests).
 */
function joinServiceLists(clauses: Clause[], tokens: readonly Token[], dctx: DateContext): void {
  for (let k = 0; k + 1 < clauses.length; k++) {
    const a = clauses[k]!;
    const b = clauses[k + 1]!;
    if (a.services.length === 0 || a.dates.length === 0 || b.services.length === 0 || b.dates.length === 0 || a.sentence !== b.sentence) continue;
    const lastService = a.services[a.services.length - 1]!;
    if (a.dates.some((d) => d.end > lastService.start) || b.dates.some((d) => d.start < b.services[0]!.start)) continue;
    if (b.children.length > 0 || b.predicate || a.question || b.question) continue;
    const lastDate = a.dates[a.dates.length - 1]!;
    let pause = false;
    for (let i = lastDate.end; i < lastService.start; i++) if (tokens[i]!.norm === ':' || tokens[i]!.norm === ',') pause = true;
    if (!pause) continue;
    const da = resolveDates(a.dates, dctx, null).dates;
    const db = resolveDates(b.dates, dctx, null).dates;
    if (!da || !db || da.length === 0 || !da.every((d) => db.includes(d))) continue;
    // The topic's days are the request's days too: b's days say them all.
    clauses[k] = { ...a, end: b.end, services: [...a.services, ...b.services], dates: b.dates, cues: [...a.cues, ...b.cues], predicate: a.predicate || b.predicate, inheritIntent: a.inheritIntent };
    clauses.splice(k + 1, 1);
  }
}

/**
 * "Léa : oui lundi, non mardi pour la cantine", "cantine pour Tom : lundi oui, mardi non": the
 * days said yes or no to in one sentence share the children and services said with any of them.
 */
function sharePolarFrame(clauses: Clause[]): void {
  const bySentence = new Map<number, Clause[]>();
  for (const c of clauses) {
    if (!c.cues.some((q) => q.polar)) continue;
    const list = bySentence.get(c.sentence ?? 0) ?? [];
    list.push(c);
    bySentence.set(c.sentence ?? 0, list);
  }
  for (const group of bySentence.values()) {
    if (group.length < 2) continue;
    const services = group.flatMap((c) => c.services);
    const children = group.flatMap((c) => c.children.filter((t) => t.kind === 'name' || t.kind === 'all'));
    for (const c of group) {
      if (c.services.length === 0) c.services = services;
      if (!c.children.some((t) => t.kind === 'name' || t.kind === 'all')) c.children = [...c.children, ...children];
    }
  }
}

/**
 * "Pour la rentrée : Jade mangera à la cantine jeudi 5 et vendredi 6 novembre": the rentrée said
 * first, as the topic, adds no day of its own to a request that gives its days in full from it on.
 */
function dropTopicAnchor(tokens: readonly Token[], dates: readonly DateItem[], clauses: Clause[], dctx: DateContext): void {
  const frame = dates.find((d) => d.kind !== 'anaphor' && d.kind !== 'except');
  if (!frame || frame.kind !== 'anchor') return;
  // Said first in its sentence ("J'espère que vous passez de bonnes vacances. Pour la rentrée : …").
  for (let i = frame.start - 1; i >= 0 && !isSentenceEnd(tokens[i]!); i--) if (tokens[i]!.kind !== 'punct' && !FRAME_LEADS.has(tokens[i]!.norm)) return;
  const after = tokens[frame.end];
  if (!after || after.kind !== 'punct' || ![',', ':', '-', '\n'].includes(after.norm)) return;
  for (const c of clauses) {
    if (!c.dates.includes(frame)) continue;
    const others = c.dates.filter((d) => d !== frame);
    if (others.length === 0 || !others.every((d) => d.kind === 'dates')) continue;
    const days = resolveDates(others, dctx, null).dates;
    if (days && days.length > 0 && days.every((d) => d >= frame.date)) c.dates = others;
  }
}

/**
 * "Jade dort chez une copine jeudi soir, pas besoin de garderie jeudi 17": a weekday said alone
 * beside the one day of the message given in full on that weekday is that day.
 */
function sameWeekdayAsDate(items: DateItem[], today: IsoDate): DateItem[] {
  const byWeekday = new Map<number, IsoDate | null>();
  for (const it of items) {
    if (it.kind !== 'dates') continue;
    for (const d of it.dates) {
      if (d < today) continue;
      const wd = isoWeekday(d);
      const had = byWeekday.get(wd);
      byWeekday.set(wd, had === undefined || had === d ? d : null);
    }
  }
  if (byWeekday.size === 0) return items;
  return items.map((it) => {
    if (it.kind !== 'weekday' || it.shift !== 0 || it.following) return it;
    const d = byWeekday.get(it.wd);
    return d ? { kind: 'dates', dates: [d], start: it.start, end: it.end } : it;
  });
}

const MOVE_VERBS = new Set([
  'changer', 'change', 'changes', 'changez', 'deplacer', 'deplace', 'deplacez', 'decaler', 'decale', 'decalez', 'reporter', 'reporte', 'reportez',
  'basculer', 'bascule', 'transferer', 'transfere', 'move', 'moved', 'moving', 'switch', 'swap', 'shift', 'reschedule', 'passe', 'passer', 'passez',
]);

/**
 * "Can I change Emily's lunch from Thursday to Friday?", "déplacer la cantine de Tom de jeudi à
 * vendredi": a move of one day to another cancels the first and books the second; it never
 * books both, nor the days between.
 */
function movedDays(clause: Clause, tokens: readonly Token[], draft: Draft): Draft[] | null {
  const a = draft.action;
  if ((a.intent !== 'book' && a.intent !== 'cancel') || a.dates === null || a.dates.length < 2) return null;
  const range = clause.dates.filter((d) => d.kind !== 'except');
  // "passe de la garderie du soir mardi à jeudi": two days with "à" between them, as a range is.
  const pair = range.length === 2 && range.every((d) => d.kind === 'weekday' || d.kind === 'dates') && ['a', 'au', 'to'].includes(tokens[range[0]!.end]?.norm ?? '') && range[1]!.start === range[0]!.end + 1;
  if (!pair && (range.length !== 1 || range[0]!.kind !== 'range')) return null;
  const r = range[0]!;
  if (r.kind === 'range' && (r.from.kind === 'end' || r.to.kind === 'end')) return null;
  // The verb governs the day ("je change de travail, Tom ira … du lundi au jeudi" moves nothing): no stop between them.
  let verb = false;
  for (let k = clause.start; k < r.start; k++) {
    const t = tokens[k]!;
    if (t.kind === 'punct') verb = false;
    // ("changer de travail" names no booking; "passer de la garderie du soir mardi à jeudi" does.)
    else if (MOVE_VERBS.has(t.norm) && ((tokens[k + 1]?.norm !== 'de' && tokens[k + 1]?.norm !== 'd') || ['la', 'le', 'l', 'les'].includes(tokens[k + 2]?.norm ?? ''))) verb = true;
  }
  if (!verb) return null;
  const first = a.dates[0]!;
  const last = a.dates[a.dates.length - 1]!;
  return [
    { ...draft, action: { ...a, intent: 'cancel', dates: [first] } },
    { ...draft, action: { ...a, intent: 'book', dates: [last] } },
  ];
}

const CORRECTING_WORDS = new Set(['finalement', 'erreur', 'plutot', 'corriger', 'corrigez', 'corrige', 'modifier', 'modifiez', 'modifie', 'changer', 'changez', 'trompe', 'trompee', 'meant', 'instead', 'lieu', 'place', 'remplacer', 'remplacez']);

/** Whether the message corrects or moves a booking: a correction cue or a word of changing. */
function correctsABooking(tokens: readonly Token[], cues: readonly CueTag[]): boolean {
  if (cues.some((c) => c.kind === 'correction')) return true;
  for (const t of tokens) if (CORRECTING_WORDS.has(t.norm)) return true;
  return false;
}

/** Where each word is first written in the message (made once a message, for the few that need it). */
const firstSeen = new WeakMap<readonly Token[], Map<string, number>>();
function firstSaid(tokens: readonly Token[]): Map<string, number> {
  let m = firstSeen.get(tokens);
  if (!m) {
    m = new Map();
    for (let k = 0; k < tokens.length; k++) if (!m.has(tokens[k]!.norm)) m.set(tokens[k]!.norm, k);
    firstSeen.set(tokens, m);
  }
  return m;
}

/**
 * "je me suis trompée : Léo c'est la cantine mardi, pas lundi", "I meant Friday not Thursday",
 * "mettez-le à la cantine jeudi à la place du vendredi": in a correction, the day set aside is
 * cancelled as the other is booked (a weekday set aside is the one of the week of the day booked).
 */
function setAsideDays(clause: Clause, draft: Draft, corrects: boolean, dctx: DateContext, tokens: readonly Token[], said: readonly DateItem[]): Draft[] | null {
  const a = draft.action;
  if (!corrects || a.intent !== 'book' || a.dates === null || a.dates.length === 0) return null;
  // "c'est Chloé qui va à la garderie ce soir, pas Noé": the child set aside is cancelled those days.
  // (A child named for the request earlier in the same message was only a slip: "Gabriel … Oups, Louise pas Gabriel".)
  const saidBefore = (c: ChildTag): boolean => (firstSaid(tokens).get(fold(c.name!)) ?? Infinity) < c.start;
  const aside = [...new Set(clause.children.filter((c) => c.kind === 'name' && c.excluded && !saidBefore(c)).map((c) => c.name!))].filter((n) => !a.children?.includes(n));
  const except = clause.dates.filter((d) => d.kind === 'except');
  if (except.length === 0 && aside.length > 0 && a.children !== null) return [draft, { ...draft, action: { ...a, intent: 'cancel', children: aside.sort() } }];
  if (except.length === 0) return null;
  const first = a.dates[0]!;
  const days = new Set<IsoDate>();
  for (const e of except) {
    if (e.kind !== 'except') continue;
    for (const d of e.dates) if (d >= dctx.today) days.add(d);
    for (const wd of e.weekdays) {
      let d = addDays(mondayOf(first), wd - 1);
      if (d < dctx.today) d = weekdayOnOrAfter(dctx.today, wd);
      days.add(d);
    }
  }
  // ("Tom cantine jeudi et vendredi. Oh wait, not Friday": a day the request itself named, taken back before it was made, is no cancellation.)
  // ("Gabriel et Rose à la cantine jeudi. Ah non, pour Rose c'est vendredi, pas jeudi": nor is one said earlier in the message.)
  const own = new Set(resolveDates(said.filter((d) => (d.start < clause.start || (d.start >= clause.start && d.end <= clause.end)) && d.kind !== 'except' && d.kind !== 'anaphor'), dctx, a.services).dates ?? []);
  const dates = [...days].filter((d) => !a.dates!.includes(d) && !own.has(d) && anyServiceRuns(dctx, a.services, d)).sort();
  if (dates.length === 0) return null;
  return [draft, { ...draft, action: { ...a, intent: 'cancel', dates } }];
}

/**
 * "… car Ambre a une sortie scolaire vendredi, elle aura un pique-nique. Merci d'annuler sa cantine
 * ce jour-là": "ce jour-là" with no request before it to give its days is the day said last, even
 * in a reason.
 */
function withDayReferred(clause: Clause, prev: Previous | null, said: DateItem | null, tokens: readonly Token[], weekdaysSaid: readonly DateItem[] = []): Clause {
  // "le mercredi 14 octobre elle a une compétition. Pouvez-vous annuler ce mercredi-là ?": that day, whatever the request before.
  const weekday = clause.dates.find((d) => d.kind === 'anaphor' && d.wd !== undefined);
  const saidDays = said?.kind === 'dates' ? said.dates : said?.kind === 'from' && said.ref.kind === 'date' ? [said.ref.date] : null;
  if (weekday && weekday.kind === 'anaphor' && saidDays) {
    const day = saidDays.find((d) => isoWeekday(d) === weekday.wd);
    if (day) return { ...clause, dates: [...clause.dates.filter((d) => d !== weekday), { kind: 'dates', dates: [day], start: weekday.start, end: weekday.end }] };
  }
  // "Pouvez-vous les inscrire à la cantine ce jour-là, ainsi que le mardi 27 ?": that day and the days said with it.
  const pointer = clause.dates.find((d) => d.kind === 'anaphor' && !d.period);
  // ("ce jeudi et ce vendredi, j'ai une formation ces deux jours-là": "ces … jours" said after days of its own is those days.)
  if (pointer && tokens[pointer.start]?.norm === 'ces' && clause.dates.some((d) => d.kind !== 'anaphor' && d.kind !== 'except' && d.start < pointer.start)) {
    return { ...clause, dates: clause.dates.filter((d) => d !== pointer) };
  }
  // "je termine à 18h le lundi et le jeudi. Pourriez-vous l'inscrire ces jours-là jusqu'aux vacances ?": those weekdays over the period.
  const others = clause.dates.filter((d) => d !== pointer && d.kind !== 'except');
  if (pointer && weekdaysSaid.length > 0 && others.length > 0 && others.every((d) => PERIOD_KINDS.has(d.kind))) {
    return { ...clause, dates: [...clause.dates.filter((d) => d !== pointer), ...weekdaysSaid.map((d) => ({ ...d, start: pointer.start, end: pointer.end }))].sort((a, b) => a.start - b.start) };
  }
  if (pointer && clause.dates.some((d) => d.kind !== 'anaphor' && d.kind !== 'except')) {
    // (One day only: "à la cantine les mêmes jours", glued to days of its own, is those days.)
    const day = prev?.dates?.length === 1 ? prev.dates[0]! : said?.kind === 'dates' && said.dates.length === 1 ? said.dates[0]! : null;
    return day ? { ...clause, dates: [...clause.dates.filter((d) => d !== pointer), { kind: 'dates', dates: [day], start: pointer.start, end: pointer.end }] } : clause;
  }
  if (!said || prev?.dates || !clause.dates.some((d) => d.kind === 'anaphor') || clause.dates.some((d) => d.kind !== 'anaphor' && d.kind !== 'except')) return clause;
  // ("Comme sa sœur est en classe verte jeudi et vendredi, Hugo mangera à la cantine ces deux jours-là": every weekday said.)
  const several = pointer && tokens[pointer.start]?.norm === 'ces' && weekdaysSaid.length > 1 && weekdaysSaid.includes(said);
  return { ...clause, dates: [...clause.dates.filter((d) => d.kind !== 'anaphor'), ...(several ? weekdaysSaid : [said])] };
}

const PERIOD_KINDS = new Set<DateItem['kind']>(['until', 'from', 'span', 'range']);

/**
 * "tous les mercredis jusqu'aux vacances, et la garderie le vendredi pour la même période": the
 * weekdays said with "the same period" are bounded by the period said before.
 */
function withPeriodOfBefore(clause: Clause, period: readonly DateItem[] | null): Clause {
  const same = clause.dates.find((d) => d.kind === 'anaphor' && d.period);
  if (!same || !period || !clause.dates.some((d) => d.kind === 'every' || d.kind === 'weekday')) return clause;
  const dates = clause.dates.filter((d) => d !== same).map((d): DateItem => (d.kind === 'weekday' ? { kind: 'every', weekdays: [d.wd], start: d.start, end: d.end } : d));
  return { ...clause, dates: [...dates, ...period] };
}

/**
 * "Lou-Anne fait de la danse le jeudi maintenant, donc pour la semaine prochaine garderie du soir seulement lundi et
 * mardi": weekdays said after "seulement" / "only" are the days; a weekday said before them in the clause is not.
 */
function withOnlyWeekdays(clause: Clause, tokens: readonly Token[]): Clause {
  let only = -1;
  for (let i = clause.start; i < clause.end; i++) if (ONLY_DAY_WORDS.has(tokens[i]!.norm)) only = i;
  if (only < 0 || !clause.dates.some((d) => d.kind === 'weekday' && d.start > only)) return clause;
  const before = clause.dates.filter((d) => d.kind === 'weekday' && d.start < only);
  return before.length === 0 ? clause : { ...clause, dates: clause.dates.filter((d) => !before.includes(d)) };
}
const ONLY_DAY_WORDS = new Set(['seulement', 'uniquement', 'only']);

/**
 * "Noé cantine tous les lundis et jeudis jusqu'aux vacances, Chloé seulement le jeudi": right after a
 * recurrence, "le jeudi" for another child is that weekday of the recurrence, in its scope.
 */
function withHabitOfBefore(clause: Clause, tokens: readonly Token[], habit: readonly DateItem[] | null): Clause {
  if (!habit || clause.dates.length !== 1) return clause;
  const d = clause.dates[0]!;
  // ("… tous les jeudis jusqu'aux vacances de la Toussaint et Adam aussi mais seulement les vendredis": the recurrence's scope too.)
  if (d.kind === 'every' && d.weekdays && d.weekdays.length > 0 && !habit.includes(d) && clause.children.some((c) => c.kind === 'name')) {
    const scope = habit.filter((h) => h.kind === 'until' || h.kind === 'span' || h.kind === 'from');
    return scope.length > 0 ? { ...clause, dates: [d, ...scope] } : clause;
  }
  if (d.kind !== 'weekday' || d.shift !== 0 || d.following || (tokens[d.start - 1]?.norm !== 'le' && tokens[d.start]?.norm !== 'le') || !clause.children.some((c) => c.kind === 'name')) return clause;
  const scope = habit.filter((h) => h.kind === 'until' || h.kind === 'span' || h.kind === 'from');
  const every: DateItem = { kind: 'every', weekdays: [d.wd], start: d.start, end: d.end };
  return { ...clause, dates: [every, ...scope] };
}

/**
 * A clause of names only, some set aside ("Louise pas Gabriel"), in a correction: the requests
 * before it for the children set aside are for the others instead. Says whether it did so.
 */
function swapsChildren(clause: Clause, drafts: Draft[]): boolean {
  if (clause.services.length > 0 || clause.dates.some((d) => d.kind !== 'except' && d.kind !== 'anaphor')) return false;
  const names = clause.children.filter((c) => c.kind === 'name');
  const out = new Set(names.filter((c) => c.excluded).map((c) => c.name!));
  const into = [...new Set(names.filter((c) => !c.excluded).map((c) => c.name!))];
  if (out.size === 0 || into.length === 0) return false;
  let swapped = false;
  for (const d of drafts) {
    const children = d.action.children;
    if (!children || !children.some((c) => out.has(c))) continue;
    d.action = { ...d.action, children: [...new Set([...children.filter((c) => !out.has(c)), ...into])].sort() };
    d.note.missingChildren = false;
    swapped = true;
  }
  return swapped;
}

const ORDER_PARTICIPLES = new Set(['reserve', 'reservee', 'reserves', 'reservees', 'inscrit', 'inscrite', 'inscrits', 'inscrites']);

const BOUND_KINDS: ReadonlySet<string> = new Set(['from', 'until']);

/**
 * "Annulez tout pour Inès cette semaine, elle part chez sa grand-mère à partir de demain": a start
 * or an end said alone in the clause right after a week or a month, naming no other child nor any
 * service, bounds that period; it opens no period of its own.
 */
function applyTrailingBound(clauses: Clause[], tokens: readonly Token[]): void {
  for (let i = 1; i < clauses.length; i++) {
    const c = clauses[i]!;
    // The clause before, past a reason that names no day nor service ("…, j'ai changé d'horaires. Annulez-la jusqu'aux vacances").
    let k = i - 1;
    while (k > 0 && clauses[k]!.dates.length === 0 && clauses[k]!.services.length === 0 && !clauses[k]!.children.some((t) => t.kind === 'name')) k--;
    const p = clauses[k]!;
    // "… à partir du 1er mars, vous pouvez annuler sa garderie du matin jusqu'aux vacances": the same service again is no other request.
    const ownServices = c.services.some((t) => t.code === null || !p.services.some((q) => q.code === t.code));
    if (c.dates.length === 0 || !c.dates.every((d) => BOUND_KINDS.has(d.kind)) || ownServices) continue;
    // "elle reprendra à partir de jeudi": a return ends the absence, it does not bound it from its start.
    if (saysReturn(c, tokens) || saysResume(c, tokens)) continue;
    const period = p.dates.some((d) => d.kind === 'span' && d.scope !== 'holiday');
    // "… après les vacances de printemps. Merci de retirer ses inscriptions jusqu'à la fin de l'année": a start, then its end.
    const opens = p.dates.some((d) => d.kind === 'anchor' || d.kind === 'from') && !p.dates.some((d) => d.kind === 'until') && c.dates.every((d) => d.kind === 'until');
    if ((!period && !opens) || p.dates.some((d) => d.kind === 'range' || (period && BOUND_KINDS.has(d.kind)))) continue;
    if (c.services.length > 0 && !opens) continue;
    const names = new Set(p.children.filter((t) => t.kind === 'name').map((t) => t.name));
    if (c.children.some((t) => t.kind === 'all' || t.kind === 'unknown' || (t.kind === 'name' && !names.has(t.name)))) continue;
    p.dates.push(...c.dates);
    c.dates = [];
  }
}

function readClause(
  clause: Clause,
  prev: Previous | null,
  tokens: readonly Token[],
  ctx: InterpretContext,
  dctx: DateContext,
  fuzzy: readonly { written: string; child: string; at: number }[],
  correctedAt: readonly number[],
  careOfMessage: string | null,
  messageClockCare: ReadonlySet<string>,
  mentioned: readonly string[] | null,
): Draft | null {
  // "…, je vous dirai plus tard pour Tom", "I'll tell you which days for Tom later": what follows a
  // promise to tell later is what the parent will say then, not part of this request.
  const laterAt = clause.cues.find((c) => c.kind === 'later')?.start;
  // ("Pour la suite je vous redirai quand j'aurai le planning du club": with nothing asked before it, nothing at all.)
  if (laterAt !== undefined) {
    const before = <T extends { start: number }>(xs: readonly T[]): T[] => xs.filter((x) => x.start < laterAt);
    clause = { ...clause, children: before(clause.children), services: before(clause.services), dates: before(clause.dates), cues: before(clause.cues) };
  }
  const kinds = new Set(clause.cues.map((c) => c.kind));
  const nameTags = clause.children.filter((c) => c.kind === 'name');
  const unknown = clause.children.filter((c) => c.kind === 'unknown').map((c) => c.name!);
  const excluded = new Set(nameTags.filter((c) => c.excluded).map((c) => c.name!));
  const hasAll = clause.children.some((c) => c.kind === 'all');
  let named = [...new Set(nameTags.filter((c) => !c.excluded).map((c) => c.name!))];
  // "Marie-Lou a de la fièvre, elle ne viendra pas aujourd'hui. Paul oui.", "Jade ne viendra pas au centre mercredi. Lina si.":
  // the other child comes as usual, after an absence or in a sentence of its own; nothing to change.
  if (prev?.intent === 'cancel' && saysYesToPrevious(tokens, clause) && clause.services.length === 0 && clause.dates.length === 0 && (prev.services === null || clause.opensSentence) && !clause.cues.some((c) => isPredicate(c.kind))) return null;
  // "c'est moi qui viendrai les chercher ce soir à la garderie", "I'll pick her up from after-school club": who collects the
  // child, with no word that asks, books nothing (the service is where the child is collected).
  if (!clause.inheritIntent && !clause.question && collectsChild(tokens, clause)) return null;
  // "Lucas rien, il est en classe de neige", "Emma non": a child left out, with no order nor service of
  // its own, asks nothing; "annulez tout sauf Lucas" is for the others.
  // ("…, mais gardez Léa": the child whose booking stays, after a request for the others, asks nothing either.)
  const keptAside = clause.children.some((c) => c.excluded && KEEP_VERBS.has(tokens[c.start - 1]?.norm ?? ''));
  if (!hasAll && named.length === 0 && excluded.size > 0 && clause.services.length === 0 && !kinds.has('cancelStrong') && (!kinds.has('bookStrong') || keptAside)) return null;
  // "pour Noé et Maëlle … les deux": "both" after two children named is those two.
  const bothOfNamed = hasAll && named.length === 2 && clause.children.every((c) => c.kind !== 'all' || /\b(deux|2|both)\b/.test(rawText(tokens, c.start, c.end).toLowerCase()));
  // "Cette semaine je garde les enfants : Jade et Louise à la cantine jeudi, …": the children named after a colon are the request's.
  const allIsHeading = hasAll && nameTags.some((n) => clause.children.some((c) => c.kind === 'all' && c.end <= n.start && tokens.slice(c.end, n.start).some((t) => t.norm === ':')));
  if ((hasAll && !bothOfNamed && !allIsHeading) || (named.length === 0 && excluded.size > 0)) named = ctx.children.filter((c) => !excluded.has(c));
  const singularRef = clause.children.some((c) => c.kind === 'ref' && !c.plural);
  const hasDate = clause.dates.some((d) => d.kind !== 'except' && d.kind !== 'anaphor');

  let intent: Exclude<Intent, 'unknown'> | null =
    clause.inheritIntent && prev
      ? clause.affirms && prev.intent === 'cancel'
        ? 'book'
        : prev.intent
      : decideIntent({
          kinds,
          question: clause.question,
          hasChild: named.length > 0 || unknown.length > 0,
          onlyGroup: hasAll && nameTags.length === 0 && unknown.length === 0,
          hasRef: clause.children.some((c) => c.kind === 'ref'),
          hasDate,
          hasService: clause.services.length > 0,
          domain: aboutTheService(clause, tokens, kinds),
        });
  if (intent === null && kinds.has('same') && prev) intent = prev.intent;
  // "elle ne revient qu'à partir de jeudi": the days before the return are an absence.
  const returning = clause.dates.some((d) => d.kind === 'until' && d.returning === true);
  if (returning && (intent === null || intent === 'book')) intent = 'cancel';
  // "Léa est malade, elle reviendra jeudi": the day of the return bounds the absence, as "ne revient que jeudi" does.
  // "Tom est malade. Il sera de retour jeudi": the return after the illness said before it, likewise.
  const backAfterIllness = intent === 'book' && prev?.intent === 'cancel' && prev.dates === null && prev.services === null && !kinds.has('bookStrong') && !kinds.has('request') && hasDate && clause.services.length === 0 && saysReturn(clause, tokens);
  if (backAfterIllness) intent = 'cancel';
  const returnsOn = intent === 'cancel' && (kinds.has('illness') || backAfterIllness) && !returning && !kinds.has('negation') && !kinds.has('cancelStrong') && hasDate && clause.services.length === 0 && saysReturn(clause, tokens);
  // "Léa reprend la cantine lundi après sa varicelle": a return said with its day books that day; the illness is over.
  if (intent === 'cancel' && kinds.has('illness') && !returning && !kinds.has('negation') && !kinds.has('cancelStrong') && hasDate && clause.services.length > 0 && saysResume(clause, tokens)) intent = 'book';
  // "j'ai essayé d'inscrire Noé mais je ne sais pas si ça a marché": a check of what the parent did, not a new booking.
  if (intent === 'book' && kinds.has('attempt')) intent = 'list';
  // "reservé cantine Maëlle du 1 au 5 mars": a participle opening a message with no verb before it is an order.
  if (intent === 'list' && !clause.question && clause.start === 0 && ORDER_PARTICIPLES.has(tokens[0]?.norm ?? '') && clause.services.length > 0 && hasDate && !clause.cues.some((c) => c.kind === 'listStrong')) intent = 'book';
  if (intent === 'book' && kinds.has('plan') && !kinds.has('bookStrong')) return null;
  if (intent === null) return null;
  // "Suite à un changement de planning", "due to a change at work": a reason said alone adds nothing.
  if (opensWithReason(clause, tokens) && clause.children.length === 0 && clause.services.length === 0 && !hasDate) return null;
  // "merci à l'équipe de la garderie pour la fête": thanks naming a service are still thanks.
  if (intent === 'book' && !kinds.has('bookStrong') && !hasDate && thanksSomeone(clause, tokens)) return null;
  // "Jeudi 25 : rien", "la cantine le 15 et le 16 puis rien jusqu'aux vacances": nothing planned those days, no cancellation.
  if (intent === 'cancel' && named.length === 0 && !hasAll && clause.services.length === 0 && clause.cues.some((c) => c.kind === 'negation') && clause.cues.every((c) => c.kind === 'greeting' || (c.kind === 'negation' && (tokens[c.start]!.norm === 'rien' || tokens[c.start]!.norm === 'nothing')))) return null;
  // "my husband will message you from now on", "désormais je passe par l'appli": a start with no
  // service and no child said or pointed at is about how the family writes, not a booking.
  // ("à partir de lundi" alone stays: it may answer "Pour quel jour ?".)
  if (intent === 'book' && !kinds.has('bookStrong') && clause.services.length === 0 && clause.children.length === 0 && hasDate && clause.dates.every((d) => d.kind === 'from') && wordsOutside(tokens, clause, clause.dates) >= 3) return null;
  // "il a mangé une prune à la cantine": a past tense tells what happened, it books nothing.
  if (intent === 'book' && !kinds.has('bookStrong') && !clause.inheritIntent && tellsThePast(clause, tokens)) return null;
  // "il a oublié son gilet à la cantine, quelqu'un l'aurait vu ?": a question about what happened, not about bookings.
  if (intent === 'list' && clause.question && !kinds.has('listStrong') && !kinds.has('listWeak') && !kinds.has('listNoun') && !kinds.has('book') && tellsThePast(clause, tokens)) intent = 'help';
  // "…pour Chloé et Noé mardi et jeudi. Hugo n'en a pas besoin": a child left out of the request
  // before, not a cancellation of everything he has those days.
  if (intent === 'cancel' && prev?.intent === 'book' && clause.services.length === 0 && (!hasDate || saysNotThem(clause, tokens)) && !kinds.has('cancelStrong') && leftOutOfRequest(clause, tokens)) return null;
  // "Lucas rien, il est en classe de neige", "Théo a foot le mercredi donc pas lui", "Inès, elle va chez
  // la nounou": beside a request for other children, a child said with no service, no day and no
  // order of its own is left out of it; nothing of that child's changes.
  if (
    intent === 'cancel' &&
    prev !== null &&
    prev.children !== null &&
    named.length > 0 &&
    named.every((n) => !prev.children!.includes(n)) &&
    clause.services.length === 0 &&
    !hasDate &&
    !clause.inheritIntent &&
    !kinds.has('cancelStrong') &&
    !kinds.has('illness') &&
    (!kinds.has('absence') || (prev.intent === 'book' && !kinds.has('negation'))) &&
    !kinds.has('same')
  ) return null;
  // "Raphaël reste, lui, inscrit comme d'habitude", "Tom stays booked as usual": nothing changes for him.
  if ((intent === 'list' || intent === 'book') && !clause.question && !kinds.has('bookStrong') && !kinds.has('request') && staysAsItIs(clause, tokens)) return null;
  // "il a oublié son bonnet hier à la garderie": days that are all gone tell what happened, they book nothing.
  if (intent === 'book' && !kinds.has('bookStrong') && !clause.inheritIntent && hasDate && onlyPastDays(clause, tokens, dctx.today)) return null;
  // "Maëlle a été malade hier, …": an absence all in the past asks nothing (the days to come are said apart).
  if (intent === 'cancel' && !kinds.has('cancelStrong') && !clause.inheritIntent && hasDate && onlyPastDays(clause, tokens, dctx.today)) return null;
  // "est-ce que vous faites un centre de loisirs …?": a question whether the town has a service is help, not a list.
  if (intent === 'list' && clause.question && named.length === 0 && asksWhetherServiceExists(clause, tokens)) intent = 'help';
  // "je voulais savoir si le 11 novembre il y a cantine", "est-ce qu'il reste de la place au centre ?": whether the
  // service runs, or has room, is a question to the town, not about the family's bookings.
  if (intent === 'list' && !clause.children.some((c) => c.kind === 'name') && asksWhetherItRuns(clause, tokens)) intent = 'help';
  // "vous faites centre aéré pendant les vacances de la Toussaint ?", "les 2 cantine pendant les vacances c possible ?":
  // a question whose only days are school holidays asks whether the town runs something then.
  // ("Qu'est-ce que Tom a pendant les vacances ?" names a child: it asks about that child, a list.)
  if ((intent === 'list' || intent === 'book') && clause.question && !kinds.has('bookStrong') && !kinds.has('cancelStrong') && !clause.children.some((c) => c.kind === 'name') && clause.dates.length > 0 && clause.dates.every((d) => d.kind === 'span' && d.scope === 'holiday')) intent = 'help';

  const note = emptyNote();
  note.matched.intent = clause.cues.filter((c) => PREDICATE_WORDS.has(c.kind)).map((c) => rawText(tokens, c.start, c.end));
  if (intent === 'help') {
    // "les horaires de travail", "le menu était super": a help word in a statement, beside a request, asks nothing.
    const asks = clause.question || clause.cues.some((c) => c.kind === 'helpGeneral' || c.kind === 'ability') || hasInterrogative(tokens, clause.start, clause.end);
    const asked = [...new Set(clause.services.map((t) => t.code).filter((c): c is string => c !== null))];
    return { action: { intent: 'help', children: null, services: null, dates: null }, note, sideRemark: !asks, askedAbout: asks ? asked : [] };
  }

  // Children: named here, else the only child, else those of the request before ("il", "elle").
  // A name the family does not have: ask, never guess (not even in a one-child family).
  let children: string[] | null;
  if (unknown.length > 0 || clause.children.some((c) => c.vague)) children = null;
  else if (named.length > 0) children = [...named].sort();
  else if (ctx.children.length === 1) children = [ctx.children[0]!];
  else if (mentioned && !(singularRef && mentioned.length > 1)) children = [...mentioned];
  else if (prev && prev.children && !(singularRef && prev.children.length > 1)) children = prev.children;
  else children = null;

  // Services: those named; a vague care word is settled by the days; a repeated frame keeps the previous ones.
  const serviceTags = withoutTimesOfDay(clause.services, tokens, ctx);
  let reading = readServices(serviceTags, careOfClockTimes(tokens.slice(clause.start, clause.end)));
  // A vague care word the clause's own clock times do not settle: the message's times may ("récupéré à 16h …, pas besoin de garderie").
  if (reading.vagueCare) reading = readServices(serviceTags, messageClockCare);
  if (reading.vagueCare && careOfMessage !== null) reading = { codes: new Set([...reading.codes, careOfMessage]), vagueCare: false };
  const known = new Set(ctx.config.services.map((s) => s.code));
  const codes = new Set([...reading.codes].filter((c) => known.has(c)));
  let ambiguous: string[] | null = null;
  if (reading.vagueCare) {
    const care = ['morning', 'evening'].filter((c) => known.has(c));
    const raw = resolveDates(clause.dates, dctx, null).dates;
    let running = care;
    if (raw && raw.length > 0) {
      running = care.filter((c) => raw.some((d) => anyServiceRuns(dctx, [c], d)));
      if (running.length === 0 && known.has('wednesday') && raw.some((d) => anyServiceRuns(dctx, ['wednesday'], d))) {
        codes.add('wednesday');
      }
    }
    if (!codes.has('wednesday')) {
      const options = running.length > 0 ? running : care;
      // "garderie" alone: the care service that runs those days if only one does, else ask which.
      if (intent === 'book' && codes.size === 0 && options.length === 1) codes.add(options[0]!);
      else if (intent === 'book' && codes.size === 0) ambiguous = options;
      else if (intent !== 'book') for (const c of options) codes.add(c);
    }
  }
  let services: string[] | null = codes.size > 0 ? [...codes].sort() : null;
  // "annulez tout, cantine et garderie", "cancel everything including lunch": every service.
  if (services !== null && intent !== 'book' && saysEverything(tokens, clause.start, clause.end)) services = null;
  if (services === null && (clause.inheritIntent || kinds.has('same')) && prev) services = prev.services;
  // "… et annuler celle de Léa le jeudi 15", "cancel hers too": the service of the request before.
  if (services === null && prev && (intent === 'cancel' || intent === 'book') && pointsAtService(tokens, clause)) services = prev.services;
  // "Hugo ne mangera pas à la cantine, mais Maëlle oui, merci de l'inscrire": the child said "yes" to the service before.
  if (services === null && prev && intent === 'book' && saysYesToPrevious(tokens, clause)) services = prev.services;

  // Dates: those named here, else (for a booking or a cancellation, or "ce jour-là") the days of the request before.
  let dates: IsoDate[] | null;
  let dropped: IsoDate[] = [];
  let leftOut: ActionNote['leftOut'] = [];
  let openEnded = false;
  if (hasDate) {
    // What is booked today can still be asked once the service has started: a list keeps today.
    // (A weekday said alone still means the coming one: "inscrite jeudi ?" on a Thursday afternoon is next week's.)
    const periodOnly = intent === 'list' && clause.dates.every((d) => d.kind === 'span' || d.kind === 'except');
    // "il ne viendra pas demain ni mardi. Il reprend mercredi", "l'arrête jusqu'à vendredi. Il reprend lundi": after the days
    // of the absence, the day of the return is no day of it.
    // (Not someone else's return: "My husband is away this week, he's back on Saturday".)
    // ("Tom est malade demain, il revient lundi" is from tomorrow up to the return: read below, when no negation or end bounds the days.)
    let backAt = intent === 'cancel' && !returning && !someoneElseSubject(tokens, clause.start, clause.end) ? returnAfterDays(clause, tokens) : -1;
    if (backAt >= 0 && returnsOn && !clause.dates.some((d) => d.start < backAt && (d.kind === 'until' || d.kind === 'range'))) backAt = -1;
    const items = backAt >= 0 ? clause.dates.filter((d) => d.start < backAt) : clause.dates;
    const res = resolveDates(framedDays(items, tokens), periodOnly ? { ...dctx, minutes: 0 } : dctx, services);
    dates = res.dates;
    // "malade hier et encore absente aujourd'hui et demain": a day gone can no longer change; the days to come stay.
    if (dates && (intent === 'book' || intent === 'cancel') && dates.some((d) => d < dctx.today) && dates.some((d) => d >= dctx.today)) dates = dates.filter((d) => d >= dctx.today);
    if (returnsOn && backAt < 0 && dates && dates.length > 0) {
      // ("Tom est malade demain, il revient lundi": the last day said is the return, the first one the start.)
      const back = dates[dates.length - 1]!;
      const days: IsoDate[] = [];
      const start = dates.length > 1 ? dates[0]! : todayStillOpen(dctx, services) ? dctx.today : addDays(dctx.today, 1);
      for (let d = start; d < back; d = addDays(d, 1)) if (anyServiceRuns(dctx, services, d)) days.push(d);
      dates = days.length > 0 ? days : null;
    }
    dropped = res.dropped;
    openEnded = res.openEnded;
    leftOut = res.leftOut;
  } else if (prev && prev.dates && (intent === 'book' || intent === 'cancel' || clause.dates.some((d) => d.kind === 'anaphor'))) {
    // "Côme pareil sauf le mardi": the days of the request before, but for those excepted here.
    const outWd = new Set<number>();
    const outDates = new Set<IsoDate>();
    for (const d of clause.dates) {
      if (d.kind !== 'except') continue;
      for (const wd of d.weekdays) outWd.add(wd);
      for (const x of d.dates) outDates.add(x);
    }
    dates = prev.dates.filter((d) => anyServiceRuns(dctx, services, d) && !outWd.has(isoWeekday(d)) && !outDates.has(d));
  } else dates = null;

  const action: Action = { intent, children, services, dates };
  if (intent === 'book' && strayDay(clause, tokens, ctx.config.services)) return null;
  note.missingChildren = children === null;
  note.unknownNames = [...new Set(unknown)];
  note.missingServices = intent === 'book' && services === null;
  note.missingDates = dates === null && intent !== 'list';
  note.noRunningDay = dates !== null && dates.length === 0;
  note.droppedDates = dropped;
  note.leftOut = leftOut;
  note.ambiguousServices = ambiguous;
  note.openEnded = openEnded;
  note.fuzzyChildren = [];
  for (let k = firstAtOrAfter(fuzzy, (f) => f.at, clause.start); k < fuzzy.length && fuzzy[k]!.at < clause.end; k++) {
    note.fuzzyChildren.push({ written: fuzzy[k]!.written, child: fuzzy[k]!.child });
  }
  note.matched.children = clause.children.map((c) => rawText(tokens, c.start, c.end));
  note.matched.services = clause.services.map((s) => rawText(tokens, s.start, s.end));
  note.matched.dates = clause.dates.map((d) => rawText(tokens, d.start, d.end));
  note.negation = kinds.has('negation');
  note.absence = intent === 'cancel' && (kinds.has('illness') || returning);
  const c = firstAtOrAfter(correctedAt, (p) => p, clause.start);
  note.corrected = c < correctedAt.length && correctedAt[c]! < clause.end;
  const weak = intent === 'book' && services === null && !kinds.has('bookStrong') && !clause.inheritIntent;
  const orders = kinds.has('cancelStrong') || kinds.has('bookStrong');
  const pronounObject = orders && clause.cues.some((c) => (c.kind === 'cancelStrong' || c.kind === 'bookStrong') && hasPronounObject(tokens, c.start, c.end));
  const statement =
    intent === 'list' &&
    !clause.question &&
    !kinds.has('request') &&
    !kinds.has('listNoun') &&
    clause.cues.every((c) => c.kind !== 'listStrong' || (c.end - c.start === 1 && BOOKED_PARTICIPLES.has(tokens[c.start]!.norm)));
  // "Hugo adore les animatrices du mercredi", "Lucas has been talking about the club all week":
  // a child and a day with no verb that asks, nor a service of its own, is a remark.
  const bare =
    intent === 'book' &&
    !clause.inheritIntent &&
    !kinds.has('bookStrong') &&
    !kinds.has('same') &&
    !clause.question &&
    !clause.services.some((t) => t.code !== null) &&
    clause.cues.every((c) => c.kind !== 'book' || STATE_VERBS.has(tokens[c.start]!.norm));
  // A request read from its slots alone (no verb that asks), or an absence word with no day of its own.
  const slotsOnly =
    !clause.inheritIntent &&
    !kinds.has('bookStrong') &&
    !kinds.has('cancelStrong') &&
    !kinds.has('illness') &&
    !kinds.has('same') &&
    !clause.question &&
    (intent === 'book' || intent === 'cancel') &&
    (clause.cues.every((c) => !isPredicate(c.kind) || (c.kind === 'book' && STATE_VERBS.has(tokens[c.start]!.norm))) || (kinds.has('absence') && !hasDate));
  const politeOrder = orders && (kinds.has('request') || clause.question);
  const past =
    (dates !== null && dates.length > 0 && dates.every((d) => d < dctx.today)) ||
    // ("il a vomi" is past; "Mia has a doctor's appt", "il a rendez-vous" are not: "a" there is an article or "has".)
    clause.cues.some((c) => c.kind === 'illness' && PAST_MARKERS.has(tokens[c.start - 1]?.norm ?? '') && (tokens[c.start - 1]!.norm !== 'a' || /(i|u|é)$/.test(tokens[c.start]!.raw.toLowerCase())));
  // "Jade a été un peu malade la semaine dernière", "he was poorly last week": an illness that is over.
  // ("Rose a eu un petit rhume la semaine dernière": the days it names are gone by.)
  // ("Salomé a été malade lundi et mardi, je n'ai pas pu vous prévenir": the weekdays of an illness told in the past are gone by.)
  const pastIllness = clause.cues.some((c) => c.kind === 'illness' && (tokens[c.start - 1]?.norm === 'ete' || tokens[c.start - 1]?.norm === 'etait' || tokens[c.start - 1]?.norm === 'was') && ['a', 'as', 'ont', 'il', 'elle', 'he', 'she'].includes(tokens[c.start - 2]?.norm ?? ''));
  const pastDays = pastIllness && !orders && clause.dates.length > 0 && clause.dates.every((d) => d.kind === 'weekday' && d.shift === 0);
  const illnessOver =
    pastDays ||
    clause.cues.some((c) => c.kind === 'illness' && [1, 2, 3].some((k) => OVER_MARKERS.has(tokens[c.start - k]?.norm ?? ''))) ||
    (clause.cues.some((c) => c.kind === 'illness') && !(dates?.length) && GONE_BY.test(rawText(tokens, clause.start, clause.end).toLowerCase()));
  const bareNegation = intent === 'cancel' && !orders && kinds.has('negation') && !kinds.has('illness') && !kinds.has('absence') && clause.services.length === 0 && !hasDate;
  const concessive = saysStill(tokens, clause.start, clause.end);
  const habitChange = intent === 'cancel' && !orders && kinds.has('negation') && saysNoLonger(tokens, clause.start, clause.end);
  // ("c'est moi qui m'occupe d'eux": a pronoun after a preposition is no subject of the clause.)
  const aboutSomeoneElse =
    !clause.children.some((c) => c.kind === 'name' || c.kind === 'all' || (c.kind === 'ref' && !NOT_SUBJECT_BEFORE.has(tokens[c.start - 1]?.norm ?? ''))) &&
    someoneElseSubject(tokens, clause.start, clause.end);
  return { action, note, weak, statement, orders, pronounObject, bare, sentence: clause.sentence, slotsOnly, politeOrder, past, bareNegation, concessive, habitChange, aboutSomeoneElse, illnessOver, pastDays };
}

const HAVE_AUXILIARIES = new Set(['a', 'ont', 'avait', 'avaient', 'as', 'avons', 'avez', 'ai', 'has', 'had', 'have']);
const PAST_PARTICIPLE_END = /(e|es|ee|ees|ed)$/;

/** Every verb that books in the clause is a past tense after "avoir" ("il a mangé", "they had lunch"). */
function tellsThePast(clause: Clause, tokens: readonly Token[]): boolean {
  const books = clause.cues.filter((c) => c.kind === 'book');
  // "Noé a adoré le repas chinois de la cantine aujourd'hui": no verb of booking, and a verb in the past.
  if (books.length === 0) {
    // (The child, or a pronoun for it, is the subject: "Noé a adoré", "elles ont mangé".)
    // ("Jules a perdu son collier", "elle a pris froid": participles in -u, -is, -it too, never a day or a service word, and
    // never after "à", which folds to "a".)
    const names = new Set(clause.children.filter((c) => c.kind === 'name' || c.kind === 'ref').map((c) => c.end));
    const slot = (k: number) => clause.services.some((x) => x.start <= k && k < x.end) || clause.dates.some((d) => d.start <= k && k < d.end);
    for (let i = clause.start + 1; i + 1 < clause.end; i++) {
      if (!names.has(i) && !SUBJECT_PRONOUNS.has(tokens[i - 1]!.norm)) continue;
      const aux = tokens[i]!;
      const verb = tokens[i + 1]!;
      if (!HAVE_AUXILIARIES.has(aux.norm) || aux.raw.toLowerCase() === 'à' || verb.kind !== 'word' || slot(i + 1)) continue;
      if (/(é|ée|és|ées)$/.test(verb.raw.toLowerCase()) || (/(u|ue|us|is|it)$/.test(verb.raw.toLowerCase()) && verb.raw.length > 3)) return true;
    }
    return false;
  }
  return books.every((c) => {
    let k = c.start - 1;
    if (tokens[k]?.norm === 'deja' || tokens[k]?.norm === 'bien' || tokens[k]?.norm === 'already') k--;
    return HAVE_AUXILIARIES.has(tokens[k]?.norm ?? '') && PAST_PARTICIPLE_END.test(tokens[c.start]!.norm);
  });
}

/** "donc pas lui", "so not her": the child said is left out, whatever days come with the reason. */
function saysNotThem(clause: Clause, tokens: readonly Token[]): boolean {
  for (let k = clause.start + 1; k < clause.end; k++) {
    const a = tokens[k - 1]!.norm;
    const b = tokens[k]!.norm;
    if ((a === 'pas' && (b === 'lui' || b === 'elle' || b === 'eux')) || (a === 'not' && (b === 'her' || b === 'him' || b === 'them'))) return true;
  }
  return false;
}

/** "n'en a pas besoin", "n'est pas concerné", "doesn't need it", "pas pour lui", "pas lui". */
/** A "y" standing for the place just said ("Tom y sera mardi", "il y mangera"), not "il y a". */
function saysThere(clause: Clause, tokens: readonly Token[]): boolean {
  for (let k = clause.start; k < clause.end; k++) {
    if (tokens[k]!.norm !== 'y') continue;
    const next = tokens[k + 1]?.norm ?? '';
    if (!['a', 'avait', 'aura', 'ait', 'aurait'].includes(next)) return true;
  }
  return false;
}

function leftOutOfRequest(clause: Clause, tokens: readonly Token[]): boolean {
  const words = tokens.slice(clause.start, clause.end).map((t) => t.norm);
  const has = (w: string) => words.includes(w);
  return (
    (has('en') && has('besoin')) ||
    has('concerne') ||
    has('concernee') ||
    ((has('need') || has('needs')) && (has('it') || has('them') || has('that'))) ||
    (has('pas') && has('pour') && (has('lui') || has('elle') || has('eux') || clause.children.some((c) => c.kind === 'name'))) ||
    saysNotThem(clause, tokens) ||
    // "Pas Hugo, il est chez son père", "Not Tom": the bare "pas" and the child it leaves out, nothing else.
    ((has('pas') || has('not')) && words.length <= 3 && clause.children.some((c) => c.kind === 'name') && clause.cues.every((c) => c.kind === 'negation')) ||
    // "Chloé n'y sera pas", "Tom n'y va pas": not there, where the others go.
    (has('y') && has('pas') && (has('sera') || has('ira') || has('va') || has('viendra') || has('participera'))) ||
    ((has('not') || has('won')) && (has('coming') || has('going')) && !has('tomorrow') && !has('today'))
  );
}

const RETURNS = new Set(['revient', 'reviendra', 'reviennent', 'reviendront', 'back']);
/**
 * The position of a return verb ("reprend", "revient", "is back") said after the days of the clause and
 * before its last one ("… demain ni mardi. Il reprend mercredi"), or -1.
 */
function returnAfterDays(clause: Clause, tokens: readonly Token[]): number {
  const last = clause.dates[clause.dates.length - 1];
  if (!last || clause.dates.length < 2) return -1;
  for (let k = last.start - 1; k >= clause.start && k >= last.start - 4; k--) {
    if (RESUMES.has(tokens[k]!.norm) || (tokens[k]!.norm === 'back' && ['is', 'be', 's'].includes(tokens[k - 1]?.norm ?? ''))) {
      return clause.dates.some((d) => d.end <= k) ? k : -1;
    }
  }
  return -1;
}

const RESUMES = new Set([...RETURNS, 'reprend', 'reprendra', 'reprennent', 'reprendront', 'retourne', 'retournera', 'returns', 'return']);

/** "reviendra", "sera de retour", "will be back": the child comes back on the day said. */
function saysReturn(clause: Clause, tokens: readonly Token[]): boolean {
  for (let k = clause.start; k < clause.end; k++) {
    const n = tokens[k]!.norm;
    if (RESUMES.has(n) || (n === 'retour' && tokens[k - 1]?.norm === 'de')) return true;
  }
  return false;
}

/** "reprend la cantine", "reviendra", "is back": the child resumes. */
function saysResume(clause: Clause, tokens: readonly Token[]): boolean {
  for (let k = clause.start; k < clause.end; k++) if (RESUMES.has(tokens[k]!.norm)) return true;
  return false;
}

const STAYS = new Set(['reste', 'restent', 'restera', 'resteront', 'remains', 'remain', 'stays', 'stay']);
const CONTINUES = new Set(['continue', 'continuent', 'continuera', 'continueront', 'carries']);
/** "reste inscrit", "comme d'habitude", "stays booked as usual": what is booked stays as it is. */
function staysAsItIs(clause: Clause, tokens: readonly Token[]): boolean {
  const words = tokens.slice(clause.start, clause.end).map((t) => t.norm);
  const usual = words.some(
    (w, k) => (w === 'comme' && words[k + 1] === 'de' && words[k + 2] === 'habitude') || (w === 'as' && (words[k + 1] === 'usual' || words[k + 1] === 'normal')) || w === 'dhabitude' || w === 'normalement' || w === 'habituellement',
  );
  const stays = words.some((w, k) => STAYS.has(w) && ['inscrit', 'inscrite', 'inscrits', 'inscrites', 'booked', 'enrolled', 'registered'].some((x) => words.slice(k + 1, k + 4).includes(x)));
  // "Rose par contre continue": she goes on as she does.
  const goesOn = words.some((w) => CONTINUES.has(w)) && clause.services.length === 0;
  return stays || ((usual || goesOn) && clause.dates.length === 0);
}

const PAST_DAY_WORDS = new Set(['hier', 'yesterday', 'dernier', 'derniere', 'last', 'passe', 'passee', 'avanthier']);

/** Every day the clause names is said as gone ("hier", "lundi dernier", "last Friday"). */
function onlyPastDays(clause: Clause, tokens: readonly Token[], today: IsoDate): boolean {
  const days = clause.dates.filter((d) => d.kind !== 'except' && d.kind !== 'anaphor');
  return days.length > 0 && days.every((d) => {
    // ("la dernière semaine avant les vacances" is to come: a period is gone only when it ends before today.)
    if (d.kind === 'span') return d.to < today;
    if (d.kind === 'dates') return d.dates.every((x) => x < today);
    for (let k = d.start; k < d.end; k++) if (PAST_DAY_WORDS.has(tokens[k]!.norm)) return true;
    return false;
  });
}

/** Words before an illness that put it in the past ("il a été malade", "elle était malade", "he was sick"). */
const OVER_MARKERS = new Set(['ete', 'was', 'were', 'been']);
// (Not "depuis hier", "la nuit dernière": an illness begun then may well go on.)
const GONE_BY = /\b(?:(?:semaine|week-end|weekend|mois) (?:derni[eè]re?|pass[ée]e?)|last (?:week|weekend|month))\b/;
const PAST_MARKERS = new Set(['ete', 'etait', 'etaient', 'a', 'avait', 'was', 'were']);

function sameChildren(a: Action, b: Action): boolean {
  return a.children === null || b.children === null || a.children.join() === b.children.join();
}

/** Every day of `inner` is one of `outer` (no days said counts as within). */
function withinDays(inner: readonly IsoDate[] | null, outer: readonly IsoDate[] | null): boolean {
  if (inner === null) return true;
  if (outer === null) return false;
  const all = new Set(outer);
  return inner.every((d) => all.has(d));
}

const REASON_OPENERS: readonly (readonly string[])[] = [['suite', 'a'], ['en', 'raison', 'de'], ['a', 'cause', 'de'], ['due', 'to'], ['following'], ['because', 'of']];

/** The clause opens on a reason ("suite à …", "en raison de …", "due to …"). */
function opensWithReason(clause: Clause, tokens: readonly Token[]): boolean {
  let i = clause.start;
  while (i < clause.end && tokens[i]!.kind === 'punct') i++;
  return REASON_OPENERS.some((words) => words.every((w, k) => tokens[i + k]?.norm === w));
}

const THANKS_WORDS = new Set(['merci', 'thanks', 'thank', 'remercier', 'remercie', 'remercions']);
const THANKS_LINKS = new Set(['a', 'pour', 'to', 'for', 'you', 'l', 'la', 'le', 'les', 'toute']);

/** The clause thanks someone for something ("dire merci à l'équipe", "thank you for the party"). */
function thanksSomeone(clause: Clause, tokens: readonly Token[]): boolean {
  for (let i = clause.start; i < clause.end; i++) {
    if (THANKS_WORDS.has(tokens[i]!.norm) && THANKS_LINKS.has(tokens[i + 1]?.norm ?? '')) return true;
  }
  return false;
}

/** "quand même", "tout de même", "malgré tout", "still", "anyway". */
function saysStill(tokens: readonly Token[], start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const a = tokens[i]!.norm;
    const b = tokens[i + 1]?.norm;
    if ((a === 'quand' || a === 'tout') && (b === 'meme' || (a === 'tout' && b === 'de' && tokens[i + 2]?.norm === 'meme'))) return true;
    if ((a === 'malgre' && b === 'tout') || a === 'still' || a === 'anyway') return true;
  }
  return false;
}

/** "ne … plus", "no longer", "not … anymore". */
function saysNoLonger(tokens: readonly Token[], start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const a = tokens[i]!.norm;
    if ((a === 'plus' && tokens.slice(Math.max(start, i - 4), i).some((t) => t.norm === 'ne' || t.norm === 'n')) || (a === 'no' && tokens[i + 1]?.norm === 'longer') || a === 'anymore') return true;
  }
  return false;
}

const INDEFINITES = new Set(['un', 'une', 'des', 'a', 'an', 'any']);

/** A service said with an indefinite article in the question ("un centre de loisirs", "a breakfast club"). */
function asksWhetherServiceExists(clause: Clause, tokens: readonly Token[]): boolean {
  return clause.services.length > 0 && clause.services.every((s) => INDEFINITES.has(tokens[s.start - 1]?.norm ?? ''));
}

const ROOM_WORDS = new Set(['reste', 'restent', 'encore', 'left', 'available', 'disponible', 'disponibles', 'libre', 'libres', 'remaining', 'any']);

/** "il y a cantine le 11 ?", "y a-t-il garderie ?", "il reste de la place ?", "are there places left?". */
function asksWhetherItRuns(clause: Clause, tokens: readonly Token[]): boolean {
  const w = (i: number) => tokens[i]?.norm ?? '';
  for (const s of clause.services) {
    const i = s.start;
    if (w(i - 1) === 'a' && w(i - 2) === 'y') return true;
    if (w(i - 1) === 'il' && w(i - 2) === 't' && w(i - 3) === 'a' && w(i - 4) === 'y') return true;
  }
  let place = false;
  let room = false;
  for (let k = clause.start; k < clause.end; k++) {
    const n = tokens[k]!.norm;
    if (n === 'place' || n === 'places' || n === 'spaces' || n === 'space' || n === 'spots') place = true;
    if (ROOM_WORDS.has(n)) room = true;
  }
  return place && room;
}

/**
 * A day said beside words of a message meant for someone else ("Salut ma puce, n'oublie pas ton
 * cartable demain"): no child of the family, no service, no cue that asks or ties it to a request,
 * and a word of its own the grammar does not know. A day alone ("jeudi", the answer to a question) stays.
 */
function strayDay(clause: Clause, tokens: readonly Token[], services: TownConfig['services']): boolean {
  // "I'll confirm which ones tomorrow", "je vous dirai plus tard pour Tom": what the parent will tell later asks nothing yet.
  if (clause.cues.some((c) => c.kind === 'later') && !clause.cues.some((c) => isPredicate(c.kind))) return true;
  if (clause.inheritIntent || clause.question || clause.services.length > 0) return false;
  if (clause.children.some((c) => c.kind === 'name' || c.kind === 'all' || c.kind === 'unknown')) return false;
  if (clause.cues.some((c) => c.kind !== 'greeting' && c.kind !== 'neutral')) return false;
  const cover = new Uint8Array(clause.end - clause.start);
  for (const x of [...clause.children, ...clause.dates, ...clause.cues]) cover.fill(1, Math.max(0, x.start - clause.start), Math.max(0, x.end - clause.start));
  const vocabulary = vocabularyOf(services);
  for (let i = clause.start; i < clause.end; i++) {
    const t = tokens[i]!;
    if (!cover[i - clause.start] && t.kind === 'word' && t.norm.length >= 3 && !isVocabulary(t.norm, vocabulary)) return true;
  }
  return false;
}

/** Verbs of state that book nothing by themselves ("has been talking", "est ravi"). */
const STATE_VERBS = new Set(['has', 'have', 'had', 'is', 'are', 'was', 'were', 'been', 'est', 'sont', 'etait', 'etaient', 'a', 'ont', 'avait']);

/**
 * Words pointing at a day the message does not name: "ce jour-là", "that day" (one day), "ces deux
 * jeudis-là", "les deux jours", "both days" (that many), "ces jours-là" (the days of one period), and
 * "le jour de la sortie", "the strike day", "le soir de la réunion" (the day of that event).
 */
interface DayPointer {
  /** How many days; null for "ces jours-là": all the days of one period. */
  count: number | null;
  /** The event named ("sortie", "strike"), folded. */
  event: string | null;
}

const POINTER_COUNTS = new Map([['deux', 2], ['2', 2], ['both', 2], ['two', 2], ['trois', 3], ['3', 3], ['three', 3]]);
const DAY_NOUNS = new Set(['jour', 'journee', 'day', 'soir', 'soiree', 'matin', 'matinee', 'evening', 'morning']);
const EVENT_ARTICLES = new Set(['la', 'le', 'l', 'les', 'the', 'du', 'des', 'ce', 'cette', 'this', 'that', 'notre', 'our', 'sa', 'son', 'his', 'her']);
/** Words before "day" that are no event: "that day", "the same day", "one day". */
const NO_EVENT_BEFORE_DAY = new Set(['that', 'this', 'the', 'same', 'next', 'every', 'each', 'one', 'a', 'which', 'what', 'any', 'other', 'whole', 'all', 'first', 'last', 'school', 'full', 'half', 'long', 'good', 'nice', 'great', 'busy']);

function dayPointer(tokens: readonly Token[], dates: readonly DateItem[], from: number, to: number): DayPointer | null {
  for (const d of dates) {
    if (d.kind !== 'anaphor' || d.period || d.start < from || d.end > to) continue;
    let count: number | null = 1;
    for (let k = d.start; k < d.end; k++) {
      const n = tokens[k]!.norm;
      if (POINTER_COUNTS.has(n)) count = POINTER_COUNTS.get(n)!;
      else if (count === 1 && (n === 'jours' || n === 'days' || n === 'those' || n === 'memes' || (tokens[k]!.norm.endsWith('s') && WEEKDAYS.has(n.slice(0, -1))))) count = null;
    }
    return { count, event: null };
  }
  for (let i = from; i + 1 < to; i++) {
    const a = tokens[i]!.norm;
    const b = tokens[i + 1]!.norm;
    if ((b === 'jours' || b === 'days') && POINTER_COUNTS.has(a)) return { count: POINTER_COUNTS.get(a)!, event: null };
    // "le jour de la sortie", "the day of the trip", "le soir de la réunion".
    if (DAY_NOUNS.has(a) && (b === 'de' || b === 'du' || b === 'of' || b === 'des')) {
      let j = i + 2;
      while (j < to && EVENT_ARTICLES.has(tokens[j]!.norm)) j++;
      const e = j < to ? tokens[j] : undefined;
      if (e && e.kind === 'word' && e.norm.length >= 4) return { count: 1, event: e.norm };
    }
    // "the strike day", "on the trip day".
    if (b === 'day' && tokens[i]!.kind === 'word' && a.length >= 4 && !NO_EVENT_BEFORE_DAY.has(a) && !WEEKDAYS.has(a)) return { count: 1, event: a };
  }
  return null;
}

/** Words that name the same kind of school event, in French and English. */
const EVENT_KINDS: readonly (readonly string[])[] = [
  ['sortie', 'trip', 'outing', 'excursion', 'voyage', 'visite', 'visit', 'sejour', 'journey'],
  ['greve', 'strike', 'mouvement', 'industrial'],
  ['reunion', 'meeting', 'parents'],
  ['fermeture', 'ferme', 'fermee', 'closed', 'closure', 'closing'],
  ['formation', 'training', 'pedagogique', 'inset'],
  ['kermesse', 'fete', 'fair', 'fete', 'spectacle', 'show', 'concert'],
  ['piscine', 'swimming', 'pool', 'natation'],
  ['picnic', 'pique', 'nique'],
];

function sameEvent(a: string, b: string): boolean {
  if (a.slice(0, 5) === b.slice(0, 5)) return true;
  return EVENT_KINDS.some((kind) => kind.includes(a) && kind.includes(b));
}

/**
 * The days of a quoted or forwarded note that a pointer stands for, or null when the note does not
 * settle them. Only days the note names in full count ("le jeudi 15 octobre", "Friday 18th June",
 * "du mardi 18 mai au vendredi 21 mai"), from today on: a weekday or "demain" alone is the note's,
 * said on a day we do not know. With an event named, the sentences about that event first.
 */
function daysOfNote(note: string, dctx: DateContext, pointer: DayPointer): IsoDate[] | null {
  if (note.trim() === '') return null;
  const groups: { days: IsoDate[]; words: string[] }[] = [];
  // Line by line: a note's lines are often items of a list without a full stop ("- Réunion le lundi 5").
  for (const line of note.split('\n')) {
    if (line.trim() === '') continue;
    const tokens = tokenize(line);
    for (const item of parseDates(tokens, dctx, () => false)) {
      let days: IsoDate[] = [];
      if (item.kind === 'dates') days = item.dates;
      else if (item.kind === 'range' && item.from.kind === 'date' && item.to.kind === 'date') for (let d = item.from.date; d <= item.to.date; d = addDays(d, 1)) days.push(d);
      else continue;
      let numbered = false;
      for (let k = item.start; k < item.end; k++) if (tokens[k]!.kind === 'num' || tokens[k]!.kind === 'numdate') numbered = true;
      days = days.filter((d) => d >= dctx.today);
      if (!numbered || days.length === 0) continue;
      let from = item.start;
      while (from > 0 && !isSentenceEnd(tokens[from - 1]!)) from--;
      let to = item.end;
      while (to < tokens.length && !isSentenceEnd(tokens[to]!)) to++;
      groups.push({ days, words: tokens.slice(from, to).filter((t) => t.kind === 'word').map((t) => t.norm) });
    }
  }
  const event = pointer.event;
  const about = event ? groups.filter((g) => g.words.some((w) => w.length >= 4 && sameEvent(w, event))) : [];
  const chosen = about.length > 0 ? about : groups;
  const all = [...new Set(chosen.flatMap((g) => g.days))].sort();
  if (pointer.count === null) return chosen.length === 1 ? all : null;
  return all.length === pointer.count ? all : null;
}

/** People of the family's life who are not its children. */
const SOMEONE_ELSE = new Set([
  'mere', 'pere', 'maman', 'papa', 'mamie', 'mamy', 'papi', 'papy', 'nounou', 'nourrice', 'mari', 'femme', 'conjoint', 'conjointe',
  'compagnon', 'compagne', 'tante', 'tata', 'oncle', 'tonton', 'parrain', 'marraine', 'voisin', 'voisine', 'nanny', 'childminder',
  'babysitter', 'wife', 'husband', 'partner', 'mother', 'father', 'mum', 'mom', 'dad', 'grandma', 'grandpa', 'granny', 'grandmother',
  'grandfather', 'parents', 'parent', 'aunt', 'uncle', 'neighbour', 'neighbor', 'niece', 'neveu', 'nephew', 'cousin', 'cousine', 'copain', 'copine', 'ami', 'amie', 'friend',
]);
const SOMEONE_ELSE_LEADS = new Set(['ma', 'mon', 'sa', 'son', 'la', 'le', 'notre', 'leur', 'my', 'his', 'her', 'the', 'our', 'their', 'grand', 'belle', 'beau']);
/** Words before a person that make it no subject: "chez mamie", "avec sa tante", "with my mum". */
const NOT_SUBJECT_BEFORE = new Set(['chez', 'avec', 'par', 'pour', 'with', 'by', 'at', 'to', 'for', 'de', 'du', 'of', 'a', 'au']);

const WRITER_STATE_VERBS = new Set(['suis', 'serai', 'serais', 'etais', 'am', 'will', 'was', 'm', 'll']);
/** Whether a person who is not a child is a subject in tokens [start, end): "la nounou est malade", "my mum is in hospital". */
function someoneElseSubject(tokens: readonly Token[], start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    // The writer too: "je suis de nuit toute la semaine à l'hôpital", "I am in hospital next week".
    if ((tokens[i]!.norm === 'je' || tokens[i]!.norm === 'i') && WRITER_STATE_VERBS.has(tokens[i + 1]?.norm ?? '')) return true;
    if (!SOMEONE_ELSE.has(tokens[i]!.norm)) continue;
    let j = i - 1;
    while (j >= start && SOMEONE_ELSE_LEADS.has(tokens[j]!.norm)) j--;
    if (j >= start && NOT_SUBJECT_BEFORE.has(tokens[j]!.norm)) continue;
    return true;
  }
  return false;
}

/**
 * A clause without what only explains a correction or an exception: "sauf Ambre qui va chez sa
 * marraine" (the reason the child is left out asks nothing), "Ah non c'est Zoé, Emma a son
 * pique-nique" (the child corrected away, named again after the correction, is no child of the request).
 */
const EXCEPT_WORDS = new Set(['sauf', 'except', 'excepte', 'hormis', 'but', 'apart', 'besides']);

/**
 * Drops the day items said after a self-correction that fall only on days it took out, unless they come
 * right after a correction marker or with the values it brings (the new value: "du matin jeudi euh non
 * pardon la garderie du soir jeudi"), or beside a child's name (another request).
 */
function dropDaysCorrectedAway(tokens: readonly Token[], entities: Entities, datesBefore: readonly DateItem[], correctedAt: readonly number[], brought: ReadonlySet<object>, dctx: DateContext): void {
  const away = new Set<IsoDate>();
  for (const d of datesBefore) if (!entities.dates.includes(d) && d.start < correctedAt[correctedAt.length - 1]!) for (const day of resolveDates([d], dctx, null).dates ?? []) away.add(day);
  if (away.size === 0) return;
  const named = entities.children.filter((c) => c.kind === 'name');
  entities.dates = entities.dates.filter((d) => {
    if (d.kind === 'except' || d.kind === 'anaphor') return true;
    let marker: number | undefined;
    for (const m of correctedAt) if (m < d.start) marker = m;
    if (marker === undefined || d.start - marker <= 4) return true;
    // (The first day the correction brings is its new value; a day listed after it is told of again: "non en fait vendredi 5, jeudi il a une sortie".)
    // ("mardi et jeudi, pas lundi": a list of new days joined by "et" is new days, all of them.)
    const earlier = datesBefore.filter((x) => x !== d && brought.has(x) && x.start > marker! && x.start < d.start);
    const listed = earlier.length > 0 && ['et', 'and', '&'].includes(tokens[d.start - 1]?.norm ?? '');
    if (brought.has(d) && (earlier.length === 0 || listed)) return true;
    if (named.some((c) => c.start > marker && Math.abs(c.start - d.start) <= 4)) return true;
    const days = resolveDates([d], dctx, null).dates;
    return !(days !== null && days.length > 0 && days.every((x) => away.has(x)));
  });
}

/** "je pensais à ma nièce qui est chez nous cette semaine": where someone else than a child is, no absence of a child. */
/**
 * "Basile ne mange plus que des pâtes", "elle ne mange pas de viande": the verb of what a child eats,
 * and its negation, are no request (the service word was already set aside by tagServices).
 */
function withoutEatingCues(tokens: readonly Token[], cues: CueTag[]): CueTag[] {
  const spans: [number, number][] = [];
  for (let i = 0; i < tokens.length; i++) {
    if (!tokens[i]!.norm.startsWith('mang') || !eatsSomething(tokens, i, i + 1)) continue;
    let from = i;
    for (let k = i - 1; k >= 0 && k >= i - 3; k--) if (tokens[k]!.norm === 'ne' || tokens[k]!.norm === 'n') from = k;
    spans.push([from, i + 4]);
  }
  if (spans.length === 0) return cues;
  return cues.filter((c) => !(['negation', 'book', 'cancel'].includes(c.kind) && spans.some(([a, b]) => c.start >= a && c.start < b)));
}

function withoutOthersAbsence(tokens: readonly Token[], cues: CueTag[]): CueTag[] {
  return cues.filter((c) => {
    if (c.kind !== 'absence') return true;
    const verb = tokens[c.start - 1]?.norm ?? '';
    const who = tokens[c.start - 2]?.norm ?? '';
    const noun = tokens[c.start - 3]?.norm ?? '';
    return !(['est', 'sont', 'sera', 'seront', 'is', 'are'].includes(verb) && (who === 'qui' || who === 'who') && SOMEONE_ELSE.has(noun));
  });
}

/**
 * "Concernant les inscriptions : Tom viendra au centre mercredi": a subject heading before a colon
 * ("concernant", "au sujet de", "regarding" … ":") asks nothing; its words ("inscriptions") and the
 * heading itself are no cue of the request after the colon.
 */
function withoutHeadings(tokens: readonly Token[], cues: CueTag[]): CueTag[] {
  const topics = cues.filter((c) => c.kind === 'topic');
  if (topics.length === 0) return cues;
  const spans: [number, number][] = [];
  for (const t of topics) {
    for (let k = t.end; k < tokens.length && k <= t.end + 6; k++) {
      // ("Objet : cantine de Tom": a subject line right after the word is the subject itself, still a topic.)
      if (tokens[k]!.norm === ':') {
        if (k > t.end) spans.push([t.start, k]);
        break;
      }
      if (isSentenceEnd(tokens[k]!)) break;
    }
  }
  if (spans.length === 0) return cues;
  return cues.filter((c) => !spans.some(([a, b]) => c.start >= a && c.start < b));
}

function withoutReasons(clause: Clause, tokens: readonly Token[], correctedAway: ReadonlySet<string>, correctedAt: readonly number[]): Clause {
  let out = clause;
  // (Not "c'est Tom et pas Léa qui ne mange pas …": there the relative clause is the request.)
  const set = clause.children.find((c) => c.excluded && EXCEPT_WORDS.has(tokens[c.start - 1]?.norm ?? '') && (tokens[c.end]?.norm === 'qui' || tokens[c.end]?.norm === 'who' || (tokens[c.end]?.norm === ',' && tokens[c.end + 1]?.norm === 'who')));
  if (set) {
    const cues = clause.cues.filter((c) => c.start < set.end);
    out = { ...out, cues, predicate: cues.some((c) => isPredicate(c.kind)), services: out.services.filter((x) => x.start < set.end), dates: out.dates.filter((x) => x.start < set.end) };
  }
  const marker = correctedAt.find((m) => m >= clause.start && m < clause.end);
  if (marker !== undefined && correctedAway.size > 0) {
    const children = out.children.filter((c) => !(c.kind === 'name' && c.start > marker && correctedAway.has(c.name!) && out.children.some((o) => o !== c && o.kind === 'name' && o.start > marker)));
    if (children.length !== out.children.length) out = { ...out, children };
  }
  return out;
}

const CHANGE_OF_MIND = new Set(['finalement', 'wait', 'actually', 'attendez', 'attends']);
/** What may open a change of mind that keeps one value alone: "Non en fait juste Léa", "Donc seulement Jules", "So just Thursday". */
const KEEP_OPENERS = new Set(['donc', 'so', 'non', 'no', 'enfin', ...CHANGE_OF_MIND, ...TAKE_BACK_WORDS]);

/**
 * "Please book both kids every day next week. Oh wait, not Friday", "Pour Hugo jeudi : cantine et
 * garderie du soir. Non finalement pas la garderie, juste la cantine", "annule la garderie des
 * enfants vendredi... pas Tom finalement": a change of mind that takes part of the request just
 * before back. The values said after its "pas"/"not" (and before a "juste"/"only") leave that
 * request, which stays otherwise; the clause asks nothing of its own. Returns whether it is one.
 */
function takesBackPart(clause: Clause, tokens: readonly Token[], last: Draft | undefined, dctx: DateContext): boolean {
  if (!last || !isChange(last.action)) return false;
  if (clause.cues.some((c) => c.kind === 'cancelStrong' || c.kind === 'bookStrong' || c.kind === 'request')) return false;
  const mind = clause.cues.find((c) => c.kind === 'correction') ?? null;
  let mindAt = mind ? mind.start : -1;
  // (Or just before it, in a piece of its own: "Oh wait, not Friday", "Non finalement, pas la garderie".)
  if (mindAt < 0) for (let k = Math.max(0, clause.start - 3); k < clause.end; k++) if (CHANGE_OF_MIND.has(tokens[k]!.norm)) mindAt = k;
  // ("Scratch Friday", "Forget Friday, just Thursday": the word that takes back opens the clause.)
  const takeBack = firstWordAt(tokens, clause.start, clause.end, (n) => TAKE_BACK_WORDS.has(n));
  if (mindAt < 0 && takeBack < 0) return false;
  // (The change of mind first, then what it takes back: "Mia won't come today, sorry for the short notice" takes nothing back.)
  // ("pas Tom finalement": "finalement" just after is one too.)
  // ("Oh wait, not Friday": a day set aside after it is read as an exception, and taken back the same.)
  const neg =
    (takeBack >= 0 ? { start: takeBack, end: takeBack + 1 } : undefined) ??
    clause.cues.find((c) => c.kind === 'negation' && ((c.start > mindAt && c.start - mindAt <= 4) || (c.start < mindAt && mindAt - c.start <= 3 && CHANGE_OF_MIND.has(tokens[mindAt]!.norm)))) ??
    clause.dates.find((d) => d.kind === 'except' && d.start > mindAt && d.start - mindAt <= 4);
  if (!neg) return false;
  let only = clause.end;
  for (let k = neg.end; k < clause.end; k++) if (ONLY_WORDS.has(tokens[k]!.norm)) { only = k; break; }
  const inside = (x: { start: number }): boolean => x.start >= neg.end && x.start < only;
  const a = last.action;
  const names = clause.children.filter((c) => c.kind === 'name' && inside(c)).map((c) => c.name!);
  if (names.length > 0 && a.children && names.every((n) => a.children!.includes(n)) && a.children.length > names.length) {
    a.children = a.children.filter((n) => !names.includes(n));
  }
  // ("Pas la garderie finalement": a care word alone is the one care service of the request.)
  const cares = (a.services ?? []).filter((c) => c === 'morning' || c === 'evening');
  const care = cares.length === 1 ? cares[0]! : null;
  const codes = clause.services.filter(inside).map((x) => x.code ?? care).filter((c): c is string => c !== null);
  if (codes.length > 0 && a.services && codes.every((c) => a.services!.includes(c)) && a.services.length > codes.length) {
    a.services = a.services.filter((c) => !codes.includes(c));
  }
  const items = clause.dates.filter((d) => (inside(d) || d === neg) && d.kind !== 'anaphor');
  if (items.length > 0 && a.dates) {
    const out = new Set(resolveDates(items.filter((d) => d.kind !== 'except'), dctx, a.services).dates ?? []);
    for (const d of items) if (d.kind === 'except') for (const x of a.dates) if (d.dates.includes(x) || d.weekdays.includes(isoWeekday(x))) out.add(x);
    // (A weekday said alone is that weekday among the request's days: "every day next week … not Friday".)
    for (const d of items) if (d.kind === 'weekday') for (const x of a.dates) if (isoWeekday(x) === d.wd) out.add(x);
    const kept = a.dates.filter((d) => !out.has(d));
    if (kept.length > 0) a.dates = kept;
  }
  // (What it takes back may be out already, "jeudi et vendredi, non, juste jeudi" or a day the request never had.)
  return names.length + codes.length + items.length > 0;
}

/** The first token in [from, to) whose folded form passes `test`, or -1. */
function firstWordAt(tokens: readonly Token[], from: number, to: number, test: (norm: string) => boolean): number {
  for (let k = from; k < to; k++) if (test(tokens[k]!.norm)) return k;
  return -1;
}

/**
 * "Léa et Tom à la cantine lundi. Non en fait juste Léa", "… Donc seulement Jules", "Sorry, scratch
 * Friday — just Thursday for Oliver", "Non finalement juste la cantine": a change of mind that keeps
 * one value of the request just before alone. The values after its "juste"/"only" replace those of
 * their kind in that request; the clause asks nothing of its own. Returns whether it is one.
 */
function keepsOnly(whole: Clause, tokens: readonly Token[], last: Draft | undefined, dctx: DateContext, nameStarts: ReadonlySet<number>): boolean {
  if (!last || !isChange(last.action)) return false;
  const only = firstWordAt(tokens, whole.start, whole.end, (n) => ONLY_WORDS.has(n) && n !== 'que');
  if (only < 0) return false;
  // "Ah et non, seulement Chloé, Zoé mange chez sa mamie", "Enfin Jade seulement, Olive dort chez sa copine": after the
  // value kept, another child of the request named after a comma opens the reason it is left out, which asks nothing.
  let cut = whole.end;
  for (let k = only + 1; k < whole.end; k++) {
    if (tokens[k]!.norm !== ',' && tokens[k]!.norm !== ';') continue;
    const next = whole.children.find((c) => c.kind === 'name' && c.start === k + 1);
    // (A child a correction just took out of the request is one of it too: "Zoé et Chloé … Enfin Chloé seulement, Zoé …".)
    if ((next && (last.action.children === null || last.action.children.includes(next.name!))) || (!next && nameStarts.has(k + 1))) cut = k;
    break;
  }
  // ("Enfin Jade seulement": the value may come just before the word.)
  const justBefore = whole.children.find((c) => c.kind === 'name' && c.end === only);
  const from = justBefore ? justBefore.start : only;
  const inside = <T extends { start: number }>(xs: readonly T[]): T[] => xs.filter((x) => x.start < cut);
  const clause: Clause = cut === whole.end ? whole : { ...whole, end: cut, cues: inside(whole.cues), children: inside(whole.children), services: inside(whole.services), dates: inside(whole.dates) };
  // ("… en fait annulez seulement vendredi": the order of the request again, said before "seulement", keeps part of it.)
  const sameOrder = (c: CueTag) => c.start < only && ((c.kind === 'cancelStrong' && last.action.intent === 'cancel') || (c.kind === 'bookStrong' && last.action.intent === 'book'));
  if (clause.question || clause.cues.some((c) => ((c.kind === 'cancelStrong' || c.kind === 'bookStrong') && !sameOrder(c)) || c.kind === 'request' || c.kind === 'negation' || c.kind === 'illness' || c.kind === 'absence')) return false;
  // What opens the change of mind: a correction, "non", "donc", "finalement", "en fait", "scratch", within a few words before "juste".
  let opened = clause.cues.some((c) => c.kind === 'correction' && c.start < only);
  for (let k = Math.max(0, from - 6); k < only && !opened; k++) if (KEEP_OPENERS.has(tokens[k]!.norm) || (tokens[k]!.norm === 'fait' && tokens[k - 1]?.norm === 'en')) opened = true;
  // ("… juste jeudi alors", "just Thursday then": the "then" closing it.)
  for (let k = only + 1; k < clause.end && !opened; k++) if ((tokens[k]!.norm === 'alors' || tokens[k]!.norm === 'then') && (k + 1 >= clause.end || tokens[k + 1]!.kind === 'punct')) opened = true;
  if (!opened) return false;
  const after = (x: { start: number }): boolean => x.start > only || x.start === from;
  const names = [...new Set(clause.children.filter((c) => c.kind === 'name' && !c.excluded && after(c)).map((c) => c.name!))].sort();
  const codes = [...new Set(clause.services.filter(after).map((x) => x.code).filter((c): c is string => c !== null))].sort();
  const items = clause.dates.filter((d) => after(d) && d.kind !== 'anaphor' && d.kind !== 'except');
  if (names.length + codes.length + items.length === 0) return false;
  // Nothing else before "juste" that would make it a request of its own ("Tom mange juste lundi").
  // ("… en fait laissez jeudi, annulez seulement vendredi": a day left as it is, before, is no request of its own either.)
  if (clause.children.some((c) => (c.kind === 'name' || c.kind === 'all') && !after(c)) || clause.services.some((x) => !after(x)) || clause.dates.some((d) => !after(d) && d.kind !== 'except' && !(d.start >= clause.start && d.start < only && (takenBack(tokens, d.start) || afterWordOf(tokens, d.start, LEAVE_AS_IS))))) return false;
  const a = last.action;
  if (names.length > 0) {
    // The children kept are among the request's, or the request's were all corrected away.
    if (a.children !== null && !names.every((n) => a.children!.includes(n))) return false;
    a.children = names;
  }
  if (codes.length > 0) {
    if (a.services !== null && !codes.every((c) => a.services!.includes(c))) return false;
    a.services = codes;
  }
  if (items.length > 0) {
    const days = resolveDates(items, dctx, a.services).dates;
    if (days === null || days.length === 0) return false;
    const kept = a.dates === null ? days : a.dates.filter((d) => days.includes(d) || items.some((i) => i.kind === 'weekday' && isoWeekday(d) === i.wd));
    if (kept.length === 0) return false;
    a.dates = kept;
  }
  return true;
}

/**
 * "… pour les 3 svp... ah non Rose a un anniversaire chez une copine, donc Hugo et Jade": a self-correction
 * whose reason tells of one child, then "donc" and the children it keeps: those children are the request's
 * children; the reason asks nothing of its own. Returns whether it is one.
 */
function keepsAfterSo(clause: Clause, tokens: readonly Token[], last: Draft | undefined): boolean {
  if (!last || !isChange(last.action)) return false;
  const mind = clause.cues.find((c) => c.kind === 'correction');
  if (!mind || clause.cues.some((c) => c.kind === 'cancelStrong' || c.kind === 'bookStrong' || c.kind === 'request')) return false;
  const so = firstWordAt(tokens, mind.end, clause.end, (n) => n === 'donc' || n === 'so' || n === 'alors');
  if (so < 0) return false;
  const after = clause.children.filter((c) => c.start > so);
  if (after.length === 0 || after.some((c) => c.kind !== 'name' || c.excluded) || clause.services.some((x) => x.start > so) || clause.dates.some((d) => d.start > so)) return false;
  const names = [...new Set(after.map((c) => c.name!))].sort();
  const a = last.action;
  if (a.children !== null && !names.every((n) => a.children!.includes(n))) return false;
  a.children = names;
  last.note.missingChildren = false;
  return true;
}

/** Words that leave a value as it is: "laissez jeudi", "keep Thursday". */
const LEAVE_AS_IS: ReadonlySet<string> = new Set(['laissez', 'laisse', 'laisser', 'gardez', 'leave', 'keep']);

/** Whether a value at `at` follows, within two words, one of `words` ("scratch Friday", "laissez jeudi"). */
function afterWordOf(tokens: readonly Token[], at: number, words: ReadonlySet<string>): boolean {
  for (let k = Math.max(0, at - 2); k < at; k++) if (words.has(tokens[k]!.norm)) return true;
  return false;
}

/** Whether a value at `at` follows a word that takes it back ("scratch Friday"). */
function takenBack(tokens: readonly Token[], at: number): boolean {
  return afterWordOf(tokens, at, TAKE_BACK_WORDS);
}

/**
 * "Petite modification pour la semaine prochaine : … mardi 22 et jeudi 24": a week said beside days
 * named in full, all inside it, frames them; it adds none of its other days.
 */
function framedDays(items: readonly DateItem[], tokens: readonly Token[]): readonly DateItem[] {
  const week = items.find((d) => d.kind === 'span' && d.scope === 'week');
  if (!week || week.kind !== 'span') return items;
  const days = items.filter((d) => d !== week && d.kind !== 'except');
  // (Days of their own, said apart from the week with a number: not "la semaine du 15 au 19 mars", not "la première semaine de la rentrée".)
  const apart = (d: DateItem): boolean => {
    const [from, to] = d.start >= week.end ? [week.end, d.start] : [d.end, week.start];
    let pause = false;
    for (let k = from; k < to; k++) if ([',', ':', '.', '\n', ';'].includes(tokens[k]!.norm)) pause = true;
    let numbered = false;
    for (let k = d.start; k < d.end; k++) if (tokens[k]!.kind === 'num') numbered = true;
    return pause && numbered;
  };
  if (days.length === 0 || !days.every((d) => d.kind === 'dates' && d.dates.length > 0 && apart(d) && d.dates.every((x) => x >= week.from && x <= week.to))) return items;
  return items.filter((d) => d !== week);
}
