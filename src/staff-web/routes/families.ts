/** Families: the search, a family's page, and adding or editing one by hand (the pages: views/families.ts). */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { saveFamily, type ChildForm, type FieldError, type GuardianForm } from '../../core/families/saveFamily.js';
import { ChildId, FamilyId, GuardianId } from '../../core/ids.js';
import type { FamilyRecord } from '../../core/ports.js';
import type { Area } from '../context.js';
import { checked, monthField, str } from '../forms.js';
import { numericDate } from '../format.js';
import { bookingMonth } from './bookings.js';
import { form, id, params, query } from '../schemas.js';
import { familyFormPage, familyPage, familySearchPage, MAX_ROWS } from '../views/families.js';

export const familyRoutes: Area = async (web, { ctx }) => {
  const { app } = ctx;

  web.get('/familles', { schema: { querystring: query('q') } }, async (req, reply) => {
    const q = str(req.query, 'q').slice(0, 200);
    const { hits, total } = await ctx.familySearch.search(q);
    return ctx.render(req, reply, {
      title: 'Familles',
      current: 'families',
      body: familySearchPage({ q, hits, total }),
    });
  });

  web.get<{ Params: { id: string } }>('/familles/:id', { schema: { params: params({ id }), querystring: query('mois') } }, async (req, reply) => {
    const family = /^\d{1,9}$/.test(req.params.id) ? await app.families.byId(FamilyId(Number(req.params.id))) : null;
    if (!family) return ctx.notFound(req, reply, 'Cette famille');
    const month = monthField(req.query, 'mois') ?? ctx.workingDay().slice(0, 7);
    const page = familyPage(ctx.town, { family, bookings: await bookingMonth(ctx, family, month), csrf: ctx.csrf(reply) });
    return ctx.render(req, reply, { ...page, current: 'families' });
  });

  const familyForm = (req: FastifyRequest, reply: FastifyReply, p: { family: FamilyRecord | null; reference: string; guardians: GuardianForm[]; children: ChildForm[]; errors: FieldError[] }) => {
    const page = familyFormPage({ ...p, csrf: ctx.csrf(reply) });
    return ctx.render(req, reply, { ...page, current: 'families' });
  };

  const fromRecord = (f: FamilyRecord) => ({
    guardians: f.guardians.map((g) => ({ id: g.id, name: g.name, email: g.email ?? '', phone: g.phone ?? '' })),
    children: f.children.map((c) => ({ id: c.id, firstName: c.firstName, lastName: c.lastName, birthDate: numericDate(c.birthDate), school: c.school, className: c.className, mealType: c.mealType, pai: c.pai })),
  });

  const fromBody = (body: unknown) => {
    const guardians: GuardianForm[] = [];
    const children: ChildForm[] = [];
    const id = (v: string) => (/^\d{1,9}$/.test(v) ? Number(v) : null);
    for (let i = 0; i <= MAX_ROWS; i++) {
      const gid = id(str(body, `g${i}_id`));
      if (gid !== null || str(body, `g${i}_name`) || str(body, `g${i}_email`) || str(body, `g${i}_phone`)) {
        guardians.push({ ...(gid !== null ? { id: GuardianId(gid) } : {}), name: str(body, `g${i}_name`), email: str(body, `g${i}_email`), phone: str(body, `g${i}_phone`) });
      }
      const cid = id(str(body, `c${i}_id`));
      const fields = ['firstName', 'lastName', 'birthDate', 'school', 'className'] as const;
      if (cid !== null || fields.some((f) => str(body, `c${i}_${f}`).trim())) {
        children.push({
          ...(cid !== null ? { id: ChildId(cid) } : {}),
          firstName: str(body, `c${i}_firstName`),
          lastName: str(body, `c${i}_lastName`),
          birthDate: str(body, `c${i}_birthDate`),
          school: str(body, `c${i}_school`),
          className: str(body, `c${i}_className`),
          mealType: str(body, `c${i}_mealType`) || 'standard',
          pai: checked(body, `c${i}_pai`),
        });
      }
    }
    return { guardians, children };
  };

  web.get('/familles/nouvelle', { schema: { querystring: query() } }, async (req, reply) => familyForm(req, reply, { family: null, reference: '', guardians: [], children: [], errors: [] }));

  web.get<{ Params: { id: string } }>('/familles/:id/modifier', { schema: { params: params({ id }), querystring: query() } }, async (req, reply) => {
    const family = /^\d{1,9}$/.test(req.params.id) ? await app.families.byId(FamilyId(Number(req.params.id))) : null;
    if (!family) return ctx.notFound(req, reply, 'Cette famille');
    return familyForm(req, reply, { family, reference: family.reference, ...fromRecord(family), errors: [] });
  });

  const save = async (req: FastifyRequest, reply: FastifyReply, family: FamilyRecord | null) => {
    const form = fromBody(req.body);
    const reference = family?.reference ?? str(req.body, 'reference');
    const result = await saveFamily(
      { families: app.families },
      { familyId: family?.id ?? null, reference, ...form, today: ctx.today(), actor: ctx.actor(req), channel: 'web', now: ctx.now() },
    );
    if (!result.ok) return familyForm(req, reply, { family, reference, ...form, errors: result.errors });
    const message = result.created ? `Famille ${result.reference} créée.` : result.changed ? `Famille ${result.reference} enregistrée.` : 'Aucun changement.';
    return ctx.redirect(req, reply, `/familles/${result.familyId}`, { kind: 'ok', lines: [message] });
  };

  web.post('/familles', { schema: { body: form() } }, async (req, reply) => save(req, reply, null));

  web.post<{ Params: { id: string } }>('/familles/:id', { schema: { params: params({ id }), body: form() } }, async (req, reply) => {
    const family = /^\d{1,9}$/.test(req.params.id) ? await app.families.byId(FamilyId(Number(req.params.id))) : null;
    if (!family) return ctx.notFound(req, reply, 'Cette famille');
    return save(req, reply, family);
  });
};
