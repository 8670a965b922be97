/**
 * A second labelled corpus, written apart from the dev corpus and labelled
 * by the interpretation contract: SMS style and typos, dictation, long
 * emails with signatures and quoted replies, English from expat parents
 * (UK and US dates), mixed languages, emoji, several requests, corrections,
 * negations, absences, help and list questions, ranges and recurrences,
 * month and year ends, same-day times, names (compound, accents, typos,
 * nicknames), group words, and messages meant for someone else. Scored as
 * the contract scores: a case is right when its set of actions equals the
 * expected set, every field included. Fails under 95% and prints the cases
 * it gets wrong.
 */
import { describe, expect, it } from 'vitest';
import { loadCases, scoreCorpus } from './support.js';

const cases = loadCases(new URL('./fixtures/extra.jsonl', import.meta.url));

describe('extra corpus', () => {
  it('has at least 150 labelled cases with unique ids', () => {
    expect(cases.length).toBeGreaterThanOrEqual(150);
    expect(new Set(cases.map((c) => c.id)).size).toBe(cases.length);
  });

  it('scores at least 95% exact (set of actions equal, every field)', () => {
    const { score, wrong } = scoreCorpus(cases);
    console.log(`extra corpus: ${cases.length - wrong.length}/${cases.length}${wrong.length > 0 ? `; wrong:\n  ${wrong.join('\n  ')}` : ''}`);
    expect(score, `failing cases: ${wrong.map((w) => w.split(' ')[0]).join(', ')}`).toBeGreaterThanOrEqual(0.95);
  });
});
