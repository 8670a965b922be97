import type { GuardianId } from '../ids.js';
import type { Actor, Channel } from '../model.js';
import type { ActivationStore, FamilyRecord, FamilyStore, GuardianRecord } from '../ports.js';
import { CODE_VALIDITY_DAYS, generateCode, type RandomBytes } from './activationCodes.js';

export type IssueGuardianResult =
  | { ok: true; family: FamilyRecord; guardian: GuardianRecord; code: string; expiresAt: Date }
  | { ok: false; why: 'UNKNOWN_GUARDIAN' };

/**
 * Issues a fresh single-use code, valid 30 days, to one guardian of a family
 * (the desk's "issue a code" button); their earlier unused codes stop
 * working, those of the other guardians are untouched.
 */
export async function issueGuardianCode(
  deps: { families: FamilyStore; activation: ActivationStore; random: RandomBytes },
  input: { familyReference: string; guardianId: GuardianId; now: Date; actor: Actor; channel: Channel },
): Promise<IssueGuardianResult> {
  const family = await deps.families.byReference(input.familyReference);
  const guardian = family?.guardians.find((g) => g.id === input.guardianId);
  if (!family || !guardian) return { ok: false, why: 'UNKNOWN_GUARDIAN' };
  const expiresAt = new Date(input.now.getTime() + CODE_VALIDITY_DAYS * 86_400_000);
  const code = generateCode(deps.random);
  await deps.activation.replaceCodes(guardian.id, code, expiresAt, input.now, { actor: input.actor, channel: input.channel });
  const accessState = guardian.accessState === 'inactive' ? 'code_sent' : guardian.accessState;
  return { ok: true, family, guardian: { ...guardian, accessState }, code, expiresAt };
}
