/** The outbox as staff see it: messages waiting, sent and given up (with their last error), and a retry for those. */
import type { FastifyPluginAsync } from 'fastify';
import { MAX_ATTEMPTS } from '../../notifications.js';
import type { WebContext, AreaOptions } from '../context.js';
import { idField, str } from '../forms.js';
import { instantFr } from '../format.js';
import { html } from '../html.js';
import { csrfField } from '../layout.js';

const PAGE = 100;
const STATES = {
  attente: { label: 'En attente', where: { sentAt: null, attempts: { lt: MAX_ATTEMPTS } } },
  echec: { label: 'Abandonnés (échec)', where: { sentAt: null, attempts: { gte: MAX_ATTEMPTS } } },
  envoye: { label: 'Envoyés', where: { sentAt: { not: null } } },
} as const;
type StateKey = keyof typeof STATES;

export const outboxRoutes: FastifyPluginAsync<AreaOptions> = async (web, { ctx }) => {
  const { app, town } = ctx;

  web.get('/messages', { config: { allow: 'lists' } }, async (req, reply) => {
    const state: StateKey = (Object.keys(STATES) as StateKey[]).find((k) => k === str(req.query, 'etat')) ?? 'attente';
    const before = idField(req.query, 'avant');
    const counts = Object.fromEntries(await Promise.all((Object.keys(STATES) as StateKey[]).map(async (k) => [k, await app.db.outbox.count({ where: STATES[k].where })] as const))) as Record<StateKey, number>;
    const rows = await app.db.outbox.findMany({ where: { ...STATES[state].where, ...(before ? { id: { lt: before } } : {}) }, orderBy: { id: 'desc' }, take: PAGE + 1 });
    const csrf = ctx.csrf(req);
    return ctx.render(req, reply, {
      title: 'Messages envoyés aux familles',
      current: 'outbox',
      body: html`<h1>Messages envoyés aux familles</h1>
<p class="actions">${(Object.keys(STATES) as StateKey[]).map((k, i) => html`${i ? ' · ' : ''}${k === state ? html`<strong>${STATES[k].label} (${counts[k]})</strong>` : html`<a href="/messages?etat=${k}">${STATES[k].label} (${counts[k]})</a>`}`)}</p>
${state === 'attente' ? html`<p>Un message en attente part dès que son canal l’accepte (Telegram, ou email quand le serveur d’envoi est configuré) ; un échec est retenté de plus en plus tard, ${MAX_ATTEMPTS} fois au plus.</p>` : ''}
${rows.length === 0 ? html`<p>Aucun message.</p>` : html`<div class="table-wrap"><table><caption class="visually-hidden">${STATES[state].label}</caption>
<thead><tr><th scope="col">Créé le</th><th scope="col">Canal</th><th scope="col">Destinataire</th><th scope="col">Message</th><th scope="col">État</th>${state === 'echec' ? html`<th scope="col" class="no-print">Action</th>` : ''}</tr></thead>
<tbody>${rows.slice(0, PAGE).map(
        (m) => html`<tr><td>${instantFr(m.createdAt, town)}</td><td>${m.channel === 'telegram' ? 'Telegram' : m.channel === 'email' ? 'Email' : m.channel}</td><td>${m.recipient}</td><td>${m.subject ? html`<strong>${m.subject}</strong><br>` : ''}${m.body.length > 300 ? `${m.body.slice(0, 300)}…` : m.body}</td>
<td>${m.sentAt ? `envoyé le ${instantFr(m.sentAt, town)}` : m.attempts === 0 ? 'pas encore essayé' : `${m.attempts} essai(s), prochain le ${instantFr(m.nextAttemptAt, town)}`}${m.lastError ? html`<br><span class="state-absent">Erreur : ${m.lastError}</span>` : ''}</td>
${state === 'echec' ? html`<td class="no-print"><form method="post" action="/messages/${m.id}/relancer" class="inline">${csrfField(csrf)}<button type="submit" class="small">Réessayer<span class="visually-hidden"> le message ${m.id}</span></button></form></td>` : ''}</tr>`,
      )}</tbody></table></div>`}
${rows.length > PAGE ? html`<p class="no-print"><a href="/messages?etat=${state}&amp;avant=${rows[PAGE - 1]!.id}">Plus ancien →</a></p>` : ''}`,
    });
  });

  web.post<{ Params: { id: string } }>('/messages/:id/relancer', { config: { allow: 'lists' }, schema: { params: { type: 'object', properties: { id: { type: 'string', pattern: '^[0-9]{1,12}$' } } } } }, async (req, reply) => {
    const id = Number(req.params.id);
    const done = await app.db.outbox.updateMany({ where: { id, sentAt: null, attempts: { gte: MAX_ATTEMPTS } }, data: { attempts: 0, nextAttemptAt: ctx.now() } });
    return ctx.redirect(req, reply, '/messages?etat=echec', done.count ? { kind: 'ok', lines: ['Le message repart : il est de nouveau en attente.'] } : { kind: 'error', lines: ['Ce message n’est plus en échec.'] });
  });
};
