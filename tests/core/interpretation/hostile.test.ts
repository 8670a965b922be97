/**
 * 10,000 hostile and random messages through the interpreter: words of the
 * corpora and of the grammar shuffled, names of the JavaScript prototype
 * ("constructor", "__proto__"), emoji, control and combining characters,
 * huge numbers, quoted replies, one word repeated; up to 2,000 characters,
 * plus repeated words up to 8,000. None throws, every answer is well formed
 * (contract shape, `dates` null or non-empty), none over 100 ms at 2,000
 * characters (the best of a few CPU-time samples, so that a loaded machine
 * does not fail the suite); 8,000 characters of repeated words, and an
 * 8,000-character email, give well-formed answers (their time is the
 * bench's figure, `npm run bench interp`, not a test's).
 */
import { describe, expect, it } from 'vitest';
import type { Action, Interpretation } from '../../../src/core/interpretation/index.js';
import { config, loadCases, read } from './support.js';

const NOW = '2027-01-12T19:00:00+01:00';
const CODES = new Set(config.services.map((s) => s.code));
const ISO = /^\d{4}-\d{2}-\d{2}$/;

const corpus = [...loadCases(new URL('../../fixtures/nlu/dev.jsonl', import.meta.url)), ...loadCases(new URL('./fixtures/extra.jsonl', import.meta.url))];
const WORDS = [...new Set(corpus.flatMap((c) => c.text.split(/\s+/)))];
const HOSTILE = [
  'constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf', 'prototype', '__defineGetter__', 'isPrototypeOf',
  '😀', '🙏🏼', '‍', '\u0000', '\u202e', 'e\u0301\u0301\u0301', '\ud800', '99999999999999999999', '31/02', '2027-13-45', '00h99',
  '> Le lun. 11 janv. 2027 à 18:02, X a écrit :', '-- ', 'du', 'au', 'le', 'et', ',', '.', '?', '!', 'euh non', 'sauf', 'pas',
  'jusqu’aux', 'tous les', 'chaque', 'un jeudi sur deux', 'la semaine prochaine', 'du 7 au', 'Léa', 'Tom', 'lea', 'TOM', 'l’un des',
];
const FAMILIES = [['Léa', 'Tom'], ['Noé'], ['Rose', 'Prune', 'Marin'], ['Jean-Baptiste', 'Zoé'], []];

/** A small deterministic generator, so that a failure can be replayed. */
function generator(seed: number): () => number {
  let s = seed;
  return () => {
    s = (Math.imul(s, 1103515245) + 12345) & 0x7fffffff;
    return s / 0x7fffffff;
  };
}

function wellFormed(r: Interpretation, family: readonly string[]): string | null {
  if (!Array.isArray(r.actions) || r.actions.length === 0) return 'no action';
  if (r.notes.length !== r.actions.length) return 'notes do not match actions';
  const sorted = (xs: readonly string[]): boolean => xs.every((x, i) => i === 0 || xs[i - 1]! < x);
  for (const a of r.actions as Action[]) {
    if (!['book', 'cancel', 'list', 'help', 'unknown'].includes(a.intent)) return `intent ${String(a.intent)}`;
    if ((a.intent === 'help' || a.intent === 'unknown') && (a.children !== null || a.services !== null || a.dates !== null)) return 'help/unknown with fields';
    if (a.children !== null && (a.children.length === 0 || !a.children.every((c) => family.includes(c)) || !sorted(a.children))) return `children ${JSON.stringify(a.children)}`;
    if (a.services !== null && (a.services.length === 0 || !a.services.every((s) => CODES.has(s)) || !sorted(a.services))) return `services ${JSON.stringify(a.services)}`;
    if (a.dates !== null && (a.dates.length === 0 || !a.dates.every((d) => ISO.test(d)) || !sorted(a.dates))) return `dates ${JSON.stringify(a.dates)}`;
  }
  return null;
}

function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/** The best of `tries` CPU-time measures of one interpretation. */
function bestTime(text: string, family: string[], tries: number): number {
  let best = Number.POSITIVE_INFINITY;
  for (let t = 0; t < tries; t++) {
    const s = cpuMs();
    read(text, NOW, family);
    best = Math.min(best, cpuMs() - s);
  }
  return best;
}

describe('hostile and random messages', () => {
  it('10,000 messages: no throw, well-formed answers, none over 100 ms at 2,000 characters', () => {
    const rnd = generator(20261201);
    const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
    const problems: string[] = [];
    let slow: { ms: number; text: string } | null = null;
    for (let k = 0; k < 10_000; k++) {
      const long = k % 50 === 0;
      const target = long ? 2000 : 1 + Math.floor(rnd() * 240);
      const parts: string[] = [];
      let n = 0;
      const unit = k % 7 === 3 ? pick([...WORDS, ...HOSTILE]) : null;
      while (n < target) {
        const w = unit ?? (rnd() < 0.25 ? pick(HOSTILE) : pick(WORDS));
        parts.push(w);
        n += w.length + 1;
      }
      const text = parts.join(rnd() < 0.1 ? '\n' : ' ').slice(0, target);
      const family = pick(FAMILIES);
      let r: Interpretation;
      const s = cpuMs();
      try {
        r = read(text, NOW, family);
      } catch (err) {
        problems.push(`throws on ${JSON.stringify(text.slice(0, 80))}: ${String(err)}`);
        continue;
      }
      const ms = cpuMs() - s;
      const bad = wellFormed(r, family);
      if (bad) problems.push(`${bad} on ${JSON.stringify(text.slice(0, 80))}`);
      // A slow first measure is measured again: only the interpreter's own time counts.
      if (ms > 100) {
        const again = bestTime(text, family, 3);
        if (again > 100 && (!slow || again > slow.ms)) slow = { ms: again, text };
      }
    }
    expect(problems.slice(0, 10)).toEqual([]);
    expect(slow, slow ? `${slow.ms.toFixed(0)} ms on ${JSON.stringify(slow.text.slice(0, 80))}` : '').toBeNull();
  }, 120_000);

  // How long these take is the bench's to say (`npm run bench interp`): no test here asserts a time.
  it.each(['le ', 'la ', 'cantine ', 'Léa mange lundi, ', 'jeudi, euh non ', '23 ', 'du 7 au ', 'constructor ', 'pas ', 'Tom cantine, le '])(
    '8,000 characters of %j: a well-formed answer',
    (unit) => {
      const text = unit.repeat(Math.ceil(8000 / unit.length)).slice(0, 8000);
      const r = read(text, NOW);
      expect(wellFormed(r, ['Léa', 'Tom'])).toBeNull();
    },
  );

  it('an email of 8,000 characters glued from the corpora: a well-formed answer that asks for bookings and cancellations', () => {
    const parts = ['Bonjour,\n'];
    let n = parts[0]!.length;
    for (let j = 0; n < 8000; j += 13) {
      const t = corpus[j % corpus.length]!.text;
      parts.push(t);
      n += t.length + 1;
    }
    const text = parts.join('\n').slice(0, 8000);
    expect(text.length).toBe(8000);
    const family = ['Léa', 'Tom'];
    const r = read(text, NOW, family);
    expect(wellFormed(r, family)).toBeNull();
    const intents = new Set(r.actions.map((a) => a.intent));
    expect(intents.has('book') && intents.has('cancel')).toBe(true);
  });
});
