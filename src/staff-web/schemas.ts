/**
 * The input schemas of the dashboard's routes (zod 4), and the two small
 * compilers that let fastify use them.
 *
 * Why our own compilers rather than `fastify-type-provider-zod`: that
 * package declares @fastify/swagger as a peer dependency (it also turns
 * schemas into OpenAPI documents, which the dashboard does not publish),
 * and what fastify needs from us is two functions of a few lines — a
 * validator (zod's `safeParse`, its error handed back to fastify, which
 * answers 400) and a serializer (the same for a response schema, then
 * JSON). `ZodTypeProvider` gives the handlers the parsed types.
 *
 * The routes' inputs are HTML forms and query strings: every field is a
 * string, or a list of strings when repeated (checkboxes). A schema names
 * the fields a route reads and their shape; what a field means (a date, an
 * id, a month) is still read by the route with forms.ts, which falls back
 * to a default or answers with the form and its errors, as a person needs.
 * What no browser sends — a JSON body, a nested or numeric value, a field
 * far too long, a path naming nothing — is refused here, with a French
 * page (error handler in buildStaffWeb.ts): 404 for a path, 400 otherwise.
 */
import type { FastifySchemaCompiler, FastifySerializerCompiler, FastifyTypeProvider } from 'fastify';
import { z } from 'zod';

export interface ZodTypeProvider extends FastifyTypeProvider {
  validator: this['schema'] extends z.ZodType ? z.output<this['schema']> : unknown;
  serializer: this['schema'] extends z.ZodType ? z.input<this['schema']> : unknown;
}

export const validatorCompiler: FastifySchemaCompiler<z.ZodType> =
  ({ schema }) =>
  (data) => {
    const result = schema.safeParse(data);
    return result.success ? { value: result.data } : { error: result.error };
  };

export const serializerCompiler: FastifySerializerCompiler<z.ZodType> =
  ({ schema }) =>
  (data) =>
    JSON.stringify(schema.parse(data));

/** The fields a refused input got wrong, for the 400 page ("email", "date"). */
export function fieldsOf(error: unknown): string[] {
  if (!(error instanceof z.ZodError)) return [];
  return [...new Set(error.issues.map((i) => String(i.path[0] ?? '')).filter(Boolean))];
}

/** The longest value a form field may hold (a form is 4 MB at most, the families CSV confirmed included). */
const FIELD_MAX = 4 * 1024 * 1024;

/** A form or query field: a string, or a list of strings when the name is repeated. */
const value = (max = FIELD_MAX) => z.union([z.string().max(max), z.array(z.string().max(max)).max(10_000)]).optional();

/** No prototype, as forms.ts's parser gives: no field name can reach an object's own properties. */
const bare = <T extends object>(v: T): T => Object.assign(Object.create(null) as T, v);

/** A query string reading these fields (others, such as a tracking parameter, are let through). */
export function query(...names: string[]) {
  return z.looseObject(Object.fromEntries(names.map((n) => [n, value(2_000)]))).transform(bare);
}

/** A posted form reading these fields and carrying the CSRF token. */
export function form(...names: string[]) {
  return formOf({}, ...names);
}

/** The same, with some fields of a stricter shape (a required email, a role among the roles). */
export function formOf<T extends z.ZodRawShape>(shape: T, ...names: string[]) {
  return z.looseObject({ ...Object.fromEntries(['_csrf', ...names].map((n) => [n, value()])), ...shape }).transform(bare);
}

/** Path parts. */
export const id = z.string().regex(/^\d{1,9}$/);
export const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
/** A day, or a day's CSV export ("2026-12-03.csv"). */
export const isoDayOrCsv = z.string().regex(/^\d{4}-\d{2}-\d{2}(\.csv)?$/);
export const code = z.string().regex(/^[a-z][a-z0-9_-]{0,39}$/);

export function params<T extends Record<string, z.ZodType>>(shape: T) {
  return z.object(shape);
}
