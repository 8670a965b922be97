/** The waiting lists of a week, service by service and day by day, and giving a waiting child a place. */
import { countHeadcount } from '../../core/bookings/countHeadcount.js';
import { promoteFromWaitingList } from '../../core/bookings/promoteFromWaitingList.js';
import { reasonText } from '../../core/conversation/texts.js';
import { ChildId } from '../../core/ids.js';
import { dayKey } from '../../core/model.js';
import { addDays } from '../../core/time.js';
import type { Area } from '../context.js';
import { checked, dateField, safeReturn, str } from '../forms.js';
import { instantFr, longDate, mondayOf, serviceLabel, shortDate } from '../format.js';
import { html } from '../html.js';
import { csrfField } from '../layout.js';
import { waitingLists } from '../queries/day.js';
import { familiesReach } from '../queries/reach.js';
import { form, query } from '../schemas.js';

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
    const groups = [...new Set(rows.map((r) => dayKey(r.serviceCode, r.date)))];
    const csrf = ctx.csrf(reply);
    const back = only ? `/attente?date=${date}&service=${only}` : `/attente?date=${date}`;
    const title = only ? `Liste d’attente — ${serviceLabel(town, only)} — ${longDate(date)}` : `Listes d’attente — semaine du ${longDate(from)}`;
    return ctx.render(req, reply, {
      title: 'Listes d’attente',
      current: 'waiting',
      body: html`<h1>${title}</h1>
${
  only
    ? html`<p class="actions no-print"><a href="/attente?date=${date}">← Toutes les listes de la semaine</a></p>`
    : html`<p class="actions no-print"><a href="/attente?date=${addDays(from, -7)}">← Semaine précédente</a> · <a href="/attente?date=${addDays(from, 7)}">Semaine suivante →</a></p>
<form method="get" action="/attente" class="actions no-print"><label for="date" class="visually-hidden">Semaine du jour</label><input type="date" id="date" name="date" value="${date}"><button type="submit" class="secondary">Voir cette semaine</button></form>`
}
<p>Une place libérée par une annulation revient d’elle-même au premier de la liste tant que le délai de réservation court ; après, c’est à vous de décider. La famille est prévenue dans les deux cas.</p>
${groups.length === 0 ? html`<p>Aucune liste d’attente ${only ? 'ce jour-là' : 'cette semaine'}.</p>` : ''}
${groups.map((key) => {
  const list = rows.filter((r) => dayKey(r.serviceCode, r.date) === key);
  const first = list[0]!;
  const total = first.total;
  const count = counts.get(key);
  const full = count ? count.booked >= count.capacity : false;
  const id = `h-${key.replace('|', '-')}`;
  return html`<section aria-labelledby="${id}"><h2 id="${id}">${serviceLabel(town, first.serviceCode)} — ${longDate(first.date)}</h2>
<p>${count ? `${count.booked} inscrit(s) pour ${count.capacity} places${full ? ' : complet' : ''} ; ` : ''}${total} en attente.</p>
<div class="table-wrap"><table><caption class="visually-hidden">Liste d’attente, ${serviceLabel(town, first.serviceCode)}, ${shortDate(first.date)}</caption>
<thead><tr><th scope="col" class="num">Rang</th><th scope="col">Enfant</th><th scope="col">Classe</th><th scope="col">Inscrit en attente le</th><th scope="col" class="no-print">Action</th></tr></thead>
<tbody>${list.map(
    (r) => html`<tr><td class="num">${r.rank}</td><td><a href="/familles/${r.familyId}">${r.firstName} ${r.lastName}</a> <span class="muted">${r.reference}</span></td><td>${r.school}, ${r.className}</td><td>${instantFr(r.since, town)}</td>
<td class="no-print"><form method="post" action="/attente/promouvoir" class="inline">${csrfField(csrf)}<input type="hidden" name="enfant" value="${r.childId}"><input type="hidden" name="service" value="${r.serviceCode}"><input type="hidden" name="date" value="${r.date}"><input type="hidden" name="retour" value="${back}">
${full ? html`<label class="check"><input type="checkbox" name="depasser" value="1"> au-delà de la capacité</label>` : ''}<button type="submit" class="small">Donner la place<span class="visually-hidden"> à ${r.firstName} ${r.lastName}</span></button></form></td></tr>`,
  )}</tbody></table></div>
${total > list.length ? html`<p><a href="/attente?date=${first.date}&amp;service=${first.serviceCode}">Toute la liste (${total})</a></p>` : ''}</section>`;
})}`,
    });
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
    const child = await app.db.child.findUnique({ where: { id: childId }, select: { firstName: true, lastName: true, familyId: true } });
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
