/**
 * The calendar: the school year, holidays and public holidays of the
 * town's configuration (read-only), and the extra closures staff add or
 * remove. Closing a day cancels its bookings, and the families hear of it.
 */
import { closeDay } from '../../core/closures/closeDay.js';
import { reopenDay } from '../../core/closures/reopenDay.js';
import type { Area } from '../context.js';
import { dateField, str } from '../forms.js';
import { longDate, serviceLabel } from '../format.js';
import { may } from '../../core/staff/staffAccounts.js';
import { staffClosures } from '../queries/closures.js';
import { familiesReach } from '../queries/reach.js';
import { reachLines } from '../views/notices.js';
import { form, query } from '../schemas.js';
import { refusalText } from '../reasons.js';
import { calendarPage } from '../views/calendar.js';

export const calendarRoutes: Area = async (web, { ctx }) => {
  const { app, town } = ctx;

  web.get('/calendrier', { schema: { querystring: query() } }, async (req, reply) => {
    const page = calendarPage(town, { closures: await staffClosures(app.db), admin: may(req.staff!.role, 'closures'), csrf: ctx.csrf(reply) });
    return ctx.render(req, reply, { ...page, current: 'calendar' });
  });

  web.post('/calendrier/fermetures', { schema: { body: form('date', 'motif', 'service') }, config: { allow: 'closures' } }, async (req, reply) => {
    const date = dateField(req.body, 'date');
    const code = str(req.body, 'service') || null;
    if (!date) return ctx.redirect(req, reply, '/calendrier', { kind: 'error', lines: ['Choisissez un jour.'] });
    const result = await closeDay(
      { store: app.store, town, closures: ctx.closures },
      { date, serviceCode: code, reason: str(req.body, 'motif').slice(0, 200), actor: ctx.actor(req), channel: 'web', now: ctx.now() },
    );
    if (!result.ok) {
      const why = refusalText(result.why);
      return ctx.redirect(req, reply, '/calendrier', { kind: 'error', lines: [`Rien n’a été fait : ${why}`] });
    }
    const cancelled = result.items.filter((i) => i.outcome === 'cancelled').length;
    const left = result.items.filter((i) => i.outcome === 'left_waiting_list').length;
    const reach = await familiesReach(app.db, result.families);
    return ctx.redirect(req, reply, `/jour/${date}`, {
      kind: 'ok',
      lines: [
        `${result.created ? 'Fermeture ajoutée' : 'Ce jour était déjà fermé'} : ${code ? serviceLabel(town, code) : 'tous les services'}, ${longDate(date)}.`,
        `${cancelled} réservation(s) annulée(s) et ${left} place(s) en liste d’attente retirée(s), pour ${result.families.length} famille(s).`,
        ...reachLines(reach),
      ],
    });
  });

  web.post('/calendrier/fermetures/supprimer', { schema: { body: form('date', 'service') }, config: { allow: 'closures' } }, async (req, reply) => {
    const date = dateField(req.body, 'date');
    const code = str(req.body, 'service') || null;
    if (!date) return ctx.redirect(req, reply, '/calendrier', { kind: 'error', lines: ['Fermeture introuvable.'] });
    const result = await reopenDay({ closures: ctx.closures }, { date, serviceCode: code, actor: ctx.actor(req), channel: 'web', now: ctx.now() });
    return ctx.redirect(
      req,
      reply,
      '/calendrier',
      result.ok
        ? { kind: 'ok', lines: [`Jour rouvert : ${code ? serviceLabel(town, code) : 'tous les services'}, ${longDate(date)}. Les réservations annulées ne sont pas rétablies : les familles peuvent réserver de nouveau.`] }
        : { kind: 'error', lines: [refusalText(result.why)] },
    );
  });
};
