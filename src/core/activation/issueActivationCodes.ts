import type { Actor, Channel } from '../model.js';
import type { GuardianRecord } from '../ports.js';
import type { ActivationStore, FamilyStore } from '../ports.js';
import { CODE_VALIDITY_DAYS, generateCode, type RandomBytes } from './activationCodes.js';

export type IssueResult =
  | { ok: true; familyReference: string; codes: { guardian: GuardianRecord; code: string; expiresAt: Date }[] }
  | { ok: false; why: 'UNKNOWN_FAMILY' | 'NO_GUARDIAN' };

/**
 * Issues a fresh single-use code, valid 30 days, to each guardian of the
 * family; a guardian's earlier unused codes stop working.
 */
export async function issueActivationCodes(
  deps: { families: FamilyStore; activation: ActivationStore; random: RandomBytes },
  input: { reference: string; now: Date; actor: Actor; channel: Channel },
): Promise<IssueResult> {
  const family = await deps.families.byReference(input.reference);
  if (!family) return { ok: false, why: 'UNKNOWN_FAMILY' };
  if (family.guardians.length === 0) return { ok: false, why: 'NO_GUARDIAN' };
  const expiresAt = new Date(input.now.getTime() + CODE_VALIDITY_DAYS * 86_400_000);
  const codes = [];
  for (const guardian of family.guardians) {
    const code = generateCode(deps.random);
    await deps.activation.replaceCodes(guardian.id, code, expiresAt, input.now, { actor: input.actor, channel: input.channel });
    codes.push({ guardian, code, expiresAt });
  }
  return { ok: true, familyReference: family.reference, codes };
}
