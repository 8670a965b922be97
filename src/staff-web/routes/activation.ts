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
import QRCode from 'qrcode';
import { queueWelcomeEmails } from '../../admin/welcomeEmail.js';
import { issueBatchCodes, type BatchLetter, type BatchScope } from '../../core/activation/issueBatchCodes.js';
import { issueGuardianCode } from '../../core/activation/issueGuardianCode.js';
import { FamilyId, GuardianId } from '../../core/ids.js';
import { addDays, zonedInstant, zonedParts, type IsoDate } from '../../core/time.js';
import { writeTransaction } from '../../db/transaction.js';
import type { Area } from '../context.js';
import { checked, dateField, str } from '../forms.js';
import { longDate } from '../format.js';
import { html, raw, type Html } from '../html.js';
import { csrfField } from '../layout.js';
import { activationLetter } from '../views/activationLetter.js';
import { form, id, params, query } from '../schemas.js';

/** Most letters in one document: a print run staff can handle; the next run takes the following ones. */
export const MAX_LETTERS = 200;

/** The Telegram deep link of a code. */
export function telegramLink(botUsername: string, code: string): string {
  return `https://t.me/${botUsername}?start=${code}`;
}

/** A QR code of `text` as an SVG element, drawn server-side. */
export async function qrSvg(text: string, label: string): Promise<Html> {
  const svg = await QRCode.toString(text, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' });
  // qrcode's SVG is its own markup (no user text in it); it gets a name for screen readers.
  return raw(svg.replace('<svg ', `<svg role="img" aria-label="${label.replace(/[<>&"]/g, '')}" `));
}

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
      body: html`<p class="actions no-print"><button type="button" data-print>Imprimer la lettre</button> <a href="/familles/${family.id}">Retour à la famille ${family.reference}</a></p>
<p class="note no-print">Ce code n’est affiché qu’une fois (seule son empreinte est gardée) : imprimez la lettre maintenant. En cas de perte, émettez un nouveau code.</p>
${await letter(issued, username, 'lettre-titre')}`,
    });
  });

  /** Why batch letters are not offered without the bot's username, and how to fix it. */
  const noBotName = html`<div class="note" role="alert"><p><strong>Les lettres en lot ne sont pas proposées : le nom du robot Telegram n’est pas connu</strong>, donc une lettre n’aurait ni lien ni code QR à scanner.</p>
<p>Pour y remédier, indiquez dans la configuration du service <code>TELEGRAM_BOT_USERNAME</code> (le nom du robot, sans @), ou <code>TELEGRAM_BOT_TOKEN</code> (le nom est alors demandé à Telegram au démarrage), puis redémarrez le service. En attendant, la fiche de chaque famille émet une lettre par responsable.</p></div>`;

  /** The guardians of a batch: not activated (and, when asked, those whose code was not used yet), in file order. */
  const guardiansOf = async (choice: { kind: 'not_activated' } | { kind: 'changed_on'; date: IsoDate }, again: boolean) => {
    const states = again ? ['inactive', 'code_sent'] : ['inactive'];
    let familyIds: number[] | null = null;
    if (choice.kind === 'changed_on') {
      const from = zonedInstant(choice.date, '00:00', town.timeZone);
      const to = zonedInstant(addDays(choice.date, 1), '00:00', town.timeZone);
      const events = await app.db.auditEvent.findMany({
        where: { action: { in: ['family.create', 'family.update'] }, at: { gte: from, lt: to }, familyId: { not: null } },
        select: { familyId: true },
        distinct: ['familyId'],
      });
      familyIds = events.map((e) => e.familyId!);
    }
    const rows = [];
    // `in` lists in slices: SQLite takes at most 999 parameters at once.
    for (let i = 0; i < (familyIds?.length ?? 1); i += 500) {
      rows.push(
        ...(await app.db.guardian.findMany({
          where: { accessState: { in: states }, ...(familyIds ? { familyId: { in: familyIds.slice(i, i + 500) } } : {}) },
          select: { id: true, family: { select: { reference: true } } },
        })),
      );
      if (!familyIds) break;
    }
    return rows.sort((a, b) => a.family.reference.localeCompare(b.family.reference, 'fr', { numeric: true }) || a.id - b.id).map((r) => ({ familyReference: r.family.reference, guardianId: GuardianId(r.id) }));
  };

  const choicePage = async (req: FastifyRequest, reply: FastifyReply, opts: { status?: number; message?: string; date?: IsoDate } = {}) => {
    const username = ctx.botUsername();
    const waiting = await app.db.guardian.count({ where: { accessState: 'inactive' } });
    const unused = await app.db.guardian.count({ where: { accessState: 'code_sent' } });
    return ctx.render(req, reply, {
      title: 'Lettres d’activation en lot',
      current: 'families',
      status: opts.status ?? 200,
      ...(opts.message ? { flash: { kind: 'error' as const, lines: [opts.message] } } : {}),
      body: html`<h1>Lettres d’activation en lot</h1>
<p>Un seul document à imprimer, une lettre par page : pour chaque responsable, un nouveau code d’activation, le lien Telegram et son code QR. Les responsables qui ont une adresse reçoivent aussi l’email de bienvenue. ${waiting} responsable(s) n’ont encore reçu aucun code, ${unused} n’ont pas encore utilisé le leur.</p>
${
  username
    ? html`<form method="post" action="/familles/lettres">
${csrfField(ctx.csrf(reply))}
<fieldset><legend>Pour quelles familles ?</legend>
<p><input type="radio" id="choix-non-activees" name="choix" value="non_activees" checked> <label for="choix-non-activees">Toutes les familles pas encore activées</label></p>
<p><input type="radio" id="choix-jour" name="choix" value="jour"> <label for="choix-jour">Les familles créées ou mises à jour (par un import ou à la main) le :</label></p>
<p><label for="jour" class="visually-hidden">Jour de l’import</label><input type="date" id="jour" name="jour" value="${opts.date ?? ctx.today()}"></p>
</fieldset>
<p><input type="checkbox" id="deja" name="deja" value="oui"> <label for="deja">Y compris les responsables qui ont déjà reçu un code sans l’utiliser (leur ancien code cesse de marcher)</label></p>
<p class="muted">${MAX_LETTERS} lettres au plus par document : imprimez-le, puis recommencez pour les suivantes.</p>
<div class="actions"><button type="submit">Émettre les codes et préparer les lettres</button> <a href="/familles">Retour aux familles</a></div>
</form>`
    : noBotName
}`,
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
      const all = await guardiansOf(scope.kind === 'changed_on' ? { kind: 'changed_on', date: date! } : scope, again);
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
      body: html`<p class="actions no-print"><button type="button" data-print>Imprimer les ${letters.length} lettres</button> <a href="/familles/lettres">Autre lot</a></p>
<p class="note no-print">Ces codes ne sont affichés qu’une fois (seule leur empreinte est gardée) : imprimez maintenant. En cas de perte, émettez un nouveau code depuis la fiche de la famille.</p>
<div class="letters">${body}</div>`,
    });
  });
};
