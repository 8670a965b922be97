/**
 * Finding families by what staff remember: a name (guardian or child), an
 * email, a phone, the file number — accents and case aside ("Leo" finds
 * "Léo"), which SQL cannot do the same way on SQLite and PostgreSQL. So the
 * search keeps a folded index of the families' names in memory, read once
 * and read again only when the tables changed (a three-aggregate check per
 * search, so another process's changes are seen too); each search then
 * scans that index, never the database's rows.
 */
import type { Db } from '../../db/database.js';

export interface FamilyHit {
  id: number;
  reference: string;
  guardians: { name: string; email: string | null; phone: string | null }[];
  children: { firstName: string; lastName: string; className: string }[];
}

function fold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[’'-]/g, ' ');
}

interface Entry {
  hit: FamilyHit;
  text: string;
  phones: string[];
}

export class FamilySearch {
  private index: { version: string; entries: Entry[] } | null = null;
  private building: Promise<{ version: string; entries: Entry[] }> | null = null;

  constructor(private readonly db: Db) {}

  private async version(): Promise<string> {
    const [f, g, c] = await Promise.all([
      this.db.family.aggregate({ _count: { _all: true }, _max: { updatedAt: true, id: true } }),
      this.db.guardian.aggregate({ _count: { _all: true }, _max: { updatedAt: true, id: true } }),
      this.db.child.aggregate({ _count: { _all: true }, _max: { updatedAt: true, id: true } }),
    ]);
    return [f, g, c].map((a) => `${a._count._all}:${a._max.id}:${a._max.updatedAt?.getTime()}`).join('|');
  }

  private async build(version: string) {
    // Three plain reads, joined here: a relation loaded with an ordering would send every family id back to SQLite in one list.
    const [rows, guardianRows, childRows] = await Promise.all([
      this.db.family.findMany({ select: { id: true, reference: true } }),
      this.db.guardian.findMany({ select: { id: true, familyId: true, name: true, email: true, phone: true } }),
      this.db.child.findMany({ select: { id: true, familyId: true, firstName: true, lastName: true, className: true } }),
    ]);
    const byFamily = <T extends { id: number; familyId: number }>(list: T[]) => {
      const m = new Map<number, T[]>();
      for (const x of list.sort((a, b) => a.id - b.id)) m.set(x.familyId, [...(m.get(x.familyId) ?? []), x]);
      return m;
    };
    const guardiansOf = byFamily(guardianRows);
    const childrenOf = byFamily(childRows);
    const families = rows
      .sort((a, b) => (a.reference < b.reference ? -1 : a.reference > b.reference ? 1 : 0))
      .map((f) => ({
        ...f,
        guardians: (guardiansOf.get(f.id) ?? []).map((g) => ({ name: g.name, email: g.email, phone: g.phone })),
        children: (childrenOf.get(f.id) ?? []).map((c) => ({ firstName: c.firstName, lastName: c.lastName, className: c.className })),
      }));
    const entries = families.map((f) => ({
      hit: { id: f.id, reference: f.reference, guardians: f.guardians, children: f.children },
      text: fold([f.reference, ...f.guardians.flatMap((g) => [g.name, g.email ?? '']), ...f.children.flatMap((c) => [c.firstName, c.lastName])].join(' ')),
      phones: f.guardians.map((g) => g.phone?.replace(/\D/g, '') ?? '').filter(Boolean),
    }));
    return { version, entries };
  }

  private async entries(): Promise<Entry[]> {
    const version = await this.version();
    if (this.index?.version === version) return this.index.entries;
    this.building ??= this.build(version).finally(() => (this.building = null));
    this.index = await this.building;
    return this.index.entries;
  }

  /** The families matching every word of `query`, sorted by reference, at most `limit`; every family when the query is empty. */
  async search(query: string, limit = 50): Promise<{ hits: FamilyHit[]; total: number }> {
    const words = fold(query).split(/\s+/).filter(Boolean);
    const digits = query.replace(/\D/g, '');
    const hits: FamilyHit[] = [];
    let total = 0;
    for (const e of await this.entries()) {
      if (words.length > 0) {
        const phoneMatch = digits.length >= 6 && e.phones.some((p) => p.includes(digits));
        if (!phoneMatch && !words.every((w) => e.text.includes(w))) continue;
      }
      total++;
      if (hits.length < limit) hits.push(e.hit);
    }
    return { hits, total };
  }

  /** The ids of the families matching `query` (for the activity log's search by name), at most `limit`. */
  async ids(query: string, limit = 50): Promise<number[]> {
    return (await this.search(query, limit)).hits.map((h) => h.id);
  }
}

/** A family's id by its file number (exactly as written), or null. */
export function familyByReference(db: Db, reference: string) {
  return db.family.findUnique({ where: { reference }, select: { id: true, reference: true } });
}

/** A child's name and family, or null. */
export function childSummary(db: Db, id: number) {
  return db.child.findUnique({ where: { id }, select: { firstName: true, lastName: true, familyId: true } });
}

/** Which of these file numbers are already known. */
export async function knownReferences(db: Db, references: string[]): Promise<Set<string>> {
  return new Set((await db.family.findMany({ where: { reference: { in: references } }, select: { reference: true } })).map((f) => f.reference));
}

/** Each school name as children's records write it, with its number of children. */
export async function childrenBySchool(db: Db): Promise<{ school: string; children: number }[]> {
  return (await db.child.groupBy({ by: ['school'], _count: { _all: true } })).map((u) => ({ school: u.school, children: u._count._all }));
}
