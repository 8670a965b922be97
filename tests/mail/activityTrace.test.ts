/** Every email not acted on shows in the staff dashboard's activity log, with why, in French. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { issueActivationCodes } from '../../src/core/activation/issueActivationCodes.js';
import { processInbound } from '../../src/mail/processInbound.js';
import { addFamily } from '../support/app.js';
import { harness, type Harness } from '../staff-web/support.js';

let h: Harness;
beforeEach(async () => {
  h = await harness();
  await addFamily(h.app, 'F-0001', ['Léa', 'Tom']);
  await issueActivationCodes({ families: h.app.families, activation: h.app.activation, random: h.app.random }, { reference: 'F-0001', now: h.clock.now(), actor: { type: 'system' }, channel: 'admin' });
});
afterEach(() => h.dispose());

const raw = (headers: string, body: string) => Buffer.from(`${headers}\r\nFrom: Parent <parent-f-0001@example.fr>\r\nTo: inscriptions@mairie.fr\r\nSubject: Cantine jeudi\r\nMessage-ID: <${Math.random().toString(36).slice(2)}@example.fr>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n${body}`);

describe('the trace of a message not acted on', () => {
  it('is in the activity log: an unproven request, an out-of-office, a dmarc=fail', async () => {
    const opts = { app: h.app, clock: h.clock, mailFrom: 'Portail Famille <inscriptions@mairie.fr>', authservId: 'mx.mairie.fr', secret: 'a-secret-0123456789' };
    await processInbound(opts, raw('Authentication-Results: mx.mairie.fr; dmarc=none', 'Annulez la cantine de Léa jeudi.'));
    await processInbound(opts, raw('Authentication-Results: mx.mairie.fr; dmarc=pass header.from=example.fr', 'Je suis absente du 7 au 10 décembre.'));
    await processInbound(opts, raw('Authentication-Results: mx.mairie.fr; dmarc=fail header.from=example.fr', 'Annulez tout.'));
    await h.addStaff('agent@mairie.fr');
    const agent = h.browser();
    await agent.signIn('agent@mairie.fr');
    const page = (await agent.get('/activite')).body;
    expect(page.match(/Email reçu, non appliqué/g)).toHaveLength(3);
    expect(page).toContain('expéditeur non vérifié : demande de confirmation envoyée à l’adresse enregistrée');
    expect(page).toContain('ressemble à une réponse automatique : ni appliqué ni répondu');
    expect(page).toContain('authentification de l’expéditeur en échec (dmarc=fail)');
    expect(page).toContain('parent-f-0001@example.fr');
  });
});
