import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { hashCode } from '../../../src/core/activation/activationCodes.js';
import { issueBatchCodes } from '../../../src/core/activation/issueBatchCodes.js';
import { GuardianId, StaffId } from '../../../src/core/ids.js';
import { addFamily, testApp, type TestApp } from '../../support/app.js';

const NOW = new Date('2026-11-28T10:00:00Z');
let app: TestApp;
beforeEach(async () => {
  app = await testApp();
});
afterEach(() => app.dispose());

it('issues a code to each guardian of the batch and audits the batch once, skipping a guardian no longer found', async () => {
  const f1 = await addFamily(app, 'F-0001', ['Léa']);
  const f2 = await addFamily(app, 'F-0002', ['Noé', 'Inès']);
  const letters = await issueBatchCodes(
    { families: app.families, activation: app.activation, random: randomBytes },
    {
      guardians: [
        { familyReference: 'F-0001', guardianId: f1.guardians[0]!.id },
        { familyReference: 'F-0002', guardianId: f2.guardians[0]!.id },
        { familyReference: 'F-0001', guardianId: GuardianId(9999) },
      ],
      scope: { kind: 'not_activated' },
      now: NOW,
      actor: { type: 'staff', id: StaffId(1) },
      channel: 'web',
    },
  );
  expect(letters.map((l) => [l.family.reference, l.guardian.accessState])).toEqual([
    ['F-0001', 'code_sent'],
    ['F-0002', 'code_sent'],
  ]);
  expect(letters[1]!.family.children.map((c) => c.firstName)).toEqual(['Noé', 'Inès']);
  const stored = await app.db.activationCode.findMany({ orderBy: { id: 'asc' } });
  expect(stored.map((c) => c.codeHash)).toEqual(letters.map((l) => hashCode(app.secret, l.code)));
  const batch = await app.db.auditEvent.findMany({ where: { action: 'guardian.codes_batch' } });
  expect(batch).toHaveLength(1);
  expect(JSON.parse(batch[0]!.after!)).toEqual({ scope: { kind: 'not_activated' }, codes: 2, families: 2, guardianIds: letters.map((l) => l.guardian.id) });
});
