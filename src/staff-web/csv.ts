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
