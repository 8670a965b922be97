/**
 * The staff web on a real SQLite file, driven through fastify's `inject`
 * like a browser: a cookie jar, the CSRF token read from each page's forms,
 * urlencoded and multipart posts.
 */
import { hash } from '@node-rs/argon2';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildStaffWeb } from '../../src/staff-web/buildStaffWeb.js';
import { StaffId } from '../../src/core/ids.js';
import { testApp, type TestApp } from '../support/app.js';

/** Tuesday 1 December 2026, 09:00 in Paris. */
export const NOW = new Date('2026-12-01T08:00:00Z');

export const PASSWORD = 'un mot de passe correct';

export interface Harness {
  app: TestApp;
  web: FastifyInstance;
  clock: { now: () => Date; set(d: Date): void };
  /** A staff account that can sign in with PASSWORD (no forced change unless asked). */
  /** An account (an administrateur unless `role` says otherwise). */
  addStaff(email: string, opts?: { mustChangePassword?: boolean; role?: 'administrateur' | 'agent' }): Promise<StaffId>;
  /** Another staff web on the same database and secret, as after a restart. */
  restart(): Promise<FastifyInstance>;
  browser(): Browser;
  dispose(): Promise<void>;
}

export async function harness(opts: { botUsername?: string; trustProxy?: boolean } = {}): Promise<Harness> {
  const app = await testApp();
  let now = NOW;
  const clock = { now: () => now, set: (d: Date) => (now = d) };
  const build = () => buildStaffWeb({ app, clock, secret: 'a test secret of the staff web', env: opts.botUsername ? { TELEGRAM_BOT_USERNAME: opts.botUsername } : {}, ...(opts.trustProxy !== undefined ? { trustProxy: opts.trustProxy } : {}) });
  const web = build();
  await web.ready();
  const others: FastifyInstance[] = [];
  return {
    app,
    web,
    clock,
    async addStaff(email, o = {}) {
      const user = await app.db.staffUser.create({ data: { email, passwordHash: await hash(PASSWORD), mustChangePassword: o.mustChangePassword ?? false, role: o.role ?? 'administrateur' } });
      return StaffId(user.id);
    },
    async restart() {
      const next = build();
      await next.ready();
      others.push(next);
      return next;
    },
    browser: () => new Browser(web),
    async dispose() {
      for (const o of others) await o.close();
      await web.close();
      await app.dispose();
    },
  };
}

/** The value of the first `name="_csrf"` field of a page. */
export function csrfOf(html: string): string {
  const m = /name="_csrf" value="([^"]*)"/.exec(html);
  if (!m) throw new Error('no CSRF field in the page');
  return m[1]!;
}

export class Browser {
  readonly cookies = new Map<string, string>();
  /** The CSRF token of the last page that had a form. */
  csrf = '';

  constructor(public web: FastifyInstance) {}

  private cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private keep(res: LightMyRequestResponse): LightMyRequestResponse {
    const set = res.headers['set-cookie'];
    for (const c of set === undefined ? [] : Array.isArray(set) ? set : [set]) {
      const [pair, ...attrs] = c.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      if (attrs.some((a) => /max-age=0$/i.test(a.trim())) || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    if (typeof res.headers['content-type'] === 'string' && res.headers['content-type'].startsWith('text/html')) {
      const m = /name="_csrf" value="([^"]*)"/.exec(res.body);
      if (m) this.csrf = m[1]!;
    }
    return res;
  }

  async get(url: string, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
    return this.keep(await this.web.inject({ method: 'GET', url, headers: { cookie: this.cookieHeader(), ...headers } }));
  }

  /** Posts a form; `_csrf` is the page's unless given. */
  async post(url: string, form: Record<string, string | string[]>, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
    const body = new URLSearchParams();
    if (!('_csrf' in form)) body.append('_csrf', this.csrf);
    for (const [k, v] of Object.entries(form)) for (const x of Array.isArray(v) ? v : [v]) body.append(k, x);
    return this.keep(
      await this.web.inject({ method: 'POST', url, payload: body.toString(), headers: { cookie: this.cookieHeader(), 'content-type': 'application/x-www-form-urlencoded', ...headers } }),
    );
  }

  /** Posts a multipart form with one file. */
  async upload(url: string, fields: Record<string, string>, file: { field: string; name: string; content: string | Buffer }): Promise<LightMyRequestResponse> {
    const boundary = '----portailtest';
    const parts: Buffer[] = [];
    for (const [k, v] of Object.entries({ _csrf: this.csrf, ...fields })) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${file.field}"; filename="${file.name}"\r\nContent-Type: text/csv\r\n\r\n`));
    parts.push(Buffer.isBuffer(file.content) ? file.content : Buffer.from(file.content));
    parts.push(Buffer.from(`\r\n--${boundary}--\r\n`));
    return this.keep(
      await this.web.inject({ method: 'POST', url, payload: Buffer.concat(parts), headers: { cookie: this.cookieHeader(), 'content-type': `multipart/form-data; boundary=${boundary}` } }),
    );
  }

  /** Opens the sign-in page and signs in; returns the response of the sign-in POST. */
  async signIn(email: string, password = PASSWORD): Promise<LightMyRequestResponse> {
    await this.get('/connexion');
    return this.post('/connexion', { email, password });
  }
}
