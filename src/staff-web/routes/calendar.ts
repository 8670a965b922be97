/**
 * The calendar: the school year, holidays and public holidays of the
 * town's configuration (read-only), and the extra closures staff add or
 * remove. Closing a day cancels its bookings, and the families hear of it.
 */
import { closeDay } from '../../core/closures/closeDay.js';
import { reopenDay } from '../../core/closures/reopenDay.js';
import type { IsoDate } from '../../core/time.js';
import type { Area } from '../context.js';
import { dateField, str } from '../forms.js';
import { instantFr, longDate, serviceLabel } from '../format.js';
import { html } from '../html.js';
import { may } from '../../core/staff/staffAccounts.js';
import { csrfField } from '../layout.js';
import { familiesReach } from '../queries/reach.js';
import { reachLines } from '../views/notices.js';
import { form, query } from '../schemas.js';
import { refusalText } from '../reasons.js';

export const calendarRoutes: Area = async (web, { ctx }) => {
  const { app, town } = ctx;
  const cal = town.config.calendar;

  web.get('/calendrier', { schema: { querystring: query() } }, async (req, reply) => {
    const csrf = ctx.csrf(reply);
    const admin = may(req.staff!.role, 'closures');
    const closures = await app.db.closure.findMany({ orderBy: [{ date: 'asc' }, { serviceCode: 'asc' }] });
    const scope = (code: string | null) => (code ? serviceLabel(town, code) : 'Tous les services');
    return ctx.render(req, reply, {
      title: 'Calendrier',
      current: 'calendar',
      body: html`<h1>Calendrier ${cal.schoolYear}</h1>
<p>Année scolaire du ${longDate(cal.firstDay)} au ${longDate(cal.lastDay)} (zone ${cal.zone}, académie de ${cal.academie}). Les vacances, jours fériés et ponts viennent du fichier de configuration de la commune ; les fermetures exceptionnelles s’ajoutent ici.</p>

<h2>Fermer un jour</h2>
${admin ? '' : html`<p class="note">Fermer ou rouvrir un jour est réservé aux administrateurs.</p>`}
${admin ? html`<form method="post" action="/calendrier/fermetures" class="no-print">
${csrfField(csrf)}
<div class="grid"><div><label for="date">Jour</label><input type="date" id="date" name="date" required min="${cal.firstDay}" max="${cal.lastDay}"></div>
<div><label for="service">Service</label><select id="service" name="service"><option value="">Tous les services</option>${town.serviceList.map((s) => html`<option value="${s.code}">${s.label}</option>`)}</select></div>
<div><label for="motif">Motif (dit aux familles)</label><input type="text" id="motif" name="motif" required maxlength="200" placeholder="grève, formation…"></div></div>
<p class="note">Toutes les réservations et places en liste d’attente de ce jour (pour ce service) sont annulées, quels que soient les délais, et chaque famille concernée en est prévenue.</p>
<div class="actions"><button type="submit" class="danger" data-confirm="Fermer ce jour et annuler toutes ses réservations ?">Fermer ce jour</button></div>
</form>` : ''}

<h2>Fermetures exceptionnelles</h2>
${
  closures.length === 0 && cal.closures.length === 0
    ? html`<p>Aucune fermeture exceptionnelle.</p>`
    : html`<div class="table-wrap"><table><caption class="visually-hidden">Fermetures exceptionnelles</caption>
<thead><tr><th scope="col">Jour</th><th scope="col">Service</th><th scope="col">Motif</th><th scope="col">Ajoutée par</th><th scope="col" class="no-print">Action</th></tr></thead>
<tbody>${cal.closures.map((c) => html`<tr><td>${longDate(c.date)}</td><td>${scope(c.serviceCode)}</td><td>${c.reason}</td><td>fichier de configuration</td><td class="no-print muted">à changer dans le fichier</td></tr>`)}
${closures.map(
  (c) => html`<tr><td>${longDate(c.date as IsoDate)}</td><td>${scope(c.serviceCode)}</td><td>${c.reason}</td><td>${c.createdBy}, le ${instantFr(c.createdAt, town)}</td>
<td class="no-print">${admin ? html`<form method="post" action="/calendrier/fermetures/supprimer" class="inline">${csrfField(csrf)}<input type="hidden" name="date" value="${c.date}"><input type="hidden" name="service" value="${c.serviceCode ?? ''}">
<button type="submit" class="small secondary" data-confirm="Rouvrir ce jour ? Les réservations annulées ne sont pas rétablies.">Rouvrir<span class="visually-hidden"> le ${longDate(c.date as IsoDate)}</span></button></form>` : ''}</td></tr>`,
)}</tbody></table></div>`
}

<h2>Vacances scolaires</h2>
<div class="table-wrap"><table><caption class="visually-hidden">Vacances scolaires</caption><thead><tr><th scope="col">Période</th><th scope="col">Du</th><th scope="col">Au (inclus)</th></tr></thead>
<tbody>${cal.holidays.map((h) => html`<tr><th scope="row">${h.name}</th><td>${longDate(h.from)}</td><td>${longDate(h.to)}</td></tr>`)}</tbody></table></div>

<h2>Jours fériés et ponts</h2>
<div class="table-wrap"><table><caption class="visually-hidden">Jours fériés et ponts</caption><thead><tr><th scope="col">Jour</th><th scope="col">Nom</th></tr></thead>
<tbody>${[...cal.publicHolidays.map((h) => ({ ...h, bridge: false })), ...cal.bridges.map((b) => ({ ...b, bridge: true }))]
        .sort((a, b) => (a.date < b.date ? -1 : 1))
        .map((h) => html`<tr><td>${longDate(h.date)}</td><td>${h.name}${h.bridge ? ' (pont)' : ''}</td></tr>`)}</tbody></table></div>`,
    });
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
