/**
 * Headcounts and lists: the home page (today, tomorrow, the kitchen's
 * numbers, the week), a day in detail (by school and class), the month,
 * the printable roll call of a service on a day, and their CSV exports.
 */
import type { FastifyReply } from 'fastify';
import { countHeadcount, type HeadcountRow } from '../../core/bookings/countHeadcount.js';
import type { ExtraClosure } from '../../core/calendar.js';
import { familiesToCallOn } from '../queries/reach.js';
import { toCallSection } from '../views/notices.js';
import { addDays, eachDate, isIsoDate, isoDate, isoWeekday, type IsoDate } from '../../core/time.js';
import type { Area } from '../context.js';
import { attachment, toCsv } from '../csv.js';
import { rollCallCsvText } from '../views/rollCallCsv.js';
import { dateField, monthField, safeReturn, str } from '../forms.js';
import { addMonths, capitalize, longDate, mealLabel, MEAL_LABELS, monthEnd, monthName, mondayOf, numericDate, serviceLabel, serviceShort, shortDate, stateLabel } from '../format.js';
import { html, type Html } from '../html.js';
import { classCounts, mealCounts, mealForecast, rollCall, rollCallForCsv, rollCallSummary, type RollCallRow } from '../queries/day.js';
import { recordAttendance } from '../../core/staff/recordAttendance.js';
import { csrfField } from '../layout.js';
import { compareClasses, compareNames, foldName } from '../schoolOrder.js';
import { code, form, isoDay, isoDayOrCsv, params, query } from '../schemas.js';
import { refusalText } from '../reasons.js';

/** The longest span a CSV export covers. */
const MAX_EXPORT_DAYS = 400;
/** The services whose children eat a meal there (the Wednesday club includes lunch). */
const MEAL_SERVICES = new Set(['canteen', 'wednesday']);
/** Children listed on one roll call page; above, the page lists the schools and classes to open. */
const ROLL_CALL_PAGE = 600;

/** A PAI as the kitchen and the staff must read it: the allergies and what to do. */
function paiText(r: { paiAllergens: string | null; paiProtocol: string | null }): Html {
  return html`<strong>PAI</strong>${r.paiAllergens ? html` — allergies : <strong>${r.paiAllergens}</strong>` : ''}${r.paiProtocol ? html`<br><span class="muted">Protocole :</span> ${r.paiProtocol}` : ''}`;
}

/** "9 inscrits, 1 absence signalée — pointés : 7 présents, 1 absent". */
function tallyOf(list: { state: string; attendance: string | null; count: number }[]): string {
  const sum = (f: (r: (typeof list)[number]) => boolean) => list.filter(f).reduce((a, r) => a + r.count, 0);
  const all = sum(() => true);
  const absent = sum((r) => r.state === 'absent');
  const present = sum((r) => r.attendance === 'present');
  const missing = sum((r) => r.attendance === 'absent');
  return `${all} inscrit${all > 1 ? 's' : ''}${absent ? `, ${absent} absence${absent > 1 ? 's' : ''} signalée${absent > 1 ? 's' : ''}` : ''} — pointés : ${present} présent${present > 1 ? 's' : ''}, ${missing} absent${missing > 1 ? 's' : ''}`;
}

/** The summary's rows grouped like the roll call: school, then class, in school order. */
function summaryGroups<T extends { school: string; className: string }>(rows: T[]): { school: string; rows: T[]; classes: { className: string; rows: T[] }[] }[] {
  const schools = new Map<string, { school: string; rows: T[] }>();
  for (const r of rows) {
    const g = schools.get(foldName(r.school)) ?? { school: r.school, rows: [] };
    g.rows.push(r);
    schools.set(foldName(r.school), g);
  }
  return [...schools.values()]
    .map((g) => {
      const classes = new Map<string, { className: string; rows: T[] }>();
      for (const r of g.rows) {
        const c = classes.get(foldName(r.className)) ?? { className: r.className, rows: [] };
        c.rows.push(r);
        classes.set(foldName(r.className), c);
      }
      return { ...g, classes: [...classes.values()].sort((a, b) => compareClasses(a.className, b.className)) };
    })
    .sort((a, b) => compareNames(a.school, b.school));
}

/** Rows grouped by school (case and accents aside, the most common spelling shown), then class, in school order. */
function groupBySchool(rows: RollCallRow[]): { school: string; rows: RollCallRow[]; classes: { className: string; rows: RollCallRow[] }[] }[] {
  const into = (m: Map<string, RollCallRow[]>, key: string, r: RollCallRow) => {
    const list = m.get(key);
    if (list) list.push(r);
    else m.set(key, [r]);
  };
  const schools = new Map<string, RollCallRow[]>();
  for (const r of rows) into(schools, foldName(r.school), r);
  const spelling = (names: string[]) => [...names.reduce((m, n) => m.set(n, (m.get(n) ?? 0) + 1), new Map<string, number>())].sort((a, b) => b[1] - a[1])[0]![0];
  return [...schools.values()]
    .map((list) => {
      const classes = new Map<string, RollCallRow[]>();
      for (const r of list) into(classes, foldName(r.className), r);
      return {
        school: spelling(list.map((r) => r.school)),
        rows: list,
        classes: [...classes.values()].map((c) => ({ className: spelling(c.map((r) => r.className)), rows: c })).sort((a, b) => compareClasses(a.className, b.className)),
      };
    })
    .sort((a, b) => compareNames(a.school, b.school));
}

export const headcountRoutes: Area = async (web, { ctx }) => {
  const { app, town } = ctx;
  const counts = (from: IsoDate, to: IsoDate) => countHeadcount({ store: app.store, town }, { from, to });
  const canteen = town.service('canteen') ? 'canteen' : town.serviceList[0]!.code;

  /** The extra closures (town file and staff) between two dates, with their reasons. */
  const closedBetween = async (from: IsoDate, to: IsoDate): Promise<ExtraClosure[]> =>
    [...town.config.calendar.closures.filter((c) => c.date >= from && c.date <= to), ...(await app.store.closures(from, to))].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const closedNote = (closures: ExtraClosure[]): Html =>
    closures.length === 0
      ? html``
      : html`<ul class="closed-days">${closures.map((c) => html`<li><strong>Fermé</strong> ${longDate(c.date)} — ${c.serviceCode ? serviceLabel(town, c.serviceCode) : 'tous les services'} — motif : ${c.reason}</li>`)}</ul>`;

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
  const servesMeal = (code: string) => MEAL_SERVICES.has(code);

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
    if (!isIsoDate(req.params.date)) return ctx.notFound(req, reply, 'Ce jour');
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
<h2>Par école et par classe</h2>
${classTable}
<h2>Cuisine</h2>
${await kitchen(date)}`,
    });
  });

  const rollCallParams = (params: { service: string; date: string }) => {
    const date = params.date.replace(/\.csv$/, '');
    if (!town.service(params.service) || !isIsoDate(date)) return null;
    return { code: params.service, date };
  };

  /** The roll call as CSV (every child of the day, or of a school or class; views/rollCallCsv.ts). */
  const rollCallCsv = async (reply: FastifyReply, code: string, date: IsoDate, school: string, className: string) => {
    // The spellings of the school or class asked for (case and accents aside): read only when one is.
    const summary = school || className ? await rollCallSummary(app.db, date, code) : [];
    const spellings = (pick: (r: (typeof summary)[number]) => string, wanted: string) => [...new Set(summary.map(pick).filter((v) => foldName(v) === foldName(wanted)))];
    const rows = await rollCallForCsv(app.db, date, code, { ...(school ? { schools: spellings((r) => r.school, school) } : {}), ...(className ? { classes: spellings((r) => r.className, className) } : {}) });
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', attachment(`appel-${code}-${date}.csv`))
      .send(rollCallCsvText({ day: numericDate(date), service: serviceLabel(town, code), rows }));
  };

  web.get<{ Params: { service: string; date: string } }>('/appel/:service/:date', { schema: { params: params({ service: code, date: isoDayOrCsv }), querystring: query('classe', 'ecole') } }, async (req, reply) => {
    const p = rollCallParams(req.params);
    if (!p) return ctx.notFound(req, reply, 'Cette liste');
    const school = str(req.query, 'ecole').slice(0, 200);
    const className = str(req.query, 'classe').slice(0, 100);
    const csv = req.params.date.endsWith('.csv');
    if (csv) return rollCallCsv(reply, p.code, p.date, school, className);
    // The day's numbers first (one aggregate); the rows only for what is shown.
    const summary = await rollCallSummary(app.db, p.date, p.code);
    const spellings = (pick: (r: (typeof summary)[number]) => string, wanted: string) => [...new Set(summary.map(pick).filter((v) => foldName(v) === foldName(wanted)))];
    const total = summary.reduce((a, r) => a + r.count, 0);
    // A whole city's day is read school by school: above this, the page lists the schools and classes to open.
    const summaryOnly = total > ROLL_CALL_PAGE && !school;
    const rows = summaryOnly ? [] : await rollCall(app.db, p.date, p.code, { ...(school ? { schools: spellings((r) => r.school, school) } : {}), ...(className ? { classes: spellings((r) => r.className, className) } : {}) });
    const meal = servesMeal(p.code);
    const here = `/appel/${p.code}/${p.date}${school || className ? `?${new URLSearchParams({ ...(school ? { ecole: school } : {}), ...(className ? { classe: className } : {}) }).toString()}` : ''}`;
    const title = `Liste d’appel — ${serviceLabel(town, p.code)} — ${longDate(p.date)}${school ? ` — ${school}` : ''}${className ? ` — ${className}` : ''}`;
    const groups = groupBySchool(rows);
    const tally = (list: RollCallRow[]) => tallyOf(list.map((r) => ({ state: r.state, attendance: r.attendance, count: 1 })));
    const csrf = ctx.csrf(reply);
    const tick = (r: RollCallRow) => html`<form method="post" action="/appel/${p.code}/${p.date}/presence" class="tick">${csrfField(csrf)}<input type="hidden" name="reservation" value="${r.bookingId}"><input type="hidden" name="retour" value="${here}">
<button type="submit" name="presence" value="${r.attendance === 'present' ? '' : 'present'}" class="small" aria-pressed="${r.attendance === 'present' ? 'true' : 'false'}">Présent<span class="visually-hidden"> : ${r.firstName} ${r.lastName}</span></button>
<button type="submit" name="presence" value="${r.attendance === 'absent' ? '' : 'absent'}" class="small absent-btn" aria-pressed="${r.attendance === 'absent' ? 'true' : 'false'}">Absent<span class="visually-hidden"> : ${r.firstName} ${r.lastName}</span></button></form>`;
    const table = (list: RollCallRow[], caption: string) => html`<div class="table-wrap"><table><caption class="visually-hidden">${caption}</caption>
<thead><tr><th scope="col">Présence</th><th scope="col">Nom</th><th scope="col">Prénom</th><th scope="col">Classe</th>${meal ? html`<th scope="col">Régime</th>` : ''}<th scope="col">PAI</th><th scope="col">Téléphone</th><th scope="col">Remarque</th></tr></thead>
<tbody>${list.map(
      (r) => html`<tr id="r${r.bookingId}"><td data-label="Présence"><span class="print-only" aria-hidden="true">☐</span><span class="no-print">${tick(r)}</span></td><td data-label="Nom">${r.lastName}</td><td data-label="Prénom">${r.firstName}</td><td data-label="Classe">${r.className}</td>${meal ? html`<td data-label="Régime">${mealLabel(r.mealType)}</td>` : ''}<td data-label="PAI">${r.pai ? paiText(r) : ''}</td><td data-label="Téléphone">${r.phones.map((ph, i) => html`${i ? ', ' : ''}<a href="tel:${ph.replace(/[^\d+]/g, '')}">${ph}</a>`)}</td><td data-label="Remarque">${r.state === 'absent' ? html`<span class="state-absent">Absence signalée${r.absenceReason ? ` : ${r.absenceReason}` : ''}</span>` : ''}</td></tr>`,
    )}</tbody></table></div>`;
    return ctx.render(req, reply, {
      title,
      current: 'home',
      body: html`<h1>${title}</h1>
<div class="actions no-print"><button type="button" data-print>Imprimer</button> <a class="button secondary" href="/appel/${p.code}/${p.date}.csv${school || className ? `?${new URLSearchParams({ ...(school ? { ecole: school } : {}), ...(className ? { classe: className } : {}) }).toString()}` : ''}">Télécharger (CSV)</a>
${school || className ? html`<a href="/appel/${p.code}/${p.date}">Toutes les écoles</a>` : ''}</div>
<form method="get" action="/appel" class="actions no-print"><label for="service" class="visually-hidden">Service</label><select id="service" name="service">${town.serviceList.map((s) => html`<option value="${s.code}"${s.code === p.code ? html` selected` : ''}>${s.label}</option>`)}</select>
<label for="date" class="visually-hidden">Jour</label><input type="date" id="date" name="date" value="${p.date}"><button type="submit" class="secondary">Afficher</button></form>
${closedNote(await closedBetween(p.date, p.date))}
<p><strong>Total : ${summaryOnly ? tallyOf(summary) : tally(rows)}.</strong></p>
${total === 0 || (!summaryOnly && rows.length === 0) ? html`<p>Aucun enfant inscrit.</p>` : ''}
${
  summaryOnly
    ? html`<p>${total} enfants ce jour-là : ouvrez la liste d’une école ou d’une classe.</p>${summaryGroups(summary).map(
        (g) => html`<h2><a href="/appel/${p.code}/${p.date}?ecole=${encodeURIComponent(g.school)}">${g.school}</a> <span class="muted">(${tallyOf(g.rows)})</span></h2>
<ul class="cards">${g.classes.map((c) => html`<li><a href="/appel/${p.code}/${p.date}?ecole=${encodeURIComponent(g.school)}&amp;classe=${encodeURIComponent(c.className)}">${c.className}</a> — ${tallyOf(c.rows)}</li>`)}</ul>`,
      )}`
    : groups.map(
        (g) => html`<section class="print-break-after"><h2>${g.school} <span class="muted">(${tally(g.rows)})</span></h2>
${g.classes.map((c) => html`<h3>${c.className} <span class="muted">(${tally(c.rows)})</span> <a class="no-print small" href="/appel/${p.code}/${p.date}?ecole=${encodeURIComponent(g.school)}&amp;classe=${encodeURIComponent(c.className)}">cette classe seule</a></h3>${table(c.rows, `${g.school}, ${c.className}`)}`)}</section>`,
      )
}`,
    });
  });

  web.post<{ Params: { service: string; date: string } }>('/appel/:service/:date/presence', { schema: { params: params({ service: code, date: isoDay }), body: form('presence', 'reservation', 'retour') } }, async (req, reply) => {
    const p = rollCallParams(req.params);
    const back = safeReturn(str(req.body, 'retour'), p ? `/appel/${p.code}/${p.date}` : '/');
    const bookingId = Number(str(req.body, 'reservation'));
    const value = str(req.body, 'presence');
    if (!p || !Number.isInteger(bookingId) || bookingId <= 0 || !['present', 'absent', ''].includes(value)) return ctx.redirect(req, reply, back, { kind: 'error', lines: ['Pointage incomplet.'] });
    const out = await recordAttendance({ attendance: ctx.attendance }, { bookingId, value: value === '' ? null : (value as 'present' | 'absent'), actor: ctx.actor(req), channel: 'web', now: ctx.now() });
    if (!out.ok) return ctx.redirect(req, reply, back, { kind: 'error', lines: [refusalText(out.why)] });
    return reply.redirect(`${back}#r${bookingId}`, 303);
  });

  web.get('/appel', { schema: { querystring: query('date', 'service') } }, async (req, reply) => {
    const code = town.service(str(req.query, 'service')) ? str(req.query, 'service') : canteen;
    return reply.redirect(`/appel/${code}/${dateField(req.query, 'date') ?? ctx.today()}`, 302);
  });
};
