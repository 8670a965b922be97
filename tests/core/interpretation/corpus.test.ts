/**
 * The labelled dev corpus, scored as the contract scores it: a case is
 * right when its set of actions equals the expected set, every field
 * included. The suite fails under 98% and prints the cases it gets wrong.
 */
import { describe, expect, it } from 'vitest';
import { loadCases, scoreCorpus } from './support.js';

const cases = loadCases(new URL('../../fixtures/nlu/dev.jsonl', import.meta.url));

describe('dev corpus', () => {
  it('has the 120 labelled cases', () => {
    expect(cases.length).toBe(120);
  });

  it('scores at least 98% exact (set of actions equal, every field)', () => {
    const { score, wrong } = scoreCorpus(cases);
    if (wrong.length > 0) console.log(`dev corpus: ${cases.length - wrong.length}/${cases.length}; wrong:\n  ${wrong.join('\n  ')}`);
    expect(score, `failing cases: ${wrong.map((w) => w.split(' ')[0]).join(', ')}`).toBeGreaterThanOrEqual(0.98);
  });
});
