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
import { MAX_BUTTON_BYTES } from '../../core/conversation/buttons.js';
import { handleMessage } from '../../core/conversation/converse.js';
import { FamilyId } from '../../core/ids.js';
import { interpret } from '../../core/interpretation/index.js';
import type { FamilyRecord, GuardianRecord } from '../../core/ports.js';
import { writeTransaction } from '../../db/transaction.js';
import { withNames } from '../auditText.js';
import type { Area } from '../context.js';
import { idField, str } from '../forms.js';
import { auditEventsAfter, lastAuditId, recordAppliedByStaff } from '../queries/audit.js';
import { MAX_STEPS, replay, TrySessions, type TrySession } from '../trySandbox.js';
import { form, query } from '../schemas.js';
import { appliedPage, conversationPage, MAX_TEXT, pickPage } from '../views/tryIt.js';

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

  web.get('/essai', { schema: { querystring: query('famille', 'q', 'responsable') } }, async (req, reply) => {
    const q = str(req.query, 'q').slice(0, 200).trim();
    const famille = str(req.query, 'famille').slice(0, 200) || (q && (await app.families.byReference(q)) ? q : '');
    const { family, guardian } = await pick(famille, idField(req.query, 'responsable'));
    const found = !family && q ? await ctx.familySearch.search(q, 20) : null;
    return ctx.render(req, reply, { title: 'Essayer l’assistant', current: 'try', body: pickPage({ q, found, famille, family, guardian, csrf: ctx.csrf(reply) }) });
  });

  /** Replays the sandbox conversation and shows it. */
  const show = async (req: FastifyRequest, reply: FastifyReply, s: TrySession, flash: string | null = null) => {
    const family = await app.families.byId(FamilyId(s.familyId));
    if (!family) return ctx.notFound(req, reply, 'Cette famille');
    const run = await replay(ctx, s);
    const changes = await withNames(app.db, run.written);
    const lastText = [...s.steps].reverse().find((t) => t.kind === 'text');
    const read = lastText?.kind === 'text' ? interpret(lastText.text, { now: lastText.at, children: family.children.map((c) => c.firstName), config: town.config, calendar: town.calendar }) : null;
    return ctx.render(req, reply, {
      title: 'Essayer l’assistant',
      current: 'try',
      flash: flash ? { kind: 'error', lines: [flash] } : null,
      body: conversationPage(town, { session: s, family, exchanges: run.exchanges, read, changes, csrf: ctx.csrf(reply) }),
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
      const last = await lastAuditId(app.db);
      const answer = await handleMessage(app.conversation, { guardian, channel: 'web', text, now: ctx.now() });
      await recordAppliedByStaff(tx, { at: ctx.now(), staffId: req.staff!.id, familyId: family.id, guardianId: guardian.id, text });
      const written = await auditEventsAfter(app.db, last);
      return { answer, written };
    });
    const changes = await withNames(app.db, run.written.filter((r) => r.action !== 'conversation.applied_by_staff'));
    return ctx.render(req, reply, {
      title: 'Essayer l’assistant',
      current: 'try',
      flash: { kind: 'ok', lines: [`Appliqué pour de vrai, comme si ${guardian.name} avait écrit ce message (la réponse ne lui est pas envoyée).`] },
      body: appliedPage(town, { family, guardian, text, answer: run.answer.text, changes, csrf: ctx.csrf(reply) }),
    });
  });
};
