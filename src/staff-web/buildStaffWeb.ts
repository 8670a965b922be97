/**
 * The staff web (fastify): sign-in, headcounts and lists, families,
 * activation letters, bookings, waiting lists, the calendar, the activity
 * log and the "try the assistant" page. Server-rendered French HTML, no
 * build step. Every page but the sign-in needs a signed-in agent; every
 * form carries the session's CSRF token.
 */
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import multipart from '@fastify/multipart';
import cookie from '@fastify/cookie';
import csrfProtection from '@fastify/csrf-protection';
import { STYLESHEET, SCRIPT } from './assets.js';
import { loadStaff, WebContext, type StaffWebDeps } from './context.js';
import { may } from '../core/staff/staffAccounts.js';
import { parseForm } from './forms.js';
import { fieldsOf, serializerCompiler, validatorCompiler } from './schemas.js';
import { SESSION_COOKIE } from './session.js';
import { activationRoutes } from './routes/activation.js';
import { activityRoutes } from './routes/activity.js';
import { authRoutes } from './routes/auth.js';
import { bookingRoutes } from './routes/bookings.js';
import { calendarRoutes } from './routes/calendar.js';
import { familyRoutes } from './routes/families.js';
import { familyImportRoutes } from './routes/familyImport.js';
import { headcountRoutes } from './routes/headcounts.js';
import { rollCallRoutes } from './routes/rollCalls.js';
import { informationRoutes } from './routes/information.js';
import { tryItRoutes } from './routes/tryIt.js';
import { staffAccountRoutes } from './routes/staffAccounts.js';
import { outboxRoutes } from './routes/outbox.js';
import { schoolRoutes } from './routes/schools.js';
import { waitingListRoutes } from './routes/waitingList.js';
import { supervisionRoutes } from './routes/supervision.js';

export type { StaffWebDeps } from './context.js';

/** Pages a staff member who must change their password can still reach. */
const WHILE_PASSWORD_MUST_CHANGE = new Set(['/mot-de-passe', '/deconnexion']);

const SECURITY_HEADERS = {
  'content-security-policy': "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'same-origin',
};

/** Builds the staff web; `src/main.ts` starts it, tests call it through `inject`. */
export function buildStaffWeb(deps: StaffWebDeps): FastifyInstance {
  const web = Fastify({ logger: deps.logger ?? false, ...(deps.trustProxy !== undefined ? { trustProxy: deps.trustProxy } : {}) });
  const ctx = new WebContext(deps);

  // For the proxy and the monitoring: 200 while the database answers, 503 otherwise.
  web.get('/health', async (_req, reply) => {
    try {
      await deps.app.db.$queryRawUnsafe('SELECT 1');
      return { ok: true };
    } catch {
      return reply.code(503).send({ ok: false, error: 'database' });
    }
  });

  // Everything of the dashboard in one encapsulated scope: its hooks leave
  // alone the routes others add to the root (the Telegram webhook).
  web.register(async (scope) => {
    await ctx.init();
    // Every route's input schema is zod (schemas.ts).
    scope.setValidatorCompiler(validatorCompiler);
    scope.setSerializerCompiler(serializerCompiler);
    scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 4 * 1024 * 1024 }, (_req, body, done) => {
      done(null, parseForm(body as string));
    });
    await scope.register(multipart, { limits: { fileSize: 2 * 1024 * 1024, files: 1, fields: 10, fieldSize: 4096 } });
    // Cookies parsed and written by @fastify/cookie (the values signed by Sessions, see session.ts).
    await scope.register(cookie);
    // CSRF tokens made and checked by @fastify/csrf-protection against a secret the session holds
    // (its "@fastify/session" mode reads `req.session[sessionKey]`: our session, kept in its signed
    // cookie and in StaffSession, plays that part); the token is the form's `_csrf` field.
    await scope.register(csrfProtection, { sessionPlugin: '@fastify/session', sessionKey: 'csrfSecret' });
    ctx.csrfProtection = scope.csrfProtection;
    scope.decorateRequest('session', null);
    scope.decorateRequest('staff', null);

    scope.addHook('onRequest', async (req, reply) => {
      reply.headers(SECURITY_HEADERS);
      if (req.routeOptions.config.public && req.url.startsWith('/static/')) return;
      req.session = ctx.sessions.decode(req.cookies[SESSION_COOKIE], ctx.now());
      req.staff = await loadStaff(ctx, req.session);
      reply.header('cache-control', 'no-store');
      if (req.routeOptions.config.public) return;
      if (!req.staff) {
        const back = req.method === 'GET' && req.url !== '/' ? `?suite=${encodeURIComponent(req.url)}` : '';
        return reply.redirect(`/connexion${back}`, 302);
      }
      if (req.staff.mustChangePassword && !WHILE_PASSWORD_MUST_CHANGE.has(req.routeOptions.url ?? '')) return reply.redirect('/mot-de-passe', 302);
      const needs = req.routeOptions.config.allow;
      if (needs && !may(req.staff.role, needs)) return ctx.notAllowed(req, reply);
    });

    scope.addHook('preHandler', (req, reply, done) => {
      if (req.method !== 'POST' || req.routeOptions.config.csrfInHandler) return done();
      if (ctx.csrfValid(req, reply)) done();
    });

    scope.setErrorHandler((error: FastifyError, req, reply) => {
      // @fastify/csrf-protection's refusals (no token, a wrong one): the form is stale or forged.
      if (error.code?.startsWith('FST_CSRF_')) return ctx.forbidden(req, reply);
      // A route's input schema refused the request: a path naming nothing, or a form or query no page of ours sends.
      if (error.code === 'FST_ERR_VALIDATION') {
        req.log.info({ fields: fieldsOf(error), part: error.validationContext }, 'input refused by its schema');
        if (error.validationContext === 'params') return ctx.notFound(req, reply);
        const fields = fieldsOf(error);
        return ctx.problem(
          req,
          reply,
          400,
          'Demande refusée',
          `La demande n’a pas pu être lue${fields.length ? ` (${fields.length > 1 ? 'champs' : 'champ'} ${fields.map((f) => `« ${f} »`).join(', ')})` : ''}. Rechargez la page et recommencez ; si cela recommence, prévenez le service informatique.`,
        );
      }
      const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
      if (status === 500) req.log.error(error);
      const message =
        status === 413
          ? 'Le fichier ou le formulaire envoyé est trop volumineux (2 Mo au plus).'
          : status === 500
            ? 'Une erreur inattendue s’est produite ; rien n’a été enregistré par cette action si elle n’a pas abouti. Réessayez, et si cela recommence, prévenez le service informatique.'
            : 'La demande n’a pas pu être lue. Rechargez la page et recommencez.';
      return ctx.problem(req, reply, status, status === 500 ? 'Erreur' : 'Demande refusée', message);
    });

    scope.get('/static/app.css', { config: { public: true } }, async (_req, reply) =>
      reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').send(STYLESHEET),
    );
    scope.get('/static/app.js', { config: { public: true } }, async (_req, reply) =>
      reply.type('text/javascript; charset=utf-8').header('cache-control', 'public, max-age=3600').send(SCRIPT),
    );

    // One plugin per area, each given the context (stores and page helpers) by the app.
    await scope.register(authRoutes, { ctx });
    await scope.register(headcountRoutes, { ctx });
    await scope.register(rollCallRoutes, { ctx });
    await scope.register(familyRoutes, { ctx });
    await scope.register(familyImportRoutes, { ctx });
    await scope.register(activationRoutes, { ctx });
    await scope.register(bookingRoutes, { ctx });
    await scope.register(waitingListRoutes, { ctx });
    await scope.register(calendarRoutes, { ctx });
    await scope.register(activityRoutes, { ctx });
    await scope.register(tryItRoutes, { ctx });
    await scope.register(staffAccountRoutes, { ctx });
    await scope.register(outboxRoutes, { ctx });
    await scope.register(schoolRoutes, { ctx });
    await scope.register(informationRoutes, { ctx });
    await scope.register(supervisionRoutes, { ctx });

    scope.setNotFoundHandler(async (req, reply) => {
      reply.headers(SECURITY_HEADERS);
      return ctx.notFound(req, reply);
    });
  });

  web.addHook('onClose', async () => ctx.close());
  return web;
}
