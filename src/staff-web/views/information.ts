/** The town's information page as a function of the town file: what the assistant tells parents (prices, hours, the CCAS, links). */
import { catalogue } from '../../core/replies/catalogue.js';
import type { Town } from '../../core/town.js';
import { html, type Html } from '../html.js';

export function informationPage(town: Town): Html {
  const info = town.config.information;
  const words = catalogue('fr');
  const link = (url: string | null | undefined) => (url ? html`<a href="${url}">${url}</a>` : html`<em>non renseigné</em>`);
  return info
    ? html`<h1>Informations données aux familles</h1>
<p>Ce que l’assistant répond aux questions des parents (tarifs, horaires, menus, règlement, contact). Ces informations se modifient dans le fichier de la commune (<code>config/town.json</code>, section <code>information</code>).</p>
${info.notes?.length ? html`<p class="flash">${info.notes.join(' ')}</p>` : ''}
<table><caption>Services</caption><thead><tr><th scope="col">Service</th><th scope="col">Tarif</th><th scope="col">Horaires</th></tr></thead><tbody>
${town.serviceList.map((s) => {
  const f = info.services.find((i) => i.code === s.code);
  return html`<tr><th scope="row">${s.label}</th><td>${f?.price ? words.info.price(f.price) : 'non renseigné'}</td><td>${f?.hours ? words.info.openHours(f.hours, s.weekdays) : 'non renseigné'}</td></tr>`;
})}
</tbody></table>
${info.priceNote ? html`<p>${info.priceNote.fr}</p>` : ''}
<h2>CCAS</h2>
<dl><dt>Nom</dt><dd>${info.ccas.name}</dd><dt>Adresse</dt><dd>${info.ccas.address}</dd><dt>Téléphone</dt><dd>${info.ccas.phone}</dd>
<dt>Email</dt><dd>${info.ccas.email ?? 'non renseigné'}</dd><dt>Accueil</dt><dd>${info.ccas.hours.fr}</dd></dl>
<h2>Liens</h2>
<dl><dt>Règlement intérieur</dt><dd>${link(info.rulesUrl)}</dd><dt>Menus</dt><dd>${link(info.menusUrl)}</dd></dl>`
    : html`<h1>Informations données aux familles</h1><p>Le fichier de la commune n’a pas de section <code>information</code> : l’assistant répond aux questions en donnant le contact du CCAS.</p>`;
}
