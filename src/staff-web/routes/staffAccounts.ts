/** Staff accounts, managed by administrateurs: create (one-time password), change role, disable, end sessions. */
import { hash } from '@node-rs/argon2';
import { StaffId } from '../../core/ids.js';
import { addStaffAccount, isRole, ROLES } from '../../core/staff/staffAccounts.js';
import type { Area } from '../context.js';
import { str } from '../forms.js';
import { instantFr } from '../format.js';
import { html } from '../html.js';
import { csrfField } from '../layout.js';
import { z } from 'zod';
import { form, formOf, id, params, query } from '../schemas.js';
import { refusalText } from '../reasons.js';

const ROLE_LABELS = { administrateur: 'Administrateur (comptes, fermetures, configuration, et tout le reste)', agent: 'Agent (familles, réservations, listes)' } as const;

export const staffAccountRoutes: Area = async (web, { ctx }) => {
  const { app, town } = ctx;
  const opts = { config: { allow: 'staff' as const } };

  web.get('/agents', { ...opts, schema: { querystring: query() } }, async (req, reply) => {
    const csrf = ctx.csrf(reply);
    const users = await app.db.staffUser.findMany({ orderBy: { email: 'asc' } });
    const live = await ctx.staffSessions.live(ctx.now(), ctx.idleTimeoutMs);
    return ctx.render(req, reply, {
      title: 'Comptes agents',
      current: 'staff',
      body: html`<h1>Comptes agents</h1>
<h2>Ajouter un compte (ou réinitialiser son mot de passe)</h2>
<form method="post" action="/agents" class="no-print">${csrfField(csrf)}
<div class="grid"><div><label for="email">Adresse email</label><input type="email" id="email" name="email" required maxlength="200"></div>
<div><label for="role">Rôle</label><select id="role" name="role">${ROLES.map((r) => html`<option value="${r}"${r === 'agent' ? html` selected` : ''}>${ROLE_LABELS[r]}</option>`)}</select></div></div>
<p class="note">Un mot de passe à usage unique s’affiche une seule fois : remettez-le à la personne, qui en choisit un à la première connexion.</p>
<div class="actions"><button type="submit">Créer le compte</button></div></form>
<h2>Comptes</h2>
<div class="table-wrap"><table><caption class="visually-hidden">Comptes agents</caption>
<thead><tr><th scope="col">Email</th><th scope="col">Rôle</th><th scope="col">État</th><th scope="col" class="num">Sessions ouvertes</th><th scope="col" class="no-print">Actions</th></tr></thead>
<tbody>${users.map(
        (u) => html`<tr><th scope="row">${u.email}</th><td>${u.role}</td><td>${u.disabledAt ? `désactivé le ${instantFr(u.disabledAt, town)}` : u.mustChangePassword ? 'mot de passe à choisir' : 'actif'}</td><td class="num">${live.get(u.id) ?? 0}</td>
<td class="no-print"><form method="post" action="/agents/${u.id}" class="inline">${csrfField(csrf)}<label for="role-${u.id}" class="visually-hidden">Rôle de ${u.email}</label><select id="role-${u.id}" name="role">${ROLES.map((r) => html`<option value="${r}"${r === u.role ? html` selected` : ''}>${r}</option>`)}</select>
<button type="submit" name="action" value="role" class="small secondary">Changer le rôle</button>
<button type="submit" name="action" value="${u.disabledAt ? 'enable' : 'disable'}" class="small${u.disabledAt ? ' secondary' : ' danger'}">${u.disabledAt ? 'Réactiver' : 'Désactiver'}<span class="visually-hidden"> ${u.email}</span></button>
<button type="submit" name="action" value="sessions" class="small secondary">Fermer ses sessions<span class="visually-hidden"> (${u.email})</span></button></form></td></tr>`,
      )}</tbody></table></div>`,
    });
  });

  web.post('/agents', { ...opts, schema: { body: formOf({ email: z.string().max(200), role: z.enum(ROLES).optional() }) } }, async (req, reply) => {
    const role = str(req.body, 'role');
    const out = await addStaffAccount(
      { accounts: ctx.accounts, random: app.random, hashPassword: (p) => hash(p) },
      { email: str(req.body, 'email'), role: isRole(role) ? role : null, actor: ctx.actor(req), channel: 'web', now: ctx.now() },
    );
    if (!out.ok) return ctx.redirect(req, reply, '/agents', { kind: 'error', lines: [refusalText(out.why)] });
    // The one-time password is shown once, on this page, never kept in a cookie.
    return ctx.render(req, reply, {
      title: 'Compte agent',
      current: 'staff',
      body: html`<h1>${out.existed ? 'Mot de passe réinitialisé' : 'Compte créé'}</h1>
<p>Compte <strong>${str(req.body, 'email').trim().toLowerCase()}</strong>, rôle <strong>${out.role}</strong>. Mot de passe à usage unique, à remettre à la personne :</p>
<p class="code">${out.password}</p>
<p>Il ne sera plus affiché. ${out.existed ? 'Les sessions ouvertes de ce compte sont fermées.' : ''}</p>
<p><a href="/agents">Retour aux comptes</a></p>`,
    });
  });

  web.post<{ Params: { id: string } }>('/agents/:id', { ...opts, schema: { params: params({ id }), body: form('action', 'role') } }, async (req, reply) => {
    const id = StaffId(Number(req.params.id));
    const action = str(req.body, 'action');
    const role = str(req.body, 'role');
    const by = { actor: ctx.actor(req), channel: 'web' as const, now: ctx.now() };
    let ok = false;
    if (action === 'sessions') {
      await ctx.staffSessions.revokeAll(id, ctx.now(), id === req.staff!.id ? req.staff!.sessionId : undefined);
      ok = true;
    } else if (action === 'role' && isRole(role)) ok = await ctx.accounts.update(id, { role }, by);
    else if (action === 'disable' || action === 'enable') ok = id === req.staff!.id && action === 'disable' ? false : await ctx.accounts.update(id, { disabled: action === 'disable' }, by);
    return ctx.redirect(req, reply, '/agents', ok ? { kind: 'ok', lines: ['Compte mis à jour.'] } : { kind: 'error', lines: ['Rien n’a été fait : compte introuvable, ou il ne resterait aucun administrateur actif (on ne se désactive pas soi-même).'] });
  });
};
