import { phoneCell } from '../../src/staff-web/csv.js';
import { PrismaLoginFailures } from '../../src/db/staffAccountStore.js';
import { testApp } from '../support/app.js';
import { describe, expect, it } from 'vitest';
import { toCsv } from '../../src/staff-web/csv.js';
import { parseForm, safeReturn } from '../../src/staff-web/forms.js';
import { html, raw } from '../../src/staff-web/html.js';
import { LoginLimiter } from '../../src/staff-web/loginLimiter.js';
import { SESSION_MAX_AGE_MS, Sessions } from '../../src/staff-web/session.js';

describe('html', () => {
  it('escapes every interpolated value, arrays included, but not nested templates or raw markup', () => {
    const evil = `<script>alert('x') & "y"</script>`;
    expect(html`<p title="${evil}">${evil}</p>`.value).toBe('<p title="&lt;script&gt;alert(&#39;x&#39;) &amp; &quot;y&quot;&lt;/script&gt;">&lt;script&gt;alert(&#39;x&#39;) &amp; &quot;y&quot;&lt;/script&gt;</p>');
    expect(html`<ul>${['<a>', html`<li>${'<b>'}</li>`]}</ul>`.value).toBe('<ul>&lt;a&gt;<li>&lt;b&gt;</li></ul>');
    expect(html`${raw('<svg></svg>')}${null}${undefined}${false}${0}`.value).toBe('<svg></svg>0');
  });
});

describe('csv', () => {
  it('writes UTF-8 with a BOM, ; between fields, CRLF, quotes where needed, and defuses formulas', () => {
    expect(toCsv([['a;b', 'say "hi"', 'x\ny', 3, null], ['=SUM(A1)', '+33612345678', '-2', '@x', '-cmd']])).toBe('\uFEFF"a;b";"say ""hi""";"x\ny";3;\r\n\'=SUM(A1);+33612345678;-2;\'@x;\'-cmd\r\n');
  });
});

describe('forms', () => {
  it('keeps repeated fields and cannot be given a prototype', () => {
    const f = parseForm('a=1&a=2&__proto__=x&b=%C3%A9');
    expect(f.a).toEqual(['1', '2']);
    expect(f.b).toBe('é');
    expect(Object.getPrototypeOf(f)).toBe(null);
  });

  it('only goes back to paths of this site', () => {
    expect(safeReturn('/familles?q=x', '/')).toBe('/familles?q=x');
    for (const bad of ['//evil.example', '/\\evil.example', 'https://evil.example', '']) expect(safeReturn(bad, '/')).toBe('/');
    // Not printable ASCII as sent: no Location header can carry it (Node answers 500).
    for (const bad of ['/\u3002evil.example', '/caf\u00e9', '/a\r\nX: 1', '/a b']) expect(safeReturn(bad, '/')).toBe('/');
    expect(safeReturn('/appel/canteen/2026-12-03?ecole=%C3%89cole', '/')).toBe('/appel/canteen/2026-12-03?ecole=%C3%89cole');
  });
});

describe('sessions', () => {
  const now = new Date('2026-12-01T08:00:00Z');
  const sessions = new Sessions('secret one');

  it('reads back what it signed, and nothing signed with another key or changed', () => {
    const s = sessions.issue(now, { id: 3, passwordHash: 'h' });
    const cookie = sessions.encode(s);
    expect(sessions.decode(cookie, now)).toEqual(s);
    expect(new Sessions('secret two').decode(cookie, now)).toBe(null);
    expect(sessions.decode(`${cookie.slice(0, -2)}xx`, now)).toBe(null);
    expect(sessions.matchesPassword(s, 'h')).toBe(true);
    expect(sessions.matchesPassword(s, 'other')).toBe(false);
  });

  it('expires 12 hours after sign-in, and at once when revoked', () => {
    const s = sessions.issue(now);
    const cookie = sessions.encode(s);
    expect(sessions.decode(cookie, new Date(now.getTime() + SESSION_MAX_AGE_MS - 1))).not.toBe(null);
    expect(sessions.decode(cookie, new Date(now.getTime() + SESSION_MAX_AGE_MS + 1))).toBe(null);
    sessions.revoke(s, now);
    expect(sessions.decode(cookie, now)).toBe(null);
  });

  it('gives each session its own CSRF secret, derived with the app secret and never written in the cookie', () => {
    const a = sessions.issue(now);
    const b = sessions.issue(now);
    expect(a.csrfSecret).not.toBe(b.csrfSecret);
    const cookie = sessions.encode(a);
    expect(sessions.decode(cookie, now)!.csrfSecret).toBe(a.csrfSecret);
    expect(Buffer.from(cookie.split('.')[0]!, 'base64url').toString()).not.toContain(a.csrfSecret);
    expect(new Sessions('another app secret').decode(cookie, now)).toBe(null);
  });
});

describe('login limiter', () => {
  it('allows five failures per account in the window, then says how long to wait; kept in the database', async () => {
    const app = await testApp();
    try {
      let t = 0;
      const limits = { account: { attempts: 5, windowMs: 15 * 60_000 }, client: { attempts: 30, windowMs: 15 * 60_000 } };
      const limiter = new LoginLimiter(new PrismaLoginFailures(app.db), limits, () => new Date(t));
      for (let i = 0; i < 5; i++) {
        expect(await limiter.waitMs('a@mairie.fr', '10.0.0.1')).toBe(0);
        await limiter.fail('a@mairie.fr', `10.0.0.${i}`);
        t += 60_000;
      }
      // Any address: the account is throttled.
      expect(await limiter.waitMs('a@mairie.fr', '10.9.9.9')).toBe(10 * 60_000);
      // Another limiter on the same database (a restart) knows it.
      expect(await new LoginLimiter(new PrismaLoginFailures(app.db), limits, () => new Date(t)).waitMs('a@mairie.fr', '10.9.9.9')).toBe(10 * 60_000);
      expect(await limiter.waitMs('b@mairie.fr', '10.0.0.1')).toBe(0);
      t = 15 * 60_000 + 1;
      expect(await limiter.waitMs('a@mairie.fr', '10.0.0.1')).toBe(0);
    } finally {
      await app.dispose();
    }
  });
});

describe('phones in CSV', () => {
  it.each([
    ['0612345678', '06 12 34 56 78'],
    ['06.12.34.56.78', '06 12 34 56 78'],
    ['+33612345678', '+33 6 12 34 56 78'],
    ['0044207946123', '00 44 20 79 46 12 3'],
  ])('%s is written %s, so a spreadsheet keeps its leading zero', (input, out) => {
    expect(phoneCell(input)).toBe(out);
  });
});
