/**
 * Roll calls: the printable list of a service on a day, by school and
 * class in school order with subtotals, ticked on screen (present /
 * absent), and its CSV export; a whole city's day opens on its schools.
 */
import type { FastifyReply } from 'fastify';
import type { IsoDate } from '../../core/time.js';
import { recordAttendance } from '../../core/staff/recordAttendance.js';
import type { Area } from '../context.js';
import { attachment } from '../csv.js';
import { dateField, isWebDate, safeReturn, str } from '../forms.js';
import { numericDate, serviceLabel } from '../format.js';
import { rollCall, rollCallForCsv, rollCallSummary } from '../queries/day.js';
import { refusalText } from '../reasons.js';
import { code, form, isoDay, isoDayOrCsv, params, query } from '../schemas.js';
import { foldName } from '../schoolOrder.js';
import { rollCallPage } from '../views/rollCall.js';
import { rollCallCsvBytes } from '../views/rollCallCsv.js';

/** Children listed on one roll call page; above, the page lists the schools and classes to open. */
const ROLL_CALL_PAGE = 600;
/** The services whose children eat a meal there (the Wednesday club includes lunch). */
const MEAL_SERVICES = new Set(['canteen', 'wednesday']);

export const rollCallRoutes: Area = async (web, { ctx }) => {
  const { app, town } = ctx;
  const canteen = town.service('canteen') ? 'canteen' : town.serviceList[0]!.code;

  const rollCallParams = (params: { service: string; date: string }) => {
    const date = params.date.replace(/\.csv$/, '');
    if (!town.service(params.service) || !isWebDate(date)) return null;
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
    const page = rollCallPage(town, { code: p.code, date: p.date, school, className, summary, rows, summaryOnly, meal: MEAL_SERVICES.has(p.code), closures: await ctx.closedBetween(p.date, p.date), csrf: ctx.csrf(reply) });
    return ctx.render(req, reply, { ...page, current: 'home' });
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
