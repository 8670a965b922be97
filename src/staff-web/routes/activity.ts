/**
 * The activity log: every audited change (who, what, when, through which
 * channel, before and after), newest first, filtered by family and dates,
 * written out in words rather than JSON.
 */
import { addDays, zonedInstant } from '../../core/time.js';
import { auditTable, withNames } from '../auditText.js';
import type { Area } from '../context.js';
import { dateField, idField, str } from '../forms.js';
import { html } from '../html.js';
import { query } from '../schemas.js';

const PAGE = 100;
/** Families a name search follows at most. */
const MAX_FAMILIES = 20;

export const activityRoutes: Area = async (web, { ctx }) => {
  const { app, town } = ctx;

  web.get('/activite', { schema: { querystring: query('au', 'avant', 'du', 'famille') } }, async (req, reply) => {
    const query = str(req.query, 'famille').trim().slice(0, 100);
    const from = dateField(req.query, 'du');
    const to = dateField(req.query, 'au');
    const before = idField(req.query, 'avant');
    // A file number, or else a name (guardian or child), an email, a phone: the families it finds.
    const exact = query ? await app.db.family.findUnique({ where: { reference: query }, select: { id: true, reference: true } }) : null;
    const found = query && !exact ? (await ctx.familySearch.search(query, MAX_FAMILIES)).hits : [];
    const familyIds = exact ? [exact.id] : found.map((f) => f.id);
    const cursor = before ? await app.db.auditEvent.findUnique({ where: { id: before }, select: { id: true, at: true } }) : null;
    const stored =
      query && familyIds.length === 0
        ? []
        : await app.db.auditEvent.findMany({
            where: {
              ...(query ? { familyId: familyIds.length === 1 ? familyIds[0]! : { in: familyIds } } : {}),
              ...(from || to ? { at: { ...(from ? { gte: zonedInstant(from, '00:00', town.timeZone) } : {}), ...(to ? { lt: zonedInstant(addDays(to, 1), '00:00', town.timeZone) } : {}) } } : {}),
              // Newest first by instant (the [at] index gives that order), the id breaking ties; a page starts after the last one shown.
              ...(cursor ? { OR: [{ at: { lt: cursor.at } }, { at: cursor.at, id: { lt: cursor.id } }] } : {}),
            },
            orderBy: [{ at: 'desc' }, { id: 'desc' }],
            take: PAGE + 1,
          });
    const more = stored.length > PAGE;
    const { rows, names } = await withNames(app.db, stored.slice(0, PAGE));
    const older = new URLSearchParams({ ...(query ? { famille: query } : {}), ...(from ? { du: from } : {}), ...(to ? { au: to } : {}), avant: String(rows[rows.length - 1]?.id ?? 0) });
    const first = new URLSearchParams({ ...(query ? { famille: query } : {}), ...(from ? { du: from } : {}), ...(to ? { au: to } : {}) });
    return ctx.render(req, reply, {
      title: 'Activité',
      current: 'activity',
      body: html`<h1>Activité</h1>
<form method="get" action="/activite" class="no-print"><div class="grid">
<div><label for="famille">Famille (n° de dossier, nom d’un responsable ou d’un enfant, email, téléphone)</label><input type="text" id="famille" name="famille" value="${query}"></div>
<div><label for="du">Du</label><input type="date" id="du" name="du" value="${from ?? ''}"></div>
<div><label for="au">Au (inclus)</label><input type="date" id="au" name="au" value="${to ?? ''}"></div></div>
<div class="actions"><button type="submit">Filtrer</button> <a href="/activite">Tout afficher</a></div></form>
${query && familyIds.length === 0 ? html`<p class="flash error" role="alert">Aucune famille ne correspond à « ${query} ».</p>` : ''}
${exact ? html`<p>Activité de la famille <a href="/familles/${exact.id}">${exact.reference}</a>.</p>` : ''}
${found.length ? html`<p>Activité de ${found.length === MAX_FAMILIES ? `${MAX_FAMILIES} familles au plus` : `${found.length} famille${found.length > 1 ? 's' : ''}`} : ${found.map((f, i) => html`${i ? ', ' : ''}<a href="/familles/${f.id}">${f.reference}</a>`)}.</p>` : ''}
${before ? html`<p class="no-print"><a href="/activite?${first.toString()}">← Les plus récentes</a></p>` : ''}
${rows.length === 0 ? html`<p>Aucune activité${from || to ? ' sur cette période' : ''}.</p>` : auditTable(rows, names, town, 'Journal d’activité')}
${more ? html`<p class="no-print"><a href="/activite?${older.toString()}">Plus ancien →</a></p>` : ''}`,
    });
  });
};
