/** The core's family, activation and staff stores on SQLite through Prisma. */
import { ChildId, FamilyId, GuardianId } from '../core/ids.js';
import type { Actor, Channel } from '../core/model.js';
import type { AuditEntry, ConversationStore, FamilyRecord, FamilyStore, FamilyTx, GuardianRecord, StaffStore } from '../core/ports.js';
import type { ConversationState } from '../core/conversation/state.js';
import type { IsoDate } from '../core/time.js';
import type { Db } from './database.js';
import { writeTransaction, type Tx } from './transaction.js';
import { writeAudit } from './audit.js';


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
  return familyWhere(db, { reference });
}

async function familyWhere(db: Tx | Db, where: { reference: string } | { id: number }): Promise<FamilyRecord | null> {
  const f = await db.family.findUnique({
    where,
    include: { guardians: { orderBy: { id: 'asc' } }, children: { orderBy: { id: 'asc' } } },
  });
  if (!f) return null;
  return {
    id: FamilyId(f.id),
    reference: f.reference,
    guardians: f.guardians.map(toGuardian),
    children: f.children.map((c) => ({
      id: ChildId(c.id),
      familyId: FamilyId(c.familyId),
      firstName: c.firstName,
      lastName: c.lastName,
      birthDate: c.birthDate as IsoDate,
      school: c.school,
      className: c.className,
      mealType: c.mealType,
      pai: c.pai,
    })),
  };
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
    return familyWhere(this.db, { id });
  }
}

export class PrismaConversationStore implements ConversationStore {
  constructor(private readonly db: Db) {}
  async load(guardianId: GuardianId): Promise<ConversationState | null> {
    const row = await this.db.conversation.findUnique({ where: { guardianId } });
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
