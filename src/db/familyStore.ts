/** The core's family, activation and staff stores on SQLite through Prisma. */
import { ChildId, FamilyId, GuardianId } from '../core/ids.js';
import type { Actor, Channel } from '../core/model.js';
import type { AuditEntry, ConversationStore, FamilyRecord, FamilyStore, FamilyTx, GuardianRecord, StaffStore } from '../core/ports.js';
import type { ConversationState } from '../core/conversation/state.js';
import type { IsoDate } from '../core/time.js';
import { providerOf, type Db } from './database.js';
import { sqliteExecute, sqliteQuery, writeTransaction, type Tx } from './transaction.js';
import { sqliteTimestamp, writeAudit } from './audit.js';


type GuardianRow = { id: number; familyId: number; name: string; email: string | null; phone: string | null; language: string; telegramChatId: string | null; accessState: string };

export function toGuardian(g: GuardianRow): GuardianRecord {
  return {
    id: GuardianId(g.id),
    familyId: FamilyId(g.familyId),
    name: g.name,
    email: g.email,
    phone: g.phone,
    language: g.language === 'en' ? 'en' : 'fr',
    telegramChatId: g.telegramChatId,
    accessState: g.accessState === 'active' ? 'active' : g.accessState === 'code_sent' ? 'code_sent' : 'inactive',
  };
}

async function familyByReference(db: Tx | Db, reference: string): Promise<FamilyRecord | null> {
  return familyRecord(db, { reference });
}

type ChildRow = { id: number; familyId: number; firstName: string; lastName: string; birthDate: string; school: string; className: string; mealType: string; pai: boolean };

function toChild(c: ChildRow): FamilyRecord['children'][number] {
  return {
    id: ChildId(c.id),
    familyId: FamilyId(c.familyId),
    firstName: c.firstName,
    lastName: c.lastName,
    birthDate: c.birthDate as IsoDate,
    school: c.school,
    className: c.className,
    mealType: c.mealType,
    pai: c.pai,
  };
}

/**
 * A family's guardians and children as JSON arrays (SQLite), in id order,
 * for a query whose family row is `f`: with the family's own columns, one
 * query instead of Prisma's three (an include is a query per relation, each
 * mapped row by row).
 */
export const SQLITE_GUARDIANS_JSON = `json((SELECT json_group_array(json_array("id", "familyId", "name", "email", "phone", "language", "telegramChatId", "accessState") ORDER BY "id") FROM "Guardian" WHERE "familyId" = f."id"))`;
export const SQLITE_CHILDREN_JSON = `json((SELECT json_group_array(json_array("id", "familyId", "firstName", "lastName", "birthDate", "school", "className", "mealType", "pai") ORDER BY "id") FROM "Child" WHERE "familyId" = f."id"))`;

export type GuardianTuple = [number, number, string, string | null, string | null, string, string | null, string];
export type ChildTuple = [number, number, string, string, string, string, string, string, number];

export function guardianFromTuple([id, familyId, name, email, phone, language, telegramChatId, accessState]: GuardianTuple): GuardianRecord {
  return toGuardian({ id, familyId, name, email, phone, language, telegramChatId, accessState });
}

/** The family record from the JSON of SQLITE_GUARDIANS_JSON and SQLITE_CHILDREN_JSON. */
export function familyFromTuples(id: number, reference: string, guardians: GuardianTuple[] | null, children: ChildTuple[] | null): FamilyRecord {
  return {
    id: FamilyId(id),
    reference,
    guardians: (guardians ?? []).map(guardianFromTuple),
    children: (children ?? []).map(([id, familyId, firstName, lastName, birthDate, school, className, mealType, pai]) => toChild({ id, familyId, firstName, lastName, birthDate, school, className, mealType, pai: pai !== 0 })),
  };
}

/** A family by id or reference, with its guardians and children. */
export async function familyRecord(db: Tx | Db, where: { reference: string } | { id: number }): Promise<FamilyRecord | null> {
  if (providerOf(db) === 'sqlite') {
    const [column, value] = 'id' in where ? ['id', where.id] : ['reference', where.reference];
    const rows = await sqliteQuery<{ family: string }>(db, 
      `SELECT json_array(f."id", f."reference", ${SQLITE_GUARDIANS_JSON}, ${SQLITE_CHILDREN_JSON}) AS "family" FROM "Family" f WHERE f."${column}" = ?`,
      value,
    );
    if (rows.length === 0) return null;
    const [id, reference, guardians, children] = JSON.parse(rows[0]!.family) as [number, string, GuardianTuple[], ChildTuple[]];
    return familyFromTuples(id, reference, guardians, children);
  }
  const f = await db.family.findUnique({
    where,
    include: { guardians: { orderBy: { id: 'asc' } }, children: { orderBy: { id: 'asc' } } },
  });
  if (!f) return null;
  return { id: FamilyId(f.id), reference: f.reference, guardians: f.guardians.map(toGuardian), children: f.children.map(toChild) };
}

class PrismaFamilyTx implements FamilyTx {
  constructor(private readonly tx: Tx) {}
  familyByReference(reference: string) {
    return familyByReference(this.tx, reference);
  }
  async createFamily(reference: string, at: Date) {
    const f = await this.tx.family.create({ data: { reference, createdAt: at } });
    return FamilyId(f.id);
  }
  async createGuardian(familyId: FamilyId, g: { name: string; email: string | null; phone: string | null }) {
    await this.tx.guardian.create({ data: { familyId, ...g } });
  }
  async updateGuardian(id: GuardianId, g: { name: string; email: string | null; phone: string | null }) {
    await this.tx.guardian.update({ where: { id }, data: g });
  }
  async createChild(familyId: FamilyId, c: Parameters<FamilyTx['createChild']>[1]) {
    await this.tx.child.create({ data: { familyId, ...c } });
  }
  async updateChild(id: ChildId, c: Parameters<FamilyTx['updateChild']>[1]) {
    await this.tx.child.update({ where: { id }, data: c });
  }
  audit(entries: readonly AuditEntry[]) {
    return writeAudit(this.tx, entries);
  }
}

export class PrismaFamilyStore implements FamilyStore {
  constructor(private readonly db: Db) {}
  write<T>(fn: (tx: FamilyTx) => Promise<T>): Promise<T> {
    return writeTransaction(this.db, (tx) => fn(new PrismaFamilyTx(tx)));
  }
  byReference(reference: string) {
    return familyByReference(this.db, reference);
  }
  byId(id: FamilyId) {
    return familyRecord(this.db, { id });
  }
}

export class PrismaConversationStore implements ConversationStore {
  constructor(private readonly db: Db) {}
  async load(guardianId: GuardianId): Promise<ConversationState | null> {
    // findFirst, not findUnique: Prisma batches findUnique calls through a loader that costs more than the query.
    const row = await this.db.conversation.findFirst({ where: { guardianId }, select: { state: true } });
    if (!row) return null;
    try {
      return JSON.parse(row.state) as ConversationState;
    } catch {
      return null;
    }
  }
  async save(guardianId: GuardianId, state: ConversationState, now: Date): Promise<void> {
    const data = { state: JSON.stringify(state), updatedAt: now };
    await writeTransaction(this.db, async (tx) => {
      if (providerOf(tx) === 'sqlite') {
        // One statement, as Prisma's upsert would write it, without its cost.
        await sqliteExecute(tx, 
          `INSERT INTO "Conversation" ("guardianId", "state", "updatedAt") VALUES (?, ?, ?)
           ON CONFLICT ("guardianId") DO UPDATE SET "state" = excluded."state", "updatedAt" = excluded."updatedAt"`,
          guardianId,
          data.state,
          sqliteTimestamp(now),
        );
        return;
      }
      await tx.conversation.upsert({ where: { guardianId }, create: { guardianId, ...data }, update: data });
    });
  }
}

export class PrismaStaffStore implements StaffStore {
  constructor(private readonly db: Db) {}
  async upsert(email: string, passwordHash: string, by: { actor: Actor; channel: Channel; now: Date }) {
    return writeTransaction(this.db, async (tx) => {
      const existing = await tx.staffUser.findUnique({ where: { email } });
      await tx.staffUser.upsert({
        where: { email },
        // The first account of a database is an administrateur (DESIGN.md, staff-add), later ones agents.
        create: { email, passwordHash, mustChangePassword: true, role: (await tx.staffUser.count()) === 0 ? 'administrateur' : 'agent' },
        update: { passwordHash, mustChangePassword: true },
      });
      await writeAudit(tx, [{ at: by.now, actor: by.actor, channel: by.channel, action: existing ? 'staff.password_reset' : 'staff.create', familyId: null, before: null, after: { email } }]);
      return { existed: existing !== null };
    });
  }
}
