/**
 * CSV for Excel in French: UTF-8 with a byte-order mark (so accents open
 * right), `;` between fields, CRLF line ends, fields quoted when needed. A
 * field that starts like a formula (=, @, or + and - not followed by a number) is prefixed with a quote,
 * so a name typed in a form can never run as a formula in a spreadsheet.
 */
/** What a CSV document starts with (the byte-order mark), and ends each line with. */
export const CSV_START = '\uFEFF';
export const CSV_EOL = '\r\n';

/*
 * The patterns, made once: a regular expression literal inside a function
 * is a new object at each call, and a roll call's export tests tens of
 * thousands of fields and phone numbers.
 */
const PLAIN_OR_NOT = /^[=+\-@\t\r]|[";\r\n]/;
const FORMULA_START = /^[=+\-@\t\r]/;
const SIGNED_NUMBER = /^[+-][\d .]+$/;
const NEEDS_QUOTES = /[";\r\n]/;
const QUOTES = /"/g;
const TEN_DIGITS = /^\d{10}$/;
const PHONE_PUNCTUATION = /[\s.\-]/g;
const FRENCH_INTERNATIONAL = /^\+33\d{9}$/;
const DIGITS_ONLY = /^\+?\d{6,}$/;

/** One CSV field, quoted when needed, a formula-like text prefixed with a quote (see above). */
export function csvField(v: string | number | null | undefined): string {
  // Most fields need nothing (one test instead of three, for the 10,000 lines of a roll call).
  if (typeof v === 'string' && !PLAIN_OR_NOT.test(v)) return v;
  let s = v === null || v === undefined ? '' : String(v);
  if (typeof v === 'string' && FORMULA_START.test(s) && !SIGNED_NUMBER.test(s)) s = `'${s}`;
  return NEEDS_QUOTES.test(s) ? `"${s.replace(QUOTES, '""')}"` : s;
}

/**
 * A CSV document's text (without its byte-order mark) as the bytes to send:
 * the mark, then the text in UTF-8. The mark is written as bytes because one
 * U+FEFF in a string makes V8 keep every character of it on two bytes: for a
 * city's roll call (1.2 MB of Latin-1 text) that doubled its memory and its
 * encoding time.
 */
export function csvBytes(text: string): Buffer {
  const bytes = Buffer.allocUnsafe(BOM.length + Buffer.byteLength(text));
  BOM.copy(bytes);
  bytes.write(text, BOM.length);
  return bytes;
}
const BOM = Buffer.from(CSV_START);

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
  const compact = TEN_DIGITS.test(phone) ? phone : phone.replace(PHONE_PUNCTUATION, '');
  if (FRENCH_INTERNATIONAL.test(compact)) return `+33 ${compact.slice(3, 4)} ${inPairs(compact.slice(4))}`;
  // Any other number written as digits only: in pairs, so it stays text.
  if (DIGITS_ONLY.test(compact)) return compact[0] === '+' ? `+${inPairs(compact.slice(1))}` : inPairs(compact);
  return phone;
}

/** "0612345678" → "06 12 34 56 78" (an odd last digit stays alone). */
function inPairs(digits: string): string {
  let out = digits.slice(0, 2);
  for (let i = 2; i < digits.length; i += 2) out += ` ${digits.slice(i, i + 2)}`;
  return out;
}
