/**
 * "Try the assistant": an agent types a parent's message as one guardian
 * and sees what the interpreter reads in it, what the assistant would
 * answer and which bookings it would change, without anything changing:
 * the conversation runs on the sandbox connection and is rolled back (see
 * dryRun.ts). "Appliquer pour de vrai" then runs it for real, as if the
 * guardian had written (their conversation goes on from there), and the
 * log records that an agent did it.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { App } from '../../app.js';
import { handleMessage, type Reply } from '../../core/conversation/converse.js';
import { FamilyId } from '../../core/ids.js';
import { interpret, type Interpretation } from '../../core/interpretation/index.js';
import type { FamilyRecord, GuardianRecord } from '../../core/ports.js';
import type { IsoDate } from '../../core/time.js';
import { writeTransaction } from '../../db/transaction.js';
import { auditTable, withNames } from '../auditText.js';
import type { WebContext } from '../context.js';
import { dryRun } from '../dryRun.js';
import { idField, str } from '../forms.js';
import { accessLabel, serviceShort, shortDate } from '../format.js';
import { html, type Html } from '../html.js';
import { csrfField } from '../layout.js';

const MAX_TEXT = 2_000;

const INTENTS: Record<string, string> = { book: 'Réserver', cancel: 'Annuler', list: 'Consulter les réservations', help: 'Aide', unknown: 'Pas compris' };

export function tryItRoutes(web: FastifyInstance, ctx: WebContext): void {
  const { app, town } = ctx;

  /** The family (by reference or id) and the chosen guardian. */
  const pick = async (famille: string, guardianId: number | null): Promise<{ family: FamilyRecord | null; guardian: GuardianRecord | null }> => {
    const ref = famille.trim();
    const family = ref ? ((await app.families.byReference(ref)) ?? (/^\d{1,9}$/.test(ref) ? await app.families.byId(FamilyId(Number(ref))) : null)) : null;
    const guardian = family?.guardians.find((g) => g.id === guardianId) ?? family?.guardians[0] ?? null;
    return { family, guardian };
  };

  const form = (req: FastifyRequest, family: FamilyRecord | null, guardian: GuardianRecord | null, text: string, famille: string) => html`<form method="get" action="/essai" class="actions no-print">
<label for="famille">Famille (n° de dossier)</label><input type="text" id="famille" name="famille" value="${family?.reference ?? famille}"><button type="submit" class="secondary">Choisir</button></form>
${
  family && guardian
    ? html`<form method="post" action="/essai">
${csrfField(ctx.csrf(req))}
<input type="hidden" name="famille" value="${family.reference}">
<label for="responsable">Message écrit par</label>
<select id="responsable" name="responsable">${family.guardians.map((g) => html`<option value="${g.id}"${g.id === guardian.id ? html` selected` : ''}>${g.name} (${accessLabel(g)})</option>`)}</select>
<label for="message">Message du parent</label>
<textarea id="message" name="message" maxlength="${MAX_TEXT}" required placeholder="Par exemple : ${family.children[0]?.firstName ?? 'Léa'} mange à la cantine jeudi">${text}</textarea>
<div class="actions"><button type="submit">Voir ce que l’assistant comprendrait</button></div>
<p class="muted">Rien n’est enregistré : l’essai est fait puis entièrement annulé. Enfants de la famille : ${family.children.map((c) => c.firstName).join(', ') || 'aucun'}.</p>
</form>`
    : family
      ? html`<p>Cette famille n’a aucun responsable.</p>`
      : famille
        ? html`<p class="flash error" role="alert">Aucune famille n’a la référence « ${famille} ».</p>`
        : ''
}`;

  web.get('/essai', async (req, reply) => {
    const famille = str(req.query, 'famille');
    const { family, guardian } = await pick(famille, idField(req.query, 'responsable'));
    return ctx.render(req, reply, {
      title: 'Essayer l’assistant',
      current: 'try',
      body: html`<h1>Essayer l’assistant</h1>
<p>Tapez le message d’un parent comme s’il l’écrivait sur Telegram ou par email : vous voyez ce que l’assistant comprend, ce qu’il répondrait et ce qu’il changerait, sans rien modifier.</p>
${form(req, family, guardian, '', famille)}`,
    });
  });

  const interpretation = (i: Interpretation): Html => {
    if (i.actions.length === 0) return html`<p>Aucune action comprise.</p>`;
    const dates = (d: readonly IsoDate[] | null) => (d === null ? 'non précisé' : d.length === 0 ? 'aucun jour de service' : d.length > 8 ? `${d.length} jours, du ${shortDate(d[0]!)} au ${shortDate(d[d.length - 1]!)}` : d.map(shortDate).join(', '));
    return html`<div class="table-wrap"><table><caption>Ce que l’assistant comprend (langue : ${i.language === 'en' ? 'anglais' : 'français'})</caption>
<thead><tr><th scope="col">Action</th><th scope="col">Enfants</th><th scope="col">Services</th><th scope="col">Jours</th><th scope="col">Remarques</th></tr></thead>
<tbody>${i.actions.map((a, n) => {
      const note = i.notes[n];
      const remarks = [
        note?.missingChildren ? 'enfant non précisé : l’assistant demandera' : '',
        note?.missingServices ? 'service non précisé : l’assistant demandera' : '',
        note?.missingDates ? 'jour non précisé : l’assistant demandera' : '',
        note?.noRunningDay ? 'aucun des jours cités n’a de service' : '',
        note?.droppedDates.length ? `jours écartés (pas de service) : ${note.droppedDates.map(shortDate).join(', ')}` : '',
        note?.openEnded ? 'jusqu’à la fin de l’année scolaire' : '',
        ...(note?.fuzzyChildren ?? []).map((f) => `« ${f.written} » lu comme ${f.child}`),
        note?.negation ? 'négation lue' : '',
        note?.corrected ? 'auto-correction lue' : '',
        note?.ambiguousServices?.length ? `service ambigu : ${note.ambiguousServices.map((c) => serviceShort(town, c)).join(' ou ')}` : '',
      ].filter(Boolean);
      return html`<tr><th scope="row">${INTENTS[a.intent] ?? a.intent}</th><td>${a.children?.join(', ') ?? 'non précisé'}</td><td>${a.services?.map((c) => serviceShort(town, c)).join(', ') ?? 'non précisé'}</td><td>${dates(a.dates)}</td><td>${remarks.join(' ; ')}</td></tr>`;
    })}</tbody></table></div>`;
  };

  const replyBox = (r: Reply): Html => html`<pre class="reply">${r.text}</pre>
${r.buttons.length ? html`<p>Boutons proposés : ${r.buttons.flat().map((b, i) => html`${i ? ' · ' : ''}<strong>${b.label}</strong> (par email : ${b.keyword})`)}</p>` : ''}`;

  /** Runs the conversation on `target` and returns the reply with the audit rows it wrote. */
  const converse = async (target: App, guardian: GuardianRecord, text: string) => {
    const last = (await target.db.auditEvent.findFirst({ orderBy: { id: 'desc' }, select: { id: true } }))?.id ?? 0;
    const reply = await handleMessage(target.conversation, { guardian, channel: 'web', text, now: ctx.now() });
    const written = await target.db.auditEvent.findMany({ where: { id: { gt: last } }, orderBy: { id: 'asc' } });
    return { reply, written };
  };

  const result = async (req: FastifyRequest, reply: FastifyReply, applied: boolean) => {
    const text = str(req.body, 'message').slice(0, MAX_TEXT);
    const famille = str(req.body, 'famille');
    const { family, guardian } = await pick(famille, idField(req.body, 'responsable'));
    if (!family || !guardian) return ctx.notFound(req, reply, 'Cette famille');
    if (!text.trim()) return ctx.redirect(req, reply, `/essai?famille=${encodeURIComponent(family.reference)}&responsable=${guardian.id}`, { kind: 'error', lines: ['Tapez un message.'] });
    const read = interpret(text, { now: ctx.now(), children: family.children.map((c) => c.firstName), config: town.config, calendar: town.calendar });
    const run = applied
      ? await writeTransaction(app.db, async (tx) => {
          const out = await converse(app, guardian, text);
          await tx.auditEvent.create({
            data: { at: ctx.now(), actorType: 'staff', actorId: req.staff!.id, channel: 'web', action: 'conversation.applied_by_staff', familyId: family.id, before: null, after: JSON.stringify({ guardianId: guardian.id, text }) },
          });
          return out;
        })
      : await dryRun(ctx, async (sandbox) => converse(sandbox, guardian, text));
    const changes = await withNames(app.db, run.written);
    return ctx.render(req, reply, {
      title: 'Essayer l’assistant',
      current: 'try',
      flash: applied ? { kind: 'ok', lines: [`Appliqué pour de vrai, comme si ${guardian.name} avait écrit ce message (la réponse ne lui est pas envoyée).`] } : null,
      body: html`<h1>${applied ? 'Message appliqué' : 'Essai'} — ${guardian.name}, famille <a href="/familles/${family.id}">${family.reference}</a></h1>
${guardian.accessState === 'inactive' ? html`<p class="note">Ce responsable n’a pas encore activé son accès : pour l’instant, l’assistant ne lirait pas ses messages.</p>` : ''}
<h2>Message</h2>
<blockquote><p>${text}</p></blockquote>
<h2>Compréhension</h2>
${interpretation(read)}
<h2>${applied ? 'Réponse de l’assistant' : 'Réponse qu’il enverrait'}</h2>
${replyBox(run.reply)}
<h2>${applied ? 'Changements faits' : 'Changements qu’il ferait'}</h2>
${changes.rows.length ? auditTable(changes.rows, changes.names, town, 'Changements') : html`<p>Aucun changement de réservation.</p>`}
${
  applied
    ? ''
    : html`<form method="post" action="/essai/appliquer" class="no-print">
${csrfField(ctx.csrf(req))}<input type="hidden" name="famille" value="${family.reference}"><input type="hidden" name="responsable" value="${guardian.id}"><input type="hidden" name="message" value="${text}">
<div class="actions"><button type="submit" class="danger" data-confirm="Appliquer ce message pour de vrai, comme si le parent l’avait écrit ?">Appliquer pour de vrai</button></div></form>`
}
<h2>Un autre message</h2>
${form(req, family, guardian, applied ? '' : text, family.reference)}`,
    });
  };

  web.post('/essai', async (req, reply) => result(req, reply, false));
  web.post('/essai/appliquer', async (req, reply) => result(req, reply, true));
}
