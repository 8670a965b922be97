/**
 * CSV for Excel in French: UTF-8 with a byte-order mark (so accents open
 * right), `;` between fields, CRLF line ends, fields quoted when needed. A
 * field that starts like a formula (=, @, or + and - not followed by a number) is prefixed with a quote,
 * so a name typed in a form can never run as a formula in a spreadsheet.
 */
export function toCsv(rows: readonly (readonly (string | number | null | undefined)[])[]): string {
  const field = (v: string | number | null | undefined) => {
    let s = v === null || v === undefined ? '' : String(v);
    if (typeof v === 'string' && /^[=+\-@\t\r]/.test(s) && !/^[+-][\d .]+$/.test(s)) s = `'${s}`;
    return /[";\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return `\uFEFF${rows.map((r) => r.map(field).join(';')).join('\r\n')}\r\n`;
}

/** The Content-Disposition of a download named `name`. */
export function attachment(name: string): string {
  return `attachment; filename="${name.replace(/[^\w.-]/g, '_')}"`;
}

/**
 * A phone number as a spreadsheet keeps it: Excel reads "0612345678" as a
 * number and drops the 0, but keeps "06 12 34 56 78" (the French way of
 * writing it) as text; "+33612345678" becomes "+33 6 12 34 56 78".
 */
export function phoneCell(phone: string): string {
  const compact = phone.replace(/[\s.\-]/g, '');
  if (/^\+33\d{9}$/.test(compact)) return `+33 ${compact.slice(3, 4)} ${compact.slice(4).replace(/(\d{2})(?=\d)/g, '$1 ')}`;
  // Any other number written as digits only: in pairs, so it stays text.
  if (/^\+?\d{6,}$/.test(compact)) return compact.replace(/(\d{2})(?=\d)/g, '$1 ');
  return phone;
}
