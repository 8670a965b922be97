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
import { eachDate, isoDate, isoWeekday } from '../../core/time.js';
import type { WebContext, Area } from '../context.js';
import { all, checked, dateField, str } from '../forms.js';
import { justifiedLabel, longDate, monthEnd, serviceShort } from '../format.js';
import { familiesReach } from '../queries/reach.js';
import { reachLines } from '../views/notices.js';
import { form, id, params } from '../schemas.js';
import type { BookingMonth } from '../views/bookings.js';

/** The longest span one staff request covers: a school year. */
const MAX_DAYS = 366;

/** The month of a family's page: its bookings (cancelled ones aside) and the calendar with its closures. */
export async function bookingMonth(ctx: WebContext, family: FamilyRecord, month: string): Promise<BookingMonth> {
  const from = isoDate(`${month}-01`);
  const to = monthEnd(month);
  const rows = (await listBookings({ store: ctx.app.store }, { familyId: family.id, from, to })).filter((r) => r.state !== 'cancelled');
  const calendar = ctx.town.calendar.withClosures(await ctx.app.store.closures(from, to));
  return { month, from, to, rows, calendar, day: ctx.workingDay() };
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
