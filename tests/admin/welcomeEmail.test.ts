/** The welcome email's code: sealed in the outbox, filled in at sending time, forgotten once sent. */
import fs from 'node:fs';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { queueWelcomeEmails } from '../../src/admin/welcomeEmail.js';
import { issueActivationCodes } from '../../src/core/activation/issueActivationCodes.js';
import { sendDue } from '../../src/outbox/sendDue.js';
import { SEALED_MARK, seal, unseal } from '../../src/outbox/seal.js';
import { providerOf } from '../../src/db/provider.js';
import { addFamily, testApp, type TestApp } from '../support/app.js';

const NOW = new Date('2026-12-01T17:30:00Z');
let app: TestApp;
beforeEach(async () => {
  app = await testApp();
});
afterEach(async () => {
  await app.dispose();
});

it('keeps the code out of the outbox, sends it in the email, then forgets it', async () => {
  await addFamily(app, 'F-0001', ['Léa']);
  const issued = await issueActivationCodes({ families: app.families, activation: app.activation, random: app.random }, { reference: 'F-0001', now: NOW, actor: { type: 'system' }, channel: 'admin' });
  if (!issued.ok) throw new Error(issued.why);
  const code = issued.codes[0]!.code;
  await queueWelcomeEmails(app, issued.codes, 'portail_bot', NOW, { from: 'portail@example.fr', secret: app.secret });

  const [queued] = await app.db.outbox.findMany();
  expect(queued).toMatchObject({ kind: 'welcome', guardianId: issued.codes[0]!.guardian.id, channel: 'email', sentAt: null });
  expect(JSON.stringify(queued)).not.toContain(code);
  expect(queued!.body).toContain(`Votre code d’activation : ${SEALED_MARK}`);
  expect(queued!.body).toContain(`https://t.me/portail_bot?start=${SEALED_MARK}`);
  // Not given by the caller (the command line), the children's names are read from the family.
  expect(queued!.body).toContain('« Léa mange à la cantine lundi et mardi »');

  const sent: string[] = [];
  expect(await sendDue(app, 'email', NOW, async (_to, body) => void sent.push(body))).toBe(1);
  expect(sent[0]).toContain(`Votre code d’activation : ${code}`);
  expect(sent[0]).toContain(`https://t.me/portail_bot?start=${code}`);
  expect(sent[0]).not.toContain(SEALED_MARK);

  const [after] = await app.db.outbox.findMany();
  expect(after!.sentAt).toEqual(NOW);
  expect(after!.sealed).toBeNull();
  expect(after!.body).toBe(queued!.body);
  // Nowhere in the database: neither the outbox nor the codes table hold it readable.
  if (providerOf(app.databaseUrl) === 'sqlite') {
    await app.db.$executeRawUnsafe('PRAGMA wal_checkpoint(TRUNCATE)');
    expect(fs.readFileSync(app.dbFile).includes(Buffer.from(code))).toBe(false);
  } else {
    const tables = await app.db.$queryRawUnsafe<{ name: string }[]>(`SELECT quote_ident(tablename) AS name FROM pg_tables WHERE schemaname = current_schema()`);
    expect(tables.length).toBeGreaterThan(10);
    for (const { name } of tables) {
      const rows = await app.db.$queryRawUnsafe<unknown[]>(`SELECT 1 FROM ${name} t WHERE t::text LIKE $1 LIMIT 1`, `%${code}%`);
      expect(rows, name).toEqual([]);
    }
  }
});

it('seals with the app secret: another secret cannot open it, and a changed seal is refused', () => {
  const sealed = seal('secret-one-0123456789', 'ABCDEFGH');
  expect(sealed).not.toContain('ABCDEFGH');
  expect(unseal('secret-one-0123456789', sealed)).toBe('ABCDEFGH');
  expect(() => unseal('secret-two-0123456789', sealed)).toThrow();
  const parts = sealed.split('.');
  parts[3] = Buffer.from('XXXXXXXX').toString('base64url');
  expect(() => unseal('secret-one-0123456789', parts.join('.'))).toThrow();
});
