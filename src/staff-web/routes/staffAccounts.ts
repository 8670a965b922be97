/** Staff accounts, managed by administrateurs: create (one-time password), change role, disable, end sessions. */
import { hash } from '@node-rs/argon2';
import { StaffId } from '../../core/ids.js';
import { addStaffAccount, isRole, ROLES } from '../../core/staff/staffAccounts.js';
import type { Area } from '../context.js';
import { str } from '../forms.js';
import { staffList } from '../queries/staff.js';
import { oneTimePasswordPage, staffAccountsPage } from '../views/staffAccounts.js';
import { z } from 'zod';
import { form, formOf, id, params, query } from '../schemas.js';
import { refusalText } from '../reasons.js';

export const staffAccountRoutes: Area = async (web, { ctx }) => {
  const { app, town } = ctx;
  const opts = { config: { allow: 'staff' as const } };

  web.get('/agents', { ...opts, schema: { querystring: query() } }, async (req, reply) => {
    const csrf = ctx.csrf(reply);
    const users = await staffList(app.db);
    const live = await ctx.staffSessions.live(ctx.now(), ctx.idleTimeoutMs);
    return ctx.render(req, reply, {
      title: 'Comptes agents',
      current: 'staff',
      body: staffAccountsPage({ users, live, csrf, town }),
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
      body: oneTimePasswordPage({ email: str(req.body, 'email').trim().toLowerCase(), role: out.role, password: out.password, existed: out.existed }),
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
