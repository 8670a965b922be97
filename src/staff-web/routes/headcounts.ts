/**
 * Headcounts and lists: the home page (today, tomorrow, the kitchen's
 * numbers, the week), a day in detail (by school and class), the month,
 * and their CSV exports (roll calls: rollCalls.ts). The pages are
 * views/headcounts.ts; this plugin reads the input and loads their data.
 */
import { countHeadcount } from '../../core/bookings/countHeadcount.js';
import { familiesToCallOn } from '../queries/reach.js';
import { daySupervision } from './supervision.js';
import { addDays, eachDate, isoDate, isoWeekday, type IsoDate } from '../../core/time.js';
import type { Area } from '../context.js';
import { attachment } from '../csv.js';
import { dateField, isWebDate, monthField } from '../forms.js';
import { monthEnd, mondayOf } from '../format.js';
import { classCounts, mealCounts, mealForecast, rollCall } from '../queries/day.js';
import { isoDay, params, query } from '../schemas.js';
import { dayPage, headcountCsv, homePage, kitchenForecastCsv, monthPage, type KitchenDay } from '../views/headcounts.js';

/** The longest span a CSV export covers. */
const MAX_EXPORT_DAYS = 400;
/** The services whose children eat a meal there (the Wednesday club includes lunch). */
const MEAL_SERVICES = new Set(['canteen', 'wednesday']);

export const headcountRoutes: Area = async (web, { ctx }) => {
  const { app, town } = ctx;
  const counts = (from: IsoDate, to: IsoDate) => countHeadcount({ store: app.store, town }, { from, to });

  /** Services that serve a meal: the canteen, and the Wednesday club (lunch included). */
  const mealServices = town.serviceList.filter((s) => MEAL_SERVICES.has(s.code)).map((s) => s.code);

  /** What the kitchen needs for a day: meals by type for each service that serves one and runs, and the children with a PAI. */
  const kitchen = async (date: IsoDate): Promise<KitchenDay> => {
    const calendar = town.calendar.withClosures(await app.store.closures(date, date));
    const services: KitchenDay['services'] = [];
    for (const code of mealServices.filter((c) => calendar.runs(town.service(c)!, date))) {
      services.push({ code, meals: await mealCounts(app.db, date, code), pai: await rollCall(app.db, date, code, { paiOnly: true, withPhones: false }) });
    }
    return { date, services };
  };

  web.get('/', { schema: { querystring: query() } }, async (req, reply) => {
    const today = ctx.today();
    const tomorrow = addDays(today, 1);
    const monday = mondayOf(ctx.workingDay());
    const week = await counts(monday, addDays(monday, 6));
    const near = await counts(today, addDays(today, 21));
    // When neither today nor tomorrow has a service (a weekend, holidays), the next day that does.
    const next = near.find((r) => r.date > tomorrow)?.date;
    const shown = next && !near.some((r) => r.date <= tomorrow) ? next : null;
    const closures = await ctx.closedBetween(monday < today ? monday : today, addDays(today, 21));
    const kitchens = { today: await kitchen(today), tomorrow: await kitchen(tomorrow), next: shown ? await kitchen(shown) : null };
    // At the weekend, the week that matters is the coming one.
    const page = homePage(town, { today, tomorrow, weekend: isoWeekday(today) >= 6, monday, week, near, next: shown, closures, kitchens });
    return ctx.render(req, reply, { ...page, current: 'home' });
  });

  web.get('/effectifs', { schema: { querystring: query('mois') } }, async (req, reply) => {
    const month = monthField(req.query, 'mois') ?? ctx.today().slice(0, 7);
    const from = isoDate(`${month}-01`);
    const to = monthEnd(month);
    const rows = await counts(from, to);
    const page = monthPage(town, { month, from, to, rows, closures: await ctx.closedBetween(from, to) });
    return ctx.render(req, reply, { ...page, current: 'home' });
  });

  web.get('/effectifs.csv', { schema: { querystring: query('au', 'du') } }, async (req, reply) => {
    const from = dateField(req.query, 'du') ?? ctx.today();
    const to = dateField(req.query, 'au') ?? from;
    if (to < from || eachDate(from, to).length > MAX_EXPORT_DAYS) return ctx.problem(req, reply, 400, 'Période invalide', `Choisissez une période de ${MAX_EXPORT_DAYS} jours au plus, la fin après le début.`);
    const rows = await counts(from, to);
    return reply.type('text/csv; charset=utf-8').header('content-disposition', attachment(`effectifs-${from}-${to}.csv`)).send(headcountCsv(town, rows));
  });

  /** The kitchen's forecast: meals booked per day, service and diet over a period (a week by default), as CSV. */
  web.get('/cuisine.csv', { schema: { querystring: query('au', 'du') } }, async (req, reply) => {
    const from = dateField(req.query, 'du') ?? mondayOf(ctx.workingDay());
    const to = dateField(req.query, 'au') ?? addDays(from, 6);
    if (to < from || eachDate(from, to).length > MAX_EXPORT_DAYS) return ctx.problem(req, reply, 400, 'Période invalide', `Choisissez une période de ${MAX_EXPORT_DAYS} jours au plus, la fin après le début.`);
    const rows = await mealForecast(app.db, from, to, mealServices);
    return reply.type('text/csv; charset=utf-8').header('content-disposition', attachment(`cuisine-${from}-${to}.csv`)).send(kitchenForecastCsv(town, rows));
  });

  web.get('/jour', { schema: { querystring: query('date') } }, async (req, reply) => reply.redirect(`/jour/${dateField(req.query, 'date') ?? ctx.today()}`, 302));

  web.get<{ Params: { date: string } }>('/jour/:date', { schema: { params: params({ date: isoDay }), querystring: query() } }, async (req, reply) => {
    if (!isWebDate(req.params.date)) return ctx.notFound(req, reply, 'Ce jour');
    const date = req.params.date;
    const rows = await counts(date, date);
    const running = rows.map((r) => r.serviceCode);
    const byClass = await classCounts(app.db, date, running);
    const closures = await ctx.closedBetween(date, date);
    const toCall = await familiesToCallOn(app.db, date);
    const supervision = await daySupervision(ctx, reply, date, running);
    const page = dayPage(town, { date, rows, byClass, closures, toCall, supervision, kitchen: await kitchen(date) });
    return ctx.render(req, reply, { ...page, current: 'home' });
  });
};
