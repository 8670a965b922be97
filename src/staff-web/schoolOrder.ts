/**
 * The order staff read schools and classes in: classes by level (TPS, PS,
 * MS, GS, CP, CE1, CE2, CM1, CM2, then anything else by name), schools by
 * name; both compared without case or accents, so "jules ferry" and
 * "Jules Ferry" are one school.
 */
const LEVELS = ['TPS', 'PS', 'MS', 'GS', 'CP', 'CE1', 'CE2', 'CM1', 'CM2', 'ULIS'];
const collator = new Intl.Collator('fr', { numeric: true, sensitivity: 'base' });

/**
 * A town has a few dozen school and class names, read on every row of a
 * city's roll call: folds and ranks are kept once computed (the caches are
 * emptied past CACHE_MAX names, so odd input cannot grow them without end).
 */
const CACHE_MAX = 10_000;
const folded = new Map<string, string>();
const ranks = new Map<string, number>();

function remember<V>(cache: Map<string, V>, key: string, value: V): V {
  if (cache.size >= CACHE_MAX) cache.clear();
  cache.set(key, value);
  return value;
}

/** A school or class name folded for grouping: no accents, no case, single spaces. */
export function foldName(s: string): string {
  return folded.get(s) ?? remember(folded, s, s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/[’'\-]/g, ' ').replace(/\s+/g, ' ').trim());
}

/** Rank of a class by level: "PS" before "CP" before "CM2"; "CE1-CE2" by its first level. */
export function classRank(className: string): number {
  const known = ranks.get(className);
  if (known !== undefined) return known;
  const head = foldName(className).toUpperCase().split(/[\s/\-]+/)[0] ?? '';
  const i = LEVELS.indexOf(head);
  return remember(ranks, className, i < 0 ? LEVELS.length : i);
}

export function compareClasses(a: string, b: string): number {
  return classRank(a) - classRank(b) || collator.compare(a, b);
}

export function compareNames(a: string, b: string): number {
  return collator.compare(a, b);
}

/** Children in school order: school, class level, last name, first name. */
export function compareChildren(a: { school: string; className: string; lastName: string; firstName: string }, b: typeof a): number {
  return collator.compare(a.school, b.school) || compareClasses(a.className, b.className) || collator.compare(a.lastName, b.lastName) || collator.compare(a.firstName, b.firstName);
}

/**
 * The same order as compareChildren, for a whole roll call at once: the few
 * distinct schools and classes are ranked once, so the sort compares
 * integers and only collates names within a class.
 */
export function sortChildren<T extends { school: string; className: string; lastName: string; firstName: string }>(rows: T[]): T[] {
  const rankOf = (values: string[], compare: (a: string, b: string) => number) => {
    const sorted = [...new Set(values)].sort(compare);
    const rank = new Map<string, number>();
    sorted.forEach((v, i) => rank.set(v, i > 0 && compare(sorted[i - 1]!, v) === 0 ? rank.get(sorted[i - 1]!)! : i));
    return rank;
  };
  const schools = rankOf(rows.map((r) => r.school), (a, b) => collator.compare(a, b));
  const classes = rankOf(rows.map((r) => r.className), compareClasses);
  return rows
    .map((row) => ({ row, school: schools.get(row.school)!, className: classes.get(row.className)! }))
    .sort((a, b) => a.school - b.school || a.className - b.className || collator.compare(a.row.lastName, b.row.lastName) || collator.compare(a.row.firstName, b.row.firstName))
    .map((d) => d.row);
}
