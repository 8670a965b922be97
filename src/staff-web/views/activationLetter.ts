/**
 * The activation letter handed or posted to a guardian: the code, the
 * Telegram link and its QR code (when the bot's username is known), and how
 * to write by email with the family's own children as examples. A pure
 * view: the QR code is drawn by the caller (routes/activation.ts).
 */
import { writingExamples } from '../../core/replies/welcomeEmail.js';
import type { TownConfig } from '../../core/config.js';
import { html, type Html } from '../html.js';

export interface LetterInput {
  town: TownConfig;
  /** Today, in words. */
  dated: string;
  guardian: { name: string; email: string | null };
  familyReference: string;
  children: readonly string[];
  code: string;
  /** When the code stops working, in words. */
  until: string;
  /** The bot's link and its QR code, when the bot's username is known. */
  telegram: { username: string; link: string; qr: Html } | null;
  /** The id of the letter's heading (unique on a page of several letters). */
  headingId: string;
}

export function activationLetter(l: LetterInput): Html {
  const organisation = l.town.organisation;
  return html`<article class="letter" aria-labelledby="${l.headingId}">
<p>${organisation}<br>${l.town.town}</p>
<p>Le ${l.dated}</p>
<p>À l’attention de ${l.guardian.name}<br>Dossier ${l.familyReference}</p>
<h1 id="${l.headingId}">Votre accès au Portail Famille</h1>
<p>Bonjour,</p>
<p>Vous pouvez désormais réserver ou annuler la cantine, la garderie du matin et du soir et l’accueil du mercredi${l.children.length ? ` pour ${l.children.join(', ')}` : ''} en écrivant simplement, comme à une personne, sur Telegram ou par email. Chaque demande reçoit une confirmation exacte de ce qui a été fait.</p>
<p>Votre code d’activation :</p>
<p class="code">${l.code}</p>
<p>Valable une seule fois, jusqu’au ${l.until}.</p>
<h2>Sur Telegram</h2>
${
  l.telegram
    ? html`<p>Scannez ce code avec l’appareil photo de votre téléphone, ou ouvrez le lien ci-dessous, puis appuyez sur « Démarrer » :</p>
<div class="qr">${l.telegram.qr}</div>
<p class="link"><a href="${l.telegram.link}">${l.telegram.link}</a></p>
<p>Ou cherchez <strong>@${l.telegram.username}</strong> dans Telegram et envoyez : <strong>/start ${l.code}</strong></p>`
    : html`<p>Ouvrez le robot Telegram du ${organisation} (demandez son nom à l’accueil) et envoyez-lui le message : <strong>/start ${l.code}</strong></p>`
}
<h2>Par email</h2>
<p>${l.guardian.email ? html`Répondez simplement au message de bienvenue envoyé à <strong>${l.guardian.email}</strong>, par exemple :` : 'Donnez-nous votre adresse email à l’accueil pour utiliser aussi ce moyen. Vous pourrez écrire par exemple :'}</p>
<ul>${writingExamples(l.children).map((e) => html`<li>${e}</li>`)}</ul>
<p>— ${organisation}</p>
</article>`;
}
