/**
 * Self-corrections keep the last word: "lundi, euh non, mardi" is Tuesday,
 * "Léa, pardon, Tom" is Tom. A correction marker followed closely by a
 * name, a service or a day cancels the last one of the same kind before it.
 */
import type { Entities } from './clauses.js';
import type { Token } from './normalize.js';

type EntityType = 'child' | 'service' | 'date';

interface Ref {
  type: EntityType;
  start: number;
  end: number;
  obj: object;
}

const FILLERS = new Set(['le', 'la', 'les', 'the', 'on', 'ce', 'est', 'c', 'plutot', 'je', 'veux', 'dire', 'voulais', 'pour', 'it', 'is', 'was', 'i', 'mean', 'meant', 'euh', 'heu']);
const WEAK_MARKERS = new Set(['non', 'no', 'enfin', 'nope']);

function gapWords(tokens: readonly Token[], from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const t = tokens[i]!;
    if (t.kind === 'punct' || FILLERS.has(t.norm)) continue;
    n++;
  }
  return n;
}

/**
 * Drops the entities a self-correction replaces and returns the positions
 * of the markers that corrected something. Strong markers ("euh non",
 * "pardon", "je veux dire", "I mean", "sorry") need the new value within
 * two words; a bare "non"/"no" counts only between two values of the same
 * kind ("lundi, non, mardi").
 */
export function applyCorrections(tokens: readonly Token[], entities: Entities): number[] {
  const refs: Ref[] = [
    ...entities.children.filter((c) => c.kind === 'name' || c.kind === 'all').map((c) => ({ type: 'child' as const, start: c.start, end: c.end, obj: c })),
    ...entities.services.map((s) => ({ type: 'service' as const, start: s.start, end: s.end, obj: s })),
    ...entities.dates.filter((d) => d.kind !== 'except' && d.kind !== 'anaphor').map((d) => ({ type: 'date' as const, start: d.start, end: d.end, obj: d })),
  ].sort((a, b) => a.start - b.start);
  const markers: { start: number; end: number; weak: boolean }[] = entities.cues.filter((c) => c.kind === 'correction').map((c) => ({ start: c.start, end: c.end, weak: false }));
  const covered = new Uint8Array(tokens.length);
  for (const c of entities.cues) for (let i = c.start; i < c.end; i++) covered[i] = 1;
  for (const r of refs) for (let i = r.start; i < r.end; i++) covered[i] = 1;
  tokens.forEach((t, i) => {
    if (WEAK_MARKERS.has(t.norm) && !covered[i]) markers.push({ start: i, end: i + 1, weak: true });
  });
  markers.sort((a, b) => a.start - b.start);

  const removed = new Set<object>();
  const used: number[] = [];
  for (const m of markers) {
    const after = refs.filter((r) => r.start >= m.end && !removed.has(r.obj));
    const first = after[0];
    if (!first || gapWords(tokens, m.end, first.start) > 2) continue;
    // The values right after the marker (a name and a day may be corrected together).
    const fresh: Ref[] = [first];
    for (const r of after.slice(1)) {
      if (gapWords(tokens, fresh[fresh.length - 1]!.end, r.start) > 1) break;
      fresh.push(r);
    }
    let did = false;
    for (const type of new Set(fresh.map((r) => r.type))) {
      const before = refs.filter((r) => r.type === type && r.end <= m.start && !removed.has(r.obj)).pop();
      if (!before) continue;
      if (m.weak) {
        // A bare "non" sits right between the two values of one kind.
        const nearest = refs.filter((r) => r.end <= m.start && !removed.has(r.obj)).pop();
        if (nearest !== before || gapWords(tokens, before.end, m.start) > 0) continue;
      }
      removed.add(before.obj);
      did = true;
    }
    if (did) used.push(m.start);
  }
  if (removed.size > 0) {
    entities.children = entities.children.filter((c) => !removed.has(c));
    entities.services = entities.services.filter((s) => !removed.has(s));
    entities.dates = entities.dates.filter((d) => !removed.has(d));
  }
  return used;
}
