/**
 * The waiting lists page as a function of its data: one list in full, or
 * the week's lists each cut to its first places, with the button that
 * gives a waiting child the place (beyond capacity when ticked).
 */
import type { HeadcountRow } from '../../core/bookings/countHeadcount.js';
import { dayKey } from '../../core/model.js';
import { addDays, type IsoDate } from '../../core/time.js';
import type { Town } from '../../core/town.js';
import { instantFr, longDate, serviceLabel, shortDate } from '../format.js';
import { html } from '../html.js';
import { csrfField, type PageView } from '../layout.js';
import type { WaitingRow } from '../queries/day.js';

export interface WaitingListInput {
  /** The day asked for. */
  date: IsoDate;
  /** The one service shown in full, or null for the week's lists. */
  only: string | null;
  /** The first day shown (the day itself, or the week's Monday). */
  from: IsoDate;
  rows: WaitingRow[];
  /** The headcount of the days shown, by `dayKey`. */
  counts: Map<string, HeadcountRow>;
  csrf: string;
}

/** The waiting lists of a week (or one list in full). */
export function waitingListPage(town: Town, p: WaitingListInput): PageView {
  const { date, only, from, rows, counts, csrf } = p;
  const groups = [...new Set(rows.map((r) => dayKey(r.serviceCode, r.date)))];
  const back = only ? `/attente?date=${date}&service=${only}` : `/attente?date=${date}`;
  const title = only ? `Liste d’attente — ${serviceLabel(town, only)} — ${longDate(date)}` : `Listes d’attente — semaine du ${longDate(from)}`;
  return {
    title: 'Listes d’attente',
    body: html`<h1>${title}</h1>
${
  only
    ? html`<p class="actions no-print"><a href="/attente?date=${date}">← Toutes les listes de la semaine</a></p>`
    : html`<p class="actions no-print"><a href="/attente?date=${addDays(from, -7)}">← Semaine précédente</a> · <a href="/attente?date=${addDays(from, 7)}">Semaine suivante →</a></p>
<form method="get" action="/attente" class="actions no-print"><label for="date" class="visually-hidden">Semaine du jour</label><input type="date" id="date" name="date" value="${date}"><button type="submit" class="secondary">Voir cette semaine</button></form>`
}
<p>Une place libérée par une annulation revient d’elle-même au premier de la liste tant que le délai de réservation court ; après, c’est à vous de décider. La famille est prévenue dans les deux cas.</p>
${groups.length === 0 ? html`<p>Aucune liste d’attente ${only ? 'ce jour-là' : 'cette semaine'}.</p>` : ''}
${groups.map((key) => {
  const list = rows.filter((r) => dayKey(r.serviceCode, r.date) === key);
  const first = list[0]!;
  const total = first.total;
  const count = counts.get(key);
  const full = count ? count.booked >= count.capacity : false;
  const id = `h-${key.replace('|', '-')}`;
  return html`<section aria-labelledby="${id}"><h2 id="${id}">${serviceLabel(town, first.serviceCode)} — ${longDate(first.date)}</h2>
<p>${count ? `${count.booked} inscrit(s) pour ${count.capacity} places${full ? ' : complet' : ''} ; ` : ''}${total} en attente.</p>
<div class="table-wrap"><table><caption class="visually-hidden">Liste d’attente, ${serviceLabel(town, first.serviceCode)}, ${shortDate(first.date)}</caption>
<thead><tr><th scope="col" class="num">Rang</th><th scope="col">Enfant</th><th scope="col">Classe</th><th scope="col">Inscrit en attente le</th><th scope="col" class="no-print">Action</th></tr></thead>
<tbody>${list.map(
    (r) => html`<tr><td class="num">${r.rank}</td><td><a href="/familles/${r.familyId}">${r.firstName} ${r.lastName}</a> <span class="muted">${r.reference}</span></td><td>${r.school}, ${r.className}</td><td>${instantFr(r.since, town)}</td>
<td class="no-print"><form method="post" action="/attente/promouvoir" class="inline">${csrfField(csrf)}<input type="hidden" name="enfant" value="${r.childId}"><input type="hidden" name="service" value="${r.serviceCode}"><input type="hidden" name="date" value="${r.date}"><input type="hidden" name="retour" value="${back}">
${full ? html`<label class="check"><input type="checkbox" name="depasser" value="1"> au-delà de la capacité</label>` : ''}<button type="submit" class="small">Donner la place<span class="visually-hidden"> à ${r.firstName} ${r.lastName}</span></button></form></td></tr>`,
  )}</tbody></table></div>
${total > list.length ? html`<p><a href="/attente?date=${first.date}&amp;service=${first.serviceCode}">Toute la liste (${total})</a></p>` : ''}</section>`;
})}`,
  };
}
