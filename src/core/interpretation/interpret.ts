/**
 * The interpreter: one parent's message in, the actions it asks for out.
 * Pure: `now`, the family's children, the town configuration and the
 * school calendar are passed in; nothing reads a clock, the network or the
 * process time zone.
 */
import { zonedParts, type IsoDate } from '../time.js';
import { childVocabulary, exactChildAt, fuzzyChild, indexChildren, tagChildGroups, type ChildTag } from './children.js';
import { buildClauses, splitPieces, type Clause, type Entities } from './clauses.js';
import { applyCorrections } from './corrections.js';
import { anyServiceRuns, dateVocabulary, parseDates, resolveDates, type DateContext } from './dates.js';
import { osaDistance } from './distance.js';
import { cueVocabulary, decideIntent, tagCues, type CueKind } from './intents.js';
import { detectLanguage } from './language.js';
import { COMMON_WORDS, FUZZY_KEYWORDS, MONTHS, NUMBER_WORDS, WEEKDAYS } from './lexicon.js';
import { mergeActions, type Draft } from './merge.js';
import { tokenize, type Token } from './normalize.js';
import { readServices, serviceVocabulary, tagServices } from './services.js';
import type { Action, ActionNote, Intent, InterpretContext, Interpretation } from './types.js';

/** Every word the grammar knows: such a word is never corrected, nor read as a misspelt name. */
const VOCABULARY: ReadonlySet<string> = new Set([
  ...COMMON_WORDS,
  ...WEEKDAYS.keys(),
  ...MONTHS.keys(),
  ...NUMBER_WORDS.keys(),
  ...serviceVocabulary(),
  ...cueVocabulary(),
  ...childVocabulary(),
  ...dateVocabulary(),
]);

/** Word beginnings the grammar matches by prefix (verb forms). */
const VOCABULARY_PREFIXES: readonly string[] = ['inscri', 'reserv', 'annul', 'mang', 'dejeun', 'desinscri', 'factur', 'hospitalis', 'recap'];

function isVocabulary(word: string): boolean {
  if (VOCABULARY.has(word)) return true;
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

interface Previous {
  intent: Exclude<Intent, 'help' | 'unknown'>;
  children: string[] | null;
  services: string[] | null;
  dates: IsoDate[] | null;
}

function rawText(tokens: readonly Token[], start: number, end: number): string {
  return tokens
    .slice(start, end)
    .map((t) => t.raw)
    .join(' ');
}

function emptyNote(): ActionNote {
  return {
    missingChildren: false,
    missingServices: false,
    missingDates: false,
    noRunningDay: false,
    droppedDates: [],
    ambiguousServices: null,
    openEnded: false,
    fuzzyChildren: [],
    matched: { intent: [], children: [], services: [], dates: [] },
    negation: false,
    corrected: false,
  };
}

/** Finds the children a message names: exact names first, then typo-tolerant names and keyword corrections, then group words. */
function findChildren(tokens: Token[], children: readonly string[]): { tags: ChildTag[]; fuzzy: { written: string; child: string; at: number }[]; taken: Uint8Array } {
  const index = indexChildren(children);
  const taken = new Uint8Array(tokens.length);
  const names: ChildTag[] = [];
  const fuzzy: { written: string; child: string; at: number }[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const m = exactChildAt(tokens, i, index);
    if (!m) continue;
    names.push({ kind: 'name', start: i, end: m.end, name: m.name });
    for (let k = i; k < m.end; k++) taken[k] = 1;
    i = m.end - 1;
  }
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (taken[i] || t.kind !== 'word' || t.norm.length < 3 || isVocabulary(t.norm)) continue;
    const c = fuzzyChild(t.norm, index);
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
    if (next && next.kind === 'word' && !taken[i + 1] && !isVocabulary(next.norm)) {
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
  names.sort((a, b) => a.start - b.start);
  return { tags: tagChildGroups(tokens, names, (i) => taken[i] === 1), fuzzy, taken };
}

/** Weekday abbreviations that are also ordinary words ("mon", "mer", "sam"): weekdays only in a list of weekdays. */
const AMBIGUOUS_WEEKDAY_ABBREVIATIONS: Readonly<Record<string, string>> = {
  mon: 'monday', sat: 'saturday', sun: 'sunday', mar: 'mardi', mer: 'mercredi', jeu: 'jeudi', ven: 'vendredi', sam: 'samedi', dim: 'dimanche',
};
const WEEKDAY_LIST_LINKS = new Set([',', 'et', 'and', '&', '/', '-', 'to', 'au', 'a', '+']);

/** Reads "Mon, Tue and Thu" or "lun mar jeu" as weekdays when an abbreviation sits in a list next to another weekday. */
function expandWeekdayAbbreviations(tokens: Token[], taken: Uint8Array): void {
  const neighbourIsWeekday = (i: number, step: number): boolean => {
    let j = i + step;
    while (tokens[j] && WEEKDAY_LIST_LINKS.has(tokens[j]!.norm)) j += step;
    const t = tokens[j];
    return !!t && Math.abs(j - i) <= 3 && (WEEKDAYS.has(t.norm) || t.norm in AMBIGUOUS_WEEKDAY_ABBREVIATIONS);
  };
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const full = AMBIGUOUS_WEEKDAY_ABBREVIATIONS[t.norm];
    if (full === undefined || taken[i]) continue;
    if (neighbourIsWeekday(i, -1) || neighbourIsWeekday(i, 1)) {
      t.corrected = t.norm;
      t.norm = full;
    }
  }
}

const OPENING_GREETINGS = new Set(['coucou', 'salut', 'bonjour', 'bonsoir', 'hello', 'hi', 'hey', 'cc', 'ma', 'mon', 'my', 'oh']);
const FAMILY_VOCATIVES = new Set(['maman', 'papa', 'cheri', 'cherie', 'mamie', 'papi', 'papy', 'mamy', 'amour', 'chouchou', 'mum', 'mom', 'mummy', 'mommy', 'dad', 'daddy', 'honey', 'babe', 'darling', 'granny', 'grandma', 'grandpa', 'nana']);

/** A message opening on a family member ("Chéri, …", "Maman, tu peux …", "Hi mum,") was meant for someone else. */
function meantForSomeoneElse(tokens: readonly Token[]): boolean {
  let i = 0;
  while (i < tokens.length && OPENING_GREETINGS.has(tokens[i]!.norm)) i++;
  const t = tokens[i];
  const next = tokens[i + 1];
  return !!t && FAMILY_VOCATIVES.has(t.norm) && (!next || (next.kind === 'punct' && next.norm !== "'"));
}

/** Words that put a question in the service's domain even with no child, service or day named. */
const DOMAIN_WORDS: ReadonlySet<string> = new Set(
  `ecole school classe class vacances holidays holiday mairie ccas inscription inscriptions reservation reservations booking bookings
  compte account site appli application app portail assistant bot service services enfant enfants child children kid kids fils fille
  filles son daughter periscolaire message messages sms telegram email mail telephone phone rentree term certificat justificatif
  attestation facture paiement animateur animateurs animatrice directrice directeur maitresse maitre teacher sortie trip`.split(/\s+/),
);

/** Whether a clause is about the service at all (a question that is not is small talk meant for someone else). */
function aboutTheService(clause: Clause, tokens: readonly Token[], kinds: ReadonlySet<CueKind>): boolean {
  if (clause.services.length > 0 || clause.children.length > 0 || clause.dates.length > 0 || kinds.has('book')) return true;
  for (let i = clause.start; i < clause.end; i++) if (DOMAIN_WORDS.has(tokens[i]!.norm)) return true;
  return false;
}

const PREDICATE_WORDS: ReadonlySet<CueKind> = new Set([
  'bookStrong', 'book', 'cancelStrong', 'cancelPast', 'absence', 'listStrong', 'listWeak', 'listNoun', 'helpStrong', 'helpQuestion', 'helpGeneral', 'helpWeak', 'negation',
]);

/**
 * Interprets one message: the actions it asks for (contract shape: sorted
 * children, services and dates, nulls when unsaid), the language it is
 * written in, and per action what the conversation layer may need to ask.
 */
export function interpret(text: string, ctx: InterpretContext): Interpretation {
  const parts = zonedParts(ctx.now, ctx.config.timeZone);
  const dctx: DateContext = { today: parts.date, minutes: parts.hour * 60 + parts.minute, calendar: ctx.calendar, config: ctx.config };
  const tokens = tokenize(text);
  const language = detectLanguage(tokens);

  const found = findChildren(tokens, ctx.children);
  expandWeekdayAbbreviations(tokens, found.taken);
  const nameCover = new Uint8Array(tokens.length);
  for (const c of found.tags) if (c.kind !== 'ref') for (let k = c.start; k < c.end; k++) nameCover[k] = 1;

  const services = tagServices(tokens).filter((s) => {
    for (let k = s.start; k < s.end; k++) if (nameCover[k]) return false;
    return true;
  });
  const serviceCover = new Uint8Array(tokens.length);
  for (const s of services) for (let k = s.start; k < s.end; k++) serviceCover[k] = 1;
  // A weekday inside a service name ("mercredi loisirs", "Wednesday club") is not a date.
  const blocked = (i: number): boolean => nameCover[i] === 1 || (serviceCover[i] === 1 && WEEKDAYS.has(tokens[i]!.norm));
  const dates = parseDates(tokens, dctx, blocked);
  // A "pas"/"not" that opens an exception ("jeudi, pas vendredi") is not a negation of the request.
  const cues = tagCues(tokens, (i) => serviceCover[i] === 1).filter(
    (c) => c.kind !== 'negation' || !dates.some((d) => d.kind === 'except' && d.start === c.start),
  );

  const entities: Entities = { children: found.tags, services, dates, cues };
  const correctedAt = applyCorrections(tokens, entities);
  const clauses = buildClauses(splitPieces(tokens, entities));

  const drafts: Draft[] = [];
  let prev: Previous | null = null;
  for (const clause of clauses) {
    const draft = readClause(clause, prev, tokens, ctx, dctx, found.fuzzy, correctedAt);
    if (!draft) continue;
    drafts.push(draft);
    if (draft.action.intent !== 'help' && draft.action.intent !== 'unknown') {
      prev = { intent: draft.action.intent, children: draft.action.children, services: draft.action.services, dates: draft.action.dates };
    }
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
  }
  let merged = meantForSomeoneElse(tokens) ? [] : mergeActions(drafts);
  if (merged.length === 0) merged = [{ action: { intent: 'unknown', children: null, services: null, dates: null }, note: emptyNote() }];
  return {
    actions: merged.map((d) => d.action),
    notes: merged.map((d) => d.note),
    language,
    negationSeen: cues.some((c) => c.kind === 'negation'),
    correctionSeen: correctedAt.length > 0,
  };
}

function readClause(
  clause: Clause,
  prev: Previous | null,
  tokens: readonly Token[],
  ctx: InterpretContext,
  dctx: DateContext,
  fuzzy: readonly { written: string; child: string; at: number }[],
  correctedAt: readonly number[],
): Draft | null {
  const kinds = new Set(clause.cues.map((c) => c.kind));
  const nameTags = clause.children.filter((c) => c.kind === 'name');
  const excluded = new Set(nameTags.filter((c) => c.excluded).map((c) => c.name!));
  const hasAll = clause.children.some((c) => c.kind === 'all');
  let named = [...new Set(nameTags.filter((c) => !c.excluded).map((c) => c.name!))];
  if (hasAll || (named.length === 0 && excluded.size > 0)) named = ctx.children.filter((c) => !excluded.has(c));
  const singularRef = clause.children.some((c) => c.kind === 'ref' && !c.plural);
  const hasDate = clause.dates.some((d) => d.kind !== 'except' && d.kind !== 'anaphor');

  let intent: Exclude<Intent, 'unknown'> | null =
    clause.inheritIntent && prev
      ? prev.intent
      : decideIntent({ kinds, question: clause.question, hasChild: named.length > 0, hasDate, hasService: clause.services.length > 0, domain: aboutTheService(clause, tokens, kinds) });
  if (intent === null && kinds.has('same') && prev) intent = prev.intent;
  if (intent === null) return null;

  const note = emptyNote();
  note.matched.intent = clause.cues.filter((c) => PREDICATE_WORDS.has(c.kind)).map((c) => rawText(tokens, c.start, c.end));
  if (intent === 'help') return { action: { intent: 'help', children: null, services: null, dates: null }, note };

  // Children: named here, else the only child, else those of the request before ("il", "elle").
  let children: string[] | null;
  if (named.length > 0) children = [...named].sort();
  else if (ctx.children.length === 1) children = [ctx.children[0]!];
  else if (prev && prev.children && !(singularRef && prev.children.length > 1)) children = prev.children;
  else children = null;

  // Services: those named; a vague care word is settled by the days; a repeated frame keeps the previous ones.
  const clauseTokens = tokens.slice(clause.start, clause.end);
  const reading = readServices(clause.services, clauseTokens);
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
      if (intent === 'book' && codes.size === 0) ambiguous = options;
      else if (intent !== 'book') for (const c of options) codes.add(c);
    }
  }
  let services: string[] | null = codes.size > 0 ? [...codes].sort() : null;
  if (services === null && (clause.inheritIntent || kinds.has('same')) && prev) services = prev.services;

  // Dates: those named here, else (for a booking or a cancellation, or "ce jour-là") the days of the request before.
  let dates: IsoDate[] | null;
  let dropped: IsoDate[] = [];
  let openEnded = false;
  if (hasDate) {
    const res = resolveDates(clause.dates, dctx, services);
    dates = res.dates;
    dropped = res.dropped;
    openEnded = res.openEnded;
  } else if (prev && prev.dates && (intent === 'book' || intent === 'cancel' || clause.dates.some((d) => d.kind === 'anaphor'))) {
    dates = prev.dates.filter((d) => anyServiceRuns(dctx, services, d));
  } else dates = null;

  const action: Action = { intent, children, services, dates };
  note.missingChildren = children === null;
  note.missingServices = intent === 'book' && services === null;
  note.missingDates = dates === null && intent !== 'list';
  note.noRunningDay = dates !== null && dates.length === 0;
  note.droppedDates = dropped;
  note.ambiguousServices = ambiguous;
  note.openEnded = openEnded;
  note.fuzzyChildren = fuzzy.filter((f) => f.at >= clause.start && f.at < clause.end).map(({ written, child }) => ({ written, child }));
  note.matched.children = clause.children.map((c) => rawText(tokens, c.start, c.end));
  note.matched.services = clause.services.map((s) => rawText(tokens, s.start, s.end));
  note.matched.dates = clause.dates.map((d) => rawText(tokens, d.start, d.end));
  note.negation = kinds.has('negation');
  note.corrected = correctedAt.some((p) => p >= clause.start && p < clause.end);
  const weak = intent === 'book' && services === null && !kinds.has('bookStrong') && !clause.inheritIntent;
  return { action, note, weak };
}
