/**
 * Personal data on a real SQLite file: the town's retention rule, a
 * family's export (its right of access) and its erasure when it leaves.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bookChildren } from '../../../src/core/bookings/bookChildren.js';
import { reportAbsence } from '../../../src/core/bookings/reportAbsence.js';
import { countHeadcount } from '../../../src/core/bookings/countHeadcount.js';
import { applyRetention, nextRetentionRun, retentionCutoffs } from '../../../src/core/privacy/applyRetention.js';
import { eraseFamily } from '../../../src/core/privacy/eraseFamily.js';
import { exportFamily, FAMILY_EXPORT_FORMAT } from '../../../src/core/privacy/exportFamily.js';
import { parseTownConfig } from '../../../src/core/config.js';
import { loadTownConfig } from '../../../src/config/town.js';
import { GuardianId, StaffId, type ChildId } from '../../../src/core/ids.js';
import type { FamilyRecord } from '../../../src/core/ports.js';
import { isoDate } from '../../../src/core/time.js';
import { PrismaPrivacyStore } from '../../../src/db/privacyStore.js';
import { addFamily, testApp, type TestApp } from '../../support/app.js';

const DAY = 86_400_000;
/** Tuesday 1 December 2026, 08:00 in Paris. */
const NOW = new Date('2026-12-01T07:00:00Z');
const staff = { type: 'staff' as const, id: StaffId(1) };

let app: TestApp;
let martin: FamilyRecord;
let other: FamilyRecord;
const store = () => new PrismaPrivacyStore(app.db);

/** A family's footprint beyond its rows: messages taken and sent, a conversation, a notification. */
async function useChannels(family: FamilyRecord, at: Date) {
  const g = family.guardians[0]!;
  await app.db.guardian.update({ where: { id: g.id }, data: { telegramChatId: `chat-${g.id}`, accessState: 'active' } });
  await app.db.inboundMessage.create({ data: { channel: 'telegram', externalId: `u-${g.id}-${at.getTime()}`, guardianId: g.id, receivedAt: at } });
  await app.db.conversation.upsert({ where: { guardianId: g.id }, create: { guardianId: g.id, state: '{"history":[{"text":"cantine jeudi"}]}', updatedAt: at }, update: { updatedAt: at } });
  await app.db.outbox.create({ data: { channel: 'telegram', recipient: `chat-${g.id}`, body: 'Réservé : cantine jeudi', createdAt: at, nextAttemptAt: at, sentAt: at } });
  await app.db.outbox.create({ data: { channel: 'email', recipient: g.email!, subject: 'Bienvenue', body: 'Bonjour', createdAt: at, nextAttemptAt: at, sentAt: at } });
  await app.db.domainEvent.create({ data: { type: 'waiting_list.promoted', familyId: family.id, payload: '{"firstName":"Léa"}', createdAt: at, dispatchedAt: at } });
}

beforeEach(async () => {
  app = await testApp();
  martin = await addFamily(app, 'F-0001', ['Léa', 'Tom']);
  other = await addFamily(app, 'F-0002', ['Noé']);
  const childIds = [...martin.children, ...other.children].map((c) => c.id) as ChildId[];
  await bookChildren({ store: app.store, town: app.town }, { actor: { type: 'guardian', id: GuardianId(martin.guardians[0]!.id) }, channel: 'telegram', now: new Date('2026-11-27T08:00:00Z'), childIds, serviceCodes: ['canteen'], dates: [isoDate('2026-12-03'), isoDate('2026-12-04')] });
  await reportAbsence({ store: app.store, town: app.town }, { actor: { type: 'guardian', id: GuardianId(martin.guardians[0]!.id) }, channel: 'telegram', now: new Date('2026-12-03T07:00:00Z'), childIds: [martin.children[0]!.id], serviceCodes: ['canteen'], dates: [isoDate('2026-12-03')], reason: 'angine' });
});
afterEach(() => app.dispose());

describe('the retention rule of the town file', () => {
  it('has defaults, and refuses durations that would break idempotency or audits', () => {
    const config = loadTownConfig();
    expect(config.retention).toMatchObject({ inboundMessagesDays: 90, conversationStatesDays: 30, sentMessagesDays: 90, auditDetailsDays: 400, bookingsAndAttendance: 'kept', runAt: '03:30' });
    const { retention: _, ...without } = config;
    expect(parseTownConfig(JSON.parse(JSON.stringify(without))).retention.inboundMessagesDays).toBe(90);
    expect(() => parseTownConfig({ ...JSON.parse(JSON.stringify(config)), retention: { inboundMessagesDays: 1 } })).toThrow(/retention.inboundMessagesDays/);
    expect(() => parseTownConfig({ ...JSON.parse(JSON.stringify(config)), retention: { bookingsAndAttendance: 'deleted' } })).toThrow(/retention.bookingsAndAttendance/);
  });

  it('runs next at runAt on the town clock, across the change to winter time', () => {
    const rule = loadTownConfig().retention;
    expect(nextRetentionRun(rule, new Date('2026-12-01T01:00:00Z'), 'Europe/Paris').toISOString()).toBe('2026-12-01T02:30:00.000Z');
    expect(nextRetentionRun(rule, new Date('2026-12-01T02:30:00Z'), 'Europe/Paris').toISOString()).toBe('2026-12-02T02:30:00.000Z');
    // Saturday 24 October 2026, 12:00: the next 03:30 is on Sunday, already winter time (UTC+1).
    expect(nextRetentionRun(rule, new Date('2026-10-24T10:00:00Z'), 'Europe/Paris').toISOString()).toBe('2026-10-25T02:30:00.000Z');
    expect(retentionCutoffs(rule, NOW).inboundMessagesBefore.toISOString()).toBe(new Date(NOW.getTime() - 90 * DAY).toISOString());
  });

  it('removes what is past its time, keeps what is not, and never touches bookings or attendance', async () => {
    const old = new Date(NOW.getTime() - 500 * DAY);
    await useChannels(martin, old);
    await useChannels(other, new Date(NOW.getTime() - 5 * DAY));
    await app.db.outbox.create({ data: { channel: 'email', recipient: 'x@example.fr', body: 'pas encore parti', createdAt: old, nextAttemptAt: old } });
    await app.db.auditEvent.updateMany({ where: { familyId: martin.id }, data: { at: old } });
    const bookingsBefore = await app.db.booking.findMany({ orderBy: { id: 'asc' } });

    const counts = await applyRetention({ store: store(), town: app.town }, { now: NOW });
    expect(counts).toEqual({ inboundMessages: 1, mailSenderDays: 0, conversationStates: 1, sentMessages: 2, domainEvents: 1, auditDetails: await app.db.auditEvent.count({ where: { familyId: martin.id } }) });
    expect(await app.db.inboundMessage.count()).toBe(1);
    expect(await app.db.conversation.findMany({ select: { guardianId: true } })).toEqual([{ guardianId: other.guardians[0]!.id }]);
    expect(await app.db.outbox.count({ where: { sentAt: null } })).toBe(1);
    const martinAudit = await app.db.auditEvent.findMany({ where: { familyId: martin.id } });
    expect(martinAudit.length).toBeGreaterThan(0);
    for (const a of martinAudit) expect([a.before, a.after, a.action.length > 0]).toEqual([null, null, true]);
    expect((await app.db.auditEvent.findFirstOrThrow({ where: { familyId: other.id, action: 'family.create' } })).after).not.toBeNull();
    expect(await app.db.booking.findMany({ orderBy: { id: 'asc' } })).toEqual(bookingsBefore);
    const run = await app.db.auditEvent.findFirstOrThrow({ where: { action: 'privacy.retention' } });
    expect(JSON.parse(run.after!)).toEqual(counts);

    // Again the same night: nothing more to do, nothing recorded.
    expect(Object.values(await applyRetention({ store: store(), town: app.town }, { now: NOW })).every((n) => n === 0)).toBe(true);
    expect(await app.db.auditEvent.count({ where: { action: 'privacy.retention' } })).toBe(1);
  });
});

describe("a family's data", () => {
  it('is exported as one document with everything stored about it, and nothing of another family', async () => {
    await useChannels(martin, NOW);
    await useChannels(other, NOW);
    const result = await exportFamily({ store: store() }, { reference: 'F-0001', now: NOW });
    if (!result.ok) throw new Error('expected the export');
    const doc = result.document;
    expect(doc).toMatchObject({ format: FAMILY_EXPORT_FORMAT, version: 1, exportedAt: NOW.toISOString(), reference: 'F-0001' });
    expect(doc.guardians.map((g) => g.email)).toEqual(['parent-f-0001@example.fr']);
    expect(doc.children.map((c) => c.firstName)).toEqual(['Léa', 'Tom']);
    expect(doc.bookings).toHaveLength(4);
    expect(doc.bookings.find((b) => b.state === 'absent')).toMatchObject({ absenceReason: 'angine', date: '2026-12-03' });
    expect(doc.conversations).toHaveLength(1);
    expect(doc.inboundMessages).toHaveLength(1);
    expect(doc.sentMessages.map((m) => m.channel).sort()).toEqual(['email', 'telegram']);
    expect(doc.notifications).toHaveLength(1);
    expect(doc.audit.map((a) => a.action)).toEqual(expect.arrayContaining(['family.create', 'booking.book', 'booking.absence']));
    const text = JSON.stringify(doc);
    expect(text).not.toContain('F-0002');
    expect(text).not.toContain('Noé');
    expect(text).not.toContain('codeHash');
    expect(await exportFamily({ store: store() }, { reference: 'F-9999', now: NOW })).toEqual({ ok: false, why: 'UNKNOWN_FAMILY' });
  });

  it('is erased when the family leaves: personal data gone, bookings kept anonymised for the headcounts, an audit entry without names', async () => {
    await useChannels(martin, NOW);
    await useChannels(other, NOW);
    const headcountBefore = await countHeadcount({ store: app.store, town: app.town }, { from: isoDate('2026-12-03'), to: isoDate('2026-12-04') });
    const childIds = martin.children.map((c) => c.id);

    const result = await eraseFamily({ store: store() }, { reference: 'F-0001', actor: staff, channel: 'admin', now: NOW });
    expect(result).toEqual({
      ok: true,
      counts: { guardians: 1, children: 2, bookingsKept: 4, conversationStates: 1, inboundMessages: 1, sentMessages: 2, domainEvents: 1, auditDetails: expect.any(Number) },
    });

    expect(await app.db.family.findUnique({ where: { reference: 'F-0001' } })).toBeNull();
    expect(await app.db.guardian.count({ where: { familyId: martin.id } })).toBe(0);
    const children = await app.db.child.findMany({ where: { id: { in: childIds } } });
    for (const c of children) expect(c).toMatchObject({ firstName: 'Enfant', lastName: `anonyme-${c.id}`, birthDate: '0000-01-01', pai: false });
    const bookings = await app.db.booking.findMany({ where: { childId: { in: childIds } } });
    expect(bookings).toHaveLength(4);
    expect(bookings.find((b) => b.state === 'absent')?.absenceReason).toBeNull();
    expect(await countHeadcount({ store: app.store, town: app.town }, { from: isoDate('2026-12-03'), to: isoDate('2026-12-04') })).toEqual(headcountBefore);
    expect(await app.db.conversation.count({ where: { guardianId: martin.guardians[0]!.id } })).toBe(0);
    expect(await app.db.inboundMessage.count({ where: { guardianId: martin.guardians[0]!.id } })).toBe(0);
    expect(await app.db.outbox.count({ where: { recipient: { in: ['parent-f-0001@example.fr', `chat-${martin.guardians[0]!.id}`] } } })).toBe(0);
    expect(await app.db.domainEvent.count({ where: { familyId: martin.id } })).toBe(0);

    // Whatever remains about the family says nothing personal.
    const audit = await app.db.auditEvent.findMany({ where: { familyId: martin.id } });
    const erase = audit.find((a) => a.action === 'family.erase')!;
    expect(erase).toMatchObject({ actorType: 'staff', actorId: 1, channel: 'admin', before: null });
    const remaining = JSON.stringify({ audit, children, bookings, family: await app.db.family.findUnique({ where: { id: martin.id } }) });
    for (const personal of ['F-0001', 'Léa', 'Tom', 'NomF-0001', 'parent-f-0001', 'angine', '0612345678', '2018-03-14']) expect(remaining).not.toContain(personal);

    // The other family is untouched.
    expect(await app.db.conversation.count({ where: { guardianId: other.guardians[0]!.id } })).toBe(1);
    expect(await app.db.outbox.count({ where: { recipient: 'parent-f-0002@example.fr' } })).toBe(1);
    expect((await app.families.byReference('F-0002'))?.children.map((c) => c.firstName)).toEqual(['Noé']);
    expect(await eraseFamily({ store: store() }, { reference: 'F-0001', actor: staff, channel: 'admin', now: NOW })).toEqual({ ok: false, why: 'UNKNOWN_FAMILY' });
  });
});
