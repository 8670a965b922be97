/** The waiting lists of a week, service by service and day by day, and giving a waiting child a place. */
import { countHeadcount } from '../../core/bookings/countHeadcount.js';
import { promoteFromWaitingList } from '../../core/bookings/promoteFromWaitingList.js';
import { reasonText } from '../../core/conversation/texts.js';
import { ChildId } from '../../core/ids.js';
import { dayKey } from '../../core/model.js';
import { addDays } from '../../core/time.js';
import type { Area } from '../context.js';
import { checked, dateField, safeReturn, str } from '../forms.js';
import { longDate, mondayOf, serviceLabel } from '../format.js';
import { waitingLists } from '../queries/day.js';
import { childSummary } from '../queries/families.js';
import { familiesReach } from '../queries/reach.js';
import { form, query } from '../schemas.js';
import { waitingListPage } from '../views/waitingList.js';

/** Places shown per list on the week's page (the whole list is one click away). */
const SHOWN = 20;

export const waitingListRoutes: Area = async (web, { ctx }) => {
  const { app, town } = ctx;

  web.get('/attente', { schema: { querystring: query('date', 'service') } }, async (req, reply) => {
    const date = dateField(req.query, 'date') ?? ctx.workingDay();
    // One list in full (?service=…), or the week's lists, each cut to its first places.
    const only = town.service(str(req.query, 'service')) ? str(req.query, 'service') : null;
    const from = only ? date : mondayOf(date);
    const to = only ? date : addDays(from, 6);
    const rows = await waitingLists(app.db, from, to, only ? [only] : town.serviceList.map((s) => s.code), only ? undefined : SHOWN);
    const counts = new Map((await countHeadcount({ store: app.store, town }, { from, to })).map((r) => [dayKey(r.serviceCode, r.date), r]));
    const page = waitingListPage(town, { date, only, from, rows, counts, csrf: ctx.csrf(reply) });
    return ctx.render(req, reply, { ...page, current: 'waiting' });
  });

  web.post('/attente/promouvoir', { schema: { body: form('date', 'depasser', 'enfant', 'retour', 'service') } }, async (req, reply) => {
    const childId = Number(str(req.body, 'enfant'));
    const code = str(req.body, 'service');
    const date = dateField(req.body, 'date');
    const back = /^\/attente([?#]|$)/.test(str(req.body, 'retour')) ? safeReturn(str(req.body, 'retour'), '/attente') : '/attente';
    if (!Number.isInteger(childId) || childId <= 0 || !date) return ctx.redirect(req, reply, back, { kind: 'error', lines: ['Demande incomplète.'] });
    const out = await promoteFromWaitingList(
      { store: app.store, town },
      { childId: ChildId(childId), serviceCode: code, date, actor: ctx.actor(req), channel: 'web', now: ctx.now(), overCapacity: checked(req.body, 'depasser') },
    );
    const child = await childSummary(app.db, childId);
    const who = child ? `${child.firstName} ${child.lastName}` : 'L’enfant';
    const what = `${serviceLabel(town, code)}, ${longDate(date)}`;
    switch (out.outcome) {
      case 'promoted': {
        const reach = await familiesReach(app.db, child ? [child.familyId] : []);
        const told = reach.reached > 0 ? 'La famille en est prévenue (Telegram ou email).' : `La famille n’a ni Telegram ni email : appelez-la${reach.toCall[0] ? ` (${reach.toCall[0].guardians.map((g) => `${g.name}${g.phone ? ` ${g.phone}` : ''}`).join(', ')})` : ''}.`;
        return ctx.redirect(req, reply, back, { kind: 'ok', lines: [`${who} a maintenant sa place (${what})${out.overCapacity ? ', au-delà de la capacité' : ''}. ${told}`] });
      }
      case 'full':
        return ctx.redirect(req, reply, back, { kind: 'error', lines: [`Complet (${out.taken} inscrit(s) pour ${out.capacity} place(s)) : cochez « au-delà de la capacité » pour donner quand même la place à ${who}.`] });
      case 'not_waiting':
        return ctx.redirect(req, reply, back, { kind: 'error', lines: [`${who} n’est plus sur la liste d’attente (${what}).`] });
      case 'refused':
        return ctx.redirect(req, reply, back, { kind: 'error', lines: [`Impossible : ${reasonText(out.reason, { town: town.config, lang: 'fr', service: town.service(code)?.shortLabel ?? code })}.`] });
    }
  });
};
