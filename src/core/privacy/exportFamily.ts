/**
 * A family's data on request (its right of access): one JSON document with
 * everything stored about it — the family, guardians, children, bookings and
 * attendance, conversations, messages taken and sent, notifications, and the
 * audit of its changes. Activation codes appear by their dates only (their
 * hashes are of no use to anyone).
 */
import type { FamilyData, PrivacyStore } from './ports.js';

export const FAMILY_EXPORT_FORMAT = 'portail-famille/family-export';

/** The document: what it is, when it was made, then the family's rows. */
export type FamilyExport = { format: typeof FAMILY_EXPORT_FORMAT; version: 1; exportedAt: string; reference: string } & FamilyData;

export async function exportFamily(
  deps: { store: PrivacyStore },
  input: { reference: string; now: Date },
): Promise<{ ok: true; document: FamilyExport } | { ok: false; why: 'UNKNOWN_FAMILY' }> {
  const id = await deps.store.familyIdByReference(input.reference.trim());
  const data = id === null ? null : await deps.store.familyData(id);
  if (!data) return { ok: false, why: 'UNKNOWN_FAMILY' };
  return { ok: true, document: { format: FAMILY_EXPORT_FORMAT, version: 1, exportedAt: input.now.toISOString(), reference: data.family.reference, ...data } };
}
