/**
 * The town's schools as a list staff keep (the names children's records
 * should use), beside the spellings the records actually have: "jules
 * ferry" and "Jules Ferry" are one school (case and accents aside), a name
 * not on the list is shown so it can be corrected; an import says which of
 * its schools are unknown. Classes are the levels PS to CM2 (school order).
 */
import type { Area } from '../context.js';
import { str } from '../forms.js';
import { html } from '../html.js';
import { csrfField } from '../layout.js';
import { compareNames, foldName } from '../schoolOrder.js';
import { form, query } from '../schemas.js';

export const schoolRoutes: Area = async (web, { ctx }) => {
  const { app } = ctx;

  web.get('/ecoles', { schema: { querystring: query() }, config: { allow: 'lists' } }, async (req, reply) => {
    const list = await ctx.schools.list();
    const known = new Set(list.map(foldName));
    const used = await app.db.child.groupBy({ by: ['school'], _count: { _all: true } });
    const admin = req.staff!.role === 'administrateur';
    return ctx.render(req, reply, {
      title: 'Écoles',
      current: 'families',
      body: html`<h1>Écoles</h1>
${list.length === 0 ? html`<p class="note">Aucune liste d’écoles n’est encore tenue : ajoutez-en une ci-dessous pour que les imports signalent les noms inconnus.</p>` : html`<ul class="cards">${list.map((s) => html`<li>${s}</li>`)}</ul>`}
<h2>Noms d’école dans les dossiers des enfants</h2>
<div class="table-wrap"><table><caption class="visually-hidden">Écoles des enfants</caption><thead><tr><th scope="col">École (telle qu’écrite)</th><th scope="col" class="num">Enfants</th><th scope="col">Dans la liste</th></tr></thead>
<tbody>${used
        .sort((a, b) => compareNames(a.school, b.school))
        .map((u) => html`<tr><td>${u.school}</td><td class="num">${u._count._all}</td><td>${known.has(foldName(u.school)) ? 'oui' : html`<strong class="state-absent">non : à corriger ou à ajouter</strong>`}</td></tr>`)}</tbody></table></div>
${admin ? html`<h2>Modifier la liste</h2><form method="post" action="/ecoles">${csrfField(ctx.csrf(reply))}<label for="ecoles">Une école par ligne</label><textarea id="ecoles" name="ecoles" rows="8">${list.join('\n')}</textarea><div class="actions"><button type="submit">Enregistrer</button></div></form>` : ''}`,
    });
  });

  web.post('/ecoles', { schema: { body: form('ecoles') }, config: { allow: 'configuration' } }, async (req, reply) => {
    const names = [...new Map(str(req.body, 'ecoles').split(/\r?\n/).map((s) => s.trim().replace(/\s+/g, ' ')).filter((s) => s && s.length <= 120).map((s) => [foldName(s), s])).values()].sort(compareNames);
    await ctx.schools.save(names.slice(0, 500));
    return ctx.redirect(req, reply, '/ecoles', { kind: 'ok', lines: [`Liste enregistrée : ${names.length} école(s).`] });
  });
};
