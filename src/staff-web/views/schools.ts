/** The schools page as a function of its data: the list staff keep, the spellings children's records have, and the form to change the list. */
import { html, type Html } from '../html.js';
import { csrfField } from '../layout.js';
import { compareNames, foldName } from '../schoolOrder.js';

/** `used`: each school name as written in children's records, with its number of children; `admin`: may change the list. */
export function schoolsPage(p: { list: string[]; used: { school: string; children: number }[]; admin: boolean; csrf: string }): Html {
  const { list, admin } = p;
  const known = new Set(list.map(foldName));
  const used = [...p.used];
  return html`<h1>Écoles</h1>
${list.length === 0 ? html`<p class="note">Aucune liste d’écoles n’est encore tenue : ajoutez-en une ci-dessous pour que les imports signalent les noms inconnus.</p>` : html`<ul class="cards">${list.map((s) => html`<li>${s}</li>`)}</ul>`}
<h2>Noms d’école dans les dossiers des enfants</h2>
<div class="table-wrap"><table><caption class="visually-hidden">Écoles des enfants</caption><thead><tr><th scope="col">École (telle qu’écrite)</th><th scope="col" class="num">Enfants</th><th scope="col">Dans la liste</th></tr></thead>
<tbody>${used
        .sort((a, b) => compareNames(a.school, b.school))
        .map((u) => html`<tr><td>${u.school}</td><td class="num">${u.children}</td><td>${known.has(foldName(u.school)) ? 'oui' : html`<strong class="state-absent">non : à corriger ou à ajouter</strong>`}</td></tr>`)}</tbody></table></div>
${admin ? html`<h2>Modifier la liste</h2><form method="post" action="/ecoles">${csrfField(p.csrf)}<label for="ecoles">Une école par ligne</label><textarea id="ecoles" name="ecoles" rows="8">${list.join('\n')}</textarea><div class="actions"><button type="submit">Enregistrer</button></div></form>` : ''}`;
}
