/**
 * The town's schools as a list staff keep (the names children's records
 * should use), beside the spellings the records actually have: "jules
 * ferry" and "Jules Ferry" are one school (case and accents aside), a name
 * not on the list is shown so it can be corrected; an import says which of
 * its schools are unknown. Classes are the levels PS to CM2 (school order).
 */
import type { Area } from '../context.js';
import { str } from '../forms.js';
import { childrenBySchool } from '../queries/families.js';
import { compareNames, foldName } from '../schoolOrder.js';
import { form, query } from '../schemas.js';
import { schoolsPage } from '../views/schools.js';

export const schoolRoutes: Area = async (web, { ctx }) => {
  const { app } = ctx;

  web.get('/ecoles', { schema: { querystring: query() }, config: { allow: 'lists' } }, async (req, reply) => {
    const list = await ctx.schools.list();
    const page = schoolsPage({ list, used: await childrenBySchool(app.db), admin: req.staff!.role === 'administrateur', csrf: ctx.csrf(reply) });
    return ctx.render(req, reply, { title: 'Écoles', current: 'families', body: page });
  });

  web.post('/ecoles', { schema: { body: form('ecoles') }, config: { allow: 'configuration' } }, async (req, reply) => {
    const names = [...new Map(str(req.body, 'ecoles').split(/\r?\n/).map((s) => s.trim().replace(/\s+/g, ' ')).filter((s) => s && s.length <= 120).map((s) => [foldName(s), s])).values()].sort(compareNames);
    await ctx.schools.save(names.slice(0, 500));
    return ctx.redirect(req, reply, '/ecoles', { kind: 'ok', lines: [`Liste enregistrée : ${names.length} école(s).`] });
  });
};
