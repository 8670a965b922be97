/**
 * What every route of the staff web shares: the application, the clock,
 * the sessions, the small stores of its own use cases, and the helpers that
 * render a page, redirect with a message, or refuse.
 */
import type { FastifyInstance, FastifyPluginAsync, FastifyReply, FastifyRequest, RawServerDefault } from 'fastify';
import type { ZodTypeProvider } from './schemas.js';
import { buildApp, type App } from '../app.js';
import { StaffId } from '../core/ids.js';
import { addDays, isoWeekday, type Clock, type IsoDate } from '../core/time.js';
import type { Town } from '../core/town.js';
import type { ExtraClosure } from '../core/calendar.js';
import { appSecret } from '../db/appSecret.js';
import { html, type Html } from './html.js';
import { page, type NavKey } from './layout.js';
import { DEFAULT_LOGIN_LIMITS, LoginLimiter, type LoginLimits } from './loginLimiter.js';
import { PrismaLoginFailures, PrismaStaffAccounts, PrismaStaffSessions } from '../db/staffAccountStore.js';
import { isRole, type Role } from '../core/staff/staffAccounts.js';
import { createHash } from 'node:crypto';
import { FLASH_COOKIE, SESSION_COOKIE, SESSION_MAX_AGE_MS, Sessions, type Flash, type SessionData } from './session.js';
import { PrismaClosureStore, PrismaStaffPasswords } from '../db/staffWebStores.js';
import { PrismaAttendanceStore } from '../db/attendanceStore.js';
import { PrismaStaffPlanStore } from '../db/staffPlanStore.js';
import { FamilySearch } from './queries/families.js';
import { PrismaSchoolList } from '../db/schoolListStore.js';

/** What `buildStaffWeb` takes. */
export interface StaffWebDeps {
  app: App;
  clock: Clock;
  /** fastify's logger (off by default). */
  logger?: boolean;
  /** The key that signs sessions; by default APP_SECRET, else the one kept in the database (src/db/appSecret.ts). */
  secret?: string;
  /** The environment bits the staff web reads (all optional). */
  env?: { APP_SECRET?: string; MAIL_FROM?: string; TELEGRAM_BOT_USERNAME?: string };
  /** The bot's username for the letters' Telegram links, when known (the running bot's); TELEGRAM_BOT_USERNAME wins. */
  botUsername?: () => string | null | undefined;
  /** Failed sign-ins allowed per account (5 in 15 minutes by default) and per client address (30 in 15 minutes). */
  loginLimit?: { attempts: number; windowMs: number };
  clientLoginLimit?: { attempts: number; windowMs: number };
  /** fastify's `trustProxy`: only then is the client address read from X-Forwarded-For (behind the town's reverse proxy). */
  trustProxy?: boolean | string | string[];
  /** A signed-in session ends after this long without a page (2 hours by default). */
  idleTimeoutMs?: number;
}

/** The signed-in staff member. */
export interface StaffUserView {
  id: StaffId;
  email: string;
  role: Role;
  mustChangePassword: boolean;
  /** The database row of this session (its token's hash). */
  sessionId: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The request's session (anonymous or signed in), when its cookie holds one. */
    session: SessionData | null;
    staff: StaffUserView | null;
  }
  interface FastifyContextConfig {
    /** Served without signing in. */
    public?: boolean;
    /** The route checks the CSRF token itself (multipart forms). */
    csrfInHandler?: boolean;
    /** What the route does, for the roles (src/core/staff/staffAccounts.ts): administrateurs only for 'staff', 'closures', 'configuration'. */
    allow?: 'staff' | 'closures' | 'configuration' | 'families' | 'bookings' | 'lists';
  }
}

/**
 * What the app gives each area's plugin (routes/*.ts): the shared context,
 * which holds the stores (built once by the app from its database, never in
 * a route) and the page helpers.
 */
export interface AreaOptions {
  ctx: WebContext;
}

/** An area's plugin: its routes' inputs typed by their zod schemas (schemas.ts). */
export type Area = FastifyPluginAsync<AreaOptions, RawServerDefault, ZodTypeProvider>;

export const DEFAULT_MAIL_FROM = 'Portail Famille <portail-famille@localhost>';

export class WebContext {
  readonly app: App;
  readonly town: Town;
  readonly clock: Clock;
  readonly closures: PrismaClosureStore;
  readonly passwords: PrismaStaffPasswords;
  readonly attendance: PrismaAttendanceStore;
  /** The adults staff plan per service and day (supervision). */
  readonly staffPlans: PrismaStaffPlanStore;
  readonly familySearch: FamilySearch;
  readonly schools: PrismaSchoolList;
  readonly limiter: LoginLimiter;
  readonly accounts: PrismaStaffAccounts;
  readonly staffSessions: PrismaStaffSessions;
  readonly idleTimeoutMs: number;
  readonly mailFrom: string;
  private ready: { secret: string; sessions: Sessions } | null = null;
  private sandboxPromise?: Promise<App>;

  constructor(private readonly deps: StaffWebDeps) {
    this.app = deps.app;
    this.town = deps.app.town;
    this.clock = deps.clock;
    this.mailFrom = deps.env?.MAIL_FROM ?? DEFAULT_MAIL_FROM;
    this.passwords = new PrismaStaffPasswords(deps.app.db);
    this.attendance = new PrismaAttendanceStore(deps.app.db);
    this.staffPlans = new PrismaStaffPlanStore(deps.app.db);
    this.familySearch = new FamilySearch(deps.app.db);
    this.schools = new PrismaSchoolList(deps.app.db);
    this.closures = new PrismaClosureStore(deps.app.db, async (id) => (await deps.app.db.staffUser.findUnique({ where: { id } }))?.email ?? `agent ${id}`);
    const limits: LoginLimits = { account: deps.loginLimit ?? DEFAULT_LOGIN_LIMITS.account, client: deps.clientLoginLimit ?? DEFAULT_LOGIN_LIMITS.client };
    this.limiter = new LoginLimiter(new PrismaLoginFailures(deps.app.db), limits, () => deps.clock.now());
    this.accounts = new PrismaStaffAccounts(deps.app.db);
    this.staffSessions = new PrismaStaffSessions(deps.app.db);
    this.idleTimeoutMs = deps.idleTimeoutMs ?? 2 * 3_600_000;
  }

  now(): Date {
    return this.clock.now();
  }

  today(): IsoDate {
    return this.town.today(this.clock.now());
  }

  /** The day staff pages open on: today, or the coming Monday at the weekend. */
  workingDay(): IsoDate {
    const today = this.today();
    const weekday = isoWeekday(today);
    return weekday >= 6 ? addDays(today, 8 - weekday) : today;
  }

  /** The extra closures (town file and staff) between two dates, with their reasons, by date. */
  async closedBetween(from: IsoDate, to: IsoDate): Promise<ExtraClosure[]> {
    return [...this.town.config.calendar.closures.filter((c) => c.date >= from && c.date <= to), ...(await this.app.store.closures(from, to))].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  }

  /** Reads (or creates) the app secret; done once, when the web app gets ready. */
  async init(): Promise<void> {
    const secret = this.deps.secret ?? (await appSecret(this.app.db, this.deps.env?.APP_SECRET));
    this.ready = { secret, sessions: new Sessions(secret) };
  }

  get sessions(): Sessions {
    if (!this.ready) throw new Error('staff web used before it was ready');
    return this.ready.sessions;
  }

  /** The app secret (sessions, and the reply addresses of welcome emails). */
  get secret(): string {
    if (!this.ready) throw new Error('staff web used before it was ready');
    return this.ready.secret;
  }

  botUsername(): string | null {
    return this.deps.env?.TELEGRAM_BOT_USERNAME ?? this.deps.botUsername?.() ?? null;
  }

  /**
   * A second connection to the same database, for the "try it" page: what
   * it does inside a transaction stays invisible to every other request and
   * is rolled back (see routes/tryIt.ts).
   */
  sandbox(): Promise<App> {
    this.sandboxPromise ??= buildApp({ databaseUrl: this.app.databaseUrl, town: this.town.config });
    return this.sandboxPromise;
  }

  async close(): Promise<void> {
    if (this.sandboxPromise) await (await this.sandboxPromise).close();
  }

  /** Whether the browser reached us over HTTPS (directly, or through a proxy that says so). */
  secure(req: FastifyRequest): boolean {
    const forwarded = String(req.headers['x-forwarded-proto'] ?? '').split(',')[0]!.trim().toLowerCase();
    return forwarded === 'https' || req.protocol === 'https';
  }

  /** A CSRF token of the request's session for a form (from @fastify/csrf-protection; '' without a session). */
  csrf(reply: FastifyReply): string {
    return reply.request.session ? reply.generateCsrf() : '';
  }

  /** @fastify/csrf-protection's check, given by the app once the plugin is registered. */
  csrfProtection: FastifyInstance['csrfProtection'] | null = null;

  /**
   * Whether a posted form carries a valid CSRF token of its session; when
   * not, the refusal is already sent (the error handler's "Action refusée").
   */
  csrfValid(req: FastifyRequest, reply: FastifyReply): boolean {
    if (!req.session || !this.csrfProtection) {
      this.forbidden(req, reply);
      return false;
    }
    let valid = false;
    this.csrfProtection(req, reply, () => (valid = true));
    return valid;
  }

  /** Sets a cookie of the dashboard: HttpOnly, SameSite=Lax, path /, Secure when served over HTTPS. */
  private cookie(req: FastifyRequest, reply: FastifyReply, name: string, value: string, maxAgeSeconds: number): void {
    reply.setCookie(name, value, { path: '/', httpOnly: true, sameSite: 'lax', maxAge: maxAgeSeconds, secure: this.secure(req) });
  }

  /** Gives the browser this session's cookie. */
  setSession(req: FastifyRequest, reply: FastifyReply, session: SessionData): void {
    req.session = session;
    this.cookie(req, reply, SESSION_COOKIE, this.sessions.encode(session), SESSION_MAX_AGE_MS / 1000);
  }

  clearSession(req: FastifyRequest, reply: FastifyReply): void {
    req.session = null;
    this.cookie(req, reply, SESSION_COOKIE, '', 0);
  }

  /** Redirects (303, so a form's POST becomes a GET) with a message shown on the next page. */
  redirect(req: FastifyRequest, reply: FastifyReply, url: string, flash?: Flash): FastifyReply {
    if (flash) {
      // A cookie holds about 4 KB: a very long report is cut, with a note.
      let f = flash;
      while (this.sessions.encodeFlash(f).length > 3_000 && f.lines.length > 2) f = { ...f, lines: [...f.lines.slice(0, Math.floor(f.lines.length * 0.7)), '… (liste raccourcie)'] };
      this.cookie(req, reply, FLASH_COOKIE, this.sessions.encodeFlash(f), 120);
    }
    return reply.redirect(url, 303);
  }

  /** The message left by the previous action, read once. */
  takeFlash(req: FastifyRequest, reply: FastifyReply): Flash | null {
    const cookie = req.cookies[FLASH_COOKIE];
    if (!cookie) return null;
    this.cookie(req, reply, FLASH_COOKIE, '', 0);
    return this.sessions.decodeFlash(cookie) ?? null;
  }

  /** Sends a whole page. */
  render(req: FastifyRequest, reply: FastifyReply, p: { title: string; body: Html; current?: NavKey; status?: number; flash?: Flash | null }): FastifyReply {
    const flash = p.flash ?? this.takeFlash(req, reply);
    const staff = req.staff && !req.staff.mustChangePassword ? { email: req.staff.email, csrf: this.csrf(reply), admin: req.staff.role === 'administrateur' } : null;
    return reply
      .code(p.status ?? 200)
      .type('text/html; charset=utf-8')
      .send(page({ title: p.title, body: p.body, organisation: this.town.config.organisation, staff, current: p.current, flash }));
  }

  /** A page that says why something cannot be done. */
  problem(req: FastifyRequest, reply: FastifyReply, status: number, title: string, message: string, back = '/'): FastifyReply {
    return this.render(req, reply, { title, status, body: html`<h1>${title}</h1><p>${message}</p><p><a href="${back}">Retour</a></p>` });
  }

  forbidden(req: FastifyRequest, reply: FastifyReply): FastifyReply {
    return this.problem(
      req,
      reply,
      403,
      'Action refusée',
      'Ce formulaire n’est plus valable (page trop ancienne, session expirée ou envoyée depuis un autre site). Rechargez la page et recommencez.',
      req.staff ? '/' : '/connexion',
    );
  }

  /** The signed-in agent's role does not allow this. */
  notAllowed(req: FastifyRequest, reply: FastifyReply): FastifyReply {
    return this.problem(req, reply, 403, 'Réservé aux administrateurs', 'Votre compte est un compte « agent » : cette action est réservée aux administrateurs (comptes agents, fermetures, configuration). Demandez à un administrateur.');
  }

  notFound(req: FastifyRequest, reply: FastifyReply, what = 'Cette page'): FastifyReply {
    return this.problem(req, reply, 404, 'Page introuvable', `${what} n’existe pas ou plus.`);
  }

  /** The staff actor of the signed-in agent. */
  actor(req: FastifyRequest): { type: 'staff'; id: StaffId } {
    return { type: 'staff', id: req.staff!.id };
  }
}

/** The database key of a session: the hash of its random nonce (the cookie alone holds the nonce). */
export function sessionKey(session: SessionData): string {
  return createHash('sha256').update(session.nonce).digest('hex');
}

/**
 * Reads the signed-in staff member of a session: its row must be live (not
 * signed out, not idle too long), its account enabled, with the same password.
 */
export async function loadStaff(ctx: WebContext, session: SessionData | null): Promise<StaffUserView | null> {
  if (!session || session.staffId === null) return null;
  const user = await ctx.app.db.staffUser.findUnique({ where: { id: session.staffId } });
  if (!user || user.disabledAt || !ctx.sessions.matchesPassword(session, user.passwordHash)) return null;
  const id = sessionKey(session);
  if (!(await ctx.staffSessions.check(id, user.id, ctx.now(), ctx.idleTimeoutMs))) return null;
  return { id: StaffId(user.id), email: user.email, role: isRole(user.role) ? user.role : 'agent', mustChangePassword: user.mustChangePassword, sessionId: id };
}
