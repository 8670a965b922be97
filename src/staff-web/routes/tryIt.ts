/**
 * "Try the assistant": an agent finds a family by name (or file number),
 * then chats as one of its guardians with the real conversation: the same
 * state machine, buttons pressed as real buttons (forms posting their
 * data), typed answers to pending questions understood. The conversation
 * lives in a sandbox (trySandbox.ts): replayed and rolled back on every
 * request, it never changes the real database. The page shows what the
 * interpreter read in the last message and the bookings the conversation
 * changed in the sandbox. For a first message, "Appliquer pour de vrai"
 * runs it for real, as if the guardian had written (their conversation
 * goes on from there), and the log records that an agent did it.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App } from '../../app.js';
import { MAX_BUTTON_BYTES } from '../../core/conversation/buttons.js';
import { handleMessage } from '../../core/conversation/converse.js';
import { FamilyId } from '../../core/ids.js';
import { interpret, type Interpretation } from '../../core/interpretation/index.js';
import type { FamilyRecord, GuardianRecord } from '../../core/ports.js';
import type { IsoDate } from '../../core/time.js';
import { writeTransaction } from '../../db/transaction.js';
import { auditTable, withNames } from '../auditText.js';
import type { Area } from '../context.js';
import { dryRun } from '../dryRun.js';
import { idField, str } from '../forms.js';
import { accessLabel, serviceShort, shortDate } from '../format.js';
import { html, type Html } from '../html.js';
import { csrfField } from '../layout.js';
import { MAX_STEPS, replay, TrySessions, type Exchange, type TrySession } from '../trySandbox.js';
import { form, query } from '../schemas.js';

const MAX_TEXT = 2_000;

const INTENTS: Record<string, string> = { book: 'Réserver', cancel: 'Annuler', list: 'Consulter les réservations', help: 'Aide', unknown: 'Pas compris' };

export const tryItRoutes: Area = async (web, { ctx }) => {
  const { app, town } = ctx;
  const sessions = new TrySessions(() => ctx.now().getTime());

  /** The family (by reference or id) and the chosen guardian. */
  const pick = async (famille: string, guardianId: number | null): Promise<{ family: FamilyRecord | null; guardian: GuardianRecord | null }> => {
    const ref = famille.trim();
    const family = ref ? ((await app.families.byReference(ref)) ?? (/^\d{1,9}$/.test(ref) ? await app.families.byId(FamilyId(Number(ref))) : null)) : null;
    const guardian = family?.guardians.find((g) => g.id === guardianId) ?? family?.guardians[0] ?? null;
    return { family, guardian };
  };

  const searchForm = (q: string) => html`<form method="get" action="/essai" class="actions no-print" role="search">
<label for="q">Famille (nom d’un parent ou d’un enfant, email, téléphone ou n° de dossier)</label><input type="search" id="q" name="q" value="${q}" maxlength="200"><button type="submit" class="secondary">Chercher</button></form>`;

  /** The form that starts a sandbox conversation with a family's guardian. */
  const startForm = (csrf: string, family: FamilyRecord, guardian: GuardianRecord, text: string) => html`<form method="post" action="/essai">
${csrfField(csrf)}
<input type="hidden" name="famille" value="${family.reference}">
<label for="responsable">Message écrit par</label>
<select id="responsable" name="responsable">${family.guardians.map((g) => html`<option value="${g.id}"${g.id === guardian.id ? html` selected` : ''}>${g.name} (${accessLabel(g)})</option>`)}</select>
<label for="message">Premier message du parent</label>
<textarea id="message" name="message" maxlength="${MAX_TEXT}" required placeholder="Par exemple : ${family.children[0]?.firstName ?? 'Léa'} mange à la cantine jeudi">${text}</textarea>
<div class="actions"><button type="submit">Commencer la conversation</button></div>
<p class="muted">Rien n’est enregistré : la conversation se déroule dans un bac à sable, les vraies réservations ne changent pas. Enfants de la famille : ${family.children.map((c) => c.firstName).join(', ') || 'aucun'}.</p>
</form>`;

  web.get('/essai', { schema: { querystring: query('famille', 'q', 'responsable') } }, async (req, reply) => {
    const q = str(req.query, 'q').slice(0, 200).trim();
    const famille = str(req.query, 'famille').slice(0, 200) || (q && (await app.families.byReference(q)) ? q : '');
    const { family, guardian } = await pick(famille, idField(req.query, 'responsable'));
    const found = !family && q ? await ctx.familySearch.search(q, 20) : null;
    const results = found
      ? found.hits.length
        ? html`<ul class="hits">${found.hits.map(
            (h) =>
              html`<li><a href="/essai?famille=${encodeURIComponent(h.reference)}">${h.guardians.map((g) => g.name).join(', ') || h.reference}</a> — ${h.reference}${h.children.length ? html` — enfants : ${h.children.map((c) => c.firstName).join(', ')}` : ''}</li>`,
          )}</ul>${found.total > found.hits.length ? html`<p class="muted">${found.total} familles trouvées : précisez la recherche.</p>` : ''}`
        : html`<p class="flash error" role="alert">Aucune famille ne correspond à « ${q} ».</p>`
      : '';
    const chosen = family
      ? guardian
        ? html`<h2>Famille ${family.reference} — ${family.guardians.map((g) => g.name).join(', ')}</h2>${startForm(ctx.csrf(reply), family, guardian, '')}`
        : html`<p>Cette famille n’a aucun responsable.</p>`
      : famille
        ? html`<p class="flash error" role="alert">Aucune famille n’a la référence « ${famille} ».</p>`
        : '';
    return ctx.render(req, reply, {
      title: 'Essayer l’assistant',
      current: 'try',
      body: html`<h1>Essayer l’assistant</h1>
<p>Choisissez une famille, puis écrivez comme l’un de ses parents sur Telegram ou par email : l’assistant répond comme pour de vrai (questions, boutons, réponses tapées), dans un bac à sable qui ne modifie aucune réservation.</p>
${searchForm(q)}${results}${chosen}`,
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

  const buttonForms = (csrf: string, s: TrySession, e: Exchange): Html | string =>
    e.reply.buttons.length
      ? html`<div class="chat-buttons no-print">${e.reply.buttons.flat().map(
          (b) => html`<form method="post" action="/essai/bouton">${csrfField(csrf)}<input type="hidden" name="essai" value="${s.id}"><input type="hidden" name="data" value="${b.data}"><button type="submit" class="secondary">${b.label}</button></form>`,
        )}</div><p class="muted">Par email, le parent répondrait : ${e.reply.buttons.flat().map((b, i) => html`${i ? ' · ' : ''}<strong>${b.keyword}</strong>`)}</p>`
      : '';

  const transcript = (csrf: string, s: TrySession, exchanges: Exchange[]): Html => html`<ol class="chat">${exchanges.map(
    (e, n) => html`<li class="parent"><span class="who">${s.guardian.name}</span>${e.step.kind === 'text' ? html`<p>${e.step.text}</p>` : html`<p>[bouton] ${e.label ?? e.step.data}</p>`}</li>
<li class="assistant"><span class="who">Assistant</span><pre class="reply">${e.reply.text}</pre>${
      n === exchanges.length - 1 ? buttonForms(csrf, s, e) : e.reply.buttons.length ? html`<p class="muted">Boutons : ${e.reply.buttons.flat().map((b) => b.label).join(' · ')}</p>` : ''
    }</li>`,
  )}</ol>`;

  /** Replays the sandbox conversation and shows it. */
  const show = async (req: FastifyRequest, reply: FastifyReply, s: TrySession, flash: string | null = null) => {
    const family = await app.families.byId(FamilyId(s.familyId));
    if (!family) return ctx.notFound(req, reply, 'Cette famille');
    const run = await replay(ctx, s);
    const changes = await withNames(app.db, run.written);
    const lastText = [...s.steps].reverse().find((t) => t.kind === 'text');
    const read = lastText?.kind === 'text' ? interpret(lastText.text, { now: lastText.at, children: family.children.map((c) => c.firstName), config: town.config, calendar: town.calendar }) : null;
    const first = s.steps.length === 1 && s.steps[0]!.kind === 'text' ? s.steps[0]!.text : null;
    const full = s.steps.length >= MAX_STEPS;
    return ctx.render(req, reply, {
      title: 'Essayer l’assistant',
      current: 'try',
      flash: flash ? { kind: 'error', lines: [flash] } : null,
      body: html`<h1>Essai — ${s.guardian.name}, famille <a href="/familles/${family.id}">${family.reference}</a></h1>
<p class="note">Bac à sable : l’assistant répond comme pour de vrai, mais aucune réservation réelle ne change et rien n’est envoyé au parent.</p>
${s.guardian.accessState === 'inactive' ? html`<p class="note">Ce responsable n’a pas encore activé son accès : pour l’instant, l’assistant ne lirait pas ses messages.</p>` : ''}
<h2>Conversation</h2>
${transcript(ctx.csrf(reply), s, run.exchanges)}
${
  full
    ? html`<p class="note">Cet essai a atteint ${MAX_STEPS} messages : recommencez-en un autre.</p>`
    : html`<form method="post" action="/essai" class="no-print">
${csrfField(ctx.csrf(reply))}<input type="hidden" name="essai" value="${s.id}">
<label for="message">Réponse ou nouveau message du parent</label>
<textarea id="message" name="message" maxlength="${MAX_TEXT}" required></textarea>
<div class="actions"><button type="submit">Envoyer</button></div></form>`
}
<form method="post" action="/essai/recommencer" class="no-print">${csrfField(ctx.csrf(reply))}<input type="hidden" name="essai" value="${s.id}"><div class="actions"><button type="submit" class="secondary">Recommencer</button> <a href="/essai">Choisir une autre famille</a></div></form>
${read ? html`<h2>Compréhension du dernier message</h2>${interpretation(read)}` : ''}
<h2>Changements faits dans le bac à sable</h2>
${changes.rows.length ? auditTable(changes.rows, changes.names, town, 'Changements') : html`<p>Aucun changement de réservation.</p>`}
${
  first !== null
    ? html`<form method="post" action="/essai/appliquer" class="no-print">
${csrfField(ctx.csrf(reply))}<input type="hidden" name="famille" value="${family.reference}"><input type="hidden" name="responsable" value="${s.guardian.id}"><input type="hidden" name="message" value="${first}">
<div class="actions"><button type="submit" class="danger" data-confirm="Appliquer ce message pour de vrai, comme si le parent l’avait écrit ?">Appliquer pour de vrai</button></div></form>`
    : ''
}`,
    });
  };

  /** The staff member's sandbox conversation named by the form, or an answer saying it is gone. */
  const current = async (req: FastifyRequest, reply: FastifyReply): Promise<TrySession | null> => {
    const s = sessions.get(str(req.body, 'essai').slice(0, 64), req.staff!.id);
    if (!s) {
      req.log.info({ staff: req.staff!.id }, 'try it: unknown or expired sandbox conversation');
      await ctx.redirect(req, reply, '/essai', { kind: 'error', lines: ['Cet essai a expiré (ou n’existe pas) : choisissez la famille à nouveau.'] });
    }
    return s;
  };

  web.post('/essai', { schema: { body: form('essai', 'famille', 'message', 'responsable') } }, async (req, reply) => {
    const text = str(req.body, 'message').slice(0, MAX_TEXT);
    if (str(req.body, 'essai')) {
      const s = await current(req, reply);
      if (!s) return reply;
      if (!text.trim()) return show(req, reply, s, 'Tapez un message.');
      if (s.steps.length >= MAX_STEPS) return show(req, reply, s);
      s.steps.push({ kind: 'text', text, at: ctx.now() });
      return show(req, reply, s);
    }
    const { family, guardian } = await pick(str(req.body, 'famille'), idField(req.body, 'responsable'));
    if (!family || !guardian) return ctx.notFound(req, reply, 'Cette famille');
    if (!text.trim()) return ctx.redirect(req, reply, `/essai?famille=${encodeURIComponent(family.reference)}&responsable=${guardian.id}`, { kind: 'error', lines: ['Tapez un message.'] });
    const s = sessions.start(req.staff!.id, family.id, guardian);
    s.steps.push({ kind: 'text', text, at: ctx.now() });
    return show(req, reply, s);
  });

  web.post('/essai/bouton', { schema: { body: form('essai', 'data') } }, async (req, reply) => {
    const s = await current(req, reply);
    if (!s) return reply;
    const data = str(req.body, 'data');
    // The conversation answers unknown data itself ("expired"); only the size is checked here.
    if (!data || data.length > MAX_BUTTON_BYTES) {
      req.log.info({ staff: req.staff!.id }, 'try it: bad button data');
      return show(req, reply, s, 'Ce bouton n’est pas valable.');
    }
    if (s.steps.length >= MAX_STEPS) return show(req, reply, s);
    s.steps.push({ kind: 'button', data, at: ctx.now() });
    return show(req, reply, s);
  });

  web.post('/essai/recommencer', { schema: { body: form('essai') } }, async (req, reply) => {
    const s = await current(req, reply);
    if (!s) return reply;
    sessions.drop(s.id, req.staff!.id);
    const family = await app.families.byId(FamilyId(s.familyId));
    return ctx.redirect(req, reply, family ? `/essai?famille=${encodeURIComponent(family.reference)}&responsable=${s.guardian.id}` : '/essai');
  });

  /** Runs one message for real, as if the guardian had written it. */
  web.post('/essai/appliquer', { schema: { body: form('essai', 'famille', 'message', 'responsable') } }, async (req, reply) => {
    const text = str(req.body, 'message').slice(0, MAX_TEXT);
    const { family, guardian } = await pick(str(req.body, 'famille'), idField(req.body, 'responsable'));
    if (!family || !guardian) return ctx.notFound(req, reply, 'Cette famille');
    if (!text.trim()) return ctx.redirect(req, reply, `/essai?famille=${encodeURIComponent(family.reference)}&responsable=${guardian.id}`, { kind: 'error', lines: ['Tapez un message.'] });
    const run = await writeTransaction(app.db, async (tx) => {
      const last = (await app.db.auditEvent.findFirst({ orderBy: { id: 'desc' }, select: { id: true } }))?.id ?? 0;
      const answer = await handleMessage(app.conversation, { guardian, channel: 'web', text, now: ctx.now() });
      await tx.auditEvent.create({
        data: { at: ctx.now(), actorType: 'staff', actorId: req.staff!.id, channel: 'web', action: 'conversation.applied_by_staff', familyId: family.id, before: null, after: JSON.stringify({ guardianId: guardian.id, text }) },
      });
      const written = await app.db.auditEvent.findMany({ where: { id: { gt: last } }, orderBy: { id: 'asc' } });
      return { answer, written };
    });
    const changes = await withNames(app.db, run.written.filter((r) => r.action !== 'conversation.applied_by_staff'));
    return ctx.render(req, reply, {
      title: 'Essayer l’assistant',
      current: 'try',
      flash: { kind: 'ok', lines: [`Appliqué pour de vrai, comme si ${guardian.name} avait écrit ce message (la réponse ne lui est pas envoyée).`] },
      body: html`<h1>Message appliqué — ${guardian.name}, famille <a href="/familles/${family.id}">${family.reference}</a></h1>
<h2>Message</h2>
<blockquote><p>${text}</p></blockquote>
<h2>Réponse de l’assistant</h2>
<pre class="reply">${run.answer.text}</pre>
<h2>Changements faits</h2>
${changes.rows.length ? auditTable(changes.rows, changes.names, town, 'Changements') : html`<p>Aucun changement de réservation.</p>`}
<h2>Un autre essai</h2>
${startForm(ctx.csrf(reply), family, guardian, '')}`,
    });
  });
};
