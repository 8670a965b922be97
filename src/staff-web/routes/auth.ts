/** Signing in and out, and changing one's password (forced at first sign-in). */
import { hash, verify } from '@node-rs/argon2';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { changeStaffPassword } from '../../core/staff/changeStaffPassword.js';
import { sessionKey, type Area } from '../context.js';
import { safeReturn, str } from '../forms.js';
import { longDate } from '../format.js';
import { staffByEmail, staffCount } from '../queries/staff.js';
import { passwordPage, signInPage } from '../views/auth.js';
import { form, query } from '../schemas.js';
import { refusalText } from '../reasons.js';

// Checked when the email is unknown, so a wrong email takes as long as a wrong password.
let dummyHash: Promise<string> | undefined;

export const authRoutes: Area = async (web, { ctx }) => {
  const loginPage = async (req: FastifyRequest, reply: FastifyReply, opts: { email?: string; error?: string; status?: number; suite?: string }) => {
    if (!req.session) ctx.setSession(req, reply, ctx.sessions.issue(ctx.now()));
    const noStaff = (await staffCount(ctx.app.db)) === 0;
    const suite = safeReturn(opts.suite ?? '', '');
    return ctx.render(req, reply, {
      title: 'Connexion',
      status: opts.status,
      flash: opts.error ? { kind: 'error', lines: [opts.error] } : undefined,
      body: signInPage({ today: longDate(ctx.today()), noStaff, csrf: ctx.csrf(reply), suite, email: opts.email ?? '' }),
    });
  };

  web.get('/connexion', { schema: { querystring: query('suite') }, config: { public: true } }, async (req, reply) => {
    if (req.staff) return reply.redirect('/', 302);
    return loginPage(req, reply, { suite: str(req.query, 'suite') });
  });

  web.post('/connexion', { schema: { body: form('email', 'password', 'suite') }, config: { public: true } }, async (req, reply) => {
    const email = str(req.body, 'email').trim().toLowerCase();
    const password = str(req.body, 'password');
    const suite = str(req.body, 'suite');
    // The attempt is counted before the password is checked, so that guesses sent at once count each other.
    const { waitMs: wait, attempt } = await ctx.limiter.begin(email, req.ip);
    if (!attempt) {
      const minutes = Math.max(1, Math.ceil(wait / 60_000));
      return loginPage(req, reply, { email, suite, status: 429, error: `Trop de tentatives de connexion pour ce compte : réessayez dans ${minutes} minute${minutes > 1 ? 's' : ''}.` });
    }
    const user = email ? await staffByEmail(ctx.app.db, email) : null;
    dummyHash ??= hash('not-a-password-of-anyone');
    const ok = user ? await verify(user.passwordHash, password).catch(() => false) : (await verify(await dummyHash, password).catch(() => false)) && false;
    if (!user || !ok) {
      await ctx.limiter.prune();
      return loginPage(req, reply, { email, suite, status: 401, error: 'Adresse email ou mot de passe incorrect.' });
    }
    if (user.disabledAt) {
      await ctx.limiter.prune();
      return loginPage(req, reply, { email, suite, status: 401, error: 'Adresse email ou mot de passe incorrect.' });
    }
    await ctx.limiter.succeed(email, attempt);
    // A fresh session (new nonce, so a new CSRF token) at every sign-in, recorded so it can be ended.
    const session = ctx.sessions.issue(ctx.now(), user);
    await ctx.staffSessions.open(sessionKey(session), user.id, ctx.now());
    ctx.setSession(req, reply, session);
    if (user.mustChangePassword) return reply.redirect('/mot-de-passe', 303);
    return reply.redirect(safeReturn(suite, '/'), 303);
  });

  web.post('/deconnexion', { schema: { body: form() } }, async (req, reply) => {
    if (req.session) {
      ctx.sessions.revoke(req.session, ctx.now());
      await ctx.staffSessions.revoke(sessionKey(req.session), ctx.now());
    }
    // The sign-in page needs an anonymous session for its own form.
    ctx.setSession(req, reply, ctx.sessions.issue(ctx.now()));
    return ctx.redirect(req, reply, '/connexion', { kind: 'ok', lines: ['Vous êtes déconnecté.'] });
  });

  const showPasswordPage = (req: FastifyRequest, reply: FastifyReply, error?: string) => {
    const first = req.staff!.mustChangePassword;
    return ctx.render(req, reply, {
      title: 'Mot de passe',
      status: error ? 400 : 200,
      flash: error ? { kind: 'error', lines: [error] } : undefined,
      body: passwordPage({ first, csrf: ctx.csrf(reply) }),
    });
  };

  web.get('/mot-de-passe', { schema: { querystring: query() } }, async (req, reply) => showPasswordPage(req, reply));

  web.post('/mot-de-passe', { schema: { body: form('confirmation', 'current', 'next') } }, async (req, reply) => {
    const result = await changeStaffPassword(
      { passwords: ctx.passwords, hash: (p) => hash(p), verify: (h, p) => verify(h, p).catch(() => false) },
      { staffId: req.staff!.id, current: str(req.body, 'current'), next: str(req.body, 'next'), confirmation: str(req.body, 'confirmation'), channel: 'web', now: ctx.now() },
    );
    if (!result.ok) return showPasswordPage(req, reply, refusalText(result.why));
    // The old password's sessions end; this one goes on with the new password.
    const session = ctx.sessions.issue(ctx.now(), { id: req.staff!.id, passwordHash: result.passwordHash });
    await ctx.staffSessions.revokeAll(req.staff!.id, ctx.now());
    await ctx.staffSessions.open(sessionKey(session), req.staff!.id, ctx.now());
    ctx.setSession(req, reply, session);
    return ctx.redirect(req, reply, '/', { kind: 'ok', lines: ['Mot de passe enregistré.'] });
  });
};
