/**
 * The roll call as CSV for Excel (data in, bytes out): one line per child,
 * in the rows' order. At a city's size that is 10,000 lines, so what
 * repeats down the file is made once: the start of the line (day, service,
 * school, class) once per class, since the rows come class by class; the
 * other repeated cells (meal, state, presence) once per value; a family's
 * phones once per family. Each line is then a dozen pieces instead of twenty-five (each
 * piece added is one more intermediate string for the garbage collector).
 */
import type { RollCallCsvRow } from '../queries/day.js';
import { CSV_EOL, CSV_START, csvBytes, csvField, csvFieldCache, phoneCell, toCsv } from '../csv.js';
import { mealLabel, stateLabel } from '../format.js';

const HEADER = ['Date', 'Service', 'École', 'Classe', 'Nom', 'Prénom', 'Régime', 'PAI', 'Allergies (PAI)', 'Protocole (PAI)', 'Téléphones', 'État', 'Présence', 'Famille'];

const presence = (a: string | null) => (a === 'present' ? 'présent' : a === 'absent' ? 'absent' : '');

/** `make(key)` once per key: for the few values a long export repeats. */
function once<K, V>(make: (key: K) => V): (key: K) => V {
  const made = new Map<K, V>();
  return (key) => {
    let v = made.get(key);
    if (v === undefined) made.set(key, (v = make(key)));
    return v;
  };
}

export function rollCallCsvBytes(p: { day: string; service: string; rows: readonly RollCallCsvRow[] }): Buffer {
  const cached = csvFieldCache();
  const lead = `${csvField(p.day)};${csvField(p.service)};`;
  const meal = once((mealType: string) => cached(mealLabel(mealType)));
  // A family's phones are one array shared by its children's rows.
  const phonesOf = once((phones: string[]) => csvField(phones.map(phoneCell).join(', ')));
  const parts: string[] = [toCsv([HEADER]).slice(CSV_START.length, -CSV_EOL.length)];
  let school: string | undefined;
  let className: string | undefined;
  let start = '';
  for (const r of p.rows) {
    if (r.school !== school || r.className !== className) {
      school = r.school;
      className = r.className;
      start = `${lead}${cached(school)};${cached(className)};`;
    }
    parts.push(
      `${start}${csvField(r.lastName)};${csvField(r.firstName)};${meal(r.mealType)}${r.pai ? ';oui;' : ';non;'}${r.paiAllergens ? csvField(r.paiAllergens) : ''};${r.paiProtocol ? csvField(r.paiProtocol) : ''};${phonesOf(r.phones)};${cached(stateLabel(r.state, r.absenceJustified))};${cached(presence(r.attendance))};${csvField(r.reference)}`,
    );
  }
  return csvBytes(`${parts.join(CSV_EOL)}${CSV_EOL}`);
}
