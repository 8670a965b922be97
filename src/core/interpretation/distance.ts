/**
 * Edit distance used for typo tolerance (first names, misspelt keywords).
 */

const rowA: number[] = [];
const rowB: number[] = [];
const rowC: number[] = [];

/**
 * Optimal-string-alignment distance: insertions, deletions, substitutions and
 * swaps of two adjacent letters each cost 1 ("lae" is 1 from "lea"). Returns
 * `max + 1` as soon as the distance is known to exceed `max`.
 */
export function osaDistance(a: string, b: string, max = Number.POSITIVE_INFINITY): number {
  if (a === b) return 0;
  const n = a.length;
  const m = b.length;
  if (Math.abs(n - m) > max) return max + 1;
  if (n === 0) return m;
  if (m === 0) return n;
  // Three rolling rows: two rows back (for swaps), previous, current.
  let prev2 = rowA;
  let prev = rowB;
  let cur = rowC;
  for (let j = 0; j <= m; j++) prev[j] = j;
  for (let i = 1; i <= n; i++) {
    cur[0] = i;
    let rowMin = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= m; j++) {
      const cb = b.charCodeAt(j - 1);
      const cost = ca === cb ? 0 : 1;
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && ca === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === cb) {
        v = Math.min(v, prev2[j - 2]! + 1);
      }
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    const t = prev2;
    prev2 = prev;
    prev = cur;
    cur = t;
  }
  return prev[m]!;
}

/** The typo budget for a word of this length: 1 edit up to 5 letters, 2 beyond. */
export function typoBudget(length: number): number {
  return length <= 5 ? 1 : 2;
}
