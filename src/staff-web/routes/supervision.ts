/**
 * Supervision on the day's page: the adults the children present need
 * under the town's ratios, beside the adults staff plan (entered here, per
 * service and day, by agents and administrateurs; audited). A fastify
 * plugin registered in the dashboard's scope (its sign-in, roles and CSRF
 * hooks apply); `daySupervision` renders the section the day page inserts.
 */
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { z } from 'zod';
import { MAX_PLANNED_ADULTS, planStaff } from '../../core/supervision/planStaff.js';
import { serviceRatios, supervisionNeed } from '../../core/supervision/ratios.js';
import type { IsoDate } from '../../core/time.js';
import type { WebContext } from '../context.js';
import { isWebDate, str } from '../forms.js';
import { form, isoDay, params } from '../schemas.js';
import { longDate, serviceLabel } from '../format.js';
import type { Html } from '../html.js';
import { supervisedChildren } from '../queries/supervision.js';
import { supervisionSection, type SupervisedServiceView } from '../views/supervision.js';

/** The form, checked at the edge: a service code and a whole number of adults, 0 to 200. */
const planForm = z.object({
  service: z.string().trim().min(1).max(40),
  adultes: z
    .string()
    .trim()
    .regex(/^\d{1,3}$/)
    .transform(Number)
    .pipe(z.number().int().min(0).max(MAX_PLANNED_ADULTS)),
});

/** The supervision section of the day's page, for the services running that day (`running`, the headcount's codes). */
export async function daySupervision(ctx: WebContext, reply: FastifyReply, date: IsoDate, running: readonly string[]): Promise<Html> {
  const { town } = ctx;
  const config = town.config.supervision;
  const supervised = running.filter((code) => serviceRatios(config, code));
  const [children, planned] = await Promise.all([supervisedChildren(ctx.app.db, date, supervised), ctx.staffPlans.plannedOn(date)]);
  const services: SupervisedServiceView[] = supervised.map((code) => {
    const ratios = serviceRatios(config, code)!;
    return { code, label: serviceLabel(town, code), ratios, need: supervisionNeed(children.get(code) ?? [], date, ratios, config!.pedt), planned: planned.get(code) ?? null };
  });
  return supervisionSection({
    date,
    configured: config !== undefined,
    townHasPedt: config?.pedt ?? false,
    services,
    unsupervised: running.filter((code) => !supervised.includes(code)).map((code) => serviceLabel(town, code)),
    attendanceTaken: [...children.values()].some((list) => list.some((c) => c.attendance !== null)),
    csrf: ctx.csrf(reply),
  });
}

export const supervisionRoutes: FastifyPluginAsync<{ ctx: WebContext }> = async (web, { ctx }) => {
  const { town } = ctx;

  web.post<{ Params: { date: string } }>('/jour/:date/encadrement', { config: { allow: 'lists' }, schema: { params: params({ date: isoDay }), body: form('service', 'adultes') } }, async (req, reply) => {
    if (!isWebDate(req.params.date)) return ctx.notFound(req, reply, 'Ce jour');
    const date = req.params.date;
    const back = `/jour/${date}#encadrement`;
    const raw = { service: str(req.body, 'service'), adultes: str(req.body, 'adultes') };
    const form = planForm.safeParse(raw);
    if (!form.success) {
      req.log.warn({ date, field: form.error.issues[0]?.path.join('.') }, 'staff plan refused: invalid form');
      const shown = raw.adultes.trim().slice(0, 12);
      return ctx.redirect(req, reply, back, {
        kind: 'error',
        lines: [`Rien n’a été enregistré : nombre d’adultes prévus ${shown ? `« ${shown} » ` : ''}invalide. Indiquez un nombre entier de 0 à ${MAX_PLANNED_ADULTS}.`],
      });
    }
    const { service, adultes } = form.data;
    const out = await planStaff({ plans: ctx.staffPlans, town }, { date, serviceCode: service, adults: adultes, actor: ctx.actor(req), channel: 'web', now: ctx.now() });
    if (!out.ok) {
      req.log.warn({ date, service, why: out.why }, 'staff plan refused');
      const why = {
        UNKNOWN_SERVICE: 'service inconnu.',
        NOT_RUNNING: 'ce service ne fonctionne pas ce jour-là.',
        INVALID_ADULTS: `indiquez un nombre entier de 0 à ${MAX_PLANNED_ADULTS}.`,
      }[out.why];
      return ctx.redirect(req, reply, back, { kind: 'error', lines: [`Rien n’a été enregistré : ${why}`] });
    }
    return ctx.redirect(req, reply, back, {
      kind: 'ok',
      lines: [`Encadrement enregistré : ${serviceLabel(town, service)}, ${longDate(date)} — ${adultes} adulte${adultes > 1 ? 's' : ''} prévu${adultes > 1 ? 's' : ''}${out.before !== null && out.before !== adultes ? ` (au lieu de ${out.before})` : ''}.`],
    });
  });
};
