import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { saveFamily } from '../../../src/core/families/saveFamily.js';
import { StaffId } from '../../../src/core/ids.js';
import type { IsoDate } from '../../../src/core/time.js';
import { addFamily, testApp, type TestApp } from '../../support/app.js';

const NOW = new Date('2026-11-28T10:00:00Z');
const base = { today: '2026-11-28' as IsoDate, actor: { type: 'staff' as const, id: StaffId(1) }, channel: 'web' as const, now: NOW };
const child = { firstName: 'Léa', lastName: 'Martin', birthDate: '2018-03-14', school: 'Jules Ferry', className: 'CE1', mealType: 'standard', pai: false };

let app: TestApp;
beforeEach(async () => {
  app = await testApp();
});
afterEach(() => app.dispose());

describe('saveFamily', () => {
  it('creates a family with its guardians and children, normalizing email, phone and dates', async () => {
    const out = await saveFamily({ families: app.families }, { ...base, familyId: null, reference: ' F-0100 ', guardians: [{ name: 'Claire', email: 'Claire@Example.FR', phone: '06.12.34.56.78' }], children: [{ ...child, birthDate: '14/03/2018', mealType: 'Sans porc' }] });
    expect(out).toMatchObject({ ok: true, reference: 'F-0100', created: true, changed: true });
    const f = (await app.families.byReference('F-0100'))!;
    expect(f.guardians).toMatchObject([{ email: 'claire@example.fr', phone: '0612345678' }]);
    expect(f.children).toMatchObject([{ birthDate: '2018-03-14', mealType: 'sans_porc' }]);
    expect((await app.db.auditEvent.findFirstOrThrow()).action).toBe('family.create');
  });

  it('reports every problem at once, each with its field, and writes nothing', async () => {
    await addFamily(app, 'F-0001', ['Tom']);
    const out = await saveFamily(
      { families: app.families },
      {
        ...base,
        familyId: null,
        reference: 'F-0001',
        guardians: [{ name: '', email: 'x@', phone: '123' }, { name: 'B', email: 'b@example.fr', phone: '' }, { name: 'C', email: 'B@example.fr', phone: '' }],
        children: [{ ...child, birthDate: '2030-01-01', school: '', mealType: 'halal' }, child, child],
      },
    );
    expect(out.ok).toBe(false);
    expect(!out.ok && out.errors.map((e) => e.field)).toEqual([
      'reference',
      'guardians.0.name',
      'guardians.0.email',
      'guardians.0.phone',
      'guardians.2.email',
      'children.0.birthDate',
      'children.0.school',
      'children.0.mealType',
      'children.2.firstName',
    ]);
    expect(await app.db.family.count()).toBe(1);
  });

  it('edits in place, ignores blank rows, and says when nothing changed', async () => {
    const f = await addFamily(app, 'F-0001', ['Léa']);
    const g = f.guardians[0]!;
    const c = f.children[0]!;
    const same = { ...base, familyId: f.id, reference: '', guardians: [{ id: g.id, name: g.name, email: g.email!, phone: g.phone! }, { name: '', email: '', phone: '' }], children: [{ id: c.id, firstName: c.firstName, lastName: c.lastName, birthDate: c.birthDate, school: c.school, className: c.className, mealType: c.mealType, pai: c.pai }] };
    expect(await saveFamily({ families: app.families }, same)).toMatchObject({ ok: true, created: false, changed: false });
    const edited = { ...same, children: [{ ...same.children[0]!, className: 'CE2' }] };
    expect(await saveFamily({ families: app.families }, edited)).toMatchObject({ ok: true, changed: true });
    expect((await app.families.byId(f.id))!.children).toMatchObject([{ id: c.id, className: 'CE2' }]);
    const audit = await app.db.auditEvent.findFirstOrThrow({ where: { action: 'family.update' } });
    expect(JSON.parse(audit.before!)).toMatchObject([{ enfant: { className: 'CE1' } }]);
    expect(JSON.parse(audit.after!)).toMatchObject([{ enfant: { className: 'CE2' } }]);
  });
});
