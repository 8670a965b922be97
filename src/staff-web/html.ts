/**
 * HTML written with a tagged template that escapes every interpolated value:
 * `html\`<td>${family.reference}</td>\`` can never inject markup. Only what
 * is already `Html` (another template, or `raw()` on trusted markup such as
 * a generated SVG) goes through as is; arrays are joined.
 */

/** Markup that is safe to put in a page as is. */
export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for an element's content or a quoted attribute. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

/** A value a template may hold: text and numbers are escaped, null/undefined/false print nothing. */
export type Value = Html | string | number | boolean | null | undefined | readonly Value[];

function render(value: Value): string {
  if (value === null || value === undefined || value === false || value === true) return '';
  if (value instanceof Html) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value));
}

/** The template tag: escapes every value (see the module comment). */
export function html(strings: TemplateStringsArray, ...values: Value[]): Html {
  let out = strings[0]!;
  for (let i = 0; i < values.length; i++) out += render(values[i]!) + strings[i + 1]!;
  return new Html(out);
}

/** Trusted markup, unescaped: only for what this program generated itself. */
export function raw(markup: string): Html {
  return new Html(markup);
}

/** `selected`/`checked`-style boolean attribute. */
export function attr(name: string, on: boolean): Html {
  return new Html(on ? ` ${name}` : '');
}
