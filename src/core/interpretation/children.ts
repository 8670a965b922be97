/**
 * Which children a message names: the family's own first names (exact,
 * accent- and case-free, compound, or with a small typo), group words
 * ("les deux", "both kids") and references that need a context ("mon fils",
 * "il", "him").
 */
import { osaDistance, typoBudget } from './distance.js';
import { fold, type Token } from './normalize.js';
import { PhraseSet } from './phrases.js';
import { WEEKDAYS } from './lexicon.js';

/** A mention of children in the text: a name, a group word, or a reference needing context. */
export interface ChildTag {
  /** `unknown`: a first name that is none of the family's children ("Sam mangera…" in a family of Léa and Tom). */
  kind: 'name' | 'all' | 'ref' | 'unknown';
  start: number;
  end: number;
  /** For `name`: the child as the family's record spells it. */
  name?: string;
  /** For `name`: read through typo tolerance. */
  fuzzy?: boolean;
  /** For `name`: named as an exception ("tous sauf Tom"). */
  excluded?: boolean;
  /** For `ref`: a plural pronoun ("ils", "them"). */
  plural?: boolean;
  /** For `ref`: one child of several, not said which ("un de mes enfants", "one of the kids"). */
  vague?: boolean;
}

interface ChildEntry {
  name: string;
  /** Folded name with word breaks as spaces ("lou anne"). */
  parts: string[];
  /** Folded name without breaks ("louanne"). */
  joined: string;
}

/** The family's children, folded once per message for matching. */
export interface ChildIndex {
  entries: ChildEntry[];
  /** Words already matched against these names (a long message repeats its words). */
  fuzzyMemo: Map<string, { name: string; distance: number } | null>;
}

/** Folds the family's first names for matching ("Lou-Anne" → parts lou, anne; joined louanne). */
/** Words that open the reason after a child left out ("Emma non, elle a danse", "Lucas rien car …"). */
const REASON_OPENERS = new Set(['elle', 'il', 'lui', 'she', 'he', 'car', 'parce', 'because', 'since', 'as', 'puisque']);

export function indexChildren(children: readonly string[]): ChildIndex {
  return {
    entries: children.map((name) => {
      const parts = fold(name)
        .split(/[^\p{L}]+/u)
        .filter((p) => p.length > 0);
      return { name, parts, joined: parts.join('') };
    }),
    fuzzyMemo: new Map(),
  };
}

const GROUP = new PhraseSet<'all'>([
  ['les|tous|toutes|des|aux deux|2|trois|3|quatre|4', 'all'],
  ['tous|toutes les deux|2|trois|3|quatre|4', 'all'],
  ['mes|nos|les|des enfants|filles|garcons|petits|petites|loulous|puces|jumeaux|jumelles|bambins|cheris', 'all'],
  ['mes|nos fils|deux|2|trois|3', 'all'],
  ['toute? la|ma|notre fratrie', 'all'],
  ['tout le monde', 'all'],
  ['both of? them|the|my|our? kids|children|boys|girls|twins?', 'all'],
  ['the|my|our kids|children|boys|girls|twins', 'all'],
  ['all of? the|my|our? kids|children|boys|girls|three|3|four', 'all'],
  ['all of them, everyone, everybody', 'all'],
  ['chaque enfant, chacun|chacune de mes|nos enfants, each|every child|kid, each of them|my|our? kids|children', 'all'],
]);

/** One child of several, not said which: "un de mes enfants", "l'un des petits", "one of the kids" (the assistant must ask). */
const VAGUE = new PhraseSet<'vague'>([
  ['le? un|une de|des mes|nos|les|ses|leurs? enfants|filles|fils|garcons|petits|petites|loulous|deux|trois|jumeaux|jumelles', 'vague'],
  ['le? un|une de|des eux|elles|ceux la|celles la, le un ou le autre, la une ou la autre, un ou le autre, une ou la autre', 'vague'],
  // Not "either" nor "any": "no lunch for either of the kids" is both of them.
  ['one of the|my|our? kids|children|boys|girls|twins|two|three|sons|daughters, one of them|us|the two, a|one child|kid of mine', 'vague'],
]);

const REFS = new PhraseSet<'one' | 'many'>([
  ['mon|notre fils|garcon|enfant|petit|grand|loulou|bonhomme, ma|notre fille|petite|grande|puce|loulou', 'one'],
  ['il|elle|lui', 'one'],
  ['my|our son|daughter|child|boy|girl|kid|little? one, him|her|he|she', 'one'],
  ['ils|elles|eux|they|them', 'many'],
]);

/** Words after "les deux" / "both" that show it counts days, not children. */
const COUNTED_NOUNS = new Set([
  'jours', 'semaines', 'repas', 'services', 'fois', 'dates', 'days', 'weeks', 'meals', 'mois', 'months', 'matins', 'soirs', 'midis',
  'prochains', 'prochaines', 'premiers', 'premieres', 'derniers', 'dernieres', 'next', 'last', 'first',
]);

const NUMERALS = new Set(['deux', 'trois', 'quatre', 'three', 'four']);
const EXCEPT_WORDS = new Set(['sauf', 'except', 'excepte', 'hormis']);
/** "mais gardez Léa", "but keep Emma": the verb that keeps a child's booking, setting the child aside from a request. */
export const KEEP_VERBS: ReadonlySet<string> = new Set(['garde', 'gardez', 'gardes', 'laisse', 'laissez', 'keep']);
const NOT_LINKS = new Set(['et', 'mais', ',', 'and', 'but', 'ou', 'or']);
const LIST_FOLLOWERS = new Set(['et', 'au', ',', '-', 'and', 'to', 'ou', 'or']);

/** Vocabulary used by this module's phrases (never read as first names). */
export function childVocabulary(): Set<string> {
  return new Set([...GROUP.words(), ...REFS.words(), ...VAGUE.words()]);
}

/** Words of a sentence that never start a name broken by a stray space. */
const GLUE_NEVER = new Set(['le', 'la', 'les', 'l', 'a', 'à', 'de', 'du', 'des', 'en', 'et', 'un', 'une', 'il', 'elle', 'au', 'aux', 'on', 'y', 'ma', 'mon', 'ta', 'sa', 'se', 'ce', 'me', 'te', 'ne', 'the', 'at', 'in', 'on', 'is', 'it', 'as']);

/**
 * The child a run of tokens starting at `i` spells exactly (folded): the
 * whole name over one or more tokens ("lou anne", "Lé a"), the name written
 * as one word ("louanne"), or the first part of a compound name when no
 * other child shares it ("Lou" for Lou-Anne).
 */
export function exactChildAt(tokens: readonly Token[], i: number, index: ChildIndex): { name: string; end: number } | null {
  const t = tokens[i];
  if (!t || t.kind !== 'word') return null;
  let best: { name: string; end: number } | null = null;
  for (const c of index.entries) {
    // Name spelt over several tokens, part by part.
    if (c.parts.length > 1) {
      let ok = true;
      for (let k = 0; k < c.parts.length; k++) {
        const tk = tokens[i + k];
        if (!tk || tk.kind !== 'word' || tk.norm !== c.parts[k]) {
          ok = false;
          break;
        }
      }
      if (ok && (!best || i + c.parts.length > best.end)) best = { name: c.name, end: i + c.parts.length };
    }
    if (t.norm === c.joined && (!best || i + 1 > best.end)) best = { name: c.name, end: i + 1 };
    // Name broken by a stray space ("Lé a"): two or three tokens glued together.
    // Never from a small word of the sentence: "inscris le à la cantine" names no Léa.
    if (!best && c.joined.length >= 3 && !GLUE_NEVER.has(t.raw.toLowerCase())) {
      let glued = t.norm;
      for (let k = 1; k <= 2 && glued.length < c.joined.length; k++) {
        const tk = tokens[i + k];
        if (!tk || tk.kind !== 'word') break;
        glued += tk.norm;
        if (glued === c.joined) {
          best = { name: c.name, end: i + k + 1 };
          break;
        }
      }
    }
  }
  if (best) return best;
  // First part of a compound name, when it is unique and no child is called just that.
  const owners = index.entries.filter((c) => c.parts.length > 1 && c.parts[0] === t.norm);
  if (owners.length === 1 && t.norm.length >= 3) return { name: owners[0]!.name, end: i + 1 };
  return null;
}

/**
 * The child a misspelt word stands for: optimal-string-alignment distance
 * ≤ 1 for names up to 5 letters and ≤ 2 for longer ones, and only when a
 * single child is closest (a word as close to a sibling matches nobody).
 */
export function fuzzyChild(word: string, index: ChildIndex): { name: string; distance: number } | null {
  if (word.length < 3) return null;
  const known = index.fuzzyMemo.get(word);
  if (known !== undefined) return known;
  const found = closestChild(word, index);
  index.fuzzyMemo.set(word, found);
  return found;
}

function closestChild(word: string, index: ChildIndex): { name: string; distance: number } | null {
  let bestD = Number.POSITIVE_INFINITY;
  let bestName: string | null = null;
  let tie = false;
  for (const c of index.entries) {
    const budget = typoBudget(c.joined.length);
    const d = osaDistance(word, c.joined, budget);
    if (d > budget) continue;
    if (d < bestD) {
      bestD = d;
      bestName = c.name;
      tie = false;
    } else if (d === bestD && c.name !== bestName) tie = true;
  }
  if (bestName === null || tie) return null;
  return { name: bestName, distance: bestD };
}

/**
 * Tags group words ("les deux", "mes filles", "both kids": every child) and
 * context references ("mon fils", "elle", "him") on tokens not already read
 * as names, and marks names preceded by "sauf"/"except" as exclusions.
 */
export function tagChildGroups(tokens: readonly Token[], names: ChildTag[], taken: (i: number) => boolean): ChildTag[] {
  const out: ChildTag[] = [...names];
  const vague = new Uint8Array(tokens.length);
  for (const m of VAGUE.scan(tokens, taken)) {
    out.push({ kind: 'ref', start: m.start, end: m.end, vague: true });
    vague.fill(1, m.start, m.end);
  }
  const free = (i: number): boolean => taken(i) || vague[i] === 1;
  for (const m of GROUP.scan(tokens, free)) {
    if (vague.subarray(m.start, m.end).includes(1)) continue;
    const next = tokens[m.end];
    const last = tokens[m.end - 1]!;
    // "les deux jours", "les 2 mercredis", "both Monday and Tuesday": a count of days, not of children.
    const counting = last.kind === 'num' || NUMERALS.has(last.norm) || last.norm === 'both';
    if (counting && next && (COUNTED_NOUNS.has(next.norm) || WEEKDAYS.get(next.norm)?.plural === true || (last.norm === 'both' && WEEKDAYS.has(next.norm)))) continue;
    // "les 3 et 4 mars", "les 2 au 5": numbers that are days, not a head count.
    const after = tokens[m.end + 1];
    if (last.kind === 'num' && next && ((LIST_FOLLOWERS.has(next.norm) && after && (after.kind === 'num' || after.kind === 'numdate')) || next.kind === 'num')) continue;
    out.push({ kind: 'all', start: m.start, end: m.end });
  }
  const covered = new Uint8Array(tokens.length);
  for (const c of out) covered.fill(1, c.start, c.end);
  for (const m of REFS.scan(tokens, taken)) {
    if (covered.subarray(m.start, m.end).includes(1)) continue;
    out.push({ kind: 'ref', start: m.start, end: m.end, plural: m.value === 'many' });
  }
  for (const c of out) {
    if (c.kind !== 'name') continue;
    let j = c.start - 1;
    while (j >= 0 && (tokens[j]!.norm === 'pour' || tokens[j]!.norm === 'for' || tokens[j]!.norm === 'de')) j--;
    const before = tokens[j];
    if (before && EXCEPT_WORDS.has(before.norm)) c.excluded = true;
    if (before && before.norm === 'not' && tokens[j - 1]?.norm === 'but') c.excluded = true;
    if (before && before.norm === 'part' && tokens[j - 1]?.norm === 'a') c.excluded = true;
    // "annule la cantine de Tom lundi, mais garde Léa", "but keep Emma's": the child whose booking stays.
    if (before && KEEP_VERBS.has(before.norm) && (tokens[j - 1]?.norm === 'mais' || tokens[j - 1]?.norm === 'but')) c.excluded = true;
    // "c'est Tom et pas Léa", "Tom, not Léa", "Léa mais pas Tom".
    if (before && (before.norm === 'pas' || before.norm === 'not') && NOT_LINKS.has(tokens[j - 1]?.norm ?? '')) c.excluded = true;
    // "ce n'est pas Timéo mais Jade qui …", "not Tom but Léa": the one it is not, then the one it is.
    if (before && (before.norm === 'pas' || before.norm === 'not') && (tokens[c.end]?.norm === 'mais' || tokens[c.end]?.norm === 'but') && out.some((o) => o.kind === 'name' && o.start === c.end + 1)) c.excluded = true;
    // "Oups, Louise pas Gabriel", "Louise not Gabriel": a name, then the one it is not.
    if (before && (before.norm === 'pas' || before.norm === 'not') && out.some((o) => o.kind === 'name' && o.end === j)) c.excluded = true;
    // "Chloé cantine mardi. Hugo non.", "Tom yes, Léa no": the name, then a bare no.
    const after = tokens[c.end];
    const next = tokens[c.end + 1];
    // "Emma non elle a danse", "Lucas rien, il est en classe de neige": the bare no before its reason.
    const bareNo = after && (after.norm === 'non' || after.norm === 'no' || after.norm === 'pas' || after.norm === 'rien' || after.norm === 'nothing');
    // "Léa rien cette semaine, elle est chez son père": nothing for her.
    if (bareNo && (!next || (next.kind === 'punct' && next.norm !== "'") || REASON_OPENERS.has(next.norm) || after.norm === 'rien')) c.excluded = true;
  }
  return out.sort((a, b) => a.start - b.start);
}
