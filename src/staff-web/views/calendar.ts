/**
 * The calendar page as a function of its data: the school year, holidays
 * and public holidays of the town's file, the extra closures (the file's
 * and the staff's), and for administrateurs the forms that close or
 * reopen a day.
 */
import type { IsoDate } from '../../core/time.js';
import type { Town } from '../../core/town.js';
import { instantFr, longDate, serviceLabel } from '../format.js';
import { html } from '../html.js';
import { csrfField, type PageView } from '../layout.js';

/** A closure staff added (queries/closures.ts). */
export interface StaffClosureRow {
  date: string;
  serviceCode: string | null;
  reason: string;
  createdBy: string;
  createdAt: Date;
}

/** The calendar; `admin`: the staff member may close and reopen days. */
export function calendarPage(town: Town, p: { closures: StaffClosureRow[]; admin: boolean; csrf: string }): PageView {
  const cal = town.config.calendar;
  const { closures, admin, csrf } = p;
  const scope = (code: string | null) => (code ? serviceLabel(town, code) : 'Tous les services');
  return {
    title: 'Calendrier',
    body: html`<h1>Calendrier ${cal.schoolYear}</h1>
<p>Année scolaire du ${longDate(cal.firstDay)} au ${longDate(cal.lastDay)} (zone ${cal.zone}, académie de ${cal.academie}). Les vacances, jours fériés et ponts viennent du fichier de configuration de la commune ; les fermetures exceptionnelles s’ajoutent ici.</p>

<h2>Fermer un jour</h2>
${admin ? '' : html`<p class="note">Fermer ou rouvrir un jour est réservé aux administrateurs.</p>`}
${admin ? html`<form method="post" action="/calendrier/fermetures" class="no-print">
${csrfField(csrf)}
<div class="grid"><div><label for="date">Jour</label><input type="date" id="date" name="date" required min="${cal.firstDay}" max="${cal.lastDay}"></div>
<div><label for="service">Service</label><select id="service" name="service"><option value="">Tous les services</option>${town.serviceList.map((s) => html`<option value="${s.code}">${s.label}</option>`)}</select></div>
<div><label for="motif">Motif (dit aux familles)</label><input type="text" id="motif" name="motif" required maxlength="200" placeholder="grève, formation…"></div></div>
<p class="note">Toutes les réservations et places en liste d’attente de ce jour (pour ce service) sont annulées, quels que soient les délais, et chaque famille concernée en est prévenue.</p>
<div class="actions"><button type="submit" class="danger" data-confirm="Fermer ce jour et annuler toutes ses réservations ?">Fermer ce jour</button></div>
</form>` : ''}

<h2>Fermetures exceptionnelles</h2>
${
  closures.length === 0 && cal.closures.length === 0
    ? html`<p>Aucune fermeture exceptionnelle.</p>`
    : html`<div class="table-wrap"><table><caption class="visually-hidden">Fermetures exceptionnelles</caption>
<thead><tr><th scope="col">Jour</th><th scope="col">Service</th><th scope="col">Motif</th><th scope="col">Ajoutée par</th><th scope="col" class="no-print">Action</th></tr></thead>
<tbody>${cal.closures.map((c) => html`<tr><td>${longDate(c.date)}</td><td>${scope(c.serviceCode)}</td><td>${c.reason}</td><td>fichier de configuration</td><td class="no-print muted">à changer dans le fichier</td></tr>`)}
${closures.map(
  (c) => html`<tr><td>${longDate(c.date as IsoDate)}</td><td>${scope(c.serviceCode)}</td><td>${c.reason}</td><td>${c.createdBy}, le ${instantFr(c.createdAt, town)}</td>
<td class="no-print">${admin ? html`<form method="post" action="/calendrier/fermetures/supprimer" class="inline">${csrfField(csrf)}<input type="hidden" name="date" value="${c.date}"><input type="hidden" name="service" value="${c.serviceCode ?? ''}">
<button type="submit" class="small secondary" data-confirm="Rouvrir ce jour ? Les réservations annulées ne sont pas rétablies.">Rouvrir<span class="visually-hidden"> le ${longDate(c.date as IsoDate)}</span></button></form>` : ''}</td></tr>`,
)}</tbody></table></div>`
}

<h2>Vacances scolaires</h2>
<div class="table-wrap"><table><caption class="visually-hidden">Vacances scolaires</caption><thead><tr><th scope="col">Période</th><th scope="col">Du</th><th scope="col">Au (inclus)</th></tr></thead>
<tbody>${cal.holidays.map((h) => html`<tr><th scope="row">${h.name}</th><td>${longDate(h.from)}</td><td>${longDate(h.to)}</td></tr>`)}</tbody></table></div>

<h2>Jours fériés et ponts</h2>
<div class="table-wrap"><table><caption class="visually-hidden">Jours fériés et ponts</caption><thead><tr><th scope="col">Jour</th><th scope="col">Nom</th></tr></thead>
<tbody>${[...cal.publicHolidays.map((h) => ({ ...h, bridge: false })), ...cal.bridges.map((b) => ({ ...b, bridge: true }))]
        .sort((a, b) => (a.date < b.date ? -1 : 1))
        .map((h) => html`<tr><td>${longDate(h.date)}</td><td>${h.name}${h.bridge ? ' (pont)' : ''}</td></tr>`)}</tbody></table></div>`,
  };
}
