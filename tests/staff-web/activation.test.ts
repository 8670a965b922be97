import QRCode from 'qrcode';
import { afterEach, describe, expect, it } from 'vitest';
import { redeemActivationCode } from '../../src/core/activation/redeemActivationCode.js';
import { addFamily } from '../support/app.js';
import { harness, type Harness } from './support.js';
import { SEALED_MARK, unseal } from '../../src/outbox/seal.js';

let h: Harness;
afterEach(() => h.dispose());

async function setup(botUsername?: string) {
  h = await harness(botUsername ? { botUsername } : {});
  await h.addStaff('agent@mairie.fr');
  const agent = h.browser();
  await agent.signIn('agent@mairie.fr');
  const family = await addFamily(h.app, 'F-0001', ['Léa', 'Tom']);
  await h.app.db.guardian.create({ data: { familyId: family.id, name: 'Marc Martin', email: 'marc@example.fr' } });
  await agent.get(`/familles/${family.id}`);
  return { agent, family: (await h.app.families.byId(family.id))! };
}

describe('activation from the family page', () => {
  it('issues a code for one guardian, queues the welcome email, and shows a printable letter with the code and the Telegram link as a QR code', async () => {
    const { agent, family } = await setup('ChatenoyBot');
    const [claire, marc] = family.guardians as [(typeof family.guardians)[0], (typeof family.guardians)[0]];
    const page = await agent.post(`/familles/${family.id}/responsables/${claire.id}/code`, {});
    expect(page.statusCode).toBe(200);
    const code = /<p class="code">([A-Z2-9]{8})<\/p>/.exec(page.body)?.[1];
    expect(code).toBeDefined();
    const link = `https://t.me/ChatenoyBot?start=${code}`;
    expect(page.body).toContain(`<a href="${link}">${link}</a>`);
    expect(page.body).toContain('Votre accès au Portail Famille');
    expect(page.body).toContain('CCAS de Châtenoy-le-Royal');
    expect(page.body).toContain('Châtenoy-le-Royal</p>');
    expect(page.body).toContain(`/start ${code}`);
    expect(page.body).toContain('pour Léa, Tom');
    // The examples use the family's own children.
    expect(page.body).toContain('« Léa mange à la cantine lundi et mardi »');
    expect(page.body).toContain('« Annule la garderie du soir de Tom vendredi »');
    // The QR code is the link's, drawn as inline SVG.
    const svg = /<svg role="img" aria-label="Code QR du lien Telegram [^"]+" [^>]*>.*?<\/svg>/s.exec(page.body)?.[0];
    expect(svg).toBeDefined();
    const expected = await QRCode.toString(link, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' });
    expect(svg!.replace(/ role="img" aria-label="[^"]+"/, '')).toBe(expected.trim());
    // Printable: the buttons are hidden in print.
    expect(page.body).toContain('class="actions no-print"><button type="button" data-print>Imprimer la lettre</button>');

    const mail = await h.app.db.outbox.findMany();
    expect(mail).toHaveLength(1);
    expect(mail[0]).toMatchObject({ channel: 'email', recipient: claire.email, sentAt: null });
    // The code is never stored readable: sealed, filled in when the email is sent.
    expect(JSON.stringify(mail[0])).not.toContain(code!);
    expect(mail[0]!.body).toContain(link.replace(code!, SEALED_MARK));
    expect(unseal(h.app.secret, mail[0]!.sealed!)).toBe(code);
    expect(mail[0]!.body).toContain('« Qu’est-ce que Léa a cette semaine ? »');

    const after = (await h.app.families.byId(family.id))!;
    expect(after.guardians.map((g) => g.accessState)).toEqual(['code_sent', 'inactive']);
    expect(await h.app.db.activationCode.count({ where: { guardianId: marc.id } })).toBe(0);
    const audit = await h.app.db.auditEvent.findFirstOrThrow({ where: { action: 'guardian.code_issued' } });
    expect(audit).toMatchObject({ actorType: 'staff', channel: 'web', familyId: family.id });
    expect((await agent.get(`/familles/${family.id}`)).body).toMatch(/Parent F-0001<\/th>.*?<td>code envoyé<\/td>/s);

    // The code on the letter is the one that works.
    const redeemed = await redeemActivationCode({ activation: h.app.activation }, { code: code!, chatId: '777', now: h.clock.now() });
    expect(redeemed.ok).toBe(true);
  });

  it('explains /start CODE when the bot’s name is unknown, and a new code replaces the unused one', async () => {
    const { agent, family } = await setup();
    const guardian = family.guardians[0]!;
    const first = await agent.post(`/familles/${family.id}/responsables/${guardian.id}/code`, {});
    const code1 = /<p class="code">([A-Z2-9]{8})<\/p>/.exec(first.body)![1]!;
    expect(first.body).not.toContain('<svg');
    expect(first.body).not.toContain('t.me/');
    expect(first.body).toContain(`envoyez-lui le message : <strong>/start ${code1}</strong>`);
    const second = await agent.post(`/familles/${family.id}/responsables/${guardian.id}/code`, {});
    const code2 = /<p class="code">([A-Z2-9]{8})<\/p>/.exec(second.body)![1]!;
    expect(code2).not.toBe(code1);
    expect((await redeemActivationCode({ activation: h.app.activation }, { code: code1, chatId: '1', now: h.clock.now() })).ok).toBe(false);
    expect((await redeemActivationCode({ activation: h.app.activation }, { code: code2, chatId: '1', now: h.clock.now() })).ok).toBe(true);
  });

  it('refuses a guardian of another family', async () => {
    const { agent, family } = await setup();
    const other = await addFamily(h.app, 'F-0002', ['Noé']);
    const res = await agent.post(`/familles/${family.id}/responsables/${other.guardians[0]!.id}/code`, {});
    expect(res.statusCode).toBe(404);
    expect(await h.app.db.activationCode.count()).toBe(0);
  });
});
