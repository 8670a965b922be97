/**
 * Activation letters. At the desk, one button per guardian issues a fresh
 * code, puts the welcome email in the outbox (sent when SMTP is set), and
 * shows the letter to print and hand over. In batch (/familles/lettres),
 * staff choose the families not yet activated, or those an import created
 * or updated on a given day, and get one printable document, one letter per
 * page, each with its code, Telegram link and QR code: one audited action.
 * A code is shown this once: only its hash is kept.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { queueWelcomeEmails } from '../../admin/welcomeEmail.js';
import { issueBatchCodes, type BatchLetter, type BatchScope } from '../../core/activation/issueBatchCodes.js';
import { issueGuardianCode } from '../../core/activation/issueGuardianCode.js';
import { FamilyId, GuardianId } from '../../core/ids.js';
import { zonedParts, type IsoDate } from '../../core/time.js';
import { writeTransaction } from '../../db/transaction.js';
import type { Area } from '../context.js';
import { checked, dateField, str } from '../forms.js';
import { longDate } from '../format.js';
import type { Html } from '../html.js';
import { qrSvg, telegramLink } from '../qr.js';
import { activationCounts, guardiansToActivate } from '../queries/activation.js';
import { batchChoicePage, batchLettersPage, deskLetterPage } from '../views/activation.js';
import { activationLetter } from '../views/activationLetter.js';
import { form, id, params, query } from '../schemas.js';

/** Most letters in one document: a print run staff can handle; the next run takes the following ones. */
export const MAX_LETTERS = 200;

export const activationRoutes: Area = async (web, { ctx }) => {
  const { app, town } = ctx;

  const until = (expiresAt: Date) => {
    const expiry = zonedParts(expiresAt, town.timeZone);
    return `${longDate(expiry.date)} à ${String(expiry.hour).padStart(2, '0')}:${String(expiry.minute).padStart(2, '0')}`;
  };

  const letter = async (l: BatchLetter, username: string | null, headingId: string) => {
    const link = username ? telegramLink(username, l.code) : null;
    return activationLetter({
      town: town.config,
      dated: longDate(ctx.today()),
      guardian: l.guardian,
      familyReference: l.family.reference,
      children: l.family.children.map((c) => c.firstName),
      code: l.code,
      until: until(l.expiresAt),
      telegram: username && link ? { username, link, qr: await qrSvg(link, `Code QR du lien Telegram ${link}`) } : null,
      headingId,
    });
  };

  web.post<{ Params: { family: string; guardian: string } }>('/familles/:family/responsables/:guardian/code', { schema: { params: params({ family: id, guardian: id }), body: form() }, config: { allow: 'families' } }, async (req, reply) => {
    const ids = [req.params.family, req.params.guardian];
    const family = ids.every((v) => /^\d{1,9}$/.test(v)) ? await app.families.byId(FamilyId(Number(req.params.family))) : null;
    if (!family) return ctx.notFound(req, reply, 'Cette famille');
    const now = ctx.now();
    const username = ctx.botUsername();
    // The code and its welcome email are written together: both or neither.
    const issued = await writeTransaction(app.db, async () => {
      const r = await issueGuardianCode(
        { families: app.families, activation: app.activation, random: app.random },
        { familyReference: family.reference, guardianId: GuardianId(Number(req.params.guardian)), now, actor: ctx.actor(req), channel: 'web' },
      );
      if (r.ok) await queueWelcomeEmails(app, [{ guardian: r.guardian, code: r.code, expiresAt: r.expiresAt, children: family.children.map((c) => c.firstName) }], username, now, { from: ctx.mailFrom, secret: ctx.secret });
      return r;
    });
    if (!issued.ok) return ctx.notFound(req, reply, 'Ce responsable');
    const { guardian } = issued;
    return ctx.render(req, reply, {
      title: `Lettre d’activation — ${guardian.name}`,
      current: 'families',
      flash: {
        kind: 'ok',
        lines: [
          `Code émis pour ${guardian.name} : il remplace ses codes précédents non utilisés.`,
          guardian.email ? `Email de bienvenue mis dans la boîte d’envoi pour ${guardian.email} (il part dès que l’envoi des emails est configuré).` : 'Pas d’email pour ce responsable : remettez-lui cette lettre.',
        ],
      },
      body: deskLetterPage({ familyId: family.id, familyReference: family.reference, letter: await letter(issued, username, 'lettre-titre') }),
    });
  });

  const choicePage = async (req: FastifyRequest, reply: FastifyReply, opts: { status?: number; message?: string; date?: IsoDate } = {}) => {
    const username = ctx.botUsername();
    const { waiting, unused } = await activationCounts(app.db);
    return ctx.render(req, reply, {
      title: 'Lettres d’activation en lot',
      current: 'families',
      status: opts.status ?? 200,
      ...(opts.message ? { flash: { kind: 'error' as const, lines: [opts.message] } } : {}),
      body: batchChoicePage({ botKnown: Boolean(username), waiting, unused, date: opts.date ?? ctx.today(), maxLetters: MAX_LETTERS, csrf: ctx.csrf(reply) }),
    });
  };

  web.get('/familles/lettres', { schema: { querystring: query() }, config: { allow: 'families' } }, async (req, reply) => choicePage(req, reply));

  web.post('/familles/lettres', { schema: { body: form('choix', 'deja', 'jour') }, config: { allow: 'families' } }, async (req, reply) => {
    const username = ctx.botUsername();
    if (!username) return choicePage(req, reply, { status: 409 });
    const choice = str(req.body, 'choix');
    const date = dateField(req.body, 'jour');
    if (choice !== 'non_activees' && choice !== 'jour') return choicePage(req, reply, { status: 400, message: 'Choisissez les familles : celles pas encore activées, ou celles d’un jour d’import.' });
    if (choice === 'jour' && !date) return choicePage(req, reply, { status: 400, message: 'Indiquez le jour de l’import (une date valide).' });
    const again = checked(req.body, 'deja');
    const scope: BatchScope = choice === 'jour' ? { kind: 'changed_on', date: date! } : { kind: 'not_activated' };
    const now = ctx.now();
    // Chosen, issued and queued in one write transaction: two agents printing at once never hand out the same guardian twice.
    const result = await writeTransaction(app.db, async () => {
      const all = await guardiansToActivate(app.db, town.timeZone, scope.kind === 'changed_on' ? { kind: 'changed_on', date: date! } : scope, again);
      if (all.length === 0) return null;
      const letters = await issueBatchCodes(
        { families: app.families, activation: app.activation, random: app.random },
        { guardians: all.slice(0, MAX_LETTERS), scope: again ? { ...scope, includingUnused: true } : scope, now, actor: ctx.actor(req), channel: 'web' },
      );
      await queueWelcomeEmails(
        app,
        letters.map((l) => ({ guardian: l.guardian, code: l.code, expiresAt: l.expiresAt, children: l.family.children.map((c) => c.firstName) })),
        username,
        now,
        { from: ctx.mailFrom, secret: ctx.secret },
      );
      return { letters, left: all.length - Math.min(all.length, MAX_LETTERS) };
    });
    if (!result) {
      return choicePage(req, reply, {
        status: 200,
        ...(date ? { date } : {}),
        message: scope.kind === 'changed_on' ? `Aucun responsable à activer parmi les familles créées ou mises à jour le ${longDate(date!)}.` : 'Aucun responsable à activer : tous ont déjà reçu un code.',
      });
    }
    const { letters, left } = result;
    const mailed = letters.filter((l) => l.guardian.email).length;
    const families = new Set(letters.map((l) => l.family.id)).size;
    const body: Html[] = [];
    for (const [i, l] of letters.entries()) body.push(await letter(l, username, `lettre-${i + 1}`));
    return ctx.render(req, reply, {
      title: `Lettres d’activation (${letters.length})`,
      current: 'families',
      flash: {
        kind: 'ok',
        lines: [
          `${letters.length} code(s) émis pour ${families} famille(s) : ils remplacent les codes précédents non utilisés de ces responsables.`,
          `${mailed} email(s) de bienvenue mis dans la boîte d’envoi ; ${letters.length - mailed} responsable(s) sans email n’ont que la lettre.`,
          ...(left ? [`${left} autre(s) responsable(s) restent : imprimez ce document, puis recommencez pour les suivants.`] : []),
        ],
      },
      body: batchLettersPage(body),
    });
  });
};
