/**
 * The "try the assistant" pages as functions of their data: choosing a
 * family, the sandbox conversation (transcript, buttons as forms, what the
 * interpreter read, the sandbox's changes), and a message applied for real.
 * The route runs the sandbox (trySandbox.ts) and reads the rows.
 */
import type { Interpretation } from '../../core/interpretation/index.js';
import type { FamilyRecord, GuardianRecord } from '../../core/ports.js';
import type { IsoDate } from '../../core/time.js';
import type { Town } from '../../core/town.js';
import { auditTable, type AuditRow, type Names } from '../auditText.js';
import { accessLabel, serviceShort, shortDate } from '../format.js';
import { html, type Html } from '../html.js';
import { csrfField } from '../layout.js';
import type { FamilyHit } from '../queries/families.js';
import { MAX_STEPS, type Exchange, type TrySession } from '../trySandbox.js';

/** The longest message a staff member may type. */
export const MAX_TEXT = 2_000;

const INTENTS: Record<string, string> = { book: 'Réserver', cancel: 'Annuler', list: 'Consulter les réservations', help: 'Aide', unknown: 'Pas compris' };

/** The bookings a run changed, with the names they refer to. */
export interface Changes {
  rows: AuditRow[];
  names: Names;
}

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

const changesTable = (town: Town, changes: Changes) => (changes.rows.length ? auditTable(changes.rows, changes.names, town, 'Changements') : html`<p>Aucun changement de réservation.</p>`);

/**
 * Choosing a family: the search form, the families a search found (or
 * none), then the chosen family's start form (`famille`: the reference
 * asked for, shown when no family has it).
 */
export function pickPage(p: { q: string; found: { hits: FamilyHit[]; total: number } | null; famille: string; family: FamilyRecord | null; guardian: GuardianRecord | null; csrf: string }): Html {
  const { q, found, famille, family, guardian } = p;
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
      ? html`<h2>Famille ${family.reference} — ${family.guardians.map((g) => g.name).join(', ')}</h2>${startForm(p.csrf, family, guardian, '')}`
      : html`<p>Cette famille n’a aucun responsable.</p>`
    : famille
      ? html`<p class="flash error" role="alert">Aucune famille n’a la référence « ${famille} ».</p>`
      : '';
  return html`<h1>Essayer l’assistant</h1>
<p>Choisissez une famille, puis écrivez comme l’un de ses parents sur Telegram ou par email : l’assistant répond comme pour de vrai (questions, boutons, réponses tapées), dans un bac à sable qui ne modifie aucune réservation.</p>
${searchForm(q)}${results}${chosen}`;
}

/** What the interpreter read in a message: one row per action, with its remarks. */
export function interpretationTable(town: Town, i: Interpretation): Html {
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
}

const buttonForms = (csrf: string, s: TrySession, e: Exchange): Html | string =>
  e.reply.buttons.length
    ? html`<div class="chat-buttons no-print">${e.reply.buttons.flat().map(
        (b) => html`<form method="post" action="/essai/bouton">${csrfField(csrf)}<input type="hidden" name="essai" value="${s.id}"><input type="hidden" name="data" value="${b.data}"><button type="submit" class="secondary">${b.label}</button></form>`,
      )}</div><p class="muted">Par email, le parent répondrait : ${e.reply.buttons.flat().map((b, i) => html`${i ? ' · ' : ''}<strong>${b.keyword}</strong>`)}</p>`
    : '';

/** The exchanges so far; only the last reply's buttons can be pressed. */
const transcript = (csrf: string, s: TrySession, exchanges: Exchange[]): Html => html`<ol class="chat">${exchanges.map(
  (e, n) => html`<li class="parent"><span class="who">${s.guardian.name}</span>${e.step.kind === 'text' ? html`<p>${e.step.text}</p>` : html`<p>[bouton] ${e.label ?? e.step.data}</p>`}</li>
<li class="assistant"><span class="who">Assistant</span><pre class="reply">${e.reply.text}</pre>${
    n === exchanges.length - 1 ? buttonForms(csrf, s, e) : e.reply.buttons.length ? html`<p class="muted">Boutons : ${e.reply.buttons.flat().map((b) => b.label).join(' · ')}</p>` : ''
  }</li>`,
)}</ol>`;

/** The sandbox conversation: its transcript, the next message's form, what was read, what changed, and "apply for real" after a first message. */
export function conversationPage(town: Town, p: { session: TrySession; family: FamilyRecord; exchanges: Exchange[]; read: Interpretation | null; changes: Changes; csrf: string }): Html {
  const { session: s, family, csrf } = p;
  const first = s.steps.length === 1 && s.steps[0]!.kind === 'text' ? s.steps[0]!.text : null;
  const full = s.steps.length >= MAX_STEPS;
  return html`<h1>Essai — ${s.guardian.name}, famille <a href="/familles/${family.id}">${family.reference}</a></h1>
<p class="note">Bac à sable : l’assistant répond comme pour de vrai, mais aucune réservation réelle ne change et rien n’est envoyé au parent.</p>
${s.guardian.accessState === 'inactive' ? html`<p class="note">Ce responsable n’a pas encore activé son accès : pour l’instant, l’assistant ne lirait pas ses messages.</p>` : ''}
<h2>Conversation</h2>
${transcript(csrf, s, p.exchanges)}
${
  full
    ? html`<p class="note">Cet essai a atteint ${MAX_STEPS} messages : recommencez-en un autre.</p>`
    : html`<form method="post" action="/essai" class="no-print">
${csrfField(csrf)}<input type="hidden" name="essai" value="${s.id}">
<label for="message">Réponse ou nouveau message du parent</label>
<textarea id="message" name="message" maxlength="${MAX_TEXT}" required></textarea>
<div class="actions"><button type="submit">Envoyer</button></div></form>`
}
<form method="post" action="/essai/recommencer" class="no-print">${csrfField(csrf)}<input type="hidden" name="essai" value="${s.id}"><div class="actions"><button type="submit" class="secondary">Recommencer</button> <a href="/essai">Choisir une autre famille</a></div></form>
${p.read ? html`<h2>Compréhension du dernier message</h2>${interpretationTable(town, p.read)}` : ''}
<h2>Changements faits dans le bac à sable</h2>
${changesTable(town, p.changes)}
${
  first !== null
    ? html`<form method="post" action="/essai/appliquer" class="no-print">
${csrfField(csrf)}<input type="hidden" name="famille" value="${family.reference}"><input type="hidden" name="responsable" value="${s.guardian.id}"><input type="hidden" name="message" value="${first}">
<div class="actions"><button type="submit" class="danger" data-confirm="Appliquer ce message pour de vrai, comme si le parent l’avait écrit ?">Appliquer pour de vrai</button></div></form>`
    : ''
}`;
}

/** A message run for real: the message, the assistant's answer, the changes, and a form for another try. */
export function appliedPage(town: Town, p: { family: FamilyRecord; guardian: GuardianRecord; text: string; answer: string; changes: Changes; csrf: string }): Html {
  const { family, guardian } = p;
  return html`<h1>Message appliqué — ${guardian.name}, famille <a href="/familles/${family.id}">${family.reference}</a></h1>
<h2>Message</h2>
<blockquote><p>${p.text}</p></blockquote>
<h2>Réponse de l’assistant</h2>
<pre class="reply">${p.answer}</pre>
<h2>Changements faits</h2>
${changesTable(town, p.changes)}
<h2>Un autre essai</h2>
${startForm(p.csrf, family, guardian, '')}`;
}
