/** Finding families by what staff remember: a name (guardian or child), an email, a phone, the file number. */
import { Prisma } from '../../generated/prisma/client.js';
import { providerOf, type Db } from '../../db/database.js';

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

/**
 * The families matching every word of `query` (accents and case aside),
 * sorted by reference, at most `limit`; every family when the query is empty.
 * One query reads all families' names (a town has a few thousand): matching
 * in JavaScript is what makes "Leo" find "Léo".
 */
export async function searchFamilies(db: Db, query: string, limit = 50): Promise<{ hits: FamilyHit[]; total: number }> {
  // Each family's guardians and children as JSON arrays, built by the database (SQLite's or PostgreSQL's JSON functions).
  const [agg, obj] = providerOf(db) === 'postgresql' ? ['json_agg', 'json_build_object'] : ['json_group_array', 'json_object'];
  const [arrayOf, objectOf] = [Prisma.raw(agg), Prisma.raw(obj)];
  const rows = await db.$queryRaw<{ id: number; reference: string; guardians: unknown; children: unknown }[]>`
    SELECT f."id" AS "id", f."reference" AS "reference",
      (SELECT COALESCE(${arrayOf}(${objectOf}('name', g."name", 'email', g."email", 'phone', g."phone")), '[]') FROM "Guardian" g WHERE g."familyId" = f."id") AS "guardians",
      (SELECT COALESCE(${arrayOf}(${objectOf}('firstName', c."firstName", 'lastName', c."lastName", 'className', c."className")), '[]') FROM "Child" c WHERE c."familyId" = f."id") AS "children"
    FROM "Family" f ORDER BY f."reference"`;
  const words = fold(query).split(/\s+/).filter(Boolean);
  const digits = query.replace(/\D/g, '');
  const hits: FamilyHit[] = [];
  let total = 0;
  for (const r of rows) {
    const guardians = (typeof r.guardians === 'string' ? JSON.parse(r.guardians) : r.guardians) as FamilyHit['guardians'];
    const children = (typeof r.children === 'string' ? JSON.parse(r.children) : r.children) as FamilyHit['children'];
    if (words.length > 0) {
      const text = fold([r.reference, ...guardians.flatMap((g) => [g.name, g.email ?? '']), ...children.flatMap((c) => [c.firstName, c.lastName])].join(' '));
      const phoneMatch = digits.length >= 6 && guardians.some((g) => g.phone?.replace(/\D/g, '').includes(digits));
      if (!phoneMatch && !words.every((w) => text.includes(w))) continue;
    }
    total++;
    if (hits.length < limit) hits.push({ id: Number(r.id), reference: r.reference, guardians, children });
  }
  return { hits, total };
}
