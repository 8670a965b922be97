import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FamilyRecord } from '../../src/core/ports.js';
import { addFamily } from '../support/app.js';
import { harness, type Browser, type Harness } from './support.js';

let h: Harness;
let agent: Browser;
let family: FamilyRecord;

/** Everything that a conversation could change. */
async function snapshot() {
  const db = h.app.db;
  return JSON.stringify({
    bookings: await db.booking.findMany({ orderBy: { id: 'asc' } }),
    dayCounts: await db.dayCount.findMany({ orderBy: [{ serviceCode: 'asc' }, { date: 'asc' }] }),
    audit: await db.auditEvent.count(),
    events: await db.domainEvent.count(),
    outbox: await db.outbox.count(),
    conversations: await db.conversation.findMany(),
  });
}

beforeEach(async () => {
  h = await harness();
  await h.addStaff('agent@mairie.fr');
  agent = h.browser();
  await agent.signIn('agent@mairie.fr');
  family = await addFamily(h.app, 'F-0001', ['Léa', 'Tom']);
  await agent.get(`/essai?famille=F-0001&responsable=${family.guardians[0]!.id}`);
});
afterEach(() => h.dispose());

describe('try the assistant', () => {
  it('shows what the interpreter reads and what the assistant would answer and change, without changing the database', async () => {
    const before = await snapshot();
    const res = await agent.post('/essai', { famille: 'F-0001', responsable: String(family.guardians[0]!.id), message: 'Léa mange à la cantine jeudi et vendredi' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toMatch(/<th scope="row">Réserver<\/th><td>Léa<\/td><td>Cantine<\/td><td>jeu\. 03\/12, ven\. 04\/12<\/td>/);
    expect(res.body).toContain('✅ Léa : cantine réservée le jeudi 3 décembre et le vendredi 4 décembre');
    expect(res.body).toMatch(/name="data" value="u:[A-Za-z0-9_-]+"><button type="submit" class="secondary">Défaire<\/button>/);
    expect(res.body).toContain('Changements faits dans le bac à sable');
    expect(res.body).toContain('Léa NomF-0001 — Cantine — réservé : jeu. 03/12, ven. 04/12');
    expect(res.body).toContain('Appliquer pour de vrai');
    expect(await snapshot()).toBe(before);
  });

  it('shows a question when the message is unclear, still changing nothing', async () => {
    const before = await snapshot();
    const res = await agent.post('/essai', { famille: 'F-0001', responsable: String(family.guardians[0]!.id), message: 'cantine jeudi' });
    expect(res.body).toContain('enfant non précisé : l’assistant demandera');
    expect(res.body).toContain('Pour quel enfant ?');
    expect(res.body).toContain('Aucun changement de réservation.');
    expect(await snapshot()).toBe(before);
  });

  it('applies the message for real when asked, as the guardian, and logs that an agent did it', async () => {
    const form = { famille: 'F-0001', responsable: String(family.guardians[0]!.id), message: 'Léa mange à la cantine jeudi' };
    await agent.post('/essai', form);
    const res = await agent.post('/essai/appliquer', form);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Appliqué pour de vrai');
    expect(res.body).toContain('Changements faits');
    const rows = await h.app.db.booking.findMany();
    expect(rows.map((r) => `${r.serviceCode} ${r.date} ${r.state} ${r.channel} ${r.changedBy}`)).toEqual([`canteen 2026-12-03 booked web guardian:${family.guardians[0]!.id}`]);
    const audit = await h.app.db.auditEvent.findMany({ where: { familyId: family.id }, orderBy: { id: 'asc' } });
    expect(audit.map((a) => `${a.action} ${a.actorType}`).slice(-2)).toEqual([`booking.book guardian`, 'conversation.applied_by_staff staff']);
    const activity = await agent.get('/activite?famille=F-0001');
    expect(activity.body).toContain('Message appliqué depuis « Essayer l’assistant »');
    expect(activity.body).toContain('message : Léa mange à la cantine jeudi');
  });

  it('keeps other requests away from what an essay does while it runs', async () => {
    // Two previews and a real booking interleaved: nothing of the previews is left, the real one stays.
    const guardian = String(family.guardians[0]!.id);
    const [a, b, c] = await Promise.all([
      agent.post('/essai', { famille: 'F-0001', responsable: guardian, message: 'Tom mange à la cantine jeudi' }),
      agent.post('/familles/' + family.id + '/reservations', { enfant: String(family.children[0]!.id), service: 'evening', du: '2026-12-03', au: '2026-12-03', action: 'reserver' }),
      agent.post('/essai', { famille: 'F-0001', responsable: guardian, message: 'Léa et Tom à la garderie du matin vendredi' }),
    ]);
    expect([a.statusCode, b.statusCode, c.statusCode]).toEqual([200, 303, 200]);
    const rows = await h.app.db.booking.findMany();
    expect(rows.map((r) => `${r.childId} ${r.serviceCode} ${r.date} ${r.state}`)).toEqual([`${family.children[0]!.id} evening 2026-12-03 booked`]);
  });
});
