/**
 * Self-corrections keep the last word: "lundi, euh non, mardi" is Tuesday,
 * "Léa, pardon, Tom" is Tom. A correction marker followed closely by a
 * name, a service or a day cancels the last one of the same kind before it.
 */
import type { Entities } from './clauses.js';
import type { Token } from './normalize.js';
import type { ChildTag } from './children.js';

type EntityType = 'child' | 'service' | 'date';

interface Ref {
  type: EntityType;
  start: number;
  end: number;
  obj: object;
}

// ("Actually change that to Friday", "pardon, mettez plutôt jeudi", "make it Tuesday": the words of a move say the new value too.)
const FILLERS = new Set([
  'le', 'la', 'les', 'the', 'on', 'ce', 'est', 'c', 'plutot', 'je', 'veux', 'dire', 'voulais', 'pour', 'it', 'is', 'was', 'i', 'mean', 'meant', 'euh', 'heu',
  'change', 'changez', 'changer', 'make', 'that', 'to', 'ca', 'mettez', 'mets', 'mettre', 'disons', 'say', 'let', 's',
]);
const WEAK_MARKERS = new Set(['non', 'no', 'enfin', 'nope']);

/** Words between `from` and `to` that are not fillers nor punctuation, counted up to `limit + 1`. */
function gapWords(tokens: readonly Token[], from: number, to: number, limit: number): number {
  let n = 0;
  for (let i = from; i < to && n <= limit; i++) {
    const t = tokens[i]!;
    if (t.kind === 'punct' || FILLERS.has(t.norm)) continue;
    n++;
  }
  return n;
}

/** The index of the first ref starting at or after `at` (refs sorted by start). */
function firstFrom(refs: readonly Ref[], at: number): number {
  let lo = 0;
  let hi = refs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (refs[mid]!.start < at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Drops the entities a self-correction replaces and returns the positions
 * of the markers that corrected something. Strong markers ("euh non",
 * "pardon", "je veux dire", "I mean", "sorry") need the new value within
 * two words; a bare "non"/"no" counts only between two values of the same
 * kind ("lundi, non, mardi").
 */
/** Only list links between two positions ("et", ",", "and", "&"). */
function linkedOnly(tokens: readonly Token[], from: number, to: number): boolean {
  if (to <= from) return false;
  for (let k = from; k < to; k++) if (!['et', ',', 'and', '&'].includes(tokens[k]!.norm)) return false;
  return true;
}

/** A conjunction between two positions ("et", "and", "puis"). */
function hasLink(tokens: readonly Token[], from: number, to: number): boolean {
  for (let k = from; k < to; k++) if (['et', 'and', '&', 'puis', 'then'].includes(tokens[k]!.norm)) return true;
  return false;
}

/** "juste", "seulement", "only", "just" between a marker and the value it brings: that value alone. */
function onlyAfter(tokens: readonly Token[], from: number, to: number): boolean {
  for (let k = from; k < to; k++) if (ONLY_WORDS.has(tokens[k]!.norm)) return true;
  return false;
}

/** "juste", "seulement", "only": the value after it alone (a self-correction, a change of mind). */
export const ONLY_WORDS: ReadonlySet<string> = new Set(['juste', 'seulement', 'uniquement', 'only', 'just', 'que']);

export function applyCorrections(tokens: readonly Token[], entities: Entities, brought?: Set<object>): number[] {
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
    // "lundi, enfin mardi", "Sacha et Prune seront malades… enfin Sacha": "enfin" after a pause restates.
    const pause = tokens[i - 1];
    if (t.norm === 'enfin' && !covered[i] && pause?.kind === 'punct' && [',', '.', '…', '...'].includes(pause.norm) && tokens[i + 1]?.norm !== 'bref') markers.push({ start: i, end: i + 1, weak: false });
  });
  markers.sort((a, b) => a.start - b.start);

  const removed = new Set<object>();
  const used: number[] = [];
  const corrected = new Set<object>();
  // Refs never overlap and are sorted by start, so their ends are sorted too: the refs ending
  // before a marker are those before the first one starting at or after it.
  const alive = (k: number): Ref | undefined => (removed.has(refs[k]!.obj) ? undefined : refs[k]);
  for (const m of markers) {
    let f = firstFrom(refs, m.end);
    while (f < refs.length && !alive(f)) f++;
    const first = refs[f];
    // ("Sorry, I meant Ava": two markers of one correction; the second brings nothing new.)
    if (!first || gapWords(tokens, m.end, first.start, 2) > 2 || corrected.has(first.obj)) continue;
    // The values right after the marker (a name and a day may be corrected together).
    const fresh: Ref[] = [first];
    for (let k = f + 1; k < refs.length; k++) {
      const r = alive(k);
      if (!r) continue;
      const last = fresh[fresh.length - 1]!;
      if (gapWords(tokens, last.end, r.start, 1) > 1) break;
      // ("Enfin Chloé seulement, Zoé dort chez sa copine": the value said to be the only one ends what is brought.)
      if (onlyAfter(tokens, last.end, r.start) && tokens.slice(last.end, r.start).some((t) => t.norm === ',' || t.norm === ';')) break;
      // "Léo cantine mercredi euh non jeudi et Manon garderie du soir vendredi": after "et", another
      // kind of value begins the next request; only a list of the same kind goes on ("jeudi et vendredi").
      if (r.type !== last.type && hasLink(tokens, last.end, r.start)) break;
      fresh.push(r);
      if (fresh.length >= 4) break;
    }
    const beforeEnd = firstFrom(refs, m.start);
    // "Gabriel et Rose à la cantine jeudi. Ah non, pour Rose c'est vendredi": one child of a list named
    // again with a day of its own is corrected alone; the others keep the request as it was said.
    const freshChild = fresh.find((r) => r.type === 'child' && (r.obj as ChildTag).kind === 'name');
    if (!m.weak && freshChild && fresh.some((r) => r.type === 'date')) {
      const name = (freshChild.obj as ChildTag).name;
      let same = -1;
      for (let k = beforeEnd - 1; k >= 0 && same < 0; k--) {
        const r = alive(k);
        if (r && r.type === 'child' && r.end <= m.start && (r.obj as ChildTag).kind === 'name' && (r.obj as ChildTag).name === name) same = k;
      }
      const listed = (k: number) => {
        const r = alive(k);
        return !!r && r.type === 'child' && (r.obj as ChildTag).kind === 'name' && (r.obj as ChildTag).name !== name;
      };
      const inList = same >= 0 && ((same > 0 && listed(same - 1) && linkedOnly(tokens, refs[same - 1]!.end, refs[same]!.start)) || (same + 1 < beforeEnd && listed(same + 1) && linkedOnly(tokens, refs[same]!.end, refs[same + 1]!.start)));
      // "Leo for after-school care on Thursday and Ava on Thursday as well. Sorry, I meant Ava on Friday":
      // a child given a day of its own beside another child's request is corrected with that day alone.
      const ownDay = !inList && same > 0 && same + 1 < beforeEnd && alive(same + 1)?.type === 'date' && gapWords(tokens, refs[same]!.end, refs[same + 1]!.start, 1) <= 1
        && refs.slice(0, same).some((r, k) => listed(k));
      if (ownDay) removed.add(refs[same + 1]!.obj);
      if (inList || ownDay) {
        removed.add(refs[same]!.obj);
        // ("… c'est vendredi, pas jeudi": the day it replaces, said again after "pas", is no request.)
        for (let k = f + 1; k < refs.length; k++) {
          const r = alive(k);
          if (!r || tokens.slice(first.end, r.start).some((t) => t.norm === '.' || t.norm === '\n' || t.norm === '?')) break;
          const lead = tokens[r.start - 1]?.norm === 'le' || tokens[r.start - 1]?.norm === 'the' ? tokens[r.start - 2] : tokens[r.start - 1];
          if (r.type === 'date' && r !== fresh[0] && (lead?.norm === 'pas' || lead?.norm === 'not')) removed.add(r.obj);
        }
        used.push(m.start);
        for (const r of fresh) {
          brought?.add(r.obj);
          corrected.add(r.obj);
        }
        continue;
      }
    }
    let nearest: Ref | undefined;
    for (let k = beforeEnd - 1; k >= 0 && !nearest; k--) if (refs[k]!.end <= m.start) nearest = alive(k);
    let did = false;
    for (const type of new Set(fresh.map((r) => r.type))) {
      let before: Ref | undefined;
      // ("Monday and Tuesday next week. Sorry, I mean Tuesday and Thursday": weekdays correct the weekdays, the week framing them stays.)
      const weekdaysFor = type === 'date' && fresh.every((r) => r.type !== 'date' || (r.obj as { kind: string }).kind === 'weekday');
      for (let k = beforeEnd - 1; k >= 0 && !before; k--) {
        const r = alive(k);
        if (r && r.type === type && r.end <= m.start && !(weekdaysFor && (r.obj as { kind: string; scope?: string }).kind === 'span' && (r.obj as { scope?: string }).scope === 'week')) before = r;
      }
      if (!before) continue;
      if (m.weak) {
        // A bare "non" sits right between the two values of one kind.
        if (nearest !== before || gapWords(tokens, before.end, m.start, 0) > 0) continue;
      }
      removed.add(before.obj);
      // "Léa et Tom seront malades… enfin Tom": the children listed together are corrected together;
      // "jeudi et vendredi, enfin non juste vendredi", "non en fait juste Jade": so is any list, when
      // the new value is said to be the only one.
      // A list brought in place of a list replaces it whole ("Tuesday and Thursday. Sorry, I meant Thursday and Friday").
      if (onlyAfter(tokens, m.end, first.start)) {
        // "ce soir et demain soir, enfin non seulement demain soir": "only" takes out every value of that kind the sentence said.
        for (let k = refs.indexOf(before) - 1; k >= 0; k--) {
          const r = refs[k]!;
          if (tokens.slice(r.end, before.start).some((t) => ['.', '\n', '?', '!'].includes(t.norm))) break;
          if (alive(k) && r.type === type) removed.add(r.obj);
        }
      } else if ((type === 'child' && !m.weak) || fresh.filter((r) => r.type === type).length > 1) {
        let edge = before;
        for (let k = refs.indexOf(before) - 1; k >= 0; k--) {
          const r = alive(k);
          if (!r || r.type !== type || !linkedOnly(tokens, r.end, edge.start)) break;
          removed.add(r.obj);
          edge = r;
        }
      }
      did = true;
    }
    if (did) {
      used.push(m.start);
      // (The values the correction brings, for who reads what it took out: "du matin jeudi euh non pardon du soir jeudi".)
      for (const r of fresh) {
        brought?.add(r.obj);
        corrected.add(r.obj);
      }
    }
  }
  if (removed.size > 0) {
    entities.children = entities.children.filter((c) => !removed.has(c));
    entities.services = entities.services.filter((s) => !removed.has(s));
    entities.dates = entities.dates.filter((d) => !removed.has(d));
  }
  return used;
}
