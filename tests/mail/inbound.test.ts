/**
 * The edge of the email channel: reading a raw message (new text, thread,
 * automatic mail, Authentication-Results), without a database.
 */
import { describe, expect, it } from 'vitest';
import { parseAuthResultsHeader } from '../../src/mail/authResults.js';
import { automaticBySubject, automaticByWording } from '../../src/mail/automatic.js';
import { readInbound } from '../../src/mail/inbound.js';
import { htmlFallbackText, newText } from '../../src/mail/quotes.js';
import { guardianFromAddress, replyAddress } from '../../src/mail/replyAddress.js';
import { choicesLine, replySubject } from '../../src/mail/render.js';

/** A raw message; `headers` first, then the body. */
function raw(headers: Record<string, string>, body: string, contentType = 'text/plain; charset=utf-8'): Buffer {
  const all = { From: 'Claire Martin <claire.martin@example.fr>', To: 'inscriptions@mairie.fr', Subject: 'Cantine', 'Message-ID': '<m1@example.fr>', 'Content-Type': contentType, 'Content-Transfer-Encoding': '8bit', ...headers };
  return Buffer.from(`${Object.entries(all).filter(([, v]) => v !== '').map(([k, v]) => `${k}: ${v}`).join('\r\n')}\r\n\r\n${body.replace(/\n/g, '\r\n')}`);
}

const OURS = '✅ Léa : cantine réservée le jeudi 3 décembre\n\nRépondez DEFAIRE pour « Défaire » (dans les 15 minutes).\n\n— CCAS de Châtenoy-le-Royal';
const quoted = (s: string) => s.split('\n').map((l) => (l ? `> ${l}` : '>')).join('\n');

describe('reading the new text of a reply (real-world styles, French and English)', () => {
  it.each([
    ['Gmail FR, the "a écrit" line wrapped in two', `Finalement annulez Léa ce jour-là\n\nLe mar. 1 déc. 2026 à 18:30, Portail Famille <\ninscriptions@mairie.fr> a écrit :\n${quoted(OURS)}\n`, 'Finalement annulez Léa ce jour-là'],
    ['Gmail FR, attribution wrapped after the address', `Et Tom aussi svp\n\nLe mar. 1 déc. 2026 à 18:30, Portail Famille <inscriptions+g1-0123456789abcdef@mairie.fr>\na écrit :\n\n${quoted(OURS)}\n`, 'Et Tom aussi svp'],
    ['Gmail EN', `Same for Tom please\n\nOn Tue, Dec 1, 2026 at 6:30 PM Portail Famille <inscriptions@mairie.fr> wrote:\n${quoted(OURS)}\n`, 'Same for Tom please'],
    ['Outlook FR: signature, underscores, "De : … Envoyé : …"', `Pareil pour Tom svp\n\nCordialement,\nClaire Martin\n\n________________________________\nDe : Portail Famille <inscriptions@mairie.fr>\nEnvoyé : mardi 1 décembre 2026 18:30\nÀ : Claire Martin <claire.martin@example.fr>\nObjet : Re: Cantine\n\n${OURS}\n`, 'Pareil pour Tom svp\n\nCordialement,\nClaire Martin'],
    ['Outlook FR without the underscores', `Pareil pour Tom svp\n\nDe : Portail Famille <inscriptions@mairie.fr>\nEnvoyé : mardi 1 décembre 2026 18:30\nÀ : Claire Martin\nObjet : Re: Cantine\n\n${OURS}\n`, 'Pareil pour Tom svp'],
    ['Outlook EN "From: … Sent: …" block', `Please cancel Tom on Friday.\n\nFrom: Portail Famille <inscriptions@mairie.fr>\nSent: Tuesday, December 1, 2026 6:30 PM\nTo: Claire Martin <claire.martin@example.fr>\nSubject: RE: Cantine\n\n${OURS}\n`, 'Please cancel Tom on Friday.'],
    ['Outlook EN, bold markers from HTML', `Tom is sick today\n\n*From:* Portail Famille <inscriptions@mairie.fr>\n*Sent:* Tuesday, December 1, 2026 6:30 PM\n*To:* Claire Martin\n*Subject:* RE: Cantine\n\n${OURS}\n`, 'Tom is sick today'],
    ['Outlook "-----Original Message-----"', `Yes\n\n-----Original Message-----\nFrom: Portail Famille [mailto:inscriptions@mairie.fr]\nSent: Tuesday, December 1, 2026 6:30 PM\n\n${OURS}\n`, 'Yes'],
    ['Outlook FR "-----Message d\'origine-----"', `OUI\n\n-----Message d'origine-----\nDe : Portail Famille\nEnvoyé : mardi 1 décembre 2026 18:30\n\n${OURS}\n`, 'OUI'],
    ['Apple Mail FR, "Envoyé de mon iPhone" then the quote', `Tom mange lundi\n\nEnvoyé de mon iPhone\n\n> Le 1 déc. 2026 à 18:30, Portail Famille <inscriptions@mairie.fr> a écrit :\n>\n${quoted(OURS)}\n`, 'Tom mange lundi'],
    ['Apple Mail EN, "Sent from my iPhone"', `Lea has lunch on Thursday\n\nSent from my iPhone\n\n> On 1 Dec 2026, at 18:30, Portail Famille <inscriptions@mairie.fr> wrote:\n>\n${quoted(OURS)}\n`, 'Lea has lunch on Thursday'],
    ['Thunderbird FR (attribution above the quote)', `Léa à la garderie du soir vendredi.\n\nLe 01/12/2026 à 18:30, Portail Famille a écrit :\n${quoted(OURS)}\n`, 'Léa à la garderie du soir vendredi.'],
    ['Thunderbird, answer below the quote', `Le 01/12/2026 à 18:30, Portail Famille a écrit :\n${quoted(OURS)}\n\nEt Tom aussi jeudi.\n\n-- \nClaire Martin\n`, 'Et Tom aussi jeudi.'],
    ['a "-- " signature', 'Léa à la cantine jeudi\n-- \nClaire Martin\n06 12 34 56 78\n', 'Léa à la cantine jeudi'],
    ['a "--" signature without its space', 'Léa à la cantine jeudi\n--\nClaire Martin, 06 12 34 56 78\n', 'Léa à la cantine jeudi'],
    ['Samsung phone FR', 'Annule la cantine de Léa demain\n\n\nEnvoyé depuis mon appareil Galaxy\n\n-------- Message d\'origine --------\nDe : Portail Famille <inscriptions@mairie.fr>\nDate : 01/12/2026 18:30 (GMT+01:00)\n', 'Annule la cantine de Léa demain'],
    ['Outlook mobile "Obtenir Outlook pour Android"', `Oui\n\nObtenir Outlook pour Android\n________________________________\nFrom: Portail Famille <inscriptions@mairie.fr>\nSent: Tuesday, December 1, 2026 6:30:12 PM\nTo: claire.martin@example.fr\nSubject: Re: Cantine\n\n${OURS}\n`, 'Oui'],
    ['Yahoo / generic "wrote:" line above the quote', `tom garderie matin lundi\n\n    Claire Martin wrote:\n${quoted(OURS)}\n`, 'tom garderie matin lundi'],
    ['a mailing-list footer', 'Léa mange à la cantine jeudi\n\n_______________________________________________\nParents-ecole mailing list\nParents-ecole@lists.example.fr\nhttps://lists.example.fr/listinfo/parents-ecole\n', 'Léa mange à la cantine jeudi'],
    ['a Google Groups footer', 'Tom mange vendredi.\n\n--\nYou received this message because you are subscribed to the Google Groups "Parents" group.\nTo unsubscribe from this group and stop receiving emails from it, send an email to parents+unsubscribe@googlegroups.com.\n', 'Tom mange vendredi.'],
    ['"Sent from my" at the start of a sentence, mid-text, is kept', 'Sent from my office yesterday: the form for Léa.\nPlease book her lunch on Thursday.\n\nThanks,\nClaire\n', 'Sent from my office yesterday: the form for Léa.\nPlease book her lunch on Thursday.\n\nThanks,\nClaire'],
    ['"Envoyé de mon" starting a line with more text below is kept', 'Envoyé de mon bureau : Léa ne mange pas jeudi.\nMerci de noter aussi Tom vendredi.\n', 'Envoyé de mon bureau : Léa ne mange pas jeudi.\nMerci de noter aussi Tom vendredi.'],
    ['inline answers between quotes', `> Pour quel enfant ?\nLéa\n> Pour quel service ?\nla cantine\n`, 'Léa\nla cantine'],
    ['a plain message with no quote at all', 'Bonjour,\n\nLéa mange à la cantine jeudi.\n\nMerci beaucoup,\nClaire', 'Bonjour,\n\nLéa mange à la cantine jeudi.\n\nMerci beaucoup,\nClaire'],
    ['a message forwarded by the family, handed over: its body is read, its header lines are not', 'Bonjour,\nje vous transfère le message de mon mari, merci de faire le nécessaire.\nNadia\n\n---------- Message transféré ---------\nDe : Karim Roux\nDate : lun. 5 oct. 2026 à 08:47\nObjet : centre\nÀ : Nadia Roux\n\nTu peux inscrire les enfants au centre mercredi ?\nBisous\n', 'Bonjour,\nje vous transfère le message de mon mari, merci de faire le nécessaire.\nNadia\n\nTu peux inscrire les enfants au centre mercredi ?\nBisous'],
    ['Gmail EN forward handed over', "Forwarding my husband's note below, could you sort it out?\n\n---------- Forwarded message ---------\nFrom: James Wilson\nDate: Sun, 17 Jan 2027 at 21:04\nSubject: kids\n\nPut Oliver in the after school club on Tuesday 19th.\n", "Forwarding my husband's note below, could you sort it out?\n\nPut Oliver in the after school club on Tuesday 19th."],
    ['a forward the parent does not hand over stays out', 'Léa mange jeudi.\n\n---------- Message transféré ---------\nDe : École\nDate : lun. 5 oct. 2026\n\nSortie scolaire vendredi.\n', 'Léa mange jeudi.'],
    ['German Outlook (a guardian from abroad)', 'Tom ist krank\n\nVon: Portail Famille <inscriptions@mairie.fr>\nGesendet: Dienstag, 1. Dezember 2026 18:30\nAn: Claire\nBetreff: Cantine\n', 'Tom ist krank'],
  ])('%s', async (_name, body, expected) => {
    expect(newText(body)).toBe(expected);
    expect((await readInbound(raw({}, body))).text).toBe(expected);
  });

  it('cuts a 766 KB reply thread quickly (linear, bounded)', () => {
    let thread = 'Léa mange à la cantine jeudi.\n\n';
    for (let depth = 0; thread.length < 766_000; depth++) thread += `${'> '.repeat(depth % 40)}Le mar. 1 déc. 2026 à 18:30, Portail Famille a écrit : ${'x'.repeat(depth % 300)} ${'a écrit '.repeat(20)}\n${'>'.repeat(depth % 50)} ${'-'.repeat(depth % 90)} ____ From: x Sent: y\n`;
    const nasty = `${'Le '.repeat(100_000)}\n${' '.repeat(200_000)}x\n${'\n \n'.repeat(100_000)}`;
    for (const text of [thread, nasty, '-'.repeat(766_000), `De : ${'a '.repeat(300_000)}`]) {
      const started = performance.now();
      newText(text);
      expect(performance.now() - started).toBeLessThan(1_000);
    }
    expect(newText(thread)).toBe('Léa mange à la cantine jeudi.');
    for (const html of ['<'.repeat(1_000_000), '<br'.repeat(300_000), '&'.repeat(1_000_000), '<head><style>'.repeat(50_000)]) {
      const started = performance.now();
      htmlFallbackText(html);
      expect(performance.now() - started).toBeLessThan(1_000);
    }
  });

  it('turns an HTML-only message into text, without its quoted history', async () => {
    const mail = await readInbound(raw({}, '<html><body><p>Léa mange à la cantine <b>jeudi</b></p><div>Merci</div><div class="gmail_quote"><div class="gmail_attr">Le mar. 1 déc. 2026, Portail Famille a écrit :</div><blockquote>✅ Tom : cantine réservée</blockquote></div></body></html>', 'text/html; charset=utf-8'));
    expect(mail.text).toMatch(/^Léa mange à la cantine jeudi\s+Merci$/);
  });

  it('reads an HTML body nested too deep for mailparser’s text, without its quotes', async () => {
    const html = `<div>Tom mange &agrave; la cantine vendredi.<br>Merci</div>${'<blockquote>'.repeat(2_000)}Ancien message${'</blockquote>'.repeat(2_000)}`;
    const started = performance.now();
    const mail = await readInbound(raw({}, html, 'text/html; charset=utf-8'));
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(mail.text).toBe('Tom mange à la cantine vendredi.\nMerci');
  });

  it('reads the thread: Message-ID, In-Reply-To and References', async () => {
    const mail = await readInbound(raw({ 'In-Reply-To': '<r1@mairie.fr>', References: '<r0@mairie.fr> <r1@mairie.fr>' }, 'oui'));
    expect(mail).toMatchObject({ messageId: '<m1@example.fr>', from: ['claire.martin@example.fr'], sender: null, references: ['<r0@mairie.fr>', '<r1@mairie.fr>'] });
  });

  it('reads every From address and the Sender', async () => {
    const mail = await readInbound(raw({ From: 'Claire <claire.martin@example.fr>, Mallory <m@attacker.example>', Sender: 'm@attacker.example' }, 'oui'));
    expect(mail.from).toEqual(['claire.martin@example.fr', 'm@attacker.example']);
    expect(mail.sender).toBe('m@attacker.example');
  });

  it('never throws on a broken message', async () => {
    const mail = await readInbound(Buffer.from('\u0000\u0001 not a message at all'));
    expect(mail.messageId).toMatch(/^<sha256\./);
    expect(mail.from).toEqual([]);
  });
});

describe('automatic mail', () => {
  it.each([
    [{ 'Auto-Submitted': 'auto-replied' }, 'Auto-Submitted: auto-replied'],
    [{ 'Auto-Submitted': 'auto-generated' }, 'Auto-Submitted: auto-generated'],
    [{ Precedence: 'bulk' }, 'Precedence: bulk'],
    [{ Precedence: 'auto_reply' }, 'Precedence: auto_reply'],
    [{ 'X-Autoreply': 'yes' }, 'x-autoreply'],
    [{ 'X-Autorespond': 'yes' }, 'x-autorespond'],
    [{ 'X-Auto-Response-Suppress': 'All' }, 'X-Auto-Response-Suppress: All'],
    [{ 'List-Id': '<parents.ecole.example.fr>' }, 'mailing list (list-id)'],
    [{ 'List-Unsubscribe': '<mailto:unsubscribe@example.fr>' }, 'mailing list (list-unsubscribe)'],
    [{ 'Return-Path': '<>' }, 'empty return path'],
  ])('is recognised by its headers: %o', async (headers, reason) => {
    expect((await readInbound(raw(headers, 'Léa mange à la cantine jeudi.'))).automatic).toBe(reason);
  });

  it.each(['Réponse automatique : absente du 7 au 10 décembre', 'Reponse automatique: Re: Cantine', 'Message d’absence', 'Absence du bureau', 'Automatic reply: Cantine', 'Out of Office: Re: Cantine', 'Autoreply: Cantine', 'AUTO: Claire Martin est absente', '[Auto-Reply] Cantine', 'RE: Out of office'])(
    'is recognised by its subject: %s',
    (subject) => expect(automaticBySubject(subject)).not.toBeNull(),
  );

  it.each(['Cantine', 'Absence de Léa jeudi', 'Re: Réservation', 'Léa absente lundi', 'Automne : inscription au centre de loisirs'])('a person’s subject is not automatic: %s', (subject) =>
    expect(automaticBySubject(subject)).toBeNull(),
  );

  it.each([
    'Je suis absente du 7 au 10 décembre.',
    'Bonjour, je suis actuellement absente jusqu’au lundi 7 décembre inclus.',
    'Je serai de retour le 11 décembre.',
    'Ceci est une réponse automatique.',
    'Je prendrai connaissance de votre message à mon retour.',
    'Je suis en congés, avec un accès limité à mes mails.',
    'I am out of the office until December 10.',
    'I’m currently on annual leave.',
    'This is an automatic reply.',
    'I will respond to your message when I return.',
  ])('is recognised by its wording: %s', (text) => expect(automaticByWording(text)).not.toBeNull());

  it.each(['Léa est absente du 7 au 10 décembre.', 'Tom sera absent lundi, il est malade.', 'Léa mange à la cantine jeudi.', 'Lea is sick today, she will be back on Monday.'])('a person’s request is not automatic wording: %s', (text) =>
    expect(automaticByWording(text)).toBeNull(),
  );

  it('recognises a delivery report and a mailer daemon as bounces', async () => {
    const report = raw({ From: 'Mail Delivery System <mailer@mx.example.fr>' }, '--b\r\nContent-Type: text/plain\r\n\r\nDelivery failed\r\n--b--', 'multipart/report; report-type=delivery-status; boundary="b"');
    expect((await readInbound(report)).bounce).toBe(true);
    expect((await readInbound(raw({ From: 'MAILER-DAEMON@mx.example.fr' }, 'x'))).bounce).toBe(true);
    expect((await readInbound(raw({ From: 'postmaster@example.fr' }, 'x'))).bounce).toBe(true);
  });

  it('lets a person’s message through, Auto-Submitted: no included', async () => {
    const mail = await readInbound(raw({ 'Auto-Submitted': 'no' }, 'Léa jeudi'));
    expect(mail).toMatchObject({ automatic: null, automaticWording: null, bounce: false });
  });

  it('reads X-Loop', async () => {
    expect((await readInbound(raw({ 'X-Loop': 'Inscriptions@Mairie.fr' }, 'x'))).xLoop).toEqual(['inscriptions@mairie.fr']);
  });
});

describe('Authentication-Results', () => {
  it('reads the authserv-id, the methods and their properties, skipping comments, reading quoted values', () => {
    expect(
      parseAuthResultsHeader('mx.mairie.fr 1; dkim=pass (2048-bit key; unprotected) header.d="example.fr" header.i=@example.fr header.s=s1 header.b="Qx1A;b2" (nested (comment) here); spf=softfail (mx.mairie.fr: domain of transitioning x@example.fr) smtp.mailfrom=x@example.fr; dmarc=pass (p=QUARANTINE sp=NONE dis=NONE) header.from=example.fr'),
    ).toEqual({
      authservId: 'mx.mairie.fr',
      results: [
        { method: 'dkim', result: 'pass', props: { 'header.d': 'example.fr', 'header.i': '@example.fr', 'header.s': 's1', 'header.b': 'Qx1A;b2' } },
        { method: 'spf', result: 'softfail', props: { 'smtp.mailfrom': 'x@example.fr' } },
        { method: 'dmarc', result: 'pass', props: { 'header.from': 'example.fr' } },
      ],
    });
  });

  it('reads "none", and drops a result that breaks the grammar instead of guessing', () => {
    expect(parseAuthResultsHeader('mx.mairie.fr; none')).toEqual({ authservId: 'mx.mairie.fr', results: [] });
    expect(parseAuthResultsHeader('mx.mairie.fr; dmarc pass; dkim=pass header.d').results).toEqual([]);
    expect(parseAuthResultsHeader('(mx.mairie.fr) mx.attacker.example; dmarc=pass').authservId).toBe('mx.attacker.example');
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
