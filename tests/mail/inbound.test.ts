import { describe, expect, it } from 'vitest';
import { authVerdict, parseAuthResults, readInbound } from '../../src/mail/inbound.js';
import { guardianFromAddress, replyAddress } from '../../src/mail/replyAddress.js';
import { choicesLine, replySubject } from '../../src/mail/render.js';

/** A raw message; `headers` first, then the body. */
function raw(headers: Record<string, string>, body: string, contentType = 'text/plain; charset=utf-8'): Buffer {
  const all = { From: 'Claire Martin <claire.martin@example.fr>', To: 'inscriptions@mairie.fr', Subject: 'Cantine', 'Message-ID': '<m1@example.fr>', 'Content-Type': contentType, 'Content-Transfer-Encoding': '8bit', ...headers };
  return Buffer.from(`${Object.entries(all).filter(([, v]) => v !== '').map(([k, v]) => `${k}: ${v}`).join('\r\n')}\r\n\r\n${body.replace(/\n/g, '\r\n')}`);
}

describe('reading the new text of a message', () => {
  it.each([
    ['Gmail in French, the "a écrit" line wrapped in two', 'Finalement annulez Léa ce jour-là\n\nLe mar. 1 déc. 2026 à 18:30, Portail Famille <\ninscriptions@mairie.fr> a écrit :\n> ✅ Léa : cantine réservée le jeudi 3 décembre\n', 'Finalement annulez Léa ce jour-là'],
    ['Outlook in French', 'Pareil pour Tom svp\n\nDe : Portail Famille <inscriptions@mairie.fr>\nEnvoyé : mardi 1 décembre 2026 18:30\nÀ : Claire Martin\nObjet : Re: Cantine\n\n✅ Léa : cantine réservée\n', 'Pareil pour Tom svp'],
    ['Apple Mail, with "Envoyé de mon iPhone"', 'Tom mange lundi\n\nEnvoyé de mon iPhone\n\n> Le 1 déc. 2026 à 18:30, Portail Famille a écrit :\n> ✅\n', 'Tom mange lundi'],
    ['a "-- " signature', 'Léa à la cantine jeudi\n-- \nClaire Martin\n06 12 34 56 78\n', 'Léa à la cantine jeudi'],
    ['Gmail in English', 'Same for Tom please\n\nOn Tue, Dec 1, 2026 at 6:30 PM Portail Famille <inscriptions@mairie.fr> wrote:\n> ✅ Léa: school lunch booked\n', 'Same for Tom please'],
  ])('%s', async (_name, body, expected) => {
    expect((await readInbound(raw({}, body))).text).toBe(expected);
  });

  it('turns an HTML-only message into text', async () => {
    const mail = await readInbound(raw({}, '<html><body><p>Léa mange à la cantine <b>jeudi</b></p><div>Merci</div></body></html>', 'text/html; charset=utf-8'));
    expect(mail.text).toMatch(/^Léa mange à la cantine jeudi\s+Merci$/);
  });

  it('reads the thread: Message-ID, In-Reply-To and References', async () => {
    const mail = await readInbound(raw({ 'In-Reply-To': '<r1@mairie.fr>', References: '<r0@mairie.fr> <r1@mairie.fr>' }, 'oui'));
    expect(mail).toMatchObject({ id: '<m1@example.fr>', from: 'claire.martin@example.fr', references: ['<r0@mairie.fr>', '<r1@mairie.fr>'] });
  });

  it('never throws on a broken message', async () => {
    const mail = await readInbound(Buffer.from('\u0000\u0001 not a message at all'));
    expect(mail.id).toMatch(/^<sha256\./);
    expect(mail.from).toBeNull();
  });
});

describe('automatic mail', () => {
  it.each([
    [{ 'Auto-Submitted': 'auto-replied' }, 'Auto-Submitted: auto-replied'],
    [{ Precedence: 'bulk' }, 'Precedence: bulk'],
    [{ 'X-Autoreply': 'yes' }, 'auto-reply header'],
    [{ 'List-Id': '<parents.ecole.example.fr>' }, 'mailing list'],
    [{ From: 'MAILER-DAEMON@mx.example.fr' }, 'sender mailer-daemon@mx.example.fr'],
    [{ 'Return-Path': '<>' }, 'empty return path'],
  ])('is recognised: %o', async (headers, reason) => {
    expect((await readInbound(raw(headers, 'Je suis absent du bureau.'))).automatic).toBe(reason);
  });

  it('recognises a delivery report', async () => {
    const report = raw({ From: 'Mail Delivery System <mailer@mx.example.fr>' }, '--b\r\nContent-Type: text/plain\r\n\r\nDelivery failed\r\n--b--', 'multipart/report; report-type=delivery-status; boundary="b"');
    expect((await readInbound(report)).automatic).toBe('delivery report');
  });

  it('lets a person’s message through, Auto-Submitted: no included', async () => {
    expect((await readInbound(raw({ 'Auto-Submitted': 'no' }, 'Léa jeudi'))).automatic).toBeNull();
  });
});

describe('sender authentication', () => {
  const ar = (v: string) => parseAuthResults([v]);
  it('never trusts a dmarc=fail, whoever reports it', () => {
    expect(authVerdict(ar('mx.mairie.fr; spf=pass smtp.mailfrom=example.fr; dkim=pass; dmarc=fail (p=reject) header.from=example.fr'), 'mx.mairie.fr')).toBe('fail');
    expect(authVerdict(ar('other.example; dmarc=fail header.from=example.fr'), 'mx.mairie.fr')).toBe('fail');
  });
  it('counts a pass only from the town’s own receiving server', () => {
    expect(authVerdict(ar('mx.mairie.fr; dmarc=pass header.from=example.fr'), 'mx.mairie.fr')).toBe('pass');
    expect(authVerdict(ar('forged.example; dmarc=pass header.from=example.fr'), 'mx.mairie.fr')).toBe('none');
    expect(authVerdict(ar('mx.mairie.fr; dmarc=pass'), undefined)).toBe('none');
  });
  it('fails SPF and DKIM both failing at the town’s server', () => {
    expect(authVerdict(ar('mx.mairie.fr; spf=fail smtp.mailfrom=x; dkim=fail'), 'mx.mairie.fr')).toBe('fail');
  });
});

describe('the signed Reply-To', () => {
  it('proves the guardian it was sent to, and nothing forged', () => {
    const address = replyAddress('Portail Famille <inscriptions@mairie.fr>', 'secret-key-0123456789', 12);
    expect(address).toMatch(/^inscriptions\+g12-[0-9a-f]{16}@mairie\.fr$/);
    expect(guardianFromAddress(address, 'secret-key-0123456789')).toBe(12);
    expect(guardianFromAddress(address.replace('+g12-', '+g13-'), 'secret-key-0123456789')).toBeNull();
    expect(guardianFromAddress(address, 'another-secret-key-000')).toBeNull();
    expect(guardianFromAddress('inscriptions@mairie.fr', 'secret-key-0123456789')).toBeNull();
  });
});

describe('email wording', () => {
  it('puts "Re: " once in the subject', () => {
    expect(replySubject('RE: Re: Cantine', 'fr')).toBe('Re: Cantine');
    expect(replySubject('', 'fr')).toBe('Re: votre demande');
  });
  it('writes the choices as words to reply with', () => {
    const line = choicesLine({ lang: 'fr', text: '', promotions: [], buttons: [[{ label: 'Léa', data: 'k:x:1', keyword: '1' }, { label: 'Tom', data: 'k:x:2', keyword: '2' }], [{ label: 'Laisser tomber', data: 'd:x', keyword: 'NON' }]] });
    expect(line).toBe('Répondez 1 pour « Léa », 2 pour « Tom » ou NON pour « Laisser tomber ».');
  });
});
