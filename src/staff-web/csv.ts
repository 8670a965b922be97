/**
 * CSV for Excel in French: UTF-8 with a byte-order mark (so accents open
 * right), `;` between fields, CRLF line ends, fields quoted when needed. A
 * field that starts like a formula (=, @, or + and - not followed by a number) is prefixed with a quote,
 * so a name typed in a form can never run as a formula in a spreadsheet.
 */
/** What a CSV document starts with (the byte-order mark), and ends each line with. */
export const CSV_START = '\uFEFF';
export const CSV_EOL = '\r\n';

/** One CSV field, quoted when needed, a formula-like text prefixed with a quote (see above). */
export function csvField(v: string | number | null | undefined): string {
  // Most fields need nothing (one test instead of three, for the 10,000 lines of a roll call).
  if (typeof v === 'string' && !/^[=+\-@\t\r]|[";\r\n]/.test(v)) return v;
  let s = v === null || v === undefined ? '' : String(v);
  if (typeof v === 'string' && /^[=+\-@\t\r]/.test(s) && !/^[+-][\d .]+$/.test(s)) s = `'${s}`;
  return /[";\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(rows: readonly (readonly (string | number | null | undefined)[])[]): string {
  return `${CSV_START}${rows.map((r) => r.map(csvField).join(';')).join('\r\n')}\r\n`;
}

/**
 * csvField for values that repeat down a long export (a school, a class, a
 * label): each distinct value is escaped once. One per export, so it holds
 * at most that export's distinct values.
 */
export function csvFieldCache(): (v: string) => string {
  const seen = new Map<string, string>();
  return (v) => {
    let out = seen.get(v);
    if (out === undefined) seen.set(v, (out = csvField(v)));
    return out;
  };
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
  // Most numbers are stored as ten digits: no cleaning to do (a roll call formats thousands).
  const compact = /^\d{10}$/.test(phone) ? phone : phone.replace(/[\s.\-]/g, '');
  if (/^\+33\d{9}$/.test(compact)) return `+33 ${compact.slice(3, 4)} ${inPairs(compact.slice(4))}`;
  // Any other number written as digits only: in pairs, so it stays text.
  if (/^\+?\d{6,}$/.test(compact)) return compact[0] === '+' ? `+${inPairs(compact.slice(1))}` : inPairs(compact);
  return phone;
}

/** "0612345678" → "06 12 34 56 78" (an odd last digit stays alone). */
function inPairs(digits: string): string {
  let out = digits.slice(0, 2);
  for (let i = 2; i < digits.length; i += 2) out += ` ${digits.slice(i, i + 2)}`;
  return out;
}
