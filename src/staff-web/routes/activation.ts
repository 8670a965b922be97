/**
 * Activation at the desk: one button per guardian issues a fresh code,
 * puts the welcome email in the outbox (sent when SMTP is set), and shows
 * the letter to print and hand over: the code, and the Telegram link as a
 * QR code. The code is shown this once: only its hash is kept.
 */
import type { FastifyInstance } from 'fastify';
import QRCode from 'qrcode';
import { queueWelcomeEmails } from '../../admin/welcomeEmail.js';
import { issueGuardianCode } from '../../core/activation/issueGuardianCode.js';
import { FamilyId, GuardianId } from '../../core/ids.js';
import { zonedParts } from '../../core/time.js';
import { writeTransaction } from '../../db/transaction.js';
import type { WebContext } from '../context.js';
import { longDate } from '../format.js';
import { html, raw, type Html } from '../html.js';

/** The Telegram deep link of a code. */
export function telegramLink(botUsername: string, code: string): string {
  return `https://t.me/${botUsername}?start=${code}`;
}

/** A QR code of `text` as an SVG element, drawn server-side. */
export async function qrSvg(text: string, label: string): Promise<Html> {
  const svg = await QRCode.toString(text, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' });
  // qrcode's SVG is its own markup (no user text in it); it gets a name for screen readers.
  return raw(svg.replace('<svg ', `<svg role="img" aria-label="${label.replace(/[<>&"]/g, '')}" `));
}

export function activationRoutes(web: FastifyInstance, ctx: WebContext): void {
  const { app, town } = ctx;

  web.post<{ Params: { family: string; guardian: string } }>('/familles/:family/responsables/:guardian/code', async (req, reply) => {
    const ids = [req.params.family, req.params.guardian];
    const family = ids.every((v) => /^\d{1,9}$/.test(v)) ? await app.families.byId(FamilyId(Number(req.params.family))) : null;
    if (!family) return ctx.notFound(req, reply, 'Cette famille');
    const now = ctx.now();
    const username = ctx.botUsername();
    // The code and its welcome email are written together: both or neither.
    const issued = await writeTransaction(app.db, async () => {
      const r = await issueGuardianCode(
        { families: app.families, activation: app.activation, random: app.random },
        { familyReference: family.reference, guardianId: GuardianId(Number(req.params.guardian)), now, actor: ctx.actor(req), channel: 'web' },
      );
      if (r.ok) await queueWelcomeEmails(app, [{ guardian: r.guardian, code: r.code, expiresAt: r.expiresAt }], username, now, { from: ctx.mailFrom, secret: ctx.secret });
      return r;
    });
    if (!issued.ok) return ctx.notFound(req, reply, 'Ce responsable');
    const { guardian, code, expiresAt } = issued;
    const expiry = zonedParts(expiresAt, town.timeZone);
    const until = `${longDate(expiry.date)} à ${String(expiry.hour).padStart(2, '0')}:${String(expiry.minute).padStart(2, '0')}`;
    const link = username ? telegramLink(username, code) : null;
    const organisation = town.config.organisation;
    const children = family.children.map((c) => c.firstName);
    return ctx.render(req, reply, {
      title: `Lettre d’activation — ${guardian.name}`,
      current: 'families',
      flash: {
        kind: 'ok',
        lines: [
          `Code émis pour ${guardian.name} : il remplace ses codes précédents non utilisés.`,
          guardian.email ? `Email de bienvenue mis dans la boîte d’envoi pour ${guardian.email} (il part dès que l’envoi des emails est configuré).` : 'Pas d’email pour ce responsable : remettez-lui cette lettre.',
        ],
      },
      body: html`<p class="actions no-print"><button type="button" data-print>Imprimer la lettre</button> <a href="/familles/${family.id}">Retour à la famille ${family.reference}</a></p>
<p class="note no-print">Ce code n’est affiché qu’une fois (seule son empreinte est gardée) : imprimez la lettre maintenant. En cas de perte, émettez un nouveau code.</p>
<article class="letter" aria-labelledby="lettre-titre">
<p>${organisation}<br>${town.config.town}</p>
<p>Le ${longDate(ctx.today())}</p>
<p>À l’attention de ${guardian.name}<br>Dossier ${family.reference}</p>
<h1 id="lettre-titre">Votre accès au Portail Famille</h1>
<p>Bonjour,</p>
<p>Vous pouvez désormais réserver ou annuler la cantine, la garderie du matin et du soir et l’accueil du mercredi${children.length ? ` pour ${children.join(', ')}` : ''} en écrivant simplement, comme à une personne, sur Telegram ou par email. Chaque demande reçoit une confirmation exacte de ce qui a été fait.</p>
<p>Votre code d’activation :</p>
<p class="code">${code}</p>
<p>Valable une seule fois, jusqu’au ${until}.</p>
<h2>Sur Telegram</h2>
${
  link
    ? html`<p>Scannez ce code avec l’appareil photo de votre téléphone, ou ouvrez le lien ci-dessous, puis appuyez sur « Démarrer » :</p>
<div class="qr">${await qrSvg(link, `Code QR du lien Telegram ${link}`)}</div>
<p><a href="${link}">${link}</a></p>
<p>Ou cherchez <strong>@${username}</strong> dans Telegram et envoyez : <strong>/start ${code}</strong></p>`
    : html`<p>Ouvrez le robot Telegram du ${organisation} (demandez son nom à l’accueil) et envoyez-lui le message : <strong>/start ${code}</strong></p>`
}
<h2>Par email</h2>
<p>${guardian.email ? html`Répondez simplement au message de bienvenue envoyé à <strong>${guardian.email}</strong>, par exemple :` : 'Donnez-nous votre adresse email à l’accueil pour utiliser aussi ce moyen. Vous pourrez écrire par exemple :'}</p>
<ul><li>« ${children[0] ?? 'Léa'} mange à la cantine lundi et mardi »</li><li>« Annule la garderie du soir vendredi »</li><li>« Qu’est-ce qui est réservé cette semaine ? »</li></ul>
<p>— ${organisation}</p>
</article>`,
    });
  });
}
