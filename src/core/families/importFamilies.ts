import type { Actor, Channel } from '../model.js';
import type { FamilyStore } from '../ports.js';
import type { FamilyImport } from './parseFamiliesCsv.js';

export interface ImportSummary {
  familiesCreated: number;
  familiesUpdated: number;
  familiesUnchanged: number;
  guardiansCreated: number;
  guardiansUpdated: number;
  childrenCreated: number;
  childrenUpdated: number;
}

function fold(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').trim().toLowerCase();
}

/**
 * Imports families all at once, in one transaction: new families, guardians
 * and children are created; known ones (a family by its reference, a
 * guardian by email or else by name, a child by first and last name) are
 * updated, so importing the same file twice changes nothing. Nothing is
 * ever deleted by an import.
 */
export async function importFamilies(
  deps: { families: FamilyStore },
  input: { families: readonly FamilyImport[]; actor: Actor; channel: Channel; now: Date },
): Promise<ImportSummary> {
  const summary: ImportSummary = {
    familiesCreated: 0,
    familiesUpdated: 0,
    familiesUnchanged: 0,
    guardiansCreated: 0,
    guardiansUpdated: 0,
    childrenCreated: 0,
    childrenUpdated: 0,
  };
  return deps.families.write(async (tx) => {
    for (const fam of input.families) {
      const existing = await tx.familyByReference(fam.reference);
      const changes: string[] = [];
      const familyId = existing?.id ?? (await tx.createFamily(fam.reference, input.now));
      for (const g of fam.guardians) {
        // By email; else (a guardian first registered without one) by name.
        const known =
          (g.email ? existing?.guardians.find((e) => e.email === g.email) : undefined) ??
          existing?.guardians.find((e) => !e.email && fold(e.name) === fold(g.name));
        const phone = g.phone ?? known?.phone ?? null;
        const email = g.email ?? known?.email ?? null;
        if (!known) {
          await tx.createGuardian(familyId, g);
          summary.guardiansCreated++;
          changes.push(`responsable ajouté : ${g.name}`);
        } else if (known.name !== g.name || known.phone !== phone || known.email !== email) {
          await tx.updateGuardian(known.id, { name: g.name, email, phone });
          summary.guardiansUpdated++;
          changes.push(`responsable mis à jour : ${g.name}`);
        }
      }
      for (const c of fam.children) {
        const known = existing?.children.find((e) => fold(e.firstName) === fold(c.firstName) && fold(e.lastName) === fold(c.lastName));
        if (!known) {
          await tx.createChild(familyId, c);
          summary.childrenCreated++;
          changes.push(`enfant ajouté : ${c.firstName} ${c.lastName}`);
        } else if (
          known.firstName !== c.firstName ||
          known.lastName !== c.lastName ||
          known.birthDate !== c.birthDate ||
          known.school !== c.school ||
          known.className !== c.className ||
          known.mealType !== c.mealType ||
          known.pai !== c.pai
        ) {
          await tx.updateChild(known.id, c);
          summary.childrenUpdated++;
          changes.push(`enfant mis à jour : ${c.firstName} ${c.lastName}`);
        }
      }
      if (!existing) summary.familiesCreated++;
      else if (changes.length > 0) summary.familiesUpdated++;
      else summary.familiesUnchanged++;
      if (changes.length > 0) {
        await tx.audit([
          { at: input.now, actor: input.actor, channel: input.channel, action: existing ? 'family.update' : 'family.create', familyId, before: null, after: changes },
        ]);
      }
    }
    return summary;
  });
}
