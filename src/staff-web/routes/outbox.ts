/** The outbox as staff see it: messages waiting, sent and given up (with their last error), and a retry for those. */
import { MAX_ATTEMPTS } from '../../notifications.js';
import type { Area } from '../context.js';
import { idField, str } from '../forms.js';
import { outboxPage } from '../views/outbox.js';
import { z } from 'zod';
import { form, params, query } from '../schemas.js';

const PAGE = 100;
/** The three lists, with what each reads in the outbox. */
export const STATES = {
  attente: { label: 'En attente', where: { sentAt: null, attempts: { lt: MAX_ATTEMPTS } } },
  echec: { label: 'Abandonnés (échec)', where: { sentAt: null, attempts: { gte: MAX_ATTEMPTS } } },
  envoye: { label: 'Envoyés', where: { sentAt: { not: null } } },
} as const;
export type StateKey = keyof typeof STATES;

export const outboxRoutes: Area = async (web, { ctx }) => {
  const { app, town } = ctx;

  web.get('/messages', { schema: { querystring: query('avant', 'etat') }, config: { allow: 'lists' } }, async (req, reply) => {
    const state: StateKey = (Object.keys(STATES) as StateKey[]).find((k) => k === str(req.query, 'etat')) ?? 'attente';
    const before = idField(req.query, 'avant');
    const counts = Object.fromEntries(await Promise.all((Object.keys(STATES) as StateKey[]).map(async (k) => [k, await app.db.outbox.count({ where: STATES[k].where })] as const))) as Record<StateKey, number>;
    const rows = await app.db.outbox.findMany({ where: { ...STATES[state].where, ...(before ? { id: { lt: before } } : {}) }, orderBy: { id: 'desc' }, take: PAGE + 1 });
    const csrf = ctx.csrf(reply);
    return ctx.render(req, reply, {
      title: 'Messages envoyés aux familles',
      current: 'outbox',
      body: outboxPage({ state, states: STATES, counts, rows, page: PAGE, csrf, town }),
    });
  });

  web.post<{ Params: { id: string } }>('/messages/:id/relancer', { config: { allow: 'lists' }, schema: { params: params({ id: z.string().regex(/^\d{1,12}$/) }), body: form() } }, async (req, reply) => {
    const id = Number(req.params.id);
    const done = await app.db.outbox.updateMany({ where: { id, sentAt: null, attempts: { gte: MAX_ATTEMPTS } }, data: { attempts: 0, nextAttemptAt: ctx.now() } });
    return ctx.redirect(req, reply, '/messages?etat=echec', done.count ? { kind: 'ok', lines: ['Le message repart : il est de nouveau en attente.'] } : { kind: 'error', lines: ['Ce message n’est plus en échec.'] });
  });
};
