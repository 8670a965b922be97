import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importFamilies, type ImportSummary } from '../../../src/core/families/importFamilies.js';
import { parseFamiliesCsv, type FamilyImport } from '../../../src/core/families/parseFamiliesCsv.js';
import type { IsoDate } from '../../../src/core/time.js';
import { CSV_HEADER, testApp, type TestApp } from '../../support/app.js';

const NOW = new Date('2026-11-28T10:00:00Z');
const TODAY = '2026-11-28' as IsoDate;
const EXAMPLE = fs.readFileSync(path.resolve(import.meta.dirname, '../../fixtures/csv/families-example.csv'), 'utf8');
const LEA = 'F-0001;Claire Martin;claire.martin@example.fr;0612345678;Léa;Martin;2018-03-14;Jules Ferry;CE1;standard;non';
const TOM = 'F-0001;Claire Martin;claire.martin@example.fr;0612345678;Tom;Martin;2020-09-02;Jules Ferry;GS;sans_porc;oui';

const NOTHING: ImportSummary = {
  familiesCreated: 0,
  familiesUpdated: 0,
  familiesUnchanged: 0,
  guardiansCreated: 0,
  guardiansUpdated: 0,
  childrenCreated: 0,
  childrenUpdated: 0,
};

function parse(text: string): FamilyImport[] {
  const result = parseFamiliesCsv(text, TODAY);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.families;
}

let app: TestApp;

beforeEach(async () => {
  app = await testApp();
});

afterEach(async () => {
  await app.dispose();
});

function importText(text: string, now = NOW): Promise<ImportSummary> {
  return importFamilies({ families: app.families }, { families: parse(text), actor: { type: 'system' }, channel: 'admin', now });
}

async function rowCounts() {
  return {
    families: await app.db.family.count(),
    guardians: await app.db.guardian.count(),
    children: await app.db.child.count(),
    audit: await app.db.auditEvent.count(),
  };
}

describe('importFamilies on SQLite', () => {
  it('creates the families, their guardians and their children', async () => {
    const summary = await importText(EXAMPLE);

    expect(summary).toEqual({ ...NOTHING, familiesCreated: 1, guardiansCreated: 1, childrenCreated: 2 });
    const family = await app.families.byReference('F-0001');
    expect(family?.guardians).toEqual([
      expect.objectContaining({ name: 'Claire Martin', email: 'claire.martin@example.fr', phone: '0612345678', language: 'fr', telegramChatId: null, accessState: 'inactive' }),
    ]);
    expect(family?.children.map(({ id: _id, familyId: _f, ...c }) => c)).toEqual([
      { firstName: 'Léa', lastName: 'Martin', birthDate: '2018-03-14', school: 'Jules Ferry', className: 'CE1', mealType: 'standard', pai: false },
      { firstName: 'Tom', lastName: 'Martin', birthDate: '2020-09-02', school: 'Jules Ferry', className: 'GS', mealType: 'sans_porc', pai: true },
    ]);
  });

  it('changes nothing when the same file is imported again', async () => {
    await importText(EXAMPLE);
    const before = await rowCounts();
    const rowsBefore = await app.db.child.findMany({ orderBy: { id: 'asc' } });

    const summary = await importText(EXAMPLE, new Date('2026-11-29T10:00:00Z'));

    expect(summary).toEqual({ ...NOTHING, familiesUnchanged: 1 });
    expect(await rowCounts()).toEqual(before);
    expect(await app.db.child.findMany({ orderBy: { id: 'asc' } })).toEqual(rowsBefore);
  });

  it('updates a child in place when its class and meal type change', async () => {
    await importText(EXAMPLE);
    const leaBefore = (await app.families.byReference('F-0001'))!.children.find((c) => c.firstName === 'Léa')!;

    const summary = await importText([CSV_HEADER, LEA.replace('CE1;standard', 'CE2;vegetarien'), TOM].join('\n'));

    expect(summary).toEqual({ ...NOTHING, familiesUpdated: 1, childrenUpdated: 1 });
    expect(await app.db.child.count()).toBe(2);
    const lea = (await app.families.byReference('F-0001'))!.children.find((c) => c.firstName === 'Léa')!;
    expect(lea).toEqual({ ...leaBefore, className: 'CE2', mealType: 'vegetarien' });
  });

  it('adds a guardian listed on a new line, without touching the first one or the children', async () => {
    await importText(EXAMPLE);
    const claire = (await app.families.byReference('F-0001'))!.guardians[0]!;

    const summary = await importText([CSV_HEADER, LEA, TOM, 'F-0001;Paul Martin;paul.martin@example.fr;0698765432;;;;;;;'].join('\n'));

    expect(summary).toEqual({ ...NOTHING, familiesUpdated: 1, guardiansCreated: 1 });
    const family = (await app.families.byReference('F-0001'))!;
    expect(family.guardians).toEqual([claire, expect.objectContaining({ name: 'Paul Martin', email: 'paul.martin@example.fr', phone: '0698765432' })]);
    expect(family.children).toHaveLength(2);
  });

  it('updates a guardian found by email when the name or phone changes', async () => {
    await importText(EXAMPLE);
    const claire = (await app.families.byReference('F-0001'))!.guardians[0]!;

    const summary = await importText([CSV_HEADER, LEA, TOM].join('\n').replaceAll('Claire Martin;claire.martin@example.fr;0612345678', 'Claire Dupont;claire.martin@example.fr;0700000000'));

    expect(summary).toEqual({ ...NOTHING, familiesUpdated: 1, guardiansUpdated: 1 });
    expect((await app.families.byReference('F-0001'))!.guardians).toEqual([{ ...claire, name: 'Claire Dupont', phone: '0700000000' }]);
  });

  it('keeps a known phone number when a later file leaves it blank', async () => {
    await importText(EXAMPLE);
    const claire = (await app.families.byReference('F-0001'))!.guardians[0]!;
    const withoutPhone = [CSV_HEADER, LEA, TOM].join('\n').replaceAll('claire.martin@example.fr;0612345678', 'claire.martin@example.fr;');

    await importText(withoutPhone);

    expect((await app.families.byReference('F-0001'))!.guardians).toEqual([claire]);
  });

  // A blank phone in the file keeps the stored one, so it is no change either.
  it('reports a file leaving a known phone blank as unchanged when imported again', async () => {
    await importText(EXAMPLE);
    const withoutPhone = [CSV_HEADER, LEA, TOM].join('\n').replaceAll('claire.martin@example.fr;0612345678', 'claire.martin@example.fr;');
    await importText(withoutPhone);
    const auditBefore = await app.db.auditEvent.count();

    const summary = await importText(withoutPhone, new Date('2026-11-30T10:00:00Z'));

    expect(summary).toEqual({ ...NOTHING, familiesUnchanged: 1 });
    expect(await app.db.auditEvent.count()).toBe(auditBefore);
  });

  it('writes an audit event for a created family, and none when nothing changed', async () => {
    await importText(EXAMPLE);
    await importText(EXAMPLE, new Date('2026-11-29T10:00:00Z'));

    const family = (await app.families.byReference('F-0001'))!;
    const events = await app.db.auditEvent.findMany();
    expect(events).toEqual([
      expect.objectContaining({ at: NOW, actorType: 'system', actorId: null, channel: 'admin', action: 'family.create', familyId: family.id, before: null }),
    ]);
    expect(JSON.parse(events[0]!.after!)).toEqual(['responsable ajouté : Claire Martin', 'enfant ajouté : Léa Martin', 'enfant ajouté : Tom Martin']);
  });

  it('writes nothing at all when one family of the batch cannot be stored', async () => {
    const [good] = parse(EXAMPLE);
    const child = good!.children[0]!;
    // Not something the parser lets through: two identical children break the database's uniqueness rule.
    const broken: FamilyImport = { reference: 'F-0002', guardians: [{ name: 'Nadia Benali', email: null, phone: null }], children: [child, child] };

    await expect(importFamilies({ families: app.families }, { families: [good!, broken], actor: { type: 'system' }, channel: 'admin', now: NOW })).rejects.toThrow();

    expect(await rowCounts()).toEqual({ families: 0, guardians: 0, children: 0, audit: 0 });
  });
});
