import type { ChildId, FamilyId, GuardianId } from '../ids.js';
import type { Actor, Channel } from '../model.js';
import type { FamilyStore } from '../ports.js';
import { isIsoDate, type IsoDate } from '../time.js';
import { MEAL_TYPES, type MealType } from './parseFamiliesCsv.js';

export interface GuardianForm {
  /** Set for a guardian already recorded. */
  id?: GuardianId;
  name: string;
  email: string;
  phone: string;
}

export interface ChildForm {
  id?: ChildId;
  firstName: string;
  lastName: string;
  /** "AAAA-MM-JJ" or "JJ/MM/AAAA". */
  birthDate: string;
  school: string;
  className: string;
  mealType: string;
  pai: boolean;
}

/** A problem with one field: `field` names it ("reference", "guardians.0.email", "children.1.birthDate"). */
export interface FieldError {
  field: string;
  message: string;
}

export type SaveFamilyResult = { ok: true; familyId: FamilyId; reference: string; created: boolean; changed: boolean } | { ok: false; errors: FieldError[] };

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function fold(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').trim().toLowerCase();
}

function phoneOf(value: string): string | null | undefined {
  const v = value.replace(/[\s.\-()]/g, '');
  if (v === '') return null;
  return /^0\d{9}$/.test(v) || /^\+\d{8,15}$/.test(v) ? v : undefined;
}

function birthDateOf(value: string): IsoDate | null {
  const v = value.trim();
  const fr = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(v);
  const iso = fr ? `${fr[3]}-${fr[2]!.padStart(2, '0')}-${fr[1]!.padStart(2, '0')}` : v;
  return isIsoDate(iso) ? iso : null;
}

const blank = (values: string[]) => values.every((v) => v.trim() === '');

/**
 * Creates a family, or edits one, as staff type it at the desk: the same
 * rules as the CSV import (a name for each guardian, a valid email and
 * phone when given, each child's names, birth date, school, class and meal
 * type), checked all at once so every mistake is shown together. Rows left
 * blank are ignored; nothing is deleted. Audited with what changed.
 */
export async function saveFamily(
  deps: { families: FamilyStore },
  input: { familyId: FamilyId | null; reference: string; guardians: GuardianForm[]; children: ChildForm[]; today: IsoDate; actor: Actor; channel: Channel; now: Date },
): Promise<SaveFamilyResult> {
  const errors: FieldError[] = [];
  const existing = input.familyId === null ? null : await deps.families.byId(input.familyId);
  if (input.familyId !== null && !existing) return { ok: false, errors: [{ field: 'reference', message: 'famille introuvable' }] };
  const reference = existing?.reference ?? input.reference.trim();
  if (!existing) {
    if (!reference) errors.push({ field: 'reference', message: 'la référence du dossier est obligatoire' });
    else if (await deps.families.byReference(reference)) errors.push({ field: 'reference', message: `la référence ${reference} existe déjà` });
  }

  const guardians: { id?: GuardianId; name: string; email: string | null; phone: string | null }[] = [];
  input.guardians.forEach((g, i) => {
    if (!g.id && blank([g.name, g.email, g.phone])) return;
    if (g.id && !existing?.guardians.some((e) => e.id === g.id)) {
      errors.push({ field: `guardians.${i}.name`, message: 'responsable introuvable dans cette famille' });
      return;
    }
    const name = g.name.trim();
    const email = g.email.trim().toLowerCase();
    const phone = phoneOf(g.phone);
    if (!name) errors.push({ field: `guardians.${i}.name`, message: 'le nom du responsable est obligatoire' });
    if (email && !EMAIL.test(email)) errors.push({ field: `guardians.${i}.email`, message: `email invalide « ${g.email.trim()} »` });
    else if (email && guardians.some((o) => o.email === email)) errors.push({ field: `guardians.${i}.email`, message: `l’email ${email} est déjà celui d’un autre responsable` });
    if (phone === undefined) errors.push({ field: `guardians.${i}.phone`, message: `téléphone invalide « ${g.phone.trim()} » (10 chiffres, ou +33…)` });
    guardians.push({ ...(g.id ? { id: g.id } : {}), name, email: email || null, phone: phone ?? null });
  });
  if (guardians.length === 0 && (existing?.guardians.length ?? 0) === 0) errors.push({ field: 'guardians.0.name', message: 'au moins un responsable' });

  const children: { id?: ChildId; firstName: string; lastName: string; birthDate: IsoDate; school: string; className: string; mealType: MealType; pai: boolean }[] = [];
  input.children.forEach((c, i) => {
    if (!c.id && blank([c.firstName, c.lastName, c.birthDate, c.school, c.className])) return;
    if (c.id && !existing?.children.some((e) => e.id === c.id)) {
      errors.push({ field: `children.${i}.firstName`, message: 'enfant introuvable dans cette famille' });
      return;
    }
    const firstName = c.firstName.trim();
    const lastName = c.lastName.trim();
    const birthDate = birthDateOf(c.birthDate);
    const mealType = fold(c.mealType).replace(/[\s-]+/g, '_') as MealType;
    const before = errors.length;
    if (!firstName) errors.push({ field: `children.${i}.firstName`, message: 'le prénom est obligatoire' });
    if (!lastName) errors.push({ field: `children.${i}.lastName`, message: 'le nom est obligatoire' });
    if (!birthDate) errors.push({ field: `children.${i}.birthDate`, message: `date de naissance invalide « ${c.birthDate.trim()} » (AAAA-MM-JJ ou JJ/MM/AAAA)` });
    else if (birthDate > input.today) errors.push({ field: `children.${i}.birthDate`, message: 'date de naissance dans le futur' });
    if (!c.school.trim()) errors.push({ field: `children.${i}.school`, message: 'l’école est obligatoire' });
    if (!c.className.trim()) errors.push({ field: `children.${i}.className`, message: 'la classe est obligatoire' });
    if (!MEAL_TYPES.includes(mealType)) errors.push({ field: `children.${i}.mealType`, message: 'régime inconnu (standard, sans_porc ou vegetarien)' });
    const twin = children.find((o) => fold(o.firstName) === fold(firstName) && fold(o.lastName) === fold(lastName));
    if (firstName && lastName && twin) errors.push({ field: `children.${i}.firstName`, message: `${firstName} ${lastName} figure déjà dans la famille` });
    if (errors.length === before) children.push({ ...(c.id ? { id: c.id } : {}), firstName, lastName, birthDate: birthDate!, school: c.school.trim(), className: c.className.trim(), mealType, pai: c.pai });
  });
  // A new row must not clash with a recorded one left out of the form.
  for (const [i, c] of children.entries()) {
    const clash = existing?.children.find((e) => e.id !== c.id && !children.some((o) => o.id === e.id) && fold(e.firstName) === fold(c.firstName) && fold(e.lastName) === fold(c.lastName));
    if (clash) errors.push({ field: `children.${i}.firstName`, message: `${c.firstName} ${c.lastName} figure déjà dans la famille` });
  }
  for (const [i, g] of guardians.entries()) {
    const clash = g.email && existing?.guardians.find((e) => e.id !== g.id && !guardians.some((o) => o.id === e.id) && e.email === g.email);
    if (clash) errors.push({ field: `guardians.${i}.email`, message: `l’email ${g.email} est déjà celui d’un autre responsable` });
  }
  if (errors.length > 0) return { ok: false, errors };

  return deps.families.write(async (tx) => {
    const current = existing ? await tx.familyByReference(reference) : null;
    const familyId = current?.id ?? (await tx.createFamily(reference, input.now));
    const before: unknown[] = [];
    const after: unknown[] = [];
    for (const g of guardians) {
      const old = g.id ? current?.guardians.find((e) => e.id === g.id) : undefined;
      const data = { name: g.name, email: g.email, phone: g.phone };
      if (!old) {
        await tx.createGuardian(familyId, data);
        after.push({ responsable: data });
      } else if (old.name !== g.name || old.email !== g.email || old.phone !== g.phone) {
        await tx.updateGuardian(old.id, data);
        before.push({ responsable: { name: old.name, email: old.email, phone: old.phone } });
        after.push({ responsable: data });
      }
    }
    for (const c of children) {
      const old = c.id ? current?.children.find((e) => e.id === c.id) : undefined;
      const { id: _id, ...data } = c;
      if (!old) {
        await tx.createChild(familyId, data);
        after.push({ enfant: data });
      } else if (Object.entries(data).some(([k, v]) => (old as unknown as Record<string, unknown>)[k] !== v)) {
        await tx.updateChild(old.id, data);
        const { id: _oid, familyId: _f, ...oldData } = old;
        before.push({ enfant: oldData });
        after.push({ enfant: data });
      }
    }
    const changed = !current || after.length > 0;
    if (changed) {
      await tx.audit([{ at: input.now, actor: input.actor, channel: input.channel, action: current ? 'family.update' : 'family.create', familyId, before: current ? before : null, after }]);
    }
    return { ok: true as const, familyId, reference, created: !current, changed };
  });
}
