import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FamilyRecord } from '../../src/core/ports.js';
import { handleMessage } from '../../src/core/conversation/converse.js';
import { addFamily } from '../support/app.js';
import { harness, NOW, type Browser, type Harness } from './support.js';

let h: Harness;
let agent: Browser;
let family: FamilyRecord;

/** Everything that a conversation could change in the real database. */
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

/** The sandbox conversation's id and its buttons (label → data) on a page. */
function page(body: string) {
  const essai = /name="essai" value="([^"]+)"/.exec(body)?.[1] ?? '';
  const buttons = new Map([...body.matchAll(/name="data" value="([^"]+)"><button type="submit" class="secondary">([^<]+)<\/button>/g)].map((m) => [m[2]!, m[1]!]));
  return { essai, buttons };
}

beforeEach(async () => {
  h = await harness();
  await h.addStaff('agent@mairie.fr');
  agent = h.browser();
  await agent.signIn('agent@mairie.fr');
  await addFamily(h.app, 'F-0001', ['Zoé']);
  family = await addFamily(h.app, 'F-0002', ['Léa', 'Tom']);
});
afterEach(() => h.dispose());

/** Finds the family by name and starts a conversation with its first message. */
async function start(message: string) {
  const found = await agent.get('/essai?q=' + encodeURIComponent('parent f-0002'));
  expect(found.statusCode).toBe(200);
  expect(found.body).toContain('href="/essai?famille=F-0002"');
  expect(found.body).not.toContain('href="/essai?famille=F-0001"');
  const chosen = await agent.get('/essai?famille=F-0002');
  expect(chosen.body).toContain('Commencer la conversation');
  return agent.post('/essai', { famille: 'F-0002', responsable: String(family.guardians[0]!.id), message });
}

describe('"Essayer" is a real conversation in a sandbox', () => {
  it('finds families by a child’s name too, and says when none matches', async () => {
    const byChild = await agent.get('/essai?q=' + encodeURIComponent('nomf-0001'));
    expect(byChild.body).toContain('href="/essai?famille=F-0001"');
    expect(byChild.body).not.toContain('href="/essai?famille=F-0002"');
    const none = await agent.get('/essai?q=Dupuis');
    expect(none.body).toContain('Aucune famille ne correspond à « Dupuis ».');
  });

  it('asks which child, takes the press of a real button, confirms, and leaves the real bookings unchanged', async () => {
    const before = await snapshot();
    const asked = await start('cantine jeudi');
    expect(asked.statusCode).toBe(200);
    expect(asked.body).toContain('Pour quel enfant ?');
    const { essai, buttons } = page(asked.body);
    expect(essai).not.toBe('');
    expect([...buttons.keys()]).toEqual(expect.arrayContaining(['Léa', 'Tom']));
    const done = await agent.post('/essai/bouton', { essai, data: buttons.get('Léa')! });
    expect(done.statusCode).toBe(200);
    expect(done.body).toContain('[bouton] Léa');
    expect(done.body).toContain('✅ Léa : cantine réservée le jeudi 3 décembre');
    expect(done.body).toContain('Léa NomF-0002 — Cantine — réservé : jeu. 03/12');
    expect(await snapshot()).toBe(before);
    expect(await h.app.db.booking.count()).toBe(0);
  });

  it('understands a typed answer to the pending question, and the conversation goes on (undo by its button)', async () => {
    const before = await snapshot();
    const asked = await start('cantine jeudi');
    const { essai } = page(asked.body);
    const done = await agent.post('/essai', { essai, message: 'Tom' });
    expect(done.body).toContain('✅ Tom : cantine réservée le jeudi 3 décembre');
    const undo = page(done.body).buttons.get('Défaire');
    expect(undo).toBeDefined();
    const undone = await agent.post('/essai/bouton', { essai, data: undo! });
    expect(undone.body).toContain('[bouton] Défaire');
    expect(undone.body).toContain('↩️ Défait :');
    expect(undone.body).not.toContain('Cette question a expiré');
    // The whole transcript is there, replayed: the question, the answer, the undo.
    expect(undone.body.indexOf('Pour quel enfant ?')).toBeLessThan(undone.body.indexOf('✅ Tom'));
    expect(await snapshot()).toBe(before);
  });

  it('keeps each sandbox to its staff member, checks CSRF, and answers stale buttons', async () => {
    const asked = await start('cantine jeudi');
    const { essai, buttons } = page(asked.body);
    await h.addStaff('autre@mairie.fr');
    const other = h.browser();
    await other.signIn('autre@mairie.fr');
    await other.get('/essai');
    const stolen = await other.post('/essai/bouton', { essai, data: buttons.get('Léa')! });
    expect(stolen.statusCode).toBe(303);
    expect(stolen.headers.location).toBe('/essai');
    const forged = await agent.post('/essai/bouton', { essai, data: buttons.get('Léa')!, _csrf: 'nope' });
    expect(forged.statusCode).toBe(403);
    const stale = await agent.post('/essai/bouton', { essai, data: 'c:old' });
    expect(stale.statusCode).toBe(200);
    expect(stale.body).toContain('Cette question a expiré');
    const restarted = await agent.post('/essai/recommencer', { essai });
    expect(restarted.statusCode).toBe(303);
    const gone = await agent.post('/essai', { essai, message: 'Tom' });
    expect(gone.statusCode).toBe(303);
    expect(await h.app.db.booking.count()).toBe(0);
  });

  it('starts afresh: the guardian’s real pending question is neither used nor touched', async () => {
    const real = await handleMessage(h.app.conversation, { guardian: family.guardians[0]!, channel: 'telegram', text: 'cantine jeudi', now: NOW });
    expect(real.kind).toBe('question');
    const before = await snapshot();
    const res = await start('Tom');
    expect(res.body).not.toContain('✅ Tom : cantine réservée');
    expect(await snapshot()).toBe(before);
  });
});
