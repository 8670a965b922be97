import { createHash, createHmac, randomBytes } from 'node:crypto';
import { PrismaActivationStore } from '../../../src/db/activationStore.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CODE_ALPHABET, CODE_LENGTH, generateCode, hashCode, normalizeCode } from '../../../src/core/activation/activationCodes.js';
import { issueActivationCodes } from '../../../src/core/activation/issueActivationCodes.js';
import { redeemActivationCode } from '../../../src/core/activation/redeemActivationCode.js';
import { importFamilies } from '../../../src/core/families/importFamilies.js';
import { parseFamiliesCsv } from '../../../src/core/families/parseFamiliesCsv.js';
import type { GuardianId } from '../../../src/core/ids.js';
import type { IsoDate } from '../../../src/core/time.js';
import { addFamily, CSV_HEADER, testApp, type TestApp } from '../../support/app.js';

type CodeOf = Extract<Awaited<ReturnType<typeof issueActivationCodes>>, { ok: true }>['codes'][number];

const NOW = new Date('2026-11-28T10:00:00Z');
const DAY = 86_400_000;

describe('activation codes', () => {
  it('draws 8 characters from an alphabet without 0, O, 1, I or L', () => {
    expect(CODE_LENGTH).toBe(8);
    expect(CODE_ALPHABET).not.toMatch(/[0O1IL]/);
    expect(new Set(CODE_ALPHABET).size).toBe(CODE_ALPHABET.length);
    for (let i = 0; i < 100; i++) expect(generateCode(randomBytes)).toMatch(/^[A-HJKMNP-Z2-9]{8}$/);
  });

  it('uses every character of the alphabet and nothing else, about evenly, over 10,000 codes', () => {
    const counts = new Map<string, number>();
    for (let i = 0; i < 10_000; i++) {
      const code = generateCode(randomBytes);
      expect(code).toHaveLength(CODE_LENGTH);
      for (const ch of code) counts.set(ch, (counts.get(ch) ?? 0) + 1);
    }
    expect([...counts.keys()].sort()).toEqual([...CODE_ALPHABET].sort());
    // 80,000 draws: about 2,581 each, with a standard deviation near 50.
    const expected = (10_000 * CODE_LENGTH) / CODE_ALPHABET.length;
    for (const n of counts.values()) expect(Math.abs(n - expected)).toBeLessThan(expected * 0.15);
  });

  it('skips the bytes that would bias the draw (248 to 255) instead of folding them', () => {
    const batches = [new Uint8Array(16).fill(250), Uint8Array.from([255, 0, 1, 248, 2, 30, 31, 62, 3, 4, 5, 6, 7, 8, 9, 10])];
    const random = (n: number) => batches.shift()!.subarray(0, n);
    // 0→A 1→B 2→C 30→9 31→A 62→A 3→D 4→E
    expect(generateCode(random)).toBe('ABC9AADE');
  });

  it.each([
    ['abcd efgh', 'ABCDEFGH'],
    ['ABCD-EFGH', 'ABCDEFGH'],
    [' abCD-ef gh\n', 'ABCDEFGH'],
    ['a-b-c-d-e-f-g-h', 'ABCDEFGH'],
  ])('normalizes %j to %s', (typed, code) => {
    expect(normalizeCode(typed)).toBe(code);
    expect(hashCode('key', typed)).toBe(hashCode('key', code));
  });

  it('hashes a code with HMAC-SHA256 keyed by the app secret, in hex (never a plain SHA-256)', () => {
    expect(hashCode('secret-1', 'ABCDEFGH')).toBe(createHmac('sha256', 'activation-code:secret-1').update('ABCDEFGH').digest('hex'));
    expect(hashCode('secret-1', 'ABCDEFGH')).not.toBe(hashCode('secret-2', 'ABCDEFGH'));
    expect(hashCode('secret-1', 'ABCDEFGH')).not.toBe(createHash('sha256').update('ABCDEFGH').digest('hex'));
  });
});

describe('issuing and redeeming activation codes on SQLite', () => {
  let app: TestApp;

  beforeEach(async () => {
    app = await testApp();
  });

  afterEach(async () => {
    await app.dispose();
  });

  /** A family F-0001 with two guardians, Claire and Paul. */
  async function twoGuardians() {
    const text = [
      CSV_HEADER,
      'F-0001;Claire Martin;claire.martin@example.fr;0612345678;Léa;Martin;2018-03-14;Jules Ferry;CE1;standard;non',
      'F-0001;Paul Martin;paul.martin@example.fr;0698765432;Léa;Martin;2018-03-14;Jules Ferry;CE1;standard;non',
    ].join('\n');
    const parsed = parseFamiliesCsv(text, '2026-11-28' as IsoDate);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    await importFamilies({ families: app.families }, { families: parsed.families, actor: { type: 'system' }, channel: 'admin', now: NOW });
    return (await app.families.byReference('F-0001'))!;
  }

  const issue = (reference = 'F-0001', now = NOW) =>
    issueActivationCodes({ families: app.families, activation: app.activation, random: app.random }, { reference, now, actor: { type: 'system' }, channel: 'admin' });

  async function codesOf(reference = 'F-0001', now = NOW) {
    const result = await issue(reference, now);
    if (!result.ok) throw new Error(result.why);
    return result.codes;
  }

  /** The code of the family's only guardian. */
  async function onlyCode(reference = 'F-0001', now = NOW) {
    const codes = await codesOf(reference, now);
    expect(codes).toHaveLength(1);
    return codes[0]!;
  }

  const redeem = (code: string, chatId: string, now = NOW) => redeemActivationCode({ activation: app.activation }, { code, chatId, now });

  const guardian = (id: GuardianId) => app.db.guardian.findUniqueOrThrow({ where: { id } });

  it('gives one code to each guardian, valid 30 days, and stores only its hash', async () => {
    const family = await twoGuardians();

    const codes = await codesOf();

    expect(codes.map((c) => c.guardian.id)).toEqual(family.guardians.map((g) => g.id));
    expect(new Set(codes.map((c) => c.code)).size).toBe(2);
    for (const c of codes) {
      expect(c.code).toMatch(/^[A-HJKMNP-Z2-9]{8}$/);
      expect(c.expiresAt).toEqual(new Date(NOW.getTime() + 30 * DAY));
    }
    const rows = await app.db.activationCode.findMany({ orderBy: { guardianId: 'asc' } });
    expect(rows.map((r) => ({ guardianId: r.guardianId, codeHash: r.codeHash, expiresAt: r.expiresAt, usedAt: r.usedAt, createdAt: r.createdAt }))).toEqual(
      codes.map((c) => ({ guardianId: c.guardian.id, codeHash: createHmac('sha256', `activation-code:${app.secret}`).update(c.code).digest('hex'), expiresAt: c.expiresAt, usedAt: null, createdAt: NOW })),
    );
    const stored = JSON.stringify(rows);
    for (const c of codes) expect(stored).not.toContain(c.code);
    const audit = await app.db.auditEvent.findMany({ where: { action: 'guardian.code_issued' } });
    expect(audit).toHaveLength(2);
    for (const c of codes) expect(JSON.stringify(audit)).not.toContain(c.code);
  });

  it('does not know a code under another app secret, and still honours a code stored before keyed hashing', async () => {
    await addFamily(app, 'F-0001', ['Léa']);
    const { code } = await onlyCode();
    const other = new PrismaActivationStore(app.db, 'another-app-secret-0123');
    expect(await other.redeem(code, '55', NOW)).toEqual({ ok: false, why: 'unknown' });
    // A code issued by an older version: its plain SHA-256 in the table.
    await app.db.activationCode.updateMany({ data: { codeHash: createHash('sha256').update(code).digest('hex') } });
    const r = await redeem(code, '55');
    expect(r.ok).toBe(true);
  });

  it('marks the guardians as having been sent a code', async () => {
    await twoGuardians();
    await issue();
    const family = (await app.families.byReference('F-0001'))!;
    expect(family.guardians.map((g) => g.accessState)).toEqual(['code_sent', 'code_sent']);
  });

  it.each([
    ['an unknown family', 'F-9999', 'UNKNOWN_FAMILY'],
    ['a family with no guardian', 'F-0002', 'NO_GUARDIAN'],
  ])('refuses %s', async (_case, reference, why) => {
    await addFamily(app, 'F-0001', ['Léa']);
    // Staff may create a family before knowing its guardians; the CSV cannot express that.
    await app.db.family.create({ data: { reference: 'F-0002', createdAt: NOW } });
    expect(await issue(reference)).toEqual({ ok: false, why });
    expect(await app.db.activationCode.count()).toBe(0);
  });

  it('makes the first code unusable when a second one is issued', async () => {
    await addFamily(app, 'F-0001', ['Léa']);
    const [first] = await codesOf();
    const [second] = await codesOf('F-0001', new Date(NOW.getTime() + DAY));

    expect(await app.db.activationCode.count()).toBe(1);
    expect(await redeem(first!.code, '1001')).toEqual({ ok: false, why: 'unknown' });
    expect(await redeem(second!.code, '1001', new Date(NOW.getTime() + 2 * DAY))).toMatchObject({ ok: true });
  });

  it('keeps a used code in the history when a new one is issued', async () => {
    await addFamily(app, 'F-0001', ['Léa']);
    const [first] = await codesOf();
    await redeem(first!.code, '1001');
    await codesOf();
    expect(await app.db.activationCode.count()).toBe(2);
    expect(await redeem(first!.code, '1002')).toEqual({ ok: false, why: 'used' });
  });

  it('links the chat to the guardian of a valid code and makes their access active', async () => {
    await addFamily(app, 'F-0001', ['Léa']);
    const { code, guardian: g } = await onlyCode();

    const result = await redeem(code, '424242');

    expect(result).toEqual({ ok: true, guardian: expect.objectContaining({ id: g.id, telegramChatId: '424242', accessState: 'active' }) });
    expect(await guardian(g.id)).toMatchObject({ telegramChatId: '424242', accessState: 'active', activatedAt: NOW });
    expect((await app.db.activationCode.findFirstOrThrow()).usedAt).toEqual(NOW);
    expect(await app.db.auditEvent.findMany({ where: { action: 'guardian.link_telegram' } })).toEqual([
      expect.objectContaining({ at: NOW, actorType: 'guardian', actorId: g.id, channel: 'telegram' }),
    ]);
  });

  it('accepts the code typed in lower case, with spaces or dashes', async () => {
    await addFamily(app, 'F-0001', ['Léa']);
    const { code } = await onlyCode();
    const typed = ` ${code.slice(0, 4).toLowerCase()}-${code.slice(4)} `;
    expect(await redeem(typed, '424242')).toMatchObject({ ok: true });
  });

  it('refuses a code already used, even for the same chat', async () => {
    await addFamily(app, 'F-0001', ['Léa']);
    const { code } = await onlyCode();
    await redeem(code, '424242');
    expect(await redeem(code, '424242', new Date(NOW.getTime() + 1000))).toEqual({ ok: false, why: 'used' });
    expect(await redeem(code, '777', new Date(NOW.getTime() + 1000))).toEqual({ ok: false, why: 'used' });
  });

  it.each([
    ['refuses a code at the very instant it expires', 30 * DAY, { ok: false, why: 'expired' }],
    ['refuses a code after it expired', 31 * DAY, { ok: false, why: 'expired' }],
    ['accepts a code one millisecond before it expires', 30 * DAY - 1, { ok: true }],
  ])('%s', async (_case, later, outcome) => {
    await addFamily(app, 'F-0001', ['Léa']);
    const { code, guardian: g } = await onlyCode();

    const result = await redeem(code, '424242', new Date(NOW.getTime() + later));

    expect(result).toMatchObject(outcome);
    expect((await guardian(g.id)).telegramChatId).toBe(outcome.ok ? '424242' : null);
  });

  it.each([
    ['a well-formed code nobody was given', 'ABCDEFGH'],
    ['a code with a look-alike character', 'ABCDEFG0'],
    ['a code too short', 'ABCDEFG'],
    ['an empty code', ''],
  ])('answers unknown to %s', async (_case, code) => {
    await addFamily(app, 'F-0001', ['Léa']);
    await codesOf();
    expect(await redeem(code, '424242')).toEqual({ ok: false, why: 'unknown' });
    expect(await app.db.guardian.count({ where: { telegramChatId: { not: null } } })).toBe(0);
  });

  it('moves a chat linked to guardian A over to guardian B when it redeems B’s code', async () => {
    await twoGuardians();
    const [a, b] = (await codesOf()) as [CodeOf, CodeOf];
    expect(await redeem(a.code, '555')).toMatchObject({ ok: true });

    expect(await redeem(b.code, '555', new Date(NOW.getTime() + 1000))).toMatchObject({ ok: true, guardian: { id: b.guardian.id, telegramChatId: '555' } });

    expect((await guardian(a.guardian.id)).telegramChatId).toBeNull();
    expect((await guardian(b.guardian.id)).telegramChatId).toBe('555');
  });

  it('moves a chat between guardians of different families too', async () => {
    await addFamily(app, 'F-0001', ['Léa']);
    await addFamily(app, 'F-0002', ['Yanis']);
    const a = await onlyCode('F-0001');
    const b = await onlyCode('F-0002');
    await redeem(a.code, '555');
    await redeem(b.code, '555');
    expect((await guardian(a.guardian.id)).telegramChatId).toBeNull();
    expect((await guardian(b.guardian.id)).telegramChatId).toBe('555');
  });
});
