import type { FamilyId, GuardianId } from '../ids.js';
import type { Actor, Channel } from '../model.js';
import type { ActivationStore, FamilyRecord, FamilyStore, GuardianRecord } from '../ports.js';
import { issueGuardianCode } from './issueGuardianCode.js';
import type { RandomBytes } from './activationCodes.js';

/** Which guardians a batch of letters is for, as staff chose it (kept in the audit). */
export type BatchScope = ({ kind: 'not_activated' } | { kind: 'changed_on'; date: string }) & { includingUnused?: boolean };

export interface BatchLetter {
  family: FamilyRecord;
  guardian: GuardianRecord;
  code: string;
  expiresAt: Date;
}

/**
 * Issues a fresh code to each guardian of a batch of activation letters, as
 * one audited action: one `guardian.codes_batch` entry says who issued how
 * many codes for which choice, next to each guardian's own
 * `guardian.code_issued`. The caller runs it in one write transaction, so
 * the batch is whole or not at all. Guardians no longer found are skipped.
 */
export async function issueBatchCodes(
  deps: { families: FamilyStore; activation: ActivationStore; random: RandomBytes },
  input: { guardians: readonly { familyReference: string; guardianId: GuardianId }[]; scope: BatchScope; now: Date; actor: Actor; channel: Channel },
): Promise<BatchLetter[]> {
  const letters: BatchLetter[] = [];
  for (const g of input.guardians) {
    const r = await issueGuardianCode(deps, { familyReference: g.familyReference, guardianId: g.guardianId, now: input.now, actor: input.actor, channel: input.channel });
    if (r.ok) letters.push({ family: r.family, guardian: r.guardian, code: r.code, expiresAt: r.expiresAt });
  }
  const families = new Set<FamilyId>(letters.map((l) => l.family.id));
  await deps.families.write((tx) =>
    tx.audit([
      {
        at: input.now,
        actor: input.actor,
        channel: input.channel,
        action: 'guardian.codes_batch',
        familyId: null,
        before: null,
        after: { scope: input.scope, codes: letters.length, families: families.size, guardianIds: letters.map((l) => l.guardian.id) },
      },
    ]),
  );
  return letters;
}
