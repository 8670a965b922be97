/**
 * The town's information as the assistant gives it to parents (the
 * `information` section of the town file): prices, opening hours, the
 * CCAS's contact, links to the rules and the menus. Read-only: it changes
 * in the town file.
 */
import type { Area } from '../context.js';
import { query } from '../schemas.js';
import { informationPage } from '../views/information.js';

export const informationRoutes: Area = async (web, { ctx }) => {
  const { town } = ctx;
  web.get('/informations', { schema: { querystring: query() } }, async (req, reply) => {
    return ctx.render(req, reply, { title: 'Informations', body: informationPage(town), current: 'information' });
  });
};
