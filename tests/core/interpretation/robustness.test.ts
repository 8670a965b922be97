/**
 * Metamorphic checks over the labelled corpora (dev and extra): rewrites of
 * a message that a parent could equally have sent must not change what it
 * asks for. Accents dropped, all capitals, typographic apostrophes,
 * apostrophes typed as spaces ("won t", "n ira"), a greeting and a
 * signature around the request, line breaks flattened, an emoji at the end,
 * a final full stop dropped, two letters of a keyword swapped. Each
 * rewrite of a case the interpreter gets right must give the same actions.
 */
import { describe, expect, it } from 'vitest';
import type { Action } from '../../../src/core/interpretation/index.js';
import { canonical, loadCases, read } from './support.js';

const cases = [...loadCases(new URL('../../fixtures/nlu/dev.jsonl', import.meta.url)), ...loadCases(new URL('./fixtures/extra.jsonl', import.meta.url))];

const key = (actions: readonly Action[]): string => actions.map(canonical).sort().join(' ');
const fold = (t: string): string => t.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase();
const english = (t: string): boolean => /\b(the|please|won't|will|lunch|club|tomorrow|needs?)\b/i.test(t);
const KEYWORD = /^(cantine|garderie|mercredi|vendredi|demain|lundi|jeudi|mardi|tomorrow|thursday|friday|monday|tuesday|breakfast|absent|absente|malade|semaine|prochaine)$/i;

const REWRITES: Record<string, (t: string) => string> = {
  'accents dropped': fold,
  'all capitals': (t) => t.toUpperCase(),
  'typographic apostrophes': (t) => t.replace(/'/g, '’'),
  'apostrophes as spaces': (t) => t.replace(/['’]/g, ' '),
  'greeting and signature': (t) =>
    english(t) ? `Hello,\n\n${t}\n\nMany thanks,\nJane` : `Bonjour,\n\n${t}\n\nMerci d'avance,\nCordialement,\nClaire Dubois`,
  'line breaks flattened': (t) => t.replace(/\s*\n+\s*/g, ' '),
  'emoji at the end': (t) => `${t} 🙏`,
  'final stop dropped': (t) => (t.endsWith('?') ? t : t.replace(/[.!]+$/, '')),
  'keyword letters swapped': (t) => {
    const words = t.split(' ');
    const k = words.findIndex((w) => KEYWORD.test(w));
    if (k < 0) return t;
    const w = words[k]!;
    words[k] = w.slice(0, 2) + w[3] + w[2] + w.slice(4);
    return words.join(' ');
  },
};

describe('rewrites that keep the meaning keep the actions', () => {
  for (const [name, rewrite] of Object.entries(REWRITES)) {
    it(name, () => {
      const wrong: string[] = [];
      let tried = 0;
      for (const c of cases) {
        const expected = key(c.expected);
        if (key(read(c.text, c.now, c.children).actions) !== expected) continue;
        // Wrapping a greeting or thanks alone in more greetings is still "unknown", but not worth checking.
        if (name === 'greeting and signature' && c.expected.some((a) => a.intent === 'unknown')) continue;
        const text = rewrite(c.text);
        if (text === c.text) continue;
        tried++;
        const got = key(read(text, c.now, c.children).actions);
        if (got !== expected) wrong.push(`${c.id} ${JSON.stringify(text)}\n    expected ${expected}\n    got      ${got}`);
      }
      if (wrong.length > 0) console.log(`${name}: ${tried - wrong.length}/${tried}; wrong:\n  ${wrong.join('\n  ')}`);
      expect(wrong.length, wrong.map((w) => w.split(' ')[0]).join(', ')).toBeLessThanOrEqual(Math.floor(tried * 0.01));
    });
  }
});
