/** Parts of the day's pages (headcounts, kitchen, roll calls): data in, HTML out. */
import type { ExtraClosure } from '../../core/calendar.js';
import type { Town } from '../../core/town.js';
import { longDate, serviceLabel } from '../format.js';
import { html, type Html } from '../html.js';

/** A PAI as the kitchen and the staff must read it: the allergies and what to do. */
export function paiText(r: { paiAllergens: string | null; paiProtocol: string | null }): Html {
  return html`<strong>PAI</strong>${r.paiAllergens ? html` — allergies : <strong>${r.paiAllergens}</strong>` : ''}${r.paiProtocol ? html`<br><span class="muted">Protocole :</span> ${r.paiProtocol}` : ''}`;
}

/** The closed days of a period with their reasons, as every headcount page shows them. */
export function closedDaysNote(town: Town, closures: ExtraClosure[]): Html {
  return closures.length === 0
    ? html``
    : html`<ul class="closed-days">${closures.map((c) => html`<li><strong>Fermé</strong> ${longDate(c.date)} — ${c.serviceCode ? serviceLabel(town, c.serviceCode) : 'tous les services'} — motif : ${c.reason}</li>`)}</ul>`;
}
