/**
 * Bookings made by staff from a family's page: book, cancel or report an
 * absence for some children, services and days (with a deadline override
 * that the audit records), mark absences justified or not, and the
 * family's month as a calendar.
 */
import { bookChildren } from '../../core/bookings/bookChildren.js';
import { cancelBookings } from '../../core/bookings/cancelBookings.js';
import { justifyAbsences } from '../../core/bookings/justifyAbsences.js';
import { listBookings } from '../../core/bookings/listBookings.js';
import type { AbsenceOutcome, BookOutcome, CancelOutcome } from '../../core/bookings/outcomes.js';
import { reportAbsence } from '../../core/bookings/reportAbsence.js';
import { outcomeLines } from '../../core/conversation/outcomeLines.js';
import { ChildId, FamilyId } from '../../core/ids.js';
import type { FamilyRecord } from '../../core/ports.js';
import { addDays, eachDate, isoDate, isoWeekday, type IsoDate } from '../../core/time.js';
import type { WebContext, Area } from '../context.js';
import { all, checked, dateField, str } from '../forms.js';
import { addMonths, justifiedLabel, longDate, monthEnd, monthName, mondayOf, serviceShort, shortDate, stateLabel } from '../format.js';
import { html, type Html } from '../html.js';
import { csrfField } from '../layout.js';
import { familiesReach } from '../queries/reach.js';
import { reachLines } from '../views/notices.js';
import { form, id, params } from '../schemas.js';
import { closedDayText } from '../reasons.js';

const WEEKDAYS = ['Lundi', 'Mardi', 'Mercredi', 'Jeudi', 'Vendredi'];
/** The longest span one staff request covers: a school year. */
const MAX_DAYS = 366;

/** The booking form, the month calendar and the month's absences of a family's page. */
export async function bookingSection(ctx: WebContext, family: FamilyRecord, month: string, csrf: string): Promise<Html> {
  const { town } = ctx;
  const from = isoDate(`${month}-01`);
  const to = monthEnd(month);
  const rows = (await listBookings({ store: ctx.app.store }, { familyId: family.id, from, to })).filter((r) => r.state !== 'cancelled');
  const calendar = town.calendar.withClosures(await ctx.app.store.closures(from, to));
  const day = ctx.workingDay();
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

export const bookingRoutes: Area = async (web, { ctx }) => {
  const { app, town } = ctx;
  const familyOf = async (id: string) => (/^\d{1,9}$/.test(id) ? app.families.byId(FamilyId(Number(id))) : null);

  web.post<{ Params: { id: string } }>('/familles/:id/reservations', { schema: { params: params({ id }), body: form('action', 'au', 'derogation', 'du', 'enfant', 'jour', 'motif', 'service') } }, async (req, reply) => {
    const family = await familyOf(req.params.id);
    if (!family) return ctx.notFound(req, reply, 'Cette famille');
    const back = `/familles/${family.id}`;
    const childIds = all(req.body, 'enfant').map(Number).filter((n) => family.children.some((c) => c.id === n)).map(ChildId);
    const codes = all(req.body, 'service').filter((c) => town.service(c));
    const from = dateField(req.body, 'du');
    const to = dateField(req.body, 'au') ?? from;
    const weekdays = new Set(all(req.body, 'jour').map(Number));
    const action = str(req.body, 'action');
    const override = checked(req.body, 'derogation');
    const problems: string[] = [];
    if (childIds.length === 0) problems.push('Cochez au moins un enfant.');
    if (codes.length === 0) problems.push('Cochez au moins un service.');
    if (!from || !to || to < from) problems.push('Indiquez des dates valides, la fin après le début.');
    else if (eachDate(from, to).length > MAX_DAYS) problems.push(`Une demande couvre ${MAX_DAYS} jours au plus.`);
    if (!['reserver', 'annuler', 'absence'].includes(action)) problems.push('Choisissez une action.');
    if (problems.length > 0) return ctx.redirect(req, reply, back, { kind: 'error', lines: ['Rien n’a été fait.', ...problems] });

    const days = eachDate(from!, to!).filter((d) => weekdays.size === 0 || weekdays.has(isoWeekday(d)));
    const base = { actor: ctx.actor(req), channel: 'web' as const, now: ctx.now(), childIds, familyId: family.id };
    const outcomes: (BookOutcome | CancelOutcome | AbsenceOutcome)[] = [];
    for (const code of codes) {
      // Only the days this service runs by the school calendar; staff closures are refused with their reason.
      const dates = days.filter((d) => town.calendar.runs(town.service(code)!, d));
      if (dates.length === 0) continue;
      const req1 = { ...base, serviceCodes: [code], dates };
      if (action === 'reserver') outcomes.push(...(await bookChildren({ store: app.store, town }, { ...req1, overrideDeadline: override })));
      else if (action === 'annuler') outcomes.push(...(await cancelBookings({ store: app.store, town }, { ...req1, overrideDeadline: override, reason: str(req.body, 'motif').trim().slice(0, 200) || undefined })).items);
      else outcomes.push(...(await reportAbsence({ store: app.store, town }, { ...req1, reason: str(req.body, 'motif').trim().slice(0, 200) || 'signalée au guichet' })).items);
    }
    const childName = (id: number) => family.children.find((c) => c.id === id)?.firstName ?? '?';
    const lines = outcomeLines(outcomes, { town: town.config, lang: 'fr', childName });
    const done = outcomes.some((o) => ['booked', 'waiting_list', 'cancelled', 'left_waiting_list', 'absent'].includes(o.outcome));
    const refused = outcomes.some((o) => o.outcome === 'refused');
    // Staff cancellations are announced to the family (src/notifications.ts): say whether it can hear it.
    const told = action === 'annuler' && outcomes.some((o) => o.outcome === 'cancelled' || o.outcome === 'left_waiting_list') ? reachLines(await familiesReach(app.db, [family.id])) : [];
    return ctx.redirect(req, reply, `${back}?mois=${from!.slice(0, 7)}`, {
      kind: refused && !done ? 'error' : 'ok',
      lines: lines.length ? [done ? 'Demande appliquée :' : 'Rien n’a changé :', ...lines, ...told] : ['Aucun jour de service dans cette période pour ces services.'],
    });
  });

  web.post<{ Params: { id: string } }>('/familles/:id/absences', { schema: { params: params({ id }), body: form('date', 'enfant', 'justifiee', 'mois', 'service') } }, async (req, reply) => {
    const family = await familyOf(req.params.id);
    if (!family) return ctx.notFound(req, reply, 'Cette famille');
    const child = family.children.find((c) => c.id === Number(str(req.body, 'enfant')));
    const code = str(req.body, 'service');
    const date = dateField(req.body, 'date');
    const month = /^\d{4}-\d{2}$/.test(str(req.body, 'mois')) ? str(req.body, 'mois') : date?.slice(0, 7) ?? '';
    const back = `/familles/${family.id}?mois=${month}`;
    if (!child || !town.service(code) || !date) return ctx.redirect(req, reply, back, { kind: 'error', lines: ['Absence introuvable.'] });
    const j = str(req.body, 'justifiee');
    const justified = j === 'oui' ? true : j === 'non' ? false : null;
    const out = await justifyAbsences({ store: app.store, town }, { actor: ctx.actor(req), channel: 'web', now: ctx.now(), childId: child.id, serviceCodes: [code], dates: [date], justified });
    const outcome = out[0]?.outcome;
    const line = `${child.firstName}, ${serviceShort(town, code).toLowerCase()}, ${longDate(date)} : absence ${justifiedLabel(justified)}`;
    return ctx.redirect(req, reply, back, outcome === 'not_absent' ? { kind: 'error', lines: ['Cette réservation n’est pas une absence.'] } : { kind: 'ok', lines: [outcome === 'unchanged' ? `${line} (inchangé).` : `${line}.`] });
  });
};
