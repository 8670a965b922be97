/**
 * The headcount pages as functions of their data: the home page (today,
 * tomorrow, the kitchen's numbers, the week), the month, a day in detail
 * (by school and class), and their CSV exports. The route loads the rows
 * (src/core countHeadcount, queries/day.ts) and the dates; nothing here
 * reads the clock or the database.
 */
import type { HeadcountRow } from '../../core/bookings/countHeadcount.js';
import type { ExtraClosure } from '../../core/calendar.js';
import { addDays, type IsoDate } from '../../core/time.js';
import type { Town } from '../../core/town.js';
import { toCsv } from '../csv.js';
import { addMonths, capitalize, longDate, mealLabel, MEAL_LABELS, monthName, numericDate, serviceLabel, serviceShort, shortDate } from '../format.js';
import { html, type Html } from '../html.js';
import type { PageView } from '../layout.js';
import type { FamilyToCall } from '../queries/reach.js';
import type { RollCallRow } from '../queries/day.js';
import { closedDaysNote, paiText } from './dayParts.js';
import { toCallSection } from './notices.js';

/** One service's meals of a day (by meal type and state) and its children with a PAI. */
export interface KitchenService {
  code: string;
  meals: { mealType: string; state: string; count: number }[];
  pai: RollCallRow[];
}

/** What the kitchen needs for a day: the services serving a meal that run that day (none: no meal). */
export interface KitchenDay {
  date: IsoDate;
  services: KitchenService[];
}

/** The meal types a list shows: the known ones first, then any other the rows hold. */
const mealTypes = (rows: readonly { mealType: string }[]) => [...new Set([...Object.keys(MEAL_LABELS), ...rows.map((m) => m.mealType)])];

/** One day's table: a row per service running. */
export function dayTable(town: Town, date: IsoDate, rows: HeadcountRow[], caption: string): Html {
  const day = rows.filter((r) => r.date === date);
  if (day.length === 0) return html`<p>Aucun service ce jour-là.</p>`;
  return html`<div class="table-wrap"><table>
<caption>${caption}</caption>
<thead><tr><th scope="col">Service</th><th scope="col" class="num">Inscrits</th><th scope="col" class="num">Capacité</th><th scope="col" class="num">dont absents</th><th scope="col" class="num">Liste d’attente</th><th scope="col" class="no-print">Listes</th></tr></thead>
<tbody>${day.map(
    (r) => html`<tr${r.booked >= r.capacity ? html` class="full"` : ''}><th scope="row">${serviceLabel(town, r.serviceCode)}</th><td class="num">${r.booked}</td><td class="num">${r.capacity}</td><td class="num">${r.absent}</td><td class="num">${r.waiting > 0 ? html`<a href="/attente?date=${date}">${r.waiting}</a>` : '0'}</td>
<td class="no-print"><a href="/appel/${r.serviceCode}/${date}">Liste d’appel<span class="visually-hidden"> ${serviceLabel(town, r.serviceCode)} ${longDate(date)}</span></a> · <a href="/appel/${r.serviceCode}/${date}.csv">CSV<span class="visually-hidden"> ${serviceLabel(town, r.serviceCode)} ${longDate(date)}</span></a></td></tr>`,
  )}</tbody></table></div>`;
}

/** The kitchen's part of a day: meals by type for each service that serves one, and the children with a PAI by name. */
export function kitchenSection(town: Town, k: KitchenDay): Html {
  const { date } = k;
  if (k.services.length === 0) return html`<p>Pas de repas le ${longDate(date)}.</p>`;
  return html`${k.services.map(({ code, meals, pai }) => {
    const of = (type: string, state: string) => meals.filter((m) => m.mealType === type && m.state === state).reduce((a, m) => a + m.count, 0);
    const total = (state: string) => meals.filter((m) => m.state === state).reduce((a, m) => a + m.count, 0);
    return html`<div class="table-wrap"><table>
<caption>Repas — ${serviceShort(town, code)} — ${longDate(date)}</caption>
<thead><tr><th scope="col">Régime</th><th scope="col" class="num">Repas à préparer</th><th scope="col" class="num">Absents signalés</th></tr></thead>
<tbody>${mealTypes(meals).map((t) => html`<tr><th scope="row">${mealLabel(t)}</th><td class="num">${of(t, 'booked')}</td><td class="num">${of(t, 'absent')}</td></tr>`)}
<tr><th scope="row">Total</th><td class="num"><strong>${total('booked')}</strong></td><td class="num">${total('absent')}</td></tr></tbody></table></div>
${
  pai.length === 0
    ? html`<p>Aucun enfant avec un PAI inscrit (${serviceShort(town, code).toLowerCase()}).</p>`
    : html`<div class="table-wrap"><table><caption>Enfants avec un PAI (allergie ou régime médical) — ${serviceShort(town, code)} — ${longDate(date)}</caption>
<thead><tr><th scope="col">Enfant</th><th scope="col">École, classe</th><th scope="col">Régime</th><th scope="col">Allergies et protocole</th><th scope="col">Présence</th></tr></thead>
<tbody>${pai.map((c) => html`<tr><td><a href="/familles/${c.familyId}">${c.firstName} ${c.lastName}</a></td><td>${c.school}, ${c.className}</td><td>${mealLabel(c.mealType)}</td><td>${paiText(c)}</td><td>${c.state === 'absent' ? 'absent signalé' : 'inscrit'}</td></tr>`)}</tbody></table></div>`
}`;
  })}`;
}

/**
 * The month's occupancy per service against capacity, read at a glance:
 * one bar per day (the share of places taken, red when full), the same
 * on paper (plain HTML and CSS classes in steps of 5 %, as the CSP allows no inline style).
 */
export function occupancyChart(town: Town, rows: HeadcountRow[]): Html {
  const services = town.serviceList.filter((s) => rows.some((r) => r.serviceCode === s.code));
  if (services.length === 0) return html``;
  return html`${services.map((s) => {
    const days = rows.filter((r) => r.serviceCode === s.code);
    const avg = Math.round((days.reduce((a, r) => a + r.booked / Math.max(1, r.capacity), 0) / days.length) * 100);
    const full = days.filter((r) => r.booked >= r.capacity).length;
    return html`<figure class="occupancy"><figcaption><strong>${serviceShort(town, s.code)}</strong> — ${avg} % des places prises en moyenne${full ? `, complet ${full} jour${full > 1 ? 's' : ''}` : ''}</figcaption>
<ul class="bars">${days.map((r) => {
      const pct = Math.min(100, Math.round((r.booked / Math.max(1, r.capacity)) * 100));
      return html`<li><span class="day">${shortDate(r.date)}</span><span class="bar${r.booked >= r.capacity ? ' over' : ''}" role="img" aria-label="${r.booked} inscrits sur ${r.capacity} places"><span class="w${Math.round(pct / 5) * 5}"></span></span><span class="num">${r.booked} / ${r.capacity}</span></li>`;
    })}</ul></figure>`;
  })}`;
}

/** Days × services: "inscrits / capacité" and the waiting list. */
export function rangeTable(town: Town, rows: HeadcountRow[], caption: string): Html {
  const dates = [...new Set(rows.map((r) => r.date))];
  const services = town.serviceList.filter((s) => rows.some((r) => r.serviceCode === s.code));
  if (dates.length === 0) return html`<p>Aucun service sur cette période.</p>`;
  const cell = (date: IsoDate, code: string) => {
    const r = rows.find((x) => x.date === date && x.serviceCode === code);
    if (!r) return html`<td class="num muted">—</td>`;
    return html`<td class="num${r.booked >= r.capacity ? ' full' : ''}">${r.booked} / ${r.capacity}${r.absent ? html` <span class="muted">(${r.absent} abs.)</span>` : ''}${r.waiting ? html` <span class="state-waiting">+${r.waiting} en attente</span>` : ''}</td>`;
  };
  return html`<div class="table-wrap"><table>
<caption>${caption}</caption>
<thead><tr><th scope="col">Jour</th>${services.map((s) => html`<th scope="col" class="num">${serviceShort(town, s.code)}</th>`)}</tr></thead>
<tbody>${dates.map((d) => html`<tr><th scope="row"><a href="/jour/${d}">${capitalize(shortDate(d))}</a></th>${services.map((s) => cell(d, s.code))}</tr>`)}</tbody>
</table></div>`;
}

const dayPicker = (date: IsoDate) => html`<form method="get" action="/jour" class="actions no-print">
<label for="date-picker" class="visually-hidden">Voir un autre jour</label>
<input type="date" id="date-picker" name="date" value="${date}"><button type="submit" class="secondary">Voir ce jour</button></form>`;

export interface HomeInput {
  today: IsoDate;
  tomorrow: IsoDate;
  /** Today is a Saturday or a Sunday: the week shown is the coming one. */
  weekend: boolean;
  monday: IsoDate;
  /** The headcount of the week shown, and of the three weeks from today. */
  week: HeadcountRow[];
  near: HeadcountRow[];
  /** The next day with a service, shown when neither today nor tomorrow has one. */
  next: IsoDate | null;
  closures: ExtraClosure[];
  kitchens: { today: KitchenDay; tomorrow: KitchenDay; next: KitchenDay | null };
}

/** The home page: today, tomorrow (or the next day with a service), the kitchen, the week. */
export function homePage(town: Town, p: HomeInput): PageView {
  const { today, tomorrow, monday, next, near } = p;
  return {
    title: 'Effectifs',
    body: html`<h1>Effectifs</h1>
${dayPicker(today)}
${closedDaysNote(town, p.closures)}
<div class="grid wide">
<section aria-labelledby="aujourdhui"><h2 id="aujourdhui">Aujourd’hui — ${longDate(today)}</h2>${dayTable(town, today, near, `Effectifs d’aujourd’hui`)}<p><a href="/jour/${today}">Détail par école et par classe</a></p></section>
<section aria-labelledby="demain"><h2 id="demain">Demain — ${longDate(tomorrow)}</h2>${dayTable(town, tomorrow, near, `Effectifs de demain`)}<p><a href="/jour/${tomorrow}">Détail par école et par classe</a></p></section>
${next ? html`<section aria-labelledby="prochain"><h2 id="prochain">Prochain jour de service — ${longDate(next)}</h2>${dayTable(town, next, near, 'Effectifs du prochain jour de service')}<p><a href="/jour/${next}">Détail par école et par classe</a></p></section>` : ''}
</div>
<h2>Cuisine</h2>
<div class="grid wide"><section aria-label="Cuisine aujourd’hui">${kitchenSection(town, p.kitchens.today)}</section><section aria-label="Cuisine demain">${kitchenSection(town, p.kitchens.tomorrow)}</section>${p.kitchens.next ? html`<section aria-label="Cuisine du prochain jour de service">${kitchenSection(town, p.kitchens.next)}</section>` : ''}</div>
<h2>${p.weekend ? 'Semaine prochaine, du' : 'Semaine du'} ${longDate(monday)}</h2>
${rangeTable(town, p.week, 'Inscrits / capacité par jour et par service')}
<p class="actions no-print"><a href="/effectifs?mois=${monday.slice(0, 7)}">Tout le mois de ${monthName(monday.slice(0, 7))}</a> · <a href="/effectifs.csv?du=${monday}&amp;au=${addDays(monday, 6)}">Télécharger la semaine (CSV)</a> · <a href="/cuisine.csv?du=${monday}&amp;au=${addDays(monday, 6)}">Prévisions de la cuisine par régime (CSV)</a></p>`,
  };
}

/** The month: its occupancy chart, days × services, and the month's totals per service. */
export function monthPage(town: Town, p: { month: string; from: IsoDate; to: IsoDate; rows: HeadcountRow[]; closures: ExtraClosure[] }): PageView {
  const { month, from, to, rows } = p;
  const totals = town.serviceList.map((s) => {
    const of = rows.filter((r) => r.serviceCode === s.code);
    return { code: s.code, days: of.length, booked: of.reduce((a, r) => a + r.booked, 0), absent: of.reduce((a, r) => a + r.absent, 0) };
  });
  return {
    title: `Effectifs de ${monthName(month)}`,
    body: html`<h1>Effectifs de ${monthName(month)}</h1>
<p class="actions no-print"><a href="/effectifs?mois=${addMonths(month, -1)}">← ${monthName(addMonths(month, -1))}</a> · <a href="/effectifs?mois=${addMonths(month, 1)}">${monthName(addMonths(month, 1))} →</a> · <a href="/effectifs.csv?du=${from}&amp;au=${to}">Télécharger le mois (CSV)</a> · <button type="button" class="secondary small" data-print>Imprimer</button></p>
${closedDaysNote(town, p.closures)}
<h2>Occupation par service</h2>
${occupancyChart(town, rows)}
${rangeTable(town, rows, `Inscrits / capacité par jour et par service, ${monthName(month)}`)}
<h2>Sur le mois</h2>
<div class="table-wrap"><table><thead><tr><th scope="col">Service</th><th scope="col" class="num">Jours de service</th><th scope="col" class="num">Places prises</th><th scope="col" class="num">dont absences</th></tr></thead>
<tbody>${totals.map((t) => html`<tr><th scope="row">${serviceLabel(town, t.code)}</th><td class="num">${t.days}</td><td class="num">${t.booked}</td><td class="num">${t.absent}</td></tr>`)}</tbody></table></div>`,
  };
}

export interface DayInput {
  date: IsoDate;
  rows: HeadcountRow[];
  /** Children per service, school, class and state (queries/day.ts `classCounts`). */
  byClass: { serviceCode: string; school: string; className: string; state: string; count: number }[];
  closures: ExtraClosure[];
  toCall: FamilyToCall[];
  /** The supervision section (views/supervision.ts). */
  supervision: Html;
  kitchen: KitchenDay;
}

/** A day in detail: per service, the families to call, supervision, by school and class, the kitchen. */
export function dayPage(town: Town, p: DayInput): PageView {
  const { date, rows, byClass } = p;
  const running = rows.map((r) => r.serviceCode);
  const collator = new Intl.Collator('fr', { numeric: true });
  const classes = [...new Map(byClass.map((r) => [`${r.school}|${r.className}`, { school: r.school, className: r.className }])).values()].sort(
    (a, b) => collator.compare(a.school, b.school) || collator.compare(a.className, b.className),
  );
  const of = (school: string, className: string, code: string, state: string) =>
    byClass.find((r) => r.school === school && r.className === className && r.serviceCode === code && r.state === state)?.count ?? 0;
  const classTable =
    classes.length === 0
      ? html`<p>Aucun enfant inscrit ce jour-là.</p>`
      : html`<div class="table-wrap"><table><caption>Inscrits par école et par classe (dont absents signalés)</caption>
<thead><tr><th scope="col">École</th><th scope="col">Classe</th>${running.map((c) => html`<th scope="col" class="num">${serviceShort(town, c)}</th>`)}</tr></thead>
<tbody>${classes.map(
          (k) => html`<tr><td>${k.school}</td><th scope="row">${k.className}</th>${running.map((c) => {
            const booked = of(k.school, k.className, c, 'booked');
            const absent = of(k.school, k.className, c, 'absent');
            const waiting = of(k.school, k.className, c, 'waiting');
            return html`<td class="num">${booked + absent}${absent ? html` <span class="muted">(${absent} abs.)</span>` : ''}${waiting ? html` <span class="state-waiting">+${waiting} en attente</span>` : ''}</td>`;
          })}</tr>`,
        )}</tbody></table></div>`;
  return {
    title: `Effectifs du ${longDate(date)}`,
    body: html`<h1>Effectifs du ${longDate(date)}</h1>
<p class="actions no-print"><a href="/jour/${addDays(date, -1)}">← ${shortDate(addDays(date, -1))}</a> · <a href="/jour/${addDays(date, 1)}">${shortDate(addDays(date, 1))} →</a> · <a href="/attente?date=${date}">Listes d’attente</a> · <button type="button" class="secondary small" data-print>Imprimer</button></p>
${dayPicker(date)}
${closedDaysNote(town, p.closures)}
${toCallSection(p.toCall)}
${dayTable(town, date, rows, 'Par service')}
${p.supervision}
<h2>Par école et par classe</h2>
${classTable}
<h2>Cuisine</h2>
${kitchenSection(town, p.kitchen)}`,
  };
}

/** The headcount of a period as CSV: a row per day and service. */
export function headcountCsv(town: Town, rows: HeadcountRow[]): string {
  return toCsv([
    ['Date', 'Service', 'Inscrits', 'dont absents', 'Capacité', 'Liste d’attente'],
    ...rows.map((r) => [numericDate(r.date), serviceLabel(town, r.serviceCode), r.booked, r.absent, r.capacity, r.waiting]),
  ]);
}

/** The kitchen's forecast as CSV: meals booked per day and service, a column per diet. */
export function kitchenForecastCsv(town: Town, rows: { date: IsoDate; serviceCode: string; mealType: string; count: number }[]): string {
  const types = mealTypes(rows);
  const keys = [...new Set(rows.map((r) => `${r.date}|${r.serviceCode}`))].sort();
  return toCsv([
    ['Date', 'Service', ...types.map(mealLabel), 'Total'],
    ...keys.map((k) => {
      const [date, code] = k.split('|') as [IsoDate, string];
      const of = (t: string) => rows.find((r) => r.date === date && r.serviceCode === code && r.mealType === t)?.count ?? 0;
      return [numericDate(date), serviceLabel(town, code), ...types.map(of), types.reduce((a, t) => a + of(t), 0)];
    }),
  ]);
}
