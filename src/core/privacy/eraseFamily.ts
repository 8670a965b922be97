/**
 * Erasing a family that leaves: its guardians' and children's personal
 * data go, its conversations and messages are deleted, and its bookings
 * stay, anonymised, so past headcounts and billing still add up. The audit
 * keeps that it happened (who, when, how many rows), nothing personal.
 */
import type { Actor, Channel } from '../model.js';
import type { Anonymised, ErasureCounts, PrivacyStore } from './ports.js';

/** What an erased family and its children become. */
export function anonymisedFamily(familyId: number): Anonymised {
  return {
    reference: `ANONYME-${familyId}`,
    child: (childId) => ({ firstName: 'Enfant', lastName: `anonyme-${childId}`, birthDate: '0000-01-01', mealType: 'standard', pai: false }),
  };
}

export async function eraseFamily(
  deps: { store: PrivacyStore },
  input: { reference: string; actor: Actor; channel: Channel; now: Date },
): Promise<{ ok: true; counts: ErasureCounts } | { ok: false; why: 'UNKNOWN_FAMILY' }> {
  const familyId = await deps.store.familyIdByReference(input.reference.trim());
  if (familyId === null) return { ok: false, why: 'UNKNOWN_FAMILY' };
  const counts = await deps.store.erase(familyId, anonymisedFamily(familyId), (c) => ({
    at: input.now,
    actor: input.actor,
    channel: input.channel,
    action: 'family.erase',
    familyId,
    before: null,
    after: c,
  }));
  return { ok: true, counts };
}
