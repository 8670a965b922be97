/** Reading the browser's forms: urlencoded bodies, checked at the edge of each route. */
import { isIsoDate, type IsoDate } from '../core/time.js';

/** A parsed form: a name's values (several for repeated checkboxes). No prototype, so no key can reach one. */
export type Form = Record<string, string | string[] | undefined>;

/** Parses an application/x-www-form-urlencoded body (or a query string). */
export function parseForm(body: string): Form {
  const out: Form = Object.create(null) as Form;
  for (const [k, v] of new URLSearchParams(body)) {
    const prev = out[k];
    out[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
  return out;
}

/** The value of a field (the first when repeated), '' when absent. */
export function str(form: unknown, name: string): string {
  const v = (form as Form | undefined)?.[name];
  return (Array.isArray(v) ? v[0] : v) ?? '';
}

/** Every value of a field. */
export function all(form: unknown, name: string): string[] {
  const v = (form as Form | undefined)?.[name];
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

/** A checkbox. */
export function checked(form: unknown, name: string): boolean {
  const v = str(form, name);
  return v !== '' && v !== '0' && v !== 'non';
}

/**
 * A date the dashboard works with: a calendar date of the years 1900 to 2999.
 * Pages step from it (the next day, the weeks of its month), and stepping
 * past 9999-12-31 is out of "YYYY-MM-DD" (a RangeError, once an endless loop).
 */
export function isWebDate(value: string): value is IsoDate {
  return isIsoDate(value) && value >= '1900-01-01' && value <= '2999-12-31';
}

/** A date field, or null when absent or not a date (see isWebDate). */
export function dateField(form: unknown, name: string): IsoDate | null {
  const v = str(form, name).trim();
  return isWebDate(v) ? v : null;
}

/** A positive integer id, or null. */
export function idField(form: unknown, name: string): number | null {
  const v = str(form, name).trim();
  return /^\d{1,9}$/.test(v) && Number(v) > 0 ? Number(v) : null;
}

/** A month "AAAA-MM" of the years 1900 to 2999 (see isWebDate), or null. */
export function monthField(form: unknown, name: string): string | null {
  const v = str(form, name).trim();
  return /^(19|2\d)\d{2}-(0[1-9]|1[0-2])$/.test(v) ? v : null;
}

/** A local path to go back to after an action ("/familles/3"), never another site. */
export function safeReturn(value: string, fallback: string): string {
  // A local path only: one "/" then a path character; no scheme, no "//", "/\\", control or space
  // characters (browsers drop tabs and newlines, so "/%09/evil.example" would become "//evil.example"),
  // and the same once percent-decoded. As sent, printable ASCII only: our own links are percent-encoded,
  // and anything else ("/。evil", a raw "é") cannot go in a Location header (Node refuses it: a 500).
  const local = (v: string) => /^\/(?![\/\\])[^\s\\\u0000-\u001f\u007f]*$/.test(v);
  if (value.length > 2000 || !/^[\x21-\x7e]*$/.test(value) || !local(value)) return fallback;
  let decoded = value;
  try {
    for (let i = 0; i < 3 && /%[0-9a-f]{2}/i.test(decoded); i++) decoded = decodeURIComponent(decoded);
  } catch {
    return fallback;
  }
  if (!local(decoded)) return fallback;
  try {
    return new URL(value, 'http://staff.invalid').origin === 'http://staff.invalid' ? value : fallback;
  } catch {
    return fallback;
  }
}
