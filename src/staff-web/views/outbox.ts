/** The outbox page (/messages): data in, HTML out. */
import type { Town } from '../../core/town.js';
import { MAX_ATTEMPTS } from '../../notifications.js';
import { instantFr } from '../format.js';
import { html, type Html } from '../html.js';
import { csrfField } from '../layout.js';

export interface OutboxRow {
  id: number;
  createdAt: Date;
  channel: string;
  recipient: string;
  subject: string | null;
  body: string;
  sentAt: Date | null;
  attempts: number;
  nextAttemptAt: Date;
  lastError: string | null;
}

export function outboxPage<K extends string>(p: { state: K; states: Record<K, { label: string }>; counts: Record<K, number>; rows: OutboxRow[]; page: number; csrf: string; town: Town }): Html {
  const { state, counts, rows, csrf, town } = p;
  const STATES = p.states;
  const PAGE = p.page;
  const keys = Object.keys(STATES) as K[];
  return html`<h1>Messages envoyés aux familles</h1>
<p class="actions">${keys.map((k, i) => html`${i ? ' · ' : ''}${k === state ? html`<strong>${STATES[k].label} (${counts[k]})</strong>` : html`<a href="/messages?etat=${k}">${STATES[k].label} (${counts[k]})</a>`}`)}</p>
${(state as string) === 'attente' ? html`<p>Un message en attente part dès que son canal l’accepte (Telegram, ou email quand le serveur d’envoi est configuré) ; un échec est retenté de plus en plus tard, ${MAX_ATTEMPTS} fois au plus.</p>` : ''}
${rows.length === 0 ? html`<p>Aucun message.</p>` : html`<div class="table-wrap"><table><caption class="visually-hidden">${STATES[state].label}</caption>
<thead><tr><th scope="col">Créé le</th><th scope="col">Canal</th><th scope="col">Destinataire</th><th scope="col">Message</th><th scope="col">État</th>${(state as string) === 'echec' ? html`<th scope="col" class="no-print">Action</th>` : ''}</tr></thead>
<tbody>${rows.slice(0, PAGE).map(
        (m) => html`<tr><td>${instantFr(m.createdAt, town)}</td><td>${m.channel === 'telegram' ? 'Telegram' : m.channel === 'email' ? 'Email' : m.channel}</td><td>${m.recipient}</td><td>${m.subject ? html`<strong>${m.subject}</strong><br>` : ''}${m.body.length > 300 ? `${m.body.slice(0, 300)}…` : m.body}</td>
<td>${m.sentAt ? `envoyé le ${instantFr(m.sentAt, town)}` : m.attempts === 0 ? 'pas encore essayé' : `${m.attempts} essai(s), prochain le ${instantFr(m.nextAttemptAt, town)}`}${m.lastError ? html`<br><span class="state-absent">Erreur : ${m.lastError}</span>` : ''}</td>
${(state as string) === 'echec' ? html`<td class="no-print"><form method="post" action="/messages/${m.id}/relancer" class="inline">${csrfField(csrf)}<button type="submit" class="small">Réessayer<span class="visually-hidden"> le message ${m.id}</span></button></form></td>` : ''}</tr>`,
      )}</tbody></table></div>`}
${rows.length > PAGE ? html`<p class="no-print"><a href="/messages?etat=${state}&amp;avant=${rows[PAGE - 1]!.id}">Plus ancien →</a></p>` : ''}`;
}
