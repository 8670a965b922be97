/**
 * Roll calls: the printable list of a service on a day, by school and
 * class in school order with subtotals, ticked on screen (present /
 * absent), and its CSV export; a whole city's day opens on its schools.
 */
import type { FastifyReply } from 'fastify';
import { isIsoDate, type IsoDate } from '../../core/time.js';
import { recordAttendance } from '../../core/staff/recordAttendance.js';
import type { Area } from '../context.js';
import { attachment } from '../csv.js';
import { dateField, safeReturn, str } from '../forms.js';
import { longDate, mealLabel, numericDate, serviceLabel } from '../format.js';
import { html } from '../html.js';
import { csrfField } from '../layout.js';
import { rollCall, rollCallForCsv, rollCallSummary, type RollCallRow } from '../queries/day.js';
import { refusalText } from '../reasons.js';
import { code, form, isoDay, isoDayOrCsv, params, query } from '../schemas.js';
import { compareClasses, compareNames, foldName } from '../schoolOrder.js';
import { closedDaysNote, paiText } from '../views/dayParts.js';
import { rollCallCsvBytes } from '../views/rollCallCsv.js';

/** Children listed on one roll call page; above, the page lists the schools and classes to open. */
const ROLL_CALL_PAGE = 600;
/** The services whose children eat a meal there (the Wednesday club includes lunch). */
const MEAL_SERVICES = new Set(['canteen', 'wednesday']);

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

export const rollCallRoutes: Area = async (web, { ctx }) => {
  const { app, town } = ctx;
  const canteen = town.service('canteen') ? 'canteen' : town.serviceList[0]!.code;
  const servesMeal = (c: string) => MEAL_SERVICES.has(c);
  const closedBetween = (from: IsoDate, to: IsoDate) => ctx.closedBetween(from, to);
  const closedNote = (closures: Awaited<ReturnType<typeof closedBetween>>) => closedDaysNote(town, closures);

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
      .send(rollCallCsvBytes({ day: numericDate(date), service: serviceLabel(town, code), rows }));
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
