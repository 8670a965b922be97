/** The outbox as staff see it: messages waiting, sent and given up (with their last error), and a retry for those. */
import type { Area } from '../context.js';
import { idField, str } from '../forms.js';
import { OUTBOX_STATES, outboxCounts, outboxMessages, retryGivenUp, type OutboxState } from '../queries/outbox.js';
import { outboxPage } from '../views/outbox.js';
import { z } from 'zod';
import { form, params, query } from '../schemas.js';

const PAGE = 100;

export const outboxRoutes: Area = async (web, { ctx }) => {
  const { app, town } = ctx;

  web.get('/messages', { schema: { querystring: query('avant', 'etat') }, config: { allow: 'lists' } }, async (req, reply) => {
    const state: OutboxState = (Object.keys(OUTBOX_STATES) as OutboxState[]).find((k) => k === str(req.query, 'etat')) ?? 'attente';
    const before = idField(req.query, 'avant');
    const counts = await outboxCounts(app.db);
    const rows = await outboxMessages(app.db, state, before, PAGE + 1);
    const csrf = ctx.csrf(reply);
    return ctx.render(req, reply, {
      title: 'Messages envoyés aux familles',
      current: 'outbox',
      body: outboxPage({ state, states: OUTBOX_STATES, counts, rows, page: PAGE, csrf, town }),
    });
  });

  web.post<{ Params: { id: string } }>('/messages/:id/relancer', { config: { allow: 'lists' }, schema: { params: params({ id: z.string().regex(/^\d{1,12}$/) }), body: form() } }, async (req, reply) => {
    const id = Number(req.params.id);
    const done = await retryGivenUp(app.db, id, ctx.now());
    return ctx.redirect(req, reply, '/messages?etat=echec', done ? { kind: 'ok', lines: ['Le message repart : il est de nouveau en attente.'] } : { kind: 'error', lines: ['Ce message n’est plus en échec.'] });
  });
};
