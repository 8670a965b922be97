/**
 * The order staff read schools and classes in: classes by level (TPS, PS,
 * MS, GS, CP, CE1, CE2, CM1, CM2, then anything else by name), schools by
 * name; both compared without case or accents, so "jules ferry" and
 * "Jules Ferry" are one school.
 */
const LEVELS = ['TPS', 'PS', 'MS', 'GS', 'CP', 'CE1', 'CE2', 'CM1', 'CM2', 'ULIS'];
const collator = new Intl.Collator('fr', { numeric: true, sensitivity: 'base' });

/** A school or class name folded for grouping: no accents, no case, single spaces. */
export function foldName(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/[’'\-]/g, ' ').replace(/\s+/g, ' ').trim();
}

/** Rank of a class by level: "PS" before "CP" before "CM2"; "CE1-CE2" by its first level. */
export function classRank(className: string): number {
  const head = foldName(className).toUpperCase().split(/[\s/\-]+/)[0] ?? '';
  const i = LEVELS.indexOf(head);
  return i < 0 ? LEVELS.length : i;
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
