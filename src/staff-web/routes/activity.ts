/**
 * The activity log: every audited change (who, what, when, through which
 * channel, before and after), newest first, filtered by family and dates,
 * written out in words rather than JSON.
 */
import { withNames } from '../auditText.js';
import type { Area } from '../context.js';
import { dateField, idField, str } from '../forms.js';
import { activityEvents } from '../queries/audit.js';
import { familyByReference } from '../queries/families.js';
import { query } from '../schemas.js';
import { activityPage } from '../views/activity.js';

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
    const exact = query ? await familyByReference(app.db, query) : null;
    const found = query && !exact ? (await ctx.familySearch.search(query, MAX_FAMILIES)).hits : [];
    const familyIds = exact ? [exact.id] : found.map((f) => f.id);
    const stored = query && familyIds.length === 0 ? [] : await activityEvents(app.db, { familyIds: query ? familyIds : null, from, to, before, timeZone: town.timeZone, take: PAGE + 1 });
    const { rows, names } = await withNames(app.db, stored.slice(0, PAGE));
    return ctx.render(req, reply, {
      title: 'Activité',
      current: 'activity',
      body: activityPage(town, { query, from, to, before, exact, found, maxFamilies: MAX_FAMILIES, rows, names, more: stored.length > PAGE }),
    });
  });
};
