/** What the mail worker's log lines say about people: addresses masked, never a message's text. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { processInbound } from '../../src/mail/processInbound.js';
import { testApp, type TestApp } from '../support/app.js';

let app: TestApp;
beforeEach(async () => {
  app = await testApp();
});
afterEach(() => app.dispose());

function mail(from: string, body: string, headers: Record<string, string> = {}): Buffer {
  const all = { From: from, To: 'inscriptions@mairie.fr', Subject: 'Cantine', 'Message-ID': `<m${Math.random()}@example.fr>`, 'Content-Type': 'text/plain; charset=utf-8', ...headers };
  return Buffer.from(`${Object.entries(all).map(([k, v]) => `${k}: ${v}`).join('\r\n')}\r\n\r\n${body}`);
}

describe('the log of the mail worker', () => {
  it('masks the sender of an unknown or unauthenticated message and never quotes its text', async () => {
    const lines: string[] = [];
    const opts = { app, clock: { now: () => new Date('2026-12-01T17:30:00Z') }, mailFrom: 'Portail <p@mairie.fr>', authservId: 'mx.mairie.fr', secret: 'test-secret-0123456789', log: (l: string) => lines.push(l) };
    await processInbound(opts, mail('Claire <claire.martin@example.fr>', 'Léa mange à la cantine jeudi'));
    await processInbound(opts, mail('Jean <jean.dupont@example.org>', 'Tom est malade', { 'Authentication-Results': 'mx.mairie.fr; dmarc=fail header.from=example.org' }));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toContain('c***@example.fr');
    expect(lines[1]).toContain('j***@example.org');
    for (const l of lines) expect(l).not.toMatch(/claire\.martin|jean\.dupont|cantine jeudi|malade/);
  });
});
