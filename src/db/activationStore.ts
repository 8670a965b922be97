/**
 * Activation codes on Prisma: only their HMAC-SHA256, keyed by the app
 * secret, is stored; redeeming a code makes its guardian active.
 */
import { FamilyId, GuardianId } from '../core/ids.js';
import type { Actor, Channel } from '../core/model.js';
import type { ActivationStore } from '../core/ports.js';
import { hashCode, legacyHashCode } from '../core/activation/activationCodes.js';
import type { Db } from './database.js';
import { writeTransaction } from './transaction.js';
import { writeAudit } from './audit.js';
import { toGuardian } from './familyStore.js';

export class PrismaActivationStore implements ActivationStore {
  /** `key`: the app secret (src/db/appSecret.ts); a new secret makes every unused code unknown. */
  constructor(
    private readonly db: Db,
    private readonly key: string,
  ) {}

  async replaceCodes(guardianId: GuardianId, code: string, expiresAt: Date, now: Date, by: { actor: Actor; channel: Channel }) {
    await writeTransaction(this.db, async (tx) => {
      const dropped = await tx.activationCode.deleteMany({ where: { guardianId, usedAt: null } });
      await tx.activationCode.create({ data: { guardianId, codeHash: hashCode(this.key, code), expiresAt, createdAt: now } });
      await tx.guardian.updateMany({ where: { id: guardianId, accessState: 'inactive' }, data: { accessState: 'code_sent' } });
      const g = await tx.guardian.findUniqueOrThrow({ where: { id: guardianId }, select: { familyId: true } });
      await writeAudit(tx, [
        { at: now, ...by, action: 'guardian.code_issued', familyId: FamilyId(g.familyId), before: null, after: { guardianId, expiresAt: expiresAt.toISOString(), replacedCodes: dropped.count } },
      ]);
    });
  }

  async redeem(typed: string, chatId: string, now: Date) {
    return writeTransaction(this.db, async (tx) => {
      // Codes issued before keyed hashing were stored as a plain SHA-256: still honoured until they expire.
      const code =
        (await tx.activationCode.findUnique({ where: { codeHash: hashCode(this.key, typed) } })) ??
        (await tx.activationCode.findUnique({ where: { codeHash: legacyHashCode(typed) } }));
      if (!code) return { ok: false as const, why: 'unknown' as const };
      if (code.usedAt) return { ok: false as const, why: 'used' as const };
      if (code.expiresAt.getTime() <= now.getTime()) return { ok: false as const, why: 'expired' as const };
      await tx.activationCode.update({ where: { id: code.id }, data: { usedAt: now } });
      await tx.guardian.updateMany({ where: { telegramChatId: chatId, NOT: { id: code.guardianId } }, data: { telegramChatId: null } });
      const g = await tx.guardian.update({
        where: { id: code.guardianId },
        data: { telegramChatId: chatId, accessState: 'active', activatedAt: now },
      });
      await writeAudit(tx, [
        { at: now, actor: { type: 'guardian', id: GuardianId(g.id) }, channel: 'telegram', action: 'guardian.link_telegram', familyId: FamilyId(g.familyId), before: null, after: { guardianId: g.id } },
      ]);
      return { ok: true as const, guardian: toGuardian(g) };
    });
  }
}
