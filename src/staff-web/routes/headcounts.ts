/**
 * Headcounts and lists: the home page (today, tomorrow, the kitchen's
 * numbers, the week), a day in detail (by school and class), the month,
 * and their CSV exports (roll calls: rollCalls.ts).
 */
import { countHeadcount, type HeadcountRow } from '../../core/bookings/countHeadcount.js';
import type { ExtraClosure } from '../../core/calendar.js';
import { familiesToCallOn } from '../queries/reach.js';
import { toCallSection } from '../views/notices.js';
import { daySupervision } from './supervision.js';
import { addDays, eachDate, isoDate, isoWeekday, type IsoDate } from '../../core/time.js';
import type { Area } from '../context.js';
import { attachment, toCsv } from '../csv.js';
import { closedDaysNote, paiText } from '../views/dayParts.js';
import { dateField, isWebDate, monthField } from '../forms.js';
import { addMonths, capitalize, longDate, mealLabel, MEAL_LABELS, monthEnd, monthName, mondayOf, numericDate, serviceLabel, serviceShort, shortDate } from '../format.js';
import { html, type Html } from '../html.js';
import { classCounts, mealCounts, mealForecast, rollCall } from '../queries/day.js';
import { isoDay, params, query } from '../schemas.js';

/** The longest span a CSV export covers. */
const MAX_EXPORT_DAYS = 400;
/** The services whose children eat a meal there (the Wednesday club includes lunch). */
const MEAL_SERVICES = new Set(['canteen', 'wednesday']);

export const headcountRoutes: Area = async (web, { ctx }) => {
  const { app, town } = ctx;
  const counts = (from: IsoDate, to: IsoDate) => countHeadcount({ store: app.store, town }, { from, to });

  /** The extra closures (town file and staff) between two dates, with their reasons. */
  const closedBetween = (from: IsoDate, to: IsoDate): Promise<ExtraClosure[]> => ctx.closedBetween(from, to);
  const closedNote = (closures: ExtraClosure[]): Html => closedDaysNote(town, closures);

  /** One day's table: a row per service running. */
  const dayTable = (date: IsoDate, rows: HeadcountRow[], caption: string): Html => {
    const day = rows.filter((r) => r.date === date);
    if (day.length === 0) return html`<p>Aucun service ce jour-là.</p>`;
    return html`<div class="table-wrap"><table>
<caption>${caption}</caption>
<thead><tr><th scope="col">Service</th><th scope="col" class="num">Inscrits</th><th scope="col" class="num">Capacité</th><th scope="col" class="num">dont absents</th><th scope="col" class="num">Liste d’attente</th><th scope="col" class="no-print">Listes</th></tr></thead>
<tbody>${day.map(
      (r) => html`<tr${r.booked >= r.capacity ? html` class="full"` : ''}><th scope="row">${serviceLabel(town, r.serviceCode)}</th><td class="num">${r.booked}</td><td class="num">${r.capacity}</td><td class="num">${r.absent}</td><td class="num">${r.waiting > 0 ? html`<a href="/attente?date=${date}">${r.waiting}</a>` : '0'}</td>
<td class="no-print"><a href="/appel/${r.serviceCode}/${date}">Liste d’appel<span class="visually-hidden"> ${serviceLabel(town, r.serviceCode)} ${longDate(date)}</span></a> · <a href="/appel/${r.serviceCode}/${date}.csv">CSV<span class="visually-hidden"> ${serviceLabel(town, r.serviceCode)} ${longDate(date)}</span></a></td></tr>`,
    )}</tbody></table></div>`;
  };

  /** Services that serve a meal: the canteen, and the Wednesday club (lunch included). */
  const mealServices = town.serviceList.filter((s) => MEAL_SERVICES.has(s.code)).map((s) => s.code);

  /** What the kitchen needs for a day: meals by type for each service that serves one, and the children with a PAI by name. */
  const kitchen = async (date: IsoDate): Promise<Html> => {
    const calendar = town.calendar.withClosures(await app.store.closures(date, date));
    const running = mealServices.filter((code) => calendar.runs(town.service(code)!, date));
    if (running.length === 0) return html`<p>Pas de repas le ${longDate(date)}.</p>`;
    const parts: Html[] = [];
    for (const code of running) {
      const meals = await mealCounts(app.db, date, code);
      const pai = await rollCall(app.db, date, code, { paiOnly: true, withPhones: false });
      const of = (type: string, state: string) => meals.filter((m) => m.mealType === type && m.state === state).reduce((a, m) => a + m.count, 0);
      const types = [...new Set([...Object.keys(MEAL_LABELS), ...meals.map((m) => m.mealType)])];
      const total = (state: string) => meals.filter((m) => m.state === state).reduce((a, m) => a + m.count, 0);
      parts.push(html`<div class="table-wrap"><table>
<caption>Repas — ${serviceShort(town, code)} — ${longDate(date)}</caption>
<thead><tr><th scope="col">Régime</th><th scope="col" class="num">Repas à préparer</th><th scope="col" class="num">Absents signalés</th></tr></thead>
<tbody>${types.map((t) => html`<tr><th scope="row">${mealLabel(t)}</th><td class="num">${of(t, 'booked')}</td><td class="num">${of(t, 'absent')}</td></tr>`)}
<tr><th scope="row">Total</th><td class="num"><strong>${total('booked')}</strong></td><td class="num">${total('absent')}</td></tr></tbody></table></div>
${
  pai.length === 0
    ? html`<p>Aucun enfant avec un PAI inscrit (${serviceShort(town, code).toLowerCase()}).</p>`
    : html`<div class="table-wrap"><table><caption>Enfants avec un PAI (allergie ou régime médical) — ${serviceShort(town, code)} — ${longDate(date)}</caption>
<thead><tr><th scope="col">Enfant</th><th scope="col">École, classe</th><th scope="col">Régime</th><th scope="col">Allergies et protocole</th><th scope="col">Présence</th></tr></thead>
<tbody>${pai.map((c) => html`<tr><td><a href="/familles/${c.familyId}">${c.firstName} ${c.lastName}</a></td><td>${c.school}, ${c.className}</td><td>${mealLabel(c.mealType)}</td><td>${paiText(c)}</td><td>${c.state === 'absent' ? 'absent signalé' : 'inscrit'}</td></tr>`)}</tbody></table></div>`
}`);
    }
    return html`${parts}`;
  };

  /**
   * The month's occupancy per service against capacity, read at a glance:
   * one bar per day (the share of places taken, red when full), the same
   * on paper (plain HTML and CSS classes in steps of 5 %, as the CSP allows no inline style).
   */
  const occupancyChart = (rows: HeadcountRow[]): Html => {
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
  };

  /** Days × services: "inscrits / capacité" and the waiting list. */
  const rangeTable = (rows: HeadcountRow[], caption: string): Html => {
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
  };

  const dayPicker = (date: IsoDate) => html`<form method="get" action="/jour" class="actions no-print">
<label for="date-picker" class="visually-hidden">Voir un autre jour</label>
<input type="date" id="date-picker" name="date" value="${date}"><button type="submit" class="secondary">Voir ce jour</button></form>`;

  web.get('/', { schema: { querystring: query() } }, async (req, reply) => {
    const today = ctx.today();
    const tomorrow = addDays(today, 1);
    // At the weekend, the week that matters is the coming one.
    const weekend = isoWeekday(today) >= 6;
    const monday = mondayOf(ctx.workingDay());
    const week = await counts(monday, addDays(monday, 6));
    const near = await counts(today, addDays(today, 21));
    // When neither today nor tomorrow has a service (a weekend, holidays), the next day that does.
    const next = near.find((r) => r.date > tomorrow)?.date;
    const showNext = next && !near.some((r) => r.date <= tomorrow);
    return ctx.render(req, reply, {
      title: 'Effectifs',
      current: 'home',
      body: html`<h1>Effectifs</h1>
${dayPicker(today)}
${closedNote(await closedBetween(monday < today ? monday : today, addDays(today, 21)))}
<div class="grid wide">
<section aria-labelledby="aujourdhui"><h2 id="aujourdhui">Aujourd’hui — ${longDate(today)}</h2>${dayTable(today, near, `Effectifs d’aujourd’hui`)}<p><a href="/jour/${today}">Détail par école et par classe</a></p></section>
<section aria-labelledby="demain"><h2 id="demain">Demain — ${longDate(tomorrow)}</h2>${dayTable(tomorrow, near, `Effectifs de demain`)}<p><a href="/jour/${tomorrow}">Détail par école et par classe</a></p></section>
${showNext ? html`<section aria-labelledby="prochain"><h2 id="prochain">Prochain jour de service — ${longDate(next)}</h2>${dayTable(next, near, 'Effectifs du prochain jour de service')}<p><a href="/jour/${next}">Détail par école et par classe</a></p></section>` : ''}
</div>
<h2>Cuisine</h2>
<div class="grid wide"><section aria-label="Cuisine aujourd’hui">${await kitchen(today)}</section><section aria-label="Cuisine demain">${await kitchen(tomorrow)}</section>${showNext ? html`<section aria-label="Cuisine du prochain jour de service">${await kitchen(next)}</section>` : ''}</div>
<h2>${weekend ? 'Semaine prochaine, du' : 'Semaine du'} ${longDate(monday)}</h2>
${rangeTable(week, 'Inscrits / capacité par jour et par service')}
<p class="actions no-print"><a href="/effectifs?mois=${monday.slice(0, 7)}">Tout le mois de ${monthName(monday.slice(0, 7))}</a> · <a href="/effectifs.csv?du=${monday}&amp;au=${addDays(monday, 6)}">Télécharger la semaine (CSV)</a> · <a href="/cuisine.csv?du=${monday}&amp;au=${addDays(monday, 6)}">Prévisions de la cuisine par régime (CSV)</a></p>`,
    });
  });

  web.get('/effectifs', { schema: { querystring: query('mois') } }, async (req, reply) => {
    const month = monthField(req.query, 'mois') ?? ctx.today().slice(0, 7);
    const from = isoDate(`${month}-01`);
    const to = monthEnd(month);
    const rows = await counts(from, to);
    const totals = town.serviceList.map((s) => {
      const of = rows.filter((r) => r.serviceCode === s.code);
      return { code: s.code, days: of.length, booked: of.reduce((a, r) => a + r.booked, 0), absent: of.reduce((a, r) => a + r.absent, 0) };
    });
    return ctx.render(req, reply, {
      title: `Effectifs de ${monthName(month)}`,
      current: 'home',
      body: html`<h1>Effectifs de ${monthName(month)}</h1>
<p class="actions no-print"><a href="/effectifs?mois=${addMonths(month, -1)}">← ${monthName(addMonths(month, -1))}</a> · <a href="/effectifs?mois=${addMonths(month, 1)}">${monthName(addMonths(month, 1))} →</a> · <a href="/effectifs.csv?du=${from}&amp;au=${to}">Télécharger le mois (CSV)</a> · <button type="button" class="secondary small" data-print>Imprimer</button></p>
${closedNote(await closedBetween(from, to))}
<h2>Occupation par service</h2>
${occupancyChart(rows)}
${rangeTable(rows, `Inscrits / capacité par jour et par service, ${monthName(month)}`)}
<h2>Sur le mois</h2>
<div class="table-wrap"><table><thead><tr><th scope="col">Service</th><th scope="col" class="num">Jours de service</th><th scope="col" class="num">Places prises</th><th scope="col" class="num">dont absences</th></tr></thead>
<tbody>${totals.map((t) => html`<tr><th scope="row">${serviceLabel(town, t.code)}</th><td class="num">${t.days}</td><td class="num">${t.booked}</td><td class="num">${t.absent}</td></tr>`)}</tbody></table></div>`,
    });
  });

  web.get('/effectifs.csv', { schema: { querystring: query('au', 'du') } }, async (req, reply) => {
    const from = dateField(req.query, 'du') ?? ctx.today();
    const to = dateField(req.query, 'au') ?? from;
    if (to < from || eachDate(from, to).length > MAX_EXPORT_DAYS) return ctx.problem(req, reply, 400, 'Période invalide', `Choisissez une période de ${MAX_EXPORT_DAYS} jours au plus, la fin après le début.`);
    const rows = await counts(from, to);
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', attachment(`effectifs-${from}-${to}.csv`))
      .send(
        toCsv([
          ['Date', 'Service', 'Inscrits', 'dont absents', 'Capacité', 'Liste d’attente'],
          ...rows.map((r) => [numericDate(r.date), serviceLabel(town, r.serviceCode), r.booked, r.absent, r.capacity, r.waiting]),
        ]),
      );
  });

  /** The kitchen's forecast: meals booked per day, service and diet over a period (a week by default), as CSV. */
  web.get('/cuisine.csv', { schema: { querystring: query('au', 'du') } }, async (req, reply) => {
    const from = dateField(req.query, 'du') ?? mondayOf(ctx.workingDay());
    const to = dateField(req.query, 'au') ?? addDays(from, 6);
    if (to < from || eachDate(from, to).length > MAX_EXPORT_DAYS) return ctx.problem(req, reply, 400, 'Période invalide', `Choisissez une période de ${MAX_EXPORT_DAYS} jours au plus, la fin après le début.`);
    const rows = await mealForecast(app.db, from, to, mealServices);
    const types = [...new Set([...Object.keys(MEAL_LABELS), ...rows.map((r) => r.mealType)])];
    const keys = [...new Set(rows.map((r) => `${r.date}|${r.serviceCode}`))].sort();
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', attachment(`cuisine-${from}-${to}.csv`))
      .send(
        toCsv([
          ['Date', 'Service', ...types.map(mealLabel), 'Total'],
          ...keys.map((k) => {
            const [date, code] = k.split('|') as [IsoDate, string];
            const of = (t: string) => rows.find((r) => r.date === date && r.serviceCode === code && r.mealType === t)?.count ?? 0;
            return [numericDate(date), serviceLabel(town, code), ...types.map(of), types.reduce((a, t) => a + of(t), 0)];
          }),
        ]),
      );
  });

  web.get('/jour', { schema: { querystring: query('date') } }, async (req, reply) => reply.redirect(`/jour/${dateField(req.query, 'date') ?? ctx.today()}`, 302));

  web.get<{ Params: { date: string } }>('/jour/:date', { schema: { params: params({ date: isoDay }), querystring: query() } }, async (req, reply) => {
    if (!isWebDate(req.params.date)) return ctx.notFound(req, reply, 'Ce jour');
    const date = req.params.date;
    const rows = await counts(date, date);
    const running = rows.map((r) => r.serviceCode);
    const byClass = await classCounts(app.db, date, running);
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
    return ctx.render(req, reply, {
      title: `Effectifs du ${longDate(date)}`,
      current: 'home',
      body: html`<h1>Effectifs du ${longDate(date)}</h1>
<p class="actions no-print"><a href="/jour/${addDays(date, -1)}">← ${shortDate(addDays(date, -1))}</a> · <a href="/jour/${addDays(date, 1)}">${shortDate(addDays(date, 1))} →</a> · <a href="/attente?date=${date}">Listes d’attente</a> · <button type="button" class="secondary small" data-print>Imprimer</button></p>
${dayPicker(date)}
${closedNote(await closedBetween(date, date))}
${toCallSection(await familiesToCallOn(app.db, date))}
${dayTable(date, rows, 'Par service')}
${await daySupervision(ctx, reply, date, running)}
<h2>Par école et par classe</h2>
${classTable}
<h2>Cuisine</h2>
${await kitchen(date)}`,
    });
  });
};
