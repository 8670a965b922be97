/**
 * A tiny phrase matcher over folded tokens. A phrase is written as
 * space-separated elements; `a|b` are alternatives, a trailing `?` makes an
 * element optional and `~abc` matches any word starting with "abc"
 * ("~mang" matches mange, mangera, mangeront). Phrases are compiled once.
 */
import type { Token } from './normalize.js';

interface Elem {
  words: ReadonlySet<string>;
  prefixes: readonly string[];
  optional: boolean;
}

interface Phrase<T> {
  elems: Elem[];
  value: T;
  source: string;
}

/** A phrase found over tokens [start, end), with the value it carries. */
export interface PhraseMatch<T> {
  start: number;
  end: number;
  value: T;
  source: string;
}

function compile(src: string): Elem[] {
  return src
    .trim()
    .split(/\s+/)
    .map((part) => {
      let p = part;
      let optional = false;
      if (p.length > 1 && p.endsWith('?')) {
        optional = true;
        p = p.slice(0, -1);
      }
      const words = new Set<string>();
      const prefixes: string[] = [];
      for (const alt of p.split('|')) {
        if (alt.startsWith('~')) prefixes.push(alt.slice(1));
        else words.add(alt);
      }
      return { words, prefixes, optional };
    });
}

function elemMatches(e: Elem, t: Token | undefined): boolean {
  if (!t || t.kind === 'punct' || t.kind === 'other') return false;
  if (e.words.has(t.norm)) return true;
  for (const p of e.prefixes) if (t.norm.startsWith(p)) return true;
  return false;
}

function matchFrom(tokens: readonly Token[], i: number, elems: Elem[], k: number): number {
  if (k === elems.length) return i;
  const e = elems[k]!;
  let best = -1;
  if (elemMatches(e, tokens[i])) best = matchFrom(tokens, i + 1, elems, k + 1);
  if (e.optional) {
    const alt = matchFrom(tokens, i, elems, k + 1);
    if (alt > best) best = alt;
  }
  return best;
}

/** A compiled set of phrases, each carrying a value; finds the longest phrase at a position. */
export class PhraseSet<T> {
  private readonly byWord = new Map<string, Phrase<T>[]>();
  private readonly generic: Phrase<T>[] = [];
  private readonly literal = new Set<string>();

  constructor(entries: readonly (readonly [string, T])[]) {
    for (const [source, value] of entries) {
      for (const alt of expandTopLevel(source)) {
        const all = compile(alt);
        for (const e of all) for (const w of e.words) this.literal.add(w);
        // A phrase opening on optional words is also each phrase without them ("je? ne sais" is
        // "je ne sais" and "ne sais"), so that every phrase is found by its first word.
        let elems = all;
        while (elems.length > 1 && elems[0]!.optional) {
          this.add({ elems: [{ ...elems[0]!, optional: false }, ...elems.slice(1)], value, source });
          elems = elems.slice(1);
        }
        this.add({ elems, value, source });
      }
    }
  }

  private add(phrase: Phrase<T>): void {
    const first = phrase.elems[0]!;
    if (!first.optional && first.prefixes.length === 0) {
      for (const w of first.words) {
        let list = this.byWord.get(w);
        if (!list) this.byWord.set(w, (list = []));
        list.push(phrase);
      }
    } else {
      this.generic.push(phrase);
    }
  }

  /** Every literal word used by the phrases (they are vocabulary, never first names). */
  words(): ReadonlySet<string> {
    return this.literal;
  }

  /**
   * The phrases that may start on a token, in the order they are tried: those filed under its
   * word, then the others whose first element is optional or matches it. It depends on the
   * token's word and on whether it is a word at all, so it is worked out once per word.
   */
  private candidates(t: Token): readonly Phrase<T>[] {
    const wordLike = t.kind !== 'punct' && t.kind !== 'other';
    const memo = wordLike ? this.wordCandidates : this.symbolCandidates;
    let list = memo.get(t.norm);
    if (list === undefined) {
      list = [...(this.byWord.get(t.norm) ?? [])];
      for (const p of this.generic) {
        // A phrase whose first element is required and not matched here cannot start here.
        const first = p.elems[0]!;
        if (first.optional || elemMatches(first, t)) list.push(p);
      }
      if (memo.size >= 20_000) memo.clear();
      memo.set(t.norm, list);
    }
    return list;
  }

  private readonly wordCandidates = new Map<string, Phrase<T>[]>();
  private readonly symbolCandidates = new Map<string, Phrase<T>[]>();

  /** The longest phrase starting exactly at token `i` (the first declared wins a tie). */
  longestAt(tokens: readonly Token[], i: number): PhraseMatch<T> | null {
    const t = tokens[i];
    if (!t) return null;
    let best: Phrase<T> | null = null;
    let bestEnd = i;
    for (const p of this.candidates(t)) {
      const end = matchFrom(tokens, i, p.elems, 0);
      if (end > bestEnd) {
        bestEnd = end;
        best = p;
      }
    }
    return best ? { start: i, end: bestEnd, value: best.value, source: best.source } : null;
  }

  /** Non-overlapping longest matches from left to right, skipping positions `skip` rejects. */
  scan(tokens: readonly Token[], skip?: (i: number) => boolean): PhraseMatch<T>[] {
    const out: PhraseMatch<T>[] = [];
    for (let i = 0; i < tokens.length; ) {
      if (skip?.(i)) {
        i++;
        continue;
      }
      const m = this.longestAt(tokens, i);
      if (m) {
        out.push(m);
        i = m.end;
      } else i++;
    }
    return out;
  }
}

/** "a b, c d" declares two phrases at once (a comma at top level separates them). */
function expandTopLevel(source: string): string[] {
  return source
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}
