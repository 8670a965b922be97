/**
 * The bookings part of a family's page, as a function of its data: the
 * month as a calendar (closed days with their reason), the month's
 * absences with the buttons that decide them, and the form staff book,
 * cancel or report an absence with. The route loads the month's rows.
 */
import type { SchoolCalendar } from '../../core/calendar.js';
import type { BookingListRow, FamilyRecord } from '../../core/ports.js';
import { addDays, type IsoDate } from '../../core/time.js';
import type { Town } from '../../core/town.js';
import { addMonths, justifiedLabel, longDate, monthName, mondayOf, serviceShort, shortDate, stateLabel } from '../format.js';
import { html, type Html } from '../html.js';
import { csrfField } from '../layout.js';
import { closedDayText } from '../reasons.js';

const WEEKDAYS = ['Lundi', 'Mardi', 'Mercredi', 'Jeudi', 'Vendredi'];

export interface BookingMonth {
  month: string;
  from: IsoDate;
  to: IsoDate;
  /** The family's bookings of the month, cancelled ones left out. */
  rows: BookingListRow[];
  /** The school calendar with the month's closures. */
  calendar: SchoolCalendar;
  /** The day the form's dates start on (the working day). */
  day: IsoDate;
}

/** The booking form, the month calendar and the month's absences of a family's page. */
export function bookingSection(town: Town, family: FamilyRecord, m: BookingMonth, csrf: string): Html {
  const { month, from, to, rows, calendar, day } = m;
  const single = family.children.length === 1;

  const form =
    family.children.length === 0
      ? html`<p>Ajoutez d’abord un enfant à la famille.</p>`
      : html`<form method="post" action="/familles/${family.id}/reservations" class="no-print">
${csrfField(csrf)}
<fieldset><legend>Enfants</legend>${family.children.map((c) => html`<label class="check"><input type="checkbox" name="enfant" value="${c.id}"${single ? html` checked` : ''}> ${c.firstName}</label>`)}</fieldset>
<fieldset><legend>Services</legend>${town.serviceList.map((s) => html`<label class="check"><input type="checkbox" name="service" value="${s.code}"> ${s.label}</label>`)}</fieldset>
<fieldset><legend>Jours</legend>
<div class="grid"><div><label for="du">Du</label><input type="date" id="du" name="du" value="${day}" required></div><div><label for="au">Au (inclus)</label><input type="date" id="au" name="au" value="${day}" required></div></div>
<p>${WEEKDAYS.map((w, i) => html`<label class="check"><input type="checkbox" name="jour" value="${i + 1}" checked> ${w}</label>`)}</p></fieldset>
<fieldset><legend>Action</legend>
<label class="check"><input type="radio" name="action" value="reserver" checked> Réserver</label>
<label class="check"><input type="radio" name="action" value="annuler"> Annuler</label>
<label class="check"><input type="radio" name="action" value="absence"> Signaler une absence</label>
<label for="motif">Motif (d’une absence, ou d’une annulation : dit à la famille)</label><input type="text" id="motif" name="motif" maxlength="200">
<p><label class="check"><input type="checkbox" name="derogation" value="1"> Passer outre le délai de réservation ou d’annulation (dérogation, notée dans l’activité)</label></p></fieldset>
<div class="actions"><button type="submit">Appliquer</button></div>
</form>`;

  // The month, Monday to Friday, week by week.
  const childName = (id: number) => family.children.find((c) => c.id === id)?.firstName ?? '?';
  const weeks: IsoDate[][] = [];
  for (let monday = mondayOf(from); monday <= to; monday = addDays(monday, 7)) weeks.push([0, 1, 2, 3, 4].map((i) => addDays(monday, i)));
  const cell = (date: IsoDate) => {
    if (date < from || date > to) return html`<td class="off"></td>`;
    const open = town.serviceList.some((s) => calendar.runs(s, date));
    const status = open ? null : calendar.status(town.serviceList[0]!, date);
    const why = status && !status.open ? closedDayText(status.reason) : '';
    const day = rows.filter((r) => r.date === date);
    return html`<td class="${open ? '' : 'off'}"><span class="day">${Number(date.slice(8))}</span>${why ? html` <span class="muted">${why}</span>` : ''}
${day.length ? html`<ul>${day.map((r) => html`<li class="state-${r.state}">${single ? '' : `${childName(r.childId)} : `}${serviceShort(town, r.serviceCode)}${r.state !== 'booked' ? ` — ${stateLabel(r.state, r.absenceJustified)}` : ''}</li>`)}</ul>` : ''}</td>`;
  };
  const cal = html`<div class="table-wrap"><table class="cal"><caption>Réservations de ${monthName(month)}</caption>
<thead><tr>${WEEKDAYS.map((w) => html`<th scope="col">${w}</th>`)}</tr></thead>
<tbody>${weeks.map((w) => html`<tr>${w.map(cell)}</tr>`)}</tbody></table></div>`;

  const absences = rows.filter((r) => r.state === 'absent');
  const absencesTable = absences.length
    ? html`<div class="table-wrap"><table><caption>Absences de ${monthName(month)}</caption>
<thead><tr><th scope="col">Jour</th><th scope="col">Enfant</th><th scope="col">Service</th><th scope="col">Motif</th><th scope="col">Justification</th><th scope="col" class="no-print">Décider</th></tr></thead>
<tbody>${absences.map(
        (a) => html`<tr><td>${shortDate(a.date)}</td><td>${a.firstName}</td><td>${serviceShort(town, a.serviceCode)}</td><td>${a.absenceReason ?? ''}</td><td>${justifiedLabel(a.absenceJustified)}</td>
<td class="no-print"><form method="post" action="/familles/${family.id}/absences" class="inline">${csrfField(csrf)}<input type="hidden" name="enfant" value="${a.childId}"><input type="hidden" name="service" value="${a.serviceCode}"><input type="hidden" name="date" value="${a.date}"><input type="hidden" name="mois" value="${month}">
<button type="submit" name="justifiee" value="oui" class="small secondary">Justifiée<span class="visually-hidden"> : ${a.firstName}, ${longDate(a.date)}</span></button>
<button type="submit" name="justifiee" value="non" class="small secondary">Non justifiée<span class="visually-hidden"> : ${a.firstName}, ${longDate(a.date)}</span></button>
<button type="submit" name="justifiee" value="" class="small secondary">À décider<span class="visually-hidden"> : ${a.firstName}, ${longDate(a.date)}</span></button></form></td></tr>`,
      )}</tbody></table></div>`
    : html`<p>Aucune absence ce mois-ci.</p>`;

  return html`<h2 id="calendrier">Réservations</h2>
<p class="actions no-print"><a href="/familles/${family.id}?mois=${addMonths(month, -1)}#calendrier">← ${monthName(addMonths(month, -1))}</a> · <a href="/familles/${family.id}?mois=${addMonths(month, 1)}#calendrier">${monthName(addMonths(month, 1))} →</a></p>
${cal}
<h2>Absences</h2>
${absencesTable}
<h2>Réserver, annuler, signaler une absence</h2>
${form}`;
}
