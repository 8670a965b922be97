/**
 * The activity log: every audited change (who, what, when, through which
 * channel, before and after), newest first, filtered by family and dates,
 * written out in words rather than JSON.
 */
import type { FastifyInstance } from 'fastify';
import { addDays, zonedInstant } from '../../core/time.js';
import { auditTable, withNames } from '../auditText.js';
import type { WebContext } from '../context.js';
import { dateField, idField, str } from '../forms.js';
import { html } from '../html.js';

const PAGE = 100;

export function activityRoutes(web: FastifyInstance, ctx: WebContext): void {
  const { app, town } = ctx;

  web.get('/activite', async (req, reply) => {
    const reference = str(req.query, 'famille').trim().slice(0, 100);
    const from = dateField(req.query, 'du');
    const to = dateField(req.query, 'au');
    const before = idField(req.query, 'avant');
    const family = reference ? await app.db.family.findUnique({ where: { reference }, select: { id: true, reference: true } }) : null;
    const stored =
      reference && !family
        ? []
        : await app.db.auditEvent.findMany({
            where: {
              ...(family ? { familyId: family.id } : {}),
              ...(from || to ? { at: { ...(from ? { gte: zonedInstant(from, '00:00', town.timeZone) } : {}), ...(to ? { lt: zonedInstant(addDays(to, 1), '00:00', town.timeZone) } : {}) } } : {}),
              ...(before ? { id: { lt: before } } : {}),
            },
            orderBy: { id: 'desc' },
            take: PAGE + 1,
          });
    const more = stored.length > PAGE;
    const { rows, names } = await withNames(app.db, stored.slice(0, PAGE));
    const older = new URLSearchParams({ ...(reference ? { famille: reference } : {}), ...(from ? { du: from } : {}), ...(to ? { au: to } : {}), avant: String(rows[rows.length - 1]?.id ?? 0) });
    return ctx.render(req, reply, {
      title: 'Activité',
      current: 'activity',
      body: html`<h1>Activité</h1>
<form method="get" action="/activite" class="no-print"><div class="grid">
<div><label for="famille">Famille (n° de dossier)</label><input type="text" id="famille" name="famille" value="${reference}"></div>
<div><label for="du">Du</label><input type="date" id="du" name="du" value="${from ?? ''}"></div>
<div><label for="au">Au (inclus)</label><input type="date" id="au" name="au" value="${to ?? ''}"></div></div>
<div class="actions"><button type="submit">Filtrer</button> <a href="/activite">Tout afficher</a></div></form>
${reference && !family ? html`<p class="flash error" role="alert">Aucune famille n’a la référence « ${reference} ».</p>` : ''}
${family ? html`<p>Activité de la famille <a href="/familles/${family.id}">${family.reference}</a>.</p>` : ''}
${rows.length === 0 ? html`<p>Aucune activité${from || to ? ' sur cette période' : ''}.</p>` : auditTable(rows, names, town, 'Journal d’activité')}
${more ? html`<p class="no-print"><a href="/activite?${older.toString()}">Plus ancien →</a></p>` : ''}`,
    });
  });
}
