/**
 * Later held-out corpora, each written blind by another session on
 * 2 December 2026 and scored once before any rule was written from it:
 * heldout2B.jsonl (the half of the second corpus kept apart: first 114/121),
 * heldout3.jsonl (the third corpus: first 196/210) and heldout4.jsonl (the
 * fourth, written blind by a helper on 2 December 2026: first 191/204; three
 * labels corrected to the contract afterwards, each marked `relabelled`) and
 * heldout5.jsonl (the fifth, written blind on 2 December 2026 after the
 * fourth's fixes, to measure them: first 189/194). Both were read
 * afterwards to find classes of errors, fixed by general rules; they are now
 * regression thresholds, scored as the contract scores.
 *
 * The sixth to ninth (heldout6–9.jsonl, 2 December 2026, evening) were written blind by helpers
 * that read only the contract, DESIGN.md and town.json, and scored first before any rule was
 * written from them: 182/195, 160/184, 162/190 (the ninth was written after the sixth to eighth
 * had been fixed, to measure them: 187/212), and the tenth (heldout10.jsonl, written last, after
 * the ninth's fixes: 219/243 first). Two labels were corrected (`relabelled`, each says why).
 * Their thresholds are what they score now, so that no rule written later loses a case.
 *
 * The twelfth (heldout12.jsonl, 3 December 2026 session, quick phone messages: day abbreviations,
 * "+" between requests, terse answers) was written blind the same way and scored first on the
 * code of that moment: 210/229; its classes were then fixed by general rules. The eleventh
 * (heldout11.jsonl: long emails, grandparents and childminders, shared custody, dictation) and
 * the thirteenth (heldout13.jsonl: a year's realistic inbox mix, forwards, loose service names)
 * were written blind alongside and scored first after the twelfth's fixes: 218/241 and 222/256.
 *
 * The fourteenth (heldout14.jsonl, 3 December 2026 morning: phone messages, emails with signatures and
 * forwards, English, questions, corrections and ranges across holidays) was written blind by a helper
 * after all the fixes above and scored once: 196/220 (203/220 after the fixes of 3 December afternoon).
 *
 * The fifteenth (3 December 2026 noon) was written blind by two helpers: heldout15.jsonl (200
 * messages of every kind, first 177/200) and heldout15t.jsonl (120 messages of the kinds the
 * fourteenth showed missed — side sentences, Wednesdays with no service, "désormais", return days,
 * holiday-relative weeks, forwarded school notes — written before those were fixed: first 88/120).
 * First scores are the measure; the thresholds are now the scores after the fixes of 3 December
 * afternoon (186/200 and 92/120), so that no later change loses a case.
 *
 * The sixteenth (3 December 2026, late afternoon) was written blind by two helpers from the contract
 * alone: heldout16.jsonl (200 messages of every kind, a third long emails with side remarks; first
 * 159/200 at 8bb6fef) and heldout16t.jsonl (120 messages of six hard kinds: forwarded or quoted
 * school notes, side remarks, holiday-relative dates, corrections inside a message, possessives
 * across children, English returns; first 69/120). Thresholds: the scores after that session's fixes.
 *
 * The seventeenth (3 December 2026, evening session) was written blind by two helpers from the
 * contract and the town rules alone: heldout17.jsonl (200 messages of every kind; first 187/200)
 * and heldout17t.jsonl (120 messages of six hard kinds: corrections in a later sentence, days
 * counted from holidays and events, side remarks and reported speech, several requests, vague or
 * unknown children, long emails; first 74/120). The eighteenth (heldout18.jsonl, 200 messages,
 * written blind after the seventeenth's fixes to measure them) scored 182/200 first.
 * All thresholds are the scores at the end of that session.
 *
 * The nineteenth (7 December 2026) was written blind by three helpers from the contract and a brief
 * alone: heldout19.jsonl (200 messages of every kind; first 185/200 at 828b835), heldout19t.jsonl
 * (120 messages of six hard kinds: several children with different requests, long emails,
 * corrections inside the message, dates as parents write them, English, messages asking for nothing
 * or only part; first 70/120) and heldout19.conversations.json (40 conversations: first 35/40).
 * The twentieth (heldout20.jsonl, 200 messages, and heldout20.conversations.json, 40 conversations) was
 * written blind the same way after the nineteenth's first fixes, to measure them: first 171/200 and 35/40.
 * The twenty-first (evening of 7 December: heldout21.jsonl, 200 messages in two halves by two helpers, and
 * heldout21.conversations.json, 30 conversations) was written blind the same way: first 183/200 and 26/30 at 556b897.
 * The twenty-second (heldout22.jsonl, 150 messages, and heldout22.conversations.json, 30 conversations), written blind
 * after the twenty-first's fixes to measure them: first 140/150 and 29/30 at 0d61c8c. (A twenty-third, written the same
 * way on 7 December, was lost with its machine before it was kept: its first score, 128/150 at eae36b3, is in the notes.)
 * The twenty-fourth (8 December: heldout24.jsonl, 150 messages, and heldout24.conversations.json, 30 conversations) was
 * written blind by two helpers from the contract and town.json alone: first 136/150 and 26/30 at 43f9074. The twenty-fifth
 * (heldout25.jsonl, 150 messages written to be hard — side remarks, conditions, past events, several requests — and
 * heldout25.conversations.json, 30 conversations), written after the twenty-fourth's fixes to measure them: first
 * 111/150 and 24/30 at 39a7311. The twenty-sixth (heldout26.jsonl and heldout26.conversations.json, 150 and 30), written
 * blind after the twenty-fifth's fixes to measure them: first 123/150 and 22/30 at d83c909.
 */
import { describe, expect, it } from 'vitest';
import { loadCases, scoreCorpus } from './support.js';

describe.each([
  ['heldout2B.jsonl', 121, 0.98],
  ['heldout3.jsonl', 210, 0.98],
  ['heldout4.jsonl', 204, 0.98],
  ['heldout5.jsonl', 194, 0.98],
  ['heldout6.jsonl', 195, 192 / 195],
  ['heldout7.jsonl', 184, 179 / 184],
  ['heldout8.jsonl', 190, 187 / 190],
  ['heldout9.jsonl', 212, 211 / 212],
  ['heldout10.jsonl', 243, 236 / 243],
  ['heldout11.jsonl', 241, 228 / 241],
  ['heldout12.jsonl', 229, 229 / 229],
  ['heldout13.jsonl', 256, 237 / 256],
  ['heldout14.jsonl', 220, 211 / 220],
  ['heldout15.jsonl', 200, 195 / 200],
  ['heldout15t.jsonl', 120, 104 / 120],
  ['heldout16.jsonl', 200, 189 / 200],
  ['heldout16t.jsonl', 120, 104 / 120],
  ['heldout17.jsonl', 200, 198 / 200],
  ['heldout17t.jsonl', 120, 102 / 120],
  ['heldout18.jsonl', 200, 194 / 200],
  ['heldout19.jsonl', 200, 198 / 200],
  ['heldout19t.jsonl', 120, 86 / 120],
  ['heldout20.jsonl', 200, 184 / 200],
  ['heldout21.jsonl', 200, 198 / 200],
  ['heldout22.jsonl', 150, 150 / 150],
  ['heldout24.jsonl', 150, 150 / 150],
  ['heldout25.jsonl', 150, 141 / 150],
  ['heldout26.jsonl', 150, 133 / 150],
])('held-out corpus %s', (file, size, threshold) => {
  it(`scores at least ${(100 * threshold).toFixed(1)}% exact (set of actions equal, every field)`, () => {
    const cases = loadCases(new URL(`./fixtures/${file}`, import.meta.url));
    expect(cases.length).toBe(size);
    const { score, right, wrong } = scoreCorpus(cases);
    console.log(`${file}: ${right}/${cases.length}${wrong.length > 0 ? `; wrong:\n  ${wrong.join('\n  ')}` : ''}`);
    expect(score, `failing cases: ${wrong.map((w) => w.split(' ')[0]).join(', ')}`).toBeGreaterThanOrEqual(threshold - 1e-9);
  });
});
