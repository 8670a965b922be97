/**
 * The activation pages around the letters (views/activationLetter.ts): one
 * guardian's letter at the desk, the batch's choice, and the batch's
 * printable document. Data in, HTML out.
 */
import type { IsoDate } from '../../core/time.js';
import { html, type Html } from '../html.js';
import { csrfField } from '../layout.js';

/** One guardian's letter, to print at the desk. */
export function deskLetterPage(p: { familyId: number; familyReference: string; letter: Html }): Html {
  return html`<p class="actions no-print"><button type="button" data-print>Imprimer la lettre</button> <a href="/familles/${p.familyId}">Retour à la famille ${p.familyReference}</a></p>
<p class="note no-print">Ce code n’est affiché qu’une fois (seule son empreinte est gardée) : imprimez la lettre maintenant. En cas de perte, émettez un nouveau code.</p>
${p.letter}`;
}

/** Why batch letters are not offered without the bot's username, and how to fix it. */
const noBotName = html`<div class="note" role="alert"><p><strong>Les lettres en lot ne sont pas proposées : le nom du robot Telegram n’est pas connu</strong>, donc une lettre n’aurait ni lien ni code QR à scanner.</p>
<p>Pour y remédier, indiquez dans la configuration du service <code>TELEGRAM_BOT_USERNAME</code> (le nom du robot, sans @), ou <code>TELEGRAM_BOT_TOKEN</code> (le nom est alors demandé à Telegram au démarrage), puis redémarrez le service. En attendant, la fiche de chaque famille émet une lettre par responsable.</p></div>`;

/** The batch's choice (every family not activated, or those of an import's day); without the bot's username, why it is not offered. */
export function batchChoicePage(p: { botKnown: boolean; waiting: number; unused: number; date: IsoDate; maxLetters: number; csrf: string }): Html {
  return html`<h1>Lettres d’activation en lot</h1>
<p>Un seul document à imprimer, une lettre par page : pour chaque responsable, un nouveau code d’activation, le lien Telegram et son code QR. Les responsables qui ont une adresse reçoivent aussi l’email de bienvenue. ${p.waiting} responsable(s) n’ont encore reçu aucun code, ${p.unused} n’ont pas encore utilisé le leur.</p>
${
  p.botKnown
    ? html`<form method="post" action="/familles/lettres">
${csrfField(p.csrf)}
<fieldset><legend>Pour quelles familles ?</legend>
<p><input type="radio" id="choix-non-activees" name="choix" value="non_activees" checked> <label for="choix-non-activees">Toutes les familles pas encore activées</label></p>
<p><input type="radio" id="choix-jour" name="choix" value="jour"> <label for="choix-jour">Les familles créées ou mises à jour (par un import ou à la main) le :</label></p>
<p><label for="jour" class="visually-hidden">Jour de l’import</label><input type="date" id="jour" name="jour" value="${p.date}"></p>
</fieldset>
<p><input type="checkbox" id="deja" name="deja" value="oui"> <label for="deja">Y compris les responsables qui ont déjà reçu un code sans l’utiliser (leur ancien code cesse de marcher)</label></p>
<p class="muted">${p.maxLetters} lettres au plus par document : imprimez-le, puis recommencez pour les suivantes.</p>
<div class="actions"><button type="submit">Émettre les codes et préparer les lettres</button> <a href="/familles">Retour aux familles</a></div>
</form>`
    : noBotName
}`;
}

/** The batch's document: its letters, one a page. */
export function batchLettersPage(letters: Html[]): Html {
  return html`<p class="actions no-print"><button type="button" data-print>Imprimer les ${letters.length} lettres</button> <a href="/familles/lettres">Autre lot</a></p>
<p class="note no-print">Ces codes ne sont affichés qu’une fois (seule leur empreinte est gardée) : imprimez maintenant. En cas de perte, émettez un nouveau code depuis la fiche de la famille.</p>
<div class="letters">${letters}</div>`;
}
