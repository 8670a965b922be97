import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hashCode } from '../../../src/core/activation/activationCodes.js';
import { issueGuardianCode } from '../../../src/core/activation/issueGuardianCode.js';
import { GuardianId, StaffId } from '../../../src/core/ids.js';
import { addFamily, testApp, type TestApp } from '../../support/app.js';

const NOW = new Date('2026-11-28T10:00:00Z');
let app: TestApp;

beforeEach(async () => {
  app = await testApp();
});
afterEach(() => app.dispose());

describe('issueGuardianCode', () => {
  it('issues a 30-day code to one guardian only, replacing their unused one', async () => {
    const f = await addFamily(app, 'F-0001', ['Léa']);
    await app.db.guardian.create({ data: { familyId: f.id, name: 'Marc', email: 'marc@example.fr' } });
    const deps = { families: app.families, activation: app.activation, random: randomBytes };
    const input = { familyReference: 'F-0001', guardianId: f.guardians[0]!.id, now: NOW, actor: { type: 'staff' as const, id: StaffId(1) }, channel: 'web' as const };
    const first = await issueGuardianCode(deps, input);
    const second = await issueGuardianCode(deps, input);
    if (!first.ok || !second.ok) throw new Error('not issued');
    expect(second.guardian.accessState).toBe('code_sent');
    expect(second.expiresAt).toEqual(new Date(NOW.getTime() + 30 * 86_400_000));
    const codes = await app.db.activationCode.findMany();
    expect(codes.map((c) => c.codeHash)).toEqual([hashCode(app.secret, second.code)]);
    expect(codes[0]!.guardianId).toBe(f.guardians[0]!.id);
  });

  it('refuses a guardian who is not of that family', async () => {
    await addFamily(app, 'F-0001', ['Léa']);
    const other = await addFamily(app, 'F-0002', ['Noé']);
    const out = await issueGuardianCode(
      { families: app.families, activation: app.activation, random: randomBytes },
      { familyReference: 'F-0001', guardianId: GuardianId(other.guardians[0]!.id), now: NOW, actor: { type: 'system' }, channel: 'web' },
    );
    expect(out).toEqual({ ok: false, why: 'UNKNOWN_GUARDIAN' });
    expect(await app.db.activationCode.count()).toBe(0);
  });
});
