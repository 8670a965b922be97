/** Batch activation letters: one printable document, one audited action. */
import QRCode from 'qrcode';
import { afterEach, describe, expect, it } from 'vitest';
import { redeemActivationCode } from '../../src/core/activation/redeemActivationCode.js';
import { SEALED_MARK } from '../../src/outbox/seal.js';
import { addFamily, CSV_HEADER } from '../support/app.js';
import { harness, type Harness } from './support.js';

let h: Harness;
afterEach(() => h.dispose());

const CODE = /<p class="code">([A-Z2-9]{8})<\/p>/g;
const codesOf = (body: string) => [...body.matchAll(CODE)].map((m) => m[1]!);

/**
 * F-0001 (Léa, Tom; two guardians, the second without email) and F-0003
 * (already active) from an import on 28 November; F-0002 (Noé) imported
 * through the dashboard today, 1 December.
 */
async function setup(botUsername?: string) {
  h = await harness(botUsername ? { botUsername } : {});
  await h.addStaff('agent@mairie.fr', { role: 'agent' });
  const agent = h.browser();
  await agent.signIn('agent@mairie.fr');
  const f1 = await addFamily(h.app, 'F-0001', ['Léa', 'Tom']);
  await h.app.db.guardian.create({ data: { familyId: f1.id, name: 'Marc Martin' } });
  const f3 = await addFamily(h.app, 'F-0003', ['Zoé']);
  await h.app.db.guardian.update({ where: { id: f3.guardians[0]!.id }, data: { accessState: 'active', telegramChatId: '42' } });
  await agent.get('/familles');
  const done = await agent.post('/familles/import/confirmer', { csv: [CSV_HEADER, 'F-0002;Inès Durand;ines@example.fr;0611111111;Noé;Durand;2019-05-02;Jules Ferry;CP;standard;non'].join('\n') });
  expect(done.statusCode).toBe(303);
  await agent.get('/familles/lettres');
  return { agent };
}

describe('batch activation letters', () => {
  it('issues codes to every guardian not yet activated, as one audited action, in one printable document with a QR code and link per letter', async () => {
    const { agent } = await setup('ChatenoyBot');
    const form = await agent.get('/familles/lettres');
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('<form method="post" action="/familles/lettres">');
    expect(form.body).toContain('3 responsable(s) n’ont encore reçu aucun code');
    expect((await agent.get('/familles')).body).toContain('href="/familles/lettres"');

    const page = await agent.post('/familles/lettres', { choix: 'non_activees' });
    expect(page.statusCode).toBe(200);
    const codes = codesOf(page.body);
    expect(codes).toHaveLength(3);
    expect(new Set(codes).size).toBe(3);
    expect(page.body.match(/<article class="letter"/g)).toHaveLength(3);
    expect(page.body).toContain('<div class="letters">');
    expect(page.body).toContain('3 code(s) émis pour 2 famille(s)');
    expect(page.body).toContain('Imprimer les 3 lettres');
    // In file order: F-0001's two guardians, then F-0002; the active guardian of F-0003 gets none.
    expect([...page.body.matchAll(/Dossier (F-\d{4})/g)].map((m) => m[1])).toEqual(['F-0001', 'F-0001', 'F-0002']);
    expect(page.body).not.toContain('Parent F-0003');
    for (const [i, code] of codes.entries()) {
      const link = `https://t.me/ChatenoyBot?start=${code}`;
      expect(page.body).toContain(`<a href="${link}">${link}</a>`);
      expect(page.body).toContain(`id="lettre-${i + 1}"`);
      const expected = (await QRCode.toString(link, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' })).trim();
      expect(page.body).toContain(expected.replace('<svg ', `<svg role="img" aria-label="Code QR du lien Telegram ${link}" `));
    }
    // The examples name the family's own children.
    expect(page.body).toContain('« Noé mange à la cantine lundi et mardi »');
    expect(page.body).toContain('« Annule la garderie du soir de Tom vendredi »');

    // One audited action, next to each guardian's own entry.
    const batch = await h.app.db.auditEvent.findMany({ where: { action: 'guardian.codes_batch' } });
    expect(batch).toHaveLength(1);
    expect(batch[0]).toMatchObject({ actorType: 'staff', channel: 'web', familyId: null });
    expect(JSON.parse(batch[0]!.after!)).toMatchObject({ scope: { kind: 'not_activated' }, codes: 3, families: 2 });
    expect(await h.app.db.auditEvent.count({ where: { action: 'guardian.code_issued' } })).toBe(3);
    expect((await agent.get('/activite')).body).toContain('Lettres d’activation émises en lot');

    // Codes are kept only as hashes; the welcome emails (guardians with an address) hold a mask.
    const stored = await h.app.db.activationCode.findMany();
    expect(stored).toHaveLength(3);
    for (const code of codes) expect(JSON.stringify(stored)).not.toContain(code);
    const mail = await h.app.db.outbox.findMany({ orderBy: { id: 'asc' } });
    expect(mail.map((m) => m.recipient)).toEqual(['parent-f-0001@example.fr', 'ines@example.fr']);
    for (const code of codes) expect(JSON.stringify(mail)).not.toContain(code);
    expect(mail[0]!.body).toContain(`https://t.me/ChatenoyBot?start=${SEALED_MARK}`);
    expect(mail[0]!.body).toContain('« Léa mange à la cantine lundi et mardi »');
    expect(mail[0]!.body).toContain('« Annule la garderie du soir de Tom vendredi »');
    expect(mail[1]!.body).toContain('« Qu’est-ce que Noé a cette semaine ? »');

    // Every printed code works.
    for (const [i, code] of codes.entries()) {
      expect((await redeemActivationCode({ activation: h.app.activation }, { code, chatId: String(100 + i), now: h.clock.now() })).ok).toBe(true);
    }
  });

  it('does not reissue printed codes unless asked, and then replaces them', async () => {
    const { agent } = await setup('ChatenoyBot');
    const first = codesOf((await agent.post('/familles/lettres', { choix: 'non_activees' })).body);
    await agent.get('/familles/lettres');
    const again = await agent.post('/familles/lettres', { choix: 'non_activees' });
    expect(again.body).toContain('Aucun responsable à activer : tous ont déjà reçu un code.');
    expect(codesOf(again.body)).toHaveLength(0);
    expect(await h.app.db.auditEvent.count({ where: { action: 'guardian.codes_batch' } })).toBe(1);

    await agent.get('/familles/lettres');
    const replaced = codesOf((await agent.post('/familles/lettres', { choix: 'non_activees', deja: 'oui' })).body);
    expect(replaced).toHaveLength(3);
    expect((await redeemActivationCode({ activation: h.app.activation }, { code: first[0]!, chatId: '1', now: h.clock.now() })).ok).toBe(false);
    expect((await redeemActivationCode({ activation: h.app.activation }, { code: replaced[0]!, chatId: '1', now: h.clock.now() })).ok).toBe(true);
    const batches = await h.app.db.auditEvent.findMany({ where: { action: 'guardian.codes_batch' }, orderBy: { id: 'asc' } });
    expect(JSON.parse(batches[1]!.after!).scope).toEqual({ kind: 'not_activated', includingUnused: true });
  });

  it('takes the families created or updated on the day of an import', async () => {
    const { agent } = await setup('ChatenoyBot');
    const today = await agent.post('/familles/lettres', { choix: 'jour', jour: '2026-12-01' });
    expect(today.statusCode).toBe(200);
    expect(codesOf(today.body)).toHaveLength(1);
    expect(today.body).toContain('À l’attention de Inès Durand<br>Dossier F-0002');

    await agent.get('/familles/lettres');
    const earlier = await agent.post('/familles/lettres', { choix: 'jour', jour: '2026-11-28' });
    expect([...earlier.body.matchAll(/Dossier (F-\d{4})/g)].map((m) => m[1])).toEqual(['F-0001', 'F-0001']);
    const batch = await h.app.db.auditEvent.findFirstOrThrow({ where: { action: 'guardian.codes_batch' }, orderBy: { id: 'desc' } });
    expect(JSON.parse(batch.after!)).toMatchObject({ scope: { kind: 'changed_on', date: '2026-11-28' }, codes: 2, families: 1 });

    await agent.get('/familles/lettres');
    const none = await agent.post('/familles/lettres', { choix: 'jour', jour: '2026-11-20' });
    expect(none.body).toContain('Aucun responsable à activer parmi les familles créées ou mises à jour le');

    await agent.get('/familles/lettres');
    const bad = await agent.post('/familles/lettres', { choix: 'jour', jour: '31/02/2026' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Indiquez le jour de l’import (une date valide).');
    await agent.get('/familles/lettres');
    const unknown = await agent.post('/familles/lettres', { choix: 'tout' });
    expect(unknown.statusCode).toBe(400);
    expect(await h.app.db.activationCode.count()).toBe(3);
  });

  it('is not offered while the bot’s username is unknown, and says how to fix it', async () => {
    const { agent } = await setup();
    const page = await agent.get('/familles/lettres');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('le nom du robot Telegram n’est pas connu');
    expect(page.body).toContain('<code>TELEGRAM_BOT_USERNAME</code>');
    expect(page.body).toContain('<code>TELEGRAM_BOT_TOKEN</code>');
    expect(page.body).not.toContain('action="/familles/lettres"');
    const refused = await agent.post('/familles/lettres', { choix: 'non_activees' });
    expect(refused.statusCode).toBe(409);
    expect(await h.app.db.activationCode.count()).toBe(0);
    expect(await h.app.db.auditEvent.count({ where: { action: 'guardian.codes_batch' } })).toBe(0);
  });

  it('prints one letter per page', async () => {
    const { agent } = await setup('ChatenoyBot');
    const css = (await agent.get('/static/app.css')).body;
    expect(css).toMatch(/@media print\{[\s\S]*\.letters \.letter\{break-after:page;page-break-after:always/);
    expect(css).toContain('.letter .link{overflow-wrap:anywhere}');
  });
});
